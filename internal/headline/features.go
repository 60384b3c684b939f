// Package headline scores news headlines with two small classifiers: how
// much a headline reads like clickbait, and how much it reads like satire
// (The Onion rather than an odd-but-real story).
//
// Both are L2-regularised logistic regressions over hashed features (word
// 1–2-grams, character 2–4-grams within words and a few dense cues), trained
// deterministically by Train and shipped in model/ (see model/MODEL_CARD.md).
package headline

import (
	"bytes"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/fnv1a"
)

// Fold returns the headline's fold, 0–4: FNV-1a 32 of the lower-cased text
// modulo 5. The held-out rule: fold 0 is the test fifth, never trained or
// tuned on; fold 1 is the validation part used while tuning
// hyper-parameters; the shipped models are trained on folds 1–4. Hashing the
// text keeps duplicate headlines in the same fold.
func Fold(text string) int { return int(fnv1a.Hash32(strings.ToLower(text)) % 5) }

// IsTest reports whether a headline is in the held-out test fifth (fold 0).
func IsTest(text string) bool { return Fold(text) == 0 }

// feature is one named feature of a headline with its value.
type feature struct {
	name  string
	value float64
}

// Feature name prefixes: word n-grams are plain text ("you won't"), the
// others are marked.
const (
	charPrefix = "chars:"
	cuePrefix  = "cue:"
)

var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true,
	"thirteen": true, "fifteen": true, "twenty": true, "fifty": true, "hundred": true,
}

var apostrophes = strings.NewReplacer("’", "'", "‘", "'")

// words splits a headline into lower-cased words (letters, digits and inner
// apostrophes; curly apostrophes are folded to ') and reports how many of
// the original words were in capitals (two letters or more).
func words(s string) (ws []string, allCaps int) {
	s = apostrophes.Replace(s)
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' }
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) }) {
		f = strings.Trim(f, "'")
		if f == "" {
			continue
		}
		letters, upper := 0, 0
		for _, r := range f {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
		if letters >= 2 && upper == letters {
			allCaps++
		}
		ws = append(ws, strings.ToLower(f))
	}
	return ws, allCaps
}

// features returns the features of a headline, duplicates merged, values
// scaled so that the vector has unit L2 norm (long headlines do not get
// larger scores for their length alone). The order is deterministic.
func features(headline string) []feature {
	fs := extract(headline)
	defer featureSets.Put(fs)
	names := string(fs.arena)
	out := make([]feature, len(fs.feats))
	for i, f := range fs.feats {
		out[i] = feature{names[f.start:f.end], f.value}
	}
	return out
}

// featureSet holds the features of one headline. Scoring builds hundreds of
// character n-grams per headline, so the names are not built as a string
// each: they go into one byte arena, are merged through a small
// open-addressing table keyed by their bucket hash (computed once), and the
// buffers are reused through featureSets.
type featureSet struct {
	gram   []byte  // the word being split into character n-grams, as "<word>"
	runeAt []int32 // where each rune of gram starts, and len(gram)
	arena  []byte  // feature names, back to back
	names  string  // string(arena), made by the first score
	feats  []featureRef
	table  []int32 // index into feats plus one; 0 is an empty slot

	// Scoring buffers: the features with a weight, and their weights.
	hits    []int32
	weights []float32
}

// featureRef is one feature: its name is arena[start:end].
type featureRef struct {
	start, end int
	hash       uint32 // fnv1a.Hash32 of the name
	value      float64
}

var featureSets = sync.Pool{New: func() any { return new(featureSet) }}

// extract returns a pooled featureSet holding the features of headline as
// features lists them; put it back in featureSets when done.
func extract(headline string) *featureSet {
	fs := featureSets.Get().(*featureSet)
	fs.arena, fs.feats, fs.names = fs.arena[:0], fs.feats[:0], ""
	if len(fs.table) == 0 {
		fs.table = make([]int32, 256)
	}
	clear(fs.table)

	ws, allCaps := words(headline)
	fs.add(cuePrefix, "bias")
	for i, w := range ws {
		fs.add(w)
		if i > 0 {
			fs.add(ws[i-1], " ", w)
		}
		// "<w>" encoded once, with where each rune starts: the n-grams
		// are slices of it.
		fs.gram, fs.runeAt = append(fs.gram[:0], '<'), append(fs.runeAt[:0], 0)
		for _, c := range w {
			fs.runeAt = append(fs.runeAt, int32(len(fs.gram)))
			fs.gram = utf8.AppendRune(fs.gram, c)
		}
		fs.runeAt = append(fs.runeAt, int32(len(fs.gram)))
		fs.gram = append(fs.gram, '>')
		fs.runeAt = append(fs.runeAt, int32(len(fs.gram)))
		runes := len(fs.runeAt) - 1
		for n := 2; n <= 4; n++ {
			for j := 0; j+n <= runes; j++ {
				fs.addChars(fs.gram[fs.runeAt[j]:fs.runeAt[j+n]])
			}
		}
	}
	if len(ws) > 0 && (unicode.IsDigit(firstRune(ws[0])) || numberWords[ws[0]]) {
		fs.add(cuePrefix, "starts-with-number")
	}
	if strings.Contains(headline, "?") {
		fs.add(cuePrefix, "question-mark")
	}
	if strings.Contains(headline, "!") {
		fs.add(cuePrefix, "exclamation-mark")
	}
	for _, w := range ws {
		if w == "you" || w == "your" || w == "you're" || w == "yourself" || w == "you'll" {
			fs.add(cuePrefix, "you")
			break
		}
	}
	if allCaps > 0 {
		fs.add(cuePrefix, "all-caps-word")
	}
	n := len(ws)
	if n > 20 {
		n = 20
	}
	fs.add(cuePrefix, "words=", itoa(n))

	var ss float64
	for _, f := range fs.feats {
		ss += f.value * f.value
	}
	norm := 1 / math.Sqrt(ss)
	for i := range fs.feats {
		fs.feats[i].value = float64(fs.feats[i].value * norm)
	}
	return fs
}

// add counts the feature named by the concatenation of parts.
func (fs *featureSet) add(parts ...string) {
	start := len(fs.arena)
	for _, p := range parts {
		fs.arena = append(fs.arena, p...)
	}
	fs.merge(start)
}

// addChars counts the character n-gram feature of gram (its UTF-8 bytes).
// The hash of the name continues from that of the prefix: FNV-1a has no
// finalisation, so the hash of a prefix is the state after it.
func (fs *featureSet) addChars(gram []byte) {
	h := charPrefixHash
	for _, c := range gram {
		h = (h ^ uint32(c)) * fnvPrime32
	}
	start := len(fs.arena)
	fs.arena = append(fs.arena, charPrefix...)
	fs.arena = append(fs.arena, gram...)
	fs.mergeHashed(start, h)
}

// fnvPrime32 is the 32-bit FNV prime, the multiplier of fnv1a.Hash32.
const fnvPrime32 = 16777619

// charPrefixHash is fnv1a.Hash32(charPrefix).
var charPrefixHash = fnv1a.Hash32(charPrefix)

// merge counts the feature whose name was just appended at arena[start:]:
// once more if the headline already has it (dropping the copy), else as a
// new feature of value 1.
func (fs *featureSet) merge(start int) {
	fs.mergeHashed(start, fnv1a.Hash32(fs.arena[start:]))
}

// mergeHashed is merge with h, the name's fnv1a.Hash32, already known.
func (fs *featureSet) mergeHashed(start int, h uint32) {
	name := fs.arena[start:]
	if 2*(len(fs.feats)+1) > len(fs.table) {
		fs.grow()
	}
	mask := len(fs.table) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		k := fs.table[i]
		if k == 0 {
			fs.table[i] = int32(len(fs.feats)) + 1
			fs.feats = append(fs.feats, featureRef{start, len(fs.arena), h, 1})
			return
		}
		if f := &fs.feats[k-1]; f.hash == h && bytes.Equal(fs.arena[f.start:f.end], name) {
			f.value++
			fs.arena = fs.arena[:start]
			return
		}
	}
}

// grow doubles the table, keeping it at most half full.
func (fs *featureSet) grow() {
	fs.table = make([]int32, 2*len(fs.table))
	mask := len(fs.table) - 1
	for k, f := range fs.feats {
		i := int(f.hash) & mask
		for fs.table[i] != 0 {
			i = (i + 1) & mask
		}
		fs.table[i] = int32(k) + 1
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
