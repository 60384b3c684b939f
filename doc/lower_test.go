package doc

import (
	"strings"
	"testing"
)

// LowerWords must agree with lower-casing every word on its own, and be
// recomputed when the Words layer is replaced.
func TestLowerWords(t *testing.T) {
	words := []string{"plain", "Upper", "don’t", "DON’T", "ÉTÉ", "İstanbul", "\xffBad", "ok\xff", "\uFFFD", "x", "ΣΊΣΥΦΟΣ"}
	d := &Document{Text: strings.Join(words, " ")}
	at := 0
	for _, w := range words {
		d.Words = append(d.Words, Word{Span: Span{Start: at, End: at + len(w)}})
		at += len(w) + 1
	}
	got := d.LowerWords()
	for i, w := range words {
		if want := strings.ToLower(strings.ReplaceAll(w, "\u2019", "'")); got[i] != want {
			t.Errorf("LowerWords: word %d = %q, want %q", i, got[i], want)
		}
	}
	if again := d.LowerWords(); &again[0] != &got[0] {
		t.Errorf("LowerWords computed twice for the same layer")
	}
	d.Words = []Word{{Span: Span{Start: 0, End: 5}}, {Span: Span{Start: 6, End: 11}}}
	if got := d.LowerWords(); len(got) != 2 || got[1] != "upper" {
		t.Errorf("LowerWords after a new Words layer = %q, want [plain upper]", got)
	}
}
