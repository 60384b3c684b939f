package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// build writes the cleaned text from the units that were kept, minus the
// inline removals, and records the offset map. Paragraphs are separated by
// "\n\n"; inside a paragraph all whitespace is one ASCII space; invisible
// characters are dropped.
func build(d *doc.Document, units []unit) {
	src := d.Input.Source
	w := writer{src: src}
	w.b.Grow(len(src) - d.Input.BodyStart)
	ri := 0 // next removal that may overlap the current unit
	structured := len(d.Input.Blocks) > 0
	breakPending := true
	prevEnd := -1 // end of the last kept piece, for join decisions
	for i := range units {
		u := &units[i]
		if u.blockStart {
			breakPending = true
		}
		if u.removed {
			continue
		}
		pieces := w.pieces[:0]
		pos := u.Start
		for ri < len(d.Removed) && d.Removed[ri].Span.End <= u.Start {
			ri++
		}
		for j := ri; j < len(d.Removed) && d.Removed[j].Span.Start < u.End; j++ {
			r := d.Removed[j].Span
			if r.Start > pos {
				pieces = append(pieces, doc.Span{Start: pos, End: r.Start})
			}
			if r.End > pos {
				pos = r.End
			}
		}
		if pos < u.End {
			pieces = append(pieces, doc.Span{Start: pos, End: u.End})
		}
		w.pieces = pieces
		if !hasContent(src, pieces) {
			continue
		}
		first := src[pieces[0].Start:pieces[0].End]
		newPara := structured || breakPending || prevEnd < 0 || !continuesLine(src[:prevEnd], first)
		if newPara {
			w.paragraph(pieces[0].Start)
		} else {
			w.joinSpace(prevEnd)
		}
		for _, p := range pieces {
			w.copy(p)
			w.pendingSpace(p.End) // a removal between pieces leaves a space
		}
		w.clearPending()
		prevEnd = pieces[len(pieces)-1].End
		breakPending = false
	}
	d.Text = w.b.String()
	d.Map = w.m
	d.Normalized = w.norm
}

// continuesLine decides whether a line continues the paragraph of the line
// before (hard-wrapped plain text) rather than starting a new one.
func continuesLine(before, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(before, isSpaceOrInvisible))
	firstR, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(firstR) {
		return true
	}
	switch last {
	case '.', '!', '?', ':', ';', '"', '\u201d', '\u2019', '\'', ')', ']', '\u2026':
		return false
	}
	return unicode.IsLetter(last) || unicode.IsDigit(last) || last == ','
}

func isSpaceOrInvisible(r rune) bool { return isSpace(r) || isInvisible(r) }

func hasContent(src string, pieces []doc.Span) bool {
	for _, p := range pieces {
		for _, r := range src[p.Start:p.End] {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return true
			}
		}
	}
	return false
}

// writer accumulates cleaned text and its offset map.
type writer struct {
	src     string
	b       strings.Builder
	m       doc.OffsetMap
	pieces  []doc.Span
	pend    bool // a space is due before the next visible character
	pendSrc int  // where that space comes from in the source
	pendN   int  // its source length (0 when it stands for a join)
	norm    doc.Normalized
}

func (w *writer) paragraph(src int) {
	w.pend = false
	if w.b.Len() > 0 {
		w.m.AddReplaced(w.b.Len(), src, 2, 0)
		w.b.WriteString("\n\n")
	}
}

func (w *writer) joinSpace(src int) {
	w.pend, w.pendSrc, w.pendN = true, src, 0
}

func (w *writer) pendingSpace(src int) {
	if !w.pend {
		w.pend, w.pendSrc, w.pendN = true, src, 0
	}
}

func (w *writer) clearPending() { w.pend = false }

// copy appends source span p, normalising whitespace and dropping invisible
// characters. Leading spaces of a paragraph are dropped because pend is
// false at a paragraph start and only set by a space after visible text.
func (w *writer) copy(p doc.Span) {
	atStart := w.b.Len() == 0 || strings.HasSuffix(w.b.String(), "\n\n")
	for i := p.Start; i < p.End; {
		if j := plainRun(w.src, i, p.End); j > i {
			// Most of an article is copied unchanged: one map run and one
			// write for the stretch, not one per byte.
			w.flushSpace()
			w.m.Add(w.b.Len(), i, j-i)
			w.b.WriteString(w.src[i:j])
			atStart = false
			i = j
			continue
		}
		c := w.src[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				if !atStart && !w.pend {
					w.pend, w.pendSrc, w.pendN = true, i, 1
				}
				i++
				continue
			case c < 0x20 || c == 0x7f:
				w.norm.Invisible++
				i++
				continue
			}
			w.flushSpace()
			w.m.Add(w.b.Len(), i, 1)
			w.b.WriteByte(c)
			atStart = false
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w.src[i:])
		switch {
		case isSpace(r):
			w.norm.Spaces++
			if !atStart && !w.pend {
				w.pend, w.pendSrc, w.pendN = true, i, n
			}
		case isInvisible(r):
			w.norm.Invisible++ // dropped
		default:
			w.flushSpace()
			w.m.Add(w.b.Len(), i, n)
			w.b.WriteString(w.src[i : i+n])
			atStart = false
		}
		i += n
	}
}

// plainRun returns the end of the stretch of src from i (up to end) that
// copy writes unchanged: visible characters, and single ASCII spaces
// between visible ASCII characters (a space is written as itself and mapped
// to itself). Everything else (other whitespace, invisible characters,
// invalid UTF-8) ends the stretch and goes through copy's general loop.
func plainRun(src string, i, end int) int {
	j := i
	for j < end {
		c := src[j]
		switch {
		case c > ' ' && c < 0x7f:
			j++
			continue
		case c == ' ':
			if j > i && j+1 < end && src[j+1] > ' ' && src[j+1] < 0x7f {
				j += 2
				continue
			}
		case c >= utf8.RuneSelf:
			if r, n := utf8.DecodeRuneInString(src[j:]); j+n <= end && !isSpace(r) && !isInvisible(r) {
				j += n
				continue
			}
		}
		break
	}
	return j
}

func (w *writer) flushSpace() {
	if !w.pend {
		return
	}
	w.pend = false
	if w.pendN == 1 {
		w.m.Add(w.b.Len(), w.pendSrc, 1)
	} else {
		w.m.AddReplaced(w.b.Len(), w.pendSrc, 1, w.pendN)
	}
	w.b.WriteByte(' ')
}
