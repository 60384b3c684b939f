package tagger

import (
	"os"
	"testing"
)

const devPath = "../../../shared/datasets/nlp/polnear-corenlp-dev.tsv"

func devSentences(tb testing.TB) []Sentence {
	tb.Helper()
	if _, err := os.Stat(devPath); err != nil {
		tb.Skipf("shared datasets not available (%s): %v", devPath, err)
	}
	dev, err := ReadCoreNLPTSV(devPath)
	if err != nil {
		tb.Fatal(err)
	}
	return dev
}

// BenchmarkTag tags the dev set's sentences (POS and NER) with the shipped
// model and reports tokens per second on one goroutine.
func BenchmarkTag(b *testing.B) {
	dev := devSentences(b)
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	pos := make([]string, 512)
	ner := make([]string, 512)
	tokens := 0
	for _, s := range dev {
		tokens += len(s.Words)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, s := range dev {
			m.Tag(s.Words, pos[:len(s.Words)], ner[:len(s.Words)])
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(tokens), "tokens/op")
}
