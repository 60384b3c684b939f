package attribution

import (
	"strings"
	"testing"

	"github.com/credence-news/credence/doc"
)

// lowerWords must agree with lower-casing every word on its own.
func TestLowerWords(t *testing.T) {
	words := []string{"plain", "Upper", "don’t", "DON’T", "ÉTÉ", "İstanbul", "\xffBad", "ok\xff", "\uFFFD", "x", "ΣΊΣΥΦΟΣ"}
	d := &doc.Document{Text: strings.Join(words, " ")}
	at := 0
	for _, w := range words {
		d.Words = append(d.Words, doc.Word{Span: doc.Span{Start: at, End: at + len(w)}})
		at += len(w) + 1
	}
	got := lowerWords(d)
	for i, w := range words {
		if want := strings.ToLower(strings.ReplaceAll(w, "\u2019", "'")); got[i] != want {
			t.Errorf("lowerWords: word %d = %q, want %q", i, got[i], want)
		}
	}
}

func TestOneLine(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\u00a0b", "a\u2003 b", "\n", "ab cd ef", "a\xffb c", "é è"} {
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	}
}
