package attribution

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/ascii"
	"github.com/credence-news/credence/internal/gazetteer"
)

// resolve names and types the source mentioned by words [i, j), with the
// confidence of the way it was found.
func (a *analysis) resolve(i, j int) doc.Source {
	src := a.resolveWay(i, j)
	if src.Confidence == 0 {
		switch {
		case src.Resolved == doc.ResolvedPronoun && src.Entity < 0:
			// an unresolved pronoun names nobody: nothing to be wrong about
			src.Confidence = 1
		case src.Resolved == doc.ResolvedRole:
			src.Confidence = confRole
		case src.Resolved == doc.ResolvedGeneric:
			src.Confidence = confGeneric
		case src.Entity >= 0:
			src.Confidence = confName
		case src.Type == doc.SourceNamedPerson:
			// a capitalised phrase the tagger did not take for a name
			src.Confidence = confUntagged
		default:
			src.Confidence = confGeneric
		}
	}
	return src
}

func (a *analysis) resolveWay(i, j int) doc.Source {
	src := doc.Source{Span: a.span(i, j), Name: a.text(i, j), Entity: -1, Resolved: doc.ResolvedName}
	head := a.headOf(i, j)
	// A pronoun: the most recent compatible person (or organisation).
	if j-i == 1 && isPronoun(a.lower[i]) {
		return a.resolvePronoun(i, src)
	}
	// "Barkley, who said", "voters who say": the relative pronoun stands
	// for the phrase before it (or, when there is none, for nobody named).
	if j-i == 1 && a.lower[i] == "who" {
		src.Resolved, src.Type = doc.ResolvedPronoun, doc.SourceVague
		k := i
		if k > 0 && a.forms[k-1] == "," {
			k--
		}
		if k > 0 {
			if st := a.phraseStart(k, max(0, k-8)); st < k {
				s := a.resolve(st, k)
				s.Span = src.Span
				return s
			}
		}
	}
	// The head word is part of an entity: that entity is the source.
	if ei := a.entityAt[head]; ei >= 0 {
		return a.fromEntity(ei, src)
	}
	// A common noun: "the spokeswoman", "officials", "a report", "experts".
	h := a.lower[head]
	typ, known := a.lex.nouns[h]
	if p := a.personWithRole(h, i); p >= 0 && (typ == doc.SourceAnonymous || !known) {
		s := a.fromEntity(p, src)
		s.Resolved = doc.ResolvedRole
		return s
	}
	// "The Upshot's elections model", "CNN's poll": a document of an
	// outlet or organisation is that outlet's or organisation's word.
	if known && typ == doc.SourceDocument && head > i {
		for k := i; k+1 < head; k++ {
			if a.forms[k+1] == "'s" || a.forms[k+1] == "'" {
				if ei := a.entityAt[k]; ei >= 0 {
					switch a.d.Entities[ei].Type {
					case doc.EntityMedia, doc.EntityOrg:
						return a.fromEntity(ei, src)
					}
				}
			}
		}
	}
	if known {
		src.Type = typ
		src.Resolved = doc.ResolvedGeneric
		if typ == doc.SourceAnonymous && !strings.HasSuffix(h, "s") {
			src.Role = h
		}
		if typ == doc.SourceAnonymous {
			src.Affiliation = a.modifiers(i, head)
		}
		if typ == doc.SourceOfficialBody || typ == doc.SourceMediaOutlet {
			if o := a.recentEntity(i, typ, h); o >= 0 {
				s := a.fromEntity(o, src)
				s.Resolved = doc.ResolvedGeneric
				return s
			}
		}
		return src
	}
	// A role without a name: "the prime minister" is one identifiable
	// person; "a diplomat" is anonymous.
	if role := a.roleOf(i, head+1); role != "" {
		src.Role = role
		src.Resolved = doc.ResolvedGeneric
		switch a.lower[i] {
		case "the", "our", "his", "her", "their", "its", "my":
			// "the prime minister", "our Commander-in-Chief", "his son":
			// one identifiable person the text does not name here
			src.Type = doc.SourceNamedPerson
		default:
			src.Type = doc.SourceAnonymous
		}
		return src
	}
	if domainLike(src.Name) {
		// "HollywoodLife.com revealed": a site's address names an outlet.
		src.Type = doc.SourceMediaOutlet
		src.Outlet = strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(src.Name, "www."), "WWW."))
		return src
	}
	r, _ := utf8.DecodeRuneInString(a.forms[head])
	if unicode.IsUpper(r) && institutionName(a.forms[i:j]) {
		// "The Project on Government Oversight": a body, not a person.
		src.Type = doc.SourceOfficialBody
		return src
	}
	if unicode.IsUpper(r) && !strings.HasPrefix(a.d.Words[head].POS, "NNS") && !(head == a.sentFirst[a.sentOf[head]] && a.d.Words[head].POS == "NN") {
		// ("Proponents of the plan" opening a sentence is no name.)
		src.Type = doc.SourceNamedPerson
	} else {
		src.Type = doc.SourceVague
	}
	return src
}

// domainLike reports a name that is a web address: one word with a dot
// and a known top-level ending ("HollywoodLife.com", "Breitbart.com").
func domainLike(name string) bool {
	if strings.ContainsAny(name, " /") || !strings.Contains(name, ".") {
		return false
	}
	n := strings.ToLower(name)
	for _, tld := range []string{".com", ".net", ".org", ".co.uk", ".news", ".info", ".us", ".tv", ".io", ".co", ".ca", ".com.au"} {
		if strings.HasSuffix(n, tld) && len(n) > len(tld)+1 {
			return true
		}
	}
	return false
}

// institutionName reports a capitalised name shaped like an institution's
// ("The Project on Government Oversight", "Center for American Progress"):
// capitalised words joined by "of", "on", "for" or "and". People's names
// are not.
func institutionName(words []string) bool {
	if len(words) < 3 {
		return false
	}
	capitals, joins := 0, 0
	for k, w := range words {
		switch {
		case w == "of" || w == "on" || w == "for" || w == "and" || w == "&":
			if k == 0 || k == len(words)-1 {
				return false
			}
			joins++
		case startsUpper(w):
			capitals++
		default:
			return false
		}
	}
	return joins > 0 && capitals >= 2
}

// headOf is the head word of the phrase [i, j): the last word before a
// preposition ("the North Korean embassy in London" → "embassy"), skipping
// a possessive ending and punctuation.
func (a *analysis) headOf(i, j int) int {
	for k := i + 1; k < j; k++ {
		if a.d.Words[k].POS == "IN" && a.entityAt[k] < 0 {
			// "62% of respondents", "half of voters", "many of the
			// officials": a quantity's head is what it counts.
			if a.lower[k] == "of" && k+1 < j && a.quantity(i, k) {
				i = k + 1
				continue
			}
			j = k
			break
		}
	}
	head := j - 1
	for head > i && (a.forms[head] == "'s" || a.isPunct(head)) {
		head--
	}
	return head
}

// quantity reports words [i, k) that only count or measure: "62%",
// "half", "many", "two-thirds", "a majority".
func (a *analysis) quantity(i, k int) bool {
	for m := i; m < k; m++ {
		switch a.d.Words[m].POS {
		case "CD", "DT", "NN", "JJ", "PDT":
		default:
			if a.forms[m] != "%" {
				return false
			}
		}
		switch a.lower[m] {
		case "half", "most", "many", "some", "all", "none", "majority", "minority", "third", "quarter", "two-thirds", "three-quarters", "a", "the", "percent", "%", "few", "several", "each", "one", "two", "three":
			continue
		}
		if a.d.Words[m].POS != "CD" && !strings.HasSuffix(a.lower[m], "%") {
			return false
		}
	}
	return k > i
}

// fromEntity makes a source of entity ei.
func (a *analysis) fromEntity(ei int, src doc.Source) doc.Source {
	e := a.d.Entities[ei]
	src.Entity = ei
	src.Name = e.Canonical
	if e.Type != doc.EntityMedia && domainLike(e.Canonical) {
		src.Type = doc.SourceMediaOutlet
		src.Outlet = strings.ToLower(strings.TrimPrefix(e.Canonical, "www."))
		return src
	}
	switch e.Type {
	case doc.EntityPerson:
		src.Type = doc.SourceNamedPerson
		src.Role, src.Affiliation = e.Role, e.Affiliation
	case doc.EntityMedia:
		src.Type = doc.SourceMediaOutlet
		src.Outlet = e.Outlet
	case doc.EntityNORP:
		src.Type = doc.SourceVague
	default:
		src.Type = doc.SourceOfficialBody
	}
	return src
}

// resolvePronoun: he/she → the most recent person of compatible gender as
// far as the text tells; it/they → the most recent organisation, else the
// most recent person for "they". First and second person are the writer
// or the reader, not a source.
func (a *analysis) resolvePronoun(i int, src doc.Source) doc.Source {
	p := a.lower[i]
	src.Resolved = doc.ResolvedPronoun
	switch p {
	case "he", "she":
		want := "m"
		if p == "she" {
			want = "f"
		}
		if ix := a.index(); ix.sorted {
			// The last person before i of that gender or of none known.
			if eb := a.entityBefore(i); eb >= 0 {
				if ei := ix.prevPerson[b2i(want == "f")][eb]; ei >= 0 {
					return a.pronounChoice(i, want, ei, src)
				}
			}
			break
		}
		for ei := a.entityBefore(i); ei >= 0; ei-- {
			e := a.d.Entities[ei]
			if e.Type != doc.EntityPerson || a.quotedEntity(e) {
				continue
			}
			if g := a.gender(ei); g != "" && g != want {
				continue
			}
			return a.fromEntityKeepSpan(ei, src)
		}
	case "it", "they":
		// Only an organisation named in this sentence or the one before:
		// further back, "they" is as likely a group of people.
		if ix := a.index(); ix.sorted {
			// Entities in order: the sentences only grow further back, so
			// the last organisation is the one, if it is near enough.
			if eb := a.entityBefore(i); eb >= 0 {
				if ei := ix.prevOrg[eb]; ei >= 0 && a.sentOf[i]-a.sentOf[a.d.Entities[ei].FirstWord] <= 1 {
					return a.fromEntityKeepSpan(ei, src)
				}
			}
			break
		}
		for ei := a.entityBefore(i); ei >= 0; ei-- {
			e := a.d.Entities[ei]
			if a.sentOf[i]-a.sentOf[e.FirstWord] > 1 {
				break
			}
			if a.quotedEntity(e) {
				continue
			}
			switch e.Type {
			case doc.EntityOrg, doc.EntityMedia:
				return a.fromEntityKeepSpan(ei, src)
			}
		}
	}
	src.Type = doc.SourceVague
	return src
}

// quotedEntity reports an entity named inside a quotation.
func (a *analysis) quotedEntity(e doc.Entity) bool {
	return e.FirstWord < len(a.quoted) && a.quoted[e.FirstWord]
}

// Confidences of the ways a source is found: the precision of each way on
// the careful-reader dev gold (testdata/findings/dev.jsonl, `credence eval
// findings --gold testdata/findings/dev.jsonl --by-way`).
const (
	confName           = 0.95 // a name next to the cue
	confRole           = 0.85 // a role ("the spokeswoman") matched to a named person
	confGeneric        = 0.9  // a common noun, taken as it is ("officials")
	confPronounOnly    = 0.9  // he/she with a single compatible person in reach
	confPronounQuote   = 0.9  // he/she agreeing with the speaker of the quotes around it
	confPronounFar     = 0.6  // he/she whose person is named further back
	confPronounRival   = 0.3  // he/she with another compatible person named in reach
	confPronounSubject = 0.85 // he/she: the person who opens the sentence before, and the last one named
	confPronounSwitch  = 0.45 // he/she: the one person in reach, not the one who was speaking (a guess)
	confContinuation   = 0.95 // times the confidence of the quote it continues
	confUntagged       = 0.6  // a capitalised phrase that is not a tagged name
	confFragment       = 0.85 // times the subject's confidence: a quoted fragment's speaker is its sentence's
)

// minSpeakerConfidence: quote speakers found less surely than this are
// not given (the quote keeps a null speaker). Chosen on the dev gold for a
// speaker precision of at least 0.95.
const minSpeakerConfidence = 0.5

// pronounReach is how many sentences before the pronoun's own a rival is
// looked for: the subject of the sentence before last is still a likely
// antecedent ("Betty White turned 95. She sat down with Katie Couric. “…,”
// she said.").
const pronounReach = 2

// pronounChoice settles he/she at word i, given ei, the last person of
// that gender (or of none known) before it. The speaker of the quotes
// around it wins over a person named in between ("Couric asked White if
// she had advice. “…,” she acknowledged." is White's if White was
// speaking); another compatible person named in the same or the previous
// sentence makes the choice a guess, and the confidence says so.
func (a *analysis) pronounChoice(i int, want string, ei int, src doc.Source) doc.Source {
	from := a.sentFirst[max(0, a.sentOf[i]-pronounReach)]
	// Distinct compatible people named (outside quotes) in reach.
	var names []string
	for k := ei; k >= 0 && a.d.Entities[k].FirstWord >= from; k-- {
		e := a.d.Entities[k]
		if e.Type != doc.EntityPerson || e.FirstWord >= i || a.quotedEntity(e) {
			continue
		}
		if g := a.gender(k); g != "" && g != want {
			continue
		}
		if !slices.Contains(names, e.Canonical) {
			names = append(names, e.Canonical)
		}
	}
	if ls := a.lastSpeaker; ls >= 0 && a.quoteSpeakerLookup && a.d.Entities[ls].FirstWord < i {
		if g := a.gender(ls); g == "" || g == want {
			lsName := a.d.Entities[ls].Canonical
			conf := 0.0
			switch {
			case len(names) == 0:
				conf = confPronounQuote // nobody else named since: the speaker goes on
			case len(names) == 1 && names[0] == lsName:
				conf = confPronounOnly
			case slices.Contains(names, lsName):
				conf = confPronounRival // the speaker, but someone else is in reach
			}
			if conf > 0 {
				out := a.fromEntityKeepSpan(ls, src)
				out.Confidence = conf
				return out
			}
		}
	}
	// The subject of the sentence before ("Maria Zakharova, the ministry's
	// spokeswoman, was quick to ... “…,” she told reporters"): the usual
	// antecedent, whoever else is named further back.
	if si := a.sentOf[i]; si > 0 && len(names) > 1 {
		if k := a.subjectPerson(si-1, want); k >= 0 && a.d.Entities[k].Canonical == a.d.Entities[ei].Canonical {
			out := a.fromEntityKeepSpan(k, src)
			out.Confidence = confPronounSubject
			return out
		}
	}
	out := a.fromEntityKeepSpan(ei, src)
	switch {
	case len(names) == 0:
		out.Confidence = confPronounFar
	case len(names) == 1 && a.quoteSpeakerLookup && a.lastSpeaker >= 0:
		// someone new, while another was speaking
		out.Confidence = confPronounSwitch
	case len(names) == 1:
		out.Confidence = confPronounOnly
	default:
		out.Confidence = confPronounRival
	}
	return out
}

// subjectPerson is the person who opens sentence si (its subject, perhaps
// after a title or determiner), compatible with gender want, or -1.
func (a *analysis) subjectPerson(si int, want string) int {
	k := a.sentFirst[si]
	for n := 0; n < 2 && k < len(a.forms) && a.entityAt[k] < 0 && a.sentOf[k] == si; n++ {
		k++ // "The", "Mr"
	}
	if k >= len(a.forms) || a.sentOf[k] != si {
		return -1
	}
	ei := a.entityAt[k]
	if ei < 0 || a.d.Entities[ei].Type != doc.EntityPerson || a.quotedEntity(a.d.Entities[ei]) {
		return -1
	}
	if g := a.gender(ei); g != "" && g != want {
		return -1
	}
	return ei
}

func (a *analysis) fromEntityKeepSpan(ei int, src doc.Source) doc.Source {
	s := a.fromEntity(ei, src)
	s.Resolved = doc.ResolvedPronoun
	return s
}

// entityBefore is the index of the last entity that starts before word i.
func (a *analysis) entityBefore(i int) int {
	if ix := a.index(); ix.sorted {
		return sort.Search(len(a.d.Entities), func(k int) bool { return a.d.Entities[k].FirstWord >= i }) - 1
	}
	k := -1
	for ei, e := range a.d.Entities {
		if e.FirstWord >= i {
			break
		}
		k = ei
	}
	return k
}

// gender is "f", "m" or "" from what the article says of the person: a
// gendered role word or honorific anywhere in front of any of its mentions.
func (a *analysis) gender(ei int) string {
	return a.index().gender[a.d.Entities[ei].Canonical]
}

// genderOfMentions is gender for every canonical name at once: the first
// mention, in order, that tells.
func (a *analysis) genderOfMentions() map[string]string {
	out := map[string]string{}
	for _, e := range a.d.Entities {
		if e.Type != doc.EntityPerson {
			continue
		}
		if _, ok := out[e.Canonical]; ok {
			continue
		}
		if g := a.genderOfMention(e); g != "" {
			out[e.Canonical] = g
		}
	}
	a.genderFromPronouns(out)
	return out
}

// genderFromPronouns settles the gender of people the text gives no role
// or honorific for, from the pronouns of the sentences where each is the
// only person named (and of the sentence after, when it names nobody):
// "Hillary Clinton ... She ..." makes Hillary Clinton "f" when the
// pronouns agree at least twice and three times as often as not.
func (a *analysis) genderFromPronouns(out map[string]string) {
	ents := a.d.Entities
	count := map[string]*[2]int{} // [m, f]
	ei := 0
	for si := range a.sentFirst {
		who := ""
		for ei < len(ents) && ents[ei].FirstWord < a.sentEnd[si] {
			e := ents[ei]
			ei++
			if e.Type != doc.EntityPerson || e.FirstWord < a.sentFirst[si] || a.quotedEntity(e) {
				continue
			}
			if who != "" && who != e.Canonical {
				who = "-"
			} else if who == "" {
				who = e.Canonical
			}
		}
		if who == "" || who == "-" {
			continue
		}
		if _, known := out[who]; known {
			continue
		}
		c := count[who]
		if c == nil {
			c = &[2]int{}
			count[who] = c
		}
		end := a.sentEnd[si]
		if si+1 < len(a.sentFirst) && !a.namesPerson(si+1) {
			end = a.sentEnd[si+1]
		}
		for k := a.sentFirst[si]; k < end; k++ {
			if a.quoted[k] {
				continue
			}
			switch a.lower[k] {
			case "he", "him", "his", "himself":
				c[0]++
			case "she", "her", "hers", "herself":
				c[1]++
			}
		}
	}
	for name, c := range count {
		switch {
		case c[0] >= 2 && c[0] >= 3*c[1]:
			out[name] = "m"
		case c[1] >= 2 && c[1] >= 3*c[0]:
			out[name] = "f"
		}
	}
}

// namesPerson reports a sentence that names a person outside quotes.
func (a *analysis) namesPerson(si int) bool {
	for k := a.sentFirst[si]; k < a.sentEnd[si]; k++ {
		if ei := a.entityAt[k]; ei >= 0 && a.d.Entities[ei].Type == doc.EntityPerson && !a.quoted[k] {
			return true
		}
	}
	return false
}

// genderOfMention is what one mention of a person says of its gender.
func (a *analysis) genderOfMention(e doc.Entity) string {
	if g := genderOf(e.Role); g != "" {
		return g
	}
	if k := e.FirstWord - 1; k >= 0 {
		switch strings.TrimSuffix(a.lower[k], ".") {
		case "ms", "mrs", "miss", "lady", "dame", "queen", "princess", "madam":
			return "f"
		case "mr", "sir", "lord", "king", "prince":
			return "m"
		}
	}
	return ""
}

// entityIndex holds what resolve looks entities up by, built once per
// document: scanning every entity for every source made an article with
// thousands of quotes and names quadratic.
type entityIndex struct {
	// sorted: the entities are in the order of their first words, as the
	// language layer leaves them (else the lookups fall back to scanning).
	sorted bool
	gender map[string]string // by canonical name (gender)
	// prevPerson[f][k] is the last entity at or before k that is a person
	// of gender "m" (f false) or "f" (f true) or unknown; -1 for none.
	prevPerson [2][]int
	// prevOrg[k] is the last ORG or MEDIA entity at or before k, or -1.
	prevOrg []int
	roles   map[string][]int // people by role and by every word-suffix of it
	media   []int            // MEDIA entities
	orgLast map[string][]int // ORG entities by the case-folded last word
}

func (a *analysis) index() *entityIndex {
	if a.ents != nil {
		return a.ents
	}
	ents := a.d.Entities
	ix := &entityIndex{sorted: true, gender: a.genderOfMentions(), roles: map[string][]int{}, orgLast: map[string][]int{}}
	ix.prevPerson[0], ix.prevPerson[1], ix.prevOrg = make([]int, len(ents)), make([]int, len(ents)), make([]int, len(ents))
	pm, pf, po := -1, -1, -1
	for ei, e := range ents {
		if ei > 0 && e.FirstWord < ents[ei-1].FirstWord {
			ix.sorted = false
		}
		if e.FirstWord < len(a.quoted) && a.quoted[e.FirstWord] {
			// Named inside a quotation: not who a pronoun outside it is.
			ix.prevPerson[0][ei], ix.prevPerson[1][ei], ix.prevOrg[ei] = pm, pf, po
			continue
		}
		switch e.Type {
		case doc.EntityPerson:
			switch ix.gender[e.Canonical] {
			case "m":
				pm = ei
			case "f":
				pf = ei
			default:
				pm, pf = ei, ei
			}
			if e.Role != "" {
				ix.roles[e.Role] = append(ix.roles[e.Role], ei)
				for k := 0; k < len(e.Role); k++ {
					if e.Role[k] == ' ' {
						ix.roles[e.Role[k+1:]] = append(ix.roles[e.Role[k+1:]], ei)
					}
				}
			}
		case doc.EntityMedia:
			po = ei
			ix.media = append(ix.media, ei)
		case doc.EntityOrg:
			po = ei
			if e.EndWord > e.FirstWord {
				k := ascii.FoldKey(a.forms[e.EndWord-1])
				ix.orgLast[k] = append(ix.orgLast[k], ei)
			}
		}
		ix.prevPerson[0][ei], ix.prevPerson[1][ei], ix.prevOrg[ei] = pm, pf, po
	}
	a.ents = ix
	return ix
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lastAtOrBefore is the last of the ascending indexes l that is at most k,
// or -1.
func lastAtOrBefore(l []int, k int) int {
	if i := sort.SearchInts(l, k+1) - 1; i >= 0 {
		return l[i]
	}
	return -1
}

func genderOf(role string) string {
	r := strings.ToLower(role)
	for _, w := range []string{"woman", "wife", "mother", "queen", "princess", "actress", "chairwoman", "daughter", "sister"} {
		if strings.Contains(r, w) {
			return "f"
		}
	}
	for _, w := range []string{"spokesman", "chairman", "husband", "father", "king", "prince", "son", "brother"} {
		if strings.HasSuffix(r, w) || r == w {
			return "m"
		}
	}
	return ""
}

// personWithRole finds the last person before word i whose role ends with
// the noun ("the spokeswoman" → Maria Zakharova, spokeswoman).
func (a *analysis) personWithRole(noun string, i int) int {
	if ix := a.index(); ix.sorted {
		return lastAtOrBefore(ix.roles[noun], a.entityBefore(i))
	}
	best := -1
	for ei, e := range a.d.Entities {
		if e.FirstWord >= i {
			break
		}
		if e.Type == doc.EntityPerson && e.Role != "" && (e.Role == noun || strings.HasSuffix(e.Role, " "+noun)) {
			best = ei
		}
	}
	return best
}

// recentEntity finds the organisation a generic noun refers back to: the
// last one before word i whose name ends in that noun ("the ministry" →
// "Russian Foreign Ministry"), or for a publication ("the newspaper") the
// last outlet named.
func (a *analysis) recentEntity(i int, typ doc.SourceType, noun string) int {
	if ix := a.index(); ix.sorted {
		switch typ {
		case doc.SourceMediaOutlet:
			return lastAtOrBefore(ix.media, a.entityBefore(i))
		case doc.SourceOfficialBody:
			return lastAtOrBefore(ix.orgLast[ascii.FoldKey(noun)], a.entityBefore(i))
		}
		return -1
	}
	best := -1
	for ei, e := range a.d.Entities {
		if e.FirstWord >= i {
			break
		}
		switch {
		case typ == doc.SourceMediaOutlet && e.Type == doc.EntityMedia:
			best = ei
		case typ == doc.SourceOfficialBody && e.Type == doc.EntityOrg && strings.EqualFold(a.forms[e.EndWord-1], noun):
			best = ei
		}
	}
	return best
}

// modifiers returns the capitalised or entity words before the head noun of
// a source phrase: "US State Department" in "A US State Department official".
func (a *analysis) modifiers(i, head int) string {
	s := i
	for s < head && (a.d.Words[s].POS == "DT" || a.d.Words[s].POS == "JJ" && !startsUpper(a.forms[s])) {
		s++
	}
	e := head
	for e > s && (a.forms[e-1] == "'s" || !startsUpper(a.forms[e-1]) && a.entityAt[e-1] < 0) {
		e--
	}
	if e <= s {
		return ""
	}
	return a.text(s, e)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// roleOf returns the role named by the words ending at j ("prime
// minister", "diplomat"), from the gazetteer's role list, or "".
func (a *analysis) roleOf(i, j int) string {
	gz := a.lex.gz
	if i >= j {
		return ""
	}
	// The words from k on are a suffix of the words from i on.
	all := strings.Join(a.lower[i:j], " ")
	off := 0
	for k := i; k < j; k++ {
		if entries := gz.Lookup(gazetteer.Role, all[off:]); len(entries) > 0 {
			return all[off:]
		}
		off += len(a.lower[k]) + 1
	}
	return ""
}
