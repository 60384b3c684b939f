//go:build data

// Slow test on the shared data (about 6,000 articles), run with -tags data
// (as CI does).

package credence_test

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

// TestSharedCorpora runs every article of the shared corpora through the
// whole pipeline: each must give a schema-valid report or an input error,
// never a panic or another error. (It found an empty-span attribution that
// no hand-written test had.)
func TestSharedCorpora(t *testing.T) {
	dir := shareddata.Dir(t, "datasets")
	check := func(name string, raw []byte, opts credence.Options) {
		rep, err := credence.Analyze(context.Background(), raw, opts)
		if err != nil {
			if !credence.IsInputError(err) {
				t.Errorf("%s: %v", name, err)
			}
			return
		}
		validateReport(t, rep)
	}
	for _, f := range []string{"articles/train.jsonl", "articles/coaid.jsonl", "articles/fakenewscorpus-sample.jsonl"} {
		fh, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 32<<20)
		for n := 1; sc.Scan(); n++ {
			var rec struct{ Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s line %d: %v", f, n, err)
			}
			check(f, []byte(rec.Text), credence.Options{Kind: "text", Title: rec.Title})
		}
		fh.Close()
	}
	for _, split := range []string{"train", "dev"} {
		texts, _ := filepath.Glob(filepath.Join(dir, "attribution", "polnear", split, "text", "*.txt"))
		for _, p := range texts {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			check(filepath.Base(p), raw, credence.Options{})
		}
	}
}
