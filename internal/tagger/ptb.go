package tagger

import (
	"strings"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/segment"
)

// Word is a Penn-Treebank-style token of raw text: Text is the token as the
// tagger sees it and Span where it is in the text.
type Word struct {
	doc.Span
	Text string
}

// Tokenize splits raw text into sentences of Penn-Treebank-style words, as
// the tagger was trained: the segment package's tokens, with possessive
// "'s", "n't" and the clitics "'m", "'re", "'ve", "'ll", "'d" split off
// ("Russia's" is "Russia" "'s", "don't" is "do" "n't"), straight double
// quotes written as the opening or closing quote token (as in the
// training data) by whether they open or close, and curly
// apostrophes straightened.
func Tokenize(text string) [][]Word {
	d := &doc.Document{Text: text}
	segment.Segment(d)
	out := make([][]Word, 0, len(d.Sentences))
	for _, s := range d.Sentences {
		out = append(out, PTBWords(text, d.Tokens[s.FirstToken:s.EndToken], nil))
	}
	return out
}

// PTBWords appends to dst the Penn-Treebank-style words of tokens (from
// the segment package) of text.
func PTBWords(text string, tokens []doc.Token, dst []Word) []Word {
	for _, t := range tokens {
		w := text[t.Start:t.End]
		if t.Norm != "" {
			w = t.Norm
		}
		if t.Kind == doc.TokPunct && w == `"` {
			// Opening when at the start or after white space or an
			// opening bracket, and followed by a non-space.
			open := t.Start == 0 || strings.ContainsRune(" \t\n\r([{", rune(text[t.Start-1]))
			if t.End < len(text) && strings.ContainsRune(" \t\n\r", rune(text[t.End])) && t.Start > 0 {
				open = false
			}
			if open {
				w = "``"
			} else {
				w = "''"
			}
			dst = append(dst, Word{t.Span, w})
			continue
		}
		if t.Kind == doc.TokWord {
			if k := cliticSplit(w); k > 0 && k < len(w) {
				// The split point in the text: at its last apostrophe
				// (which Norm may have straightened), one byte earlier
				// for "n't".
				orig := text[t.Start:t.End]
				cut := t.Start + max(strings.LastIndexAny(orig, "'’ʼ‘`´′‛"), 1)
				if strings.HasSuffix(strings.ToLower(w), "n't") {
					cut--
				}
				dst = append(dst, Word{doc.Span{Start: t.Start, End: cut}, w[:k]}, Word{doc.Span{Start: cut, End: t.End}, w[k:]})
				continue
			}
		}
		dst = append(dst, Word{t.Span, w})
	}
	return dst
}

// cliticSplit returns where to split a clitic or possessive off w, or 0.
func cliticSplit(w string) int {
	n := len(w)
	if n >= 4 && (w[n-3:] == "n't" || w[n-3:] == "N'T") {
		return n - 3
	}
	if n >= 3 && w[n-2] == '\'' {
		switch w[n-1] {
		case 's', 'S', 'm', 'M', 'd', 'D':
			return n - 2
		}
	}
	if n >= 4 && w[n-3] == '\'' {
		switch strings.ToLower(w[n-2:]) {
		case "re", "ve", "ll":
			return n - 3
		}
	}
	return 0
}
