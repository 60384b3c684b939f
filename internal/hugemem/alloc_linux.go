//go:build linux

package hugemem

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// alloc maps size bytes of anonymous memory (zeroed) and asks for huge
// pages; when the mapping fails it falls back to the Go heap. The mapping
// is never unmapped (see the package comment).
func alloc(size int) []byte {
	const huge = 2 << 20
	size = (size + huge - 1) &^ (huge - 1)
	// One huge page more, so that the part used can start on a 2 MB
	// boundary (huge pages are aligned).
	buf, err := unix.Mmap(-1, 0, size+huge, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return make([]byte, size)
	}
	skip := 0
	if a := uintptr(unsafe.Pointer(&buf[0])) % huge; a != 0 {
		skip = int(huge - a)
	}
	used := buf[skip : skip+size]
	_ = unix.Madvise(used, unix.MADV_HUGEPAGE) // a hint: without it, 4 KB pages
	return used
}
