// Package checkworthy scores sentences by check-worthiness: how likely a
// sentence is a factual claim worth fact-checking. The model is an L2
// logistic regression over hashed lower-cased word uni/bigrams and a few
// dense cues of checkable facts (numbers, years, comparisons, names, past
// tense, "we", hedges, questions, length). The shipped model is embedded
// (model/claims.bin.gz; see model/MODEL_CARD.md).
package checkworthy

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/credence-news/credence/internal/ascii"
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
	b.Grow(len(s)) // the output is about as long: one allocation, not one per doubling
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
	arena, ends := fs.names(func(int) bool { return true })
	names := string(arena)
	out := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		out[i], start = names[start:end], end
	}
	return out
}

// featureSet holds the features of one sentence. Scoring runs on every
// candidate sentence of every article, so a feature is not built as a
// string: it is kept as the pieces its name concatenates, its FNV-1a hash
// (the model's own hash) is computed over the pieces where they lie,
// features are deduplicated through a small open-addressing table keyed by
// that hash, and the names are written out only when asked for (names).
// All buffers are reused through featureSets.
type featureSet struct {
	spans  []tokenSpan
	text   []byte   // the lower-cased forms that differ from the sentence, and digit shapes
	toks   []string // tokens as written (substrings of the sentence)
	low    []string // lower-cased, curly apostrophes straightened
	shaped []string // low, with numbers mapped to their digit shape
	feats  []featureRef
	table  []int32 // index into feats plus one; 0 is an empty slot
	arena  []byte  // the feature names, back to back, once names is called
	ends   []int   // where each name ends in arena
}

// tokenSpan is a token as a byte range of the sentence, with the union of
// the byteClass of its bytes.
type tokenSpan struct {
	start, end int
	class      byteClass
}

// featureRef is one feature: its name is the concatenation of parts.
type featureRef struct {
	hash  uint64 // FNV-1a 64 of the name
	parts [4]string
}

var featureSets = sync.Pool{New: func() any { return new(featureSet) }}

// FNV-1a 64, as internal/fnv1a.Hash64 computes it, continued over pieces.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvMore continues the FNV-1a hash h over s.
func fnvMore(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// fixedFeature is a feature whose name does not depend on the words, with
// its hash computed once.
type fixedFeature struct {
	name string
	hash uint64
}

func fixed(name string) fixedFeature { return fixedFeature{name, fnv1a.Hash64(name)} }

// The dense cues, counted per sentence; each adds "cue:name" when it occurs
// and "cue:name2+" when it occurs more than once, in this order.
const (
	cueNumber = iota
	cuePercent
	cueMoney
	cueYear
	cueComparative
	cueSuperlative
	cueName
	cuePast
	cueWe
	cueHedge
	cueQuestion
	numCues
)

var cueFeatures = func() (f [numCues][2]fixedFeature) {
	names := [numCues]string{"number", "percent", "money", "year", "comparative", "superlative", "name", "past", "we", "hedge", "question"}
	for i, n := range names {
		f[i] = [2]fixedFeature{fixed("cue:" + n), fixed("cue:" + n + "2+")}
	}
	return f
}()

var (
	biasFeature       = fixed("bias")
	pastNumberFeature = fixed("cue:past+number")
	wePastFeature     = fixed("cue:we+past")
	lenFeatures       = [...]fixedFeature{fixed("len:<5"), fixed("len:5-9"), fixed("len:10-19"), fixed("len:20-39"), fixed("len:40+")}

	wordHash   = fnvMore(fnvOffset, "w:") // hash state after a word feature's prefix
	bigramHash = fnvMore(fnvOffset, "b:") // and after a bigram feature's
)

// extract returns a pooled featureSet holding the features of sentence, in
// the order Features lists them; put it back in featureSets when done.
func extract(sentence string) *featureSet {
	fs := featureSets.Get().(*featureSet)
	fs.tokenize(sentence)

	// Every token adds at most two features: size the table to stay at
	// most half full. Only they go through it: the fixed features cannot
	// equal them ("w:", "b:" against "bias", "cue:", "len:") or each other.
	size := 64
	for size < 2*(2*len(fs.toks)+1) {
		size *= 2
	}
	if cap(fs.table) < size {
		fs.table = make([]int32, size)
	}
	fs.table = fs.table[:size]
	clear(fs.table)
	fs.feats, fs.arena, fs.ends = fs.feats[:0], fs.arena[:0], fs.ends[:0]

	fs.addFixed(biasFeature)
	fs.addWords()
	count := countCues(fs.toks, fs.low, fs.spans)
	for i, n := range count {
		if n > 0 {
			fs.addFixed(cueFeatures[i][0])
		}
		if n > 1 {
			fs.addFixed(cueFeatures[i][1])
		}
	}
	if count[cuePast] > 0 && count[cueNumber] > 0 {
		fs.addFixed(pastNumberFeature)
	}
	if count[cueWe] > 0 && count[cuePast] > 0 {
		fs.addFixed(wePastFeature)
	}
	switch n := len(fs.toks); {
	case n < 5:
		fs.addFixed(lenFeatures[0])
	case n < 10:
		fs.addFixed(lenFeatures[1])
	case n < 20:
		fs.addFixed(lenFeatures[2])
	case n < 40:
		fs.addFixed(lenFeatures[3])
	default:
		fs.addFixed(lenFeatures[4])
	}
	return fs
}

// addWords adds "w:word" for every (shaped) token and "b:prev_word" for
// every pair, "<s>" and "</s>" standing for the sentence's ends. A token's
// bytes feed three hashes in one pass: its word feature's, its bigram with
// the previous token's, and the start of its bigram with the next.
func (fs *featureSet) addWords() {
	prev := "<s>"
	hb := fnvMore(fnvMore(bigramHash, prev), "_") // hash of "b:" + prev + "_"
	for _, t := range fs.shaped {
		hw, hbt, hnext := uint64(wordHash), hb, uint64(bigramHash)
		for i := 0; i < len(t); i++ {
			c := uint64(t[i])
			hw = (hw ^ c) * fnvPrime
			hbt = (hbt ^ c) * fnvPrime
			hnext = (hnext ^ c) * fnvPrime
		}
		fs.add(hw, [4]string{"w:", t})
		fs.add(hbt, [4]string{"b:", prev, "_", t})
		prev, hb = t, (hnext^'_')*fnvPrime
	}
	fs.add(fnvMore(hb, "</s>"), [4]string{"b:", prev, "_", "</s>"})
}

// countCues counts the dense cues of the tokens (toks as written, low
// lower-cased, spans their byte classes).
func countCues(toks, low []string, spans []tokenSpan) (count [numCues]int) {
	for i, t := range low {
		var c wordClass
		if n := len(t); n < len(classShapes) && classShapes[n]&(1<<(t[0]&31)) != 0 {
			c = wordClasses[t]
		}
		switch {
		case spans[i].class&digitByte != 0:
			count[cueNumber]++
			if isYear(t) {
				count[cueYear]++
			}
		case c&numberWord != 0:
			count[cueNumber]++
		}
		if c&pctWord != 0 {
			count[cuePercent]++
		}
		if c&moneyWord != 0 || t == "$" {
			count[cueMoney]++
		}
		next := ""
		if i+1 < len(low) {
			next = low[i+1]
		}
		if (c&cmpWord != 0 || strings.HasSuffix(t, "er") && len(t) > 4) && next == "than" {
			count[cueComparative]++
		} else if c&cmpWord != 0 && (t == "increased" || t == "decreased" || t == "doubled" || t == "tripled" || t == "rose" || t == "fell") {
			count[cueComparative]++
		}
		if i > 0 && (low[i-1] == "the" || low[i-1] == "our" || low[i-1] == "its") && (c&supWord != 0 || strings.HasSuffix(t, "est") && len(t) > 5) {
			count[cueSuperlative]++
		}
		if i > 0 && isCapitalised(toks[i]) && t != "i" && t != "i'm" && t != "i've" && toks[i-1] != "?" {
			count[cueName]++
		}
		if c&irregPast != 0 || strings.HasSuffix(t, "ed") && len(t) > 4 {
			count[cuePast]++
		}
		if c&weWord != 0 {
			count[cueWe]++
		}
		if c&hedgeWord != 0 {
			count[cueHedge]++
		}
		if t == "?" {
			count[cueQuestion]++
		}
	}
	return count
}

// add adds the feature whose name concatenates parts and hashes to h,
// unless the sentence already has it.
func (fs *featureSet) add(h uint64, parts [4]string) {
	mask := len(fs.table) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		k := fs.table[i]
		if k == 0 {
			fs.table[i] = int32(len(fs.feats)) + 1
			fs.feats = append(fs.feats, featureRef{h, parts})
			return
		}
		if f := &fs.feats[k-1]; f.hash == h && (f.parts == parts || sameConcat(&f.parts, &parts)) {
			return
		}
	}
}

// addFixed adds a feature that cannot be in the sentence yet.
func (fs *featureSet) addFixed(f fixedFeature) {
	fs.feats = append(fs.feats, featureRef{hash: f.hash, parts: [4]string{f.name}})
}

// sameConcat reports whether the concatenations of a and b are equal,
// without building them.
func sameConcat(a, b *[4]string) bool {
	i, j := 0, 0
	var x, y string
	for {
		for x == "" && i < len(a) {
			x, i = a[i], i+1
		}
		for y == "" && j < len(b) {
			y, j = b[j], j+1
		}
		if x == "" || y == "" {
			return x == "" && y == ""
		}
		n := min(len(x), len(y))
		if x[:n] != y[:n] {
			return false
		}
		x, y = x[n:], y[n:]
	}
}

// names writes the names of the features for which keep is true into
// fs.arena, back to back, and returns it with where each name ends.
func (fs *featureSet) names(keep func(i int) bool) (arena []byte, ends []int) {
	arena, ends = fs.arena[:0], fs.ends[:0]
	for i, f := range fs.feats {
		if keep(i) {
			for _, p := range f.parts {
				arena = append(arena, p...)
			}
			ends = append(ends, len(arena))
		}
	}
	fs.arena, fs.ends = arena, ends
	return arena, ends
}

// byteClass is what tokenize needs to know of a byte (and, as a union, of
// a token).
type byteClass uint8

const (
	wordByte  byteClass = 1 << iota // an ASCII letter or digit
	digitByte                       // an ASCII digit
	upperByte                       // an ASCII upper-case letter
	otherByte                       // not ASCII: lower-casing must decode it
)

var asciiClass = func() (t [256]byteClass) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = wordByte
		case 'A' <= c && c <= 'Z':
			t[c] = wordByte | upperByte
		case '0' <= c && c <= '9':
			t[c] = wordByte | digitByte
		case c >= utf8.RuneSelf:
			t[c] = otherByte
		}
	}
	return t
}()

// tokenize splits s into words: runs of letters, digits and inner
// apostrophes, periods and commas (so "3.5" and "700,000" stay whole); "%",
// "$" and "?" are tokens of their own. Curly apostrophes become straight
// ones. It fills toks (case kept), low (lower-cased) and shaped.
func (fs *featureSet) tokenize(s string) {
	// The tokens are found on the bytes of s, decoding only non-ASCII
	// runes (an invalid byte is utf8.RuneError, as ranging over s gives,
	// and never part of a token).
	fs.spans, fs.text = fs.spans[:0], fs.text[:0]
	fs.toks, fs.low, fs.shaped = fs.toks[:0], fs.low[:0], fs.shaped[:0]
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf && asciiClass[b]&wordByte == 0 && b != '%' && b != '$' && b != '?' {
			i++ // ASCII space or punctuation: no token
			continue
		}
		c, n := runeAt(s, i)
		switch {
		case isWordRune(c):
			sp := scanWord(s, i)
			fs.addToken(s, sp)
			i = sp.end
		case c == '%' || c == '$' || c == '?':
			fs.addToken(s, tokenSpan{i, i + 1, 0})
			i++
		default:
			i += n
		}
	}
}

// addToken appends token sp of s to toks, low and shaped. Its lower-cased
// form is the sentence's own bytes unless it has an upper-case or non-ASCII
// byte; those forms, and the digit shapes of tokens with digits, are
// written into fs.text.
func (fs *featureSet) addToken(s string, sp tokenSpan) {
	tok := s[sp.start:sp.end]
	low := tok
	if sp.class&(upperByte|otherByte) != 0 {
		start := len(fs.text)
		fs.text = appendLower(fs.text, tok)
		low = fs.textFrom(start)
	}
	shaped := low
	if sp.class&digitByte != 0 {
		start := len(fs.text)
		fs.text = appendShape(fs.text, low)
		shaped = fs.textFrom(start)
	}
	fs.spans = append(fs.spans, sp)
	fs.toks = append(fs.toks, tok)
	fs.low = append(fs.low, low)
	fs.shaped = append(fs.shaped, shaped)
}

// textFrom returns fs.text[start:], which is not empty, as a string without
// a copy. Its bytes are not written again while the features are extracted
// (appending to text may move it, but leaves the old bytes as they were),
// and the strings are read only until then.
func (fs *featureSet) textFrom(start int) string {
	return unsafe.String(&fs.text[start], len(fs.text)-start)
}

// scanWord returns the word token that starts at s[i], a letter or digit,
// with the union of its bytes' classes.
func scanWord(s string, i int) tokenSpan {
	var class byteClass
	lastDigit := false // whether the rune before j is a digit
	j := i
	for j < len(s) {
		if cl := asciiClass[s[j]]; cl&wordByte != 0 {
			class |= cl
			lastDigit = cl&digitByte != 0
			j++
			continue
		}
		d, dn := runeAt(s, j)
		if d >= utf8.RuneSelf && isWordRune(d) {
			class |= otherByte
			lastDigit = unicode.IsDigit(d)
			j += dn
			continue
		}
		if (d == '\'' || d == '’' || d == '.' || d == ',') && j+dn < len(s) {
			e, en := runeAt(s, j+dn)
			if isWordRune(e) && (d == '\'' || d == '’' || lastDigit && unicode.IsDigit(e)) {
				class |= asciiClass[s[j]] | asciiClass[s[j+dn]]
				lastDigit = unicode.IsDigit(e)
				j += dn + en
				continue
			}
		}
		break
	}
	return tokenSpan{i, j, class}
}

// appendLower appends token t to dst lower-cased (as strings.ToLower
// would) with curly apostrophes straightened.
func appendLower(dst []byte, t string) []byte {
	if strings.Contains(t, "’") { // rare: "don’t"
		t = strings.ReplaceAll(t, "’", "'")
	}
	return ascii.AppendLower(dst, t)
}

// appendShape appends the digit shape of low, a token with digits: "#"
// and the token with every digit 0 ("3.5" → "#0.0"), so numbers share
// weights.
func appendShape[T string | []byte](dst []byte, low T) []byte {
	dst = append(dst, '#')
	for i := 0; i < len(low); i++ {
		b := low[i]
		if b >= '0' && b <= '9' {
			b = '0'
		}
		dst = append(dst, b)
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

// isWordRune reports a letter or digit (unicode.IsLetter or IsDigit).
func isWordRune(c rune) bool {
	if c < utf8.RuneSelf {
		return asciiClass[c]&wordByte != 0
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

// isCapitalised reports whether t starts with an upper-case letter.
func isCapitalised(t string) bool {
	if t == "" {
		return false
	}
	if c := t[0]; c < utf8.RuneSelf {
		return asciiClass[c]&upperByte != 0
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// bucket folds a feature name's hash into a table of 1<<bits weights.
func bucket(h uint64, bits uint) uint32 {
	return uint32((h ^ h>>32) & (1<<bits - 1))
}
