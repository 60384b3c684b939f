package eval

import (
	"math"
	"testing"
)

func TestScoreClusters(t *testing.T) {
	s := ScoreClusters([]int{0, 0, 1, 2}, []string{"a", "a", "a", "b"})
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	if s.PredPairs != 1 || s.GoldPairs != 3 || s.TruePairs != 1 || !near(s.PairPrecision, 1) || !near(s.PairRecall, 1.0/3) {
		t.Errorf("pairwise: %+v", s)
	}
	// B-cubed recall: the two items of cluster 0 have 2 of their 3 class
	// mates (2/3 each), the third 1/3, the "b" item 1: (2/3+2/3+1/3+1)/4.
	if !near(s.BCubedPrecision, 1) || !near(s.BCubedRecall, (2.0/3+2.0/3+1.0/3+1)/4) {
		t.Errorf("B-cubed: %+v", s)
	}
	if s.Clusters != 3 || s.Singletons != 2 || s.Largest != 2 || s.GoldClasses != 2 {
		t.Errorf("counts: %+v", s)
	}
}
