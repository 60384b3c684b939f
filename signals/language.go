package signals

import "github.com/credence-news/credence/doc"

// signalUnits are the signals Annotate produces, in its order, with their
// units. A test checks the list against an English article's signals.
var signalUnits = []struct{ id, unit string }{
	{"sourcing", "share"},
	{"speculation", "per-1000-words"},
	{"attributed-hedging", "per-1000-words"},
	{"writer-presence", "per-1000-words"},
	{"asides", "count"},
	{"sensational", "per-1000-words"},
	{"scare-quotes", "per-1000-words"},
	{"headline-body", "count"},
	{"headline-agreement", "count"},
	{"repeated-words", "count"},
	{"stray-markup", "count"},
	{"name-variants", "count"},
	{"readability", "grade"},
	{"specificity", "per-1000-words"},
	{"quote-density", "share"},
	{"clickbait", "probability"},
	{"satire-headline", "probability"},
}

// annotateNonEnglish fills d.Signals for an article that is not in
// English. Every signal but stray markup rests on English word lists, the
// English tagger, the attribution layer (empty for such an article), the
// English readability formulas or the English headline models, and its
// reference distribution is English reporting: each is marked unmeasured,
// with no percentile, rather than given a confident value that means
// nothing. Leftover markup is the same in any language.
func annotateNonEnglish(d *doc.Document) {
	out := d.Signals[:0]
	for _, s := range signalUnits {
		if s.id == "stray-markup" {
			out = append(out, strayMarkup(d))
			continue
		}
		out = append(out, doc.Signal{ID: s.id, Unit: s.unit, Percentile: -1, Unmeasured: true, Note: doc.NonEnglishNote})
	}
	d.Signals = out
}
