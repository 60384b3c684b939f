package headline

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/credence-news/credence/internal/parallel"
)

// Logit returns the model's uncalibrated log-odds for headline.
func (m *Model) Logit(headline string) float64 {
	fs := extract(headline)
	defer featureSets.Put(fs)
	z, _ := m.logit(fs)
	return z
}

// SetCalibration makes the model map its logit z to a*z+b before the
// sigmoid.
func (m *Model) SetCalibration(a, b float64) { m.calibrated, m.a, m.b = true, a, b }

// Calibration returns the model's calibration (1, 0 and false without).
func (m *Model) Calibration() (a, b float64, ok bool) {
	if !m.calibrated {
		return 1, 0, false
	}
	return m.a, m.b, true
}

// Platt fits p = sigmoid(a*z+b) to labels y by Newton's method on the log
// loss, with Platt's smoothed targets ((n+ + 1)/(n+ + 2) and 1/(n- + 2))
// so that separable data gives finite parameters. Deterministic.
func Platt(z []float64, y []bool) (a, b float64) { return WeightedPlatt(z, y, nil) }

// WeightedPlatt is Platt with a weight per example (nil: all 1).
func WeightedPlatt(z []float64, y []bool, wt []float64) (a, b float64) {
	weight := func(i int) float64 {
		if wt == nil {
			return 1
		}
		return wt[i]
	}
	npos, nneg := 0.0, 0.0
	for i, v := range y {
		if v {
			npos += weight(i)
		} else {
			nneg += weight(i)
		}
	}
	hi, lo := (npos+1)/(npos+2), 1/(nneg+2)
	target := func(i int) float64 {
		if y[i] {
			return hi
		}
		return lo
	}
	loss := func(a, b float64) float64 {
		l := 0.0
		for i, x := range z {
			s, t := a*x+b, target(i)
			// log(1+e^s) - t*s, computed stably
			l += weight(i) * (math.Max(s, 0) + math.Log1p(math.Exp(-math.Abs(s))) - t*s)
		}
		return l
	}
	a, b = 1, 0
	cur := loss(a, b)
	for it := 0; it < 100; it++ {
		var ga, gb, haa, hab, hbb float64
		for i, x := range z {
			p := sigmoid(a*x + b)
			c := weight(i)
			d := c * (p - target(i))
			w := c * max(p*(1-p), 1e-12)
			ga += d * x
			gb += d
			haa += w * x * x
			hab += w * x
			hbb += w
		}
		haa += 1e-9
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		// Backtrack until the loss does not rise.
		step := 1.0
		for ; step > 1e-10; step /= 2 {
			if l := loss(a-step*da, b-step*db); l <= cur {
				a, b, cur = a-step*da, b-step*db, l
				break
			}
		}
		if step <= 1e-10 || math.Abs(step*da) < 1e-10 && math.Abs(step*db) < 1e-10 {
			break
		}
	}
	return a, b
}

// AUC is the area under the ROC curve of scores for labels (ties count
// half); NaN without both classes.
func AUC(scores []float64, labels []bool) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return scores[idx[i]] < scores[idx[j]] })
	// Mann–Whitney: sum of the positives' (mid-)ranks.
	var rankSum float64
	npos := 0
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			j++
		}
		mid := float64(i+j+1) / 2 // ranks i+1..j
		for k := i; k < j; k++ {
			if labels[idx[k]] {
				rankSum += mid
				npos++
			}
		}
		i = j
	}
	nneg := len(scores) - npos
	if npos == 0 || nneg == 0 {
		return math.NaN()
	}
	return (rankSum - float64(npos)*float64(npos+1)/2) / (float64(npos) * float64(nneg))
}

// Title is an article's headline with its article's label (reliable, fake
// or satire) and corpus.
type Title struct {
	Text, Label, Dataset string
}

// ReadTitles reads the titles of a labelled articles JSONL file (fields
// "title", "label", "dataset"); articles without a title are skipped.
func ReadTitles(path string) ([]Title, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Title
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r struct{ Title, Label, Dataset string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		if t := strings.TrimSpace(r.Title); t != "" {
			out = append(out, Title{Text: t, Label: r.Label, Dataset: r.Dataset})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return out, nil
}

// Use says how a model trains and calibrates on article titles: which
// titles are examples (and of which class) and which are scored against
// which in evaluation.
type Use struct {
	// Train maps an article label to the title's class for training and
	// calibration (include false: the title is not used).
	Train func(label string) (positive, include bool)
	// Eval maps an article label to the class AUC is measured on.
	Eval func(label string) (positive, include bool)
	// CalibrateOwn adds the own set's fold 1 to the calibration set (for
	// a model whose titles hold no positives).
	CalibrateOwn bool
	// TrainOnTitles also trains the model on the titles (Train's
	// classes), not only calibrates it on them. Off for the shipped models:
	// the verdict is trained and cross-validated on the same articles, and
	// a headline model that had learnt their labels would leak them into
	// its folds (satire F1 0.98 on held-out sites).
	TrainOnTitles bool
}

// CorpusResult is a held-out corpus's titles scored by a model trained and
// calibrated without them.
type CorpusResult struct {
	Dataset  string
	Titles   int
	AUC      float64 // of Use.Eval's classes; NaN without both
	Reliable int     // reliable titles
	Above    int     // reliable titles scored 0.5 or more, calibrated
	Positive int     // titles of Use.Eval's positive class
	Caught   int     // of them scored 0.5 or more
	Logits   []float64
	Labels   []string
}

// LOCO is a leave-one-corpus-out run: per corpus, a model trained on the
// own set's folds 2-4 (fold 0 is its test fifth, fold 1 its calibration
// share) and on the other corpora's titles (minus any equal, lower-cased,
// to a held-out one), scoring the held-out corpus's titles.
type LOCO struct {
	Corpora []CorpusResult
	// A, B is the calibration fitted on every corpus's out-of-corpus
	// logits (and the own fold 1, with CalibrateOwn): the shipped one.
	A, B float64
}

// LeaveOneCorpusOut runs the leave-one-corpus-out evaluation of cfg on own
// (the model's own training rows, test fifth excluded) and titles. For the
// figures of a held-out corpus, the calibration is fitted without its
// titles; workers bounds the trainings run at once.
func LeaveOneCorpusOut(own []Example, titles []Title, use Use, cfg Config, workers int) LOCO {
	var corpora []string
	seen := map[string]bool{}
	for _, t := range titles {
		if !seen[t.Dataset] {
			seen[t.Dataset] = true
			corpora = append(corpora, t.Dataset)
		}
	}
	sort.Strings(corpora)
	var fit, fold1 []Example
	for _, r := range own {
		switch Fold(r.Text) {
		case 0:
		case 1:
			fold1 = append(fold1, r)
		default:
			fit = append(fit, r)
		}
	}
	res := make([]CorpusResult, len(corpora))
	own1 := make([][]float64, len(corpora)) // fold 1 scored by each corpus's model
	parallel.Do(len(corpora), workers, func(c int) {
		held := map[string]bool{}
		for _, t := range titles {
			if t.Dataset == corpora[c] {
				held[strings.ToLower(t.Text)] = true
			}
		}
		rows := append([]Example(nil), fit...)
		if use.TrainOnTitles {
			rows = append(rows, TitleExamples(titles, use, func(t Title) bool { return t.Dataset != corpora[c] && !held[strings.ToLower(t.Text)] })...)
		}
		m := Train(rows, cfg)
		r := CorpusResult{Dataset: corpora[c]}
		for _, t := range titles {
			if t.Dataset == corpora[c] {
				r.Logits = append(r.Logits, m.Logit(t.Text))
				r.Labels = append(r.Labels, t.Label)
			}
		}
		if use.CalibrateOwn {
			for _, e := range fold1 {
				own1[c] = append(own1[c], m.Logit(e.Text))
			}
		}
		res[c] = r
	})
	// calib fits the calibration on the out-of-corpus logits of every
	// corpus but skip (-1: all).
	// The own fold 1, scored by every corpus's model, weighs as much in
	// all as the titles.
	calib := func(skip int) (a, b float64) {
		var z, wt []float64
		var y []bool
		var ownZ []float64
		var ownY []bool
		for c, r := range res {
			if c == skip {
				continue
			}
			for i, l := range r.Labels {
				if pos, ok := use.Train(l); ok {
					z, y = append(z, r.Logits[i]), append(y, pos)
				}
			}
			if use.CalibrateOwn {
				for i, e := range fold1 {
					ownZ, ownY = append(ownZ, own1[c][i]), append(ownY, e.Positive)
				}
			}
		}
		for range z {
			wt = append(wt, 1)
		}
		if len(ownZ) > 0 {
			w := float64(max(len(z), 1)) / float64(len(ownZ))
			for i := range ownZ {
				z, y, wt = append(z, ownZ[i]), append(y, ownY[i]), append(wt, w)
			}
		}
		return WeightedPlatt(z, y, wt)
	}
	for c := range res {
		r := &res[c]
		a, b := calib(c)
		var scores []float64
		var labels []bool
		for i, l := range r.Labels {
			r.Titles++
			p := sigmoid(a*r.Logits[i] + b)
			if l == "reliable" {
				r.Reliable++
				if p >= 0.5 {
					r.Above++
				}
			}
			if pos, ok := use.Eval(l); ok {
				scores, labels = append(scores, r.Logits[i]), append(labels, pos)
				if pos {
					r.Positive++
					if p >= 0.5 {
						r.Caught++
					}
				}
			}
		}
		r.AUC = AUC(scores, labels)
	}
	out := LOCO{Corpora: res}
	out.A, out.B = calib(-1)
	return out
}

// Pooled returns the AUC of Use.Eval's classes over every corpus's
// out-of-corpus logits together (NaN without both classes).
func (l LOCO) Pooled(use Use) float64 {
	var scores []float64
	var labels []bool
	for _, r := range l.Corpora {
		for i, lab := range r.Labels {
			if pos, ok := use.Eval(lab); ok {
				scores, labels = append(scores, r.Logits[i]), append(labels, pos)
			}
		}
	}
	return AUC(scores, labels)
}

// TitleExamples are the titles keep accepts, as training examples by use.
func TitleExamples(titles []Title, use Use, keep func(Title) bool) []Example {
	var out []Example
	for _, t := range titles {
		if pos, ok := use.Train(t.Label); ok && keep(t) {
			out = append(out, Example{Text: t.Text, Positive: pos})
		}
	}
	return out
}
