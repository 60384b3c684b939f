package tagger

import (
	"runtime"
	"sort"
	"sync"
)

// Run-time scoring without a table probe per feature.
//
// A token has about 30 POS and 75 NER features, and probing the hashed
// weight table for each costs two cache misses: that was most of the
// pipeline's time. But most features depend on one word only (see
// features.go), and most tokens are common words. So when a model is
// loaded, the summed weights of every word feature part (the word itself,
// the word as left or right neighbour, the word in a bag of words) are
// computed for the words of the model's vocabulary (the training words
// seen at least vocabMinCount times), and the features with small
// domains (tags, capitalisation classes) are laid out in dense tables.
// Scoring a token is then a few short vector additions plus probes for
// the word-pair features only. The weights are integers, so the sums are
// exactly those of the per-feature path, and the tags are identical
// (TestFastPathMatchesFeatures checks it).

// vocabMinCount is how often a training word must occur to be in the
// vocabulary whose feature sums are precomputed.
const vocabMinCount = 3

// fast holds a model's precomputed sums and tables.
type fast struct {
	nPOS, nNER int
	row        wordRows  // word hash -> row
	core       []tokCore // by row: the vocabulary's tokens, then the padding tokens (all the fast path reads of them)
	// dictsOutsideVocab is set when a word of the tag dictionary or the
	// outside list has no row (so tokCore.tagdict and .outside of other
	// words must come from the maps).
	dictsOutsideVocab bool
	padStart          int32 // rows of the padding tokens (-1 when a sum overflowed)
	padEnd            int32
	// posW holds posParts vectors of nPOS weights per row, nerW nerParts
	// vectors of nNER weights. int16 halves the memory the scoring
	// streams through; a word whose sums do not fit has no row.
	posW []int16
	nerW []int16
	zero []int32 // zeros, the starting point of nerStatic's sums

	// The dense tables; each of them and posW and nerW end in rowPad
	// elements of padding (see rows.go).
	posFirst []int32 // bias + first-word capitalisation: [first][cap] x nPOS
	posPrev  []int32 // previous two tags: [p1][p2] x nPOS (index nPOS is "none")

	// The NER tables sum the features that share their indexes, so that a
	// token needs five table rows:
	nerCaps  []int32 // bias, first-word capitalisation, the capitalisation classes of -1, 0, +1 and the headline flag: [first][title][cap -1][cap][cap +1] x nNER
	nerPOSL  []int32 // POS of -1 and 0 and their bigram: [pos -1][pos] x nNER
	nerPOSR  []int32 // POS of +1 and the bigram (0, +1): [pos][pos +1] x nNER
	nerPOSM2 []int32 // POS of -2: [pos] x nNER
	nerPOSP2 []int32 // POS of +2: [pos] x nNER
	// The shape features by the index of frequent short shapes
	// ("Xx", "x", "d", ...; tokCore.shapeK): the triple of -1, 0, +1, and
	// the pair of 0, +1 after O. shapeIdx maps a short shape's hash to
	// its index.
	shapeIdx     map[uint64]uint8
	nerShape3    []int32 // [shape -1][shape][shape +1] x nNER
	nerPrevShape []int32 // after O: [shape][shape +1] x nNER
	nerPrev      []int32 // previous two NER tags: [p1][p2] x nNER (index nNER is "none")
	nerPrevPOS   []int32 // previous NER tag and POS: [p1][pos] x nNER
}

const numCaps = capMixed + 1

// numShapes is how many of the most frequent short shapes get table
// rows; noShape marks the others.
const (
	numShapes = 12
	noShape   = 255
)

// maxRows bounds the vocabulary's rows, so that a row fits in wordRows'
// 16 bits.
const maxRows = 1<<16 - 1

// wordRows maps a word hash (48 bits) to its vocabulary row: an
// open-addressing table of key<<16 | row+1 (0 is empty), cheaper than a Go
// map for the one lookup per token.
type wordRows struct {
	slots []uint64
	mask  uint64
}

func newWordRows(n int) wordRows {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return wordRows{slots: make([]uint64, size), mask: uint64(size - 1)}
}

func (w *wordRows) put(key uint64, row int32) {
	i := fmix64(key) & w.mask
	for w.slots[i] != 0 {
		i = (i + 1) & w.mask
	}
	w.slots[i] = key<<16 | uint64(row+1)
}

func (w *wordRows) get(key uint64) (int32, bool) {
	i := fmix64(key) & w.mask
	for {
		s := w.slots[i]
		if s == 0 {
			return -1, false
		}
		if s>>16 == key {
			return int32(s&0xffff) - 1, true
		}
		i = (i + 1) & w.mask
	}
}

// The NER model's rows have three parts more than the word features':
// the previous-tag features of a word when the previous tags are O, the
// most common case by far, so that the beam scores most hypotheses
// without probing.
const (
	vAfterO     = numParts + iota // the word after O (nerPrevWordFeatures)
	vAfterOO                      // the word after O, O (nerPrev2Word)
	vNextAfterO                   // the word next after O (nerPrevNext)
	nerParts
)

// nerPartFeatures appends the NER features of word t in part.
func nerPartFeatures(dst []uint64, t *tok, part int) []uint64 {
	switch part {
	case vAfterO:
		return nerPrevWordFeatures(dst, t, 0)
	case vAfterOO:
		return append(dst, nerPrev2Word(t, 0, 0))
	case vNextAfterO:
		return append(dst, nerPrevNext(t, 0))
	}
	return nerWordFeatures(dst, t, part)
}

// tagIndex maps a tag id to a table index: noTag is n.
func tagIndex(t uint8, n int) int {
	if int(t) >= n {
		return n
	}
	return int(t)
}

// tagValue is the inverse of tagIndex.
func tagValue(i, n int) uint8 {
	if i == n {
		return noTag
	}
	return uint8(i)
}

// weights adds to sc the weights of keys in l.
func (l *linear) addKeys(sc []int32, keys []uint64) {
	for _, k := range keys {
		l.addWeights(l.lookup(k), sc)
	}
}

// buildFast computes m.fast from the model's weights and vocabulary.
func (m *Model) buildFast() {
	if m.pos == nil || m.ner == nil {
		return
	}
	f := &fast{nPOS: len(m.posTags), nNER: len(m.nerTags), row: newWordRows(len(m.vocab))}
	nP, nN := f.nPOS, f.nNER
	f.core = make([]tokCore, 0, len(m.vocab)+2)
	f.posW = make([]int16, 0, (len(m.vocab)+2)*posParts*nP)
	f.nerW = make([]int16, 0, (len(m.vocab)+2)*nerParts*nN)
	var buf []byte
	var keys []uint64
	sc := make([]int32, max(nP, nN))
	// addRow appends t's sums; false (and nothing appended) when a sum
	// does not fit in int16.
	addRow := func(t tok) bool {
		p0, n0 := len(f.posW), len(f.nerW)
		ok := true
		for part := range posParts {
			keys = posWordFeatures(keys[:0], &t, part)
			clear(sc[:nP])
			m.pos.addKeys(sc[:nP], keys)
			ok = ok && appendInt16(&f.posW, sc[:nP])
		}
		for part := range nerParts {
			keys = nerPartFeatures(keys[:0], &t, part)
			clear(sc[:nN])
			m.ner.addKeys(sc[:nN], keys)
			ok = ok && appendInt16(&f.nerW, sc[:nN])
		}
		if !ok {
			f.posW, f.nerW = f.posW[:p0], f.nerW[:n0]
			return false
		}
		f.core = append(f.core, t.tokCore)
		return true
	}
	// The vocabulary's rows: the words, deduplicated, in order; then their
	// sums, which are most of a model's loading time, on every core; then
	// the rows whose sums fit, in order.
	var cands []tok
	seen := make(map[uint64]bool, len(m.vocab))
	for _, w := range m.vocab {
		var t tok
		open := false
		buf = fillTok(&t, normWord(w, &open), buf)
		m.wordInfo(&t)
		m.dictInfo(&t)
		if seen[t.word] || len(cands) >= maxRows-2 {
			continue
		}
		seen[t.word] = true
		cands = append(cands, t)
	}
	pStride, nStride := posParts*nP, nerParts*nN
	f.posW = f.posW[:len(cands)*pStride]
	f.nerW = f.nerW[:len(cands)*nStride]
	fits := make([]bool, len(cands))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(cands)/1024))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var keys []uint64
			sc := make([]int32, max(nP, nN))
			for i := w; i < len(cands); i += workers {
				t := &cands[i]
				ok := true
				for part := range posParts {
					keys = posWordFeatures(keys[:0], t, part)
					clear(sc[:nP])
					m.pos.addKeys(sc[:nP], keys)
					ok = ok && putInt16(f.posW[i*pStride+part*nP:][:nP], sc[:nP])
				}
				for part := range nerParts {
					keys = nerPartFeatures(keys[:0], t, part)
					clear(sc[:nN])
					m.ner.addKeys(sc[:nN], keys)
					ok = ok && putInt16(f.nerW[i*nStride+part*nN:][:nN], sc[:nN])
				}
				fits[i] = ok
			}
		}()
	}
	wg.Wait()
	for i := range cands {
		if !fits[i] {
			continue
		}
		r := len(f.core)
		if r != i {
			copy(f.posW[r*pStride:(r+1)*pStride], f.posW[i*pStride:(i+1)*pStride])
			copy(f.nerW[r*nStride:(r+1)*nStride], f.nerW[i*nStride:(i+1)*nStride])
		}
		f.core = append(f.core, cands[i].tokCore)
		f.row.put(cands[i].word, int32(r))
	}
	f.posW = f.posW[:len(f.core)*pStride]
	f.nerW = f.nerW[:len(f.core)*nStride]
	// The short shapes of the most frequent words (the vocabulary is in
	// order of frequency) and of the padding.
	f.shapeIdx = map[uint64]uint8{}
	for _, h := range []uint64{padStart, padEnd} {
		f.shapeIdx[h] = uint8(len(f.shapeIdx))
	}
	for _, c := range f.core {
		if len(f.shapeIdx) == numShapes {
			break
		}
		if _, ok := f.shapeIdx[c.short]; !ok {
			f.shapeIdx[c.short] = uint8(len(f.shapeIdx))
		}
	}
	for r := range f.core {
		f.core[r].shapeK = f.shapeOf(f.core[r].short)
	}
	// The dictionaries' words are frequent, so all should have rows; if
	// not, prepare looks the other words up in them too.
	for w := range m.tagdict {
		if _, ok := f.row.get(w); !ok {
			f.dictsOutsideVocab = true
		}
	}
	for w := range m.outside {
		if _, ok := f.row.get(w); !ok {
			f.dictsOutsideVocab = true
		}
	}
	f.padStart, f.padEnd = -1, -1
	if r := int32(len(f.core)); addRow(padTok(padStart)) {
		f.padStart = r
	}
	if r := int32(len(f.core)); addRow(padTok(padEnd)) {
		f.padEnd = r
	}
	for _, r := range []int32{f.padStart, f.padEnd} {
		if r >= 0 {
			f.core[r].shapeK = f.shapeOf(f.core[r].short)
		}
	}

	table := func(l *linear, n, cells int, keysOf func(cell int, dst []uint64) []uint64) []int32 {
		out := make([]int32, cells*n+rowPad)
		for c := range cells {
			keys = keysOf(c, keys[:0])
			l.addKeys(out[c*n:(c+1)*n], keys)
		}
		return out
	}
	f.posFirst = table(m.pos, nP, 2*numCaps, func(c int, dst []uint64) []uint64 {
		return append(dst, f1(tBias, 0), f2(tFirstCap, uint64(c/numCaps), uint64(c%numCaps)))
	})
	f.posPrev = table(m.pos, nP, (nP+1)*(nP+1), func(c int, dst []uint64) []uint64 {
		p1, p2 := tagValue(c/(nP+1), nP), tagValue(c%(nP+1), nP)
		return append(dst, f1(tPrev1, uint64(p1)), f2(tPrev12, uint64(p1), uint64(p2)))
	})
	f.nerCaps = table(m.ner, nN, 2*2*numCaps*numCaps*numCaps, func(c int, dst []uint64) []uint64 {
		n1c, c := uint64(c%numCaps), c/numCaps
		tc, c := uint64(c%numCaps), c/numCaps
		m1c, c := uint64(c%numCaps), c/numCaps
		title, first := uint64(c%2), uint64(c/2)
		return append(dst,
			f1(tBias, 0),
			f2(tFirstCap, first, tc),
			f3(tCap3, m1c, tc, n1c),
			f3(tTitleCap, title, tc, first),
		)
	})
	f.nerPOSL = table(m.ner, nN, (nP+1)*(nP+1), func(c int, dst []uint64) []uint64 {
		m1, pos := uint64(tagValue(c/(nP+1), nP)), uint64(tagValue(c%(nP+1), nP))
		return append(dst, f1(tPOSM1, m1), f1(tPOS, pos), f2(tPOSBigramM1, m1, pos))
	})
	f.nerPOSR = table(m.ner, nN, (nP+1)*(nP+1), func(c int, dst []uint64) []uint64 {
		pos, n1 := uint64(tagValue(c/(nP+1), nP)), uint64(tagValue(c%(nP+1), nP))
		return append(dst, f1(tPOSP1, n1), f2(tPOSBigramP1, pos, n1))
	})
	f.posW = append(f.posW, make([]int16, rowPad)...)
	f.nerW = append(f.nerW, make([]int16, rowPad)...)
	f.zero = make([]int32, scoreCap(max(nP, nN)))
	shapes := make([]uint64, len(f.shapeIdx))
	for h, k := range f.shapeIdx {
		shapes[k] = h
	}
	ns := len(shapes)
	f.nerShape3 = table(m.ner, nN, ns*ns*ns, func(c int, dst []uint64) []uint64 {
		var m1, t, n1 tok
		m1.short, t.short, n1.short = shapes[c/(ns*ns)], shapes[c/ns%ns], shapes[c%ns]
		return append(dst, nerShape3(&m1, &t, &n1))
	})
	f.nerPrevShape = table(m.ner, nN, ns*ns, func(c int, dst []uint64) []uint64 {
		var t, n1 tok
		t.short, n1.short = shapes[c/ns], shapes[c%ns]
		return append(dst, nerPrevShape(&t, &n1, 0))
	})
	f.nerPOSM2 = table(m.ner, nN, nP+1, func(c int, dst []uint64) []uint64 {
		return append(dst, f1(tPOSM2, uint64(tagValue(c, nP))))
	})
	f.nerPOSP2 = table(m.ner, nN, nP+1, func(c int, dst []uint64) []uint64 {
		return append(dst, f1(tPOSP2, uint64(tagValue(c, nP))))
	})
	f.nerPrev = table(m.ner, nN, (nN+1)*(nN+1), func(c int, dst []uint64) []uint64 {
		p1, p2 := tagValue(c/(nN+1), nN), tagValue(c%(nN+1), nN)
		return append(dst, f1(tPrev1, uint64(p1)), f2(tPrev12, uint64(p1), uint64(p2)))
	})
	f.nerPrevPOS = table(m.ner, nN, (nN+1)*(nP+1), func(c int, dst []uint64) []uint64 {
		return append(dst, f2(tPrev1POS, uint64(tagValue(c/(nP+1), nN)), uint64(tagValue(c%(nP+1), nP))))
	})
	m.fast = f
}

// shapeOf returns the table index of short shape hash h, or noShape.
func (f *fast) shapeOf(h uint64) uint8 {
	if k, ok := f.shapeIdx[h]; ok {
		return k
	}
	return noShape
}

// appendInt16 appends v to *dst; false when a value does not fit.
// putInt16 stores v in dst (as long), false when a value does not fit.
func putInt16(dst []int16, v []int32) bool {
	for i, x := range v {
		if x != int32(int16(x)) {
			return false
		}
		dst[i] = int16(x)
	}
	return true
}

func appendInt16(dst *[]int16, v []int32) bool {
	for _, x := range v {
		if x != int32(int16(x)) {
			return false
		}
		*dst = append(*dst, int16(x))
	}
	return true
}

// dictInfo sets t's tag dictionary class and outside flag.
func (m *Model) dictInfo(t *tok) {
	t.tagdict, t.outside = 0, m.outside[t.word]
	if c, ok := m.tagdict[t.word]; ok {
		t.tagdict = c + 1
	}
}

// wordInfo sets the parts of t that come from the model's dictionaries
// rather than the word's spelling.
func (m *Model) wordInfo(t *tok) {
	t.cluster = uint64(m.clusters[t.word])
	t.lex = 0
	if m.useLex {
		t.lex = m.lex[t.lower]
	}
}

// fastPOS scores token i of ts for the POS model into sc (zeroed).
func (m *Model) fastPOS(s *scratch, ts []tok, i int, p1, p2 uint8, sc []int32) {
	f := m.fast
	n := f.nPOS
	s.feats = s.feats[:0]
	var r16 [posParts]*int16
	k := 0
	for part, j := range [posParts]int{vSelf: i, vM2: i - 2, vM1: i - 1, vP1: i + 1, vP2: i + 2} {
		if r := s.rows[j]; r >= 0 {
			r16[k] = &f.posW[(int(r)*posParts+part)*n]
			k++
		} else {
			s.feats = posWordFeatures(s.feats, &ts[j], part)
		}
	}
	r32 := [2]*int32{
		&f.posFirst[(int(isFirst(i))*numCaps+int(ts[i].cap))*n],
		&f.posPrev[(tagIndex(p1, n)*(n+1)+tagIndex(p2, n))*n],
	}
	sumRows(sc, sc, r16[:k], r32[:])
	s.feats = posPairFeatures(s.feats, ts, i, p1)
	s.offs = growOffs(s.offs, len(s.feats))
	s.sink = m.pos.score(s.feats, s.offs, sc)
}

// fastNER scores token i of ts for the NER model into sc.
func (m *Model) fastNER(s *scratch, ts []tok, i int, p1, p2 uint8, sc []int32) {
	m.nerStatic(s, ts, i, sc)
	m.nerDynamic(s, ts, i, p1, p2, sc, sc)
}

// nerStatic sets sc to the weights of token i's NER features that do not
// depend on the previous tags.
func (m *Model) nerStatic(s *scratch, ts []tok, i int, sc []int32) {
	f := m.fast
	n, nP := f.nNER, f.nPOS
	s.feats = s.feats[:0]
	var r16 [9]*int16 // five neighbours and two words each side in the bags
	k := 0
	word := func(j, part int) {
		if r := s.rows[j]; r >= 0 {
			r16[k] = &f.nerW[(int(r)*nerParts+part)*n]
			k++
		} else {
			s.feats = nerWordFeatures(s.feats, &ts[j], part)
		}
	}
	word(i, vSelf)
	word(i-2, vM2)
	word(i-1, vM1)
	word(i+1, vP1)
	word(i+2, vP2)
	for d := 3; d <= 4; d++ {
		if j := i - d; j >= 0 {
			word(j, vDisjL)
		}
		if j := i + d; j < len(ts) {
			word(j, vDisjR)
		}
	}
	t := &ts[i]
	first := int(isFirst(i))
	pos := tagIndex(t.pos, nP)
	m1, m2, n1, n2 := tagIndex(ts[i-1].pos, nP), tagIndex(ts[i-2].pos, nP), tagIndex(ts[i+1].pos, nP), tagIndex(ts[i+2].pos, nP)
	caps := (((first*2+int(t.title))*numCaps+int(ts[i-1].cap))*numCaps+int(t.cap))*numCaps + int(ts[i+1].cap)
	r32 := [6]*int32{
		&f.nerCaps[caps*n],
		&f.nerPOSL[(m1*(nP+1)+pos)*n],
		&f.nerPOSR[(pos*(nP+1)+n1)*n],
		&f.nerPOSM2[m2*n],
		&f.nerPOSP2[n2*n],
	}
	k32 := 5
	ns := len(f.shapeIdx)
	if a, b, c := ts[i-1].shapeK, t.shapeK, ts[i+1].shapeK; a != noShape && b != noShape && c != noShape {
		r32[k32] = &f.nerShape3[((int(a)*ns+int(b))*ns+int(c))*n]
		k32++
	} else {
		s.feats = append(s.feats, nerShape3(&ts[i-1], t, &ts[i+1]))
	}
	sumRows(sc, f.zero, r16[:k], r32[:k32])
	s.feats = nerPairRest(s.feats, ts, i, m.useGaz)
	s.offs = growOffs(s.offs, len(s.feats))
	s.sink = m.ner.score(s.feats, s.offs, sc)
}

// nerDynamic sets sc to static (nerStatic's scores of token i) plus the
// weights of the token's NER features that depend on the previous two
// tags.
func (m *Model) nerDynamic(s *scratch, ts []tok, i int, p1, p2 uint8, static, sc []int32) {
	f := m.fast
	n, nP := f.nNER, f.nPOS
	r32 := [3]*int32{
		&f.nerPrev[(tagIndex(p1, n)*(n+1)+tagIndex(p2, n))*n],
		&f.nerPrevPOS[(tagIndex(p1, n)*(nP+1)+tagIndex(ts[i].pos, nP))*n],
	}
	k32 := 2
	var r16 [3]*int16
	k := 0
	t, n1 := &ts[i], &ts[i+1]
	r, r1 := s.rows[i], s.rows[i+1]
	s.feats = s.feats[:0]
	if p1 == 0 && r >= 0 && r1 >= 0 {
		r16[0] = &f.nerW[(int(r)*nerParts+vAfterO)*n]
		r16[1] = &f.nerW[(int(r1)*nerParts+vNextAfterO)*n]
		k = 2
		if p2 == 0 {
			r16[2] = &f.nerW[(int(r)*nerParts+vAfterOO)*n]
			k++
		} else {
			s.feats = append(s.feats, nerPrev2Word(t, p1, p2))
		}
		if a, b := t.shapeK, n1.shapeK; a != noShape && b != noShape {
			r32[2] = &f.nerPrevShape[(int(a)*len(f.shapeIdx)+int(b))*n]
			k32++
		} else {
			s.feats = append(s.feats, nerPrevShape(t, n1, p1))
		}
	} else {
		s.feats = nerPrevPairFeatures(s.feats, ts, i, p1, p2)
	}
	sumRows(sc, static, r16[:k], r32[:k32])
	if len(s.feats) > 0 {
		s.offs = growOffs(s.offs, len(s.feats))
		s.sink += m.ner.score(s.feats, s.offs, sc)
	}
}

// buildVocab lists the words of the training sentences seen at least
// vocabMinCount times, most frequent first (ties in byte order).
func buildVocab(train []Sentence) []string {
	counts := map[string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			counts[w]++
		}
	}
	var out []string
	for w, c := range counts {
		if c >= vocabMinCount {
			out = append(out, w)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if ca, cb := counts[out[a]], counts[out[b]]; ca != cb {
			return ca > cb
		}
		return out[a] < out[b]
	})
	return out
}
