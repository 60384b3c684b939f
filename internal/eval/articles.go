package eval

import (
	"math"
	"sort"
)

// ArticleClasses are the verdict's exclusive labels, in the order of
// ArticlePrediction.P.
var ArticleClasses = []string{"reliable", "fake", "satire"}

// ArticlePrediction is a model's output on one labelled article.
type ArticlePrediction struct {
	Gold string     // one of ArticleClasses
	P    [3]float64 // P(reliable), P(fake), P(satire)
	// Abstained is set when the model would not show a verdict; the
	// scores still count the article (with its probabilities), so that an
	// abstaining model cannot look better by refusing hard cases.
	Abstained bool
}

// ClassPRF is precision, recall and F1 of one class; NaN when undefined (a
// class never predicted has no precision; one absent from the gold labels
// no recall).
type ClassPRF struct {
	P, R, F1 float64
	Support  int
}

// ArticleScores are the figures `credence eval articles` reports.
type ArticleScores struct {
	N        int
	Accuracy float64
	// MacroF1 averages F1 over the classes present in the gold labels.
	MacroF1  float64
	PerClass map[string]ClassPRF
	// AUC is the ROC area of P(reliable) for reliable against the rest;
	// NaN when the articles hold only one of the two.
	AUC float64
	// ECE is the expected calibration error of P(reliable) over 10 equal
	// bins.
	ECE float64
	// Abstention is the share of articles abstained on.
	Abstention float64
}

// ScoreArticles computes the figures of a set of predictions.
func ScoreArticles(ps []ArticlePrediction) ArticleScores {
	s := ArticleScores{N: len(ps), PerClass: map[string]ClassPRF{}}
	if len(ps) == 0 {
		s.AUC, s.Accuracy, s.MacroF1, s.ECE = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		return s
	}
	var tp, fp, fn [3]float64
	var support [3]int
	correct, abst := 0, 0
	for _, p := range ps {
		g := classIndex(p.Gold)
		pred := 0
		for k := 1; k < 3; k++ {
			if p.P[k] > p.P[pred] {
				pred = k
			}
		}
		support[g]++
		if pred == g {
			correct++
			tp[g]++
		} else {
			fp[pred]++
			fn[g]++
		}
		if p.Abstained {
			abst++
		}
	}
	s.Accuracy = float64(correct) / float64(len(ps))
	s.Abstention = float64(abst) / float64(len(ps))
	present := 0.0
	for k, name := range ArticleClasses {
		c := ClassPRF{P: math.NaN(), R: math.NaN(), F1: math.NaN(), Support: support[k]}
		if tp[k]+fp[k] > 0 {
			c.P = tp[k] / (tp[k] + fp[k])
		}
		if support[k] > 0 {
			c.R = tp[k] / float64(support[k])
			c.F1 = 0
			if tp[k] > 0 {
				c.F1 = 2 * tp[k] / (2*tp[k] + fp[k] + fn[k])
			}
			s.MacroF1 += c.F1
			present++
		}
		s.PerClass[name] = c
	}
	s.MacroF1 /= present
	rel := make([]float64, len(ps))
	isRel := make([]bool, len(ps))
	for i, p := range ps {
		rel[i], isRel[i] = p.P[0], p.Gold == "reliable"
	}
	s.AUC = AUC(rel, isRel)
	s.ECE = ECE(rel, isRel, 10)
	return s
}

func classIndex(label string) int {
	for k, c := range ArticleClasses {
		if c == label {
			return k
		}
	}
	return 1 // anything else counts as not reliable, not satire
}

// AUC is the area under the ROC curve of scores for the positives, with
// ties counted half (the Mann-Whitney statistic); NaN without both
// classes.
func AUC(score []float64, pos []bool) float64 {
	idx := make([]int, len(score))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] < score[idx[b]] })
	var np, nn, rankSum float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && score[idx[j]] == score[idx[i]] {
			j++
		}
		mid := float64(i+j+1) / 2 // average 1-based rank of the tie group
		for k := i; k < j; k++ {
			if pos[idx[k]] {
				rankSum += mid
				np++
			} else {
				nn++
			}
		}
		i = j
	}
	if np == 0 || nn == 0 {
		return math.NaN()
	}
	return (rankSum - np*(np+1)/2) / (np * nn)
}

// ECE is the expected calibration error of probabilities p over bins
// equal-width bins: the bins' |mean p - observed rate|, weighted by size.
func ECE(p []float64, pos []bool, bins int) float64 {
	n := make([]float64, bins)
	sp := make([]float64, bins)
	so := make([]float64, bins)
	for i, v := range p {
		b := min(int(v*float64(bins)), bins-1)
		b = max(b, 0)
		n[b]++
		sp[b] += v
		if pos[i] {
			so[b]++
		}
	}
	e := 0.0
	for b := range n {
		if n[b] > 0 {
			e += n[b] / float64(len(p)) * math.Abs(sp[b]/n[b]-so[b]/n[b])
		}
	}
	return e
}

// ReliabilityBins returns, per equal-width bin, the count, mean predicted
// probability and observed rate: the points of a reliability diagram.
func ReliabilityBins(p []float64, pos []bool, bins int) (n, meanP, rate []float64) {
	n = make([]float64, bins)
	meanP = make([]float64, bins)
	rate = make([]float64, bins)
	for i, v := range p {
		b := max(min(int(v*float64(bins)), bins-1), 0)
		n[b]++
		meanP[b] += v
		if pos[i] {
			rate[b]++
		}
	}
	for b := range n {
		if n[b] > 0 {
			meanP[b] /= n[b]
			rate[b] /= n[b]
		}
	}
	return n, meanP, rate
}
