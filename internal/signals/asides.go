package signals

import (
	"fmt"
	"strings"

	"github.com/credence-news/credence/doc"
)

// asides finds the writer stepping out of the story: whole sentences in
// parentheses, and people who appear once, play no part in the sourcing and
// hold no role the story gives them, in a sentence where the writer's own
// voice shows (a celebrity joke in a diplomacy story).
func asides(d *doc.Document, v *view, presence doc.Signal) doc.Signal {
	var ev []doc.Evidence
	var voiced []doc.Span
	for _, e := range presence.Evidence {
		voiced = append(voiced, e.Span)
	}
	for _, s := range d.Sentences {
		t := strings.TrimSpace(d.Text[s.Start:s.End])
		if strings.HasPrefix(t, "(") && (strings.HasSuffix(t, ")") || strings.HasSuffix(t, ".)")) && !v.spanQuoted(s.Span) {
			ev = append(ev, doc.Evidence{Span: s.Span, Note: "the writer's aside in parentheses"})
			voiced = append(voiced, s.Span)
		}
	}
	mentions := map[string]int{}
	for _, e := range d.Entities {
		if e.Type == doc.EntityPerson {
			mentions[e.Canonical]++
		}
	}
	sourced := map[int]bool{}
	for _, at := range d.Attributions {
		if at.Source.Entity >= 0 {
			sourced[at.Source.Entity] = true
		}
	}
	// The sentences holding an entity and the voiced spans overlapping a
	// sentence are found through indexes, not by scanning.
	sentIx := doc.NewSpanIndex(len(d.Sentences), func(i int) doc.Span { return d.Sentences[i].Span })
	voicedIx := doc.NewSpanIndex(len(voiced), func(i int) doc.Span { return voiced[i] })
	for i, e := range d.Entities {
		if e.Type != doc.EntityPerson || mentions[e.Canonical] != 1 || e.Role != "" || sourced[i] {
			continue
		}
		first := -1 // a sentence holding e where the writer's voice shows
		sentIx.Containing(e.Span, func(k int) bool {
			s := d.Sentences[k]
			if (first < 0 || k < first) && e.Start >= s.Start && e.End <= s.End &&
				voicedIx.AnyOverlapping(s.Span, func(j int) doc.Span { return voiced[j] }) {
				first = k
			}
			return true
		})
		if first >= 0 {
			ev = append(ev, doc.Evidence{Span: e.Span, Note: fmt.Sprintf("%s appears once, outside the story's sourcing, in the writer's own remark", e.Canonical)})
		}
	}
	sortEvidence(ev)
	return doc.Signal{ID: doc.SignalAsides, Value: float64(len(ev)), Unit: doc.UnitCount, Percentile: -1, Evidence: ev,
		Note: "parenthetical remarks and off-topic people in the writer's own voice"}
}
