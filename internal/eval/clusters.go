package eval

// ClusterScores compares a clustering with gold classes.
type ClusterScores struct {
	N int `json:"n"`
	// Pairwise: over the pairs of items, precision and recall of "in one
	// cluster" against "in one gold class".
	PairPrecision float64 `json:"pair_precision"`
	PairRecall    float64 `json:"pair_recall"`
	PairF1        float64 `json:"pair_f1"`
	PredPairs     int     `json:"pred_pairs"`
	GoldPairs     int     `json:"gold_pairs"`
	TruePairs     int     `json:"true_pairs"`
	// B-cubed (Bagga and Baldwin 1998): per item, the share of its cluster
	// in its gold class (precision) and of its gold class in its cluster
	// (recall), averaged over items.
	BCubedPrecision float64 `json:"bcubed_precision"`
	BCubedRecall    float64 `json:"bcubed_recall"`
	BCubedF1        float64 `json:"bcubed_f1"`
	Clusters        int     `json:"clusters"`
	Singletons      int     `json:"singletons"`
	Largest         int     `json:"largest"`
	GoldClasses     int     `json:"gold_classes"`
}

// ScoreClusters scores predicted cluster ids against gold class ids, one of
// each per item (any comparable values; equal means same).
func ScoreClusters[P, G comparable](pred []P, gold []G) ClusterScores {
	n := len(pred)
	s := ClusterScores{N: n}
	predSize := map[P]int{}
	goldSize := map[G]int{}
	type cell struct {
		p P
		g G
	}
	both := map[cell]int{}
	for i := range pred {
		predSize[pred[i]]++
		goldSize[gold[i]]++
		both[cell{pred[i], gold[i]}]++
	}
	pairs := func(k int) int { return k * (k - 1) / 2 }
	for _, k := range predSize {
		s.PredPairs += pairs(k)
		if k == 1 {
			s.Singletons++
		}
		s.Largest = max(s.Largest, k)
	}
	for _, k := range goldSize {
		s.GoldPairs += pairs(k)
	}
	for c, k := range both {
		s.TruePairs += pairs(k)
		// Every item of this cell has k items in both its cluster and class.
		s.BCubedPrecision += float64(k) * float64(k) / float64(predSize[c.p])
		s.BCubedRecall += float64(k) * float64(k) / float64(goldSize[c.g])
	}
	s.Clusters, s.GoldClasses = len(predSize), len(goldSize)
	s.PairPrecision = ratio(s.TruePairs, s.PredPairs)
	s.PairRecall = ratio(s.TruePairs, s.GoldPairs)
	s.PairF1 = harmonic(s.PairPrecision, s.PairRecall)
	if n > 0 {
		s.BCubedPrecision /= float64(n)
		s.BCubedRecall /= float64(n)
	}
	s.BCubedF1 = harmonic(s.BCubedPrecision, s.BCubedRecall)
	return s
}

// ratio is a/b, and 1 when b is 0 (no pairs predicted: nothing wrong).
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
