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
// C=1, here fitted by AdaGrad stochastic gradient descent in a fixed order.
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
	// Multinomial logistic regression, C=1: the summed log-loss plus half
	// the squared weights, i.e. a per-article L2 of 1/n.
	const k = 3
	dim := len(vocab)
	w := make([]float64, k*dim)
	b := make([]float64, k)
	gw := make([]float64, k*dim)
	gb := make([]float64, k)
	lambda := 1 / n
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	sh := linear.Shuffler(0x7f1d)
	const eta = 0.5
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
	for e := 0; e < 30; e++ {
		sh.Shuffle(order)
		for _, i := range order {
			r := rows[i]
			p := prob(r.ids, r.vals)
			for c := 0; c < k; c++ {
				g := p[c]
				if c == r.y {
					g--
				}
				gb[c] += g * g
				b[c] -= eta * g / (math.Sqrt(gb[c]) + 1e-8)
				for q, id := range r.ids {
					j := c*dim + id
					gj := g*r.vals[q] + lambda*w[j]
					gw[j] += gj * gj
					w[j] -= eta * gj / (math.Sqrt(gw[j]) + 1e-8)
				}
			}
		}
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
