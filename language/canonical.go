package language

import (
	"strings"
	"unicode"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/gazetteer"
)

// canonicalise gives every mention the fullest name of its entity in the
// article. People: a mention whose words end a longer mention's words is the
// same person ("Lavrov", "Mr Lavrov" → "Sergei Lavrov"); a lone first name
// joins the one person who has it. Organisations likewise ("Foreign
// Ministry" → "Russian Foreign Ministry"). Names the gazetteers know take
// their canonical form ("U.S." → "United States", "AP" → "Associated
// Press").
func (an *analysis) canonicalise(ents []doc.Entity) {
	words := func(e *doc.Entity) []string { return an.forms[e.FirstWord:e.EndWord] }
	for i := range ents {
		e := &ents[i]
		e.Canonical = an.textOf(e.FirstWord, e.EndWord)
		switch e.Type {
		case "MEDIA":
			if m, ok := an.exactMatch(gazetteer.Outlet, e.FirstWord, e.EndWord); ok {
				e.Canonical = an.gz.Entry(m).Name
			}
			continue
		case "LOC", "NORP", "ORG":
			for _, c := range []gazetteer.Class{gazetteer.Country, gazetteer.IntlOrg, gazetteer.GovBody, gazetteer.Party} {
				if m, ok := an.exactMatch(c, e.FirstWord, e.EndWord); ok && e.Type != "NORP" {
					e.Canonical = an.gz.Entry(m).Name
					break
				}
			}
		}
		if isAllCaps(e.Canonical) {
			// "MOSCOW (Reuters)": a dateline's capitals name the same
			// place as "Moscow" later on.
			for j := range ents {
				o := &ents[j]
				if j != i && o.Type == e.Type && !isAllCaps(an.textOf(o.FirstWord, o.EndWord)) && strings.EqualFold(an.textOf(o.FirstWord, o.EndWord), e.Canonical) {
					e.Canonical = an.textOf(o.FirstWord, o.EndWord)
					break
				}
			}
		}
		// "Lunaleaf said" tagged PERSON where the article names "Lunaleaf
		// Ltd": a one-word mention that starts an organisation's name is
		// that organisation.
		if e.Type == "PERSON" && e.EndWord-e.FirstWord == 1 {
			for j := range ents {
				o := &ents[j]
				if o.Type == "ORG" && o.EndWord-o.FirstWord > 1 && an.forms[o.FirstWord] == an.forms[e.FirstWord] {
					e.Type = "ORG"
					break
				}
			}
		}
		if e.Type != "PERSON" && e.Type != "ORG" {
			continue
		}
		best := -1
		w := words(e)
		for j := range ents {
			o := &ents[j]
			if o.Type != e.Type || o.EndWord-o.FirstWord <= len(w) {
				continue
			}
			ow := words(o)
			if endsWith(ow, w) || (e.Type == "PERSON" && len(w) == 1 && ow[0] == w[0] && an.uniqueFirstName(ents, w[0])) {
				if best < 0 || o.EndWord-o.FirstWord > ents[best].EndWord-ents[best].FirstWord {
					best = j
				}
			}
		}
		if best < 0 && e.Type == "PERSON" && len(w) == 1 {
			// "Ms Zakarova" after "Maria Zakharova": a surname one edit away
			// from a fuller name's is the same person misspelt.
			for j := range ents {
				o := &ents[j]
				if o.Type == "PERSON" && o.EndWord-o.FirstWord > 1 && nearSpelling(an.forms[o.EndWord-1], w[0]) {
					best = j
					break
				}
			}
		}
		if best >= 0 {
			e.Canonical = an.textOf(ents[best].FirstWord, ents[best].EndWord)
		}
	}
}

// uniqueFirstName reports whether exactly one distinct multi-word person
// starts with first.
func (an *analysis) uniqueFirstName(ents []doc.Entity, first string) bool {
	seen := ""
	for i := range ents {
		e := &ents[i]
		if e.Type != "PERSON" || e.EndWord-e.FirstWord < 2 || an.forms[e.FirstWord] != first {
			continue
		}
		full := strings.Join(an.forms[e.FirstWord:e.EndWord], " ")
		if seen != "" && seen != full {
			return false
		}
		seen = full
	}
	return seen != ""
}

func endsWith(long, short []string) bool {
	if len(short) == 0 || len(short) > len(long) {
		return false
	}
	off := len(long) - len(short)
	for i := range short {
		if long[off+i] != short[i] {
			return false
		}
	}
	return true
}

// exactMatch finds a gazetteer match of class c covering exactly words
// [a, b), allowing a leading "the" before a.
func (an *analysis) exactMatch(c gazetteer.Class, a, b int) (gazetteer.Match, bool) {
	for _, start := range []int{a, a - 1} {
		if start < 0 {
			continue
		}
		if m, ok := an.matchStartingAt(c, start); ok && m.End == b {
			return m, true
		}
	}
	return gazetteer.Match{}, false
}

// textOf is the text of words [a, b) with whitespace normalised.
func (an *analysis) textOf(a, b int) string {
	if a >= b {
		return ""
	}
	s := an.d.Text[an.d.Words[a].Start:an.d.Words[b-1].End]
	if strings.ContainsAny(s, "\n\t") || strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// isAllCaps reports a name written in capitals only ("MOSCOW", "NATO").
func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

// nearSpelling reports two different names of six letters or more that are
// one edit apart (an insertion, deletion, substitution or swap of adjacent
// letters): "Zakharova" and "Zakarova".
func nearSpelling(a, b string) bool {
	if a == b {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) < 6 || len(rb) < 6 || ra[0] != rb[0] {
		return false
	}
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch len(ra) - len(rb) {
	case 0:
		diff := -1
		for i := range ra {
			if ra[i] != rb[i] {
				if diff >= 0 {
					// a swap of adjacent letters
					return diff == i-1 && ra[diff] == rb[i] && ra[i] == rb[diff] && string(ra[i+1:]) == string(rb[i+1:])
				}
				diff = i
			}
		}
		return true
	case 1:
		i := 0
		for i < len(rb) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i+1:]) == string(rb[i:])
	}
	return false
}
