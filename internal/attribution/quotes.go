package attribution

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// rawQuote is a quotation found by its marks, before speakers are known.
type rawQuote struct {
	doc.Span        // content, without marks
	open, close int // byte offsets of the marks (close = -1 when none)
	single      bool
	block       bool
	para        int  // paragraph of the opening mark
	cont        bool // continues a quote from the previous paragraph
}

// maxSingleQuoteWords bounds a quotation in single marks: British papers
// quote speech in single marks, but an unmatched apostrophe must not turn a
// paragraph into a quote.
const maxSingleQuoteWords = 60

// findQuotes finds quotations by their marks, paragraph by paragraph:
// double marks (straight, curly, guillemets, „), single marks (curly or
// straight, told apart from apostrophes by what surrounds them), quotes that
// run over several paragraphs (an opening mark on each, the closing mark on
// the last only), and block quotes without marks introduced by a paragraph
// ending in a speech cue and a colon ("She added:").
func findQuotes(d *doc.Document, l *lexicon, forms func(p int) []string, out []rawQuote) []rawQuote {
	out = out[:0]
	text := d.Text
	carry := false // the previous paragraph ended inside a double quote
	for pi, p := range d.Paragraphs {
		para := text[p.Start:p.End]
		before := len(out)
		var open bool
		out, open = scanParagraph(out, para, p.Start, pi, carry)
		carry = open
		if len(out) == before && pi > 0 && !startsWithQuote(para) && endsWithSpeechColon(text, d.Paragraphs[pi-1], l, forms(pi-1)) {
			out = append(out, rawQuote{Span: p, open: -1, close: -1, block: true, para: pi})
		}
	}
	return out
}

// startsWithQuote reports a paragraph that opens with a quotation mark.
func startsWithQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isOpenDouble(r) || r == '"' || r == '\u2018' || r == '\''
}

// endsWithSpeechColon reports a paragraph whose last sentence ends in a
// colon after a speech cue: "She added:", "In a statement, the ministry
// said:".
func endsWithSpeechColon(text string, p doc.Span, l *lexicon, forms []string) bool {
	s := strings.TrimSpace(text[p.Start:p.End])
	if !strings.HasSuffix(s, ":") {
		return false
	}
	// Look at the last few words before the colon.
	for i := len(forms) - 1; i >= 0 && i >= len(forms)-8; i-- {
		if n, kind := l.cueAt(forms, i); n > 0 && (kind == "speech" || kind == "report") {
			return true
		}
	}
	return false
}

func isOpenDouble(r rune) bool  { return r == '\u201c' || r == '\u201e' || r == '\u00ab' }
func isCloseDouble(r rune) bool { return r == '\u201d' || r == '\u00bb' }

// isQuoteMark reports the runes scanParagraph acts on.
func isQuoteMark(r rune) bool {
	return isOpenDouble(r) || isCloseDouble(r) || r == '"' || r == '\u2018' || r == '\'' || r == '\u2019'
}

// mayStartMark marks the bytes a quotation mark's UTF-8 encoding can start
// with.
var mayStartMark = func() (t [256]bool) {
	for _, r := range "\u201c\u201e\u00ab\u201d\u00bb\"\u2018'\u2019" {
		if !isQuoteMark(r) {
			panic("attribution: mayStartMark lists a rune isQuoteMark does not")
		}
		t[string(r)[0]] = true
	}
	return t
}()

// skipToMark returns the offset of the first byte from s[i] on that can
// start a quotation mark, or len(s).
func skipToMark(s string, i int) int {
	for i < len(s) && !mayStartMark[s[i]] {
		i++
	}
	return i
}

// scanParagraph pairs quotation marks in one paragraph, appending them to out. base is the
// paragraph's offset in the text; carry says a double quote was left open
// by the previous paragraph. It returns the quotes and whether a double
// quote is still open at the end.
func scanParagraph(out []rawQuote, s string, base, pi int, carry bool) ([]rawQuote, bool) {
	first := len(out)
	dOpen := -1 // byte offset in s of the open double mark, or -1
	sOpen := -1 // open single mark
	if carry && !startsWithQuote(s) {
		carry = false // the quote ended with the previous paragraph after all
	}
	// Only quotation marks open or close quotes, and every other byte is
	// skipped undecoded; the rune before a mark (prev) is decoded when a
	// mark is found, unless it is the mark just handled (which may be two
	// apostrophes standing for '"').
	prev, prevEnd := ' ', 0 // prev is the rune before prevEnd
	for i := skipToMark(s, 0); i < len(s); i = skipToMark(s, i) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\'' && i+1 < len(s) && s[i+1] == '\'' {
			// Two apostrophes stand for a double quotation mark in some
			// newspapers' archives: ''We're in a bubble,''
			r, n = '"', 2
		}
		if !isQuoteMark(r) {
			i += n
			continue
		}
		if i != prevEnd {
			prev, _ = utf8.DecodeLastRuneInString(s[:i])
		}
		next := ' '
		if i+n < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+n:])
		}
		leftSpace := isSpaceOrOpen(prev)
		rightSpace := isSpaceOrClosePunct(next)
		switch {
		case dOpen < 0 && (isOpenDouble(r) || (r == '"' && leftSpace && !unicode.IsSpace(next))):
			dOpen = i
			sOpen = -1
		case dOpen >= 0 && (isCloseDouble(r) || (r == '"' && !leftSpace)):
			out = append(out, makeQuote(s, base, pi, dOpen, i, false, carry && len(out) == first))
			dOpen = -1
		case dOpen < 0 && sOpen < 0 && (r == '\u2018' || r == '\'') && leftSpace && isWordStart(next):
			sOpen = i
		case dOpen < 0 && sOpen >= 0 && (r == '\u2019' || r == '\'') && !leftSpace && rightSpace:
			if words := countFields(s[sOpen:i]); words <= maxSingleQuoteWords {
				out = append(out, makeQuote(s, base, pi, sOpen, i, true, false))
			}
			sOpen = -1
		}
		prev, prevEnd = r, i+n
		i += n
	}
	if dOpen >= 0 {
		// Open at the paragraph's end: the quote runs on into the next
		// paragraph (which must open with a mark) or simply ends here.
		q := makeQuote(s, base, pi, dOpen, len(s), false, carry && len(out) == first)
		q.close = -1
		out = append(out, q)
		return out, true
	}
	return out, false
}

func makeQuote(s string, base, pi, open, close int, single, cont bool) rawQuote {
	_, n := utf8.DecodeRuneInString(s[open:])
	if strings.HasPrefix(s[open:], "''") {
		n = 2
	}
	start, end := open+n, close
	// Trim spaces inside the marks.
	for start < end && s[start] == ' ' {
		start++
	}
	for end > start && s[end-1] == ' ' {
		end--
	}
	q := rawQuote{Span: doc.Span{Start: base + start, End: base + end}, open: base + open, close: base + close, single: single, para: pi, cont: cont}
	return q
}

func isSpaceOrOpen(r rune) bool {
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '\u2014' || r == '\u2013' || r == '-' || isOpenDouble(r) || r == '"' || r == ':'
}

func isSpaceOrClosePunct(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(".,;:!?)]\u2014\u2013-\"\u201d\u2026", r)
}

func isWordStart(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// mergeContinuations joins a quote left open at a paragraph's end with the
// quote that opens the next paragraph: one quotation over several
// paragraphs.
func mergeContinuations(qs []rawQuote) []rawQuote {
	out := qs[:0]
	for _, q := range qs {
		if n := len(out); n > 0 && q.cont && out[n-1].close < 0 && out[n-1].para == q.para-1 && !out[n-1].block {
			out[n-1].End = q.End
			out[n-1].close = q.close
			out[n-1].para = q.para
			continue
		}
		out = append(out, q)
	}
	return out
}
