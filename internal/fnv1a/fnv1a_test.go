package fnv1a

import (
	"hash/fnv"
	"testing"
)

// The hashes equal the standard library's FNV-1a, for strings and bytes.
func TestMatchesHashFNV(t *testing.T) {
	for _, s := range []string{"", "a", "Zakharova", "suffix=ova", "\xff\x00é"} {
		h64, h32 := fnv.New64a(), fnv.New32a()
		h64.Write([]byte(s))
		h32.Write([]byte(s))
		if Hash64(s) != h64.Sum64() || Hash64([]byte(s)) != h64.Sum64() {
			t.Errorf("Hash64(%q) = %d, want %d", s, Hash64(s), h64.Sum64())
		}
		if Hash32(s) != h32.Sum32() || Hash32([]byte(s)) != h32.Sum32() {
			t.Errorf("Hash32(%q) = %d, want %d", s, Hash32(s), h32.Sum32())
		}
	}
}
