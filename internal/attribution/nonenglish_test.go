package attribution_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/internal/attribution"
)

// The cue lists are English: articles in other languages have no quotes and
// no attributions, but their own site is still rated from the URL.
func TestNonEnglishHasNoAttributions(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/languages/*.txt")
	if len(files) == 0 {
		t.Fatal("no language fixtures")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := credence.Document(context.Background(), raw, credence.Options{URL: "https://www.bbc.co.uk/news/x"})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Quotes) != 0 || len(d.Attributions) != 0 {
			t.Errorf("%s: %d quotes, %d attributions", f, len(d.Quotes), len(d.Attributions))
		}
		if d.SiteRating == nil || d.SiteRating.Domain != "bbc.co.uk" {
			t.Errorf("%s: site rating %+v", f, d.SiteRating)
		}
	}
	raw, err := os.ReadFile("../../examples/viral-rewrite.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := credence.Document(context.Background(), raw, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Attributions) == 0 || len(d.Quotes) == 0 {
		t.Fatal("the English example has no attributions")
	}
	d.Meta.Language = "de"
	d.Quotes, d.Attributions = nil, nil
	if err := attribution.Annotate(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 0 || len(d.Attributions) != 0 {
		t.Errorf("language de: %d quotes, %d attributions", len(d.Quotes), len(d.Attributions))
	}
}
