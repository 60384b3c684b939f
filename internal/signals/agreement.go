package signals

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

//go:embed data/agreement.tsv
var agreementTSV string

// agreeClasses maps a word to the classes agreement.tsv gives it.
type agreeClasses map[string]map[string]bool

func parseAgreement(data string) agreeClasses {
	c := agreeClasses{}
	for _, line := range strings.Split(data, "\n") {
		word, class, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok || word == "" || word[0] == '#' {
			continue
		}
		if c[word] == nil {
			c[word] = map[string]bool{}
		}
		c[word][strings.TrimSpace(class)] = true
	}
	return c
}

// Verb forms whose number the word itself settles, whatever the tag says:
// the tagger is least sure of headline verbs, and these are the forms a
// slip most often involves.
var (
	singularVerb = map[string]bool{"is": true, "was": true, "has": true, "does": true, "isn't": true, "wasn't": true, "hasn't": true, "doesn't": true}
	pluralVerb   = map[string]bool{"are": true, "were": true, "have": true, "do": true, "aren't": true, "weren't": true, "haven't": true, "don't": true}
	// Subject pronouns and their number; object forms ("make it count")
	// are not subjects.
	pronounNumber = map[string]int{"he": singular, "she": singular, "it": singular, "they": plural, "we": plural, "you": plural}
)

// particle are the prepositions that also make phrasal verbs ("Sums Up").
var particle = map[string]bool{"up": true, "down": true, "out": true, "off": true, "back": true, "away": true, "around": true, "over": true}

const (
	unknown = iota
	singular
	plural
)

// hword is a headline word as the agreement rules see it.
type hword struct {
	doc.Word
	text, lower string
	cls         map[string]bool // the word's classes in agreement.tsv
	quoted      bool            // inside quotation marks: the speaker's words
	name        bool            // the body tags the same word as a name
	common      bool            // the body writes the word in lower case
}

// headlineAgreement counts number-agreement slips in the headline: a
// subject and its verb that disagree ("Officials says", "Lavrov and
// Zakharova meets", "The minister have denied") and a determiner that
// disagrees with its noun ("a secret meetings", "these envoy"). Edited
// copy rarely keeps such slips in a headline, where every word is read;
// rewritten and machine-spun copy often does.
//
// Headlines drop articles and auxiliaries ("Putin to meet Kim", "Man, 34,
// charged") and the tagger is least reliable on them, so each rule wants
// strong evidence and leaves out whatever is doubtful: a subject counts
// only when it is a plain noun phrase that starts the headline or a clause
// and stands right before its verb (no "of" phrase, relative clause or
// inversion between them), and nouns that take either number (collective
// nouns, "news", "series", amounts, names) are never counted. Slips inside
// quotation marks are the speaker's and are not counted.
//
// The headline is not part of the body, so there are no evidence spans
// (as with headline-body); the note quotes each slip and says what
// disagrees with what.
func (st *Stage) headlineAgreement(d *doc.Document) doc.Signal {
	sig := doc.Signal{ID: doc.SignalHeadlineAgreement, Unit: doc.UnitCount, Percentile: -1,
		Breakdown: map[string]float64{"subject-verb": 0, "determiner-noun": 0}}
	title := d.Meta.Title
	if title == "" || len(d.TitleWords) == 0 {
		sig.Note, sig.Unmeasured = "no headline", true
		return sig
	}
	names, lowerInBody := bodyUse(d, title)
	ws := headlineWords(title, d.TitleWords, lowerInBody, st.agree)
	titleCase := isTitleCaseHeadline(strings.Fields(title))
	// A word the body tags as a name is a name in the headline too, where
	// the tagger has less context ("Wales loses ...": not a plural).
	for i := range ws {
		if names[ws[i].text] {
			ws[i].name = true
		}
	}
	persons := bodyPersons(d)
	var slips []string
	detSlip := map[int]bool{} // determiner-noun slips, by the noun's index
	for i := range ws {
		if s, head := determinerSlip(ws, i, titleCase); s != "" {
			slips = append(slips, s)
			detSlip[head] = true
			sig.Breakdown["determiner-noun"]++
		}
	}
	for i := range ws {
		if s := subjectVerbSlip(ws, i, titleCase, detSlip, persons); s != "" {
			slips = append(slips, s)
			sig.Breakdown["subject-verb"]++
		}
	}
	sig.Value = float64(len(slips))
	if len(slips) == 0 {
		sig.Note = "no agreement slips in the headline"
	} else {
		sig.Note = "agreement slips in the headline: " + strings.Join(slips, "; ")
	}
	return sig
}

func headlineWords(title string, tw []doc.Word, lowerInBody map[string]bool, agree agreeClasses) []hword {
	ws := make([]hword, len(tw))
	quoted := false
	for i, w := range tw {
		t := title[w.Start:w.End]
		ws[i] = hword{Word: w, text: t, lower: strings.ToLower(strings.ReplaceAll(t, "’", "'"))}
		ws[i].common = lowerInBody[ws[i].lower]
		ws[i].cls = agree[ws[i].lower]
		if isQuoteMark(ws[i]) {
			// A quotation mark standing alone opens or closes a quotation;
			// the tagger tags both ends as quotes, so the marks alternate.
			quoted = !quoted
			ws[i].quoted = true
			continue
		}
		ws[i].quoted = quoted
	}
	if quoted {
		// An unclosed mark (an apostrophe the tokenizer split off) says
		// nothing about quotation: mark nothing rather than the rest.
		for i := range ws {
			ws[i].quoted = false
		}
	}
	// In a title-case headline the tagger sometimes takes a run of
	// capitalised words for one name ("Officials Says Talks Collapsed"
	// as an organisation). A name with a verb inside is such a misreading:
	// from the verb on its words are ordinary words, and so are the words
	// before it that the body writes in lower case ("officials"); the
	// others may well be a name ("Phelps Retains Title").
	for i := 0; i < len(ws); {
		if !strings.HasPrefix(ws[i].NER, "B-") {
			i++
			continue
		}
		j, verb := i+1, -1
		for k := i; k < len(ws) && (k == i || strings.HasPrefix(ws[k].NER, "I-")); k++ {
			if verb < 0 && strings.HasPrefix(ws[k].POS, "VB") {
				verb = k
			}
			j = k + 1
		}
		if verb >= 0 {
			for k := i; k < j; k++ {
				if k >= verb || ws[k].common {
					ws[k].NER = "O"
				}
			}
		}
		i = j
	}
	return ws
}

// bodyUse reports, for the headline's words, which the body tags as a
// proper noun or inside a named-entity mention (names, by the word as
// written) and which it writes in lower case (lower, by the lower-cased
// word). One pass over the body, looking for the headline's words only, so
// that a long article costs no map of its whole vocabulary.
func bodyUse(d *doc.Document, title string) (names, lower map[string]bool) {
	names, lower = map[string]bool{}, map[string]bool{}
	// The shapes (length, first byte) of the headline's words rule out
	// most body words without a map lookup.
	var nameShapes, lowerShapes wordShapes
	for _, w := range d.TitleWords {
		t := title[w.Start:w.End]
		names[t] = false
		nameShapes.add(t)
		lt := strings.ToLower(t)
		lower[lt] = false
		lowerShapes.add(lt)
	}
	for _, w := range d.Words {
		t := d.Text[w.Start:w.End]
		if t == "" || nameShapes.has(t) {
			if _, ok := names[t]; ok && (w.POS == "NNP" || w.POS == "NNPS" || w.NER != "O" && w.NER != "") {
				names[t] = true
			}
		}
		if t != "" && 'a' <= t[0] && t[0] <= 'z' && lowerShapes.has(t) {
			if _, ok := lower[t]; ok {
				lower[t] = true
			}
		}
	}
	return names, lower
}

// wordShapes is a set of the (length mod 64, first byte mod 64) pairs of
// some words: a word whose pair is not in it is none of them.
type wordShapes [64]uint64

func (s *wordShapes) add(w string) {
	if w != "" {
		s[len(w)&63] |= 1 << (w[0] & 63)
	}
}

// has reports whether the set may hold w, which must not be empty.
func (s *wordShapes) has(w string) bool { return s[len(w)&63]&(1<<(w[0]&63)) != 0 }

func isQuoteMark(w hword) bool {
	switch w.text {
	case `"`, "“", "”", "‘", "’", "'", "``", "''":
		return w.POS == "``" || w.POS == "''" || w.POS == "POS" && w.text != "'s"
	}
	return false
}

// determinerSlip reports a determiner at i whose noun disagrees with it in
// number, and the index of that noun.
func determinerSlip(ws []hword, i int, titleCase bool) (string, int) {
	det := ws[i]
	if det.quoted || det.POS != "DT" && det.POS != "JJ" {
		return "", -1
	}
	want := unknown
	switch {
	case inClass(det.cls, "det-singular"):
		want = singular
	case inClass(det.cls, "det-plural"):
		want = plural
	default:
		return "", -1
	}
	// "Plan A works", "Class A drugs": a capital A after a noun is a letter.
	if det.text == "A" && i > 0 && isNounTag(ws[i-1].POS) {
		return "", -1
	}
	// "each other's".
	if det.lower == "each" && i+1 < len(ws) && ws[i+1].lower == "other" {
		return "", -1
	}
	// "many a time", "a few days", "a dozen eggs", "every two years":
	// a quantity between determiner and noun settles the number.
	head, modified := -1, false
	j := i + 1
	for ; j < len(ws); j++ {
		w := ws[j]
		if w.quoted || w.POS == "CD" || inClass(w.cls, "quantity") || w.lower == "a" || w.lower == "an" {
			return "", -1
		}
		if w.POS == "JJ" || w.POS == "JJR" || w.POS == "JJS" || w.POS == "VBN" || w.POS == "VBG" || w.POS == "RB" || w.POS == "HYPH" {
			if head < 0 {
				modified = true
			}
			head = -1
			continue
		}
		if w.POS == "NN" || w.POS == "NNS" {
			head = j
			continue
		}
		break
	}
	if head < 0 || head != j-1 {
		return "", -1
	}
	// A proper noun after the run ("these Trump voters" is fine, but
	// "this Times report" ends in a name) or a possessive ("these man's")
	// means the head is not where the run ends.
	next := hword{}
	if j < len(ws) {
		next = ws[j]
		if next.POS == "NNP" || next.POS == "NNPS" || next.POS == "POS" || next.lower == "of" {
			// "these kind of", "a means of": the noun is a quantifier.
			return "", -1
		}
	}
	h := ws[head]
	got := nounNumber(h, titleCase)
	if got == unknown || got == want {
		return "", -1
	}
	nextVerb := next.POS == "VBD" || next.POS == "VBZ" || next.POS == "VBP" || next.POS == "MD"
	if want == plural && strings.HasSuffix(next.lower, "s") {
		// "These Yoga Poses", "many TV Shows": the tagger took the
		// plural head of the compound for a verb.
		return "", -1
	}
	if want == singular {
		// "Every Man Needs To", "a person calls": after a noun, an -s
		// word is more likely the verb than a plural head.
		if head > i+1 && isNounTag(ws[head-1].POS) {
			return "", -1
		}
		// "This Site Shows You", "a Controversial Ex-Professor Seeks
		// to", "This Comic Sums Up": an object, "to" or a particle
		// after the -s word makes it a verb.
		switch next.POS {
		case "PRP", "PRP$", "DT", "TO", "RP", "CD":
			return "", -1
		}
		if particle[next.lower] {
			return "", -1
		}
	}
	if inClass(det.cls, "det-pronoun") {
		// "This Changes Everything", "These Look Amazing": the determiner
		// may be a pronoun and the "noun" its verb. Count it only when an
		// adjective stands between or a verb follows the noun.
		if !modified && !nextVerb {
			return "", -1
		}
	} else if next.POS != "" && !nextVerb && !isBoundaryTag(next) && next.POS != "IN" && next.POS != "TO" && next.POS != "CC" && next.POS != "WDT" && next.POS != "RB" {
		// "a sales slump", "an arms deal": a noun or a verb-tagged word
		// after the plural may be the real head of a compound.
		return "", -1
	}
	if want == plural && (next.lower == "and" || next.lower == "or" || next.text == "&") {
		// "both Democrat and Republican lawmakers".
		return "", -1
	}
	what := map[int]string{singular: "singular", plural: "plural"}
	return "‘" + span(ws, i, head+1) + "’: " + what[want] + " determiner ‘" + det.text + "’ with " + what[got] + " noun ‘" + h.text + "’", head
}

// subjectVerbSlip reports a finite verb at v whose subject, the noun phrase
// right before it, disagrees with it in number.
func subjectVerbSlip(ws []hword, v int, titleCase bool, detSlip map[int]bool, persons []string) string {
	verb := ws[v]
	if v == 0 || verb.quoted {
		return ""
	}
	vnum := verbNumber(verb)
	if vnum == unknown {
		return ""
	}
	closed := singularVerb[verb.lower] || pluralVerb[verb.lower]
	if !closed && v+1 == len(ws) || !closed && v+1 < len(ws) && ws[v+1].POS == "." {
		// "Ariel Sharon, woken from coma, moves limbs": an open-class -s
		// word ending the headline is as likely the object noun, the word
		// before it the verb.
		return ""
	}
	if v+1 < len(ws) {
		next := ws[v+1]
		switch {
		case next.POS == "VBZ" || next.POS == "VBP" || next.POS == "VBD" || next.POS == "MD":
			// "Teachers strikes continue": a verb-tagged word right
			// before another verb is more likely a noun of a compound.
			return ""
		case next.POS == "VBN" && !closed:
			// "Wallace and Gromit sets destroyed by fire": a headline
			// passive with "are" dropped; the -s word is a noun.
			return ""
		case next.POS == "PRP" && pronounNumber[next.lower] != unknown, next.lower == "i":
			// "Which Song Are You": a question, the subject after.
			return ""
		}
	}
	// "If the deal were ...", "I wish it were": the subjunctive.
	if verb.lower == "were" || verb.lower == "weren't" {
		for _, w := range ws[:v] {
			if w.lower == "if" || w.lower == "wish" {
				return ""
			}
		}
	}
	// Pronoun subjects, with the forms of "be", "have" and "do" only:
	// in title case the tagger takes nouns for verbs after "You" ("You
	// Assholes Love ...").
	if p := ws[v-1]; p.POS == "PRP" && !p.quoted {
		n, ok := pronounNumber[p.lower]
		if !ok || !closed || !clauseStart(ws, v-1) {
			return ""
		}
		if p.lower == "you" && vnum == plural {
			return ""
		}
		if n != vnum {
			return svNote(ws, v-1, v, p.text, n, vnum, "subject")
		}
		return ""
	}
	// "This are how ...", "These is ...": a demonstrative standing alone
	// as the subject. A relative "that" follows a noun, not a boundary.
	if p := ws[v-1]; p.POS == "DT" && !p.quoted && closed && clauseStart(ws, v-1) {
		// Not "that": "(That Are Great)" is a relative clause.
		n := map[string]int{"this": singular, "these": plural, "those": plural}[p.lower]
		if n != unknown && n != vnum {
			return svNote(ws, v-1, v, p.text, n, vnum, "subject")
		}
		return ""
	}
	// The noun phrase before the verb: determiners, adjectives, numbers,
	// nouns and possessives, and one "and" between two conjuncts.
	start, and := v, -1
	for start > 0 {
		w := ws[start-1]
		if w.quoted {
			return ""
		}
		if w.lower == "and" || w.text == "&" {
			if start-1 > 0 && ws[start-2].POS == "PRP" {
				return "" // "You and your friend are"
			}
			if and >= 0 || start-1 == 0 || !isNounTag(ws[start-2].POS) {
				break // a clause boundary: "... and officials say"
			}
			and = start - 1
			start--
			continue
		}
		if !isNPTag(w.POS) {
			break
		}
		start--
	}
	if start == v || !isNounTag(ws[v-1].POS) || !clauseStart(ws, start) {
		return ""
	}
	if strings.HasSuffix(ws[start].lower, "ing") {
		return "" // "Closing schools has ...": a gerund is the head
	}
	if ws[start].POS == "CD" {
		// "27 Secrets Waiters Will Never Tell You": a listicle title is
		// a noun phrase with a relative clause, not a clause.
		return ""
	}
	for k := start; k < v; k++ {
		if detSlip[k] {
			return "" // counted once, as the determiner's slip
		}
		if ws[k].lower == "each" || ws[k].lower == "every" || ws[k].lower == "no" {
			return "" // "each man and woman is": distributive, singular
		}
	}
	if and >= 0 {
		if vnum == singular && pluralCompound(ws, start, and, v) {
			return svNote(ws, start, v, span(ws, start, v), plural, vnum, "compound subject")
		}
		return ""
	}
	head := ws[v-1]
	if vnum == plural && verb.NER == "O" && (start == 0 || ws[start-1].text != ",") && onePerson(ws[start:v], persons) {
		// "Sarkozy say", "Gwen Stefani are": one named person is
		// singular, whatever British usage does for teams and firms.
		// Not after a comma: "George, Amal Clooney are" is a list.
		return svNote(ws, start, v, span(ws, start, v), singular, vnum, "subject")
	}
	n := nounNumber(head, titleCase)
	switch {
	case n == unknown || n == vnum:
		return ""
	case !closed && v-2 >= start && isNounTag(ws[v-2].POS):
		// "Stadium disaster claims lives", "British PM condemns
		// walkouts": after a noun, the tagger's plural head may be the
		// verb and its verb the object. Only "is", "has" and the like
		// are sure enough.
		return ""
	case n == singular && start > 0 && (ws[start-1].text == "," || ws[start-1].lower == "and"):
		// "Co-pilot, pilot's widow sue FAA": a comma for "and" joins
		// two subjects.
		return ""
	case n == singular && head.POS != "NN":
		// "England win": a name with a plural verb is British usage for
		// a team or a company.
		return ""
	case n == singular && !closed && (v+1 == len(ws) || isBoundaryTag(ws[v+1])):
		// "COVID-19: Global weekend update (March 21–22)": a verbless
		// headline whose last noun the tagger took for a verb.
		return ""
	case n == singular && inClass(head.cls, "collective"):
		return "" // "Government say"
	case n == plural && inClass(head.cls, "unit"):
		return "" // "Five years is a long time"
	}
	return svNote(ws, start, v, head.text, n, vnum, "subject")
}

// onePerson reports a noun phrase that is one person's name and nothing
// else: proper nouns that the body gives as a person's full name or its
// last part. The body decides, not the headline's entity tags: on
// headlines alone the tagger takes teams and firms for people ("Chelsea
// make", "Ryanair threaten", "Tamil Tigers say") and misses real names.
func onePerson(np []hword, persons []string) bool {
	for _, w := range np {
		if w.POS != "NNP" || w.NER != "O" && !strings.HasSuffix(w.NER, "PERSON") {
			return false
		}
	}
	if len(np) == 0 {
		return false
	}
	name := span(np, 0, len(np))
	for _, p := range persons {
		if p == name || strings.HasSuffix(p, " "+name) {
			return true
		}
	}
	return false
}

// bodyPersons lists the full names (two words or more) of the people the
// body mentions, leaving out any name the body also uses for something
// else: "Chelsea" the club may be tagged a person somewhere.
func bodyPersons(d *doc.Document) []string {
	other := map[string]bool{}
	for _, e := range d.Entities {
		if e.Type != doc.EntityPerson {
			other[d.Text[e.Start:e.End]] = true
		}
	}
	var out []string
	for _, e := range d.Entities {
		if e.Type != doc.EntityPerson || other[d.Text[e.Start:e.End]] {
			continue
		}
		if last, n := lastField(e.Canonical); n < 2 || other[last] {
			continue
		}
		out = append(out, e.Canonical)
	}
	return out
}

// pluralCompound reports "X and Y" as surely plural: two people each named
// ("Lavrov and Zakharova"), or two noun phrases that each have their own
// determiner ("the minister and his aide"). Idioms ("law and order", "fish
// and chips") and names that contain "and" ("Marks and Spencer", "Trinidad
// and Tobago") are neither.
func pluralCompound(ws []hword, start, and, end int) bool {
	if and == start || and+1 >= end {
		return false
	}
	// "Johnson & Johnson", "Procter & Gamble": "&" joins names of firms,
	// and the tagger may still tag each side as a person.
	if ws[and].lower != "and" || ws[and].NER != "O" {
		return false
	}
	left, right := ws[start:and], ws[and+1:end]
	if span(ws, start, and) == span(ws, and+1, end) {
		return false // "Johnson and Johnson"
	}
	person := func(c []hword, first string) bool {
		for k, w := range c {
			if w.POS == "POS" {
				return false
			}
			if w.POS != "NNP" || !strings.HasSuffix(w.NER, "PERSON") {
				return false
			}
			if k == 0 && !strings.HasPrefix(w.NER, first) {
				return false
			}
		}
		return true
	}
	if person(left, "") && person(right, "B-") {
		return true
	}
	det := func(c []hword) bool {
		return (c[0].POS == "DT" || c[0].POS == "PRP$") && !inClass(c[0].cls, "det-plural") && c[len(c)-1].POS == "NN"
	}
	return det(left) && det(right)
}

func svNote(ws []hword, start, v int, subj string, n, vnum int, what string) string {
	num := map[int]string{singular: "singular", plural: "plural"}
	return "‘" + span(ws, start, v+1) + "’: " + num[n] + " " + what + " ‘" + subj + "’ with " + num[vnum] + " verb ‘" + ws[v].text + "’"
}

// verbNumber is the number a finite present (or "was"/"were") verb agrees
// with, or unknown.
func verbNumber(w hword) int {
	switch {
	case singularVerb[w.lower]:
		return singular
	case pluralVerb[w.lower]:
		return plural
	case w.lower == "'s" || w.lower == "'re" || w.lower == "'ve":
		// "It's", "Trump's": the contraction and the possessive are one
		// token and the tagger confuses them.
		return unknown
	case w.POS == "VBZ" && strings.HasSuffix(w.lower, "s"):
		return singular
	case w.POS == "VBP" && !strings.HasSuffix(w.lower, "s") && isWord(w.lower):
		return plural
	}
	return unknown
}

// nounNumber is the number of a common noun by its form and tag, or
// unknown when the noun takes either number or may be part of a name.
func nounNumber(w hword, titleCase bool) int {
	l := w.lower
	// Acronyms and brands ("CalPERS Is", "ADP say") name firms, and
	// mangled text ("ÒWe") is no noun at all.
	if !isWord(l) || w.name || innerUpper(w.text) || inClass(w.cls, "invariant") || strings.HasSuffix(l, "news") {
		return unknown
	}
	capital := startsUpper(w.text)
	if capital && inClass(w.cls, "name-plural") {
		return unknown // "British Airways says"
	}
	switch w.POS {
	case "NNS":
		if w.NER != "O" && w.NER != "" {
			return unknown
		}
		if inClass(w.cls, "plural") {
			return plural
		}
		if inClass(w.cls, "singular-s") || !strings.HasSuffix(l, "s") || strings.HasSuffix(l, "ss") || strings.HasSuffix(l, "us") || strings.HasSuffix(l, "is") {
			return unknown
		}
		// Where capitals say nothing (title case, the first word) an -s
		// word is a plural noun only when the body writes it in lower
		// case too: otherwise it may be a name ("Phelps Retains Title",
		// "Billups Is Back").
		if capital && (titleCase || w.Token == 0) && !w.common {
			return unknown
		}
		// A capitalised plural inside a sentence-case headline is a name
		// ("Stranger Things is back").
		if capital && !titleCase && w.Token > 0 {
			return unknown
		}
		return plural
	case "NN":
		if inClass(w.cls, "plural") || inClass(w.cls, "singular-s") {
			return unknown
		}
		if capital && !titleCase && w.Token > 0 {
			return unknown
		}
		return singular
	case "NNP":
		return singular // only ever used with a singular verb check
	}
	return unknown
}

// clauseStart reports whether a subject starting at i begins the headline
// or a clause: the start, after punctuation, or after a subordinating word.
func clauseStart(ws []hword, i int) bool {
	if i == 0 {
		return true
	}
	p := ws[i-1]
	return isBoundaryTag(p) || inClass(p.cls, "clause-start") || p.lower == "and" || p.text == "&"
}

func isBoundaryTag(w hword) bool {
	switch w.POS {
	case ",", ":", ".", "-LRB-", "-RRB-", "``", "''":
		return true
	}
	switch w.text {
	case "-", "–", "—", "|", ";":
		return true
	}
	return false
}

func isNounTag(pos string) bool {
	return pos == "NN" || pos == "NNS" || pos == "NNP" || pos == "NNPS"
}

func isNPTag(pos string) bool {
	switch pos {
	case "DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "CD", "POS", "HYPH", "NN", "NNS", "NNP", "NNPS":
		return true
	}
	return false
}

// innerUpper reports a capital letter after the first letter.
func innerUpper(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// span is the headline text of words [i, j), as written.
func span(ws []hword, i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i && ws[k].Start > ws[k-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(ws[k].text)
	}
	return b.String()
}

func inClass(cls map[string]bool, class string) bool { return cls[class] }
