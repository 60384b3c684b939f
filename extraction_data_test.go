//go:build data

// Slow test on the shared data (the pipeline on 86 pages), run with
// -tags data (as CI does).

package credence_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/internal/eval"
	"github.com/credence-news/credence/internal/shareddata"
)

// TestExtractionBeatsGoTrafilatura checks the "done when" of issue 2 on the
// benchmark's dev pages: Credence's cleaned text scores at least as high as
// go-trafilatura's published output on the same pages.
func TestExtractionBeatsGoTrafilatura(t *testing.T) {
	zyteDev := shareddata.Dir(t, "datasets", "extraction", "zyte-benchmark-dev")
	gold, err := eval.LoadZyteGold(filepath.Join(zyteDev, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	refs, err := eval.LoadReferenceOutputs(filepath.Join(zyteDev, "reference-outputs.json"))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := eval.ScoreExtraction(gold, refs["go_trafilatura"], 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := eval.PageIDs(filepath.Join(zyteDev, "html"))
	if err != nil {
		t.Fatal(err)
	}
	pred := map[string]string{}
	for _, id := range ids {
		raw, err := eval.ReadPage(filepath.Join(zyteDev, "html"), id)
		if err != nil {
			t.Fatal(err)
		}
		d, err := credence.Document(context.Background(), raw, credence.Options{Kind: "html"})
		if err != nil {
			t.Errorf("page %s: %v", id, err)
			continue
		}
		pred[id] = d.Text
	}
	got, err := eval.ScoreExtraction(gold, pred, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("go_trafilatura P %.4f R %.4f F1 %.4f; credence P %.4f R %.4f F1 %.4f",
		ref.Precision, ref.Recall, ref.F1, got.Precision, got.Recall, got.F1)
	if got.F1 < ref.F1 {
		t.Errorf("credence F1 %.4f is below go_trafilatura's %.4f", got.F1, ref.F1)
	}
}
