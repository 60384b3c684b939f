//go:build !linux

package hugemem

// alloc returns memory from the Go heap: no huge pages here.
func alloc(size int) []byte { return make([]byte, size) }
