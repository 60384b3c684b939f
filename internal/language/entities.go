package language

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/gazetteer"
)

// tagTypes maps the tagger's entity types to the report's.
var tagTypes = map[string]doc.EntityType{
	"PERSON": doc.EntityPerson, "ORG": doc.EntityOrg, "LOC": doc.EntityLoc, "MISC": doc.EntityMisc, "DATE": doc.EntityDate,
	"TIME": doc.EntityTime, "MONEY": doc.EntityMoney, "PERCENT": doc.EntityPercent, "NUMBER": doc.EntityNumber,
	"ORDINAL": doc.EntityOrdinal, "DURATION": doc.EntityDuration, "SET": doc.EntitySet,
}

// mention is an entity under construction, over words [a, b).
type mention struct {
	a, b int
	typ  doc.EntityType
}

// analysis is what entity building needs about the document's words.
type analysis struct {
	d       *doc.Document
	forms   []string
	sentOf  []int32
	gz      *gazetteer.Gazetteer
	st      *Stage // the word lists
	matches []gazetteer.Match
	// starts holds the matches that stay inside one sentence, by start
	// word; ends the same matches by end word. Within a class matches do
	// not overlap, so a class has at most one match starting (or ending)
	// at any word.
	starts []gazetteer.Match
	ends   []gazetteer.Match
	// firstStart[i] is the index in starts of the first match starting at
	// word i or after; firstEnd[i] the same in ends.
	firstStart, firstEnd []int32
	ix                   *indexes
	// outlets remembers outletDomain's answers for this document.
	outlets []outletOf
	// cued holds the ordinary-word outlet names the document shows to be
	// outlets somewhere (see outletEvidence); nil until first needed.
	cued map[string]bool
}

type outletOf struct {
	entry  int32
	domain string
}

// indexes are an analysis's buffers, kept for the next document.
type indexes struct {
	matches, starts, ends []gazetteer.Match
	mentions, added       []mention
	covered               []bool
	firstStart, firstEnd  []int32
}

func newAnalysis(st *Stage, d *doc.Document, forms []string, sentOf []int32, ix *indexes) *analysis {
	an := &analysis{d: d, forms: forms, sentOf: sentOf, gz: st.gz, st: st, ix: ix}
	an.matches = st.gz.Matches(forms, ix.matches[:0])
	an.starts = ix.starts[:0]
	for _, m := range an.matches {
		// A match must not cross a sentence boundary.
		if m.End-1 >= len(sentOf) || sentOf[m.Start] != sentOf[m.End-1] {
			continue
		}
		an.starts = append(an.starts, m)
	}
	an.ends = append(ix.ends[:0], an.starts...)
	slices.SortFunc(an.ends, func(x, y gazetteer.Match) int { return cmp.Compare(x.End, y.End) })
	ix.matches, ix.starts, ix.ends = an.matches, an.starts, an.ends
	an.firstStart = firstIndex(ix.firstStart, an.starts, len(forms), func(m gazetteer.Match) int { return m.Start })
	an.firstEnd = firstIndex(ix.firstEnd, an.ends, len(forms), func(m gazetteer.Match) int { return m.End })
	ix.firstStart, ix.firstEnd = an.firstStart, an.firstEnd
	return an
}

// firstIndex fills dst[i], for word positions 0..n+1, with the index of the
// first of ms (ordered by key) whose key is i or more.
func firstIndex(dst []int32, ms []gazetteer.Match, n int, key func(gazetteer.Match) int) []int32 {
	dst = slices.Grow(dst[:0], n+2)[:n+2]
	k := 0
	for i := range dst {
		for k < len(ms) && key(ms[k]) < i {
			k++
		}
		dst[i] = int32(k)
	}
	return dst
}

// inRange returns the positions of ms whose key is i, from an index made
// by firstIndex.
func inRange(first []int32, i int) (int, int) {
	if i < 0 || i+1 >= len(first) {
		return 0, 0
	}
	return int(first[i]), int(first[i+1])
}

// startingAt returns the end of the class-c match that starts at word i.
func (an *analysis) startingAt(c gazetteer.Class, i int) (int, bool) {
	if m, ok := an.matchStartingAt(c, i); ok {
		return m.End, true
	}
	return 0, false
}

// matchStartingAt returns the class-c match that starts at word i.
func (an *analysis) matchStartingAt(c gazetteer.Class, i int) (gazetteer.Match, bool) {
	a, b := inRange(an.firstStart, i)
	for _, m := range an.starts[a:b] {
		if m.Class == c {
			return m, true
		}
	}
	return gazetteer.Match{}, false
}

// endingAt returns the start of the class-c match that ends at word i
// (exclusive end).
func (an *analysis) endingAt(c gazetteer.Class, i int) (int, bool) {
	a, b := inRange(an.firstEnd, i)
	for _, m := range an.ends[a:b] {
		if m.Class == c {
			return m.Start, true
		}
	}
	return 0, false
}

// buildEntities turns the words' IOB2 tags into typed entity mentions with
// canonical names, roles and affiliations.
func buildEntities(st *Stage, d *doc.Document, forms []string, sentOf []int32, ix *indexes) []doc.Entity {
	an := newAnalysis(st, d, forms, sentOf, ix)
	ms := an.mentionsFromTags()
	ms = an.addGazetteerOutlets(ms)
	ms = an.joinDemonyms(ms)
	ents := make([]doc.Entity, 0, len(ms))
	for _, m := range ms {
		m = an.stripLeadingTitles(m)
		if m.a >= m.b {
			continue
		}
		if m.typ == doc.EntityPerson && m.b < len(forms) && generationSuffix(forms[m.b]) && !strings.HasPrefix(d.Words[m.b].NER, "B-") {
			m.b++ // "Richard Allen Claybrook Jr." is not his father, "... Sr."
		}
		e := doc.Entity{
			Span:      doc.Span{Start: d.Words[m.a].Start, End: d.Words[m.b-1].End},
			FirstWord: m.a, EndWord: m.b, Type: m.typ,
		}
		an.refineType(&e)
		ents = append(ents, e)
	}
	an.placesNotPeople(ents)
	an.adjectivesNotPeople(ents)
	an.canonicalise(ents)
	an.roles(ents)
	return ents
}

// joinDemonyms makes one mention of a nationality the gazetteer knows in
// several words ("North Korean") where the tagger left its first words out
// or tagged them apart (North/LOC Korean/MISC, a habit of the Groningen
// Meaning Bank's tags).
func (an *analysis) joinDemonyms(ms []mention) []mention {
	out := ms[:0]
	for _, m := range ms {
		if m.typ == doc.EntityMisc || m.typ == doc.EntityLoc {
			if start, ok := an.endingAt(gazetteer.Demonym, m.b); ok && start < m.a {
				// Drop earlier mentions inside the nationality's words.
				for len(out) > 0 && out[len(out)-1].a >= start && out[len(out)-1].b <= m.a {
					out = out[:len(out)-1]
				}
				if len(out) == 0 || out[len(out)-1].b <= start {
					m.a, m.typ = start, doc.EntityMisc
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// generationSuffix reports "Jr.", "Sr.", "II", "III", "IV" after a name.
func generationSuffix(w string) bool {
	switch w {
	case "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV":
		return true
	}
	return false
}

// mentionsFromTags reads IOB2 tags with conlleval semantics: an I- tag whose
// type differs from the open entity, or that follows O, starts a new one.
func (an *analysis) mentionsFromTags() []mention {
	out := an.ix.mentions[:0]
	defer func() { an.ix.mentions = out[:0] }()
	open := -1
	typ := ""
	closeAt := func(i int) {
		if open >= 0 {
			if t, ok := tagTypes[typ]; ok {
				out = append(out, mention{open, i, t})
			}
		}
		open, typ = -1, ""
	}
	for i, w := range an.d.Words {
		if open >= 0 && an.sentOf[i] != an.sentOf[open] {
			closeAt(i)
		}
		tag := w.NER
		switch {
		case tag == "" || tag == "O":
			closeAt(i)
		case strings.HasPrefix(tag, "B-"):
			closeAt(i)
			open, typ = i, tag[2:]
		case strings.HasPrefix(tag, "I-"):
			if open < 0 || typ != tag[2:] {
				closeAt(i)
				open, typ = i, tag[2:]
			}
		}
	}
	closeAt(len(an.d.Words))
	return out
}

// addGazetteerOutlets adds news outlets named in capitals that the tagger
// left untagged: an outlet name is strong evidence on its own, and the
// sourcing analysis depends on seeing every outlet cited.
func (an *analysis) addGazetteerOutlets(ms []mention) []mention {
	covered := an.ix.covered
	if cap(covered) < len(an.forms) {
		covered = make([]bool, len(an.forms))
	}
	covered = covered[:len(an.forms)]
	clear(covered)
	an.ix.covered = covered
	for _, m := range ms {
		for i := m.a; i < m.b; i++ {
			covered[i] = true
		}
	}
	add := an.ix.added[:0]
	defer func() { an.ix.added = add[:0] }()
	for _, g := range an.matches {
		if g.Class != gazetteer.Outlet || g.End > len(covered) {
			continue
		}
		free, capital := true, false
		for i := g.Start; i < g.End; i++ {
			free = free && !covered[i]
			r, _ := utf8.DecodeRuneInString(an.forms[i])
			capital = capital || unicode.IsUpper(r)
		}
		if free && capital && g.End-g.Start >= 1 && an.sentOf[g.Start] == an.sentOf[g.End-1] {
			a := g.Start
			if strings.EqualFold(an.forms[a], "the") && a+1 < g.End {
				a++
			}
			if !an.outletEvidence(a, g.End) {
				continue
			}
			add = append(add, mention{a, g.End, doc.EntityOrg})
		}
	}
	if len(add) == 0 {
		return ms
	}
	out := make([]mention, 0, len(ms)+len(add)) // ms's buffer is in use
	i, j := 0, 0
	for i < len(ms) || j < len(add) {
		if j == len(add) || (i < len(ms) && ms[i].a < add[j].a) {
			out = append(out, ms[i])
			i++
		} else {
			out = append(out, add[j])
			j++
		}
	}
	return out
}

// stripLeadingTitles takes honorifics and role words off the front of a
// PERSON mention ("Foreign Minister Sergei Lavrov" → "Sergei Lavrov"); roles
// are attached separately.
func (an *analysis) stripLeadingTitles(m mention) mention {
	if m.typ != doc.EntityPerson {
		return m
	}
	for m.a < m.b-1 {
		if end, ok := an.startingAt(gazetteer.Role, m.a); ok && end < m.b {
			m.a = end
			continue
		}
		if end, ok := an.startingAt(gazetteer.Title, m.a); ok && end < m.b {
			m.a = end
			continue
		}
		break
	}
	return m
}

// refineType uses the gazetteers to name what the tagger's coarse types
// mean here: an organisation that is a news outlet is MEDIA, a
// "miscellaneous" nationality is NORP.
func (an *analysis) refineType(e *doc.Entity) {
	a, b := e.FirstWord, e.EndWord
	exact := func(c gazetteer.Class) (gazetteer.Match, bool) { return an.exactMatch(c, a, b) }
	switch e.Type {
	case doc.EntityOrg, doc.EntityMisc, doc.EntityPerson, doc.EntityLoc:
		m, ok := exact(gazetteer.Outlet)
		if !ok && b-a > 1 && strings.EqualFold(an.forms[a], "the") {
			// "The New York Times" tagged with its "The": the outlet is
			// the name after it.
			if m, ok = an.exactMatch(gazetteer.Outlet, a+1, b); ok {
				defer func() {
					if e.Type == doc.EntityMedia {
						e.FirstWord, e.Start = a+1, an.d.Words[a+1].Start
					}
				}()
			}
		}
		if ok && an.outletEvidence(max(m.Start, a), m.End) {
			e.Type = doc.EntityMedia
			e.Outlet = an.outletDomain(m)
			return
		}
	}
	if e.Type == doc.EntityMisc || e.Type == doc.EntityLoc || e.Type == doc.EntityOrg {
		if _, ok := exact(gazetteer.Demonym); ok {
			e.Type = doc.EntityNORP
			return
		}
	}
	// "Russian Agriculture Ministry" tagged MISC or LOC: a name that ends
	// in an organisation word, or is a known body, is an organisation.
	if e.Type == doc.EntityMisc || e.Type == doc.EntityLoc || (e.Type == doc.EntityPerson && !an.inMatch(gazetteer.GivenName, a)) {
		last := b - 1
		if an.inMatch(gazetteer.OrgSuffix, last) && b-a > 1 && !an.inMatch(gazetteer.Country, last) {
			e.Type = doc.EntityOrg
			return
		}
		for _, c := range []gazetteer.Class{gazetteer.GovBody, gazetteer.IntlOrg, gazetteer.Party} {
			if _, ok := exact(c); ok {
				e.Type = doc.EntityOrg
				return
			}
		}
	}
}

// outletDomain is the domain of an outlet match, or "" when the name is
// shared by several outlets (the attribution stage settles those).
func (an *analysis) outletDomain(m gazetteer.Match) string {
	for _, o := range an.outlets {
		if o.entry == m.Entry {
			return o.domain
		}
	}
	domain := an.lookupOutletDomain(m)
	an.outlets = append(an.outlets, outletOf{m.Entry, domain})
	return domain
}

func (an *analysis) lookupOutletDomain(m gazetteer.Match) string {
	ent := an.gz.Entry(m)
	cands := an.gz.Lookup(gazetteer.Outlet, ent.Name)
	domain := ent.Domain
	for _, c := range cands {
		if c.Domain != domain {
			return ""
		}
	}
	return domain
}
