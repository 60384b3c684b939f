package language

import (
	"strings"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// PTBWords turns the tokens of one sentence into the words the tagger was
// trained on: Penn Treebank conventions as Stanford CoreNLP writes them.
// Possessive and contracted endings are split off ("Russia's" → "Russia"
// "'s", "don't" → "do" "n't"), quotes become “ and ”, brackets -LRB- and
// -RRB-, dashes "--", and curly apostrophes straight ones. Each word keeps
// the span of text it covers, so tags map straight back onto the text.
//
// dst is reused; the returned slice holds the words of tokens [first, end).
func PTBWords(text string, tokens []doc.Token, first, end int, dst []doc.Word, forms []string) ([]doc.Word, []string) {
	dst, forms = dst[:0], forms[:0]
	for i := first; i < end; i++ {
		t := tokens[i]
		s := text[t.Start:t.End]
		if t.Kind == doc.TokPunct || t.Kind == doc.TokSymbol {
			prevEnd := -1
			if i > first {
				prevEnd = tokens[i-1].End
			}
			forms = append(forms, ptbPunct(s, prevEnd == t.Start))
			dst = append(dst, doc.Word{Span: t.Span, Token: i})
			continue
		}
		if t.Kind == doc.TokWord {
			if cut := clitic(s); cut > 0 && cut < len(s) {
				forms = append(forms, foldApostrophe(s[:cut]), foldApostrophe(s[cut:]))
				dst = append(dst,
					doc.Word{Span: doc.Span{Start: t.Start, End: t.Start + cut}, Token: i},
					doc.Word{Span: doc.Span{Start: t.Start + cut, End: t.End}, Token: i})
				continue
			}
		}
		forms = append(forms, foldApostrophe(s))
		dst = append(dst, doc.Word{Span: t.Span, Token: i})
	}
	return dst, forms
}

// clitic returns where a clitic ending starts in word s ("'s", "n't", "'re",
// "'ve", "'ll", "'d", "'m"), or 0. "can't" splits as "ca" "n't", like the
// treebank.
func clitic(s string) int {
	n := len(s)
	lower := func(a, b int) string { return strings.ToLower(s[a:b]) }
	// n't
	if n > 3 {
		if i := n - 3; lower(i, n) == "n't" {
			return i
		}
		if i := n - 5; i > 0 && lower(i, n) == "n\u2019t" {
			return i
		}
	}
	for _, suf := range [...]string{"'s", "'re", "'ve", "'ll", "'d", "'m", "\u2019s", "\u2019re", "\u2019ve", "\u2019ll", "\u2019d", "\u2019m"} {
		if n > len(suf) && strings.EqualFold(s[n-len(suf):], suf) {
			return n - len(suf)
		}
	}
	return 0
}

// foldApostrophe makes curly apostrophes straight, as in the training data;
// it allocates only when there is one to fold.
func foldApostrophe(s string) string {
	if !strings.ContainsRune(s, '\u2019') && !strings.ContainsRune(s, '\u2018') {
		return s
	}
	return strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s)
}

// ptbPunct maps a punctuation token to its treebank form. attached says the
// token touches the previous one (no space between), which decides whether a
// straight double quote opens or closes.
func ptbPunct(s string, attached bool) string {
	switch s {
	case "\u201c", "\u201e", "``", "\u00ab":
		return "``"
	case "\u201d", "''", "\u00bb":
		return "''"
	case "\"":
		if attached {
			return "''"
		}
		return "``"
	case "\u2018":
		return "`"
	case "\u2019":
		return "'"
	case "(":
		return "-LRB-"
	case ")":
		return "-RRB-"
	case "[":
		return "-LSB-"
	case "]":
		return "-RSB-"
	case "{":
		return "-LCB-"
	case "}":
		return "-RCB-"
	case "\u2014", "\u2013", "\u2012", "\u2015":
		return "--"
	case "\u2026", ". . .":
		return "..."
	}
	if r, _ := utf8.DecodeRuneInString(s); r == '\u2014' || r == '\u2013' {
		return "--"
	}
	return s
}
