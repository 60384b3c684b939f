package language

import (
	_ "embed"
	"strings"

	"github.com/credence-news/credence/internal/gazetteer"
	"unicode"
	"unicode/utf8"
)

// OutletCuesFile is the list of words that show a news outlet is meant.
const OutletCuesFile = "language/outlet-cues.tsv"

//go:embed data/outlet-common-words.txt
var outletWordsTxt string

//go:embed data/outlet-cues.tsv
var outletCuesTSV string

// outletCues are the cue phrases of outlet-cues.tsv, each as lower-case
// words: before holds them reversed (read leftwards from the name).
type outletCues struct {
	before, after [][]string
	filler        map[string]bool
	// common holds the lower-cased outlet forms that are ordinary words.
	common map[string]bool
}

func parseOutletCues(cues, words string) *outletCues {
	oc := &outletCues{filler: map[string]bool{}, common: map[string]bool{}}
	for _, line := range strings.Split(cues, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		side, phrase, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		ws := strings.Fields(phrase)
		if len(ws) == 0 {
			continue
		}
		switch side {
		case "before":
			for i, j := 0, len(ws)-1; i < j; i, j = i+1, j-1 {
				ws[i], ws[j] = ws[j], ws[i]
			}
			oc.before = append(oc.before, ws)
		case "after":
			oc.after = append(oc.after, ws)
		case "filler":
			oc.filler[ws[0]] = true
		}
	}
	for _, line := range strings.Split(words, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		form, _, _ := strings.Cut(line, "\t")
		oc.common[form] = true
	}
	return oc
}

// outletEvidence reports whether the outlet name over words [a, b) (a
// gazetteer match, without its "the") stands for a news outlet here. A
// name that is not an ordinary word needs nothing more; one that is
// ("The Sun", "Scroll", "TIME") needs a cue next to it in the sentence.
func (an *analysis) outletEvidence(a, b int) bool {
	oc := an.st.outletCues
	if b-a > 1 && strings.EqualFold(an.forms[a], "the") {
		a++
	}
	if oc == nil || !oc.common[an.lowerText(a, b)] {
		return true
	}
	form := an.lowerText(a, b)
	if an.cued == nil {
		an.cued = an.cuedForms(oc)
	}
	return an.cued[form]
}

// cuedForms are the ordinary-word outlet names that have a cue somewhere
// in the document: once the article shows that "the Times" is the
// newspaper, its other mentions of "the Times" are the newspaper too.
func (an *analysis) cuedForms(oc *outletCues) map[string]bool {
	out := map[string]bool{}
	for _, m := range an.starts {
		if m.Class != gazetteer.Outlet {
			continue
		}
		a := m.Start
		if m.End-a > 1 && strings.EqualFold(an.forms[a], "the") {
			a++
		}
		form := an.lowerText(a, m.End)
		if oc.common[form] && !out[form] && (an.cueBefore(oc, a) || an.cueAfter(oc, m.End, a)) {
			out[form] = true
		}
	}
	return out
}

// lowerText is words [a, b) lower-cased and joined by single spaces.
func (an *analysis) lowerText(a, b int) string {
	if b-a == 1 {
		return strings.ToLower(an.forms[a])
	}
	return strings.ToLower(strings.Join(an.forms[a:b], " "))
}

// word is the lower-cased form of word i if it is in sentence s.
func (an *analysis) wordIn(i int, s int32) (string, bool) {
	if i < 0 || i >= len(an.forms) || i >= len(an.sentOf) || an.sentOf[i] != s {
		return "", false
	}
	return strings.ToLower(an.forms[i]), true
}

func (an *analysis) cueBefore(oc *outletCues, a int) bool {
	s := an.sentOf[a]
	i := a - 1
	if w, ok := an.wordIn(i, s); ok && w == "the" {
		i--
	}
	for _, ws := range oc.before {
		if an.matchWords(ws, i, -1, s) {
			return true
		}
	}
	// A possessor between cue and name: "told Britain's The Mirror".
	if w, ok := an.wordIn(i, s); ok && (w == "'s" || w == "\u2019s") && i >= 2 && an.sentOf[i-1] == s && startsUpper(an.forms[i-1]) {
		for _, ws := range oc.before {
			if an.matchWords(ws, i-2, -1, s) {
				return true
			}
		}
	}
	return false
}

func (an *analysis) cueAfter(oc *outletCues, b, a int) bool {
	s := an.sentOf[a]
	i := b
	if w, ok := an.wordIn(i, s); ok && (w == "'s" || w == "\u2019s") {
		i++
	}
	for skip := 0; skip <= 2; skip++ {
		for _, ws := range oc.after {
			if an.matchWords(ws, i, 1, s) {
				return true
			}
		}
		w, ok := an.wordIn(i, s)
		if !ok || !oc.filler[w] {
			return false
		}
		i++
	}
	return false
}

// matchWords reports whether ws are the words from i on in direction dir
// (1 rightwards, -1 leftwards), all in sentence s.
func (an *analysis) matchWords(ws []string, i, dir int, s int32) bool {
	for k, w := range ws {
		got, ok := an.wordIn(i+dir*k, s)
		if !ok || got != w {
			return false
		}
	}
	return true
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
