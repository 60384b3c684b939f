package checkworthy

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// The feature extraction as it was before it was rewritten to hash feature
// names in place: the fast path must give exactly these features, in this
// order, so the shipped model scores every sentence as it did when trained.

// refTokens splits s into words: runs of letters, digits and inner
// apostrophes, periods and commas (so "3.5" and "700,000" stay whole); "%",
// "$" and "?" are tokens of their own. Case is kept.
func refTokens(s string) []string {
	var out []string
	r := []rune(s)
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			j := i + 1
			for j < len(r) {
				d := r[j]
				if unicode.IsLetter(d) || unicode.IsDigit(d) {
					j++
					continue
				}
				if (d == '\'' || d == '’' || d == '.' || d == ',') && j+1 < len(r) &&
					(unicode.IsLetter(r[j+1]) || unicode.IsDigit(r[j+1])) &&
					(d == '\'' || d == '’' || unicode.IsDigit(r[j-1]) && unicode.IsDigit(r[j+1])) {
					j += 2
					continue
				}
				break
			}
			out = append(out, strings.ReplaceAll(string(r[i:j]), "’", "'"))
			i = j
		case c == '%' || c == '$' || c == '?':
			out = append(out, string(c))
			i++
		default:
			i++
		}
	}
	return out
}

// refFeatures returns the names of the features of sentence, each once, in a
// fixed order. Word features are "w:word" and "b:word1_word2"; the dense
// cues are "cue:..." and "len:...".
func refFeatures(sentence string) []string {
	toks := refTokens(sentence)
	low := make([]string, len(toks))
	for i, t := range toks {
		low[i] = strings.ToLower(t)
	}
	seen := make(map[string]bool, 2*len(toks)+16)
	var out []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	add("bias")
	prev := "<s>"
	for _, t := range low {
		if hasDigit(t) {
			t = refDigitShape(t)
		}
		add("w:" + t)
		add("b:" + prev + "_" + t)
		prev = t
	}
	add("b:" + prev + "_</s>")

	var num, pct, money, year, cmp, sup, names, past, we, hedge, q int
	for i, t := range low {
		switch {
		case hasDigit(t):
			num++
			if isYear(t) {
				year++
			}
		case refNumberWords[t]:
			num++
		}
		if refPctWords[t] {
			pct++
		}
		if refMoneyWords[t] || t == "$" {
			money++
		}
		next := ""
		if i+1 < len(low) {
			next = low[i+1]
		}
		if (refCmpWords[t] || strings.HasSuffix(t, "er") && len(t) > 4) && next == "than" {
			cmp++
		} else if refCmpWords[t] && (t == "increased" || t == "decreased" || t == "doubled" || t == "tripled" || t == "rose" || t == "fell") {
			cmp++
		}
		if i > 0 && (low[i-1] == "the" || low[i-1] == "our" || low[i-1] == "its") && (refSupWords[t] || strings.HasSuffix(t, "est") && len(t) > 5) {
			sup++
		}
		if i > 0 && isCapitalised(toks[i]) && t != "i" && t != "i'm" && t != "i've" && !(i > 0 && toks[i-1] == "?") {
			names++
		}
		if refIrregPast[t] || strings.HasSuffix(t, "ed") && len(t) > 4 {
			past++
		}
		if refWeWords[t] {
			we++
		}
		if refHedgeWords[t] {
			hedge++
		}
		if t == "?" {
			q++
		}
	}
	cue := func(name string, n int) {
		if n > 0 {
			add("cue:" + name)
		}
		if n > 1 {
			add("cue:" + name + "2+")
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
		add("cue:past+number")
	}
	if we > 0 && past > 0 {
		add("cue:we+past")
	}
	n := len(toks)
	switch {
	case n < 5:
		add("len:<5")
	case n < 10:
		add("len:5-9")
	case n < 20:
		add("len:10-19")
	case n < 40:
		add("len:20-39")
	default:
		add("len:40+")
	}
	return out
}

// refDigitShape maps a token with digits to its shape ("3.5" → "0.0",
// "1990" → "0000") so numbers share weights.
func refDigitShape(t string) string {
	b := []byte(t)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = '0'
		}
	}
	return "#" + string(b)
}

// refHashFeature is the fixed hash of a feature name into a table of 1<<bits
// weights: FNV-1a, 64 bits, folded.
func refHashFeature(f string, bits uint) uint32 {
	h := fnv.New64a()
	h.Write([]byte(f))
	v := h.Sum64()
	return uint32((v ^ v>>32) & (1<<bits - 1))
}

var (
	refMoneyWords  = refSet("dollar", "dollars", "million", "billion", "trillion", "cents", "thousand", "hundred")
	refPctWords    = refSet("percent", "%", "percentage")
	refCmpWords    = refSet("more", "less", "fewer", "higher", "lower", "greater", "bigger", "smaller", "larger", "faster", "slower", "cheaper", "worse", "better", "increased", "decreased", "doubled", "tripled", "rose", "fell", "cut", "raised")
	refSupWords    = refSet("most", "least", "largest", "biggest", "highest", "lowest", "worst", "best", "first", "only", "record", "ever")
	refIrregPast   = refSet("was", "were", "had", "did", "said", "made", "went", "got", "took", "gave", "lost", "won", "rose", "fell", "paid", "spent", "built", "brought", "left", "sent", "told", "became", "came", "grew", "cut", "put", "led", "sold", "bought", "voted", "passed", "signed")
	refWeWords     = refSet("we", "we've", "we're", "our", "us", "we'd", "we'll")
	refHedgeWords  = refSet("think", "believe", "maybe", "perhaps", "hope", "feel", "should", "would", "could", "might", "wonderful", "great", "terrible", "thank", "thanks", "love", "opinion", "guess", "probably", "okay", "ok", "yes", "no", "well", "please", "applause", "laughter", "crosstalk", "going")
	refNumberWords = refSet("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "trillion", "half", "third", "quarter", "twice", "percent")
)

func refSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
