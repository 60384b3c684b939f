// Package tagger is Credence's part-of-speech tagger and named-entity
// recogniser: two averaged perceptrons with left-to-right decoding,
// trained on news (CoreNLP silver annotations of the PolNeAR articles) and
// embedded in the binary (model/tagger.bin.gz; see model/MODEL_CARD.md).
//
// The POS model predicts Penn Treebank tags from the word, its affixes,
// shape and word clusters, the words around it and the two previous
// predicted tags; frequent unambiguous words take their tag from a tag
// dictionary. The NER model predicts IOB2 tags (B-PERSON, I-ORG, ..., O)
// from the same kind of features plus the predicted POS tags of a
// five-word window, the gazetteer's matches, what the word was in the
// training data (a lexicon built so that training sentences never see
// their own labels), four-word bags of words on either side and a
// title-case flag for headlines. Decoding never produces an I- tag that
// does not continue an entity of the same type, and frequent words that
// are practically never in an entity are tagged O without scoring.
//
// The POS model decodes greedily left to right. The NER model is a
// structured perceptron decoded left to right with a small beam
// (beam.go): it keeps the features that combine the previous tag with the
// word, and on the CoreNLP silver labels it is clearly better than greedy
// training and decoding (see model/MODEL_CARD.md), mostly on multi-word
// and organisation names.
//
// Features are 48-bit hashes of fixed templates (FNV-1a and a fixed
// finaliser), so training is reproducible: the same data, configuration
// and gazetteer give a byte-identical model file.
package tagger

import (
	"sync"

	"github.com/credence-news/credence/internal/fnv1a"
	"github.com/credence-news/credence/internal/gazetteer"
)

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	posTags []string // POS class names
	nerTags []string // NER class names: "O", then B-T, I-T for each type
	pos     *linear
	ner     *linear
	tagdict map[uint64]uint8 // word hash -> POS class of unambiguous frequent words
	// outside holds the hashes of frequent words that are (almost) never
	// part of an entity: the NER model tags them O without scoring.
	outside map[uint64]bool
	// closed marks the POS classes of closed-class words and punctuation
	// (setClosed): see tagNERBeam.
	closed [256]bool
	// feature switches, stored in the model file
	useGaz bool
	useLex bool
	// nerBeam is the beam width of NER decoding (the model was trained
	// with it, see beam.go); 0 or 1 decodes greedily.
	nerBeam int
	// beamMargin drops beam hypotheses that score more than this below
	// the best (Config.BeamMargin); 0 keeps them all.
	beamMargin int64
	lex        map[uint64]uint32 // lower-cased word hash -> entity types seen (bit per type)
	// word hash -> coarse cluster+1 | (fine cluster+1)<<16 (see clusters.go)
	clusters map[uint64]uint32
	info     string // how the model was trained
	// vocab lists the training words whose feature sums are precomputed
	// at load time (fast.go); fast holds those sums and the dense
	// tables, nil while training.
	vocab []string
	fast  *fast
	// gaz is the gazetteer behind the gazetteer features (Open); nil
	// means the shipped one.
	gaz *gazetteer.Gazetteer

	pool sync.Pool // *scratch
}

// linear is a multiclass linear model over hashed features: an
// open-addressing table from feature key to a run of (class, weight)
// entries in w.
//
// A feature with weights for many classes is also kept as a dense int16
// row (one weight per class), which sumRows adds eight classes at a time:
// adding its entries one by one was most of the scoring's instructions.
// Its slot then points to the row (denseFlag | row) instead of the run;
// the run stays in w, which is what the model file is written from.
type linear struct {
	nClasses int
	mask     uint64
	slots    []uint64 // fingerprint<<32 | offset into w or denseFlag | dense row; 0 is empty
	w        []int32  // at offset: entry count, then count entries weight<<8 | class
	keys     []uint64 // feature keys in the order of their entries in w
	dense    []int16  // dense rows of nClasses weights, then rowPad of padding (rows.go)
}

// denseFlag marks a slot that points to a dense row.
const denseFlag = 1 << 31

// denseMin is how many classes' weights make a feature dense. Below it
// the entries are fewer additions than a row's eight-lane chunks (for 25
// NER classes, four).
const denseMin = 8

func newLinear(nClasses, nFeat int) *linear {
	size := 1
	for size*3 < nFeat*4 {
		size <<= 1
	}
	if size < 16 {
		size = 16
	}
	return &linear{nClasses: nClasses, mask: uint64(size - 1), slots: make([]uint64, size), w: []int32{0}}
}

// add stores feature key with its entries (weight<<8 | class).
func (l *linear) add(key uint64, entries []int32) {
	off := uint64(len(l.w))
	l.keys = append(l.keys, key)
	l.w = append(l.w, int32(len(entries)))
	l.w = append(l.w, entries...)
	if row, ok := l.addDense(entries); ok {
		off = denseFlag | uint64(row)
	}
	fp := key >> 16 & 0xffffffff
	i := key & l.mask
	for l.slots[i] != 0 {
		i = (i + 1) & l.mask
	}
	l.slots[i] = fp<<32 | off
}

// addDense appends entries as a dense row when there are at least
// denseMin and every weight fits in int16.
func (l *linear) addDense(entries []int32) (row int, ok bool) {
	if len(entries) < denseMin || len(entries) > l.nClasses {
		return 0, false
	}
	for _, e := range entries {
		if w := e >> 8; w != int32(int16(w)) {
			return 0, false
		}
	}
	if len(l.dense) >= rowPad {
		l.dense = l.dense[:len(l.dense)-rowPad]
	}
	row = len(l.dense) / l.nClasses
	if uint64(row) >= denseFlag/uint64(l.nClasses) {
		return 0, false
	}
	l.dense = append(l.dense, make([]int16, l.nClasses+rowPad)...)
	r := l.dense[row*l.nClasses:]
	for _, e := range entries {
		r[uint8(e)] += int16(e >> 8)
	}
	return row, true
}

// lookup returns where key's weights are (an offset in l.w, or denseFlag
// | a dense row), or 0.
func (l *linear) lookup(key uint64) uint32 {
	fp := key >> 16 & 0xffffffff
	i := key & l.mask
	for {
		s := l.slots[i]
		if s == 0 {
			return 0
		}
		if s>>32 == fp {
			return uint32(s)
		}
		i = (i + 1) & l.mask
	}
}

// addWeights adds to scores the weights at off (lookup's result).
func (l *linear) addWeights(off uint32, scores []int32) {
	if off&denseFlag != 0 {
		add16(scores, l.dense[int(off&^denseFlag)*l.nClasses:])
		return
	}
	if off == 0 {
		return
	}
	n := uint32(l.w[off])
	for _, e := range l.w[off+1 : off+1+n] {
		scores[uint8(e)] += e >> 8
	}
}

// score adds the weights of feats to scores (len nClasses, zeroed by the
// caller). offs is scratch of at least len(feats). The table probes are
// done first and the weights added after, so that the memory accesses of
// different features overlap. The returned value means nothing; storing
// it keeps the compiler from dropping the touching loop.
func (l *linear) score(feats []uint64, offs []uint32, scores []int32) (sink int32) {
	offs = offs[:len(feats)]
	for i, f := range feats {
		offs[i] = l.lookup(f)
	}
	w, dense, n := l.w, l.dense, l.nClasses
	// Touch every run and row first: the loads are independent, so the
	// cache misses overlap instead of queueing behind the additions.
	for _, off := range offs {
		if off&denseFlag != 0 {
			sink += int32(dense[int(off&^denseFlag)*n])
		} else {
			sink += w[off]
		}
	}
	var rows [16]*int16
	k := 0
	for _, off := range offs {
		if off&denseFlag != 0 {
			rows[k] = &dense[int(off&^denseFlag)*n]
			if k++; k == len(rows) {
				sumRows(scores, scores, rows[:k], nil)
				k = 0
			}
			continue
		}
		if off == 0 {
			continue
		}
		c := uint32(w[off])
		for _, e := range w[off+1 : off+1+c] {
			scores[uint8(e)] += e >> 8
		}
	}
	if k > 0 {
		sumRows(scores, scores, rows[:k], nil)
	}
	return sink
}

// scratch is per-call working memory of Tag.
type scratch struct {
	toks   []tok
	feats  []uint64
	offs   []uint32
	sink   int32 // see linear.score
	scores []int32
	buf    []byte
	gaz    []uint32
	words  []string
	rows   []int32 // fast.row of each padded token, -1 when it has none
	// beam decoding
	lattice beamLattice
	static  []int32
	classes []uint8
}

func (m *Model) getScratch(n int) *scratch {
	s, _ := m.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{feats: make([]uint64, 0, 128), offs: make([]uint32, 128), buf: make([]byte, 0, 64)}
	}
	if cap(s.toks) < n+4 {
		s.toks = make([]tok, n+4+n/2)
		s.gaz = make([]uint32, n+n/2)
		s.words = make([]string, n+n/2)
		s.rows = make([]int32, n+4+n/2)
	}
	if k := max(len(m.posTags), len(m.nerTags)); len(s.scores) < k {
		s.scores = make([]int32, k, scoreCap(k))
	}
	return s
}

// POSTags returns the POS tags the model predicts.
func (m *Model) POSTags() []string { return append([]string(nil), m.posTags...) }

// NERTags returns the NER tags the model predicts ("O" first).
func (m *Model) NERTags() []string { return append([]string(nil), m.nerTags...) }

// Info says how the model was trained.
func (m *Model) Info() string { return m.info }

// Tag tags one sentence of Penn-Treebank-style tokens: it sets pos[i] to
// the Penn Treebank tag of words[i] and ner[i] to its IOB2 entity tag. The
// strings are the model's own, so tagging allocates nothing per token.
// pos or ner may be nil when that layer is not wanted (the NER model needs
// the POS tags, so they are computed anyway); otherwise they must be at
// least as long as words. Raw-text spellings of brackets and quotes are
// read as the Penn Treebank tokens the model was trained on: "(" as
// -LRB-, a straight double quote as the opening or the closing quote
// token (alternately, opening first), curly quotes by their direction,
// "—" as "--".
func (m *Model) Tag(words []string, pos, ner []string) {
	n := len(words)
	if n == 0 {
		return
	}
	s := m.getScratch(n)
	ts := m.prepare(s, words)
	p1, p2 := uint8(noTag), uint8(noTag)
	for i := 0; i < n; i++ {
		c := m.posTag(s, ts, i+2, p1, p2)
		ts[i+2].pos = c
		if pos != nil {
			pos[i] = m.posTags[c]
		}
		p2, p1 = p1, c
	}
	if ner != nil && m.ner == nil { // a POS-only model, while training
		for i := range n {
			ner[i] = "O"
		}
	} else if ner != nil && m.nerBeam > 1 {
		if cap(s.classes) < n {
			s.classes = make([]uint8, n+n/2)
		}
		out := s.classes[:n]
		m.tagNERBeam(s, ts, out)
		for i, c := range out {
			ner[i] = m.nerTags[c]
		}
	} else if ner != nil {
		p1, p2 = noTag, noTag
		for i := 0; i < n; i++ {
			c := m.nerTag(s, ts, i+2, p1, p2)
			ner[i] = m.nerTags[c]
			p2, p1 = p1, c
		}
	}
	m.pool.Put(s)
}

// prepare fills the padded token slice of a sentence.
func (m *Model) prepare(s *scratch, words []string) []tok {
	n := len(words)
	ts := s.toks[:n+4]
	ts[0], ts[1] = padTok(padStart), padTok(padStart)
	ts[n+2], ts[n+3] = padTok(padEnd), padTok(padEnd)
	open := false
	f := m.fast
	for i, w := range words {
		t := &ts[i+2]
		nw := normWord(w, &open)
		if f != nil {
			if r, ok := f.row.get(fnv1a.Hash64(nw) & keyMask); ok {
				t.tokCore = f.core[r] // the affixes are not read (fast.go)
				s.rows[i+2] = r
				continue
			}
			s.rows[i+2] = -1
		}
		s.buf = fillTok(t, nw, s.buf)
		t.gaz = 0
		m.wordInfo(t)
		t.tagdict, t.outside, t.shapeK = 0, false, noShape
		if f != nil {
			t.shapeK = f.shapeOf(t.short)
			if f.dictsOutsideVocab {
				m.dictInfo(t)
			}
		}
	}
	if f != nil {
		s.rows[0], s.rows[1] = f.padStart, f.padStart
		s.rows[n+2], s.rows[n+3] = f.padEnd, f.padEnd
		ts[0].shapeK, ts[1].shapeK = f.shapeOf(padStart), f.shapeOf(padStart)
		ts[n+2].shapeK, ts[n+3].shapeK = f.shapeOf(padEnd), f.shapeOf(padEnd)
	}
	// Title case: most words of four letters or more are capitalised.
	long, caps := 0, 0
	for i := range n {
		t := &ts[i+2]
		if len(words[i]) >= 4 && t.cap != capNone {
			long++
			if t.cap == capInit || t.cap == capAll {
				caps++
			}
		}
	}
	title := uint8(0)
	if long >= 3 && caps*4 >= long*3 {
		title = 1
	}
	for i := range n {
		ts[i+2].title = title
	}
	if m.useGaz {
		m.gazFlags(words, s.gaz[:n])
		for i := range n {
			ts[i+2].gaz = s.gaz[i]
		}
	}
	return ts
}

func (m *Model) posTag(s *scratch, ts []tok, i int, p1, p2 uint8) uint8 {
	sc := s.scores[:len(m.posTags)]
	clear(sc)
	if m.fast != nil {
		if c := ts[i].tagdict; c != 0 {
			return c - 1
		}
		m.fastPOS(s, ts, i, p1, p2, sc)
		return argmax(sc)
	}
	if c, ok := m.tagdict[ts[i].word]; ok {
		return c
	}
	s.feats = posFeatures(s.feats[:0], ts, i, p1, p2)
	s.offs = growOffs(s.offs, len(s.feats))
	s.sink = m.pos.score(s.feats, s.offs, sc)
	return argmax(sc)
}

func (m *Model) nerTag(s *scratch, ts []tok, i int, p1, p2 uint8) uint8 {
	if m.isOutside(&ts[i]) {
		return 0
	}
	sc := s.scores[:len(m.nerTags)]
	clear(sc)
	if m.fast != nil {
		m.fastNER(s, ts, i, p1, p2, sc)
		return argmaxIOB(sc, p1)
	}
	s.feats = nerFeatures(s.feats[:0], ts, i, p1, p2, m.useGaz)
	s.offs = growOffs(s.offs, len(s.feats))
	s.sink = m.ner.score(s.feats, s.offs, sc)
	return argmaxIOB(sc, p1)
}

// isOutside reports whether t is tagged O without scoring.
func (m *Model) isOutside(t *tok) bool {
	if m.fast != nil {
		return t.outside
	}
	return m.outside[t.word]
}

func argmax[T int32 | int64](sc []T) uint8 {
	best := 0
	for c := 1; c < len(sc); c++ {
		if sc[c] > sc[best] {
			best = c
		}
	}
	return uint8(best)
}

// argmaxIOB picks the best NER class that may follow prev: class 0 is O,
// 2k+1 is B- and 2k+2 is I- of type k; an I- class is allowed only after
// the B- or I- of its type.
func argmaxIOB[T int32 | int64](sc []T, prev uint8) uint8 {
	best := 0
	for c := 1; c < len(sc); c++ {
		if c%2 == 0 && (prev == noTag || prev == 0 || int(prev+1)/2 != c/2) {
			continue
		}
		if sc[c] > sc[best] {
			best = c
		}
	}
	return uint8(best)
}

func growOffs(o []uint32, n int) []uint32 {
	if len(o) < n {
		return make([]uint32, 2*n)
	}
	return o
}
