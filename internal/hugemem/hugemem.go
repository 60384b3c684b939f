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

import "unsafe"

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

// Copy returns a copy of s in a (capacity len(s)), or s itself when the
// arena is full.
func Copy[T int16 | int32 | uint64](a *Arena, s []T) []T {
	if len(s) == 0 {
		return s
	}
	size := len(s) * int(unsafe.Sizeof(s[0]))
	start := (a.off + align - 1) &^ (align - 1)
	if start+size > len(a.buf) {
		return s
	}
	a.off = start + size
	out := unsafe.Slice((*T)(unsafe.Pointer(&a.buf[start])), len(s))
	copy(out, s)
	return out
}

// Size is the room n slices of the given byte sizes take in an arena.
func Size(sizes ...int) int {
	total := 0
	for _, s := range sizes {
		total += (s + align - 1) &^ (align - 1)
	}
	return total
}
