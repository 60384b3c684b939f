package verdict

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// ModelFile is the verdict model's path in the data layout.
const ModelFile = "verdict/verdict.bin.gz"

const magic = "credence-verdict-2\n"

// Model is a trained verdict model. Its file is gzip over: the magic
// line, a little-endian uint32 length, a JSON header (Model without the
// large arrays), then the hashed weights of the two heads as int8 pairs
// (reliable, satire; times Scale) for each index of the hashed space, then
// the seen-word bitset as uint64s.
type Model struct {
	// Dense names the dense features in order with their standardisation.
	Dense []DenseParam
	// Reliable is P(reliable) against fake and satire; Satire is
	// P(satire) among articles that are not reliable.
	Reliable, Satire Head
	// MinWords: a text shorter than this is too little evidence to judge.
	MinWords int
	// MinCoverage: a text whose share of words seen in training is below
	// this is too far from the training articles to judge (it was the
	// MinCoveragePercentile-th percentile of the training articles).
	MinCoverage           float64
	MinCoveragePercentile float64
	// Trained records what the model was built from.
	Trained TrainInfo

	// Scale turns the two heads' quantized hashed weights back into
	// log-odds.
	Scale [2]float64

	hashed []float32 // the reliable head's weights while training
	quant  []int8    // [Hashed][2]: reliable, satire
	seen   []uint64  // word buckets met in training
}

// DenseParam is a dense feature's standardisation: the model reads
// clip((transform(value) - Mean) / Std, ±5).
type DenseParam struct {
	Name string
	Log  bool
	Mean float64
	Std  float64
}

// Head is one logistic head: the logit is Intercept + Dense·z + the hashed
// weights·n-grams; Platt scaling makes it calibrated (A·logit + B); the
// reputation weights add to the calibrated log-odds.
type Head struct {
	Intercept float64
	Weights   []float64 // per dense feature
	// WordingMean is the training average of the n-grams' positive and
	// negative parts of the logit: a report measures wording against it.
	WordingMean [2]float64
	PlattA      float64
	PlattB      float64
	// Reputation weights on the calibrated log-odds.
	Site, SiteSatire, Cited float64
	Lambda                  float64 // L2 strength chosen by inner cross-validation
}

// TrainInfo is the provenance of a model.
type TrainInfo struct {
	Data     string         // the training file as given
	SHA256   string         // of the training file
	Articles int            // articles used
	Labels   map[string]int // by label
	Epochs   int
	Seed     uint64
}

// Save writes m in the model format; the output is a function of m alone.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	head, err := json.Marshal(m)
	if err != nil {
		return err
	}
	bw.WriteString(magic)
	binary.Write(bw, binary.LittleEndian, uint32(len(head)))
	bw.Write(head)
	var b [8]byte
	for _, v := range m.quant {
		bw.WriteByte(byte(v))
	}
	for _, v := range m.seen {
		binary.LittleEndian.PutUint64(b[:], v)
		bw.Write(b[:])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("not a verdict model: %w", err)
	}
	br := bufio.NewReader(zr)
	got := make([]byte, len(magic))
	if _, err := io.ReadFull(br, got); err != nil || string(got) != magic {
		return nil, errors.New("not a verdict model (bad magic line)")
	}
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil || n > 1<<24 {
		return nil, errors.New("verdict model: bad header length")
	}
	head := make([]byte, n)
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, fmt.Errorf("verdict model: %w", err)
	}
	m := &Model{}
	if err := json.Unmarshal(head, m); err != nil {
		return nil, fmt.Errorf("verdict model header: %w", err)
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	buf := make([]byte, 2*Hashed+8*(numWords/64))
	if _, err := io.ReadFull(br, buf); err != nil {
		return nil, fmt.Errorf("verdict model weights: %w", err)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("verdict model: trailing data")
	}
	m.quant = make([]int8, 2*Hashed)
	for i := range m.quant {
		m.quant[i] = int8(buf[i])
	}
	buf = buf[2*Hashed:]
	m.seen = make([]uint64, numWords/64)
	for i := range m.seen {
		m.seen[i] = binary.LittleEndian.Uint64(buf[8*i:])
	}
	return m, nil
}

// check refuses a model trained on other dense features than this
// build computes.
func (m *Model) check() error {
	var want, got []string
	for _, f := range DenseFeatures {
		want = append(want, f.Name)
	}
	for _, p := range m.Dense {
		got = append(got, p.Name)
	}
	if !slices.Equal(want, got) {
		return fmt.Errorf("verdict model was trained on features %v; this build computes %v (retrain with credence train verdict)", got, want)
	}
	if len(m.Dense) > 64 {
		return errors.New("verdict model: more than 64 dense features")
	}
	for _, h := range []*Head{&m.Reliable, &m.Satire} {
		if len(h.Weights) != len(DenseFeatures) {
			return errors.New("verdict model: wrong number of dense weights")
		}
	}
	return nil
}
