package signals

import "github.com/credence-news/credence/doc"

// signalUnits are the signals Annotate produces, in its order, with their
// units. A test checks the list against an English article's signals.
var signalUnits = []struct {
	id   doc.SignalID
	unit doc.Unit
}{
	{doc.SignalSourcing, doc.UnitShare},
	{doc.SignalSpeculation, doc.UnitPer1000},
	{doc.SignalAttributedHedging, doc.UnitPer1000},
	{doc.SignalWriterPresence, doc.UnitPer1000},
	{doc.SignalAsides, doc.UnitCount},
	{doc.SignalSensational, doc.UnitPer1000},
	{doc.SignalScareQuotes, doc.UnitPer1000},
	{doc.SignalHeadlineBody, doc.UnitCount},
	{doc.SignalHeadlineAgreement, doc.UnitCount},
	{doc.SignalRepeatedWords, doc.UnitCount},
	{doc.SignalStrayMarkup, doc.UnitCount},
	{doc.SignalNameVariants, doc.UnitCount},
	{doc.SignalReadability, doc.UnitGrade},
	{doc.SignalSpecificity, doc.UnitPer1000},
	{doc.SignalQuoteDensity, doc.UnitShare},
	{doc.SignalClickbait, doc.UnitProbability},
	{doc.SignalSatireHeadline, doc.UnitProbability},
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
		if s.id == doc.SignalStrayMarkup {
			out = append(out, strayMarkup(d))
			continue
		}
		out = append(out, doc.Signal{ID: s.id, Unit: s.unit, Percentile: -1, Unmeasured: true, Note: doc.NonEnglishNote})
	}
	d.Signals = out
}
