package headline

import (
	"math"
	"strings"
	"unicode"
)

// The feature extraction as it was before it was rewritten to hash feature
// names in place: the fast path must give exactly these features, values
// and order, so the shipped models score every headline as when trained.

// refWords splits a headline into lower-cased words (letters, digits and inner
// apostrophes; curly apostrophes are folded to ') and reports how many of
// the original words were in capitals (two letters or more).
func refWords(s string) (ws []string, allCaps int) {
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

// refFeatures returns the features of a headline, duplicates merged, values
// scaled so that the vector has unit L2 norm (long headlines do not get
// larger scores for their length alone). The order is deterministic.
func refFeatures(headline string) []feature {
	ws, allCaps := refWords(headline)
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
