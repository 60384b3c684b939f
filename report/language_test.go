package report

import (
	"strings"
	"testing"
)

// An article in another language: the warning comes first, right under the
// header, and the signals unmeasured for one shared reason are one line,
// not a list of zeros; a measured signal that found nothing is named in
// the "None found" line.
func TestWriteTextNonEnglish(t *testing.T) {
	warning := "language: the article is in Portuguese (pt); Credence's models are English-only, so entities, attributions, claims and language-dependent signals were not computed"
	r := &Report{
		Input:      InputInfo{Kind: "text", Bytes: 20},
		Meta:       Meta{Title: "Governo anuncia pacote", Language: "pt"},
		Text:       "O governo anunciou.",
		Paragraphs: []Span{{0, 19}},
		Warnings:   []string{warning},
		Stats:      Stats{Paragraphs: 1, Sentences: 1, Words: 3},
	}
	for _, id := range []string{"sourcing", "speculation", "sensational", "readability", "stray-markup", "clickbait"} {
		s := Signal{ID: id, Unit: "count", Note: "the article is not in English", Unmeasured: true}
		if id == "stray-markup" {
			s = Signal{ID: id, Unit: "count"}
		}
		r.Signals = append(r.Signals, s)
	}
	got := renderText(t, r, TextOptions{Width: 400})
	want := "Governo anuncia pacote\n" +
		"language pt\n" +
		"text input, 20 bytes · 1 paragraphs · 1 sentences · 3 words · 0 removed\n" +
		"warning: " + warning + "\n\n" +
		"  O governo anunciou.\n\n" +
		"How it is written (most unusual first)\n" +
		"  None found: stray markup\n" +
		"  Not measured: 5 signals (the article is not in English)\n\n" +
		"Removed: nothing\n"
	if got != want {
		t.Errorf("WriteText =\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(got, "percentile") {
		t.Error("percentiles shown")
	}
}
