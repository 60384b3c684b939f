// Package segment fills the paragraph, sentence and token layers of a
// doc.Document from its cleaned text.
//
// # Paragraphs
//
// A paragraph break is a blank line: a newline, optional spaces, tabs or
// carriage returns, and another newline ("\n\n" in cleaned text). A single
// newline is white space inside a paragraph. Paragraph spans are trimmed to
// their first and last token; a paragraph with no tokens is dropped.
//
// # Tokens
//
// The tokenizer is a hand-written scanner with an ASCII fast path. Every
// non-space character belongs to exactly one token. Conventions:
//
//   - Words are letters, digits and combining marks, joined by an internal
//     hyphen ("well-known", "COVID-19"), an apostrophe ' ’ or ʼ before a letter
//     ("don't", "O’Brien", "Russia's" — contractions and possessives stay ONE
//     token) or "&" between capitals ("AT&T"). A trailing apostrophe
//     ("workers'") and a leading one ("'90s") are separate punctuation, since
//     they cannot be told from quotation marks.
//   - Numbers start with a digit: "3.5", "1,000" (groups of exactly three
//     digits), "2,500.75", "10:30", "10.30", "9/11", "2020-21". Letters glued
//     on stay in the number ("3.5bn", "10th", "1990s"), so "$3.5bn" is symbol
//     "$" + number "3.5bn", and "10%" is number "10" + symbol "%". A hyphen
//     followed by a letter makes a word: "10-year-old" is one TokWord.
//   - Abbreviations keep their period in the token:
//     dotted abbreviations by shape ("U.S.", "U.K.", "a.m.", "e.g.", "Ph.D.",
//     "J.K."), and words in data/abbreviations.txt ("Mr.", "Dr.", "Corp.",
//     "etc.", "vs."). Entries marked "number" ("No.", "Jan.", "p.") join their
//     period only before a number: "No. 10" is "No." + "10", but in "The
//     answer was No." the "." is a separate full stop. Any other word keeps
//     its period separate, including initials: "J. K. Rowling" is
//     J . K . Rowling. "U.S.-led" is one word.
//   - URLs: "http://", "https://" and "www." URLs, and schemeless
//     host names ending in a domain from data/tlds.txt ("pic.twitter.com/abc",
//     "bbc.co.uk"), less trailing sentence punctuation. E-mail addresses,
//     @handles and #hashtags (with at least one letter) are single tokens.
//   - Punctuation is one token per mark, except: "..", "...", ". . ." and
//     "…" (ellipsis), "--" (dash), runs of "?" and "!" ("?!").
//   - Symbols: $ % & * + < = > ^ | ~, currency signs, ‰ § † •, emoji (with
//     modifiers and ZWJ sequences), stray # and @, control characters, and
//     each run of invalid UTF-8 bytes.
//   - Norm is set only when the token contains a typographic quote or
//     apostrophe (‘ ’ ‚ ‛ ′ ´ ʼ ` to ', “ ” „ ‟ ″ to "): "O’Brien" has Norm
//     "O'Brien", "“" has Norm `"`. Single-mark Norms are constants; only
//     words with a curly apostrophe allocate.
//
// # Sentences
//
// Sentences never cross a paragraph, and together cover its tokens. A
// sentence can end after ".", "?", "!", an ellipsis, or a period that is
// part of an abbreviation, plus any closing quotes and brackets written
// right after it; a boundary also needs white space after them. Whether it
// does end depends on the next token (looking through opening quotes and
// brackets): a lower-case word or punctuation continues the sentence
// (`"Is it over?" she asked.`); a capitalised word, number, symbol, URL,
// handle or hashtag starts a new one — except after a "never" abbreviation
// ("Mr. Lavrov"), and except after a dotted or "can-end" abbreviation or an
// initial, where it starts a new one only if it is in data/starters.txt
// ("in the U.S. The bill" splits, "the U.S. Senate" does not).
package segment

import (
	"strings"
	"sync"

	"github.com/credence-news/credence/doc"
)

// Segmenter splits text into paragraphs, sentences and tokens with one set
// of word lists (abbreviations, sentence starters, domain endings). It is
// safe for concurrent use.
type Segmenter struct{ lex *lexicon }

// shipped is the Segmenter with the embedded word lists, built when the
// package is initialised (a malformed embedded list is a bug every test
// run catches).
var shipped = &Segmenter{lex: mustLoadLexicon()}

// Segment fills d.Paragraphs, d.Sentences and d.Tokens from d.Text with the
// shipped word lists.
func Segment(d *doc.Document) { shipped.Segment(d) }

// Segment fills d.Paragraphs, d.Sentences and d.Tokens from d.Text.
func (sg *Segmenter) Segment(d *doc.Document) {
	text := d.Text
	d.Paragraphs, d.Sentences, d.Tokens = nil, nil, nil
	if text == "" {
		return
	}
	// Tokens and sentences are collected in buffers kept for the next
	// document and copied out at their final length.
	buf := bufPool.Get().(*buffers)
	defer bufPool.Put(buf)
	s := scanner{toks: buf.toks[:0], lex: sg.lex}
	paras := make([]doc.Span, 0, strings.Count(text, "\n\n")+1)
	sents := buf.sents[:0]
	for start := 0; start < len(text); {
		end, next := paragraphEnd(text, start)
		first := len(s.toks)
		s.src = text[:end]
		s.scan(start)
		if last := len(s.toks); last > first {
			sents = split(sg.lex, text, s.toks, first, last, len(paras), sents)
			paras = append(paras, doc.Span{Start: s.toks[first].Start, End: s.toks[last-1].End})
		}
		start = next
	}
	d.Paragraphs = paras
	d.Sentences = append(make([]doc.Sentence, 0, len(sents)), sents...)
	d.Tokens = append(make([]doc.Token, 0, len(s.toks)), s.toks...)
	clear(s.toks) // the Norm strings
	buf.toks, buf.sents = s.toks[:0], sents[:0]
}

// buffers hold the token and sentence lists while they grow.
type buffers struct {
	toks  []doc.Token
	sents []doc.Sentence
}

var bufPool = sync.Pool{New: func() any { return new(buffers) }}

// paragraphEnd returns the end of the paragraph that starts at start and
// where the text after its blank line starts.
func paragraphEnd(text string, start int) (end, next int) {
	i := start
	for {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return len(text), len(text)
		}
		nl := i + j
		k := nl + 1
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' || text[k] == '\v' || text[k] == '\f') {
			k++
		}
		if k >= len(text) {
			return len(text), len(text)
		}
		if text[k] == '\n' {
			return nl, k + 1
		}
		i = k
	}
}
