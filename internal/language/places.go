package language

import (
	_ "embed"
	"strings"
	"unicode"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/gazetteer"
)

// CelestialFile is the list of celestial bodies' names.
const CelestialFile = "language/celestial-bodies.txt"

//go:embed data/celestial-bodies.txt
var celestialTxt string

// placesNotPeople retypes as LOC the mentions the tagger calls a person
// or an organisation that are places by the gazetteer: a place name of two
// or more words tagged PERSON ("Hong Kong", "New York"), and a celestial
// body's name alone tagged PERSON or ORG ("Venus", "Jupiter"). One-word
// places stay as tagged ("Jordan", "Paris" and "Washington" are also
// people), and so does a name that a person in the article carries
// ("Venus Williams" ... "Venus").
func (an *analysis) placesNotPeople(ents []doc.Entity) {
	var personWords map[string]bool // words of the article's multi-word PERSON names
	for i := range ents {
		e := &ents[i]
		if e.Type != doc.EntityPerson && e.Type != doc.EntityOrg {
			continue
		}
		a, b := e.FirstWord, e.EndWord
		place := false
		switch {
		case b-a == 1 && an.st.celestial[an.forms[a]]:
			place = true
		case b-a > 1 && e.Type == doc.EntityPerson:
			for _, c := range []gazetteer.Class{gazetteer.Country, gazetteer.City, gazetteer.Region} {
				if _, ok := an.exactMatch(c, a, b); ok {
					place = true
					break
				}
			}
		}
		if !place {
			continue
		}
		if personWords == nil {
			personWords = an.fullNameWords(ents)
		}
		if b-a == 1 && personWords[strings.ToLower(an.forms[a])] {
			continue
		}
		e.Type = doc.EntityLoc
	}
}

// adjectivesNotPeople retypes one-word PERSON mentions that modify the
// common noun after them ("Western journalists", "Sunni militants": a
// habit of the Groningen Meaning Bank's tags, which the tagger learnt), as
// MISC, unless the word is part of a person's fuller name in the article
// or a given name ("Trump supporters" stays Trump's).
func (an *analysis) adjectivesNotPeople(ents []doc.Entity) {
	var personWords map[string]bool
	for i := range ents {
		e := &ents[i]
		a := e.FirstWord
		if e.Type != doc.EntityPerson || e.EndWord-a != 1 || a+1 >= len(an.forms) {
			continue
		}
		next := an.d.Words[a+1]
		if !strings.HasPrefix(next.POS, "NN") || strings.HasPrefix(next.POS, "NNP") || !startsLower(an.forms[a+1]) || an.inMatch(gazetteer.GivenName, a) {
			continue
		}
		if personWords == nil {
			personWords = an.fullNameWords(ents)
		}
		if !personWords[strings.ToLower(an.forms[a])] {
			e.Type = doc.EntityMisc
		}
	}
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

// fullNameWords is the set of the lower-cased words of the article's
// multi-word PERSON names: a one-word mention among them is a person's.
func (an *analysis) fullNameWords(ents []doc.Entity) map[string]bool {
	words := map[string]bool{}
	for _, p := range ents {
		if p.Type == doc.EntityPerson && p.EndWord-p.FirstWord > 1 {
			for k := p.FirstWord; k < p.EndWord; k++ {
				words[strings.ToLower(an.forms[k])] = true
			}
		}
	}
	return words
}
