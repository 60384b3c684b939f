package language_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/gazetteer"
	"github.com/credence-news/credence/internal/language"
)

var updateOutletWords = flag.Bool("update-outlet-words", false, "rewrite data/outlet-common-words.txt from the shared corpora")

// TestOutletWordsFile rebuilds the outlet-common-words list from the
// shared corpora and compares it with the shipped file.
func TestOutletWordsFile(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "datasets")
	if _, err := os.Stat(filepath.Join(dir, language.CorpusFiles[0])); err != nil {
		t.Skipf("shared datasets absent (%v)", err)
	}
	forms, err := gazetteer.OutletForms(datafile.Shipped())
	if err != nil {
		t.Fatal(err)
	}
	got, err := language.BuildOutletWords(forms, dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("data", "outlet-common-words.txt")
	if *updateOutletWords {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the rebuilt list: run go test ./internal/language -run TestOutletWordsFile -update-outlet-words", path)
	}
}
