package tagger

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Config sets how Train trains. The zero value of a field means its
// default (see DefaultConfig).
type Config struct {
	POSIterations int    // passes over the training data for the POS model
	NERIterations int    // passes for the NER model
	Seed          uint64 // seed of the shuffling of sentences between passes
	// Jackknife is the number of folds used to give the NER model predicted
	// rather than gold POS tags at training time (as it gets at run time);
	// 1 uses the gold tags.
	Jackknife int
	// Quant is the quantisation step of the averaged weights; weights that
	// round to zero are pruned.
	Quant float64
	// NERModels is the number of NER perceptrons trained on different
	// shuffles of the data (in parallel) whose weights are averaged.
	NERModels int
	// MinWeight prunes averaged weights smaller in magnitude: a smaller,
	// faster model for a little accuracy (0 keeps all).
	MinWeight float64
	// NoGazetteer, NoLexicon and NoTagDict turn off the gazetteer features,
	// the "seen in training as entity type T" features and the POS tag
	// dictionary of frequent unambiguous words.
	NoGazetteer, NoLexicon, NoTagDict bool
	// NoClusters turns off the word-cluster features. Clusters are induced
	// from the training sentences' words and Unlabeled, sentences of raw
	// text (Penn-Treebank-style tokens, see Tokenize).
	NoClusters bool
	Unlabeled  [][]string
	// NoOutsideDict turns off the list of frequent words that are tagged O
	// without scoring (seen at least 50 times, in an entity at most once
	// in a thousand).
	NoOutsideDict bool
	// OutsideMinCount is how often a word must be seen, never or almost
	// never in an entity, to be in that list at run time. The NER model
	// trains with the list of words seen at least 50 times: the rarer
	// words are worth training on (as examples of what is not an
	// entity), but at run time tagging them O outright is faster and,
	// on dev, as good (PERSON+ORG+LOC F1 0.9073 with 4 against 0.9069
	// with 50 for the beam model; for the greedy one 0.8916 against
	// 0.8899, and 0.8891 when training skipped them too).
	OutsideMinCount int
	// NERBeam is the beam width with which the NER model is trained (as
	// a structured perceptron with early updates) and decodes; 1 trains
	// and decodes greedily (see beam.go).
	NERBeam int
	// BeamMargin drops, when decoding, the beam hypotheses that score more
	// than this below the best one, in units of the quantised weights
	// (1/Quant of an averaged weight). On dev, 3000 scores a third fewer
	// hypotheses than no margin at the same F1 (0.9073); 2500 scores
	// 46% fewer and loses 0.0002. Negative keeps every hypothesis.
	BeamMargin int
	// DomainFeatures trains the NER model with each feature doubled by a
	// copy specific to the sentence's Domain ("frustratingly easy domain
	// adaptation", Daumé 2007); the model keeps the sum of the general
	// weight and domain 0's, so tagging costs the same.
	DomainFeatures bool
	// Progress, when set, is called with the model after every training
	// pass (the two models then train one after the other), so that a
	// caller can score it on held-out data: slow, for tuning only. The
	// scorers live in internal/eval, which this package does not import.
	Progress func(stage string, iteration int, m *Model)
}

// DefaultConfig is the configuration of the shipped model.
func DefaultConfig() Config {
	return Config{POSIterations: 8, NERIterations: 6, Seed: 1, Jackknife: 4, NERModels: 1, NERBeam: 4, BeamMargin: 3000, Quant: 1.0 / 16, OutsideMinCount: 4, MinWeight: 2}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.POSIterations <= 0 {
		c.POSIterations = d.POSIterations
	}
	if c.NERIterations <= 0 {
		c.NERIterations = d.NERIterations
	}
	if c.Jackknife <= 0 {
		c.Jackknife = d.Jackknife
	}
	if c.NERModels <= 0 {
		c.NERModels = d.NERModels
	}
	if c.NERBeam <= 0 {
		c.NERBeam = d.NERBeam
	}
	c.NERBeam = min(c.NERBeam, 64)
	if c.BeamMargin == 0 {
		c.BeamMargin = d.BeamMargin
	}
	c.BeamMargin = min(c.BeamMargin, 1<<30)
	if c.Quant <= 0 {
		c.Quant = d.Quant
	}
	if c.OutsideMinCount <= 0 {
		c.OutsideMinCount = d.OutsideMinCount
	}
	return c
}

// String describes the configuration in one line.
func (c Config) String() string {
	return fmt.Sprintf("pos-iterations=%d ner-iterations=%d seed=%d jackknife=%d ner-models=%d quant=%g min-weight=%g gazetteer=%t lexicon=%t tagdict=%t outside-dict=%t outside-min-count=%d clusters=%t unlabelled-sentences=%d ner-beam=%d beam-margin=%d domain-features=%t",
		c.POSIterations, c.NERIterations, c.Seed, c.Jackknife, c.NERModels, c.Quant, c.MinWeight, !c.NoGazetteer, !c.NoLexicon, !c.NoTagDict, !c.NoOutsideDict, c.OutsideMinCount, !c.NoClusters, len(c.Unlabeled), c.NERBeam, c.BeamMargin, c.DomainFeatures)
}

// prepSent is a training sentence with its token features and gold class
// ids.
type prepSent struct {
	toks []tok   // padded: two before, two after
	pos  []uint8 // noPOS: unknown
	ner  []uint8
	// latent, when not nil, holds per token the bits (1<<type) of the
	// entity types a token tagged O may be instead (Sentence.Masked).
	latent []uint16
	dom    uint8
}

// noPOS is the gold POS class of a token whose tag is unknown.
const noPOS = 254

// Train trains a model on train; to follow its scores on held-out data,
// set Config.Progress. log may be nil.
// Training is deterministic: the same data and configuration (and
// gazetteer) give the same model, byte for byte.
func Train(cfg Config, train []Sentence, log io.Writer) (*Model, error) {
	cfg = cfg.withDefaults()
	if log == nil {
		log = io.Discard
	}
	log = &lockedWriter{w: log}
	if len(train) == 0 {
		return nil, errors.New("tagger: no training sentences")
	}
	posSet := map[string]bool{}
	for i, s := range train {
		if s.POS != nil && len(s.POS) != len(s.Words) || len(s.NER) != len(s.Words) {
			return nil, fmt.Errorf("tagger: training sentence %d: %d words, %d POS tags, %d NER tags", i+1, len(s.Words), len(s.POS), len(s.NER))
		}
		for _, t := range s.POS {
			if t != "" {
				posSet[t] = true
			}
		}
	}
	if len(posSet) > 250 {
		return nil, fmt.Errorf("tagger: %d POS tags; at most 250 are supported", len(posSet))
	}
	m := &Model{useGaz: !cfg.NoGazetteer, useLex: !cfg.NoLexicon, nerBeam: cfg.NERBeam, beamMargin: int64(max(cfg.BeamMargin, 0))}
	for t := range posSet {
		m.posTags = append(m.posTags, t)
	}
	sort.Strings(m.posTags)
	m.nerTags = []string{"O"}
	for _, t := range EntityTypes {
		m.nerTags = append(m.nerTags, "B-"+t, "I-"+t)
	}
	posID := map[string]uint8{}
	for i, t := range m.posTags {
		posID[t] = uint8(i)
	}
	nerID := map[string]uint8{}
	for i, t := range m.nerTags {
		nerID[t] = uint8(i)
	}
	start := time.Now()
	if !cfg.NoClusters {
		corpus := make([][]string, 0, len(train)+len(cfg.Unlabeled))
		for _, s := range train {
			corpus = append(corpus, s.Words)
		}
		corpus = append(corpus, cfg.Unlabeled...)
		m.clusters = buildClusters(corpus, cfg.Seed)
		fmt.Fprintf(log, "tagger: %d words clustered from %d sentences (%d unlabelled) in %.0fs\n",
			len(m.clusters), len(corpus), len(cfg.Unlabeled), time.Since(start).Seconds())
	}

	// Token features, gold ids.
	prep := make([]*prepSent, len(train))
	s := m.getScratch(64)
	for i, sent := range train {
		p := &prepSent{pos: make([]uint8, len(sent.Words)), ner: make([]uint8, len(sent.Words)), dom: sent.Domain}
		for j := range sent.Words {
			p.pos[j] = noPOS
			if sent.POS != nil && sent.POS[j] != "" {
				p.pos[j] = posID[sent.POS[j]]
			}
			c, ok := nerID[sent.NER[j]]
			if !ok {
				return nil, fmt.Errorf("tagger: training sentence %d: unknown NER tag %q", i+1, sent.NER[j])
			}
			p.ner[j] = c
		}
		s = m.getScratch(len(sent.Words))
		ts := m.prepare(s, sent.Words)
		p.toks = append([]tok(nil), ts...)
		m.pool.Put(s)
		prep[i] = p
	}
	setLatent(prep, train)
	folds := foldOf(len(prep))
	if m.useLex {
		// Each training sentence sees the lexicon of the other folds, so
		// that the feature is as reliable in training as on new text.
		var lexes [numFolds]map[uint64]uint32
		for k := range numFolds {
			lexes[k] = buildLexicon(prep, folds, k)
		}
		for i, p := range prep {
			lx := lexes[folds[i]]
			for j := range p.pos {
				p.toks[j+2].lex = lx[p.toks[j+2].lower]
			}
		}
		m.lex = buildLexicon(prep, folds, -1)
	}
	if !cfg.NoTagDict {
		m.tagdict = buildTagDict(prep, nil, -1)
	}
	var trainOutside map[uint64]bool
	if !cfg.NoOutsideDict {
		trainOutside = buildOutside(prep, trainOutsideMinCount)
		m.outside = buildOutside(prep, cfg.OutsideMinCount)
	}
	fmt.Fprintf(log, "tagger: %d training sentences, %d tokens; %d POS tags, %d NER tags; %s\n",
		len(prep), countTokens(train), len(m.posTags), len(m.nerTags), cfg)

	var devEval func(stage string, it int)
	if cfg.Progress != nil {
		devEval = func(stage string, it int) { cfg.Progress(stage, it, m) }
	}

	// POS model, and for the NER model the POS tags it trains on.
	var posP *perceptron
	jobs := []func(){func() {
		var onIter func(int, *perceptron)
		if devEval != nil {
			onIter = func(it int, p *perceptron) {
				m.pos = p.quantized(cfg.Quant, cfg.MinWeight)
				devEval("POS", it)
			}
		}
		posP = trainPOS(prep, m.tagdict, nil, -1, cfg.POSIterations, cfg.Seed, onIter)
		fmt.Fprintf(log, "tagger: POS model trained (%d features) at %.0fs\n", len(posP.keys), time.Since(start).Seconds())
	}}
	var predPOS [][]uint8
	if cfg.Jackknife > 1 {
		predPOS = make([][]uint8, len(prep))
		for k := 0; k < cfg.Jackknife; k++ {
			jobs = append(jobs, func() {
				kf := jackknifeFolds(len(prep), cfg.Jackknife)
				td := map[uint64]uint8(nil)
				if !cfg.NoTagDict {
					td = buildTagDict(prep, kf, k)
				}
				p := trainPOS(prep, td, kf, k, cfg.POSIterations, cfg.Seed+uint64(k)+1, nil)
				fm := &Model{posTags: m.posTags, pos: p.quantized(cfg.Quant, cfg.MinWeight), tagdict: td}
				sc := fm.getScratch(64)
				for i, ps := range prep {
					if kf[i] != k {
						continue
					}
					predPOS[i] = fm.tagPOSPrepared(sc, ps.toks)
				}
			})
		}
	}
	setPOS := func() {
		for i, p := range prep {
			for j := range p.pos {
				if predPOS != nil {
					p.toks[j+2].pos = predPOS[i][j]
				} else {
					p.toks[j+2].pos = p.pos[j]
				}
			}
		}
	}
	var onIter func(int, *perceptron)
	if devEval != nil {
		onIter = func(it int, p *perceptron) {
			m.ner = p.quantized(cfg.Quant, cfg.MinWeight)
			devEval("NER", it)
		}
	}
	nerPs := make([]*perceptron, cfg.NERModels)
	var nerJobs []func()
	for k := range nerPs {
		nerJobs = append(nerJobs, func() {
			var it func(int, *perceptron)
			if k == 0 {
				it = onIter
			}
			if cfg.NERBeam > 1 {
				nerPs[k] = trainNERBeam(prep, trainOutside, m.useGaz, cfg.DomainFeatures, cfg.NERIterations, cfg.Seed+uint64(k)*1000, cfg.NERBeam, it)
			} else {
				nerPs[k] = trainNER(prep, trainOutside, m.useGaz, cfg.DomainFeatures, cfg.NERIterations, cfg.Seed+uint64(k)*1000, it)
			}
			if cfg.DomainFeatures {
				nerPs[k] = mergeDomains(nerPs[k], prep)
			}
			fmt.Fprintf(log, "tagger: NER model %d trained (%d features) at %.0fs\n", k+1, len(nerPs[k].keys), time.Since(start).Seconds())
		})
	}
	if predPOS == nil && devEval == nil {
		// The NER models train on gold POS tags: they need not wait for
		// the POS model. (Neither reads what the other writes.)
		setPOS()
		runJobs(append(jobs, nerJobs...), false)
	} else {
		runJobs(jobs, devEval != nil)
		m.pos = posP.quantized(cfg.Quant, cfg.MinWeight)
		setPOS()
		runJobs(nerJobs, devEval != nil)
	}
	m.pos = posP.quantized(cfg.Quant, cfg.MinWeight)
	m.ner = quantizedMean(nerPs, cfg.Quant, cfg.MinWeight)
	m.vocab = buildVocab(train)
	m.buildFast()
	m.setClosed()
	m.info = fmt.Sprintf("trained on %d sentences, %d tokens; %s", len(prep), countTokens(train), cfg)
	fmt.Fprintf(log, "tagger: done in %.0fs: POS model %d features, NER model %d features\n", time.Since(start).Seconds(), len(m.pos.keys), len(m.ner.keys))
	return m, nil
}

func countTokens(ss []Sentence) int {
	n := 0
	for _, s := range ss {
		n += len(s.Words)
	}
	return n
}

// runJobs runs jobs on up to GOMAXPROCS goroutines (one after the other
// when serial). Every job writes only its own results, so the outcome does
// not depend on the schedule.
func runJobs(jobs []func(), serial bool) {
	workers := runtime.GOMAXPROCS(0)
	if serial {
		workers = 1
	}
	ch := make(chan func())
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				j()
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
}

// numFolds is the number of folds of the lexicon features.
const numFolds = 5

// foldOf assigns sentences to numFolds folds in contiguous blocks (so that
// a document's sentences mostly share a fold).
func foldOf(n int) []int {
	return jackknifeFolds(n, numFolds)
}

func jackknifeFolds(n, k int) []int {
	f := make([]int, n)
	for i := range f {
		f[i] = i * k / n
	}
	return f
}

// shuffle is a Fisher-Yates shuffle driven by r (written out so that the
// order does not depend on the standard library's choice of algorithm).
func shuffle(r *rand.PCG, order []int32) {
	for i := len(order) - 1; i > 0; i-- {
		j := int(r.Uint64() % uint64(i+1))
		order[i], order[j] = order[j], order[i]
	}
}

func sentenceOrder(prep []*prepSent, folds []int, skip int) []int32 {
	var order []int32
	for i := range prep {
		if folds != nil && folds[i] == skip {
			continue
		}
		order = append(order, int32(i))
	}
	return order
}

// trainPOS trains the POS model on the sentences not in fold skip.
func trainPOS(prep []*prepSent, tagdict map[uint64]uint8, folds []int, skip, iters int, seed uint64, onIter func(int, *perceptron)) *perceptron {
	nClasses := 0
	for _, p := range prep {
		for _, c := range p.pos {
			if c != noPOS {
				nClasses = max(nClasses, int(c)+1)
			}
		}
	}
	p := newPerceptron(nClasses)
	rng := rand.NewPCG(seed, 0x5eed_0f_c4ed3ce)
	order := sentenceOrder(prep, folds, skip)
	var feats []uint64
	for it := 1; it <= iters; it++ {
		shuffle(rng, order)
		for _, si := range order {
			s := prep[si]
			p1, p2 := uint8(noTag), uint8(noTag)
			for i, gold := range s.pos {
				c, ok := tagdict[s.toks[i+2].word]
				if !ok {
					feats = posFeatures(feats[:0], s.toks, i+2, p1, p2)
					c = argmax(p.predict(feats))
					if gold != noPOS {
						p.update(feats, gold, c)
					}
				}
				p2, p1 = p1, c
			}
		}
		if onIter != nil {
			onIter(it, p)
		}
	}
	return p
}

// trainNER trains the NER model; toks[*].pos hold the POS tags to use.
func trainNER(prep []*prepSent, outside map[uint64]bool, gaz, aug bool, iters int, seed uint64, onIter func(int, *perceptron)) *perceptron {
	p := newPerceptron(1 + 2*len(EntityTypes))
	rng := rand.NewPCG(seed, 0x5eed_0f_9e7)
	order := sentenceOrder(prep, nil, -1)
	var feats []uint64
	for it := 1; it <= iters; it++ {
		shuffle(rng, order)
		for _, si := range order {
			s := prep[si]
			p1, p2 := uint8(noTag), uint8(noTag)
			for i, gold := range s.ner {
				c := uint8(0)
				if !outside[s.toks[i+2].word] {
					feats = nerFeatures(feats[:0], s.toks, i+2, p1, p2, gaz)
					if aug {
						feats = augment(feats, s.dom)
					}
					sc := p.predict(feats)
					c = argmaxIOB(sc, p1)
					if s.latent != nil && s.latent[i] != 0 {
						gold = argmaxLatent(sc, p1, s.latent[i])
					}
					p.update(feats, gold, c)
				}
				p2, p1 = p1, c
			}
		}
		if onIter != nil {
			onIter(it, p)
		}
	}
	return p
}

// tagPOSPrepared tags prepared tokens with the POS model only.
func (m *Model) tagPOSPrepared(s *scratch, ts []tok) []uint8 {
	out := make([]uint8, len(ts)-4)
	p1, p2 := uint8(noTag), uint8(noTag)
	for i := range out {
		c := m.posTag(s, ts, i+2, p1, p2)
		out[i] = c
		p2, p1 = p1, c
	}
	return out
}

// buildTagDict lists the words seen at least 20 times with one POS tag at
// least 97% of the time, from the sentences not in fold skip.
func buildTagDict(prep []*prepSent, folds []int, skip int) map[uint64]uint8 {
	counts := map[uint64]map[uint8]int{}
	for i, p := range prep {
		if folds != nil && folds[i] == skip {
			continue
		}
		for j, c := range p.pos {
			if c == noPOS {
				continue
			}
			w := p.toks[j+2].word
			m := counts[w]
			if m == nil {
				m = map[uint8]int{}
				counts[w] = m
			}
			m[c]++
		}
	}
	td := map[uint64]uint8{}
	for w, m := range counts {
		n, best, bestN := 0, uint8(0), -1
		for c, k := range m {
			n += k
			if k > bestN || k == bestN && c < best {
				best, bestN = c, k
			}
		}
		if n >= 20 && float64(bestN)/float64(n) >= 0.97 {
			td[w] = best
		}
	}
	return td
}

// trainOutsideMinCount is OutsideMinCount of the list the NER model
// trains with.
const trainOutsideMinCount = 50

// buildOutside lists the words seen at least minCount times and in an entity
// at most once in a thousand occurrences.
func buildOutside(prep []*prepSent, minCount int) map[uint64]bool {
	type cnt struct{ n, in int }
	counts := map[uint64]*cnt{}
	for _, p := range prep {
		for j, c := range p.ner {
			if p.latent != nil && p.latent[j] != 0 {
				continue
			}
			w := p.toks[j+2].word
			x := counts[w]
			if x == nil {
				x = &cnt{}
				counts[w] = x
			}
			x.n++
			if c != 0 {
				x.in++
			}
		}
	}
	out := map[uint64]bool{}
	for w, x := range counts {
		if x.n >= minCount && x.in*1000 <= x.n {
			out[w] = true
		}
	}
	return out
}

// buildLexicon maps lower-cased words to the entity types they were seen
// with in the sentences not in fold skip: bit k is set when the word was
// part of an entity of type k at least twice and in at least 10% of its
// occurrences; bit 31 when it was seen at least 3 times and never in an
// entity.
func buildLexicon(prep []*prepSent, folds []int, skip int) map[uint64]uint32 {
	type cnt struct {
		n     int
		types [16]int
	}
	counts := map[uint64]*cnt{}
	for i, p := range prep {
		if folds != nil && folds[i] == skip {
			continue
		}
		for j, c := range p.ner {
			if p.latent != nil && p.latent[j] != 0 {
				continue
			}
			w := p.toks[j+2].lower
			x := counts[w]
			if x == nil {
				x = &cnt{}
				counts[w] = x
			}
			x.n++
			if c > 0 {
				x.types[(c-1)/2]++
			}
		}
	}
	lex := map[uint64]uint32{}
	for w, x := range counts {
		var bits uint32
		ent, dom := 0, -1
		for k, n := range x.types {
			ent += n
			if n >= 2 && n*10 >= x.n {
				bits |= 1 << k
			}
			if n > 0 && (dom < 0 || n > x.types[dom]) {
				dom = k
			}
		}
		if ent == 0 && x.n >= 3 {
			bits |= 1 << 31
		}
		if dom >= 0 && x.n >= 2 {
			// The most frequent type and how often the word is in an
			// entity at all, in five steps.
			frac := float64(ent) / float64(x.n)
			bucket := uint32(0)
			for _, b := range []float64{0.1, 0.3, 0.6, 0.9} {
				if frac >= b {
					bucket++
				}
			}
			bits |= uint32(dom+1)<<16 | bucket<<20
		}
		if bits != 0 {
			lex[w] = bits
		}
	}
	return lex
}

// lockedWriter serialises the log lines of concurrent training jobs.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// setLatent sets prep[i].latent from train[i].Masked: a token tagged O in a
// sentence with masked types may be an entity of such a type when its
// lower-cased word was seen with that type in a sentence without masked
// types, or when it holds a digit.
func setLatent(prep []*prepSent, train []Sentence) {
	seen := map[uint64]uint16{}
	masked := false
	for i, p := range prep {
		if len(train[i].Masked) > 0 {
			masked = true
			continue
		}
		for j, c := range p.ner {
			if c != 0 {
				seen[p.toks[j+2].lower] |= 1 << ((c - 1) / 2)
			}
		}
	}
	if !masked {
		return
	}
	typeID := map[string]int{}
	for k, t := range EntityTypes {
		typeID[t] = k
	}
	for i, p := range prep {
		var mask uint16
		for _, t := range train[i].Masked {
			if k, ok := typeID[t]; ok {
				mask |= 1 << k
			}
		}
		if mask == 0 {
			continue
		}
		p.latent = make([]uint16, len(p.ner))
		for j, c := range p.ner {
			if c != 0 {
				continue
			}
			bits := seen[p.toks[j+2].lower]
			if strings.ContainsAny(train[i].Words[j], "0123456789") {
				bits = 0xffff
			}
			p.latent[j] = bits & mask
		}
	}
}

// argmaxLatent returns the best class among O and the classes of the
// types in bits that may follow prev.
func argmaxLatent[T int32 | int64](sc []T, prev uint8, bits uint16) uint8 {
	best := uint8(0)
	for c := 1; c < len(sc); c++ {
		if bits&(1<<((c-1)/2)) == 0 || !allowedIOB(uint8(c), prev) {
			continue
		}
		if sc[c] > sc[best] {
			best = uint8(c)
		}
	}
	return best
}

// domainKey is feature f's copy specific to domain dom.
func domainKey(f uint64, dom uint8) uint64 {
	return (f ^ (uint64(dom)+1)*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
}

// augment appends the copies of feats specific to domain dom.
func augment(feats []uint64, dom uint8) []uint64 {
	n := len(feats)
	for k := range n {
		feats = append(feats, domainKey(feats[k], dom))
	}
	return feats
}

// mergeDomains returns p without its domain-specific features, domain 0's
// weights added to the general ones (averages exact).
func mergeDomains(p *perceptron, prep []*prepSent) *perceptron {
	ndom := uint8(0)
	for _, s := range prep {
		ndom = max(ndom, s.dom)
	}
	isCopy := make([]bool, len(p.keys))
	for _, k := range p.keys {
		for d := 0; d <= int(ndom); d++ {
			if j, ok := p.index[domainKey(k, uint8(d))]; ok {
				isCopy[j] = true
			}
		}
	}
	out := newPerceptron(p.nClasses)
	out.step = p.step
	flat := func(e entry) entry {
		return entry{tot: e.tot + (p.step-e.ts)*int64(e.w), ts: p.step, w: e.w, cls: e.cls}
	}
	for i, k := range p.keys {
		if isCopy[i] {
			continue
		}
		es := make([]entry, 0, len(p.feats[i]))
		for _, e := range p.feats[i] {
			es = append(es, flat(e))
		}
		if j, ok := p.index[domainKey(k, 0)]; ok {
		next:
			for _, e := range p.feats[j] {
				e = flat(e)
				for x := range es {
					if es[x].cls == e.cls {
						es[x].tot += e.tot
						es[x].w += e.w
						continue next
					}
				}
				es = append(es, e)
			}
		}
		out.index[k] = int32(len(out.keys))
		out.keys = append(out.keys, k)
		out.feats = append(out.feats, es)
	}
	return out
}
