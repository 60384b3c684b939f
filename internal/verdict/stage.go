package verdict

import (
	_ "embed"
	"fmt"
	"math"
	"sync"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
)

//go:embed data/verdict.bin.gz
var modelBytes []byte

// Open loads the shipped model or the user's replacement.
func Open(files *datafile.Set) (*Model, error) {
	return datafile.Open(files, ModelFile, modelBytes, Load)
}

// Genre says whether a document is not news (a recipe, a product page):
// the verdict abstains on those. It is the genre stage's detector; nil
// means every input is taken as news.
type Genre func(*doc.Document) (notNews bool, reason string, evidence []doc.Evidence)

// Stage is the verdict stage with its model loaded; safe for concurrent
// use.
type Stage struct {
	m     *Model
	genre Genre
	pool  sync.Pool
}

// New builds the stage.
func New(m *Model, genre Genre) *Stage {
	return &Stage{m: m, genre: genre, pool: sync.Pool{New: func() any { return new(extractor) }}}
}

// Extract computes the model's features of an analysed document (for
// training: the stage itself reuses pooled features).
func Extract(d *doc.Document) *Features {
	f := new(Features)
	new(extractor).extract(d, f)
	return f
}

// extract fills f, reusing its slices.
func (x *extractor) extract(d *doc.Document, f *Features) {
	if f.Dense == nil {
		f.Dense = make([]float64, len(DenseFeatures))
	}
	f.Words = 0
	dense(d, f.Dense)
	x.hashed(d, f)
	f.Rep = reputation(d)
}

// Annotate fills d.Labels and d.Credibility.
func (s *Stage) Annotate(d *doc.Document) {
	// The features live in the pooled extractor: nothing the verdict keeps
	// points into them.
	x := s.pool.Get().(*extractor)
	f := &x.f
	x.extract(d, f)
	d.Labels, d.Credibility = s.m.Verdict(d, f, s.genre)
	f.Rep = Reputation{}
	s.pool.Put(x)
}

// Prediction is what the model says of an article, before any abstention.
type Prediction struct {
	// Text and Full are the calibrated log-odds that the article is
	// reliable, from the text alone and with the ratings.
	Text, Full float64
	// SatireText and SatireFull are the calibrated log-odds of satire
	// among articles that are not reliable.
	SatireText, SatireFull float64
	// Coverage is the share of the article's word features seen in
	// training.
	Coverage float64
	// WordingUp and WordingDown are the reliable head's n-gram terms that
	// pull up and down (before calibration).
	WordingUp, WordingDown float64
	// up and down keep the body n-grams that pull hardest each way.
	up, down topWords
}

// Predict scores features.
func (m *Model) Predict(f *Features) Prediction {
	var buf [64]float64
	z := buf[:len(m.Dense)] // on the stack: the dense features are few
	m.zscores(f.Dense, z)
	var p Prediction
	lr, ls := m.Reliable.Intercept, m.Satire.Intercept
	for j, v := range z {
		lr += m.Reliable.Weights[j] * v
		ls += m.Satire.Weights[j] * v
	}
	// One pass over the n-grams: both heads' sums, the wording's two
	// parts, the strongest words each way (for the evidence) and the
	// share seen in training (coverage(m.seen, f), inlined into the pass).
	var seen, words float64
	for k, i := range f.Idx {
		w := m.quant[2*int(i) : 2*int(i)+2]
		v := float64(f.Val[k])
		t := float64(w[0]) * m.Scale[0] * v
		if t > 0 {
			p.WordingUp += t
		} else {
			p.WordingDown += t
		}
		ls += float64(w[1]) * m.Scale[1] * v
		if i < numWords {
			words++
			if m.seen[i>>6]&(1<<(i&63)) != 0 {
				seen++
			}
			if k < len(f.Spans) && f.Spans[k].Start >= 0 {
				p.up.offer(i, t, f.Spans[k])
				p.down.offer(i, -t, f.Spans[k])
			}
		}
	}
	lr += p.WordingUp + p.WordingDown
	if words > 0 {
		p.Coverage = seen / words
	}
	p.Text = m.Reliable.PlattA*lr + m.Reliable.PlattB
	p.Full = p.Text + m.Reliable.Site*f.Rep.Site + m.Reliable.Cited*f.Rep.Cited
	p.SatireText = m.Satire.PlattA*ls + m.Satire.PlattB
	p.SatireFull = p.SatireText + m.Satire.SiteSatire*f.Rep.SiteSatire
	return p
}

// Probabilities returns P(reliable), P(fake) and P(satire), from the text
// alone or with the ratings; they sum to 1.
func (p Prediction) Probabilities(withRatings bool) (reliable, fake, satire float64) {
	z, zs := p.Text, p.SatireText
	if withRatings {
		z, zs = p.Full, p.SatireFull
	}
	reliable = sigmoid(z)
	s := sigmoid(zs)
	satire = (1 - reliable) * s
	fake = 1 - reliable - satire
	return reliable, fake, satire
}

// Facts are what abstention needs to know of a document besides its
// features.
type Facts struct {
	English  bool
	Language string
	// NotNews is why the input is not a news article ("" when it is).
	NotNews         string
	NotNewsEvidence []doc.Evidence
}

// FactsOf reads the facts of an analysed document.
func FactsOf(d *doc.Document, genre Genre) Facts {
	f := Facts{English: d.English(), Language: d.Meta.Language}
	if genre != nil && f.English {
		if notNews, reason, ev := genre(d); notNews {
			f.NotNews, f.NotNewsEvidence = reason, ev
		}
	}
	return f
}

// Abstain says why the model will not judge an article, or "".
func (m *Model) Abstain(facts Facts, f *Features, p Prediction) string {
	if !facts.English {
		return fmt.Sprintf("the article is not in English (%s): the model reads English only", facts.Language)
	}
	if f.Words < m.MinWords {
		return fmt.Sprintf("too short to judge: %d words, and the verdict needs at least %d", f.Words, m.MinWords)
	}
	if facts.NotNews != "" {
		return "not a news article: " + facts.NotNews
	}
	if p.Coverage < m.MinCoverage {
		return fmt.Sprintf("too unlike the training articles to judge: %.0f%% of its word features were seen in training, below the %.0f%% of all but the least typical training articles", 100*p.Coverage, 100*m.MinCoverage)
	}
	return ""
}

// unmeasuredOpinion is why there is no opinion probability yet.
const unmeasuredOpinion = "no labelled opinion articles to train or calibrate a probability on"

// Verdict computes the labels and the credibility of an analysed document.
func (m *Model) Verdict(d *doc.Document, f *Features, genre Genre) ([]doc.Label, *doc.Credibility) {
	p := m.Predict(f)
	withRatings := f.Rep.SiteKnown || f.Rep.SiteSatire != 0 || f.Rep.CitedN > 0
	basis := []doc.VerdictBasis{doc.BasisText}
	if f.Rep.SiteKnown || f.Rep.SiteSatire != 0 {
		basis = append(basis, doc.BasisSiteRating)
	}
	if f.Rep.CitedN > 0 {
		basis = append(basis, doc.BasisCitedOutlets)
	}
	labels := make([]doc.Label, 0, 5)
	cred := &doc.Credibility{Basis: basis, Baseline: round1(m.baseline())}
	if reason := m.Abstain(FactsOf(d, genre), f, p); reason != "" {
		cred.Abstained, cred.Reason = true, reason
		for _, l := range []string{doc.LabelReliable, doc.LabelFake, doc.LabelSatire} {
			labels = append(labels, doc.Label{Label: l, Unmeasured: true, Reason: "no verdict: " + reason})
		}
	} else {
		r, fk, _ := p.Probabilities(withRatings)
		r, fk = round3(r), round3(fk)
		labels = append(labels,
			doc.Label{Label: doc.LabelReliable, Probability: r},
			doc.Label{Label: doc.LabelFake, Probability: fk},
			doc.Label{Label: doc.LabelSatire, Probability: math.Max(0, round3(1-r-fk))})
		m.explain(d, f, p, cred)
	}
	labels = append(labels, clickbaitLabel(d),
		doc.Label{Label: doc.LabelOpinion, Unmeasured: true, Reason: unmeasuredOpinion})
	return labels, cred
}

// clickbaitLabel takes the headline model's probability from the signals
// layer.
func clickbaitLabel(d *doc.Document) doc.Label {
	for _, s := range d.Signals {
		if s.ID == doc.SignalClickbait {
			if s.Unmeasured {
				return doc.Label{Label: doc.LabelClickbait, Unmeasured: true, Reason: s.Note}
			}
			return doc.Label{Label: doc.LabelClickbait, Probability: round3(s.Value)}
		}
	}
	return doc.Label{Label: doc.LabelClickbait, Unmeasured: true, Reason: "the signals stage did not run"}
}

// Scorecard constants: score = 50 + 10·log-odds, within 0..100.
const (
	scoreMid   = 50
	scoreScale = 10
)

// baseline is the raw score of an article at the training average on
// every factor with no ratings.
func (m *Model) baseline() float64 {
	h := m.Reliable
	return scoreMid + scoreScale*(h.PlattA*(h.Intercept+h.WordingMean[0]+h.WordingMean[1])+h.PlattB)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// describe says which way a dense factor lies from the training average.
func describe(f DenseFeature, z float64) string {
	more := "more"
	if z < 0 {
		more = "less"
	}
	if f.Unit == doc.UnitGrade || f.Unit == doc.UnitProbability {
		more = map[bool]string{true: "higher", false: "lower"}[z >= 0]
	}
	return fmt.Sprintf("%s: %s than in the average training article", f.What, more)
}
