package checkworthy

import (
	"fmt"
	"sort"
	"strings"

	"github.com/credence-news/credence/internal/parallel"
)

// AveragePrecision returns the average precision of a ranking given as the
// relevance of its items, best-ranked first: the mean, over the relevant
// items, of the precision at their rank. It is 0 with no relevant item.
func AveragePrecision(ranked []bool) float64 {
	hits, sum := 0, 0.0
	for i, rel := range ranked {
		if rel {
			hits++
			sum += float64(hits) / float64(i+1)
		}
	}
	if hits == 0 {
		return 0
	}
	return sum / float64(hits)
}

// MAP returns the mean of the average precisions of rankings.
func MAP(rankings [][]bool) float64 {
	if len(rankings) == 0 {
		return 0
	}
	s := 0.0
	for _, r := range rankings {
		s += AveragePrecision(r)
	}
	return s / float64(len(rankings))
}

// Rank orders labels by score, highest first (ties keep input order) and
// returns the labels in that order.
func Rank(scores []float64, labels []bool) []bool {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
	out := make([]bool, len(idx))
	for i, k := range idx {
		out[i] = labels[k]
	}
	return out
}

// DebateAP is the average precision of one held-out debate.
type DebateAP struct {
	Debate    string
	Sentences int
	Positives int
	Removed   int // ClaimBuster sentences dropped from training as duplicates
	AP        float64
}

// Debates groups CLEF sentences by debate, in order of first appearance.
func Debates(s []CLEFSentence) (names []string, by map[string][]CLEFSentence) {
	by = map[string][]CLEFSentence{}
	for _, x := range s {
		if _, ok := by[x.Debate]; !ok {
			names = append(names, x.Debate)
		}
		by[x.Debate] = append(by[x.Debate], x)
	}
	return names, by
}

// LeaveOneDebateOut evaluates cfg on every CLEF debate: it trains on
// ClaimBuster minus every sentence whose Normalize text occurs in the
// held-out debate or shares a word 6-gram with one of its sentences
// (near-duplicates: the same sentence split or transcribed differently),
// plus (if withCLEF) the other CLEF debates, ranks the
// held-out debate's sentences and computes their average precision.
func LeaveOneDebateOut(cb []Example, clef []CLEFSentence, withCLEF bool, cfg Config) []DebateAP {
	names, by := Debates(clef)
	out := make([]DebateAP, len(names))
	done := make(chan int)
	for d := range names {
		go func() {
			out[d] = evalDebate(cb, names, by, d, withCLEF, cfg)
			done <- d
		}()
	}
	for range names {
		<-done
	}
	return out
}

func evalDebate(cb []Example, names []string, by map[string][]CLEFSentence, d int, withCLEF bool, cfg Config) DebateAP {
	held := by[names[d]]
	heldKeys := make(map[string]bool, len(held))
	heldShingles := map[string]bool{}
	for _, s := range held {
		heldKeys[Normalize(s.Text)] = true
		for _, g := range shingles(s.Text) {
			heldShingles[g] = true
		}
	}
	var train []Example
	removed := 0
	for _, e := range cb {
		if heldKeys[Normalize(e.Text)] || anyIn(shingles(e.Text), heldShingles) {
			removed++
			continue
		}
		train = append(train, e)
	}
	if withCLEF {
		for i, n := range names {
			if i != d {
				train = append(train, Examples(by[n])...)
			}
		}
	}
	m := Train(train, cfg)
	scores := make([]float64, len(held))
	labels := make([]bool, len(held))
	pos := 0
	for i, s := range held {
		scores[i], _ = m.Score(s.Text)
		labels[i] = s.Label
		if s.Label {
			pos++
		}
	}
	return DebateAP{Debate: names[d], Sentences: len(held), Positives: pos, Removed: removed, AP: AveragePrecision(Rank(scores, labels))}
}

// shingleLen is the length in words of the shingles that mark a training
// sentence as a near-duplicate of a held-out one.
const shingleLen = 6

// shingles returns the word 6-grams of Normalize(text).
func shingles(text string) []string {
	w := strings.Fields(Normalize(text))
	var out []string
	for i := 0; i+shingleLen <= len(w); i++ {
		out = append(out, strings.Join(w[i:i+shingleLen], " "))
	}
	return out
}

func anyIn(gs []string, set map[string]bool) bool {
	for _, g := range gs {
		if set[g] {
			return true
		}
	}
	return false
}

// MeanAP is the mean of the debates' average precisions.
func MeanAP(r []DebateAP) float64 {
	if len(r) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range r {
		s += x.AP
	}
	return s / float64(len(r))
}

// dedup holds, for every CLEF debate, which ClaimBuster sentences are
// (near-)duplicates of one of its sentences: the same Normalize text or a
// shared word 6-gram.
type dedup struct {
	names   []string
	by      map[string][]CLEFSentence
	removed [][]bool // removed[d][i]: ClaimBuster sentence i duplicates debate d
}

func newDedup(cb []Example, clef []CLEFSentence) *dedup {
	names, by := Debates(clef)
	keys := make([]string, len(cb))
	shs := make([][]string, len(cb))
	for i, e := range cb {
		keys[i], shs[i] = Normalize(e.Text), shingles(e.Text)
	}
	dd := &dedup{names: names, by: by, removed: make([][]bool, len(names))}
	for d, n := range names {
		heldKeys, heldShingles := map[string]bool{}, map[string]bool{}
		for _, s := range by[n] {
			heldKeys[Normalize(s.Text)] = true
			for _, g := range shingles(s.Text) {
				heldShingles[g] = true
			}
		}
		dd.removed[d] = make([]bool, len(cb))
		for i := range cb {
			dd.removed[d][i] = heldKeys[keys[i]] || anyIn(shs[i], heldShingles)
		}
	}
	return dd
}

// all is ClaimBuster then the CLEF debates in the order of names: the
// sentences the subsets of train index.
func (dd *dedup) all(cb []Example) []Example {
	out := append([]Example(nil), cb...)
	for _, n := range dd.names {
		out = append(out, Examples(dd.by[n])...)
	}
	return out
}

// train is the training set without the debates in held (indexes into
// names), as indexes into all: ClaimBuster minus the duplicates of any of
// them, then the other CLEF debates in order.
func (dd *dedup) train(ncb int, held ...int) []int {
	var out []int
	for i := 0; i < ncb; i++ {
		dup := false
		for _, d := range held {
			dup = dup || dd.removed[d][i]
		}
		if !dup {
			out = append(out, i)
		}
	}
	at := ncb
	for d, n := range dd.names {
		k := len(dd.by[n])
		if !slicesContains(held, d) {
			for i := at; i < at+k; i++ {
				out = append(out, i)
			}
		}
		at += k
	}
	return out
}

func slicesContains(s []int, x int) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// apOf fits cfg on the subset of f and returns the average precision of
// its ranking of debate d.
func (dd *dedup) apOf(f featurized, subset []int, d int, cfg Config) float64 {
	m := fit(f, subset, cfg)
	held := dd.by[dd.names[d]]
	scores, labels := make([]float64, len(held)), make([]bool, len(held))
	for i, s := range held {
		scores[i], _ = m.Score(s.Text)
		labels[i] = s.Label
	}
	return AveragePrecision(Rank(scores, labels))
}

// NestedResult is a nested leave-one-debate-out evaluation.
type NestedResult struct {
	Outer  []DebateAP // each debate ranked by the model chosen without it
	Chosen []int      // index in the configs of the choice for each debate
	// Inner[d][k] is the inner leave-one-debate-out MAP of config k on
	// the debates other than d.
	Inner [][]float64
	// Plain[k] is config k's plain leave-one-debate-out MAP on all debates
	// (what choosing on all of them sees; not an honest figure).
	Plain []float64
}

// NestedLeaveOneDebateOut evaluates the choice among cfgs honestly: for
// every debate d, each config is scored by leave-one-debate-out on the
// other debates alone (ClaimBuster deduplicated against both held-out
// debates), the best (the first among equals) is trained on everything but
// d and ranks d. Training always includes ClaimBuster and the CLEF
// debates not held out. workers bounds the trainings run at once.
func NestedLeaveOneDebateOut(cb []Example, clef []CLEFSentence, cfgs []Config, workers int) NestedResult {
	dd := newDedup(cb, clef)
	nd, nk := len(dd.names), len(cfgs)
	all := dd.all(cb)
	feats := make([]featurized, nk)
	for k := range cfgs {
		cfgs[k] = cfgs[k].withDefaults()
		feats[k] = featurize(all, cfgs[k])
	}
	inner := make([][][]float64, nd) // inner[d][k][e]
	for d := range inner {
		inner[d] = make([][]float64, nk)
		for k := range inner[d] {
			inner[d][k] = make([]float64, nd)
		}
	}
	plain := make([][]float64, nk)
	for k := range plain {
		plain[k] = make([]float64, nd)
	}
	// Jobs: (d, k, e) with e != d for the inner loops, (d, k, d) for plain.
	type job struct{ d, k, e int }
	var jobs []job
	for d := 0; d < nd; d++ {
		for k := 0; k < nk; k++ {
			for e := 0; e < nd; e++ {
				jobs = append(jobs, job{d, k, e})
			}
		}
	}
	parallel.Do(len(jobs), workers, func(i int) {
		j := jobs[i]
		if j.e == j.d {
			plain[j.k][j.d] = dd.apOf(feats[j.k], dd.train(len(cb), j.d), j.d, cfgs[j.k])
			return
		}
		inner[j.d][j.k][j.e] = dd.apOf(feats[j.k], dd.train(len(cb), j.d, j.e), j.e, cfgs[j.k])
	})
	res := NestedResult{Outer: make([]DebateAP, nd), Chosen: make([]int, nd), Inner: make([][]float64, nd), Plain: make([]float64, nk)}
	for k := range plain {
		for _, ap := range plain[k] {
			res.Plain[k] += ap / float64(nd)
		}
	}
	for d := 0; d < nd; d++ {
		res.Inner[d] = make([]float64, nk)
		best := 0
		for k := 0; k < nk; k++ {
			for e, ap := range inner[d][k] {
				if e != d {
					res.Inner[d][k] += ap / float64(nd-1)
				}
			}
			if res.Inner[d][k] > res.Inner[d][best] {
				best = k
			}
		}
		held := dd.by[dd.names[d]]
		pos, removed := 0, 0
		for _, s := range held {
			if s.Label {
				pos++
			}
		}
		for _, r := range dd.removed[d] {
			if r {
				removed++
			}
		}
		res.Chosen[d] = best
		res.Outer[d] = DebateAP{Debate: dd.names[d], Sentences: len(held), Positives: pos, Removed: removed, AP: plain[best][d]}
	}
	return res
}

// Candidates is the grid the shipped configuration was chosen from (by
// plain leave-one-debate-out MAP on the CLEF training debates; nested
// leave-one-debate-out measures that choice honestly): the old default,
// stronger L2, rare words dropped, bigrams dropped.
func Candidates() []Config {
	base := Config{Bits: 18, Epochs: 8, LearningRate: 0.1, PosWeight: 1, Seed: 1}
	mk := func(l2 float64, minCount int, noBigrams bool) Config {
		c := base
		c.L2, c.MinCount, c.NoBigrams = l2, minCount, noBigrams
		return c
	}
	return []Config{mk(1e-4, 0, false), mk(1e-3, 3, false), mk(1e-3, 3, true), mk(3e-3, 3, true), mk(1e-4, 3, true), mk(3e-3, 5, false)}
}

// Describe names a configuration's regularisation and features.
func (cfg Config) Describe() string {
	s := fmt.Sprintf("L2 %g", cfg.L2)
	if cfg.MinCount > 1 {
		s += fmt.Sprintf(", words of >= %d sentences", cfg.MinCount)
	}
	if cfg.NoBigrams {
		s += ", no bigrams"
	}
	return s
}
