package verdict

import (
	"math"
	"sort"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/fnv1a"
)

// Example is a labelled article's features for training.
type Example struct {
	ID    string
	Label string // doc.LabelReliable, doc.LabelFake or doc.LabelSatire
	// Group keeps related articles in one fold: the site, or the pair an
	// imitation was written from.
	Group string
	F     *Features
}

// innerFolds is the number of folds of the cross-validation inside a
// training set (to choose lambda and fit the calibration).
const innerFolds = 5

// innerFold assigns a group to an inner fold, by hash: stable, and
// independent of the order of the examples.
func innerFold(group string) int { return int(fnv1a.Hash32("inner|"+group) % innerFolds) }

// minWords is the shortest text judged: below it a few words decide, and
// the training articles (from 25 words up) say little about such texts.
const minWords = 50

// Train builds a model from labelled examples: both heads with lambda
// chosen and calibration fitted by cross-validation inside ex, then the
// reputation weights on the calibrated out-of-fold log-odds.
func Train(ex []Example, info TrainInfo) *Model {
	m := &Model{MinWords: minWords, Trained: info}
	m.Dense = standardise(ex)
	m.seen = make([]uint64, numWords/64)
	for _, e := range ex {
		markSeen(m.seen, e.F)
	}
	m.MinCoveragePercentile = 0.5
	m.MinCoverage = oofCoverageFloor(ex, m.MinCoveragePercentile)

	rel := make([]*row, len(ex))
	groups := make([]string, len(ex))
	for i, e := range ex {
		rel[i] = m.row(e.F, e.Label == doc.LabelReliable)
		groups[i] = e.Group
	}
	signs := make([]int, len(DenseFeatures))
	for j, f := range DenseFeatures {
		signs[j] = f.Sign
	}
	m.Reliable, m.hashed = trainHead(rel, groups, signs, func(i int) []float64 {
		r := ex[i].F.Rep
		return []float64{r.Site, r.Cited, 0}
	}, []float64{1, 1, 1})
	var sat []*row
	var satGroups []string
	var satIdx []int
	for i, e := range ex {
		if e.Label != doc.LabelReliable {
			sat = append(sat, m.row(e.F, e.Label == doc.LabelSatire))
			satGroups = append(satGroups, e.Group)
			satIdx = append(satIdx, i)
		}
	}
	var satW []float32
	m.Satire, satW = trainHead(sat, satGroups, nil, func(i int) []float64 {
		return []float64{0, 0, ex[satIdx[i]].F.Rep.SiteSatire}
	}, []float64{1, 1, 1})
	if satW == nil {
		satW = make([]float32, Hashed)
	}
	m.quantize(m.hashed, satW)
	m.hashed = nil
	// The wording's average, again, with the weights the model keeps.
	m.Reliable.WordingMean = [2]float64{}
	for _, r := range rel {
		var p Prediction
		for k, i := range r.idx {
			if t := float64(m.quant[2*i]) * m.Scale[0] * float64(r.val[k]); t > 0 {
				p.WordingUp += t
			} else {
				p.WordingDown += t
			}
		}
		m.Reliable.WordingMean[0] += p.WordingUp / float64(len(rel))
		m.Reliable.WordingMean[1] += p.WordingDown / float64(len(rel))
	}
	return m
}

// quantize keeps the two heads' hashed weights as bytes, interleaved (one
// cache line serves both heads): a quarter of the memory of float32, so
// that the table stays out of the way of the tagger's in the caches. The
// error, at most half a step (max|w|/254) a weight, moves a log-odds by
// about 0.01.
func (m *Model) quantize(rel, sat []float32) {
	m.quant = make([]int8, 2*Hashed)
	for h, w := range [2][]float32{rel, sat} {
		top := 0.0
		for _, v := range w {
			top = math.Max(top, math.Abs(float64(v)))
		}
		m.Scale[h] = 1
		if top > 0 {
			m.Scale[h] = top / 127
		}
		for i, v := range w {
			m.quant[2*i+h] = int8(math.Round(float64(v) / m.Scale[h]))
		}
	}
}

// trainHead fits one head: lambda by inner cross-validation (mean
// log-loss of the out-of-fold predictions after calibration), Platt
// scaling on the out-of-fold logits of that lambda, the final weights on
// all rows, and the reputation weights (rep(i) gives row i's site, cited
// and site-satire values) on the calibrated out-of-fold log-odds.
func trainHead(rows []*row, groups []string, signs []int, rep func(int) []float64, repL2 []float64) (Head, []float32) {
	var pos float64
	for _, r := range rows {
		pos += r.y
	}
	n := float64(len(rows))
	h := Head{Weights: make([]float64, len(DenseFeatures)), PlattA: 0}
	if pos < 2 || n-pos < 2 {
		// Nothing to learn: a constant at the smoothed base rate.
		h.PlattB = math.Log((pos + 0.5) / (n - pos + 0.5))
		return h, make([]float32, Hashed)
	}
	y := make([]float64, len(rows))
	for i, r := range rows {
		y[i] = r.y
	}
	best, bestLoss := lambdas[0], math.Inf(1)
	var bestOOF []float64
	for _, lambda := range lambdas {
		oof := make([]float64, len(rows))
		for k := 0; k < innerFolds; k++ {
			var train []*row
			for i, r := range rows {
				if innerFold(groups[i]) != k {
					train = append(train, r)
				}
			}
			f := fitHead(train, lambda, signs)
			for i, r := range rows {
				if innerFold(groups[i]) == k {
					oof[i] = f.logit(r)
				}
			}
		}
		a, b := platt(oof, y)
		p := make([]float64, len(oof))
		for i, z := range oof {
			p[i] = sigmoid(a*z + b)
		}
		if l := logLoss(p, y); l < bestLoss {
			best, bestLoss, bestOOF = lambda, l, oof
		}
	}
	h.Lambda = best
	h.PlattA, h.PlattB = platt(bestOOF, y)
	f := fitHead(rows, best, signs)
	h.Intercept, h.Weights = f.b, f.wd
	// The wording's training average, to measure an article's against (Train
	// computes the reliable head's again with the quantized weights the
	// model keeps; the satire head's is only recorded).
	for _, r := range rows {
		pos, neg := wordingParts(f.wh, r.idx, r.val, 1, 0)
		h.WordingMean[0] += pos / n
		h.WordingMean[1] += neg / n
	}
	// Reputation on the calibrated out-of-fold log-odds.
	x := make([][]float64, len(rows))
	off := make([]float64, len(rows))
	for i := range rows {
		x[i] = rep(i)
		off[i] = h.PlattA*bestOOF[i] + h.PlattB
	}
	w := newton(x, off, y, repL2)
	h.Site, h.Cited, h.SiteSatire = w[0], w[1], w[2]
	return h, f.wh
}

// wordingParts sums the positive and negative products of the hashed
// weights (stride apart, from offset) with an article's n-grams.
func wordingParts(w []float32, idx []uint32, val []float32, stride, offset int) (pos, neg float64) {
	for k, i := range idx {
		v := float64(w[int(i)*stride+offset]) * float64(val[k])
		if v > 0 {
			pos += v
		} else {
			neg += v
		}
	}
	return pos, neg
}

// standardise computes each dense feature's mean and spread on the
// examples (unmeasured values left out).
func standardise(ex []Example) []DenseParam {
	ps := make([]DenseParam, len(DenseFeatures))
	for j, f := range DenseFeatures {
		var s, ss, n float64
		for _, e := range ex {
			v := e.F.Dense[j]
			if math.IsNaN(v) {
				continue
			}
			v = transform(v, f.Log)
			s += v
			ss += v * v
			n++
		}
		p := DenseParam{Name: f.Name, Log: f.Log, Std: 1}
		if n > 0 {
			p.Mean = s / n
			if sd := math.Sqrt(math.Max(ss/n-p.Mean*p.Mean, 0)); sd > 1e-9 {
				p.Std = sd
			}
		}
		ps[j] = p
	}
	return ps
}

func transform(v float64, log bool) float64 {
	if log {
		return math.Log1p(math.Max(v, 0))
	}
	return v
}

// zscores standardises raw dense values; unmeasured ones are 0 (the
// mean) and so contribute nothing.
func (m *Model) zscores(raw []float64, out []float64) {
	for j, p := range m.Dense {
		v := raw[j]
		if math.IsNaN(v) {
			out[j] = 0
			continue
		}
		out[j] = math.Max(-5, math.Min(5, (transform(v, p.Log)-p.Mean)/p.Std))
	}
}

func (m *Model) row(f *Features, positive bool) *row {
	r := &row{z: make([]float64, len(m.Dense)), idx: f.Idx, val: f.Val}
	m.zscores(f.Dense, r.z)
	if positive {
		r.y = 1
	}
	return r
}

func markSeen(seen []uint64, f *Features) {
	for _, i := range f.Idx {
		if i < numWords {
			seen[i>>6] |= 1 << (i & 63)
		}
	}
}

// oofCoverageFloor is the q-th percentile of the training articles'
// coverage, each measured against the words of the other inner folds
// (against its own words every article would be fully covered).
func oofCoverageFloor(ex []Example, q float64) float64 {
	var covs []float64
	for k := 0; k < innerFolds; k++ {
		seen := make([]uint64, numWords/64)
		for _, e := range ex {
			if innerFold(e.Group) != k {
				markSeen(seen, e.F)
			}
		}
		for _, e := range ex {
			if innerFold(e.Group) == k && e.F.Words >= minWords {
				covs = append(covs, coverage(seen, e.F))
			}
		}
	}
	if len(covs) == 0 {
		return 0
	}
	sort.Float64s(covs)
	return covs[int(q/100*float64(len(covs)-1))]
}

// coverage is the share of an article's word-block features met in
// training. (Features keep no separate list of unigrams; the word block
// holds unigrams, bigrams and title words, which all count.)
func coverage(seen []uint64, f *Features) float64 {
	var n, k float64
	for _, i := range f.Idx {
		if i >= numWords {
			continue
		}
		n++
		if seen[i>>6]&(1<<(i&63)) != 0 {
			k++
		}
	}
	if n == 0 {
		return 0
	}
	return k / n
}
