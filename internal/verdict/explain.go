package verdict

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/credence-news/credence/doc"
)

// item is a contribution before rounding.
type item struct {
	c   doc.Contribution
	raw float64 // points, unrounded
}

// explain fills the score, band and contributions of cred. Each
// contribution is the factor's share of the calibrated log-odds on the
// scorecard (10 points per unit of log-odds), measured from the training
// average; rounding to tenths keeps the sum exact.
func (m *Model) explain(d *doc.Document, f *Features, p Prediction, cred *doc.Credibility) {
	h := m.Reliable
	k := scoreScale * h.PlattA
	var items []item
	z := make([]float64, len(m.Dense))
	m.zscores(f.Dense, z)
	sigs := map[string]*doc.Signal{}
	for i := range d.Signals {
		sigs[string(d.Signals[i].ID)] = &d.Signals[i]
	}
	for j, df := range DenseFeatures {
		pts := k * h.Weights[j] * z[j]
		if math.IsNaN(f.Dense[j]) || math.Abs(pts) < 0.05 {
			continue
		}
		c := doc.Contribution{Factor: df.Name, Description: descriptions[j][btoi(z[j] >= 0)], Value: f.Dense[j], Unit: df.Unit}
		// The evidence shows instances of what the feature counts: it
		// explains "more than usual", not "less" (except for the sourcing
		// share, whose evidence is the statements that are not named and
		// first-hand).
		if z[j] > 0 || df.Name == string(doc.SignalSourcing) {
			denseEvidence(d, df.Name, sigs, &c)
		}
		items = append(items, item{c, pts})
	}
	pos, neg := p.WordingUp, p.WordingDown
	up, down := wordingEvidence(f, m)
	wording := k * (pos + neg - h.WordingMean[0] - h.WordingMean[1])
	ev := down
	desc := "the wording: words and phrases more typical of the fake and satire training articles than the average article's"
	if wording > 0 {
		ev = up
		desc = "the wording: words and phrases more typical of the reliable training articles than the average article's"
	}
	items = append(items, item{doc.Contribution{Factor: "wording", Description: desc, Value: pos + neg, Unit: doc.UnitLogOdds, Evidence: ev}, wording})
	if f.Rep.SiteKnown {
		r := f.Rep.SiteRating
		items = append(items, item{doc.Contribution{Factor: "site-rating",
			Description: fmt.Sprintf("the site's own rating: %s is rated %s", r.Domain, r.Level),
			Value:       f.Rep.Site, Unit: doc.UnitRating, Ratings: []doc.Rating{*r}}, scoreScale * h.Site * f.Rep.Site})
	}
	if f.Rep.CitedN > 0 {
		c := doc.Contribution{Factor: "cited-outlets", Value: f.Rep.Cited, Unit: doc.UnitRating, Attributions: f.Rep.CitedAttributions}
		seen := map[string]bool{}
		var names []string
		for _, i := range f.Rep.CitedAttributions {
			r := d.Attributions[i].Source.Rating
			if !seen[r.Domain] {
				seen[r.Domain] = true
				c.Ratings = append(c.Ratings, *r)
				names = append(names, fmt.Sprintf("%s (%s)", d.Attributions[i].Source.Name, r.Level))
			}
			c.Evidence = append(c.Evidence, doc.Evidence{Span: d.Attributions[i].Span, Note: "relies on " + d.Attributions[i].Source.Name})
		}
		c.Description = "the ratings of the outlets it relies on: " + strings.Join(names, ", ")
		items = append(items, item{c, scoreScale * h.Cited * f.Rep.Cited})
	}
	raw := scoreMid + scoreScale*p.Full
	score := math.Max(0, math.Min(100, raw))
	if score != raw {
		items = append(items, item{doc.Contribution{Factor: "scale-limit",
			Description: "what keeping the score within 0-100 took away (the evidence points further)", Unit: doc.UnitLogOdds, Value: p.Full}, score - raw})
	}
	cred.Score = math.Round(score)
	cred.Band = doc.BandOf(cred.Score)
	cred.Contributions = allocate(items, int(math.Round((cred.Score-cred.Baseline)*10)))
}

// allocate rounds the items' points to tenths so that they sum to total
// tenths exactly: each is floored, then the shortfall is handed out a tenth
// at a time by largest remainder (or taken back by smallest). It drops the
// items that round to zero and sorts the rest by size.
func allocate(items []item, total int) []doc.Contribution {
	units := make([]int, len(items))
	rem := make([]float64, len(items))
	sum := 0
	for i, it := range items {
		f := math.Floor(it.raw * 10)
		units[i] = int(f)
		rem[i] = it.raw*10 - f
		sum += units[i]
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for d := total - sum; d != 0 && len(items) > 0; {
		for _, i := range order {
			if d > 0 {
				units[i]++
				d--
			}
		}
		for q := len(order) - 1; q >= 0 && d < 0; q-- {
			units[order[q]]--
			d++
		}
	}
	var out []doc.Contribution
	for i, it := range items {
		if units[i] == 0 {
			continue
		}
		c := it.c
		c.Points = float64(units[i]) / 10
		out = append(out, c)
	}
	sort.SliceStable(out, func(a, b int) bool { return math.Abs(out[a].Points) > math.Abs(out[b].Points) })
	return out
}

// sourcingNote maps the sourcing figures to the prefix of the sourcing
// signal's evidence notes that shows them.
var sourcingNote = map[string]string{
	"second-hand":       "second-hand",
	"outlet-sourcing":   "relies on another outlet",
	"anonymous-sources": "anonymous source",
	"vague-sources":     "vague source",
	"unattributed":      "unattributed",
}

const maxEvidence = 3

// denseEvidence points a dense factor at its spans: the signal's own
// evidence, or for a sourcing figure the sourcing evidence of its kind and
// the attributions behind it.
func denseEvidence(d *doc.Document, name string, sigs map[string]*doc.Signal, c *doc.Contribution) {
	if s := sigs[name]; s != nil {
		c.Evidence = append(c.Evidence, s.Evidence[:min(len(s.Evidence), maxEvidence)]...)
		return
	}
	prefix, ok := sourcingNote[name]
	s := sigs[string(doc.SignalSourcing)]
	if !ok || s == nil {
		return
	}
	for _, e := range s.Evidence {
		if strings.HasPrefix(e.Note, prefix) && len(c.Evidence) < maxEvidence {
			c.Evidence = append(c.Evidence, e)
		}
	}
	for i, at := range d.Attributions {
		var hit bool
		switch name {
		case "second-hand":
			hit = at.Via >= 0
		case "outlet-sourcing":
			hit = at.Via < 0 && at.Source.Type == doc.SourceMediaOutlet
		case "anonymous-sources":
			hit = at.Via < 0 && at.Source.Type == doc.SourceAnonymous
		case "vague-sources":
			hit = at.Via < 0 && at.Source.Type == doc.SourceVague
		case "unattributed":
			hit = at.Source.Type == doc.SourceNone
		}
		if hit {
			c.Attributions = append(c.Attributions, i)
		}
	}
}

// wordingEvidence finds the body words and word pairs that pull most
// toward reliable (up) and toward fake or satire (down): each feature's
// weight times its value, at its first occurrence, the strongest first.
func wordingEvidence(f *Features, m *Model) (up, down []doc.Evidence) {
	var hi, lo topWords
	for k, sp := range f.Spans {
		if sp.Start < 0 {
			continue // a title word: not in Text
		}
		i := f.Idx[k]
		w := float64(m.hashed[2*i]) * float64(f.Val[k])
		hi.offer(i, w, sp)
		lo.offer(i, -w, sp)
	}
	return hi.evidence(1), lo.evidence(-1)
}

// topWords keeps the n-grams of largest positive weight, each once (its
// first occurrence), largest first.
type topWords struct {
	idx  [maxEvidence + 2]uint32
	w    [maxEvidence + 2]float64
	span [maxEvidence + 2]doc.Span
	n    int
}

func (t *topWords) offer(idx uint32, w float64, span doc.Span) {
	if w <= 0 || t.n == len(t.w) && w <= t.w[t.n-1] {
		return
	}
	for k := 0; k < t.n; k++ {
		if t.idx[k] == idx {
			return // a later occurrence of an n-gram already kept
		}
	}
	k := min(t.n, len(t.w)-1)
	for k > 0 && t.w[k-1] < w {
		if k < len(t.w) {
			t.idx[k], t.w[k], t.span[k] = t.idx[k-1], t.w[k-1], t.span[k-1]
		}
		k--
	}
	t.idx[k], t.w[k], t.span[k] = idx, w, span
	if t.n < len(t.w) {
		t.n++
	}
}

func (t *topWords) evidence(sign float64) []doc.Evidence {
	var ev []doc.Evidence
	for k := 0; k < t.n; k++ {
		ev = append(ev, doc.Evidence{Span: t.span[k], Note: fmt.Sprintf("%+.2f log-odds", sign*t.w[k])})
	}
	return ev
}

// descriptions holds each dense feature's two descriptions (below and above
// the training average), made once.
var descriptions = func() [][2]string {
	out := make([][2]string, len(DenseFeatures))
	for j, f := range DenseFeatures {
		out[j] = [2]string{describe(f, -1), describe(f, 1)}
	}
	return out
}()

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
