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
	"unicode"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/checkworthy"
)

// minScore is the check-worthiness below which a sentence is not listed:
// at this point the model ranks most greetings, opinions and scene-setting
// below and statements of fact above.
const minScore = 0.25

// Stage is the claims stage with its check-worthiness model; it is safe
// for concurrent use.
type Stage struct{ model *checkworthy.Model }

// New builds the claims stage around the check-worthiness model m.
func New(m *checkworthy.Model) *Stage { return &Stage{model: m} }

// Annotate fills d.Claims, most check-worthy first. It reads the sentence,
// entity, attribution and signal layers. The claims model is trained on
// English: for an article in another language (d.English() is false) there
// are no claims.
func (st *Stage) Annotate(d *doc.Document) error {
	if !d.English() {
		d.Claims = nil
		return nil
	}
	m := st.model
	hedges := writerHedges(d)
	// Indexes of the hedges and of the attributions' contents: scanning
	// them all for every sentence made articles with many quotes quadratic.
	hedgeIx := doc.NewSpanIndex(len(hedges), func(i int) doc.Span { return hedges[i] })
	contentIx := doc.NewSpanIndex(len(d.Attributions), func(i int) doc.Span { return d.Attributions[i].Content })
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
		p, top := m.ScoreAbove(text, minScore)
		if p < minScore {
			continue
		}
		parts := checkableParts(ents, s.Span)
		c := doc.Claim{Span: s.Span, Checkworthiness: round3(p), Mode: doc.ClaimAsserted, Attribution: -1, Parts: parts}
		if ai := attributionOf(d, contentIx, s.Span); ai >= 0 {
			c.Mode, c.Attribution = doc.ClaimAttributed, ai
		} else if hedgeIx.AnyOverlapping(s.Span, func(i int) doc.Span { return hedges[i] }) {
			c.Mode = doc.ClaimHedged
		}
		c.Why = why(top)
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b doc.Claim) int { return cmp.Compare(b.Checkworthiness, a.Checkworthiness) })
	d.Claims = out
	return nil
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
