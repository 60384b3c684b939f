package checkworthy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkScoreAbove scores every sentence-like piece of the shipped
// example articles, as the claims stage does.
func BenchmarkScoreAbove(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob("../../examples/*.txt")
	var ss []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		ss = append(ss, strings.SplitAfter(string(raw), ". ")...)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, s := range ss {
			m.ScoreAbove(s, 0.25)
		}
	}
}
