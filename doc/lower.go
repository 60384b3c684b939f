package doc

import (
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
	type ref struct {
		start, end int
		changed    bool // in b, not in d.Text
	}
	refs := make([]ref, len(d.Words))
	var b []byte
	for i, w := range d.Words {
		f := d.Text[w.Start:w.End]
		if isLowerASCII(f) {
			refs[i] = ref{w.Start, w.End, false}
			continue
		}
		start := len(b)
		for _, c := range f {
			if c == '\u2019' {
				c = '\''
			}
			b = utf8.AppendRune(b, unicode.ToLower(c))
		}
		refs[i] = ref{start, len(b), true}
	}
	changed := string(b)
	out := make([]string, len(d.Words))
	for i, r := range refs {
		if r.changed {
			out[i] = changed[r.start:r.end]
		} else {
			out[i] = d.Text[r.start:r.end]
		}
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
