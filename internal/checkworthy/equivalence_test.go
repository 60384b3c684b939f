package checkworthy

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/credence-news/credence/internal/linear"
)

// equivalenceSentences are hand-picked edge cases plus, when the data sets
// are present, every ClaimBuster and CLEF sentence.
func equivalenceSentences(t *testing.T) []string {
	s := []string{
		"", "?", "$5", "The the the the.", "I’m SURE it’s 3,5 or 3.5 — maybe 1990s?",
		"Ünemployment FELL by 12.5% in 2019 — the LOWEST since 1800.",
		"We've, we’d and we'll: İstanbul ǅemal Σίσυφος ΣΊΣΥΦΟΣ’S 700,000 ½ ² ٣ \xff\xfe bad utf8",
		"? Who? When? 2099 2100 1799 1800s 1,000,000,000 it's '90s o'clock rock'n'roll.",
	}
	if cb, err := ReadClaimBuster(filepath.Join(dataDir, "claimbuster-2.5xncs.json")); err == nil {
		for _, e := range cb {
			s = append(s, e.Text)
		}
	}
	if clef, err := ReadCLEF(filepath.Join(dataDir, "clef2019-train.csv")); err == nil {
		for _, e := range clef {
			s = append(s, e.Text)
		}
	}
	if b, err := os.ReadFile("../../examples/wire-story.txt"); err == nil {
		s = append(s, string(b))
	}
	return s
}

func TestFeaturesMatchReference(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ss := equivalenceSentences(t)
	t.Logf("%d sentences", len(ss))
	for _, s := range ss {
		want := refFeatures(s)
		if got := Features(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Features(%q)\n got %q\nwant %q", s, got, want)
		}
		z := 0.0
		var best linear.TopK
		for _, f := range want {
			w := float64(m.w[refHashFeature(f, m.bits)])
			z += w
			if w != 0 && f != "bias" {
				best.Add(Contribution{Feature: f, Weight: w})
			}
		}
		p, top := m.Score(s)
		if p != sigmoid(z) || !reflect.DeepEqual(top, best.List()) {
			t.Fatalf("Score(%q) = %v %v, want %v %v", s, p, top, sigmoid(z), best.List())
		}
	}
}
