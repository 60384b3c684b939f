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
	// The words that change are written one after another into b; ends
	// holds where each ends.
	size, n := 0, 0
	for _, w := range d.Words {
		if f := d.Text[w.Start:w.End]; !isLowerASCII(f) {
			size, n = size+len(f), n+1
		}
	}
	var b strings.Builder
	b.Grow(size)
	ends := make([]int32, 0, n)
	for _, w := range d.Words {
		f := d.Text[w.Start:w.End]
		if isLowerASCII(f) {
			continue
		}
		for _, c := range f {
			if c == '\u2019' {
				c = '\''
			}
			b.WriteRune(unicode.ToLower(c))
		}
		ends = append(ends, int32(b.Len()))
	}
	changed := b.String()
	out := make([]string, len(d.Words))
	k, start := 0, 0
	for i, w := range d.Words {
		f := d.Text[w.Start:w.End]
		if isLowerASCII(f) {
			out[i] = f
			continue
		}
		end := int(ends[k])
		out[i] = changed[start:end]
		k, start = k+1, end
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
