package eval

import (
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
	"github.com/credence-news/credence/internal/tagger"
)

// The shipped tagger's scores on the silver dev split (74k tokens, about a
// second): POS accuracy ≥ 0.96 (the target) and entity F1 floors just
// under what the shipped model reaches, so that a regression shows.
func TestShippedTaggerDevScores(t *testing.T) {
	if testing.Short() {
		t.Skip("tags the dev set")
	}
	dev, err := tagger.ReadCoreNLPTSV(shareddata.Dir(t, "datasets", "nlp", "polnear-corenlp-dev.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := tagger.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := EvaluateTagger(m, dev)
	pol := s.NER.Combined("PERSON", "ORG", "LOC")
	t.Logf("dev: POS %.4f, NER F1 %.4f, PERSON+ORG+LOC F1 %.4f", s.POSAccuracy, s.NER.Overall.F1(), pol.F1())
	if s.POSAccuracy < 0.96 {
		t.Errorf("POS accuracy %.4f < 0.96", s.POSAccuracy)
	}
	if f := pol.F1(); f < 0.89 {
		t.Errorf("PERSON+ORG+LOC F1 %.4f < 0.89", f)
	}
	if f := s.NER.Overall.F1(); f < 0.90 {
		t.Errorf("NER F1 %.4f < 0.90", f)
	}
}
