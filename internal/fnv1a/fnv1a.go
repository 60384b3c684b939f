// Package fnv1a is the FNV-1a hash of a string or byte slice, 32 and 64
// bits, inlined and allocation-free (hash/fnv works through an interface
// and a value per call). The models hash feature names and words with it,
// so its values are part of their file formats: they must never change.
package fnv1a

const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
	offset32 = 2166136261
	prime32  = 16777619
)

// Hash64 is the 64-bit FNV-1a hash of b.
func Hash64[T string | []byte](b T) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= prime64
	}
	return h
}

// Hash32 is the 32-bit FNV-1a hash of b.
func Hash32[T string | []byte](b T) uint32 {
	h := uint32(offset32)
	for i := 0; i < len(b); i++ {
		h ^= uint32(b[i])
		h *= prime32
	}
	return h
}
