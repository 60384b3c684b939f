// Package checkworthy scores sentences by check-worthiness: how likely a
// sentence is a factual claim worth fact-checking. The model is an L2
// logistic regression over hashed lower-cased word uni/bigrams and a few
// dense cues of checkable facts (numbers, years, comparisons, names, past
// tense, "we", hedges, questions, length). The shipped model is embedded
// (model/claims.bin.gz; see model/MODEL_CARD.md).
package checkworthy

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/credence-news/credence/internal/fnv1a"
)

// Word classes of the dense cues. Each word's classes are found with one
// map lookup (wordClasses) rather than one per class.
type wordClass uint8

const (
	moneyWord wordClass = 1 << iota
	pctWord
	cmpWord
	supWord
	irregPast
	weWord
	hedgeWord
	numberWord
)

var wordClasses = classes(map[wordClass][]string{
	moneyWord:  {"dollar", "dollars", "million", "billion", "trillion", "cents", "thousand", "hundred"},
	pctWord:    {"percent", "%", "percentage"},
	cmpWord:    {"more", "less", "fewer", "higher", "lower", "greater", "bigger", "smaller", "larger", "faster", "slower", "cheaper", "worse", "better", "increased", "decreased", "doubled", "tripled", "rose", "fell", "cut", "raised"},
	supWord:    {"most", "least", "largest", "biggest", "highest", "lowest", "worst", "best", "first", "only", "record", "ever"},
	irregPast:  {"was", "were", "had", "did", "said", "made", "went", "got", "took", "gave", "lost", "won", "rose", "fell", "paid", "spent", "built", "brought", "left", "sent", "told", "became", "came", "grew", "cut", "put", "led", "sold", "bought", "voted", "passed", "signed"},
	weWord:     {"we", "we've", "we're", "our", "us", "we'd", "we'll"},
	hedgeWord:  {"think", "believe", "maybe", "perhaps", "hope", "feel", "should", "would", "could", "might", "wonderful", "great", "terrible", "thank", "thanks", "love", "opinion", "guess", "probably", "okay", "ok", "yes", "no", "well", "please", "applause", "laughter", "crosstalk", "going"},
	numberWord: {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "trillion", "half", "third", "quarter", "twice", "percent"},
})

// classShapes has bit b of classShapes[n] set when a word of wordClasses
// has n bytes and a first byte equal to b modulo 32: a test that spares
// most words the map lookup.
var classShapes = func() (s [16]uint32) {
	for w := range wordClasses {
		if len(w) >= len(s) {
			panic("checkworthy: class word " + w + " too long for classShapes")
		}
		s[len(w)] |= 1 << (w[0] & 31)
	}
	return s
}()

func classes(lists map[wordClass][]string) map[string]wordClass {
	m := map[string]wordClass{}
	for c, ws := range lists {
		for _, w := range ws {
			m[w] |= c
		}
	}
	return m
}

// Normalize returns the text lower-cased with everything but letters and
// digits collapsed to single spaces: the key used to find the same sentence
// in two data sets.
func Normalize(s string) string {
	var b strings.Builder
	space := false
	for _, c := range strings.ToLower(s) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(c)
		} else {
			space = true
		}
	}
	return b.String()
}

func hasDigit(s string) bool {
	// Bytes, not runes: no byte of a multi-byte rune is an ASCII digit.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

func isYear(s string) bool {
	if len(s) == 5 && s[4] == 's' { // "1990s"
		s = s[:4]
	}
	if len(s) != 4 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s >= "1800" && s <= "2099"
}

// Features returns the names of the features of sentence, each once, in a
// fixed order. Word features are "w:word" and "b:word1_word2"; the dense
// cues are "cue:..." and "len:...".
func Features(sentence string) []string {
	fs := extract(sentence)
	defer featureSets.Put(fs)
	names := string(fs.arena)
	out := make([]string, len(fs.feats))
	for i, f := range fs.feats {
		out[i] = names[f.start:f.end]
	}
	return out
}

// featureSet holds the features of one sentence. Scoring runs on every
// sentence of every article, so the features are not built as a string
// each: their names go into one byte arena, are deduplicated through a small
// open-addressing table keyed by their FNV-1a hash (the model's own hash,
// computed once), and all buffers are reused through featureSets.
type featureSet struct {
	spans     [][2]int // tokens as byte ranges of the sentence
	text      []byte   // the tokens cased, lower-cased and digit-shaped, back to back
	forms     []tokenForms
	toks, low []string // substrings of string(text)
	shaped    []string // low, with numbers mapped by digitShape
	arena     []byte   // feature names, back to back
	feats     []featureRef
	table     []int32 // index into feats plus one; 0 is an empty slot
}

// tokenForms are the offsets in featureSet.text of a token's forms: as
// written [0]–[1], lower-cased [1]–[2], digit shape [2]–[3] (empty when the
// token has no digit).
type tokenForms [4]int

// featureRef is one feature: its name is arena[start:end].
type featureRef struct {
	start, end int
	hash       uint64 // FNV-1a 64 of the name
}

var featureSets = sync.Pool{New: func() any { return new(featureSet) }}

// extract returns a pooled featureSet holding the features of sentence, in
// the order Features lists them; put it back in featureSets when done.
func extract(sentence string) *featureSet {
	fs := featureSets.Get().(*featureSet)
	fs.tokenize(sentence)
	toks, low := fs.toks, fs.low

	// Every token adds at most two features and the cues at most 27: size
	// the table to stay at most half full.
	size := 64
	for size < 2*(2*len(toks)+27) {
		size *= 2
	}
	if cap(fs.table) < size {
		fs.table = make([]int32, size)
	}
	fs.table = fs.table[:size]
	clear(fs.table)
	fs.arena, fs.feats = fs.arena[:0], fs.feats[:0]

	fs.add("bias")
	prev := "<s>"
	for _, t := range fs.shaped {
		fs.add("w:", t)
		fs.add("b:", prev, "_", t)
		prev = t
	}
	fs.add("b:", prev, "_</s>")

	var num, pct, money, year, cmp, sup, names, past, we, hedge, q int
	for i, t := range low {
		var c wordClass
		if n := len(t); n < len(classShapes) && classShapes[n]&(1<<(t[0]&31)) != 0 {
			c = wordClasses[t]
		}
		switch {
		case hasDigit(t):
			num++
			if isYear(t) {
				year++
			}
		case c&numberWord != 0:
			num++
		}
		if c&pctWord != 0 {
			pct++
		}
		if c&moneyWord != 0 || t == "$" {
			money++
		}
		next := ""
		if i+1 < len(low) {
			next = low[i+1]
		}
		if (c&cmpWord != 0 || strings.HasSuffix(t, "er") && len(t) > 4) && next == "than" {
			cmp++
		} else if c&cmpWord != 0 && (t == "increased" || t == "decreased" || t == "doubled" || t == "tripled" || t == "rose" || t == "fell") {
			cmp++
		}
		if i > 0 && (low[i-1] == "the" || low[i-1] == "our" || low[i-1] == "its") && (c&supWord != 0 || strings.HasSuffix(t, "est") && len(t) > 5) {
			sup++
		}
		if i > 0 && isCapitalised(toks[i]) && t != "i" && t != "i'm" && t != "i've" && toks[i-1] != "?" {
			names++
		}
		if c&irregPast != 0 || strings.HasSuffix(t, "ed") && len(t) > 4 {
			past++
		}
		if c&weWord != 0 {
			we++
		}
		if c&hedgeWord != 0 {
			hedge++
		}
		if t == "?" {
			q++
		}
	}
	cue := func(name string, n int) {
		if n > 0 {
			fs.add("cue:", name)
		}
		if n > 1 {
			fs.add("cue:", name, "2+")
		}
	}
	cue("number", num)
	cue("percent", pct)
	cue("money", money)
	cue("year", year)
	cue("comparative", cmp)
	cue("superlative", sup)
	cue("name", names)
	cue("past", past)
	cue("we", we)
	cue("hedge", hedge)
	cue("question", q)
	if past > 0 && num > 0 {
		fs.add("cue:past+number")
	}
	if we > 0 && past > 0 {
		fs.add("cue:we+past")
	}
	n := len(toks)
	switch {
	case n < 5:
		fs.add("len:<5")
	case n < 10:
		fs.add("len:5-9")
	case n < 20:
		fs.add("len:10-19")
	case n < 40:
		fs.add("len:20-39")
	default:
		fs.add("len:40+")
	}
	return fs
}

// add adds the feature named by the concatenation of parts unless the
// sentence already has it.
func (fs *featureSet) add(parts ...string) {
	start := len(fs.arena)
	for _, p := range parts {
		fs.arena = append(fs.arena, p...)
	}
	name := fs.arena[start:]
	h := fnv1a.Hash64(name)
	mask := len(fs.table) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		k := fs.table[i]
		if k == 0 {
			fs.table[i] = int32(len(fs.feats)) + 1
			fs.feats = append(fs.feats, featureRef{start, len(fs.arena), h})
			return
		}
		if f := fs.feats[k-1]; f.hash == h && bytes.Equal(fs.arena[f.start:f.end], name) {
			fs.arena = fs.arena[:start]
			return
		}
	}
}

// tokenize splits s into words: runs of letters, digits and inner
// apostrophes, periods and commas (so "3.5" and "700,000" stay whole); "%",
// "$" and "?" are tokens of their own. Curly apostrophes become straight
// ones. It fills toks (case kept), low (lower-cased) and shaped.
func (fs *featureSet) tokenize(s string) {
	// The tokens are found on the bytes of s, decoding only non-ASCII
	// runes (an invalid byte is utf8.RuneError, as ranging over s gives,
	// and never part of a token).
	spans := fs.spans[:0]
	for i := 0; i < len(s); {
		c, n := runeAt(s, i)
		switch {
		case isWordRune(c):
			last := c // the rune before j
			j := i + n
			for j < len(s) {
				d, dn := runeAt(s, j)
				if isWordRune(d) {
					last = d
					j += dn
					continue
				}
				if (d == '\'' || d == '’' || d == '.' || d == ',') && j+dn < len(s) {
					e, en := runeAt(s, j+dn)
					if isWordRune(e) && (d == '\'' || d == '’' || unicode.IsDigit(last) && unicode.IsDigit(e)) {
						last = e
						j += dn + en
						continue
					}
				}
				break
			}
			spans = append(spans, [2]int{i, j})
			i = j
		case c == '%' || c == '$' || c == '?':
			spans = append(spans, [2]int{i, i + 1})
			i++
		default:
			i += n
		}
	}
	fs.spans = spans

	// The three forms of every token go into one buffer, so that they cost
	// one string between them: as written (curly apostrophes straightened),
	// lower-cased (as strings.ToLower would) and, for tokens with digits,
	// their digitShape. A token is valid UTF-8, so its runes are copied as
	// bytes.
	text := fs.text[:0]
	forms := fs.forms[:0]
	for _, sp := range spans {
		var f tokenForms
		f[0] = len(text)
		text = appendForm(text, s[sp[0]:sp[1]], false)
		f[1] = len(text)
		text = appendForm(text, s[sp[0]:sp[1]], true)
		f[2] = len(text)
		if low := text[f[1]:f[2]]; bytes.ContainsAny(low, "0123456789") {
			text = append(text, '#')
			for _, b := range low {
				if b >= '0' && b <= '9' {
					b = '0'
				}
				text = append(text, b)
			}
		}
		f[3] = len(text)
		forms = append(forms, f)
	}
	fs.text, fs.forms = text, forms
	// The tokens are read only while the features are extracted, before
	// text is reused: they can point into it rather than into a copy.
	all := unsafe.String(unsafe.SliceData(text), len(text))
	fs.toks, fs.low, fs.shaped = fs.toks[:0], fs.low[:0], fs.shaped[:0]
	for _, f := range forms {
		fs.toks = append(fs.toks, all[f[0]:f[1]])
		fs.low = append(fs.low, all[f[1]:f[2]])
		if f[3] > f[2] {
			fs.shaped = append(fs.shaped, all[f[2]:f[3]])
		} else {
			fs.shaped = append(fs.shaped, all[f[1]:f[2]])
		}
	}
}

// appendForm appends token t to dst with curly apostrophes straightened,
// lower-cased (as strings.ToLower would) when lower is set. A token is
// valid UTF-8, so its other runes are copied as bytes.
func appendForm(dst []byte, t string, lower bool) []byte {
	for k := 0; k < len(t); {
		b := t[k]
		if b < utf8.RuneSelf {
			if lower && 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			dst = append(dst, b)
			k++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[k:])
		switch {
		case r == '’':
			dst = append(dst, '\'')
		case lower:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		default:
			dst = append(dst, t[k:k+n]...)
		}
		k += n
	}
	return dst
}

// runeAt decodes the rune at s[i:], ASCII without a call.
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// isWordRune reports a letter or digit (unicode.IsLetter or IsDigit).
func isWordRune(c rune) bool {
	if c < utf8.RuneSelf {
		return asciiWord[c]
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

func isCapitalised(t string) bool {
	for _, c := range t {
		return unicode.IsUpper(c)
	}
	return false
}

// bucket folds a feature name's hash into a table of 1<<bits weights.
func bucket(h uint64, bits uint) uint32 {
	return uint32((h ^ h>>32) & (1<<bits - 1))
}
