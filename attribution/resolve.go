package attribution

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/gazetteer"
)

// resolve names and types the source mentioned by words [i, j).
func (a *analysis) resolve(i, j int) doc.Source {
	src := doc.Source{Span: a.span(i, j), Name: a.text(i, j), Entity: -1, Resolved: "name"}
	head := a.headOf(i, j)
	// A pronoun: the most recent compatible person (or organisation).
	if j-i == 1 && isPronoun(a.lower[i]) {
		return a.resolvePronoun(i, src)
	}
	// "Barkley, who said": the relative pronoun stands for the phrase before it.
	if j-i == 1 && a.lower[i] == "who" {
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
	if p := a.personWithRole(h, i); p >= 0 && (typ == "anonymous" || !known) {
		s := a.fromEntity(p, src)
		s.Resolved = "role"
		return s
	}
	if known {
		src.Type = typ
		src.Resolved = "generic"
		if typ == "anonymous" && !strings.HasSuffix(h, "s") {
			src.Role = h
		}
		if typ == "anonymous" {
			src.Affiliation = a.modifiers(i, head)
		}
		if typ == "official-body" || typ == "media-outlet" {
			if o := a.recentEntity(i, string(typ), h); o >= 0 {
				s := a.fromEntity(o, src)
				s.Resolved = "generic"
				return s
			}
		}
		return src
	}
	// A role without a name: "the prime minister" is one identifiable
	// person; "a diplomat" is anonymous.
	if role := a.roleOf(i, head+1); role != "" {
		src.Role = role
		src.Resolved = "generic"
		if a.lower[i] == "the" {
			src.Type = "named-person"
		} else {
			src.Type = "anonymous"
		}
		return src
	}
	r, _ := utf8.DecodeRuneInString(a.forms[head])
	if unicode.IsUpper(r) {
		src.Type = "named-person"
	} else {
		src.Type = "vague"
	}
	return src
}

// headOf is the head word of the phrase [i, j): the last word before a
// preposition ("the North Korean embassy in London" → "embassy"), skipping
// a possessive ending and punctuation.
func (a *analysis) headOf(i, j int) int {
	for k := i + 1; k < j; k++ {
		if a.d.Words[k].POS == "IN" && a.entityAt[k] < 0 {
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

// fromEntity makes a source of entity ei.
func (a *analysis) fromEntity(ei int, src doc.Source) doc.Source {
	e := a.d.Entities[ei]
	src.Entity = ei
	src.Name = e.Canonical
	switch e.Type {
	case "PERSON":
		src.Type = "named-person"
		src.Role, src.Affiliation = e.Role, e.Affiliation
	case "MEDIA":
		src.Type = "media-outlet"
		src.Outlet = e.Outlet
	case "NORP":
		src.Type = "vague"
	default:
		src.Type = "official-body"
	}
	return src
}

// resolvePronoun: he/she → the most recent person of compatible gender as
// far as the text tells; it/they → the most recent organisation, else the
// most recent person for "they". First and second person are the writer
// or the reader, not a source.
func (a *analysis) resolvePronoun(i int, src doc.Source) doc.Source {
	p := a.lower[i]
	src.Resolved = "pronoun"
	switch p {
	case "he", "she":
		want := "m"
		if p == "she" {
			want = "f"
		}
		for ei := a.entityBefore(i); ei >= 0; ei-- {
			e := a.d.Entities[ei]
			if e.Type != "PERSON" {
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
		for ei := a.entityBefore(i); ei >= 0; ei-- {
			e := a.d.Entities[ei]
			if a.sentOf[i]-a.sentOf[e.FirstWord] > 1 {
				break
			}
			switch e.Type {
			case "ORG", "MEDIA":
				return a.fromEntityKeepSpan(ei, src)
			}
		}
	}
	src.Type = "vague"
	return src
}

func (a *analysis) fromEntityKeepSpan(ei int, src doc.Source) doc.Source {
	s := a.fromEntity(ei, src)
	s.Resolved = "pronoun"
	return s
}

// entityBefore is the index of the last entity that starts before word i.
func (a *analysis) entityBefore(i int) int {
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
	canon := a.d.Entities[ei].Canonical
	for _, e := range a.d.Entities {
		if e.Type != "PERSON" || e.Canonical != canon {
			continue
		}
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
	}
	return ""
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
	best := -1
	for ei, e := range a.d.Entities {
		if e.FirstWord >= i {
			break
		}
		if e.Type == "PERSON" && e.Role != "" && (e.Role == noun || strings.HasSuffix(e.Role, " "+noun)) {
			best = ei
		}
	}
	return best
}

// recentEntity finds the organisation a generic noun refers back to: the
// last one before word i whose name ends in that noun ("the ministry" →
// "Russian Foreign Ministry"), or for a publication ("the newspaper") the
// last outlet named.
func (a *analysis) recentEntity(i int, typ, noun string) int {
	best := -1
	for ei, e := range a.d.Entities {
		if e.FirstWord >= i {
			break
		}
		switch {
		case typ == "media-outlet" && e.Type == "MEDIA":
			best = ei
		case typ == "official-body" && e.Type == "ORG" && strings.EqualFold(a.forms[e.EndWord-1], noun):
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
