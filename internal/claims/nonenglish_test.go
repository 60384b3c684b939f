package claims_test

import (
	"path/filepath"
	"testing"

	"github.com/credence-news/credence/internal/claims"
)

// The claims model is English: articles in other languages have no claims.
func TestNonEnglishHasNoClaims(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/languages/*.txt")
	if len(files) == 0 {
		t.Fatal("no language fixtures")
	}
	for _, f := range files {
		if d := document(t, f); len(d.Claims) != 0 {
			t.Errorf("%s: %d claims", f, len(d.Claims))
		}
	}
	d := document(t, "../../examples/wire-story.txt")
	if len(d.Claims) == 0 {
		t.Fatal("the English example has no claims")
	}
	d.Meta.Language = "fr"
	if err := claims.Annotate(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Claims) != 0 {
		t.Errorf("language fr: %d claims", len(d.Claims))
	}
}
