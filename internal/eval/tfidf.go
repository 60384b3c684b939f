package eval

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/credence-news/credence/internal/linear"
)

// TFIDFBaseline is the plain baseline the verdict is compared with, as
// scikit-learn users build it: TfidfVectorizer(ngram_range=(1, 2)) with its
// defaults (lower case, tokens of two or more word characters, raw counts,
// smoothed idf, unit length) and a multinomial LogisticRegression with
// C=1, fitted to the same optimum by L-BFGS.
// bench/verdict/tfidf_lr.py runs scikit-learn itself on the same folds.
// It returns P(reliable), P(fake), P(satire) for each test text.
func TFIDFBaseline(trainText []string, trainLabel []string, testText []string) [][3]float64 {
	vocab := map[string]int{}
	df := []float64{}
	trainDocs := make([]map[int]float64, len(trainText))
	for i, t := range trainText {
		counts := map[int]float64{}
		for _, g := range ngrams(t) {
			id, ok := vocab[g]
			if !ok {
				id = len(vocab)
				vocab[g] = id
				df = append(df, 0)
			}
			if counts[id] == 0 {
				df[id]++
			}
			counts[id]++
		}
		trainDocs[i] = counts
	}
	n := float64(len(trainText))
	idf := make([]float64, len(df))
	for i, d := range df {
		idf[i] = math.Log((1+n)/(1+d)) + 1
	}
	vec := func(counts map[int]float64) ([]int, []float64) {
		ids := make([]int, 0, len(counts))
		for id := range counts {
			ids = append(ids, id)
		}
		sort.Ints(ids)
		vals := make([]float64, len(ids))
		norm := 0.0
		for k, id := range ids {
			vals[k] = counts[id] * idf[id]
			norm += vals[k] * vals[k]
		}
		if norm > 0 {
			norm = math.Sqrt(norm)
			for k := range vals {
				vals[k] /= norm
			}
		}
		return ids, vals
	}
	type sparse struct {
		ids  []int
		vals []float64
		y    int
	}
	rows := make([]sparse, len(trainText))
	for i := range trainDocs {
		ids, vals := vec(trainDocs[i])
		rows[i] = sparse{ids, vals, classIndex(trainLabel[i])}
	}
	// Multinomial logistic regression, C=1, as scikit-learn's lbfgs
	// solves it: minimise the summed log-loss plus half the squared
	// weights (the intercepts are not penalised), here by L-BFGS to the
	// same tolerance.
	const k = 3
	dim := len(vocab)
	obj := func(x, g []float64) float64 {
		w, b := x[:k*dim], x[k*dim:]
		clear(g)
		gw, gb := g[:k*dim], g[k*dim:]
		v := 0.0
		for j, wj := range w {
			v += 0.5 * wj * wj
			gw[j] = wj
		}
		for _, r := range rows {
			var z [k]float64
			for c := 0; c < k; c++ {
				z[c] = b[c]
				for q, id := range r.ids {
					z[c] += w[c*dim+id] * r.vals[q]
				}
			}
			p := softmax(z)
			v -= math.Log(math.Max(p[r.y], 1e-300))
			for c := 0; c < k; c++ {
				d := p[c]
				if c == r.y {
					d--
				}
				gb[c] += d
				for q, id := range r.ids {
					gw[c*dim+id] += d * r.vals[q]
				}
			}
		}
		return v
	}
	x := make([]float64, k*dim+k)
	linear.Minimize(obj, x, 1000, 1e-4)
	w, b := x[:k*dim], x[k*dim:]
	prob := func(ids []int, vals []float64) [k]float64 {
		var z [k]float64
		for c := 0; c < k; c++ {
			z[c] = b[c]
			for q, id := range ids {
				z[c] += w[c*dim+id] * vals[q]
			}
		}
		return softmax(z)
	}
	out := make([][3]float64, len(testText))
	for i, t := range testText {
		counts := map[int]float64{}
		for _, g := range ngrams(t) {
			if id, ok := vocab[g]; ok {
				counts[id]++
			}
		}
		ids, vals := vec(counts)
		out[i] = prob(ids, vals)
	}
	return out
}

func softmax(z [3]float64) [3]float64 {
	m := math.Max(z[0], math.Max(z[1], z[2]))
	var s float64
	var p [3]float64
	for c := range z {
		p[c] = math.Exp(z[c] - m)
		s += p[c]
	}
	for c := range p {
		p[c] /= s
	}
	return p
}

// ngrams are scikit-learn's default word 1- and 2-grams: lower case,
// tokens of two or more word characters (letters, digits, underscore).
func ngrams(text string) []string {
	var toks []string
	start := -1
	text = strings.ToLower(text)
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
		if word && start < 0 {
			start = i
		} else if !word && start >= 0 {
			if len([]rune(text[start:i])) >= 2 {
				toks = append(toks, text[start:i])
			}
			start = -1
		}
	}
	if start >= 0 && len([]rune(text[start:])) >= 2 {
		toks = append(toks, text[start:])
	}
	out := append([]string(nil), toks...)
	for i := 1; i < len(toks); i++ {
		out = append(out, toks[i-1]+" "+toks[i])
	}
	return out
}
