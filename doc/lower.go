package doc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LowerWords returns the words lower-cased with curly apostrophes
// straightened, as strings.ToLower(strings.ReplaceAll(w, "\u2019", "'"))
// would, without a string per word: words already in lower-case ASCII are
// the text itself, the others share one string. It is computed once per
// Words layer and shared by the stages that read it (attribution,
// signals); callers must not modify it.
func (d *Document) LowerWords() []string {
	if len(d.Words) == 0 {
		return nil
	}
	if len(d.lower) == len(d.Words) && d.lowerOf == &d.Words[0] {
		return d.lower
	}
	// Words already in lower-case ASCII are the text itself; the others
	// are written one after another into b, whose String aliases what is
	// written (and never changes it), so each takes its part of it.
	out := make([]string, len(d.Words))
	size := 0
	for i, w := range d.Words {
		if f := d.Text[w.Start:w.End]; isLowerASCII(f) {
			out[i] = f
		} else {
			size += len(f)
		}
	}
	if size == 0 {
		d.lower, d.lowerOf = out, &d.Words[0]
		return out
	}
	var b strings.Builder
	b.Grow(size)
	for i, w := range d.Words {
		if out[i] != "" || w.End <= w.Start {
			continue
		}
		start := b.Len()
		for _, c := range d.Text[w.Start:w.End] {
			if c == '\u2019' {
				c = '\''
			}
			b.WriteRune(unicode.ToLower(c))
		}
		out[i] = b.String()[start:]
	}
	d.lower, d.lowerOf = out, &d.Words[0]
	return out
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}
