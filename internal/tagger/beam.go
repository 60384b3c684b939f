package tagger

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Beam search for the NER model. With a beam width k > 1 the NER model is
// trained as a structured perceptron: each training sentence is decoded
// with a beam of k hypotheses under the current weights, and as soon as
// the gold tag sequence falls out of the beam (or, at the end, is not the
// best hypothesis) the features of the gold prefix are rewarded and those
// of the best hypothesis's prefix penalised ("early update", Collins and
// Roark 2004). A hypothesis scores the sum of its tokens' class scores, so
// tagging decodes with the same beam. Hypotheses that end in the same two
// tags are merged (the features see no further back), keeping the better.
//
// The features of a token are the same for every hypothesis except the
// templates that read the previous tags (nerPrevTableFeatures and
// nerPrevPairFeatures): at run time the rest is scored once per token.

// beamItem is one hypothesis after a token: its score, its last two tags
// and the index of the hypothesis it extends (in the previous token's
// beam).
type beamItem struct {
	score  int64
	p1, p2 uint8
	back   int32
}

// allowedIOB says whether NER class c may follow class prev (see
// argmaxIOB).
func allowedIOB(c, prev uint8) bool {
	if c == 0 || c%2 == 1 {
		return true
	}
	return prev != noTag && prev != 0 && (prev+1)/2 == c/2
}

// beamStep extends the hypotheses cur by one token into next (cleared,
// at most width items, best first). score returns the class scores of
// the token after a hypothesis ending in p1, p2 (int64 while training,
// int32 at run time), or nil when the token is tagged O without scoring.
func beamStep[T int32 | int64](cur, next []beamItem, width int, score func(p1, p2 uint8) []T) []beamItem {
	next = next[:0]
	scored := false // whether next holds items of scored classes
	for bi, it := range cur {
		sc := score(it.p1, it.p2)
		if sc == nil && scored {
			next = insertItem(next, width, beamItem{score: it.score, p1: 0, p2: it.p1, back: int32(bi)})
			continue
		}
		if sc == nil {
			// Tagged O without scoring (the same for every hypothesis):
			// cur is sorted best first, so each item goes to the end of
			// next unless an earlier hypothesis with the same last tag
			// already put its better or equal item there: what insertItem
			// would do, without its search.
			if !slices.ContainsFunc(next, func(x beamItem) bool { return x.p2 == it.p1 }) && len(next) < width {
				next = append(next, beamItem{score: it.score, p1: 0, p2: it.p1, back: int32(bi)})
			}
			continue
		}
		scored = true
		if width > maxTop || len(sc) > 64 {
			for c, v := range sc {
				x := it.score + int64(v)
				if len(next) == width && x <= next[width-1].score {
					continue // insertItem would drop it
				}
				if allowedIOB(uint8(c), it.p1) {
					next = insertItem(next, width, beamItem{score: x, p1: uint8(c), p2: it.p1, back: int32(bi)})
				}
			}
			continue
		}
		// Only the hypothesis's best width classes can end up in next:
		// each class it extends to has distinct tags, so width better
		// ones (or the better items of earlier hypotheses they meet
		// under insertItem's merging) push every other one out. Offering
		// only those, in class order, leaves next as offering all would
		// (TestBeamStepShortcutMatchesInsertItem), for a comparison or
		// two per class instead of an insertion. A full next also sets a
		// floor: what does not beat its worst item cannot get in.
		floor := int64(math.MinInt64)
		if len(next) == width {
			floor = next[width-1].score - it.score
		}
		var top [maxTop]uint8
		for _, c := range topAllowed(sc, allowedAfter(it.p1, len(sc)), floor, width, top[:0]) {
			x := it.score + int64(sc[c])
			if len(next) == width && x <= next[width-1].score {
				continue // insertItem would drop it
			}
			next = insertItem(next, width, beamItem{score: x, p1: c, p2: it.p1, back: int32(bi)})
		}
	}
	return next
}

// maxTop bounds the beam widths for which beamStep selects each
// hypothesis's best classes first.
const maxTop = 8

// allowedAfter returns the set of the n classes (n <= 64) that may follow
// class prev, bit c for class c: allowedIOB as a mask.
func allowedAfter(prev uint8, n int) uint64 {
	// O and every B- class (odd) may follow anything.
	mask := uint64(0xaaaaaaaaaaaaaaab)
	if n < 64 {
		mask &= 1<<n - 1
	}
	// I-X (even, > 0) only B-X or I-X.
	if prev != noTag && prev != 0 {
		i := prev + prev%2 // prev's I- class
		if int(i) < n {
			mask |= 1 << i
		}
	}
	return mask
}

// topAllowed appends to out the classes of allowed (a bit set) whose
// scores in sc are above floor, at most width of them with the best
// scores (a lower class wins a tie), and returns them in class order.
// width is at most maxTop.
func topAllowed[T int32 | int64](sc []T, allowed uint64, floor int64, width int, out []uint8) []uint8 {
	var best [maxTop]int64
	n := 0
	for c, v := range sc {
		x := int64(v)
		if x <= floor || allowed>>c&1 == 0 {
			continue
		}
		// Insert after the entries that score at least x, dropping the
		// last of a full list; once full, its last entry is the floor.
		if n < width {
			out = out[:n+1]
			n++
		}
		k := n - 1
		for k > 0 && best[k-1] < x {
			best[k], out[k] = best[k-1], out[k-1]
			k--
		}
		best[k], out[k] = x, uint8(c)
		if n == width {
			floor = max(floor, best[n-1])
		}
	}
	// Class order (insertion sort: a few entries).
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j-1] > out[j]; j-- {
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}

// insertItem inserts x into the sorted beam b of at most width items.
// An item with the same last two tags is replaced when x is better, and x
// is dropped otherwise. Ties keep the earlier item, so the outcome does
// not depend on anything but the scores and the order of generation.
func insertItem(b []beamItem, width int, x beamItem) []beamItem {
	if len(b) == width && x.score <= b[width-1].score {
		// Not better than the worst of a full beam: it would not be
		// inserted, and an item with its tags is at least as good.
		return b
	}
	for k := range b {
		if b[k].p1 == x.p1 && b[k].p2 == x.p2 {
			if x.score <= b[k].score {
				return b
			}
			b = append(b[:k], b[k+1:]...)
			break
		}
	}
	pos := len(b)
	for pos > 0 && b[pos-1].score < x.score {
		pos--
	}
	if pos >= width {
		return b
	}
	if len(b) < width {
		b = append(b, beamItem{})
	}
	copy(b[pos+1:], b[pos:len(b)-1])
	b[pos] = x
	return b
}

// beamLattice holds the beams of all tokens of a sentence: beam i is
// items[i*width : i*width+counts[i]].
type beamLattice struct {
	width int
	// margin, when positive, drops the hypotheses that score more than
	// margin below the best one (decoding only, see Config.BeamMargin).
	margin int64
	items  []beamItem
	counts []int
}

func (l *beamLattice) reset(n, width int) {
	l.width = width
	if cap(l.items) < n*width {
		l.items = make([]beamItem, n*width)
	}
	l.items = l.items[:n*width]
	if cap(l.counts) < n {
		l.counts = make([]int, n)
	}
	l.counts = l.counts[:n]
}

func (l *beamLattice) beam(i int) []beamItem {
	return l.items[i*l.width : i*l.width+l.counts[i]]
}

// latticeStep decodes token i from the beam of token i-1 (the start for
// i = 0).
func latticeStep[T int32 | int64](l *beamLattice, i int, score func(p1, p2 uint8) []T) []beamItem {
	start := [1]beamItem{{p1: noTag, p2: noTag, back: -1}}
	cur := start[:]
	if i > 0 {
		cur = l.beam(i - 1)
	}
	next := beamStep(cur, l.items[i*l.width:i*l.width:i*l.width+l.width], l.width, score)
	if l.margin > 0 {
		for k := 1; k < len(next); k++ {
			if next[k].score < next[0].score-l.margin {
				next = next[:k]
				break
			}
		}
	}
	l.counts[i] = len(next)
	return next
}

// path writes to out[:last+1] the tags of hypothesis bi of token last.
func (l *beamLattice) path(last int, bi int32, out []uint8) {
	for i := last; i >= 0; i-- {
		it := l.beam(i)[bi]
		out[i] = it.p1
		bi = it.back
	}
}

// tagNERBeam tags the prepared tokens ts (POS tags set) with the NER
// model and a beam of m.nerBeam hypotheses; out gets the class ids. With
// the fast path (fast.go) a token's tag-independent scores are computed
// once and only the previous-tag features are scored per hypothesis.
func (m *Model) tagNERBeam(s *scratch, ts []tok, out []uint8) {
	n := len(ts) - 4
	s.lattice.reset(n, m.nerBeam)
	s.lattice.margin = m.beamMargin
	k := len(m.nerTags)
	if cap(s.static) < scoreCap(k) {
		s.static = make([]int32, k, scoreCap(k))
	}
	sc := s.scores[:k]
	st := s.static[:k]
	for i := 0; i < n; i++ {
		skip := m.isOutside(&ts[i+2]) || m.closed[ts[i+2].pos] && m.quiet(&ts[i+1]) && m.quiet(&ts[i+3])
		if !skip && m.fast != nil {
			m.nerStatic(s, ts, i+2, st)
		}
		latticeStep(&s.lattice, i, func(p1, p2 uint8) []int32 {
			if skip {
				return nil
			}
			if m.fast != nil {
				m.nerDynamic(s, ts, i+2, p1, p2, st, sc)
			} else {
				s.feats = nerFeatures(s.feats[:0], ts, i+2, p1, p2, m.useGaz)
				clear(sc)
				s.offs = growOffs(s.offs, len(s.feats))
				s.sink = m.ner.score(s.feats, s.offs, sc)
			}
			return sc
		})
	}
	s.lattice.path(n-1, 0, out)
}

// closedPOS are the Penn Treebank tags of closed-class words and
// punctuation: determiners, prepositions, conjunctions, pronouns, modals,
// "to", possessive endings and punctuation marks.
var closedPOS = []string{"DT", "IN", "TO", "CC", "PRP", "PRP$", "WDT", "WP", "WRB", "MD", "EX", "POS", ",", ".", ":", "``", "''"}

// setClosed fills m.closed from the model's POS classes.
//
// At decoding, a closed-class word or punctuation mark between two quiet
// tokens (words of the outside list, other closed-class tokens, or the
// sentence's edges) is tagged O without scoring, like the words of the
// outside list. "the", ",", "of" are too often inside entities ("the
// past year", "Jan. 5, 2016", "Bank of America") for that list, but
// hardly ever where neither neighbour could be part of one. On the dev
// split this leaves PERSON+ORG+LOC F1 at 0.9108 (0.9103 scoring them)
// and scores about 30% fewer tokens on the benchmark corpus.
func (m *Model) setClosed() {
	m.closed = [256]bool{}
	for i, t := range m.posTags {
		if i < noTag {
			m.closed[i] = slices.Contains(closedPOS, t)
		}
	}
}

// quiet reports a token that is no part of an entity's context: the
// sentence's padding, a word of the outside list or a closed-class word.
func (m *Model) quiet(t *tok) bool {
	return t.pos == noTag || m.isOutside(t) || m.closed[t.pos]
}

// adjust adds d to the weights of class cls of feats (a structured
// update: it does not count a step).
func (p *perceptron) adjust(feats []uint64, cls uint8, d int32) {
	for _, f := range feats {
		i, ok := p.index[f]
		if !ok {
			i = int32(len(p.feats))
			p.index[f] = i
			p.keys = append(p.keys, f)
			p.feats = append(p.feats, make([]entry, 0, 2))
		}
		p.change(i, cls, d)
	}
}

// trainNERBeam trains the NER model with beam search and early updates
// (see the top of this file). A pass counts one averaging step per token,
// as trainNER does.
func trainNERBeam(prep []*prepSent, outside map[uint64]bool, gaz, aug bool, iters int, seed uint64, width int, onIter func(int, *perceptron)) *perceptron {
	p := newPerceptron(1 + 2*len(EntityTypes))
	rng := rand.NewPCG(seed, 0x5eed_0f_9e7)
	order := sentenceOrder(prep, nil, -1)
	var (
		feats   []uint64
		lat     beamLattice
		pred    []uint8
		goldBuf []uint8
	)
	sc := make([]int64, p.nClasses)
	for it := 1; it <= iters; it++ {
		shuffle(rng, order)
		for _, si := range order {
			s := prep[si]
			n := len(s.ner)
			lat.reset(n, width)
			pred = append(pred[:0], make([]uint8, n)...)
			gold := int32(0) // index of the gold prefix in the current beam
			last := -1       // the last token of the update, if any
			gt := s.ner
			if s.latent != nil {
				gt = append(goldBuf[:0], s.ner...)
				goldBuf = gt
			}
			for i := 0; i < n; i++ {
				t := &s.toks[i+2]
				if s.latent != nil && s.latent[i] != 0 && !outside[t.word] {
					// The gold tag is the best of the allowed ones after
					// the gold prefix.
					gp1, gp2 := uint8(noTag), uint8(noTag)
					if i > 0 {
						gp1 = gt[i-1]
					}
					if i > 1 {
						gp2 = gt[i-2]
					}
					feats = nerFeatures(feats[:0], s.toks, i+2, gp1, gp2, gaz)
					if aug {
						feats = augment(feats, s.dom)
					}
					gt[i] = argmaxLatent(p.predict(feats), gp1, s.latent[i])
				}
				next := latticeStep(&lat, i, func(p1, p2 uint8) []int64 {
					if outside[t.word] {
						return nil
					}
					feats = nerFeatures(feats[:0], s.toks, i+2, p1, p2, gaz)
					if aug {
						feats = augment(feats, s.dom)
					}
					copy(sc, p.predict(feats))
					return sc
				})
				g := int32(-1)
				for k, x := range next {
					if x.back == gold && x.p1 == gt[i] {
						g = int32(k)
						break
					}
				}
				if g < 0 {
					last = i // the gold prefix fell out of the beam
					break
				}
				gold = g
			}
			if last < 0 && gold != 0 {
				last = n - 1 // the gold sequence is not the best
			}
			p.step += int64(n)
			if last < 0 {
				continue
			}
			lat.path(last, 0, pred)
			gp1, gp2, pp1, pp2 := uint8(noTag), uint8(noTag), uint8(noTag), uint8(noTag)
			for j := 0; j <= last; j++ {
				g, c := gt[j], pred[j]
				if !outside[s.toks[j+2].word] && (g != c || gp1 != pp1 || gp2 != pp2) {
					feats = nerFeatures(feats[:0], s.toks, j+2, gp1, gp2, gaz)
					if aug {
						feats = augment(feats, s.dom)
					}
					p.adjust(feats, g, 1)
					feats = nerFeatures(feats[:0], s.toks, j+2, pp1, pp2, gaz)
					if aug {
						feats = augment(feats, s.dom)
					}
					p.adjust(feats, c, -1)
				}
				gp2, gp1 = gp1, g
				pp2, pp1 = pp1, c
			}
		}
		if onIter != nil {
			onIter(it, p)
		}
	}
	return p
}
