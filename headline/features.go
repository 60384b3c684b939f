// Package headline scores news headlines with two small classifiers: how
// much a headline reads like clickbait, and how much it reads like satire
// (The Onion rather than an odd-but-real story).
//
// Both are L2-regularised logistic regressions over hashed features (word
// 1–2-grams, character 2–4-grams within words and a few dense cues), trained
// deterministically by Train and shipped in model/ (see model/MODEL_CARD.md).
package headline

import (
	"math"
	"strings"
	"unicode"
)

// fnv32a is the fixed 32-bit FNV-1a hash used for the feature buckets and
// for the held-out split. It never changes: models and splits depend on it.
func fnv32a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// Fold returns the headline's fold, 0–4: FNV-1a 32 of the lower-cased text
// modulo 5. The held-out rule: fold 0 is the test fifth, never trained or
// tuned on; fold 1 is the validation part used while tuning
// hyper-parameters; the shipped models are trained on folds 1–4. Hashing the
// text keeps duplicate headlines in the same fold.
func Fold(text string) int { return int(fnv32a(strings.ToLower(text)) % 5) }

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

// words splits a headline into lower-cased words (letters, digits and inner
// apostrophes; curly apostrophes are folded to ') and reports how many of
// the original words were in capitals (two letters or more).
func words(s string) (ws []string, allCaps int) {
	s = strings.NewReplacer("’", "'", "‘", "'").Replace(s)
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
	ws, allCaps := words(headline)
	var names []string
	add := func(n string) { names = append(names, n) }
	add(cuePrefix + "bias")
	for i, w := range ws {
		add(w)
		if i > 0 {
			add(ws[i-1] + " " + w)
		}
		r := []rune("<" + w + ">")
		for n := 2; n <= 4; n++ {
			for j := 0; j+n <= len(r); j++ {
				add(charPrefix + string(r[j:j+n]))
			}
		}
	}
	if len(ws) > 0 && (unicode.IsDigit([]rune(ws[0])[0]) || numberWords[ws[0]]) {
		add(cuePrefix + "starts-with-number")
	}
	if strings.Contains(headline, "?") {
		add(cuePrefix + "question-mark")
	}
	if strings.Contains(headline, "!") {
		add(cuePrefix + "exclamation-mark")
	}
	for _, w := range ws {
		if w == "you" || w == "your" || w == "you're" || w == "yourself" || w == "you'll" {
			add(cuePrefix + "you")
			break
		}
	}
	if allCaps > 0 {
		add(cuePrefix + "all-caps-word")
	}
	n := len(ws)
	if n > 20 {
		n = 20
	}
	add(cuePrefix + "words=" + itoa(n))

	// merge duplicates keeping first-seen order
	idx := make(map[string]int, len(names))
	var fs []feature
	for _, n := range names {
		if i, ok := idx[n]; ok {
			fs[i].value++
			continue
		}
		idx[n] = len(fs)
		fs = append(fs, feature{n, 1})
	}
	var ss float64
	for _, f := range fs {
		ss += f.value * f.value
	}
	norm := 1 / math.Sqrt(ss)
	for i := range fs {
		fs[i].value = float64(fs[i].value * norm)
	}
	return fs
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}
