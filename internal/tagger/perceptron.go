package tagger

import (
	"math"
	"sort"
)

// perceptron is an averaged multiclass perceptron during training.
// Weights are integers (updates are ±1); the running totals for the
// average are kept lazily with the step of the last change.
type perceptron struct {
	nClasses int
	index    map[uint64]int32
	keys     []uint64
	feats    [][]entry
	step     int64
	idx      []int32 // feature indexes of the last predict
	scores   []int64
}

type entry struct {
	tot int64 // sum of the weight over steps before ts
	ts  int64 // step of the last change
	w   int32
	cls uint8
}

func newPerceptron(nClasses int) *perceptron {
	return &perceptron{nClasses: nClasses, index: make(map[uint64]int32, 1<<20), scores: make([]int64, nClasses)}
}

// predict scores feats with the current weights; the scores are in
// p.scores.
func (p *perceptron) predict(feats []uint64) []int64 {
	sc := p.scores
	clear(sc)
	p.idx = p.idx[:0]
	for _, f := range feats {
		i, ok := p.index[f]
		if !ok {
			p.idx = append(p.idx, -1)
			continue
		}
		p.idx = append(p.idx, i)
		for _, e := range p.feats[i] {
			sc[e.cls] += int64(e.w)
		}
	}
	return sc
}

// update moves the weights of the features of the last predict towards
// truth and away from guess, and counts one training step.
func (p *perceptron) update(feats []uint64, truth, guess uint8) {
	p.step++
	if truth == guess {
		return
	}
	for k, f := range feats {
		i := p.idx[k]
		if i < 0 {
			if j, ok := p.index[f]; ok { // a feature repeated in feats
				i = j
			} else {
				i = int32(len(p.feats))
				p.index[f] = i
				p.keys = append(p.keys, f)
				p.feats = append(p.feats, make([]entry, 0, 2))
			}
			p.idx[k] = i
		}
		p.change(i, truth, 1)
		p.change(i, guess, -1)
	}
}

func (p *perceptron) change(i int32, cls uint8, d int32) {
	es := p.feats[i]
	for k := range es {
		e := &es[k]
		if e.cls == cls {
			e.tot += (p.step - e.ts) * int64(e.w)
			e.ts = p.step
			e.w += d
			return
		}
	}
	p.feats[i] = append(es, entry{ts: p.step, w: d, cls: cls})
}

// average returns the averaged weight of e.
func (p *perceptron) average(e entry) float64 {
	if p.step == 0 {
		return 0
	}
	return float64(e.tot+(p.step-e.ts)*int64(e.w)) / float64(p.step)
}

// quantized turns the averaged weights into a runtime model: weights are
// rounded to multiples of step, and those that round to zero or are
// smaller than minWeight in magnitude are dropped (with them features left
// without weights).
func (p *perceptron) quantized(step, minWeight float64) *linear {
	return quantizedMean([]*perceptron{p}, step, minWeight)
}

// quantizedMean is quantized for the mean of the averaged weights of
// several perceptrons (trained on different shuffles of the data).
func quantizedMean(ps []*perceptron, step, minWeight float64) *linear {
	type feat struct {
		key     uint64
		entries []int32
	}
	sums := map[uint64][]float64{}
	var keys []uint64
	for _, p := range ps {
		for i, k := range p.keys {
			acc := sums[k]
			if acc == nil {
				acc = make([]float64, ps[0].nClasses)
				sums[k] = acc
				keys = append(keys, k)
			}
			for _, e := range p.feats[i] {
				acc[e.cls] += p.average(e)
			}
		}
	}
	sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
	n := float64(len(ps))
	var kept []feat
	var buf []int32
	for _, k := range keys {
		buf = buf[:0]
		acc := sums[k]
		for c := 0; c < ps[0].nClasses; c++ {
			avg := acc[c] / n
			q := math.Round(avg / step)
			if q == 0 || math.Abs(avg) < minWeight {
				continue
			}
			q = max(min(q, 1<<23-1), -(1 << 23))
			buf = append(buf, int32(q)<<8|int32(c))
		}
		if len(buf) > 0 {
			kept = append(kept, feat{k, append([]int32(nil), buf...)})
		}
	}
	l := newLinear(ps[0].nClasses, len(kept))
	for _, f := range kept {
		l.add(f.key, f.entries)
	}
	return l
}
