package headline

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/credence-news/credence/internal/fnv1a"
	"github.com/credence-news/credence/internal/linear"
)

// Example is one labelled headline.
type Example struct {
	Text     string
	Positive bool // clickbait (or satire)
}

// Contribution is one feature's share of a score: Weight is the feature's
// weight times its value in the headline, in logits.
type Contribution = linear.Contribution

// Config holds the training hyper-parameters (see DefaultConfig).
type Config struct {
	Name         string  // model name, e.g. "clickbait"
	Positive     string  // label of the positive class, e.g. "clickbait"
	Negative     string  // label of the negative class, e.g. "news"
	HashBits     uint    // 2^HashBits feature buckets (18–20)
	Epochs       int     // passes over the data
	LearningRate float64 // Adagrad base learning rate
	L2           float64 // L2 penalty per example on the weights it touches
	Seed         uint64  // seed of the shuffle before each pass
	MinWeight    float64 // weights smaller than this in magnitude are dropped
	TopFeatures  int     // named features kept per sign for explanations
}

// DefaultConfig returns the default hyper-parameters, chosen on the
// validation fold (fold 1) only. The shipped clickbait model uses them as
// they are; the satire model uses 5 epochs and learning rate 1 (see
// model/MODEL_CARD.md).
func DefaultConfig() Config {
	return Config{
		HashBits:     20,
		Epochs:       10,
		LearningRate: 0.5,
		L2:           3e-4,
		Seed:         1,
		MinWeight:    1e-3,
		TopFeatures:  50,
	}
}

// Model is a trained headline classifier.
type Model struct {
	name, positive, negative string
	bits                     uint
	weights                  map[uint32]float32 // sparse: only non-zero buckets
	// dense holds the same weights by bucket (2^bits of them, 4 MB at 20
	// bits), built on first use: a headline has hundreds of features,
	// and a slice index is several times cheaper than a map lookup.
	dense     []float32
	nonzero   []uint64 // bit b set when bucket b has a weight (128 KB at 20 bits, cache-resident)
	denseOnce sync.Once
	top       []Contribution // named features with the largest |weight|
	// calibrated is set when the model maps its logit z to a*z+b (Platt
	// scaling fitted on the headlines it will meet; see Calibrate) before
	// the sigmoid; a, b are then the calibration.
	calibrated bool
	a, b       float64
}

// Name returns the model's name ("clickbait" or "satire").
func (m *Model) Name() string { return m.name }

// Labels returns the labels of the positive and the negative class.
func (m *Model) Labels() (positive, negative string) { return m.positive, m.negative }

// Size returns the number of non-zero weights.
func (m *Model) Size() int { return len(m.weights) }

// TopFeatures returns the named word and cue features with the largest
// weights, positive first (largest first), then negative (most negative
// first).
func (m *Model) TopFeatures() []Contribution { return append([]Contribution(nil), m.top...) }

func (m *Model) bucket(name string) uint32 { return fnv1a.Hash32(name) & (1<<m.bits - 1) }

// Score returns the probability that the headline belongs to the positive
// class and the five features that moved the score most (by |weight×value|).
func (m *Model) Score(headline string) (prob float64, top []Contribution) {
	fs := extract(headline)
	defer featureSets.Put(fs)
	return m.score(fs)
}

// Features are a headline's features, extracted once for scoring with
// several models (the clickbait and the satire model read the same
// features). Release them when done.
type Features struct{ fs *featureSet }

// Extract returns the features of headline.
func Extract(headline string) Features { return Features{extract(headline)} }

// Score is m.Score of the headline f was extracted from.
func (f Features) Score(m *Model) (prob float64, top []Contribution) { return m.score(f.fs) }

// Release returns f's buffers for reuse; f must not be used afterwards.
func (f Features) Release() { featureSets.Put(f.fs) }

func (m *Model) score(fs *featureSet) (prob float64, top []Contribution) {
	return m.calibrate(m.logit(fs))
}

// logit returns the uncalibrated log-odds of the features fs and the
// features that moved it most.
func (m *Model) logit(fs *featureSet) (z float64, top []Contribution) {
	// One string for all the feature names, shared by the models that
	// score the same features.
	if len(fs.names) != len(fs.arena) {
		fs.names = string(fs.arena)
	}
	names := fs.names
	mask := uint32(1)<<m.bits - 1
	m.denseOnce.Do(func() {
		if m.bits <= 24 { // at most 64 MB; larger tables stay sparse
			n, words := 1<<m.bits, (1<<m.bits+63)/64
			m.dense, m.nonzero = make([]float32, n), make([]uint64, words)
			for b, x := range m.weights {
				m.dense[b&mask] = x
				m.nonzero[(b&mask)/64] |= 1 << (b & mask % 64)
			}
		}
	})
	if m.dense == nil {
		var best linear.TopK
		for _, f := range fs.feats {
			w := float64(m.weights[f.hash&mask])
			if w == 0 {
				continue
			}
			c := float64(w * f.value)
			z += c
			best.Add(Contribution{Feature: names[f.start:f.end], Weight: c})
		}
		return z, best.List()
	}
	// The tables are too large to stay in cache between headlines, so
	// nearly every probe misses. The probes are made in passes without
	// branches on what they load, so that the processor has many misses
	// in flight rather than one at a time: first the bitset (most buckets
	// are empty: it answers without touching the 4 MB table), then the
	// weights of the features it found, then the sums, in feature order.
	n := len(fs.feats)
	if cap(fs.hits) < n {
		fs.hits = make([]int32, n)
		fs.weights = make([]float32, n)
	}
	hits, ws := fs.hits[:n], fs.weights[:n]
	k := 0
	for i, f := range fs.feats {
		b := f.hash & mask
		hits[k] = int32(i)
		k += int(m.nonzero[b/64] >> (b % 64) & 1)
	}
	hits = hits[:k]
	for j, i := range hits {
		ws[j] = m.dense[fs.feats[i].hash&mask]
	}
	var best linear.TopK
	for j, i := range hits {
		w := float64(ws[j])
		if w == 0 {
			continue
		}
		f := &fs.feats[i]
		c := float64(w * f.value)
		z += c
		if best.Wants(c) { // most of a headline's hundreds are not
			best.Add(Contribution{Feature: names[f.start:f.end], Weight: c})
		}
	}
	return z, best.List()
}

// calibrate returns the probability of logit z and the contributions top,
// through the model's calibration when it has one (the contributions are
// then scaled by its slope, so that they still sum, with the calibration's
// intercept, to the logit).
func (m *Model) calibrate(z float64, top []Contribution) (float64, []Contribution) {
	if !m.calibrated {
		return sigmoid(z), top
	}
	for i := range top {
		top[i].Weight *= m.a
	}
	return sigmoid(m.a*z + m.b), top
}

func sigmoid(z float64) float64 {
	if z < -35 {
		z = -35
	} else if z > 35 {
		z = 35
	}
	return 1 / (1 + math.Exp(-z))
}

// Train fits a logistic regression on rows with Adagrad: cfg.Epochs passes,
// shuffled with cfg.Seed before each, L2 penalty applied to the weights an
// example touches. It is deterministic: the same rows and config give the
// same model and, through WriteTo, the same bytes. (Explicit float64
// conversions keep the compiler from fusing multiply-adds.)
func Train(rows []Example, cfg Config) *Model {
	if cfg.HashBits == 0 {
		cfg.HashBits = DefaultConfig().HashBits
	}
	m := &Model{name: cfg.Name, positive: cfg.Positive, negative: cfg.Negative, bits: cfg.HashBits}
	n := 1 << cfg.HashBits
	w := make([]float64, n)
	g2 := make([]float64, n)
	type vec struct {
		idx []uint32
		val []float64
		y   float64
	}
	names := map[uint32]string{} // bucket → smallest word/cue name seen
	data := make([]vec, len(rows))
	for i, r := range rows {
		fs := features(r.Text)
		v := vec{idx: make([]uint32, len(fs)), val: make([]float64, len(fs))}
		if r.Positive {
			v.y = 1
		}
		for j, f := range fs {
			b := m.bucket(f.name)
			v.idx[j], v.val[j] = b, f.value
			if !strings.HasPrefix(f.name, charPrefix) {
				if old, ok := names[b]; !ok || f.name < old {
					names[b] = f.name
				}
			}
		}
		data[i] = v
	}
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	rng := linear.Shuffler(cfg.Seed)
	for ep := 0; ep < cfg.Epochs; ep++ {
		rng.Shuffle(order)
		for _, k := range order {
			v := &data[k]
			z := 0.0
			for j, b := range v.idx {
				z += float64(w[b] * v.val[j])
			}
			d := float64(sigmoid(z) - v.y)
			for j, b := range v.idx {
				g := float64(d*v.val[j]) + float64(cfg.L2*w[b])
				g2[b] += float64(g * g)
				w[b] -= float64(cfg.LearningRate*g) / math.Sqrt(float64(g2[b])+1e-8)
			}
		}
	}
	m.weights = make(map[uint32]float32)
	for b, x := range w {
		if math.Abs(x) >= cfg.MinWeight && float32(x) != 0 {
			m.weights[uint32(b)] = float32(x)
		}
	}
	var named []Contribution
	for b, name := range names {
		if x, ok := m.weights[b]; ok {
			named = append(named, Contribution{Feature: name, Weight: float64(x)})
		}
	}
	sort.Slice(named, func(i, j int) bool {
		if named[i].Weight != named[j].Weight {
			return named[i].Weight > named[j].Weight
		}
		return named[i].Feature < named[j].Feature
	})
	k := cfg.TopFeatures
	if 2*k >= len(named) {
		m.top = named
	} else {
		m.top = append(append([]Contribution(nil), named[:k]...), named[len(named)-k:]...)
		// negatives most negative first
		neg := m.top[k:]
		for i, j := 0, len(neg)-1; i < j; i, j = i+1, j-1 {
			neg[i], neg[j] = neg[j], neg[i]
		}
	}
	for i := range m.top {
		m.top[i].Weight = float64(float32(m.top[i].Weight))
	}
	return m
}

const (
	magic = "credence-headline-v1\n"
	// magicCalibrated starts a calibrated model: the v1 layout, then the
	// calibration's slope and intercept as float64.
	magicCalibrated = "credence-headline-v2\n"
)

// WriteTo writes the model as gzip'd binary: a header (magic, name, labels,
// hash bits), the non-zero weights as (delta-coded bucket, float32) pairs in
// bucket order, and the named top features. The bytes depend only on the
// model.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var raw bytes.Buffer
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { raw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); raw.WriteString(s) }
	f32 := func(x float32) { binary.Write(&raw, binary.LittleEndian, math.Float32bits(x)) }
	if m.calibrated {
		raw.WriteString(magicCalibrated)
	} else {
		raw.WriteString(magic)
	}
	str(m.name)
	str(m.positive)
	str(m.negative)
	uv(uint64(m.bits))
	keys := make([]uint32, 0, len(m.weights))
	for b := range m.weights {
		keys = append(keys, b)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	uv(uint64(len(keys)))
	prev := uint32(0)
	for _, b := range keys {
		uv(uint64(b - prev))
		prev = b
	}
	for _, b := range keys {
		f32(m.weights[b])
	}
	uv(uint64(len(m.top)))
	for _, c := range m.top {
		str(c.Feature)
		f32(float32(c.Weight))
	}
	if m.calibrated {
		binary.Write(&raw, binary.LittleEndian, [2]float64{m.a, m.b})
	}
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return cw.n, err
	}
	err = zw.Close()
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

var errFormat = errors.New("not a credence headline model")

// Load reads a model written by WriteTo.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errFormat, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errFormat, err)
	}
	calibrated := bytes.HasPrefix(raw, []byte(magicCalibrated))
	if !calibrated && !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, errFormat
	}
	br := bytes.NewReader(raw[len(magic):]) // both magics have one length
	var rerr error
	uv := func() uint64 {
		x, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return x
	}
	str := func() string {
		n := uv()
		if n > uint64(br.Len()) {
			rerr = io.ErrUnexpectedEOF
			return ""
		}
		b := make([]byte, n)
		io.ReadFull(br, b)
		return string(b)
	}
	f32 := func() float32 {
		var u uint32
		if err := binary.Read(br, binary.LittleEndian, &u); err != nil && rerr == nil {
			rerr = err
		}
		return math.Float32frombits(u)
	}
	m := &Model{name: str(), positive: str(), negative: str(), bits: uint(uv())}
	if rerr == nil && (m.bits < 1 || m.bits > 30) {
		return nil, fmt.Errorf("%w: %d hash bits", errFormat, m.bits)
	}
	n := uv()
	if rerr != nil || n > uint64(br.Len()) || n > 1<<m.bits {
		return nil, fmt.Errorf("%w: truncated", errFormat)
	}
	keys := make([]uint32, n)
	prev := uint64(0)
	for i := range keys {
		prev += uv()
		keys[i] = uint32(prev)
	}
	m.weights = make(map[uint32]float32, n)
	for _, b := range keys {
		m.weights[b] = f32()
	}
	nt := uv()
	if rerr == nil && nt > uint64(br.Len()) {
		rerr = io.ErrUnexpectedEOF
	}
	for i := uint64(0); i < nt && rerr == nil; i++ {
		m.top = append(m.top, Contribution{Feature: str(), Weight: float64(f32())})
	}
	if calibrated && rerr == nil {
		var ab [2]float64
		if err := binary.Read(br, binary.LittleEndian, &ab); err != nil {
			rerr = err
		} else if math.IsNaN(ab[0]) || math.IsInf(ab[0], 0) || math.IsNaN(ab[1]) || math.IsInf(ab[1], 0) {
			rerr = errors.New("bad calibration")
		}
		m.calibrated, m.a, m.b = true, ab[0], ab[1]
	}
	if rerr != nil {
		return nil, fmt.Errorf("%w: %v", errFormat, rerr)
	}
	return m, nil
}

// ReadJSONL reads {"text","label"} lines; a row is positive when its label
// is positive. It fails on malformed lines, empty texts or labels, and files
// with more than two distinct labels.
func ReadJSONL(path string, positive string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []Example
	labels := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r struct {
			Text  *string `json:"text"`
			Label *string `json:"label"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		if r.Text == nil || strings.TrimSpace(*r.Text) == "" {
			return nil, fmt.Errorf("%s:%d: missing or empty \"text\"", path, line)
		}
		if r.Label == nil || *r.Label == "" {
			return nil, fmt.Errorf("%s:%d: missing or empty \"label\"", path, line)
		}
		labels[*r.Label] = true
		if len(labels) > 2 {
			return nil, fmt.Errorf("%s:%d: a third label %q: want two classes", path, line, *r.Label)
		}
		rows = append(rows, Example{Text: *r.Text, Positive: *r.Label == positive})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return rows, nil
}

// Split divides rows by the held-out rule (see Fold): test is fold 0, train
// the rest.
func Split(rows []Example) (train, test []Example) {
	for _, r := range rows {
		if IsTest(r.Text) {
			test = append(test, r)
		} else {
			train = append(train, r)
		}
	}
	return train, test
}

// Scores are binary-classification scores at threshold 0.5.
type Scores struct {
	N, TP, FP, TN, FN int
}

// Evaluate scores the model on rows.
func Evaluate(m *Model, rows []Example) Scores {
	var s Scores
	for _, r := range rows {
		p, _ := m.Score(r.Text)
		pred := p >= 0.5
		s.N++
		switch {
		case pred && r.Positive:
			s.TP++
		case pred:
			s.FP++
		case r.Positive:
			s.FN++
		default:
			s.TN++
		}
	}
	return s
}

// Accuracy returns the share of rows classified right.
func (s Scores) Accuracy() float64 {
	if s.N == 0 {
		return 0
	}
	return float64(s.TP+s.TN) / float64(s.N)
}

// F1 returns the F1 of the positive class.
func (s Scores) F1() float64 {
	if 2*s.TP+s.FP+s.FN == 0 {
		return 0
	}
	return 2 * float64(s.TP) / float64(2*s.TP+s.FP+s.FN)
}
