package checkworthy

import (
	"os"
	"reflect"
	"testing"

	"github.com/credence-news/credence/internal/linear"
)

// equivalenceSentences are hand-picked edge cases and the wire-story example.
func equivalenceSentences(t *testing.T) []string {
	s := []string{
		"", "?", "$5", "The the the the.", "I’m SURE it’s 3,5 or 3.5 — maybe 1990s?",
		"Ünemployment FELL by 12.5% in 2019 — the LOWEST since 1800.",
		"We've, we’d and we'll: İstanbul ǅemal Σίσυφος ΣΊΣΥΦΟΣ’S 700,000 ½ ² ٣ \xff\xfe bad utf8",
		"? Who? When? 2099 2100 1799 1800s 1,000,000,000 it's '90s o'clock rock'n'roll.",
	}
	b, err := os.ReadFile("../../examples/wire-story.txt")
	if err != nil {
		t.Fatal(err)
	}
	return append(s, string(b))
}

// sharedSentences are every ClaimBuster and CLEF sentence of the shared data.
func sharedSentences(t *testing.T) []string {
	cb, clef := loadData(t)
	var s []string
	for _, e := range cb {
		s = append(s, e.Text)
	}
	for _, e := range clef {
		s = append(s, e.Text)
	}
	return s
}

func TestFeaturesMatchReference(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("hand-picked", func(t *testing.T) { matchReference(t, m, equivalenceSentences(t)) })
	t.Run("shared-data", func(t *testing.T) { matchReference(t, m, sharedSentences(t)) })
}

// matchReference checks Features and Score against the reference code on ss.
func matchReference(t *testing.T, m *Model, ss []string) {
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
