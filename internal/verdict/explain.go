package verdict

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/credence-news/credence/doc"
)

// item is a factor's share before rounding: j is the dense feature, or one
// of the other factors below.
type item struct {
	raw float64 // points, unrounded
	j   int
}

const (
	itemWording = -1 - iota
	itemSite
	itemCited
	itemScaleLimit
)

// explain fills the score, band and contributions of cred. Each
// contribution is the factor's share of the calibrated log-odds on the
// scorecard (10 points per unit of log-odds), measured from the training
// average; rounding to tenths keeps the sum exact. The contributions are
// built only for the factors that keep points after rounding.
func (m *Model) explain(d *doc.Document, f *Features, p Prediction, cred *doc.Credibility) {
	h := m.Reliable
	k := scoreScale * h.PlattA
	var buf [64 + 4]item
	items := buf[:0]
	var zbuf [64]float64
	z := zbuf[:len(m.Dense)]
	m.zscores(f.Dense, z)
	for j := range DenseFeatures {
		if pts := k * h.Weights[j] * z[j]; !math.IsNaN(f.Dense[j]) && math.Abs(pts) >= 0.05 {
			items = append(items, item{pts, j})
		}
	}
	wording := k * (p.WordingUp + p.WordingDown - h.WordingMean[0] - h.WordingMean[1])
	items = append(items, item{wording, itemWording})
	if f.Rep.SiteKnown {
		items = append(items, item{scoreScale * h.Site * f.Rep.Site, itemSite})
	}
	if f.Rep.CitedN > 0 {
		items = append(items, item{scoreScale * h.Cited * f.Rep.Cited, itemCited})
	}
	raw := scoreMid + scoreScale*p.Full
	score := math.Max(0, math.Min(100, raw))
	if score != raw {
		items = append(items, item{score - raw, itemScaleLimit})
	}
	cred.Score = math.Round(score)
	cred.Band = doc.BandOf(cred.Score)
	var ubuf [len(buf)]int
	units := ubuf[:len(items)]
	allocate(items, int(math.Round((cred.Score-cred.Baseline)*10)), units)
	n := 0
	for _, u := range units {
		if u != 0 {
			n++
		}
	}
	out := make([]doc.Contribution, 0, n)
	var sigs map[string]*doc.Signal
	for q, it := range items {
		if units[q] == 0 {
			continue
		}
		var c doc.Contribution
		switch it.j {
		case itemWording:
			c = doc.Contribution{Factor: "wording", Value: p.WordingUp + p.WordingDown, Unit: doc.UnitLogOdds}
			if it.raw > 0 {
				c.Description = "the wording: words and phrases more typical of the reliable training articles than the average article's"
				c.Evidence = p.up.evidence(1)
			} else {
				c.Description = "the wording: words and phrases more typical of the fake and satire training articles than the average article's"
				c.Evidence = p.down.evidence(-1)
			}
		case itemSite:
			r := f.Rep.SiteRating
			c = doc.Contribution{Factor: "site-rating", Description: fmt.Sprintf("the site's own rating: %s is rated %s", r.Domain, r.Level),
				Value: f.Rep.Site, Unit: doc.UnitRating, Ratings: []doc.Rating{*r}}
		case itemCited:
			c = citedContribution(d, f)
		case itemScaleLimit:
			c = doc.Contribution{Factor: "scale-limit", Description: "what keeping the score within 0-100 took away (the evidence points further)",
				Unit: doc.UnitLogOdds, Value: p.Full}
		default:
			df := DenseFeatures[it.j]
			c = doc.Contribution{Factor: df.Name, Description: descriptions[it.j][btoi(z[it.j] >= 0)], Value: f.Dense[it.j], Unit: df.Unit}
			// The evidence shows instances of what the feature counts: it
			// explains "more than usual", not "less" (except for the
			// sourcing share, whose evidence is the statements that are
			// not named and first-hand).
			if z[it.j] > 0 || df.Name == string(doc.SignalSourcing) {
				if sigs == nil {
					sigs = make(map[string]*doc.Signal, len(d.Signals))
					for i := range d.Signals {
						sigs[string(d.Signals[i].ID)] = &d.Signals[i]
					}
				}
				denseEvidence(d, df.Name, sigs, &c)
			}
		}
		c.Points = float64(units[q]) / 10
		out = append(out, c)
	}
	sort.SliceStable(out, func(a, b int) bool { return math.Abs(out[a].Points) > math.Abs(out[b].Points) })
	cred.Contributions = out
}

// citedContribution is the factor of the outlets the article relies on.
func citedContribution(d *doc.Document, f *Features) doc.Contribution {
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
	return c
}

// allocate rounds the items' points to tenths so that they sum to total
// tenths exactly, into units: each is floored, then the shortfall is
// handed out a tenth at a time by largest remainder (or taken back by
// smallest).
func allocate(items []item, total int, units []int) {
	var rbuf [68]float64
	var obuf [68]int
	rem := rbuf[:len(items)]
	order := obuf[:len(items)]
	sum := 0
	for i, it := range items {
		f := math.Floor(it.raw * 10)
		units[i] = int(f)
		rem[i] = it.raw*10 - f
		sum += units[i]
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
