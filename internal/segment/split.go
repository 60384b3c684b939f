package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// stop classifies a token that may end a sentence.
type stop uint8

const (
	notStop   stop = iota
	fullStop       // ".", "?", "!", "?!", an ellipsis
	cjkStop        // "。", "！", "？": CJK text puts no space after them
	neverStop      // the period of a title such as "Mr."
	maybeStop      // "Inc.", "U.S.", "a.m.", an initial "W.": ends before a sentence starter
)

// splitter splits the tokens of one paragraph into sentences. Working on
// tokens rather than bytes means the tokenizer has already decided what a
// period is part of: "3.5", "U.S.", "Mr." and "x.com/a." need no second
// look here.
type splitter struct {
	text string
	toks []doc.Token // the paragraph's tokens
	lex  *lexicon
}

// split appends to out the sentences of paragraph para, whose tokens are
// toks[first:end] of the document.
func split(lex *lexicon, text string, all []doc.Token, first, end, para int, out []doc.Sentence) []doc.Sentence {
	sp := splitter{text: text, toks: all[first:end], lex: lex}
	toks := sp.toks
	start := 0
	for k := 0; k < len(toks); k++ {
		st := sp.stopAt(k)
		if st == notStop {
			continue
		}
		// Closing quotes and brackets written right after the stop belong to
		// the sentence it ends: `... over." Then`, `(... comment.) The`.
		e := k + 1
		for e < len(toks) && toks[e].Start == toks[e-1].End && sp.isCloser(e) {
			e++
		}
		if e == len(toks) {
			break // the paragraph end closes the sentence anyway
		}
		// Outside CJK a sentence boundary needs white space: "said.The" or
		// `"over."Then` in cleaned text is more likely an artefact than a
		// deliberate break, and splitting inside it would be worse.
		if st != cjkStop && toks[e].Start == toks[e-1].End {
			continue
		}
		if !sp.boundaryBefore(e, st) {
			continue
		}
		out = append(out, sentence(all, first+start, first+e, para))
		start = e
		k = e - 1
	}
	if start < len(toks) {
		out = append(out, sentence(all, first+start, end, para))
	}
	return out
}

func sentence(all []doc.Token, first, end, para int) doc.Sentence {
	return doc.Sentence{
		Span:       doc.Span{Start: all[first].Start, End: all[end-1].End},
		Paragraph:  para,
		FirstToken: first,
		EndToken:   end,
	}
}

func (sp *splitter) tokText(k int) string {
	t := sp.toks[k]
	return sp.text[t.Start:t.End]
}

// stopAt classifies token k.
func (sp *splitter) stopAt(k int) stop {
	t := sp.toks[k]
	s := sp.tokText(k)
	switch t.Kind {
	case doc.TokPunct:
		switch s[0] {
		case '.':
			if len(s) == 1 && k > 0 && sp.isInitial(k-1) && sp.toks[k-1].End == t.Start {
				// "George W. Bush", "J. K. Rowling" — but "Plan B. The".
				return maybeStop
			}
			return fullStop // ".", "...", ". . ."
		case '?', '!':
			return fullStop
		}
		switch s {
		case "…", "‽", "⁇", "⁈", "⁉":
			return fullStop
		case "。", "！", "？", "｡":
			return cjkStop
		}
	case doc.TokWord:
		// Only known and dotted abbreviations end in a period.
		if len(s) < 2 || s[len(s)-1] != '.' {
			return notStop
		}
		switch sp.lex.abbrev[s[:len(s)-1]] {
		case abbrNever, abbrBeforeNumber:
			// Number-only abbreviations are joined to their period only
			// before a number ("No. 10"), which never starts a sentence.
			return neverStop
		default: // abbrCanEnd, or an unlisted dotted word such as "U.S."
			return maybeStop
		}
	}
	return notStop
}

// isInitial reports whether token k is a single capital letter ("W" in
// "George W. Bush").
func (sp *splitter) isInitial(k int) bool {
	t := sp.toks[k]
	if t.Kind != doc.TokWord {
		return false
	}
	s := sp.tokText(k)
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && unicode.IsUpper(r)
}

// isCloser reports whether token k closes a quotation or bracket, or is a
// further stop ("?!" after a quote, the "." of `"nonsense".`). An ASCII
// quote written right after a stop can only be closing.
func (sp *splitter) isCloser(k int) bool {
	if sp.toks[k].Kind != doc.TokPunct {
		return false
	}
	switch s := sp.tokText(k); s {
	case ")", "]", "}", `"`, "'", "”", "’", "»", "›", ".", "?", "!", "…":
		return true
	default:
		return s[0] == '?' || s[0] == '!'
	}
}

// isOpener reports whether token k opens a quotation or bracket.
func (sp *splitter) isOpener(k int) bool {
	if sp.toks[k].Kind != doc.TokPunct {
		return false
	}
	switch sp.tokText(k) {
	case "(", "[", "{", `"`, "'", "“", "‘", "„", "‚", "«", "‹", "¿", "¡":
		return true
	}
	return false
}

// boundaryBefore decides whether a sentence that ended with a stop of kind st
// is followed by a new one starting at token e (after white space).
func (sp *splitter) boundaryBefore(e int, st stop) bool {
	// Look through opening quotes and brackets at the first real token:
	// `... over. "We will ...` starts a sentence at "We".
	n := e
	for skipped := 0; n < len(sp.toks) && skipped < 2 && sp.isOpener(n); skipped++ {
		n++
	}
	if n == len(sp.toks) {
		return true
	}
	switch sp.toks[n].Kind {
	case doc.TokWord:
		// A lower-case word continues the sentence: `"Is it over?" she
		// asked.`, "He said... and then", "approx. five".
		if r, _ := utf8.DecodeRuneInString(sp.tokText(n)); unicode.IsLower(r) {
			return false
		}
	case doc.TokPunct:
		// ", ; : ) —" after a stop continue the sentence.
		return false
	}
	// A capitalised word, a number, a symbol, a URL, a handle ...
	switch st {
	case neverStop:
		return false
	case maybeStop:
		return sp.isStarter(n)
	}
	return true
}

// isStarter reports whether token n is a word from starters.txt that is not
// itself an initial ("A." in "J. A. Smith").
func (sp *splitter) isStarter(n int) bool {
	t := sp.toks[n]
	if t.Kind != doc.TokWord {
		return false
	}
	w := t.Norm
	if w == "" {
		w = sp.tokText(n)
	}
	if _, ok := sp.lex.starters[w]; !ok {
		return false
	}
	if n+1 < len(sp.toks) && sp.toks[n+1].Start == t.End && sp.tokText(n+1) == "." && sp.isInitial(n) {
		return false
	}
	return true
}
