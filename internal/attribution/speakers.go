package attribution

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// maxParenthetical bounds the words skipped between a subject and its
// verb: "Shane Shook, a cyber security expert who has helped investigate
// some of the breaches uncovered to date, said".
const maxParenthetical = 32

// maxScareWords: a quotation this short with no speaker is a term held at a
// distance ("a 'secret meeting'"), not speech.
const maxScareWords = 4

// quotes turns raw quotations into quotes with kinds, speakers and cues, and
// records an attribution for each quote whose speaker is known.
func (a *analysis) quotes(raws []rawQuote) {
	d := a.d
	var prevSpeaker *doc.Source
	prevPara := -2
	if d.Quotes == nil && len(raws) > 0 {
		d.Quotes = make([]doc.Quote, 0, len(raws)) // at most one each
	}
	for _, r := range raws {
		if r.block {
			continue
		}
		for k := a.wordAt(r.Start); k < len(a.quoted) && a.d.Words[k].Start < r.End; k++ {
			a.quoted[k] = true
		}
	}
	for _, r := range raws {
		if r.Len() <= 0 || strings.TrimSpace(d.Text[r.Start:r.End]) == "" {
			continue // empty quotation marks: nothing was quoted
		}
		q := doc.Quote{Span: r.Span, Attribution: -1}
		first, last := a.wordAt(r.Start), a.wordAt(r.End)
		for k := first; k < last && k < len(a.inQuote); k++ {
			a.inQuote[k] = len(d.Quotes)
		}
		var sp *doc.Source
		var cue doc.Span
		a.quoteSpeakerLookup = true
		switch {
		case r.block:
			q.Kind = doc.QuoteBlock
			sp, cue = a.blockSpeaker(r)
		default:
			sp, cue = a.quoteSpeaker(r)
		}
		words := countFields(d.Text[r.Start:r.End])
		startsPara := r.open >= 0 && r.open == d.Paragraphs[r.para].Start
		sameParaNext := prevSpeaker != nil && prevPara == r.para && a.startsSentence(r)
		var unsure *doc.Source // a pronoun too unsure to resolve: the quote's speaker is null
		if sp == nil && prevSpeaker != nil && words > maxScareWords && (sameParaNext || startsPara && a.wholeParagraph(r) && prevPara >= r.para-1) {
			// A paragraph that is all quotation, right after a quote whose
			// speaker is known, continues that speaker's words (or the
			// unresolved pronoun's, which names nobody).
			c := *prevSpeaker
			if c.Resolved == doc.ResolvedPronoun && c.Entity < 0 {
				unsure = &c
			} else {
				c.Resolved = doc.ResolvedContinuation
				c.Confidence *= confContinuation
				sp = &c
			}
		}
		fromSentence := false
		if sp == nil && !r.block && !a.wholeSentence(r) && !a.titleCase(r) {
			// A fragment inside the writer's sentence: the speaker is the
			// subject of the sentence's speech verb, if it has one
			// ("Assange called the accusations a “lame conspiracy smear.”").
			// The verb's own attribution (its whole clause) is left to
			// indirect, so the fragment adds no second one.
			sp, cue = a.sentenceSpeaker(r)
			fromSentence = sp != nil
			if sp != nil {
				// Whose words a fragment is, is a reading of the sentence:
				// less sure than a speaker next to the quote.
				sp.Confidence *= confFragment
			}
		}
		a.quoteSpeakerLookup = false
		if sp != nil && sp.Confidence < minSpeakerConfidence {
			// Not sure enough to credit anyone: a wrong speaker is worse
			// than none. The quote is still someone's words (an
			// attribution to the bare pronoun), but it names nobody.
			if sp.Resolved == doc.ResolvedPronoun && !fromSentence {
				unsure = &doc.Source{Span: sp.Span, Name: a.d.Text[sp.Span.Start:sp.Span.End], Type: doc.SourceVague, Entity: -1, Resolved: doc.ResolvedPronoun, Confidence: 1}
			}
			sp, fromSentence = nil, false
			if unsure == nil {
				cue = doc.Span{}
			}
		}
		if sp != nil && sp.Entity >= 0 && sp.Type == doc.SourceNamedPerson {
			a.lastSpeaker = sp.Entity
		}
		if q.Kind == "" {
			q.Kind = a.quoteKind(r, sp, words)
		}
		if q.Kind == doc.QuoteScare {
			sp, cue = nil, doc.Span{}
		}
		q.Speaker, q.Cue = sp, cue
		if cue.Len() > 0 && !fromSentence {
			for k := a.wordAt(cue.Start); k < len(a.forms) && a.d.Words[k].Start < cue.End; k++ {
				a.usedCue[k] = true
			}
		}
		qi := len(d.Quotes)
		d.Quotes = append(d.Quotes, q)
		if unsure != nil && q.Kind != doc.QuoteScare {
			a.addAttribution(doc.Attribution{Source: *unsure, Cue: cue, Content: q.Span, Via: -1, Quote: qi})
			prevSpeaker, prevPara = unsure, lastPara(d, r)
		} else if sp != nil {
			if !fromSentence {
				a.addAttribution(doc.Attribution{Source: *sp, Cue: cue, Content: q.Span, Via: -1, Quote: qi})
				prevSpeaker, prevPara = sp, lastPara(d, r)
			} else {
				if a.fragments == nil {
					a.fragments = map[int]bool{}
				}
				a.fragments[qi] = true
			}
		} else if q.Kind != doc.QuoteScare {
			prevSpeaker = nil
		}
	}
}

// startsSentence reports a quote whose opening mark begins its sentence:
// `..." Barkley said. "This is the United States...` continues the speaker.
func (a *analysis) startsSentence(r rawQuote) bool {
	if r.open < 0 {
		return false
	}
	i := a.wordAt(r.open)
	return i < len(a.forms) && (i == 0 || a.sentOf[i-1] != a.sentOf[i])
}

// wholeParagraph reports a quote that fills its (last) paragraph: nothing
// but punctuation after the closing mark, or no closing mark at all.
func (a *analysis) wholeParagraph(r rawQuote) bool {
	if r.close < 0 {
		return true
	}
	p := a.d.Paragraphs[lastPara(a.d, r)]
	_, n := utf8.DecodeRuneInString(a.d.Text[r.close:])
	rest := a.d.Text[min(r.close+n, p.End):p.End]
	return strings.Trim(rest, " .,;:!?\u201d\u2019\"'") == ""
}

func lastPara(d *doc.Document, r rawQuote) int {
	// The paragraphs are in order: the last one starting at or before r.End.
	if i := sort.Search(len(d.Paragraphs), func(i int) bool { return d.Paragraphs[i].Start > r.End }) - 1; i >= 0 {
		return i
	}
	return r.para
}

// wholeSentence reports a quotation that is its sentence (nothing but
// punctuation around the marks): a quote of its own, not a fragment.
func (a *analysis) wholeSentence(r rawQuote) bool {
	if r.open < 0 {
		return true
	}
	i := a.wordAt(r.open)
	if i >= len(a.forms) {
		return true
	}
	s, e := a.sentenceWords(i)
	first, last := a.wordAt(r.Start), a.wordAt(r.End)
	for k := s; k < e; k++ {
		if (k < first || k >= last) && !a.isPunct(k) {
			return false
		}
	}
	return true
}

// titleCase reports a short quotation whose words are capitalised: a title
// or a name ("Jurassic World", "Mom", "Anna Faris Is Unqualified,"), not
// words someone said.
func (a *analysis) titleCase(r rawQuote) bool {
	first, last := a.wordAt(r.Start), a.wordAt(r.End)
	if last-first > 8 || last <= first {
		return false
	}
	words := 0
	for k := first; k < last && k < len(a.forms); k++ {
		if a.isPunct(k) {
			continue
		}
		words++
		f := a.forms[k]
		if len(f) >= 4 && !startsUpper(f) || k == first && !startsUpper(f) {
			return false
		}
	}
	return words > 0
}

// sentenceSpeaker finds the verb of saying, stance or attitude before a
// quoted fragment in its sentence, outside any quotation, and its subject:
// "he described Trump as “a two face devil”", "Morris said Clinton looked
// “washed-up”". The verb must have a subject of its own (an entity, a
// pronoun or a noun phrase).
func (a *analysis) sentenceSpeaker(r rawQuote) (*doc.Source, doc.Span) {
	i := a.wordAt(r.open)
	if i >= len(a.forms) {
		return nil, doc.Span{}
	}
	s, _ := a.sentenceWords(i)
	if i > 0 && a.lower[i-1] == "so-called" {
		return nil, doc.Span{} // the writer's distance, whoever is around
	}
	// The verb comes before the fragment, which is part of what it
	// introduces: "Assange called the accusations a “lame conspiracy
	// smear”" (not "the “secret meeting” ..., where officials fear ...").
	for c := s; c < i; c++ {
		if a.quoted[c] || a.inQuote[c] >= 0 {
			continue
		}
		n, kind := a.lex.cueAt(a.lower, c)
		if n == 0 || kind == "relay" {
			continue // any verb of saying, stance or attitude: "promising them “rewards”"
		}
		if !strings.HasPrefix(a.d.Words[c].POS, "VB") || a.passiveBefore(c, s) {
			continue
		}
		st, en := a.subjectBefore(c, s)
		if st >= en {
			continue
		}
		if isPronoun(a.lower[st]) && en-st == 1 && (a.lower[st] == "we" || a.lower[st] == "i" || a.lower[st] == "you") {
			return nil, doc.Span{} // the writer
		}
		src := a.resolve(st, en)
		if unknownSource(src) || src.Entity >= 0 && !a.isEntityType(a.d.Entities[src.Entity].FirstWord, doc.EntityPerson, doc.EntityOrg, doc.EntityMedia, doc.EntityNORP) {
			continue // "Two days before ...": a date says nothing
		}
		return &src, a.span(c, c+n)
	}
	return nil, doc.Span{}
}

// scareLike reports a short quotation that reads as the writer holding a
// word at a distance: it starts in lower case (a capitalised one is a
// name, a title or a quoted sentence), and its sentence has no speech verb
// that could make it someone's words, unless "so-called" marks it.
func (a *analysis) scareLike(r rawQuote) bool {
	if r.open < 0 {
		return false
	}
	i := a.wordAt(r.open)
	if i > 0 && (a.lower[i-1] == "so-called" || i > 1 && a.lower[i-1] == "called" && a.lower[i-2] == "so") {
		return true
	}
	first, _ := utf8.DecodeRuneInString(a.d.Text[r.Start:r.End])
	if !unicode.IsLower(first) {
		return false
	}
	if i >= len(a.forms) {
		return true
	}
	s, e := a.sentenceWords(i)
	for c := s; c < e; c++ {
		if a.quoted[c] {
			continue
		}
		if n, kind := a.lex.cueAt(a.lower, c); n > 0 && kind != "relay" {
			return false // "promising them “rewards”"
		}
	}
	// "Trump's “sacrifice”", "his “sacrifice”": a word of the person it
	// belongs to.
	if i >= 1 && (a.lower[i-1] == "his" || a.lower[i-1] == "her" || a.lower[i-1] == "their") {
		return false
	}
	if i >= 2 && a.forms[i-1] == "'s" && a.entityAt[i-2] >= 0 {
		switch a.d.Entities[a.entityAt[i-2]].Type {
		case doc.EntityPerson, doc.EntityOrg, doc.EntityMedia:
			return false
		}
	}
	// A verb phrase ("correct mistakes", "shake things up") is someone's
	// words; a scare quote holds a word or a name for something.
	for k := a.wordAt(r.Start); k < len(a.forms) && a.d.Words[k].Start < r.End; k++ {
		switch a.d.Words[k].POS {
		case "VB", "VBD", "VBP", "VBZ":
			return false
		}
	}
	return true
}

// quoteKind: a quotation with a speaker is direct when it stands as a
// sentence of its own (or follows the cue's colon or comma), partial when
// it is a fragment worked into the writer's sentence; without a speaker, a
// short quotation is a scare quote.
func (a *analysis) quoteKind(r rawQuote, sp *doc.Source, words int) doc.QuoteKind {
	d := a.d
	if sp == nil && words <= maxScareWords && a.scareLike(r) {
		return doc.QuoteScare
	}
	// What precedes the opening mark in its sentence?
	before := ""
	if r.open >= 0 {
		i := a.wordAt(r.Start)
		if i > 0 && i < len(a.sentOf) {
			s, _ := a.sentenceWords(i)
			if s < i {
				before = strings.TrimSpace(d.Text[d.Words[s].Start:r.open])
			}
		}
	}
	first, _ := utf8.DecodeRuneInString(d.Text[r.Start:r.End])
	switch {
	case before == "":
		return doc.QuoteDirect
	case strings.HasSuffix(before, ":") || strings.HasSuffix(before, ","):
		if unicode.IsUpper(first) {
			return doc.QuoteDirect
		}
	}
	if sp == nil && words <= maxScareWords+2 && a.scareLike(r) {
		return doc.QuoteScare
	}
	return doc.QuotePartial
}

// quoteSpeaker looks for the cue and speaker after the closing mark
// (`"...," she said`, `"...," said Maria Zakharova`, `"...," the
// spokeswoman told reporters`) and then before the opening mark
// (`Zakharova said: "..."`, `According to X, "..."`).
func (a *analysis) quoteSpeaker(r rawQuote) (*doc.Source, doc.Span) {
	if r.close >= 0 {
		j := a.wordAt(r.close + 1)
		if j < len(a.forms) && j > 0 && a.sentOf[j] == a.sentOf[max(0, a.wordAt(r.End)-1)] {
			if sp, cue, ok := a.speakerAfter(j); ok {
				return sp, cue
			}
		}
	}
	if r.open >= 0 {
		i := a.wordAt(r.open) // the word that is the opening mark
		if sp, cue, ok := a.speakerBefore(i); ok {
			return sp, cue
		}
	}
	return nil, doc.Span{}
}

// speakerAfter reads `[,] SUBJECT [, apposition,] CUE` or `[,] CUE
// SUBJECT` starting at word j, the first word after the closing mark.
func (a *analysis) speakerAfter(j int) (*doc.Source, doc.Span, bool) {
	_, e := a.sentenceWords(j)
	for j < e && a.isPunct(j) {
		j++
	}
	if j >= e {
		return nil, doc.Span{}, false
	}
	// CUE SUBJECT: "said Maria Zakharova", "said the spokeswoman".
	if n, kind := a.lex.cueAt(a.lower, j); n > 0 && (kind == "speech" || kind == "report") {
		np := a.npAt(j+n, e)
		if np > j+n {
			// "said another leading advocate, Andrew J. Pincus": the name
			// in apposition is the speaker.
			if np+1 < e && a.forms[np] == "," {
				// "said his son, retired Judge Richard Claybrook Jr.": a
				// person named after a few title words.
				for k := np + 1; k < e && k <= np+10; k++ {
					if ei := a.entityAt[k]; ei >= 0 {
						if a.d.Entities[ei].Type == doc.EntityPerson {
							break
						}
						k = a.d.Entities[ei].EndWord - 1 // "Harrisonburg General District Court"
						continue
					}
					if pos := a.d.Words[k].POS; a.isPunct(k) || !startsUpper(a.forms[k]) && pos != "JJ" && pos != "NN" && pos != "VBN" && pos != "VBD" {
						break
					}
					if ei := a.entityAt[k+1]; k+1 < e && ei >= 0 && a.d.Entities[ei].Type == doc.EntityPerson && a.d.Entities[ei].FirstWord == k+1 {
						end := a.d.Entities[ei].EndWord
						if end < e && (a.lower[end] == "jr." || a.lower[end] == "sr." || a.lower[end] == "jr" || a.lower[end] == "sr") {
							end++
						}
						if end == e || a.isPunct(end) {
							src := a.resolve(k+1, a.d.Entities[ei].EndWord)
							return &src, a.span(j, j+n), true
						}
					}
				}
				if ei := a.entityAt[np+1]; ei >= 0 && a.d.Entities[ei].Type == doc.EntityPerson && a.d.Entities[ei].FirstWord == np+1 {
					src := a.resolve(np+1, a.d.Entities[ei].EndWord)
					if src.Role == "" {
						src.Role = a.lower[a.headOf(j+n, np)]
					}
					return &src, a.span(j, j+n), true
				}
			}
			src := a.resolve(j+n, np)
			return &src, a.span(j, j+n), true
		}
	}
	// SUBJECT CUE: "she said", "Natalya Orlova, head of the export
	// department, told reporters". The subject must start right here.
	for k := j + 1; k < e && k <= j+20; k++ {
		if a.inQuote[k] >= 0 {
			break
		}
		n, kind := a.lex.cueAt(a.lower, k)
		if n == 0 || (kind != "speech" && kind != "report") || (n == 1 && !strings.HasPrefix(a.d.Words[k].POS, "VB")) {
			continue
		}
		// The subject starts right after the quote (a title may come
		// first: "Rep. Earl Blumenauer (D-Ore.) said").
		if st, en := a.subjectBefore(k, j); st >= j && st <= j+3 && en > st {
			src := a.resolve(st, en)
			return &src, a.span(k, k+n), true
		}
		break
	}
	return nil, doc.Span{}, false
}

// speakerBefore reads `SUBJECT CUE [OBJECT] (:|,)` ending just before word
// i (the opening mark), or `According to SOURCE,`.
func (a *analysis) speakerBefore(i int) (*doc.Source, doc.Span, bool) {
	if i <= 0 || i > len(a.forms) {
		return nil, doc.Span{}, false
	}
	if i < len(a.forms) && a.sentOf[i-1] != a.sentOf[i] && a.forms[i-1] != ":" && !a.blockLookup {
		return nil, doc.Span{}, false // the cue must be in the quote's own sentence, or end the one before with a colon
	}
	s, _ := a.sentenceWords(i - 1)
	k := i - 1
	if k >= s && (a.forms[k] == ":" || a.forms[k] == ",") {
		k--
	}
	// Allow a short object between cue and mark: "told reporters:".
	for back := 0; back <= 3 && k-back >= s; back++ {
		c := k - back
		n, kind := a.lex.cueAt(a.lower, c)
		if n == 0 {
			continue
		}
		if kind == "relay" { // "According to the Daily Star, ..."
			np := a.npAt(c+n, i)
			if np > c+n {
				src := a.resolve(c+n, np)
				return &src, a.span(c, c+n), true
			}
			return nil, doc.Span{}, false
		}
		if kind != "speech" && kind != "report" {
			continue
		}
		if a.passiveBefore(c, s) {
			continue // "He was called “the weeping prophet”": a name, not speech
		}
		if st, en := a.subjectBefore(c, s); st < en {
			src := a.resolve(st, en)
			return &src, a.span(c, c+n), true
		}
	}
	// "Trump: “...”": a name and a colon.
	if i-1 > s && a.forms[i-1] == ":" {
		if ei := a.entityAt[i-2]; ei >= 0 {
			switch a.d.Entities[ei].Type {
			case doc.EntityPerson, doc.EntityOrg, doc.EntityMedia:
				src := a.resolve(a.d.Entities[ei].FirstWord, i-1)
				return &src, a.span(i-1, i), true
			}
		}
	}
	// "Said Dorothy Poynter, who grew up with Ali, “We were all so proud.”"
	if n, _ := a.lex.cueAt(a.lower, s); n > 0 && (a.lower[s] == "said" || a.lower[s] == "says") && s+n < i {
		if np := a.npAt(s+n, i); np > s+n {
			src := a.resolve(s+n, np)
			return &src, a.span(s, s+n), true
		}
	}
	return nil, doc.Span{}, false
}

// blockSpeaker finds the speaker of a block quote in the paragraph before it
// ("She added:", "In a statement, the ministry said:").
func (a *analysis) blockSpeaker(r rawQuote) (*doc.Source, doc.Span) {
	p := a.d.Paragraphs[r.para-1]
	end := a.wordAt(p.End) // one past the paragraph's last word
	if end == 0 {
		return nil, doc.Span{}
	}
	a.blockLookup = true
	sp, cue, ok := a.speakerBefore(end)
	a.blockLookup = false
	if ok {
		return sp, cue
	}
	return nil, doc.Span{}
}

// subjectBefore returns the subject [start, end) that the verb at word c
// has: an entity, a pronoun, or a short noun phrase, skipping auxiliaries
// ("has said") and a parenthetical between subject and verb ("The Daily
// Star, citing RIA Novosti, said"). start == end == c when there is none.
//
// Its answer for (c, s) is remembered during one top-level call (during a
// sentence of indirect, once the quotes are known): the recursion over
// "and"s and commas re-asks the same words, which made a sentence of "and
// said and said ..." take exponential time.
func (a *analysis) subjectBefore(c, s int) (int, int) {
	if a.subjectDepth == 0 && !a.keepSubjects && len(a.subjectMemo) > 0 {
		if len(a.subjectMemo) > 32 {
			a.subjectMemo = nil // a clear would cost its capacity on every call
		} else {
			clear(a.subjectMemo)
		}
	}
	key := [2]int{c, s}
	if r, ok := a.subjectMemo[key]; ok {
		return r[0], r[1]
	}
	a.subjectDepth++
	st, en := a.subjectBeforeUncached(c, s)
	a.subjectDepth--
	if a.subjectMemo == nil {
		a.subjectMemo = map[[2]int][2]int{}
	}
	a.subjectMemo[key] = [2]int{st, en}
	return st, en
}

// maxClauseWords bounds how far back subjectBefore looks for the first verb
// of a clause joined by "and" or "but".
const maxClauseWords = 100

func (a *analysis) subjectBeforeUncached(c, s int) (int, int) {
	k := c
	for k > s && (isAux(a.lower[k-1]) || a.d.Words[k-1].POS == "RB") {
		k--
	}
	if k <= s {
		return c, c
	}
	// "X praised Y and said ...", "X spoke on Sunday, saying ...": the
	// subject of the clause's first verb.
	if a.lower[k-1] == "and" || a.lower[k-1] == "but" || (a.forms[k-1] == "," && a.d.Words[c].POS == "VBG") {
		for v := k - 2; v > s && v >= k-2-maxClauseWords; v-- {
			if strings.HasPrefix(a.d.Words[v].POS, "VB") && a.inQuote[v] < 0 {
				if st, en := a.subjectBefore(v, s); st < en {
					return st, en
				}
			}
		}
		return c, c
	}
	if a.forms[k-1] == "," || a.forms[k-1] == ")" {
		// A parenthetical between subject and verb: ", citing RIA
		// Novosti," or "(R-WI)".
		open := ","
		if a.forms[k-1] == ")" {
			open = "("
		}
		appositive := k - 1 // end of the parenthetical nearest the verb
		for m := k - 2; m > s && m >= k-maxParenthetical; m-- {
			if a.forms[m] != open {
				continue
			}
			st, en := a.subjectBefore(m, s)
			if st == en {
				break
			}
			// ", 34, from Swindon, said": an age or a place is another
			// parenthetical; keep looking further back.
			if a.d.Words[en-1].POS == "CD" || a.isEntityType(en-1, doc.EntityNumber, doc.EntityDate, doc.EntityLoc, doc.EntityDuration) && open == "," && a.lower[m+1] != "a" && a.lower[m+1] != "the" {
				if st > s && a.forms[st-1] == "," {
					continue
				}
			}
			// "its seller, Bristol-based Lunaleaf Ltd, confirmed": a
			// generic subject named by the appositive.
			if a.entityAt[en-1] < 0 && appositive-1 > m && a.namingAppositive(m+1, appositive) {
				if ei := a.entityAt[appositive-1]; ei >= 0 && a.d.Entities[ei].EndWord == appositive {
					switch a.d.Entities[ei].Type {
					case doc.EntityPerson, doc.EntityOrg, doc.EntityMedia:
						return a.d.Entities[ei].FirstWord, appositive
					}
				}
			}
			return st, en
		}
		return c, c
	}
	end := k
	st := a.phraseStart(end, s)
	if st == end {
		return c, c
	}
	// "the embassy in London said", "officials from both countries said":
	// the subject is the noun before the preposition.
	if st-1 > s && a.d.Words[st-1].POS == "IN" && !isPronoun(a.lower[st]) {
		if np := a.phraseStart(st-1, s); np < st-1 {
			return np, end
		}
	}
	return st, end
}

// namingAppositive reports words [i, j) that only name something
// ("Bristol-based Lunaleaf Ltd"): no preposition or verb outside the name,
// so "among thousands allegedly hacked from John Podesta" does not name
// "the email".
func (a *analysis) namingAppositive(i, j int) bool {
	for k := i; k < j; k++ {
		if a.entityAt[k] >= 0 {
			continue
		}
		pos := a.d.Words[k].POS
		if pos == "IN" || strings.HasPrefix(pos, "VB") && !strings.HasSuffix(a.lower[k], "-based") {
			return false
		}
	}
	return true
}

// phraseStart returns where the entity, pronoun or noun phrase ending at
// word end starts, or end when there is none.
func (a *analysis) phraseStart(end, s int) int {
	if ei := a.entityAt[end-1]; ei >= 0 {
		return a.d.Entities[ei].FirstWord
	}
	if isPronoun(a.lower[end-1]) || a.lower[end-1] == "who" {
		return end - 1
	}
	// A noun phrase: back over nouns, adjectives, possessives and a determiner.
	j := end
	for j > s && end-j < 6 {
		pos := a.d.Words[j-1].POS
		if strings.HasPrefix(pos, "NN") || pos == "JJ" || pos == "POS" || pos == "PRP$" || pos == "CD" || a.entityAt[j-1] >= 0 {
			j--
			continue
		}
		if pos == "DT" {
			j--
		}
		break
	}
	if j < end && a.hasNoun(j, end) {
		return j
	}
	return end
}

// isEntityType reports whether word k lies in an entity of one of types.
func (a *analysis) isEntityType(k int, types ...doc.EntityType) bool {
	ei := a.entityAt[k]
	if ei < 0 {
		return false
	}
	for _, t := range types {
		if a.d.Entities[ei].Type == t {
			return true
		}
	}
	return false
}

func (a *analysis) hasNoun(i, j int) bool {
	for k := i; k < j; k++ {
		if strings.HasPrefix(a.d.Words[k].POS, "NN") || a.entityAt[k] >= 0 {
			return true
		}
	}
	return false
}

// npAt returns the end of a noun phrase starting at word i (a pronoun, or
// an optional determiner, modifiers, nouns and entity names: "Russian state
// news agency RIA Novosti", "the Daily Star"), or i when there is none.
func (a *analysis) npAt(i, e int) int {
	if i >= e {
		return i
	}
	if isPronoun(a.lower[i]) {
		return i + 1
	}
	j := i
	if a.d.Words[j].POS == "DT" || a.d.Words[j].POS == "PRP$" {
		j++
	}
	for j < e && j-i < 9 {
		if ei := a.entityAt[j]; ei >= 0 {
			j = max(j+1, a.d.Entities[ei].EndWord)
			continue
		}
		pos := a.d.Words[j].POS
		if strings.HasPrefix(pos, "NN") || pos == "JJ" || pos == "POS" || pos == "CD" || (pos == "VBG" || pos == "VBN") && j+1 < e && strings.HasPrefix(a.d.Words[j+1].POS, "NN") {
			j++
			continue
		}
		break
	}
	if j > i && a.hasNoun(i, j) {
		return j
	}
	return i
}

// isNP reports whether words [i, j) form a subject noun phrase.
func (a *analysis) isNP(i, j int) bool {
	return a.npAt(i, j) == j || (j-i == 1 && isPronoun(a.lower[i]))
}

func isAux(w string) bool {
	switch w {
	case "has", "have", "had", "was", "were", "is", "are", "will", "would", "also", "later", "then", "previously", "once", "repeatedly", "reportedly", "'s", "'ve", "'d", "n't", "not", "did", "does", "do", "could", "should", "might", "may", "can":
		return true
	}
	return false
}

func isPronoun(w string) bool {
	switch w {
	case "he", "she", "they", "it", "we", "i", "you":
		return true
	}
	return false
}
