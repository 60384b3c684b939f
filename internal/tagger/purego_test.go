//go:build purego

package tagger

import "testing"

// With -tags purego the tagger runs no assembly.
func TestPuregoHasNoVectorCode(t *testing.T) {
	if useAVX2 {
		t.Fatal("-tags purego, but sumRows would run the AVX2 code")
	}
}
