package tagger

import (
	"bytes"
	"testing"
)

// BenchmarkLoad measures loading the shipped model (decompression,
// decoding and the precomputed word rows): the bulk of an analyzer's
// start-up.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}
