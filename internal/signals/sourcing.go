// Package signals is the pipeline stage that measures how an article is
// written and sourced. Each signal is a number, the unit it is in, and the
// exact spans behind it.
package signals

import (
	"fmt"
	"sort"

	"github.com/credence-news/credence/doc"
)

// Annotate fills d.Signals. It reads the layers before it only.
func (st *Stage) Annotate(d *doc.Document) {
	if !d.English() {
		annotateNonEnglish(d)
		return
	}
	v := st.newView(d)
	spec, attr := hedging(v)
	presence := writerPresence(v)
	d.Signals = append(d.Signals[:0],
		Sourcing(d),
		spec, attr,
		presence,
		asides(d, v, presence),
		sensational(v),
		scareQuotes(v),
		headlineBody(d, v),
		st.headlineAgreement(d),
		repeatedWords(v),
		strayMarkup(d),
		nameVariants(v),
		readability(v),
		specificity(v),
		quoteDensity(v),
	)
	d.Signals = append(d.Signals, st.headlineModels(d)...)
	applyPercentiles(st.ref, d.Signals)
}

// Sourcing summarises where the article's information comes from: how many
// of its attributed statements rest on named, first-hand sources, and how
// many on anonymous or vague ones, on other outlets (second-hand), or on
// nobody at all (the writer's unattributed hearsay); the outlets relied on
// with their ratings; and the share of sentences that carry any
// attribution. The value is the share of statements with a named,
// first-hand source: higher is better sourced.
func Sourcing(d *doc.Document) doc.Signal {
	counts := map[string]float64{}
	var ev []doc.Evidence
	outlets := map[string]string{}
	total := 0.0
	for _, at := range d.Attributions {
		total++
		src := at.Source
		secondHand := at.Via >= 0
		switch {
		case src.Type == doc.SourceNone:
			counts["unattributed"]++
			ev = append(ev, doc.Evidence{Span: at.Cue, Note: "unattributed: nobody is named for this claim"})
		case secondHand:
			counts["second-hand"]++
			via := d.Attributions[at.Via].Source.Name
			ev = append(ev, doc.Evidence{Span: evidenceSpan(at), Note: fmt.Sprintf("second-hand: %s, known only via %s", nameOr(src.Name, src.Type), via)})
		case src.Type == doc.SourceMediaOutlet:
			counts["outlet"]++
			ev = append(ev, doc.Evidence{Span: evidenceSpan(at), Note: "relies on another outlet: " + src.Name})
		case src.Type == doc.SourceAnonymous:
			counts["anonymous"]++
			ev = append(ev, doc.Evidence{Span: evidenceSpan(at), Note: "anonymous source: " + nameOr(src.Name, src.Type)})
		case src.Type == doc.SourceVague:
			counts["vague"]++
			ev = append(ev, doc.Evidence{Span: evidenceSpan(at), Note: "vague source: " + nameOr(src.Name, src.Type)})
		case src.Type == doc.SourceSocialMedia:
			counts["social-media"]++
		default: // named-person, official-body, document
			counts["named"]++
		}
		if src.Type == doc.SourceMediaOutlet {
			level := string(doc.LevelUnrated)
			if src.Rating != nil {
				level = string(src.Rating.Level)
			} else if len(src.Candidates) > 0 {
				level = "ambiguous"
			}
			outlets[src.Name] = level
		}
	}
	b := map[string]float64{"statements": total}
	for _, k := range []string{"named", "outlet", "second-hand", "anonymous", "vague", "social-media", "unattributed"} {
		b[k] = counts[k]
		if total > 0 {
			b[k+"_share"] = counts[k] / total
		}
	}
	b["attributed_sentence_share"] = attributedSentenceShare(d)
	names := make([]string, 0, len(outlets))
	for n := range outlets {
		names = append(names, n)
	}
	sort.Strings(names)
	note := "share of attributed statements resting on a named, first-hand source"
	if len(names) > 0 {
		note += "; outlets relied on:"
		for _, n := range names {
			note += fmt.Sprintf(" %s (%s)", n, outlets[n])
		}
	}
	value := 0.0
	if total > 0 {
		value = counts["named"] / total
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].Start < ev[j].Start })
	return doc.Signal{ID: doc.SignalSourcing, Value: value, Unit: doc.UnitShare, Percentile: -1, Evidence: ev, Breakdown: b, Note: note}
}

// evidenceSpan points at the source and cue of an attribution, the words a
// reader should look at.
func evidenceSpan(at doc.Attribution) doc.Span {
	s := at.Cue
	if at.Source.Span.Len() > 0 && at.Source.Span.End <= at.Cue.End+200 {
		if at.Source.Span.Start < s.Start || s.Len() == 0 {
			s.Start = at.Source.Span.Start
		}
		if at.Source.Span.End > s.End {
			s.End = at.Source.Span.End
		}
	}
	if s.Len() == 0 {
		return at.Span
	}
	return s
}

func nameOr(name string, typ doc.SourceType) string {
	if name != "" {
		return name
	}
	return string(typ)
}

// attributedSentenceShare is the share of sentences overlapping a statement
// credited to someone (the writer's unattributed hearsay does not count).
func attributedSentenceShare(d *doc.Document) float64 {
	if len(d.Sentences) == 0 {
		return 0
	}
	// Only attributions overlapping a sentence count for it: they are
	// found through an index, not by scanning all for every sentence.
	ix := doc.NewSpanIndex(len(d.Attributions), func(i int) doc.Span { return d.Attributions[i].Span })
	n := 0
	for _, s := range d.Sentences {
		ix.Overlapping(s.Span, func(i int) bool {
			at := &d.Attributions[i]
			if at.Source.Type != doc.SourceNone && at.Span.Overlaps(s.Span) {
				n++
				return false
			}
			return true
		})
	}
	return float64(n) / float64(len(d.Sentences))
}
