package checkworthy

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/credence-news/credence/internal/linear"
)

// Example is one labelled sentence.
type Example struct {
	Text  string
	Label bool // check-worthy
}

// Config holds the training hyper-parameters.
type Config struct {
	Bits         uint    // the weight table has 1<<Bits entries
	Epochs       int     // passes over the data
	LearningRate float64 // initial SGD step, decayed as lr/(1+epoch)
	L2           float64 // L2 penalty per example on the weights it touches
	PosWeight    float64 // weight of the loss of positive examples
	Seed         uint64  // seed of the shuffle before every pass
	// MinCount drops the word features ("w:", "b:") of fewer than
	// MinCount training sentences (0 or 1 keeps them all): rare words are
	// where a model learns its training debates rather than claims.
	MinCount int
	// NoBigrams trains no word-bigram ("b:") weights.
	NoBigrams bool
}

// DefaultConfig returns the hyper-parameters of the shipped model.
func DefaultConfig() Config {
	return Config{Bits: 18, Epochs: 8, LearningRate: 0.1, L2: 3e-3, PosWeight: 1, Seed: 1, MinCount: 3, NoBigrams: true}
}

// Model is a trained check-worthiness scorer. It is safe for concurrent use.
type Model struct {
	bits uint
	w    []float32
}

// Contribution is what one feature adds to a sentence's log-odds.
type Contribution = linear.Contribution

// Score returns the probability that sentence is a check-worthy claim and
// the (at most) five features that moved it most, largest |Weight| first.
func (m *Model) Score(sentence string) (prob float64, top []Contribution) {
	return m.ScoreAbove(sentence, 0)
}

// Prob returns the probability that sentence is a check-worthy claim,
// without naming features.
func (m *Model) Prob(sentence string) float64 {
	p, _ := m.ScoreAbove(sentence, 2)
	return p
}

// ScoreAbove is Score, but names the top features only when the
// probability is at least min (a caller that lists only such sentences
// need not pay for the others' explanations).
func (m *Model) ScoreAbove(sentence string, min float64) (prob float64, top []Contribution) {
	fs := extract(sentence)
	defer featureSets.Put(fs)
	z := 0.0
	for _, f := range fs.feats {
		z += float64(m.w[bucket(f.hash, m.bits)])
	}
	prob = sigmoid(z)
	if prob < min {
		return prob, nil
	}
	return prob, m.top(fs)
}

// top returns the (at most) five features of fs that move its score most,
// largest |weight| first and earlier ones first among equals. A first pass
// ranks the weights alone; only the features that can be among the five
// (|weight| at least that of the fifth) have their names written out, and
// the second pass ranks them again, named: dropping the others leaves the
// order of the rest, so the result is the same as ranking them all named.
func (m *Model) top(fs *featureSet) []Contribution {
	weight := func(i int) float64 { return float64(m.w[bucket(fs.feats[i].hash, m.bits)]) }
	var rank linear.TopK                 // the weights alone, unnamed
	for i := 1; i < len(fs.feats); i++ { // feats[0] is the bias, never listed
		if w := weight(i); w != 0 && rank.Wants(w) {
			rank.Add(Contribution{Weight: w})
		}
	}
	least, ok := rank.Least()
	if !ok {
		return nil
	}
	candidate := func(i int) bool { w := weight(i); return i > 0 && w != 0 && math.Abs(w) >= least }
	arena, ends := fs.names(candidate)
	names := string(arena) // one string for all the candidates' names
	var best linear.TopK
	start, k := 0, 0
	for i := range fs.feats {
		if candidate(i) {
			best.Add(Contribution{Feature: names[start:ends[k]], Weight: weight(i)})
			start, k = ends[k], k+1
		}
	}
	return best.List()
}

func (m *Model) margin(idx []uint32) float64 {
	z := 0.0
	for _, i := range idx {
		z += float64(m.w[i])
	}
	return z
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// Train fits the model to rows by SGD on the L2-regularised log loss. The
// result depends only on rows (and their order) and cfg.
func Train(rows []Example, cfg Config) *Model {
	cfg = cfg.withDefaults()
	return fit(featurize(rows, cfg), nil, cfg)
}

func (cfg Config) withDefaults() Config {
	if cfg.Bits == 0 {
		cfg.Bits = DefaultConfig().Bits
	}
	if cfg.PosWeight == 0 {
		cfg.PosWeight = 1
	}
	return cfg
}

// featurized holds sentences as the weight indexes of their features
// (bigrams left out with cfg.NoBigrams), which of them are word features,
// and their labels: extracted once, fitted on many subsets.
type featurized struct {
	idx   [][]uint32
	lex   [][]bool
	label []bool
}

func featurize(rows []Example, cfg Config) featurized {
	f := featurized{idx: make([][]uint32, len(rows)), lex: make([][]bool, len(rows)), label: make([]bool, len(rows))}
	for i, r := range rows {
		fs := extract(r.Text)
		f.idx[i] = make([]uint32, 0, len(fs.feats))
		f.lex[i] = make([]bool, 0, len(fs.feats))
		for _, ft := range fs.feats {
			if cfg.NoBigrams && ft.parts[0] == "b:" {
				continue
			}
			f.idx[i] = append(f.idx[i], bucket(ft.hash, cfg.Bits))
			f.lex[i] = append(f.lex[i], ft.parts[0] == "w:" || ft.parts[0] == "b:")
		}
		f.label[i] = r.Label
		featureSets.Put(fs)
	}
	return f
}

// fit trains on the sentences of f listed in subset (nil: all, in order).
func fit(f featurized, subset []int, cfg Config) *Model {
	if subset == nil {
		subset = make([]int, len(f.idx))
		for i := range subset {
			subset[i] = i
		}
	}
	idx := make([][]uint32, len(subset))
	for k, i := range subset {
		idx[k] = f.idx[i]
	}
	if cfg.MinCount > 1 {
		// Drop the word features of fewer than MinCount training
		// sentences (a bucket shared with a fixed feature keeps it for
		// that feature: only word features are counted and dropped).
		df := make([]int32, 1<<cfg.Bits)
		for _, i := range subset {
			for j, b := range f.idx[i] {
				if f.lex[i][j] {
					df[b]++
				}
			}
		}
		for k, i := range subset {
			kept := make([]uint32, 0, len(f.idx[i]))
			for j, b := range f.idx[i] {
				if !f.lex[i][j] || int(df[b]) >= cfg.MinCount {
					kept = append(kept, b)
				}
			}
			idx[k] = kept
		}
	}
	w := make([]float64, 1<<cfg.Bits)
	order := make([]int, len(subset))
	for i := range order {
		order[i] = i
	}
	rng := linear.Shuffler(cfg.Seed)
	for ep := 0; ep < cfg.Epochs; ep++ {
		rng.Shuffle(order)
		lr := cfg.LearningRate / float64(1+ep)
		for _, k := range order {
			z := 0.0
			for _, i := range idx[k] {
				z += w[i]
			}
			y, cw := 0.0, 1.0
			if f.label[subset[k]] {
				y, cw = 1, cfg.PosWeight
			}
			g := cw * (sigmoid(z) - y)
			for _, i := range idx[k] {
				w[i] -= lr * (g + cfg.L2*w[i])
			}
		}
	}
	m := &Model{bits: cfg.Bits, w: make([]float32, len(w))}
	for i, v := range w {
		m.w[i] = float32(v)
	}
	return m
}

const magic = "CWRTHY01"

// WriteTo writes the model gzip-compressed: magic, table bits, the number
// of non-zero weights and (index uint32, weight float32) pairs, little
// endian. The same model always gives the same bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	var nz uint32
	for _, v := range m.w {
		if v != 0 {
			nz++
		}
	}
	binary.Write(bw, binary.LittleEndian, [2]uint32{uint32(m.bits), nz})
	var rec [8]byte
	for i, v := range m.w {
		if v == 0 {
			continue
		}
		binary.LittleEndian.PutUint32(rec[:4], uint32(i))
		binary.LittleEndian.PutUint32(rec[4:], math.Float32bits(v))
		bw.Write(rec[:])
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, cw.err
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// Load reads a model written by WriteTo.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("check-worthiness model: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic)+8)
	if _, err := io.ReadFull(br, head); err != nil || string(head[:len(magic)]) != magic {
		return nil, errors.New("check-worthiness model: not a model file")
	}
	bits := binary.LittleEndian.Uint32(head[len(magic):])
	nz := binary.LittleEndian.Uint32(head[len(magic)+4:])
	if bits < 1 || bits > 26 || uint64(nz) > 1<<bits {
		return nil, fmt.Errorf("check-worthiness model: bad header (bits %d, %d weights)", bits, nz)
	}
	m := &Model{bits: uint(bits), w: make([]float32, 1<<bits)}
	var rec [8]byte
	for k := uint32(0); k < nz; k++ {
		if _, err := io.ReadFull(br, rec[:]); err != nil {
			return nil, fmt.Errorf("check-worthiness model: truncated: %w", err)
		}
		i := binary.LittleEndian.Uint32(rec[:4])
		if i >= 1<<bits {
			return nil, fmt.Errorf("check-worthiness model: weight index %d out of range", i)
		}
		m.w[i] = math.Float32frombits(binary.LittleEndian.Uint32(rec[4:]))
	}
	return m, nil
}
