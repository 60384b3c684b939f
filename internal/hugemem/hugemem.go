// Package hugemem holds large read-only tables in memory backed by huge
// pages where the system offers them.
//
// The tagger's weight tables (about 25 MB) are read at random, a few
// dozen places per word. With 4 KB pages nearly every such read also
// misses the processor's address-translation cache (it covers a few MB),
// and the page-table walk costs as much as the read. Linux backs memory
// with 2 MB pages only where asked (transparent huge pages in "madvise"
// mode, the common default), and the Go heap does not ask; so the tables
// are copied into an anonymous mapping marked MADV_HUGEPAGE.
//
// The memory is never returned to the system: an arena is for tables that
// live as long as the process (the default models, loaded once). Nothing
// in it may hold Go pointers; the garbage collector does not see it.
package hugemem

import (
	"reflect"
	"unsafe"
)

// Arena is memory for tables that are allocated together and live as
// long as the process.
type Arena struct {
	buf []byte
	off int
}

// align is where each table starts: a cache line.
const align = 64

// New returns an arena of at least size bytes, in huge pages where
// possible.
func New(size int) *Arena {
	return &Arena{buf: alloc(size + align)}
}

// Make returns a zeroed slice of n Ts from a, or from the Go heap when
// the arena is full. T must hold no pointers (Make panics otherwise): the
// garbage collector does not look into an arena.
func Make[T any](a *Arena, n int) []T {
	if n == 0 {
		return nil
	}
	noPointers(reflect.TypeFor[T]())
	var zero T
	size := n * int(unsafe.Sizeof(zero))
	start := (a.off + align - 1) &^ (align - 1)
	if start+size > len(a.buf) {
		return make([]T, n)
	}
	a.off = start + size
	return unsafe.Slice((*T)(unsafe.Pointer(&a.buf[start])), n)
}

// Copy returns a copy of s in a (capacity len(s)), or s itself when the
// arena is full. T must hold no pointers, as for Make.
func Copy[T any](a *Arena, s []T) []T {
	if len(s) == 0 {
		return s
	}
	start := a.off
	out := Make[T](a, len(s))
	if a.off == start { // the arena was full
		return s
	}
	copy(out, s)
	return out
}

// noPointers panics if values of type t hold pointers.
func noPointers(t reflect.Type) {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
	case reflect.Array:
		noPointers(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			noPointers(t.Field(i).Type)
		}
	default:
		panic("hugemem: " + t.String() + " may hold pointers")
	}
}

// Size is the room n slices of the given byte sizes take in an arena.
func Size(sizes ...int) int {
	total := 0
	for _, s := range sizes {
		total += (s + align - 1) &^ (align - 1)
	}
	return total
}
