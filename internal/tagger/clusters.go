package tagger

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/credence-news/credence/internal/fnv1a"
)

// Word clusters are induced from raw text, as distributional-similarity
// classes are in other taggers: every word seen at least clusterMinCount
// times is a vector of the positive pointwise mutual information of its
// left and right neighbours (the most frequent words, lower-cased), and
// spherical k-means groups the vectors, once coarsely and once finely. A
// word's clusters are features of both models, so words rare in the
// labelled data borrow the weights of words used like them.

const (
	clusterMinCount = 5
	clusterContexts = 1000
	clusterMaxVocab = 60000
	clustersCoarse  = 64
	clustersFine    = 512
	kmeansRounds    = 12
)

type sparseVec struct {
	idx []int32
	val []float32
}

// buildClusters returns word hash -> coarse cluster+1 | (fine cluster+1)<<16.
func buildClusters(corpus [][]string, seed uint64) map[uint64]uint32 {
	counts := map[string]int{}
	lowerCounts := map[string]int{}
	for _, s := range corpus {
		for _, w := range s {
			counts[w]++
			lowerCounts[strings.ToLower(w)]++
		}
	}
	vocab := make([]string, 0, len(counts))
	for w, c := range counts {
		if c >= clusterMinCount {
			vocab = append(vocab, w)
		}
	}
	byCount := func(ws []string, c map[string]int) {
		sort.Slice(ws, func(i, j int) bool {
			if c[ws[i]] != c[ws[j]] {
				return c[ws[i]] > c[ws[j]]
			}
			return ws[i] < ws[j]
		})
	}
	byCount(vocab, counts)
	if len(vocab) > clusterMaxVocab {
		vocab = vocab[:clusterMaxVocab]
	}
	if len(vocab) < clustersFine {
		return nil
	}
	ctxWords := make([]string, 0, len(lowerCounts))
	for w := range lowerCounts {
		ctxWords = append(ctxWords, w)
	}
	byCount(ctxWords, lowerCounts)
	ctxWords = ctxWords[:min(clusterContexts, len(ctxWords))]
	ctxID := make(map[string]int32, len(ctxWords)+1)
	for i, w := range ctxWords {
		ctxID[w] = int32(i)
	}
	nCtx := int32(len(ctxWords))
	const boundary = -1
	dims := 2*nCtx + 2 // left, right, sentence start, sentence end
	wid := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		wid[w] = int32(i)
	}
	cooc := make([]map[int32]float64, len(vocab))
	for i := range cooc {
		cooc[i] = map[int32]float64{}
	}
	ctxTotals := make([]float64, dims)
	ctxOf := func(s []string, j int) int32 {
		if j < 0 || j >= len(s) {
			return boundary
		}
		if c, ok := ctxID[strings.ToLower(s[j])]; ok {
			return c
		}
		return -2
	}
	for _, s := range corpus {
		for j, w := range s {
			i, ok := wid[w]
			if !ok {
				continue
			}
			if l := ctxOf(s, j-1); l >= 0 {
				cooc[i][l]++
				ctxTotals[l]++
			} else if l == boundary {
				cooc[i][2*nCtx]++
				ctxTotals[2*nCtx]++
			}
			if r := ctxOf(s, j+1); r >= 0 {
				cooc[i][nCtx+r]++
				ctxTotals[nCtx+r]++
			} else if r == boundary {
				cooc[i][2*nCtx+1]++
				ctxTotals[2*nCtx+1]++
			}
		}
	}
	var sumCtx float64
	for _, c := range ctxTotals {
		sumCtx += c
	}
	vecs := make([]sparseVec, len(vocab))
	for i, m := range cooc {
		keys := make([]int32, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
		var rowSum float64
		for _, k := range keys {
			rowSum += m[k]
		}
		v := sparseVec{}
		var norm float64
		for _, k := range keys {
			pmi := math.Log(m[k] * sumCtx / (rowSum * ctxTotals[k]))
			if pmi <= 0 {
				continue
			}
			v.idx = append(v.idx, k)
			v.val = append(v.val, float32(pmi))
			norm += float64(float32(pmi) * float32(pmi))
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for j := range v.val {
				v.val[j] = float32(v.val[j] * inv)
			}
		}
		vecs[i] = v
	}
	coarse := kmeans(vecs, int(dims), clustersCoarse, seed)
	fine := kmeans(vecs, int(dims), clustersFine, seed+1)
	out := make(map[uint64]uint32, len(vocab))
	for i, w := range vocab {
		out[fnv1a.Hash64(w)&keyMask] = uint32(coarse[i]+1) | uint32(fine[i]+1)<<16
	}
	return out
}

// kmeans is spherical k-means over unit vectors with a fixed number of
// rounds, started from k vectors drawn with seed.
func kmeans(vecs []sparseVec, dims, k int, seed uint64) []int32 {
	rng := rand.NewPCG(seed, 0xc1057e55)
	order := make([]int32, len(vecs))
	for i := range order {
		order[i] = int32(i)
	}
	shuffle(rng, order)
	cent := make([][]float32, k)
	for c := range cent {
		cent[c] = make([]float32, dims)
		v := vecs[order[c]]
		for j, ix := range v.idx {
			cent[c][ix] = v.val[j]
		}
	}
	assign := make([]int32, len(vecs))
	workers := runtime.GOMAXPROCS(0)
	for round := 0; round < kmeansRounds; round++ {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(vecs); i += workers {
					v := vecs[i]
					best, bestS := int32(0), float32(-1)
					for c := range cent {
						cc := cent[c]
						var s float32
						for j, ix := range v.idx {
							s += float32(v.val[j] * cc[ix])
						}
						if s > bestS {
							best, bestS = int32(c), s
						}
					}
					assign[i] = best
				}
			}()
		}
		wg.Wait()
		if round == kmeansRounds-1 {
			break
		}
		for c := range cent {
			clear(cent[c])
		}
		for i, v := range vecs {
			cc := cent[assign[i]]
			for j, ix := range v.idx {
				cc[ix] += v.val[j]
			}
		}
		for c := range cent {
			var norm float64
			for _, x := range cent[c] {
				norm += float64(x * x)
			}
			if norm == 0 {
				continue
			}
			inv := float32(1 / math.Sqrt(norm))
			for j := range cent[c] {
				cent[c][j] = float32(cent[c][j] * inv)
			}
		}
	}
	return assign
}
