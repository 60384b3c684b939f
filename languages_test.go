package credence_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/report"
)

// The whole pipeline on articles in Indonesian, Korean, Portuguese, Spanish,
// German and French: the report says the language is not English in its
// warnings, leaves entities, quotes, attributions and claims empty, marks
// every language-dependent signal unmeasured with no percentile, matches
// the schema, and the text rendering leads with the warning.
func TestOtherLanguagesReport(t *testing.T) {
	files, _ := filepath.Glob("testdata/languages/*.txt")
	if len(files) != 6 {
		t.Fatalf("language fixtures: %v", files)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		code := strings.TrimSuffix(filepath.Base(f), ".txt")
		rep := mustAnalyze(t, raw)
		validateReport(t, rep)
		if rep.Meta.Language != code {
			t.Errorf("%s: language %q", f, rep.Meta.Language)
		}
		if len(rep.Warnings) != 1 || !strings.HasPrefix(rep.Warnings[0], "language: the article is in ") || !strings.Contains(rep.Warnings[0], "("+code+"); Credence's models are English-only") {
			t.Errorf("%s: warnings %q", f, rep.Warnings)
		}
		if len(rep.Entities)+len(rep.Quotes)+len(rep.Attributions)+len(rep.Claims) != 0 {
			t.Errorf("%s: %d entities, %d quotes, %d attributions, %d claims", f, len(rep.Entities), len(rep.Quotes), len(rep.Attributions), len(rep.Claims))
		}
		for _, s := range rep.Signals {
			if s.ID == "stray-markup" {
				continue
			}
			if !s.Unmeasured || s.Percentile != nil || s.Note == "" {
				t.Errorf("%s: signal %s measured: %+v", f, s.ID, s)
			}
		}
		var b bytes.Buffer
		if err := report.WriteText(&b, rep, report.TextOptions{Width: 400}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(b.String(), "\n")
		if len(lines) < 4 || !strings.HasPrefix(lines[3], "warning: language: the article is in ") ||
			strings.Contains(b.String(), "percentile") || !strings.Contains(b.String(), "Not measured: 16 signals (the article is not in English)") {
			t.Errorf("%s: text rendering:\n%s", f, b.String())
		}
	}
}
