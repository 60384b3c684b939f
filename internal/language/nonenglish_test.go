package language_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/internal/language"
)

// The tagger is English: for articles in other languages the language layer
// is empty (no "people" such as "Jangan", "Dan", "Nunca" or "Assista"), and
// an English article gets the same empty layer when its language says it is
// not English.
func TestNonEnglishHasNoEntities(t *testing.T) {
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
		if d.English() || len(d.Words) != 0 || len(d.Entities) != 0 || len(d.TitleWords) != 0 {
			t.Errorf("%s (%s): %d words, %d entities %v, %d title words", f, d.Meta.Language, len(d.Words), len(d.Entities), d.Entities, len(d.TitleWords))
		}
	}
	raw, err := os.ReadFile("../../examples/wire-story.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := credence.Document(context.Background(), raw, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entities) == 0 {
		t.Fatal("the English example has no entities")
	}
	d.Meta.Language = "pt"
	if err := language.Annotate(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Words) != 0 || len(d.Entities) != 0 || len(d.TitleWords) != 0 {
		t.Errorf("language pt: %d words, %d entities", len(d.Words), len(d.Entities))
	}
}
