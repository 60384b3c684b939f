package verdict

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// The hashed space: word 1-2-grams in the first 2^WordBits indices,
// character 4-grams in the next 2^CharBits. The sizes are part of the
// model's file format.
const (
	WordBits = 18
	CharBits = 17
	numWords = 1 << WordBits
	numChars = 1 << CharBits
	// Hashed is the size of the hashed space.
	Hashed = numWords + numChars
)

// FNV-1a, folded to ASCII lower case as it goes, so that no token is
// copied to be hashed.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashLower(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint32(c)
		h *= fnvPrime
	}
	return h
}

// mix finalises a hash (murmur3's fmix32): FNV's low bits are weak, and
// the index is taken from them.
func mix(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// Namespaces keep a title word, a body word and a bigram apart.
var (
	nsBody   = hashLower(fnvOffset, "w|")
	nsTitle  = hashLower(fnvOffset, "t|")
	nsBigram = hashLower(fnvOffset, "b|")
	nsChar   = hashLower(fnvOffset, "c|")
)

// slot maps a raw hash to a signed index in a block of 2^bits.
func slot(h uint32, base uint32, bits uint) (idx uint32, sign float32) {
	m := mix(h)
	sign = 1
	if m>>31 == 1 {
		sign = -1
	}
	return base + m&(1<<bits-1), sign
}

// counter counts hashed features of one article: open addressing over a
// table sized for the article, reused through the extractor.
type counter struct {
	keys  []uint32 // index+1; 0 is empty
	vals  []float32
	order []int // slots in first-seen order, for a deterministic output
	// spans records, when withSpans, each feature's first occurrence in
	// the text, by slot (the word block's, for the wording's evidence).
	spans     []doc.Span
	withSpans bool
}

func (c *counter) reset(n int) {
	size := 64
	for size < 2*n {
		size <<= 1
	}
	if cap(c.keys) < size {
		c.keys = make([]uint32, size)
		c.vals = make([]float32, size)
		if c.withSpans {
			c.spans = make([]doc.Span, size)
		}
	} else {
		c.keys = c.keys[:size]
		c.vals = c.vals[:size]
		if c.spans != nil {
			c.spans = c.spans[:size]
		}
		clear(c.keys)
	}
	c.order = c.order[:0]
}

// add counts v for a feature; it reports whether the feature is new to
// this article.
func (c *counter) add(idx uint32, v float32, span doc.Span) bool {
	mask := len(c.keys) - 1
	i := int(mix(idx)) & mask
	for {
		switch c.keys[i] {
		case idx + 1:
			c.vals[i] += v
			return false
		case 0:
			c.keys[i] = idx + 1
			c.vals[i] = v
			c.order = append(c.order, i)
			if c.spans != nil {
				c.spans[i] = span
			}
			return true
		}
		i = (i + 1) & mask
	}
}

// flush appends the counted features, log-scaled (sign kept) and scaled to
// unit length, to idx and val.
func (c *counter) flush(idx []uint32, val []float32, spans []doc.Span) ([]uint32, []float32, []doc.Span) {
	// First pass: the log counts, in place, and their squared sum.
	norm := 0.0
	for _, i := range c.order {
		v := c.vals[i]
		l := logCount(v)
		norm += l * l
		if v < 0 {
			l = -l
		}
		c.vals[i] = float32(l)
	}
	if norm == 0 {
		return idx, val, spans
	}
	scale := float32(1 / math.Sqrt(norm))
	for _, i := range c.order {
		v := c.vals[i]
		if v == 0 {
			continue
		}
		idx = append(idx, c.keys[i]-1)
		val = append(val, v*scale)
		if c.spans != nil {
			spans = append(spans, c.spans[i])
		}
	}
	return idx, val, spans
}

// logCount is log(1+|v|); the counts are whole numbers, mostly small, so
// those come from a table.
func logCount(v float32) float64 {
	if v < 0 {
		v = -v
	}
	if v < float32(len(logTable)) && v == float32(int(v)) {
		return logTable[int(v)]
	}
	return math.Log1p(float64(v))
}

var logTable = func() (t [64]float64) {
	for i := range t {
		t[i] = math.Log1p(float64(i))
	}
	return t
}()

// tokenHash hashes a token that takes part in the n-grams: words,
// numbers (as one class) and the exclamation and question marks.
func tokenHash(ns uint32, text string, kind doc.TokenKind) (uint32, bool) {
	switch kind {
	case doc.TokWord, doc.TokHashtag, doc.TokHandle:
		return hashLower(ns, text), true
	case doc.TokNumber:
		return hashLower(ns, "#num"), true
	case doc.TokPunct:
		if text == "!" || text == "?" {
			return hashLower(ns, text), true
		}
	}
	return 0, false
}

// extractor holds the reusable counters of one goroutine.
type extractor struct {
	words, chars counter
	buf          []byte
	f            Features // reused by the stage
}

// hashed computes the article's hashed n-grams and counts its words.
func (x *extractor) hashed(d *doc.Document, f *Features) {
	x.words.withSpans = true
	x.words.reset(2*len(d.Tokens) + 16)
	x.chars.reset(6*len(d.Tokens) + 16)
	var prev uint32
	prevStart, havePrev := 0, false
	for _, t := range d.Tokens {
		text := d.Text[t.Start:t.End]
		if t.Norm != "" {
			text = t.Norm
		}
		h, ok := tokenHash(nsBody, text, t.Kind)
		if !ok {
			if t.Kind == doc.TokPunct && (text == "." || text == ";" || text == ":") {
				havePrev = false // no bigram across a sentence end
			}
			continue
		}
		i, s := slot(h, 0, WordBits)
		first := x.words.add(i, s, t.Span)
		if t.Kind == doc.TokWord {
			f.Words++
			// The character 4-grams are of the article's distinct words:
			// they stand for how its vocabulary is spelt and built, and
			// the word counts already weigh repetition.
			if first {
				x.charGrams(text)
			}
		}
		if havePrev {
			bi, bs := slot(hashBigram(prev, h), 0, WordBits)
			x.words.add(bi, bs, doc.Span{Start: prevStart, End: t.End})
		}
		prev, prevStart, havePrev = h, t.Start, true
	}
	for _, w := range titleTokens(d.Meta.Title) {
		i, s := slot(hashLower(nsTitle, w), 0, WordBits)
		x.words.add(i, s, doc.Span{Start: -1, End: -1}) // the title is not in Text
	}
	f.Idx, f.Val, f.Spans = x.words.flush(f.Idx[:0], f.Val[:0], f.Spans[:0])
	f.Idx, f.Val, _ = x.chars.flush(f.Idx, f.Val, nil)
}

func hashBigram(a, b uint32) uint32 {
	h := nsBigram
	for _, v := range [2]uint32{a, b} {
		for k := 0; k < 4; k++ {
			h ^= v & 0xff
			h *= fnvPrime
			v >>= 8
		}
	}
	return h
}

// charGrams adds the character 4-grams of a word padded with spaces
// (" news " gives " new", "news", "ews "), by runes, lower-cased.
func (x *extractor) charGrams(w string) {
	b := append(x.buf[:0], ' ')
	ascii := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		ascii = ascii && c < utf8.RuneSelf
		b = append(b, c)
	}
	b = append(b, ' ')
	x.buf = b
	if ascii { // one byte a character: the common case
		for k := 0; k+4 <= len(b); k++ {
			h := nsChar
			h = (h ^ uint32(b[k])) * fnvPrime
			h = (h ^ uint32(b[k+1])) * fnvPrime
			h = (h ^ uint32(b[k+2])) * fnvPrime
			h = (h ^ uint32(b[k+3])) * fnvPrime
			i, s := slot(h, numWords, CharBits)
			x.chars.add(i, s, doc.Span{})
		}
		return
	}
	// Rune starts, so that a 4-gram never cuts a character.
	var starts [64]int
	n := 0
	for i := 0; i < len(b) && n < len(starts); {
		starts[n] = i
		n++
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	for k := 0; k+4 <= n; k++ {
		end := len(b)
		if k+4 < n {
			end = starts[k+4]
		}
		h := nsChar
		for _, c := range b[starts[k]:end] {
			h ^= uint32(c)
			h *= fnvPrime
		}
		i, s := slot(h, numWords, CharBits)
		x.chars.add(i, s, doc.Span{})
	}
}

// titleTokens splits a headline into words: letters, digits and
// apostrophes, the rest separators. The title has no token layer.
func titleTokens(title string) []string {
	var out []string
	start := -1
	for i, r := range title {
		word := r == '\'' || r == '’' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127 && isLetter(r)
		if word && start < 0 {
			start = i
		} else if !word && start >= 0 {
			out = append(out, title[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, title[start:])
	}
	return out
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
