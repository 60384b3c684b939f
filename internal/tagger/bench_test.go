package tagger

import (
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
)

// devSentences reads the silver dev split of the shared data.
func devSentences(tb testing.TB) []Sentence {
	tb.Helper()
	dev, err := ReadCoreNLPTSV(shareddata.Dir(tb, "datasets", "nlp", "polnear-corenlp-dev.tsv"))
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
