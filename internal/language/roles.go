package language

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/gazetteer"
)

// File names of the word lists in the data layout.
const (
	TitleRolesFile    = "language/title-roles.tsv"
	RoleHeadsFile     = "language/role-heads.txt"
	RoleModifiersFile = "language/role-modifiers.txt"
)

//go:embed data/title-roles.tsv
var titleRolesTSV string

//go:embed data/role-heads.txt
var roleHeadsTxt string

//go:embed data/role-modifiers.txt
var roleModifiersTxt string

func parseTitleRoles(data string) map[string]string {
	roles := map[string]string{}
	for _, line := range strings.Split(data, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		if k, v, ok := strings.Cut(line, "\t"); ok {
			roles[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return roles
}

func parseWordSet(data string) map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(data, "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			set[line] = true
		}
	}
	return set
}

// extendRole widens the role match [r, end) leftwards over modifiers
// ("deputy chairman", "former foreign minister").
func (an *analysis) extendRole(r, end int) int {
	for r > 0 && an.sameSentence(r-1, end-1) && an.st.roleModifiers[strings.ToLower(an.forms[r-1])] {
		r--
	}
	return r
}

// maxAppositive bounds the words between the commas of an appositive
// ("Maria Zakharova, the ministry's spokeswoman, said"): longer stretches
// are clauses, not descriptions of the person.
const maxAppositive = 14

// roles attaches to each person the role and affiliation the text gives,
// in the usual news patterns:
//
//	the Russian Foreign Ministry spokeswoman Maria Zakharova   (pre-modifier)
//	Russia's foreign minister Sergei Lavrov                    (possessive)
//	Sen. Elizabeth Warren                                       (title)
//	Maria Zakharova, the ministry's spokeswoman,                (appositive)
//	Ann Lee, a spokeswoman for the State Department,            (appositive + of/for)
//	The spokeswoman, Maria Zakharova,                           (reverse appositive)
//
// Later mentions of the same person inherit what an earlier one found.
func (an *analysis) roles(ents []doc.Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Type != doc.EntityPerson {
			continue
		}
		if an.preModifier(ents, e) || an.appositive(ents, e) || an.reverseAppositive(ents, e) {
			continue
		}
	}
	first := map[string]int{}
	for i := range ents {
		e := &ents[i]
		if e.Type != doc.EntityPerson {
			continue
		}
		if j, ok := first[e.Canonical]; ok {
			if e.Role == "" {
				e.Role, e.Affiliation = ents[j].Role, ents[j].Affiliation
			}
			continue
		}
		if e.Role != "" {
			first[e.Canonical] = i
		}
	}
}

func (an *analysis) sameSentence(i, j int) bool {
	return i >= 0 && j >= 0 && i < len(an.sentOf) && j < len(an.sentOf) && an.sentOf[i] == an.sentOf[j]
}

// preModifier: "[affiliation] ROLE [Title] Name" or "Title Name".
func (an *analysis) preModifier(ents []doc.Entity, e *doc.Entity) bool {
	i := e.FirstWord
	role := ""
	if t, ok := an.endingAt(gazetteer.Title, i); ok && an.sameSentence(t, i) {
		role = an.st.titleRoles[an.textOf(t, i)]
		i = t
	}
	if r, ok := an.endingAt(gazetteer.Role, i); ok && an.sameSentence(r, i) {
		r = an.extendRole(r, i)
		e.Role = strings.ToLower(an.textOf(r, i))
		e.Affiliation = an.affiliationBefore(ents, r)
		return true
	}
	if role != "" {
		e.Role = role
		e.Affiliation = an.affiliationBefore(ents, i)
		return true
	}
	return false
}

// affiliationBefore reads the organisation, place or nationality written
// directly before word i ("Russian Foreign Ministry" in "the Russian Foreign
// Ministry spokeswoman"), or a possessor ("Russia" in "Russia's foreign
// minister").
func (an *analysis) affiliationBefore(ents []doc.Entity, i int) string {
	j := i
	if j > 0 && an.forms[j-1] == "'s" {
		j--
	}
	k := j
	for k > 0 && an.sameSentence(k-1, i) && an.affiliationWord(k-1) {
		k--
	}
	if k == j {
		return ""
	}
	return an.textOf(k, j)
}

// affiliationWord: a word that can be part of an affiliation name: inside
// an organisation, place, outlet or nationality mention or gazetteer match,
// or a capitalised proper noun or adjective.
func (an *analysis) affiliationWord(k int) bool {
	if w := an.d.Words[k]; w.NER != "O" && w.NER != "" {
		t := w.NER[2:]
		return t == "ORG" || t == "LOC" || t == "MISC"
	}
	for _, c := range []gazetteer.Class{gazetteer.Country, gazetteer.Demonym, gazetteer.GovBody, gazetteer.IntlOrg, gazetteer.Party, gazetteer.City, gazetteer.Region, gazetteer.Outlet} {
		if an.inMatch(c, k) {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(an.forms[k])
	pos := an.d.Words[k].POS
	return unicode.IsUpper(r) && (pos == "NNP" || pos == "NNPS" || pos == "JJ")
}

// inMatch reports whether word k lies in a gazetteer match of class c.
func (an *analysis) inMatch(c gazetteer.Class, k int) bool {
	for start := k; start >= 0 && start > k-8; start-- {
		if end, ok := an.startingAt(c, start); ok && end > k {
			return true
		}
	}
	return false
}

// appositive: "Name, [the|a] [possessor's] [adjectives] ROLE [of|for|at X],".
func (an *analysis) appositive(ents []doc.Entity, e *doc.Entity) bool {
	i := e.EndWord
	if i >= len(an.forms) || an.forms[i] != "," || !an.sameSentence(i, e.FirstWord) {
		return false
	}
	start := i + 1
	end := start
	for end < len(an.forms) && an.sameSentence(end, start) && end-start <= maxAppositive {
		f := an.forms[end]
		if f == "," || f == ";" || f == "." || f == "--" || f == "\u2014" || f == "\u2013" || f == ")" {
			break
		}
		switch an.d.Words[end].POS {
		case "VBD", "VBZ", "VBP", "MD":
			return false // a clause ("X, who said ...", "X, 45, said"), not a description
		}
		end++
	}
	if end == start || end-start > maxAppositive {
		return false
	}
	// The last role in the appositive is its head: "a former deputy foreign minister".
	r, rEnd := -1, -1
	for k := start; k < end; k++ {
		if re, ok := an.startingAt(gazetteer.Role, k); ok && re <= end {
			r, rEnd = k, re
		}
	}
	if r < 0 {
		// "head of the export department": a role noun followed by "of".
		for k := start; k+1 < end; k++ {
			if an.st.roleHeads[strings.ToLower(an.forms[k])] && isRolePrep(an.forms[k+1]) {
				r, rEnd = k, k+1
				break
			}
		}
	}
	if r < 0 {
		return false
	}
	r = an.extendRole(r, rEnd)
	e.Role = strings.ToLower(an.textOf(r, rEnd))
	// "... spokeswoman for the State Department": the object names the affiliation.
	if rEnd < end {
		switch {
		case isRolePrep(an.forms[rEnd]):
			a := rEnd + 1
			if a < end && strings.EqualFold(an.forms[a], "the") {
				a++
			}
			if a < end {
				e.Affiliation = an.resolveGeneric(ents, an.textOf(a, end), a)
				return true
			}
		}
	}
	if aff := an.affiliationBefore(ents, r); aff != "" {
		e.Affiliation = aff
		return true
	}
	// "the ministry's spokeswoman": a possessor, perhaps a generic noun for
	// an organisation named earlier.
	for k := r - 1; k > start; k-- {
		if an.forms[k] == "'s" {
			a := start
			if strings.EqualFold(an.forms[a], "the") {
				a++
			}
			if a < k {
				e.Affiliation = an.resolveGeneric(ents, an.textOf(a, k), a)
			}
			break
		}
	}
	return true
}

func isRolePrep(w string) bool {
	switch strings.ToLower(w) {
	case "of", "for", "at", "with", "to":
		return true
	}
	return false
}

// reverseAppositive: "The spokeswoman, Maria Zakharova, said".
func (an *analysis) reverseAppositive(ents []doc.Entity, e *doc.Entity) bool {
	i := e.FirstWord - 1
	if i < 1 || an.forms[i] != "," {
		return false
	}
	r, ok := an.endingAt(gazetteer.Role, i)
	if !ok || !an.sameSentence(r, e.FirstWord) {
		return false
	}
	e.Role = strings.ToLower(an.textOf(r, i))
	e.Affiliation = an.affiliationBefore(ents, r)
	return true
}

// resolveGeneric turns a generic reference ("ministry", "the department")
// into the organisation named earlier whose name ends in that noun ("Foreign
// Ministry"); other text is returned as it is.
func (an *analysis) resolveGeneric(ents []doc.Entity, s string, at int) string {
	words := strings.Fields(s)
	if len(words) != 1 {
		return s
	}
	head := strings.ToLower(words[0])
	if r, _ := utf8.DecodeRuneInString(words[0]); unicode.IsUpper(r) {
		return s
	}
	best := ""
	for i := range ents {
		o := &ents[i]
		if o.EndWord > at {
			break
		}
		if o.Type != doc.EntityOrg && o.Type != doc.EntityMedia {
			continue
		}
		if strings.EqualFold(an.forms[o.EndWord-1], head) {
			best = an.textOf(o.FirstWord, o.EndWord)
		}
	}
	// Gazetteer matches the tagger did not mark (e.g. "foreign ministry"
	// in lower case) count too.
	for _, m := range an.matches {
		if m.End > at {
			break
		}
		if (m.Class == gazetteer.GovBody || m.Class == gazetteer.IntlOrg) && strings.EqualFold(an.forms[m.End-1], head) {
			cand := an.textOf(m.Start, m.End)
			if best == "" || m.End > 0 {
				best = an.withModifiers(m.Start, cand)
			}
		}
	}
	if best == "" {
		best = an.lowercaseBody(head, at)
	}
	if best == "" {
		return s
	}
	return best
}

// lowercaseBody finds an earlier lower-case naming of a body with the same
// head noun ("the foreign ministry's tower" before "the ministry's
// spokeswoman") and returns it with its modifiers ("foreign ministry").
func (an *analysis) lowercaseBody(head string, at int) string {
	for k := at - 1; k > 0; k-- {
		if !strings.EqualFold(an.forms[k], head) || k == at {
			continue
		}
		a := k
		for a > 0 && k-a < 3 && an.sameSentence(a-1, k) {
			pos := an.d.Words[a-1].POS
			if pos != "JJ" && pos != "NN" && pos != "NNP" {
				break
			}
			a--
		}
		if a < k {
			return an.withModifiers(a, an.textOf(a, k+1))
		}
	}
	return ""
}

// withModifiers extends a body's name with the nationality or country
// written right before it ("Russian" + "Foreign Ministry").
func (an *analysis) withModifiers(start int, name string) string {
	k := start
	for k > 0 && an.sameSentence(k-1, start) && (an.inMatch(gazetteer.Demonym, k-1) || an.inMatch(gazetteer.Country, k-1)) {
		k--
	}
	if k == start {
		return name
	}
	return an.textOf(k, start) + " " + name
}
