// Package claims is the pipeline stage that finds the check-worthy factual
// claims of an article: sentences the claims model (package checkworthy,
// trained on ClaimBuster debate sentences) scores as worth checking, each
// with how the article presents it (asserted by the writer, hedged, or
// attributed to a source) and the checkable parts (numbers, dates, names).
package claims

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/checkworthy"
)

// MinScore is the check-worthiness from which a sentence is listed: every
// sentence with at least five words, a checkable part and a score of
// MinScore or more is a claim. It was chosen on the news articles of the
// findings gold's dev split (testdata/findings; `credence eval claims
// --news`), as the threshold of best F0.5 (precision weighs more than
// recall) of the listed claims against the gold's check-worthy sentences;
// the test split was not looked at (see model/MODEL_CARD.md in package
// checkworthy for both figures).
const MinScore = 0.15

// HeadlineFloor is the least check-worthiness of a checkable headline. The
// claims model, trained on debate transcripts, scores headlines low
// ("NASA confirms ..." is short, present tense and has no number), yet the
// headline is the claim an article is read for: in the findings gold's dev
// split the headline is a check-worthy claim in most articles whose
// headline has a checkable part, more often than any ranked body sentence.
const HeadlineFloor = 0.5

// Stage is the claims stage with its check-worthiness model; it is safe
// for concurrent use.
type Stage struct{ model *checkworthy.Model }

// New builds the claims stage around the check-worthiness model m.
func New(m *checkworthy.Model) *Stage { return &Stage{model: m} }

// Annotate fills d.Claims, most check-worthy first. It reads the sentence,
// entity, quote, attribution and signal layers and the headline's words.
// The claims model is trained on English: for an article in another
// language (d.English() is false) there are no claims.
//
// The headline (Meta.Title), unless the body repeats it as its first
// sentence, is a candidate like the body's sentences; its claim has
// Headline set and spans into Meta.Title.
func (st *Stage) Annotate(d *doc.Document) error {
	if !d.English() {
		d.Claims = nil
		return nil
	}
	var out []doc.Claim
	if c, ok := st.Headline(d); ok {
		out = append(out, c)
	}
	for _, c := range st.Candidates(d) {
		if c.Checkworthiness >= MinScore {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b doc.Claim) int { return cmp.Compare(b.Checkworthiness, a.Checkworthiness) })
	d.Claims = out
	return nil
}

// Candidates returns every body sentence that could be a claim (five words
// or more, a checkable part), in text order, scored and with its mode,
// whatever its score: what Annotate lists from (those scoring MinScore or
// more) and what an evaluation ranks. Why is filled for listed ones only.
//
// The mode: a sentence that is or holds a source's quotation (direct,
// block or partial) is attributed to the quote's speaker; one that is
// mostly an attribution's content, to its source; else one the writer
// hedges is hedged; else asserted. The model reads what is claimed: a
// hedged sentence without the writer's hedge, an attributed one also as
// its content alone (the higher score counts).
func (st *Stage) Candidates(d *doc.Document) []doc.Claim {
	m := st.model
	hedges := writerHedges(d)
	// Indexes of the hedges, the attributions' contents and the quotes:
	// scanning them all for every sentence made articles with many quotes
	// quadratic.
	hedgeIx := doc.NewSpanIndex(len(hedges), func(i int) doc.Span { return hedges[i] })
	contentIx := doc.NewSpanIndex(len(d.Attributions), func(i int) doc.Span { return d.Attributions[i].Content })
	quoteIx := doc.NewSpanIndex(len(d.Quotes), func(i int) doc.Span { return d.Quotes[i].Span })
	byStart := slices.IsSortedFunc(d.Entities, func(a, b doc.Entity) int { return cmp.Compare(a.Start, b.Start) })
	var out []doc.Claim
	for _, s := range d.Sentences {
		text := d.Text[s.Start:s.End]
		if !hasWords(text, 5) {
			continue
		}
		ents := entitiesFrom(d.Entities, byStart, s.Span)
		if !hasCheckableParts(ents, s.Span) {
			continue
		}
		c := doc.Claim{Span: s.Span, Mode: doc.ClaimAsserted, Attribution: -1, Parts: checkableParts(ents, s.Span)}
		p := -1.0 // the model's score of text, once known
		if qi := quoteOf(d, quoteIx, s.Span); qi >= 0 {
			// A sentence that is or holds a source's own words is
			// theirs, not the writer's.
			c.Mode, c.Attribution = doc.ClaimAttributed, d.Quotes[qi].Attribution
		} else if ai := attributionOf(d, contentIx, s.Span); ai >= 0 {
			c.Mode, c.Attribution = doc.ClaimAttributed, ai
		} else if hedgeIx.AnyOverlapping(s.Span, func(i int) doc.Span { return hedges[i] }) {
			c.Mode = doc.ClaimHedged
			// The model reads what is claimed, not the writer's hedge:
			// trained on debates, it takes "probably", "guess" for
			// chit-chat, and the hedge is the mode's business.
			var hedgeEnd int
			text, hedgeEnd = withoutHedges(d.Text, s.Span, hedgeIx, hedges)
			p = m.Prob(text)
			// What a hedge frames vaguely ("we can probably guess it has
			// something to do with Russia parking an army on the border")
			// is read from its first checkable part on, when that scores
			// higher.
			for _, pt := range c.Parts {
				if pt.Start >= hedgeEnd {
					if tail := d.Text[pt.Start:s.End]; hasWords(tail, 5) {
						if pt := m.Prob(tail); pt > p {
							text, p = tail, pt
						}
					}
					break
				}
			}
		}
		if p < 0 {
			p = m.Prob(text)
		}
		if c.Mode == doc.ClaimAttributed && c.Attribution >= 0 {
			// An attributed sentence is also read as what its source
			// claims: the content alone, when that scores higher (the
			// framing, "The Daily Star, citing RIA Novosti, said", is
			// long and says nothing checkable itself).
			if ct := d.Attributions[c.Attribution].Content; ct.Start >= s.Start && ct.End <= s.End && hasWords(d.Text[ct.Start:ct.End], 5) {
				content := d.Text[ct.Start:ct.End]
				if pc := m.Prob(content); pc > p {
					text, p = content, pc
				}
			}
		}
		// The model's reasons only for the sentences listed: scoring them
		// costs a second pass.
		var top []checkworthy.Contribution
		if p >= MinScore {
			p, top = m.ScoreAbove(text, MinScore)
		}
		c.Checkworthiness, c.Why = round3(p), why(top)
		out = append(out, c)
	}
	return out
}

// Headline returns the headline's claim, when the headline is a checkable
// statement (four words or more, a checkable part) that the body does not
// open with (in its first three sentences). A headline that asks ("... Forced Sanders To Drop Out?") is a
// hedged claim. Its check-worthiness is the model's score,
// raised to HeadlineFloor.
func (st *Stage) Headline(d *doc.Document) (doc.Claim, bool) {
	title := d.Meta.Title
	start, end := trimSpan(title)
	if start >= end || !hasWords(title[start:end], 4) {
		return doc.Claim{}, false
	}
	if bodyRepeats(d, title) {
		return doc.Claim{}, false // ranked as the body's sentence
	}
	parts := titleParts(d.TitleWords)
	if len(parts) == 0 {
		return doc.Claim{}, false
	}
	p, top := st.model.Score(title[start:end])
	c := doc.Claim{Span: doc.Span{Start: start, End: end}, Checkworthiness: round3(max(p, HeadlineFloor)), Mode: headlineMode(title[start:end]),
		Attribution: -1, Headline: true, Parts: parts, Why: why(top)}
	return c, true
}

// bodyRepeats reports whether one of the body's first three sentences is
// the headline (lower-cased, letters and digits alone).
func bodyRepeats(d *doc.Document, title string) bool {
	key := checkworthy.Normalize(title)
	for i, s := range d.Sentences {
		if i == 3 {
			break
		}
		if checkworthy.Normalize(d.Text[s.Start:s.End]) == key {
			return true
		}
	}
	return false
}

// trimSpan is the span of s without leading and trailing spaces.
func trimSpan(s string) (start, end int) {
	end = len(strings.TrimRightFunc(s, unicode.IsSpace))
	start = end - len(strings.TrimLeftFunc(s[:end], unicode.IsSpace))
	return start, end
}

// titleParts are the checkable parts of the headline, from its tagged
// words: the named entities of the tagger's IOB2 tags, and numbers (CD).
func titleParts(ws []doc.Word) []doc.ClaimPart {
	var parts []doc.ClaimPart
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		typ, ok := strings.CutPrefix(w.NER, "B-")
		if !ok {
			if w.POS == "CD" {
				parts = append(parts, doc.ClaimPart{Span: w.Span, Kind: "number"})
			}
			continue
		}
		end := w.End
		for i+1 < len(ws) && ws[i+1].NER == "I-"+typ {
			i++
			end = ws[i].End
		}
		if kind := partKind(doc.EntityType(typ)); kind != "" {
			parts = append(parts, doc.ClaimPart{Span: doc.Span{Start: w.Start, End: end}, Kind: kind})
		}
	}
	return parts
}

// Headline cues: a headline that credits its claim to someone ("NASA
// confirms ...", "... , police say") or hedges it ("may", "reportedly").
var (
	headlineSaid   = []string{"says", "said", "say", "claims", "confirms", "confirmed", "reveal", "reveals", "admits", "admitted", "warns", "tells", "told", "announces", "reports", "according to", "insists", "denies", "accuses", "alleges", "calls for", "study finds", "report"}
	headlineHedges = []string{"may", "might", "could", "reportedly", "allegedly", "possibly", "probably", "likely", "rumored", "rumoured", "rumor", "rumour", "rumors", "rumours", "appears", "seems", "believed"}
	firstPerson    = []string{"i", "we", "my", "our", "us", "me"}
)

// headlineMode is how the headline presents its claim. The attribution
// layer reads the body only, so a headline's source is not resolved: an
// attributed headline has Attribution -1.
func headlineMode(title string) doc.ClaimMode {
	words := " " + checkworthy.Normalize(title) + " "
	has := func(list []string) bool {
		for _, w := range list {
			if strings.Contains(words, " "+w+" ") {
				return true
			}
		}
		return false
	}
	// "Feinstein: We Can't ...": a short name, a colon and first-person
	// words quote the name ("BREAKING: ..." or "Okolie: Olympian wins" do
	// not).
	before, after, colon := strings.Cut(title, ":")
	quoted := colon && !hasWords(before, 4) && func() bool {
		w := " " + checkworthy.Normalize(after) + " "
		for _, p := range firstPerson {
			if strings.Contains(w, " "+p+" ") {
				return true
			}
		}
		return false
	}()
	switch {
	case has(headlineSaid) || quoted:
		return doc.ClaimAttributed
	case has(headlineHedges) || strings.HasSuffix(title, "?"):
		return doc.ClaimHedged
	}
	return doc.ClaimAsserted
}

// withoutHedges is the text of sentence s with the hedges inside it left
// out (each replaced by one space), and where the first of them ends.
func withoutHedges(text string, s doc.Span, ix *doc.SpanIndex, hedges []doc.Span) (string, int) {
	var cut []doc.Span
	ix.Overlapping(s, func(i int) bool {
		if h := hedges[i]; h.Overlaps(s) {
			cut = append(cut, doc.Span{Start: max(h.Start, s.Start), End: min(h.End, s.End)})
		}
		return true
	})
	slices.SortFunc(cut, func(a, b doc.Span) int { return cmp.Compare(a.Start, b.Start) })
	firstEnd := s.End
	if len(cut) > 0 {
		firstEnd = cut[0].End
	}
	var b strings.Builder
	at := s.Start
	for _, h := range cut {
		if h.Start > at {
			b.WriteString(text[at:h.Start])
		}
		b.WriteByte(' ')
		at = max(at, h.End)
	}
	b.WriteString(text[at:s.End])
	return b.String(), firstEnd
}

// quoteOf is the source's quotation (direct, block or partial, not a scare
// quote) that overlaps sentence s most, or -1; the first among equals.
func quoteOf(d *doc.Document, quotes *doc.SpanIndex, s doc.Span) int {
	best, bestLen := -1, 0
	quotes.Overlapping(s, func(i int) bool {
		q := &d.Quotes[i]
		if q.Kind == doc.QuoteScare || q.Speaker == nil && q.Attribution < 0 {
			return true
		}
		if n := min(s.End, q.End) - max(s.Start, q.Start); n > bestLen || n == bestLen && n > 0 && i < best {
			best, bestLen = i, n
		}
		return true
	})
	return best
}

// why formats the positive contributions of top as "feature (+0.12)", as
// fmt.Sprintf("%s (+%.2f)") would, building all of them in one buffer
// (one string, sliced) rather than one Sprintf each.
func why(top []checkworthy.Contribution) []string {
	n, size := 0, 0
	for _, t := range top {
		if t.Weight > 0 {
			n++
			size += len(t.Feature) + 16
		}
	}
	if n == 0 {
		return nil
	}
	buf := make([]byte, 0, size)
	ends := make([]int, 0, 8)
	for _, t := range top {
		if t.Weight > 0 {
			buf = append(buf, t.Feature...)
			buf = append(buf, " (+"...)
			buf = strconv.AppendFloat(buf, t.Weight, 'f', 2, 64)
			buf = append(buf, ')')
			ends = append(ends, len(buf))
		}
	}
	all := string(buf)
	out := make([]string, n)
	start := 0
	for i, e := range ends {
		out[i] = all[start:e]
		start = e
	}
	return out
}

// hasWords reports whether text has at least n fields as strings.Fields
// splits it, without building them.
func hasWords(text string, n int) bool {
	inField := false
	for _, c := range text {
		if unicode.IsSpace(c) {
			inField = false
		} else if !inField {
			inField = true
			if n--; n <= 0 {
				return true
			}
		}
	}
	return n <= 0
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// entitiesFrom returns the part of ents that can lie within s, in order:
// when ents are sorted by their start (byStart), those starting in s, found
// by binary search rather than a scan per sentence; otherwise all of them.
func entitiesFrom(ents []doc.Entity, byStart bool, s doc.Span) []doc.Entity {
	if !byStart {
		return ents
	}
	lo, _ := slices.BinarySearchFunc(ents, s.Start, func(e doc.Entity, t int) int { return cmp.Compare(e.Start, t) })
	hi, found := slices.BinarySearchFunc(ents[lo:], s.End, func(e doc.Entity, t int) int { return cmp.Compare(e.Start, t) })
	for found && lo+hi < len(ents) && ents[lo+hi].Start == s.End {
		hi++ // an empty entity at the sentence's end lies within it
	}
	return ents[lo : lo+hi]
}

// checkableParts are the numbers, dates and names among ents in sentence s.
func checkableParts(ents []doc.Entity, s doc.Span) []doc.ClaimPart {
	var parts []doc.ClaimPart
	for _, e := range ents {
		if e.Start < s.Start || e.End > s.End {
			continue
		}
		if kind := partKind(e.Type); kind != "" {
			parts = append(parts, doc.ClaimPart{Span: e.Span, Kind: kind})
		}
	}
	return parts
}

// hasCheckableParts reports whether checkableParts would find any.
func hasCheckableParts(ents []doc.Entity, s doc.Span) bool {
	for _, e := range ents {
		if e.Start >= s.Start && e.End <= s.End && partKind(e.Type) != "" {
			return true
		}
	}
	return false
}

// partKind is the kind of checkable part an entity type makes, or "".
func partKind(entityType doc.EntityType) doc.PartKind {
	switch entityType {
	case doc.EntityNumber, doc.EntityMoney, doc.EntityPercent, doc.EntityOrdinal, doc.EntityDuration:
		return "number"
	case doc.EntityDate, doc.EntityTime:
		return "date"
	case doc.EntityPerson:
		return "person"
	case doc.EntityOrg:
		return "organisation"
	case doc.EntityLoc:
		return "place"
	case doc.EntityMedia:
		return "outlet"
	}
	return ""
}

// attributionOf is the attribution (with a named or typed source) whose
// content covers most of the sentence, or -1.
// Of equal overlaps, the first attribution wins. Only contents that
// overlap the sentence can: they are found through the index of contents.
func attributionOf(d *doc.Document, contents *doc.SpanIndex, s doc.Span) int {
	best, bestLen := -1, 0
	contents.Overlapping(s, func(i int) bool {
		at := &d.Attributions[i]
		if at.Source.Type == doc.SourceNone {
			return true
		}
		lo, hi := max(s.Start, at.Content.Start), min(s.End, at.Content.End)
		if n := hi - lo; n*2 >= s.Len() && (n > bestLen || n == bestLen && n > 0 && i < best) {
			best, bestLen = i, n
		}
		return true
	})
	return best
}

// writerHedges are the writer's own hedges (the speculation signal's
// evidence) and unattributed hearsay ("is said to").
func writerHedges(d *doc.Document) []doc.Span {
	var out []doc.Span
	for _, sg := range d.Signals {
		if sg.ID == doc.SignalSpeculation {
			for _, e := range sg.Evidence {
				out = append(out, e.Span)
			}
		}
	}
	for _, at := range d.Attributions {
		if at.Source.Type == doc.SourceNone {
			out = append(out, at.Cue)
		}
	}
	return out
}
