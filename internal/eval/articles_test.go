package eval

import (
	"math"
	"testing"
)

func TestAUC(t *testing.T) {
	for _, c := range []struct {
		score []float64
		pos   []bool
		want  float64
	}{
		{[]float64{0.9, 0.8, 0.2, 0.1}, []bool{true, true, false, false}, 1},
		{[]float64{0.1, 0.2, 0.8, 0.9}, []bool{true, true, false, false}, 0},
		{[]float64{0.5, 0.5, 0.5, 0.5}, []bool{true, false, true, false}, 0.5}, // ties count half
		{[]float64{0.9, 0.4, 0.6, 0.1}, []bool{true, true, false, false}, 0.75},
	} {
		if got := AUC(c.score, c.pos); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("AUC(%v, %v) = %v, want %v", c.score, c.pos, got, c.want)
		}
	}
	if got := AUC([]float64{0.3, 0.4}, []bool{true, true}); !math.IsNaN(got) {
		t.Errorf("AUC with one class = %v, want NaN", got)
	}
}

func TestECE(t *testing.T) {
	// Bin 0.9: mean 0.9, observed 1/2 -> |0.4| weight 1/2; bin 0.2: mean
	// 0.2, observed 0 -> 0.2 weight 1/2. ECE = 0.3.
	got := ECE([]float64{0.9, 0.9, 0.2, 0.2}, []bool{true, false, false, false}, 10)
	if math.Abs(got-0.3) > 1e-12 {
		t.Errorf("ECE = %v, want 0.3", got)
	}
	// p = 1.0 falls in the last bin, not past it.
	if got := ECE([]float64{1, 1}, []bool{true, true}, 10); got != 0 {
		t.Errorf("ECE of certain, right predictions = %v", got)
	}
}

func TestScoreArticles(t *testing.T) {
	ps := []ArticlePrediction{
		{Gold: "reliable", P: [3]float64{0.7, 0.2, 0.1}},
		{Gold: "reliable", P: [3]float64{0.3, 0.6, 0.1}},
		{Gold: "fake", P: [3]float64{0.2, 0.7, 0.1}},
		{Gold: "fake", P: [3]float64{0.1, 0.8, 0.1}, Abstained: true},
	}
	s := ScoreArticles(ps)
	// reliable: P 1/1, R 1/2, F1 2/3; fake: P 2/3, R 1, F1 0.8; satire is
	// absent from the gold labels and not averaged.
	if math.Abs(s.Accuracy-0.75) > 1e-12 || math.Abs(s.MacroF1-(2.0/3+0.8)/2) > 1e-12 || s.Abstention != 0.25 {
		t.Errorf("accuracy %v macro-F1 %v abstention %v", s.Accuracy, s.MacroF1, s.Abstention)
	}
	if sat := s.PerClass["satire"]; !math.IsNaN(sat.R) || !math.IsNaN(sat.P) || sat.Support != 0 {
		t.Errorf("satire %+v", sat)
	}
	if math.Abs(s.AUC-1) > 1e-12 {
		t.Errorf("AUC %v", s.AUC)
	}
}

// The baseline learns a separable toy task, and tokenises as
// scikit-learn does: two or more word characters ("U.S." and "s" are
// dropped).
func TestTFIDFBaseline(t *testing.T) {
	train := []string{"officials said on tuesday", "the ministry said in a statement", "shocking truth they hide", "you won't believe this shocking secret", "onion satire parody joke", "parody joke of the week"}
	labels := []string{"reliable", "reliable", "fake", "fake", "satire", "satire"}
	got := TFIDFBaseline(train, labels, []string{"the ministry said on tuesday", "the shocking secret", "a parody joke"})
	for i, want := range []int{0, 1, 2} {
		best := 0
		for k := 1; k < 3; k++ {
			if got[i][k] > got[i][best] {
				best = k
			}
		}
		if best != want {
			t.Errorf("test %d: probabilities %v, want class %d", i, got[i], want)
		}
	}
	if toks := ngrams("A U.S. café's ‘big’ day"); len(toks) != 5 || toks[0] != "café" || toks[3] != "café big" {
		t.Errorf("ngrams %q", toks)
	}
}
