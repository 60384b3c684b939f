//go:build data

// Slow tests on the shared data, run with -tags data (as CI does).

package verdict_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/internal/shareddata"
)

// TestContributionsAddUpOnCorpora runs the whole pipeline over every
// article of the shared article corpora, with their URLs (so site ratings
// contribute where known), and checks every verdict's invariants: labels
// summing to 1, contributions adding up exactly to score - baseline, the
// band of the score. It also checks that no more than a few percent of the
// labelled news is abstained on.
func TestContributionsAddUpOnCorpora(t *testing.T) {
	dir := shareddata.Dir(t, "datasets", "articles")
	a, err := credence.New(credence.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"train.jsonl", "coaid.jsonl", "fakenewscorpus-sample.jsonl"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		n, judged := 0, 0
		for sc.Scan() {
			var rec struct{ ID, Title, Text, URL string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			d, err := a.Document(context.Background(), []byte(rec.Text), credence.Options{Kind: "text", Title: rec.Title, URL: rec.URL})
			if err != nil {
				if credence.IsInputError(err) {
					continue // nothing left after cleaning: no report, no verdict
				}
				t.Fatalf("%s %s: %v", name, rec.ID, err)
			}
			n++
			checkVerdict(t, name+" "+rec.ID, d)
			if !d.Credibility.Abstained {
				judged++
			}
		}
		f.Close()
		t.Logf("%s: %d articles, %d judged, %d abstained", name, n, judged, n-judged)
		if name == "train.jsonl" && float64(judged) < 0.9*float64(n) {
			t.Errorf("%s: only %d of %d articles judged", name, judged, n)
		}
	}
}
