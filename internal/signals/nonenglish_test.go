package signals_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/signals"
)

// For an article in another language every signal but stray markup is
// unmeasured, with a note and no percentile; the list has the same signals,
// in the same order and units, as an English article's.
func TestNonEnglishSignalsUnmeasured(t *testing.T) {
	raw, err := os.ReadFile("../../examples/viral-rewrite.txt")
	if err != nil {
		t.Fatal(err)
	}
	en, err := credence.Document(context.Background(), raw, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, d *doc.Document) {
		t.Helper()
		if len(d.Signals) != len(en.Signals) {
			t.Fatalf("%s: %d signals, English has %d", name, len(d.Signals), len(en.Signals))
		}
		for i, s := range d.Signals {
			if s.ID != en.Signals[i].ID || s.Unit != en.Signals[i].Unit {
				t.Errorf("%s: signal %d is %s (%s), English has %s (%s)", name, i, s.ID, s.Unit, en.Signals[i].ID, en.Signals[i].Unit)
			}
			if s.ID == "stray-markup" {
				if s.Unmeasured {
					t.Errorf("%s: stray-markup unmeasured", name)
				}
				continue
			}
			if !s.Unmeasured || s.Note != doc.NonEnglishNote || s.Percentile >= 0 || s.Value != 0 || len(s.Evidence) != 0 {
				t.Errorf("%s: %s = %+v", name, s.ID, s)
			}
		}
	}
	files, _ := filepath.Glob("../../testdata/languages/*.txt")
	if len(files) == 0 {
		t.Fatal("no language fixtures")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := credence.Document(context.Background(), raw, credence.Options{})
		if err != nil {
			t.Fatal(err)
		}
		check(f, d)
	}
	// The stage itself decides, from the document's language.
	d, err := credence.Document(context.Background(), raw, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Meta.Language = "es"
	signals.Annotate(d)
	check("viral rewrite marked es", d)
	// Leftover markup is counted in any language.
	pt, err := os.ReadFile("../../testdata/languages/pt.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err = credence.Document(context.Background(), append(pt, "\nO texto termina com <b>marcação</b> esquecida.\n"...), credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Signals {
		if s.ID == "stray-markup" && s.Value != 2 {
			t.Errorf("stray-markup on Portuguese with two tags = %v", s.Value)
		}
	}
}
