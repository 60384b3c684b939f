package verdict

import (
	"bytes"
	"compress/gzip"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/credence-news/credence/doc"
)

// allocate rounds to tenths and keeps the sum exact, whatever the signs,
// and drops what rounds to nothing.
func TestAllocate(t *testing.T) {
	for _, c := range []struct {
		raw   []float64
		total int
		want  []float64
	}{
		{[]float64{1.26, -0.44, 0.02}, 8, []float64{1.3, -0.5}}, // 12.6 -4.4 0.2 -> floors 12 -5 0 = 7, one more to the largest remainder (0.6)
		{[]float64{-3.33, -3.33, -3.33}, -100, []float64{-3.4, -3.3, -3.3}},
		{[]float64{0.04, 0.04}, 0, nil},
		{[]float64{2.25, 2.25}, 50, []float64{2.5, 2.5}}, // a rounding shortfall of several tenths is spread
	} {
		var items []item
		for i, r := range c.raw {
			items = append(items, item{r, i})
		}
		units := make([]int, len(items))
		allocate(items, c.total, units)
		var got []float64
		for _, u := range units {
			if u != 0 {
				got = append(got, float64(u)/10)
			}
		}
		sort.SliceStable(got, func(a, b int) bool { return math.Abs(got[a]) > math.Abs(got[b]) })
		var pts []float64
		sum := 0
		for _, g := range got {
			pts = append(pts, g)
			sum += int(math.Round(g * 10))
		}
		if sum != c.total && len(got) > 0 {
			t.Errorf("%v: sum %d tenths, want %d", c.raw, sum, c.total)
		}
		if len(pts) != len(c.want) {
			t.Errorf("%v: got %v, want %v", c.raw, pts, c.want)
			continue
		}
		for i := range pts {
			if math.Abs(pts[i]-c.want[i]) > 1e-9 {
				t.Errorf("%v: got %v, want %v", c.raw, pts, c.want)
				break
			}
		}
	}
}

// synthetic builds labelled features where one dense feature and one
// hashed bucket carry the label.
func synthetic(n int) []Example {
	var ex []Example
	for i := 0; i < n; i++ {
		label := doc.LabelReliable
		switch i % 3 {
		case 1:
			label = doc.LabelFake
		case 2:
			label = doc.LabelSatire
		}
		f := &Features{Dense: make([]float64, len(DenseFeatures)), Words: 300}
		for j := range f.Dense {
			f.Dense[j] = float64((i*7+j*3)%5) / 5
		}
		if label != doc.LabelReliable {
			f.Dense[1] = 4 + float64(i%4) // speculation, per 1,000 words
		}
		f.Idx = []uint32{uint32(10 + i%3), uint32(1000 + i%17)}
		f.Val = []float32{0.8, 0.6}
		ex = append(ex, Example{ID: string(rune('a' + i%26)), Label: label, Group: strings.Repeat("g", 1+i%9), F: f})
	}
	return ex
}

// Training is deterministic, the model survives a save and load bit for
// bit, and it learns the planted signal with the sign speculation allows.
func TestTrainSaveLoad(t *testing.T) {
	ex := synthetic(90)
	var a, b bytes.Buffer
	m := Train(ex, TrainInfo{Data: "synthetic"})
	if err := m.Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := Train(ex, TrainInfo{Data: "synthetic"}).Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings on the same examples differ")
	}
	m2, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	m2.Save(&c)
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("save(load(save(m))) differs from save(m)")
	}
	if w := m.Reliable.Weights[1]; w >= 0 {
		t.Errorf("speculation weight %v, want negative", w)
	}
	p := m.Predict(ex[0].F)
	q := m.Predict(ex[1].F)
	if !(p.Text > q.Text) {
		t.Errorf("reliable example log-odds %v not above fake's %v", p.Text, q.Text)
	}
	for _, e := range ex[:5] {
		if got, want := m.Predict(e.F).Coverage, coverage(m.seen, e.F); got != want {
			t.Errorf("Predict's coverage %v, coverage() %v", got, want)
		}
	}
	r, f, s := q.Probabilities(false)
	if math.Abs(r+f+s-1) > 1e-12 {
		t.Errorf("probabilities sum to %v", r+f+s)
	}
}

func TestLoadErrors(t *testing.T) {
	var good bytes.Buffer
	Train(synthetic(30), TrainInfo{}).Save(&good)
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	for _, c := range []struct {
		in   []byte
		want string
	}{
		{[]byte("plain text"), "not a verdict model: gzip: invalid header"},
		{gz("credence-tagger-1\n"), "not a verdict model (bad magic line)"},
		{gz(magic + "\x05\x00\x00\x00{bad}"), "verdict model header: invalid character 'b' looking for beginning of object key string"},
		{gz(magic + "\x02\x00\x00\x00{}"), "verdict model was trained on features []; this build computes [sourcing speculation "},
		{good.Bytes()[:len(good.Bytes())-64], "verdict model weights: unexpected EOF"},
	} {
		_, err := Load(bytes.NewReader(c.in))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

// Character 4-grams of a word are taken by runes, padded with spaces.
func TestCharGrams(t *testing.T) {
	var x extractor
	x.chars.reset(16)
	x.charGrams("Café")
	if n := len(x.chars.order); n != 3 { // " caf", "café", "afé "
		t.Errorf("%d 4-grams of \"Café\", want 3", n)
	}
	x.chars.reset(16)
	x.charGrams("a")
	if n := len(x.chars.order); n != 0 { // " a " is shorter than 4
		t.Errorf("%d 4-grams of \"a\", want 0", n)
	}
}
