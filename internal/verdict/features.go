// Package verdict is the last analysis stage: it reads the earlier layers
// and gives the article its labels (reliable, fake or satire; clickbait;
// opinion) and a 0-100 credibility score whose contributions add up.
//
// The model is two logistic heads over the same features, trained by
// `credence train verdict`: P(reliable) against the rest, and P(satire)
// among the articles that are not reliable. The features are of three
// kinds, kept apart so that each can be explained:
//   - dense: the interpretable figures of the earlier layers (each signal,
//     the make-up of the sourcing, how claims are made), standardised on
//     the training articles;
//   - hashed: word 1-2-grams and character 4-grams of the title and text,
//     shown to users as the wording that pulled the score each way;
//   - reputation: the article's own site rating and the ratings of the
//     outlets it relies on, added to the calibrated text log-odds as a
//     separate, small model, so that the text part stands on its own.
package verdict

import (
	"math"

	"github.com/credence-news/credence/doc"
)

// Features are what the model reads from one document.
type Features struct {
	// Dense holds one raw value per DenseFeatures entry, in its display
	// unit; NaN when it could not be measured (it then counts as the
	// training average and contributes nothing).
	Dense []float64
	// Idx and Val are the hashed n-grams: indices into the hashed space
	// (words first, then characters), signed, log-scaled counts, each
	// block normalised to unit length.
	Idx []uint32
	Val []float32
	// Spans are the first occurrences in Text of the word-block features
	// (the first len(Spans) of Idx); Start is -1 for title words.
	Spans []doc.Span
	Rep   Reputation
	// Words counts the body's word tokens.
	Words int
}

// Reputation is what the rating tables say about the article's own site
// and the outlets it cites. Zero values mean unknown and contribute
// nothing.
type Reputation struct {
	// Site is the article's own site: +1 reliable, 0 mixed, -1 unreliable
	// or satire; SiteKnown says there was a rating at all.
	Site      float64
	SiteKnown bool
	// SiteSatire is 1 when a rating set lists the site as satire.
	SiteSatire float64
	// Cited is the mean of the rated outlets the article relies on, on the
	// same -1..+1 scale; CitedN counts them.
	Cited  float64
	CitedN int
	// SiteRating and CitedAttributions are the evidence.
	SiteRating        *doc.Rating
	CitedAttributions []int
}

// DenseFeature is one interpretable feature.
type DenseFeature struct {
	Name string // the factor id in reports: a signal id or a sourcing figure
	// What names the feature in plain words, for the reasons a report
	// lists ("the writer's speculation").
	What string
	Unit doc.Unit
	// Log says the model reads log(1+value): rates and counts have long
	// tails.
	Log bool
	// Sign is the direction the feature may move the score: +1 only up
	// (more named sourcing can only raise it), -1 only down (more
	// speculation can only lower it), 0 not at all (readability: no
	// direction is more credible). Training keeps each weight on its side
	// of zero, so that no report says fewer scare quotes lowered a score:
	// the training corpora carry artefacts (celebrity gossip that is true
	// and clickbaity) that would otherwise teach such weights. The satire
	// head is not constrained.
	Sign int
}

// signs are the directions of the dense features (see DenseFeature.Sign).
var signs = map[string]int{
	string(doc.SignalSourcing): +1, string(doc.SignalSpeculation): -1, string(doc.SignalAttributedHedging): 0,
	string(doc.SignalWriterPresence): -1, string(doc.SignalAsides): -1, string(doc.SignalSensational): -1,
	string(doc.SignalScareQuotes): -1, string(doc.SignalHeadlineBody): -1, string(doc.SignalHeadlineAgreement): -1,
	string(doc.SignalRepeatedWords): -1, string(doc.SignalStrayMarkup): -1, string(doc.SignalNameVariants): -1,
	string(doc.SignalReadability): 0, string(doc.SignalSpecificity): +1, string(doc.SignalQuoteDensity): +1,
	string(doc.SignalClickbait): -1, string(doc.SignalSatireHeadline): -1,
	"second-hand": -1, "outlet-sourcing": -1, "anonymous-sources": -1, "vague-sources": -1, "unattributed": -1,
	"attributed-sentences": +1, "hedged-claims": -1, "attributed-claims": +1,
}

// sourcing figures read from the sourcing signal's breakdown.
var sourcingParts = []struct{ key, name, what string }{
	{"second-hand_share", "second-hand", "statements known only second-hand, through another source"},
	{"outlet_share", "outlet-sourcing", "statements resting on other outlets"},
	{"anonymous_share", "anonymous-sources", "statements resting on anonymous sources"},
	{"vague_share", "vague-sources", "statements resting on vague sources (\"experts say\")"},
	{"unattributed_share", "unattributed", "the writer's unattributed hearsay (\"reportedly\")"},
	{"attributed_sentence_share", "attributed-sentences", "sentences that say where their information comes from"},
}

// signalWhat names each signal for the reasons list.
var signalWhat = map[doc.SignalID]string{
	doc.SignalSourcing:          "statements resting on named, first-hand sources",
	doc.SignalSpeculation:       "the writer's own speculation and hedging",
	doc.SignalAttributedHedging: "hedging inside what sources are reported to say",
	doc.SignalWriterPresence:    "the writer speaking in the first person",
	doc.SignalAsides:            "asides addressed to the reader",
	doc.SignalSensational:       "sensational and loaded words",
	doc.SignalScareQuotes:       "scare quotes",
	doc.SignalHeadlineBody:      "headline claims the body does not support",
	doc.SignalHeadlineAgreement: "number-agreement slips in the headline (\"Officials says\")",
	doc.SignalRepeatedWords:     "repeated words (\"the the\")",
	doc.SignalStrayMarkup:       "stray markup and shortcodes left in the text",
	doc.SignalNameVariants:      "the same name spelled different ways",
	doc.SignalReadability:       "the reading grade of the text",
	doc.SignalSpecificity:       "specific details: numbers, dates, names",
	doc.SignalQuoteDensity:      "direct quotation",
	doc.SignalClickbait:         "a clickbait headline",
	doc.SignalSatireHeadline:    "a headline that reads as satire",
}

// DenseFeatures lists the dense features in model order. It is part of the
// model's file format: a model records the names it was trained on, and
// Open refuses a model whose names differ.
var DenseFeatures = buildDenseFeatures()

func buildDenseFeatures() []DenseFeature {
	var fs []DenseFeature
	for _, id := range doc.SignalIDs {
		fs = append(fs, DenseFeature{Name: string(id), What: signalWhat[id], Unit: signalUnit(id)})
	}
	for _, p := range sourcingParts {
		fs = append(fs, DenseFeature{Name: p.name, What: p.what, Unit: doc.UnitShare})
	}
	fs = append(fs,
		DenseFeature{Name: "hedged-claims", What: "check-worthy claims the writer hedges", Unit: doc.UnitShare},
		DenseFeature{Name: "attributed-claims", What: "check-worthy claims credited to a source", Unit: doc.UnitShare},
	)
	for i := range fs {
		fs[i].Log = fs[i].Unit == doc.UnitPer1000 || fs[i].Unit == doc.UnitCount
		sign, ok := signs[fs[i].Name]
		if !ok {
			panic("verdict: no sign for dense feature " + fs[i].Name)
		}
		fs[i].Sign = sign
	}
	return fs
}

// signalUnit is the unit each signal reports its value in; the
// extractor checks it against the signal, so a change upstream is caught by
// the tests rather than silently rescaled.
func signalUnit(id doc.SignalID) doc.Unit {
	switch id {
	case doc.SignalSourcing, doc.SignalQuoteDensity:
		return doc.UnitShare
	case doc.SignalClickbait, doc.SignalSatireHeadline:
		return doc.UnitProbability
	case doc.SignalReadability:
		return doc.UnitGrade
	case doc.SignalAsides, doc.SignalHeadlineBody, doc.SignalHeadlineAgreement, doc.SignalRepeatedWords,
		doc.SignalStrayMarkup, doc.SignalNameVariants:
		return doc.UnitCount
	}
	return doc.UnitPer1000
}

// dense fills the dense features of d.
func dense(d *doc.Document, out []float64) {
	for i := range out {
		out[i] = math.NaN()
	}
	sigs := map[doc.SignalID]*doc.Signal{}
	for i := range d.Signals {
		sigs[d.Signals[i].ID] = &d.Signals[i]
	}
	k := 0
	for _, id := range doc.SignalIDs {
		if s := sigs[id]; s != nil && !s.Unmeasured && !math.IsNaN(s.Value) && !math.IsInf(s.Value, 0) {
			out[k] = s.Value
		}
		k++
	}
	if s := sigs[doc.SignalSourcing]; s != nil && s.Breakdown != nil {
		statements := s.Breakdown["statements"]
		for _, p := range sourcingParts {
			if p.key == "attributed_sentence_share" || statements > 0 {
				out[k] = s.Breakdown[p.key]
			}
			k++
		}
	} else {
		k += len(sourcingParts)
	}
	var n, hedged, attributed float64
	for _, c := range d.Claims {
		n++
		switch c.Mode {
		case doc.ClaimHedged:
			hedged++
		case doc.ClaimAttributed:
			attributed++
		}
	}
	if n > 0 {
		out[k], out[k+1] = hedged/n, attributed/n
	}
}

// levelScore puts a rating level on the -1..+1 scale.
func levelScore(r *doc.Rating) (float64, bool) {
	switch r.Level {
	case doc.LevelReliable:
		return 1, true
	case doc.LevelMixed:
		return 0, true
	case doc.LevelUnreliable, doc.LevelSatire:
		return -1, true
	}
	return 0, false
}

func isSatire(r *doc.Rating) bool {
	if r.Level == doc.LevelSatire {
		return true
	}
	for _, t := range r.OpenSources {
		if t == "satire" {
			return true
		}
	}
	for _, t := range r.FakeNewsCorpus {
		if t == "satire" {
			return true
		}
	}
	return false
}

// reputation reads the site rating and the rated outlets the article
// relies on (attributions whose source is a media outlet with a rating).
func reputation(d *doc.Document) Reputation {
	var r Reputation
	if s := d.SiteRating; s != nil {
		if v, ok := levelScore(s); ok {
			r.Site, r.SiteKnown, r.SiteRating = v, true, s
		}
		if isSatire(s) {
			r.SiteSatire, r.SiteRating = 1, s
		}
	}
	seen := map[string]bool{}
	sum := 0.0
	for i, at := range d.Attributions {
		src := at.Source
		if src.Type != doc.SourceMediaOutlet || src.Rating == nil {
			continue
		}
		v, ok := levelScore(src.Rating)
		if !ok {
			continue
		}
		r.CitedAttributions = append(r.CitedAttributions, i)
		if seen[src.Rating.Domain] {
			continue
		}
		seen[src.Rating.Domain] = true
		sum += v
		r.CitedN++
	}
	if r.CitedN > 0 {
		r.Cited = sum / float64(r.CitedN)
	}
	return r
}
