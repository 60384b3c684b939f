package hugemem

import (
	"slices"
	"testing"
	"unsafe"
)

func TestCopyKeepsValuesAndAlignment(t *testing.T) {
	a16 := []int16{1, -2, 3}
	a32 := []int32{-70000, 5}
	a64 := []uint64{1 << 60, 7, 9}
	a := New(Size(2*len(a16), 4*len(a32), 8*len(a64)))
	c16, c32, c64 := Copy(a, a16), Copy(a, a32), Copy(a, a64)
	if !slices.Equal(c16, a16) || !slices.Equal(c32, a32) || !slices.Equal(c64, a64) {
		t.Fatalf("copies %v %v %v, want %v %v %v", c16, c32, c64, a16, a32, a64)
	}
	for _, p := range []unsafe.Pointer{unsafe.Pointer(&c16[0]), unsafe.Pointer(&c32[0]), unsafe.Pointer(&c64[0])} {
		if uintptr(p)%align != 0 {
			t.Errorf("table at %p is not %d-byte aligned", p, align)
		}
	}
	if &c16[0] == &a16[0] || cap(c32) != len(a32) {
		t.Errorf("Copy returned the original or extra capacity (cap %d)", cap(c32))
	}
	c16[0] = 99
	if a16[0] != 1 {
		t.Error("the copy shares memory with the original")
	}
}

// A table that does not fit is left where it is.
func TestCopyWhenFullReturnsTheOriginal(t *testing.T) {
	a := New(0)
	big := make([]uint64, 1<<20) // 8 MB, more than the 2 MB the arena was rounded to
	if got := Copy(a, big); &got[0] != &big[0] {
		t.Error("a table larger than the arena was copied")
	}
}

func TestMakeRefusesPointers(t *testing.T) {
	defer func() {
		if r := recover(); r != "hugemem: string may hold pointers" {
			t.Errorf("panic %v", r)
		}
	}()
	Make[struct {
		N int
		S string
	}](New(64), 1)
}

func TestMakeStructsAndFloats(t *testing.T) {
	type row struct {
		A uint64
		B [2]int8
		C bool
	}
	a := New(Size(100*16, 10*4))
	rs := Make[row](a, 100)
	fs := Make[float32](a, 10)
	rs[99] = row{A: 1, B: [2]int8{-1, 2}, C: true}
	fs[9] = 1.5
	if rs[99].B[0] != -1 || fs[9] != 1.5 || rs[0] != (row{}) || fs[0] != 0 {
		t.Errorf("rows %v, floats %v", rs[99], fs)
	}
}
