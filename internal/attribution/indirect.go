package attribution

import (
	"strings"

	"github.com/credence-news/credence/doc"
)

// maxSentenceWords and maxSentenceAttributions bound the search for
// attributions in one sentence. Each attribution's content runs to the end
// of its sentence, so a run-on sentence of nested cues ("the officials
// reported that the officials reported that ...", 336 KB of them) made the
// report grow with the square of the sentence. The longest sentence in
// 300 news articles has 185 tokens and the most attributions found in one
// is 6; past these bounds the sentence is not (further) searched and the
// report's warnings say so.
const (
	maxSentenceWords        = 1000
	maxSentenceAttributions = 8
)

// objectVerbs take a listener before their content: "told reporters that".
var objectVerbs = map[string]bool{"told": true, "tells": true, "tell": true, "telling": true, "warned": true, "warns": true, "assured": true, "informed": true, "reminded": true, "asked": true, "urged": true}

// indirect finds attributions outside quotations:
//
//	According to the Daily Star, the envoy flew in on Tuesday.
//	The envoy flew in on Tuesday, according to the Daily Star.
//	The Daily Star said officials had met for several hours.
//	Officials had met for several hours, the Daily Star said.
//	X has claimed that ...; a report by X found ...; sources said ...
func (a *analysis) indirect() {
	d := a.d
	a.perSentence = make([]int, len(d.Sentences))
	for si := range d.Sentences {
		s, e := a.sentenceRange(si)
		if s >= e {
			continue
		}
		if e-s > maxSentenceWords {
			a.longSentences++
			continue
		}
		// inQuote is complete: subjectBefore's answers hold for the sentence.
		// A small memo is cleared and reused (one map for the document).
		if len(a.subjectMemo) > 32 {
			a.subjectMemo = nil
		} else {
			clear(a.subjectMemo)
		}
		a.keepSubjects = true
		for c := s; c < e; c++ {
			if a.perSentence[si] >= maxSentenceAttributions {
				a.crowdedSentences++
				a.perSentence[si]++ // counted once: passive skips it
				break
			}
			if a.inQuote[c] >= 0 {
				continue
			}
			n, kind := a.lex.cueAt(a.lower, c)
			if n == 0 || a.usedCue[c] {
				continue
			}
			// A single-word cue must be used as a verb: "state media" and
			// "a report" are not attributions by themselves.
			if n == 1 && kind != "relay" && !strings.HasPrefix(a.d.Words[c].POS, "VB") {
				continue
			}
			if !a.cueInUse(c, n, s, e) {
				continue
			}
			// "is said to", "is believed to": passive hearsay, handled by passive().
			if a.passiveBefore(c, s) {
				continue
			}
			// "could claim a refund", "can report it": a bare verb after a
			// modal states a possibility, not something anyone said.
			if a.d.Words[c].POS == "VB" && a.modalBefore(c, s) {
				continue
			}
			// "felt unwell", "feel better": a belief verb followed by an
			// adjective describes a state, not a view.
			if kind == "belief" && c+n < e && a.stateWord(c+n) {
				continue
			}
			// A cue followed by "to" and a verb states an aim or a refusal
			// ("refused to disclose", "wanted to tweet"): an attitude.
			if k := c + n; kind != "relay" && k+1 < e && a.lower[k] == "to" && (a.d.Words[k+1].POS == "VB" || a.lower[k+1] == "be") {
				kind = "attitude"
			}
			// Asking is not telling ("the FBI asked the Kremlin for
			// copies", "Couric asked White if she had advice"); finding a
			// way or talking about a topic reports nothing.
			switch a.lower[c] {
			case "asked", "asks", "ask", "asking":
				kind = "attitude"
			case "found", "finds", "find":
				if c+n < e && a.lower[c+n] != "that" {
					kind = "attitude"
				}
			}
			if c+n < e && a.lower[c+n] == "about" || a.lower[c] == "discussed" {
				kind = "attitude" // "talked about the rumors"
			}
			var ok bool
			switch kind {
			case "relay":
				ok = a.relay(c, n, s, e)
			default:
				ok = a.verbAttribution(c, n, kind, s, e)
			}
			if ok {
				c += n - 1
				a.perSentence[si]++
			}
		}
	}
	a.subjectMemo, a.keepSubjects = nil, false
}

// cueInUse rules out cue words that do not credit anyone here:
//   - a capitalised cue inside the sentence belongs to a title or a
//     headline set in Title Case ("That Thing Called Love", "Hacked
//     Emails Reveal That Clinton Threatened");
//   - a question asks, it does not report ("Is God saying the same?");
//   - "found themselves" is no finding;
//   - not responding is saying nothing.
func (a *analysis) cueInUse(c, n, s, e int) bool {
	if c > s && startsUpper(a.forms[c]) && a.forms[c] != "I" {
		return false
	}
	if a.forms[e-1] == "?" && isAux(a.lower[s]) {
		return false
	}
	switch a.lower[c] {
	case "responded", "respond", "replied", "reply", "commented", "comment", "returned":
		// "neither the ministry nor the embassy had responded", "did not
		// respond to requests for comment": no one said anything.
		for k := c - 1; k >= s && k >= c-8; k-- {
			switch a.lower[k] {
			case "not", "n't", "never", "neither", "nor", "no":
				return false
			}
		}
	}
	if a.lower[c] == "called" && c+n < e {
		switch a.lower[c+n] {
		case "in", "off", "up", "out", "back":
			return false // "called in the National Guard"
		}
	}
	if k := c + n; k < e {
		switch a.lower[k] {
		case "themselves", "himself", "herself", "itself", "myself", "ourselves", "yourself":
			return false
		}
	}
	return true
}

// modalBefore reports a modal before the verb at c, perhaps with adverbs
// between ("can also report").
func (a *analysis) modalBefore(c, s int) bool {
	for k := c - 1; k >= s && k >= c-3; k-- {
		if isModal(a.lower[k]) {
			return true
		}
		if a.d.Words[k].POS != "RB" {
			return false
		}
	}
	return false
}

// stateWord reports an adjective or adverb after a verb of feeling
// ("felt unwell", "feels strongly" stays: only adjectives and "so").
func (a *analysis) stateWord(k int) bool {
	switch a.d.Words[k].POS {
	case "JJ", "JJR", "JJS":
		return true
	}
	return a.lower[k] == "so" || a.lower[k] == "unwell" || a.lower[k] == "ill"
}

func isModal(w string) bool {
	switch w {
	case "can", "could", "may", "might", "must", "should", "will", "would", "shall", "ca", "wo":
		return true
	}
	return false
}

// passiveBefore reports a cue in the passive voice ("is said", "was also
// believed", "has been reported").
func (a *analysis) passiveBefore(c, s int) bool {
	for k := c - 1; k >= s && k >= c-4; k-- {
		switch a.lower[k] {
		case "is", "are", "was", "were", "be", "been", "being", "'s":
			return true
		case "also", "widely", "now", "still", "not", "often", "long", "previously":
			continue
		}
		if a.d.Words[k].POS == "RB" { // "was almost universally declared"
			continue
		}
		return false
	}
	return false
}

// sentenceRange is the word range of sentence si.
func (a *analysis) sentenceRange(si int) (int, int) {
	sent := a.d.Sentences[si]
	return a.wordAt(sent.Start), a.wordAt(sent.End)
}

// relay handles "according to X" (and "citing X", recorded for chains).
func (a *analysis) relay(c, n, s, e int) bool {
	np := a.npAt(c+n, e)
	if np == c+n {
		return false
	}
	src := a.resolve(c+n, np)
	// "according to a new report by E! News": the report's author is the
	// source.
	if src.Type == doc.SourceDocument && np+1 < e && (a.lower[np] == "by" || a.lower[np] == "from" || a.lower[np] == "in") {
		if ei := a.entityAt[np+1]; ei >= 0 {
			switch a.d.Entities[ei].Type {
			case doc.EntityMedia, doc.EntityOrg, doc.EntityPerson:
				by := a.resolve(np+1, a.d.Entities[ei].EndWord)
				src, np = by, a.d.Entities[ei].EndWord
			}
		}
	}
	var content doc.Span
	switch {
	case c == s || (c == s+1 && a.isPunct(s)):
		// "According to X, CONTENT."
		k := np
		for k < e && a.isPunct(k) {
			k++
		}
		content = a.trimmed(k, e)
	default:
		// "CONTENT, according to X." or "S, citing X, said C".
		if a.lower[c] == "citing" || a.lower[c] == "quoting" {
			return a.citing(c, n, np, src, s, e)
		}
		content = a.trimmed(s, c)
	}
	if content.Len() == 0 {
		return false
	}
	a.addAttribution(doc.Attribution{Source: src, Cue: a.span(c, c+n), Content: content, Via: -1, Quote: -1})
	return true
}

// citing: "The Daily Star, citing RIA Novosti, said officials had met": the
// content is what the main verb introduces; the cited source is recorded as
// its own attribution, later chained through the outlet that relays it.
func (a *analysis) citing(c, n, np int, src doc.Source, s, e int) bool {
	k := np
	for k < e && a.isPunct(k) {
		k++
	}
	if k < e {
		if vn, kind := a.lex.cueAt(a.lower, k); vn > 0 && kind != "relay" {
			content := a.contentAfter(k, vn, e)
			if content.Len() > 0 {
				a.addAttribution(doc.Attribution{Source: src, Cue: a.span(c, c+n), Content: content, Via: -1, Quote: -1})
				return true
			}
		}
	}
	return false
}

// verbAttribution handles SUBJECT CUE [OBJECT] [that] CONTENT, and
// CONTENT, SUBJECT CUE / CONTENT, CUE SUBJECT at the end of a sentence.
func (a *analysis) verbAttribution(c, n int, kind string, s, e int) bool {
	// Present participles and bare forms are too often not attributions
	// ("a saying", "to claim"): require a subject or a trailing position.
	subj, subjEnd := a.subjectBefore(c, s)
	if subj < subjEnd {
		if isPronoun(a.lower[subj]) && (a.lower[subj] == "we" || a.lower[subj] == "i" || a.lower[subj] == "you") {
			return false // the writer or the reader, not a source
		}
		if a.objectOfVerb(subj, s) {
			return false // "let the protesters know that": an object, not a speaker
		}
		if nounCues[a.lower[c]] && subj > s && strings.HasPrefix(a.d.Words[subj-1].POS, "VB") && !isAux(a.lower[subj-1]) {
			return false // "denied the DNC claims that": a noun, the object of "denied"
		}
		src := a.resolve(subj, subjEnd)
		if src.Resolved == doc.ResolvedPronoun && src.Confidence < minSpeakerConfidence {
			// "he said" with two men in reach: the attribution stands, its
			// source stays the pronoun.
			src = doc.Source{Span: src.Span, Name: a.text(subj, subjEnd), Type: doc.SourceVague, Entity: -1, Resolved: doc.ResolvedPronoun, Confidence: 1}
		}
		if unknownSource(src) && (kind != "speech" || a.lower[c] == "continued" || a.lower[c] == "continue") {
			// An unknown thing may "show" or "reveal", but only a
			// speaker "says".
			return false
		}
		if a.lower[subj] == "who" && subjEnd-subj == 1 && subj > s && indirectQuestion[a.lower[subj-1]] {
			return false // "it is not clear who revealed the documents": nobody is named
		}
		content := a.contentAfter(c, n, e)
		if k := c + n; k+1 < e && a.forms[k] == "," && afterThought[a.lower[k+1]] {
			// "Importers have stopped buying, an official said, but he
			// declined to name them": what was said comes before.
			content = doc.Span{}
		}
		if content.Len() == 0 {
			// "CONTENT, X said." — the content is what came before.
			k := subj
			for k > s && a.d.Words[k-1].POS == "DT" {
				k--
			}
			if k > s && a.forms[k-1] == "," {
				content = a.trimmed(s, k-1)
			}
		}
		if content.Len() == 0 || a.coveredByQuote(content) {
			return false
		}
		if (kind == "belief" || kind == "stance" || kind == "attitude") && src.Type == doc.SourceVague && src.Resolved == doc.ResolvedPronoun {
			return false // "it wants", "they feel": too weak to count as sourcing
		}
		at := doc.Attribution{Source: src, Cue: a.span(c, c+n), Content: content, Via: -1, Quote: -1}
		if kind == "attitude" {
			at.Span = cover(at.Source.Span, at.Cue, at.Content)
			a.d.Attitudes = append(a.d.Attitudes, at)
			return true
		}
		a.addAttribution(at)
		return true
	}
	// "CONTENT, said X." at the end of a sentence.
	if c > s && a.forms[c-1] == "," && kind == "speech" {
		np := a.npAt(c+n, e)
		// "..., said Katie Harbath, Facebook's politics director."
		if np > c+n && (a.restIsPunct(np, e) || a.forms[np] == ",") {
			content := a.trimmed(s, c-1)
			if content.Len() > 0 && !a.coveredByQuote(content) {
				src := a.resolve(c+n, np)
				a.addAttribution(doc.Attribution{Source: src, Cue: a.span(c, c+n), Content: content, Via: -1, Quote: -1})
				return true
			}
		}
	}
	return false
}

// objectOfVerb reports a phrase starting at word st that is the object of
// the verb before it ("let the man continue", "made officials say"), not
// the subject of the verb after it.
func (a *analysis) objectOfVerb(st, s int) bool {
	if st <= s {
		return false
	}
	return causativeVerbs[a.lower[st-1]]
}

// indirectQuestion words put a "who" clause in question, not in the
// mouth of anyone ("it is not clear who revealed").
var indirectQuestion = map[string]bool{"clear": true, "unclear": true, "known": true, "unknown": true, "know": true, "knows": true,
	"sure": true, "certain": true, "wonder": true, "wondered": true, "asked": true, "ask": true, "question": true, "idea": true, "explain": true, "matter": true}

// afterThought words open a clause that follows what a source said.
var afterThought = map[string]bool{"but": true, "although": true, "though": true, "while": true, "and": true, "yet": true, "adding": true}

// nounCues are cue words that are as often nouns ("the DNC claims").
var nounCues = map[string]bool{"claims": true, "reports": true, "comments": true, "questions": true, "notes": true,
	"estimates": true, "calls": true, "findings": true, "statements": true, "warnings": true, "denials": true}

// causativeVerbs take an object and a bare verb: "let the protesters know".
var causativeVerbs = map[string]bool{"let": true, "lets": true, "letting": true, "make": true, "makes": true, "made": true, "making": true,
	"help": true, "helps": true, "helped": true, "watch": true, "watched": true, "hear": true, "heard": true, "saw": true, "see": true}

// unknownSource reports a lower-case source phrase that is no name,
// pronoun, role or known source noun: "the chaos in the briefing room",
// "the industry". Such a phrase is as likely a thing as a source.
func unknownSource(src doc.Source) bool {
	return src.Entity < 0 && src.Resolved == doc.ResolvedName && src.Role == "" && src.Type == doc.SourceVague
}

// contentAfter is the content introduced by the cue at c: after an optional
// listener ("told reporters") and "that", to the end of the sentence.
func (a *analysis) contentAfter(c, n, e int) doc.Span {
	k := c + n
	if objectVerbs[a.lower[c]] {
		if np := a.npAt(k, e); np > k {
			k = np
		}
	}
	if k < e && (a.lower[k] == "that" || a.lower[k] == "how" || a.lower[k] == "whether") {
		k++
	}
	for k < e && (a.isPunct(k) && a.forms[k] != "\u201c" && a.forms[k] != "\"") {
		k++
	}
	if e-k < 3 { // "she said." has no content of its own
		return doc.Span{}
	}
	return a.trimmed(k, e)
}

// trimmed is the span of words [i, j) without punctuation at either end.
func (a *analysis) trimmed(i, j int) doc.Span {
	for i < j && a.isPunct(i) {
		i++
	}
	for j > i && a.isPunct(j-1) {
		j--
	}
	return a.span(i, j)
}

func (a *analysis) restIsPunct(i, e int) bool {
	for ; i < e; i++ {
		if !a.isPunct(i) {
			return false
		}
	}
	return true
}

// coveredByQuote reports content that is mostly a quotation already
// attributed through its quote.
//
// Only quotes overlapping s can cover it: they are found through an index
// of the quotes by start (built once the quotes are known), not by
// scanning every quote for every attribution.
func (a *analysis) coveredByQuote(s doc.Span) bool {
	if a.quoteIx == nil {
		a.quoteIx = doc.NewSpanIndex(len(a.d.Quotes), func(i int) doc.Span { return a.d.Quotes[i].Span })
	}
	covered := false
	a.quoteIx.Overlapping(s, func(i int) bool {
		q := &a.d.Quotes[i]
		if q.Attribution < 0 && q.Speaker == nil || a.fragments[i] {
			return true
		}
		lo, hi := max(s.Start, q.Start), min(s.End, q.End)
		if hi-lo > s.Len()/2 {
			covered = true
			return false
		}
		return true
	})
	return covered
}

// passive marks the writer's unattributed hearsay: "is said to", "has been
// spotted", "reportedly". The source is "none": nobody is named.
func (a *analysis) passive() {
	phrases := a.lex.passive
	for si := range a.d.Sentences {
		s, e := a.sentenceRange(si)
		if e-s > maxSentenceWords {
			continue // counted by indirect
		}
		for c := s; c < e; c++ {
			if a.perSentence[si] >= maxSentenceAttributions {
				if a.perSentence[si] == maxSentenceAttributions {
					a.crowdedSentences++
					a.perSentence[si]++ // counted once
				}
				break
			}
			if a.inQuote[c] >= 0 {
				continue
			}
			for _, p := range phrases[a.lower[c]] {
				m := a.matchWords(c, e, p)
				if m == 0 {
					continue
				}
				a.addAttribution(doc.Attribution{
					Source:  doc.Source{Type: doc.SourceNone, Entity: -1},
					Cue:     a.span(c, c+m),
					Content: a.trimmed(s, e),
					Via:     -1, Quote: -1,
				})
				a.perSentence[si]++
				c += m - 1
				break
			}
		}
	}
}

// matchWords matches phrase p at word c, allowing one adverb after the
// first word ("is also said to", "is widely believed to"). It returns the
// number of words matched, or 0.
func (a *analysis) matchWords(c, e int, p []string) int {
	k := c
	for i, w := range p {
		if k >= e {
			return 0
		}
		if i == 1 && a.lower[k] != w && hedgeAdverbs[a.lower[k]] {
			k++
			if k >= e {
				return 0
			}
		}
		if a.lower[k] != w {
			return 0
		}
		k++
	}
	return k - c
}

// hedgeAdverbs may stand inside a passive phrase: "is also said to".
var hedgeAdverbs = map[string]bool{"also": true, "widely": true, "now": true, "still": true, "generally": true, "often": true, "commonly": true, "even": true}

// chains links an attribution to the one it is known through: a statement
// inside the content of "According to the Daily Star, ..." or of "The Daily
// Star said ...", or a source cited ("citing RIA Novosti") by an outlet.
//
// The attributions an attribution can be inside are found through an index
// of their contents by start, and those with the same content through a
// map, not by comparing every pair.
func (a *analysis) chains() {
	ats := a.d.Attributions
	contents := doc.NewSpanIndex(len(ats), func(i int) doc.Span { return ats[i].Content })
	var sameContents map[doc.Span][]int
	for i := range ats {
		in := &ats[i]
		best := -1
		inCue := a.textOfSpan(in.Cue)
		citedBy := strings.EqualFold(inCue, "citing") || strings.EqualFold(inCue, "quoting")
		consider := func(j int) bool {
			out := &ats[j]
			if i == j || out.Source.Type == doc.SourceNone {
				return true
			}
			inside := in.Span.Start >= out.Content.Start && in.Span.End <= out.Content.End && in.Span.Len() < out.Content.Len()+1
			sameContent := in.Content == out.Content && citedBy && !strings.EqualFold(a.textOfSpan(out.Cue), "citing")
			if (inside && out.Source.Type == doc.SourceMediaOutlet) || (inside && isRelayCue(a.textOfSpan(out.Cue))) || sameContent {
				// the shortest content, the first of the shortest
				if best < 0 || out.Content.Len() < ats[best].Content.Len() || out.Content.Len() == ats[best].Content.Len() && j < best {
					best = j
				}
			}
			return true
		}
		contents.Containing(in.Span, consider)
		if citedBy {
			if sameContents == nil {
				sameContents = map[doc.Span][]int{}
				for j := range ats {
					sameContents[ats[j].Content] = append(sameContents[ats[j].Content], j)
				}
			}
			for _, j := range sameContents[in.Content] {
				consider(j)
			}
		}
		in.Via = best
	}
}

func isRelayCue(s string) bool {
	s = strings.ToLower(s)
	return s == "according to" || s == "citing" || s == "quoting"
}

func (a *analysis) textOfSpan(s doc.Span) string {
	if s.End <= s.Start {
		return ""
	}
	return oneLine(a.d.Text[s.Start:s.End])
}
