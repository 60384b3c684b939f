package checkworthy

import (
	"sort"
	"strings"
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
