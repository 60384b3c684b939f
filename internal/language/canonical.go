package language

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/ascii"
	"github.com/credence-news/credence/internal/gazetteer"
)

// canonicalise gives every mention the fullest name of its entity in the
// article. People: a mention whose words end a longer mention's words is the
// same person ("Lavrov", "Mr Lavrov" → "Sergei Lavrov"); a lone first name
// joins the one person who has it. Organisations likewise ("Foreign
// Ministry" → "Russian Foreign Ministry"). Names the gazetteers know take
// their canonical form ("U.S." → "United States", "AP" → "Associated
// Press").
//
// The mentions are looked up through indexes built once (canonIndex), so
// the cost grows with the number of mentions, not with its square: an
// article naming the same person 30,000 times used to take 18 s here. The
// result is the one of comparing every pair of mentions in order
// (canonicaliseSlow, kept for the tests).
func (an *analysis) canonicalise(ents []doc.Entity) {
	ix := an.newCanonIndex(ents)
	for i := range ents {
		e := &ents[i]
		e.Canonical = an.textOf(e.FirstWord, e.EndWord)
		switch e.Type {
		case doc.EntityMedia:
			if m, ok := an.exactMatch(gazetteer.Outlet, e.FirstWord, e.EndWord); ok {
				e.Canonical = an.gz.Entry(m).Name
			}
			continue
		case doc.EntityLoc, doc.EntityNORP, doc.EntityOrg:
			for _, c := range []gazetteer.Class{gazetteer.Country, gazetteer.IntlOrg, gazetteer.GovBody, gazetteer.Party} {
				if m, ok := an.exactMatch(c, e.FirstWord, e.EndWord); ok && e.Type != doc.EntityNORP {
					e.Canonical = an.gz.Entry(m).Name
					break
				}
			}
		}
		if isAllCaps(e.Canonical) {
			// "MOSCOW (Reuters)": a dateline's capitals name the same
			// place as "Moscow" later on.
			if j := ix.sameTextOtherCase(i, e.Type, e.Canonical); j >= 0 {
				e.Canonical = an.textOf(ents[j].FirstWord, ents[j].EndWord)
			}
		}
		// "Lunaleaf said" tagged PERSON where the article names "Lunaleaf
		// Ltd": a one-word mention that starts an organisation's name is
		// that organisation.
		if ix.mutated[i] {
			e.Type = doc.EntityOrg
		}
		// "said White" tagged ORG where the article names "Betty White":
		// a one-word organisation that is a person's surname here, and no
		// organisation's, is that person.
		if (e.Type == doc.EntityOrg || e.Type == doc.EntityLoc || e.Type == doc.EntityMisc) && e.EndWord-e.FirstWord == 1 {
			w := an.forms[e.FirstWord:e.EndWord]
			if ix.longerEndingWith(doc.EntityPerson, w) >= 0 && ix.longerEndingWith(doc.EntityOrg, w) < 0 && !an.knownPlace(e.FirstWord) {
				e.Type = doc.EntityPerson
			}
		}
		if e.Type != doc.EntityPerson && e.Type != doc.EntityOrg {
			continue
		}
		best := ix.longerEndingWith(e.Type, an.forms[e.FirstWord:e.EndWord])
		if e.Type == doc.EntityPerson && e.EndWord-e.FirstWord == 1 {
			first := an.forms[e.FirstWord]
			if f, ok := ix.firstNames[first]; ok && f.unique {
				j := f.first
				if best < 0 || ents[j].EndWord-ents[j].FirstWord > ents[best].EndWord-ents[best].FirstWord ||
					(ents[j].EndWord-ents[j].FirstWord == ents[best].EndWord-ents[best].FirstWord && j < best) {
					best = j
				}
			}
			if best < 0 {
				// "Ms Zakarova" after "Maria Zakharova": a surname one edit away
				// from a fuller name's is the same person misspelt.
				best = ix.nearSurname(first)
			}
		}
		if best >= 0 {
			e.Canonical = an.textOf(ents[best].FirstWord, ents[best].EndWord)
		}
	}
}

// knownPlace reports a word the gazetteers list as a country, city or
// region ("Washington", "Jordan"): a place even where a person shares it.
func (an *analysis) knownPlace(k int) bool {
	for _, c := range []gazetteer.Class{gazetteer.Country, gazetteer.City, gazetteer.Region} {
		if _, ok := an.exactMatch(c, k, k+1); ok {
			return true
		}
	}
	return false
}

// canonIndex holds what canonicalise looks mentions up by. Only one-word
// PERSON mentions change type (to ORG) during the pass, so every mention of
// two words or more keeps its type and can be indexed up front.
type canonIndex struct {
	an      *analysis
	ents    []doc.Entity
	types   []doc.EntityType // the types before the pass
	mutated []bool           // one-word PERSON mentions that become ORG
	// texts of mentions not in capitals, by type, case-folded text and
	// whether the mention is mutated, in mention order
	byText map[textKey][]int
	// multi-word mentions by type and a hash of their last k words, longest
	// first then in mention order
	suffixes map[suffixKey][]int
	// multi-word PERSON mentions by first word
	firstNames map[string]firstName
	// the last words of multi-word PERSON mentions, first mention of each,
	// by first rune and length in runes
	surnames map[surnameKey][]surname
	near     map[string]int // memo of nearSurname
}

type textKey struct {
	typ     doc.EntityType
	fold    string
	mutated bool
}

type suffixKey struct {
	typ  doc.EntityType
	n    int
	hash uint64
}

type firstName struct {
	full   string
	unique bool // every mention starting with the word has the same words
	first  int  // the first such mention
}

type surnameKey struct {
	first rune
	n     int
}

type surname struct {
	form  string
	first int
}

func (an *analysis) newCanonIndex(ents []doc.Entity) *canonIndex {
	ix := &canonIndex{an: an, ents: ents, types: make([]doc.EntityType, len(ents)), mutated: make([]bool, len(ents)),
		byText: make(map[textKey][]int, len(ents)), suffixes: make(map[suffixKey][]int, len(ents)),
		firstNames: map[string]firstName{}, surnames: map[surnameKey][]surname{}, near: map[string]int{}}
	orgFirst := map[string]bool{}
	var multi []int
	for i := range ents {
		e := &ents[i]
		ix.types[i] = e.Type
		if e.EndWord-e.FirstWord > 1 {
			multi = append(multi, i)
			if e.Type == doc.EntityOrg {
				orgFirst[an.forms[e.FirstWord]] = true
			}
		}
	}
	seenSurname := map[string]bool{}
	for i := range ents {
		e := &ents[i]
		ix.mutated[i] = e.Type == doc.EntityPerson && e.EndWord-e.FirstWord == 1 && orgFirst[an.forms[e.FirstWord]]
		if t := an.textOf(e.FirstWord, e.EndWord); !isAllCaps(t) {
			k := textKey{e.Type, ascii.FoldKey(t), ix.mutated[i]}
			ix.byText[k] = append(ix.byText[k], i)
		}
		if e.Type != doc.EntityPerson || e.EndWord-e.FirstWord < 2 {
			continue
		}
		first := an.forms[e.FirstWord]
		full := strings.Join(an.forms[e.FirstWord:e.EndWord], " ")
		if f, ok := ix.firstNames[first]; !ok {
			ix.firstNames[first] = firstName{full: full, unique: true, first: i}
		} else if f.unique && f.full != full {
			f.unique = false
			ix.firstNames[first] = f
		}
		last := an.forms[e.EndWord-1]
		if !seenSurname[last] {
			seenSurname[last] = true
			r, _ := utf8.DecodeRuneInString(last)
			k := surnameKey{r, utf8.RuneCountInString(last)}
			ix.surnames[k] = append(ix.surnames[k], surname{last, i})
		}
	}
	slices.SortStableFunc(multi, func(x, y int) int {
		return cmp.Compare(ents[y].EndWord-ents[y].FirstWord, ents[x].EndWord-ents[x].FirstWord)
	})
	for _, i := range multi {
		e := &ents[i]
		var h uint64
		for k, w := 1, e.EndWord-1; w > e.FirstWord; k, w = k+1, w-1 {
			h = hashWord(h, an.forms[w])
			key := suffixKey{e.Type, k, h}
			ix.suffixes[key] = append(ix.suffixes[key], i)
		}
	}
	return ix
}

var wordSeed = maphash.MakeSeed()

func hashWord(h uint64, w string) uint64 {
	return (h^maphash.String(wordSeed, w))*1099511628211 + 1
}

// typeAt is the type of mention j while mention i is being canonicalised:
// mentions before i have already changed type.
func (ix *canonIndex) typeAt(j, i int) doc.EntityType {
	if j < i && ix.mutated[j] {
		return doc.EntityOrg
	}
	return ix.types[j]
}

// sameTextOtherCase returns the first mention other than i, of type typ (as
// it stands while i is canonicalised), not in capitals, whose text equals
// text but for case; or -1.
func (ix *canonIndex) sameTextOtherCase(i int, typ doc.EntityType, text string) int {
	fold := ascii.FoldKey(text)
	best := -1
	consider := func(l []int, want func(j int) bool) {
		for _, j := range l {
			if best >= 0 && j > best {
				return
			}
			if j != i && want(j) && ix.typeAt(j, i) == typ && strings.EqualFold(ix.an.textOf(ix.ents[j].FirstWord, ix.ents[j].EndWord), text) {
				best = j
				return
			}
		}
	}
	// Mentions that keep their type: the first one that is not i.
	consider(ix.byText[textKey{typ, fold, false}], func(int) bool { return true })
	// One-word PERSON mentions that become ORG: a PERSON still after i, an
	// ORG already before it.
	switch typ {
	case doc.EntityPerson:
		l := ix.byText[textKey{doc.EntityPerson, fold, true}]
		k, _ := slices.BinarySearch(l, i+1)
		consider(l[k:], func(j int) bool { return j > i })
	case doc.EntityOrg:
		l := ix.byText[textKey{doc.EntityPerson, fold, true}]
		k, _ := slices.BinarySearch(l, i)
		consider(l[:k], func(j int) bool { return j < i })
	}
	return best
}

// longerEndingWith returns the longest mention of type typ, longer than w,
// whose words end with w (the first of the longest); or -1.
func (ix *canonIndex) longerEndingWith(typ doc.EntityType, w []string) int {
	var h uint64
	for k := len(w) - 1; k >= 0; k-- {
		h = hashWord(h, w[k])
	}
	for _, j := range ix.suffixes[suffixKey{typ, len(w), h}] {
		o := &ix.ents[j]
		if o.EndWord-o.FirstWord > len(w) && endsWith(ix.an.forms[o.FirstWord:o.EndWord], w) {
			return j
		}
	}
	return -1
}

// nearSurname returns the first multi-word PERSON mention whose last word is
// spelt one edit away from w (nearSpelling), or -1.
func (ix *canonIndex) nearSurname(w string) int {
	if j, ok := ix.near[w]; ok {
		return j
	}
	best := -1
	r, _ := utf8.DecodeRuneInString(w)
	n := utf8.RuneCountInString(w)
	if n >= 6 {
		for m := n - 1; m <= n+1; m++ {
			for _, s := range ix.surnames[surnameKey{r, m}] {
				if (best < 0 || s.first < best) && nearSpelling(s.form, w) {
					best = s.first
				}
			}
		}
	}
	ix.near[w] = best
	return best
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
