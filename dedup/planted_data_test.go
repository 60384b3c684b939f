//go:build data

package dedup

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
)

// plantedCorpus is 20,000 texts: the 4,683 articles of the shared
// corpora (train, CoAID, the FakeNewsCorpus sample) with copies planted
// among them, and unrelated texts made of sentences drawn from different
// articles (so the corpus reaches 20,000 without exact repeats). Each
// planted copy takes an article and applies two to five edits: a
// sentence reworded (words swapped for synonyms), a paragraph of another
// article added, a sentence (often a quote) cut, a headline sentence
// prepended. planted maps a copy's index to its original's.
func plantedCorpus(t *testing.T) (texts []string, planted map[int]int) {
	t.Helper()
	dir := shareddata.Dir(t, "datasets", "articles")
	var base []string
	for _, name := range []string{"train.jsonl", "coaid.jsonl", "fakenewscorpus-sample.jsonl"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<26)
		for sc.Scan() {
			var a struct{ Text string }
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatal(err)
			}
			base = append(base, a.Text)
		}
		f.Close()
	}
	rng := rand.New(rand.NewPCG(16, 1))
	sentences := func(s string) []string {
		var out []string
		for _, p := range strings.SplitAfter(s, ". ") {
			if strings.TrimSpace(p) != "" {
				out = append(out, p)
			}
		}
		return out
	}
	synonyms := strings.NewReplacer(" said ", " stated ", " the ", " this ", " people ", " residents ",
		" government ", " administration ", " new ", " fresh ", " on ", " upon ", " said.", " told reporters.")
	texts = append(texts, base...)
	planted = map[int]int{}
	// Copies of whole articles (150 words or more; the shorter CoAID
	// texts are snippets, not articles a site would rewrite), two to four
	// edits each.
	for len(planted) < 2000 {
		o := rng.IntN(len(base))
		ss := sentences(base[o])
		if len(strings.Fields(base[o])) < 150 || len(ss) < 6 {
			continue
		}
		edits := 2 + rng.IntN(3)
		for e := 0; e < edits; e++ {
			switch i := rng.IntN(len(ss)); rng.IntN(4) {
			case 0: // reword a sentence
				ss[i] = synonyms.Replace(ss[i])
			case 1: // add a paragraph of another article
				other := sentences(base[rng.IntN(len(base))])
				if len(other) == 0 {
					continue
				}
				ss = append(ss[:i], append([]string{"\n\n" + strings.Join(other[:min(2, len(other))], "") + "\n\n"}, ss[i:]...)...)
			case 2: // cut a sentence (prefer one holding a quote)
				for k := range ss {
					if strings.ContainsAny(ss[k], "\"“") {
						i = k
						break
					}
				}
				if len(ss) > 4 {
					ss = append(ss[:i], ss[i+1:]...)
				}
			case 3: // a new first line
				ss = append([]string{"SHOCKING: you won't believe what happened next. "}, ss...)
			}
		}
		planted[len(texts)] = o
		texts = append(texts, strings.Join(ss, ""))
	}
	// Fillers: sentences of several articles, so no two share a text.
	for len(texts) < 20000 {
		var b strings.Builder
		for n := 0; n < 4; {
			if ss := sentences(base[rng.IntN(len(base))]); len(ss) > 0 {
				b.WriteString(ss[rng.IntN(len(ss))])
				n++
			}
		}
		texts = append(texts, b.String())
	}
	return texts, planted
}

// jaccard is the true Jaccard similarity of two texts' shingle sets.
func jaccard(a, b string, k int) float64 {
	set := func(s string) map[[5]uint64]bool {
		w := wordHashes(s)
		m := map[[5]uint64]bool{}
		for i := 0; i+k <= len(w); i++ {
			var key [5]uint64
			copy(key[:], w[i:i+k])
			m[key] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	inter := 0
	for x := range sa {
		if sb[x] {
			inter++
		}
	}
	if u := len(sa) + len(sb) - inter; u > 0 {
		return float64(inter) / float64(u)
	}
	return 0
}

// TestPlantedCopies is issue 16's measure: near-duplicate precision and
// recall on copies planted in a 20,000-text corpus. Recall is over the
// planted (copy, original) pairs; a pair found is right when it is
// planted, or when the two texts really share at least 0.4 of their
// shingles (the shared corpora hold genuine duplicates, and a copy's
// original may itself be a duplicate of another article).
func TestPlantedCopies(t *testing.T) {
	texts, planted := plantedCorpus(t)
	for _, threshold := range []float64{0.5, 0.4} {
		p := Default
		p.Threshold = threshold
		t.Run(fmt.Sprint(threshold), func(t *testing.T) { scorePlanted(t, p, texts, planted) })
	}
}

func scorePlanted(t *testing.T, p Params, texts []string, planted map[int]int) {
	ix := NewIndex(p)
	found := map[[2]int]bool{}
	right, wrong := 0, 0
	for i, s := range texts {
		for _, m := range ix.Add(fmt.Sprint(i), p.Sign(s)) {
			var j int
			fmt.Sscan(m.ID, &j)
			found[[2]int{i, j}] = true
			if o, ok := planted[i]; (ok && o == j) || jaccard(s, texts[j], p.Shingle) >= p.Threshold-0.1 {
				right++
			} else {
				wrong++
			}
		}
	}
	hit, above, hitAbove := 0, 0, 0
	for c, o := range planted {
		j := jaccard(texts[c], texts[o], p.Shingle)
		if j >= p.Threshold {
			above++
		}
		if found[[2]int{c, o}] {
			hit++
			if j >= p.Threshold {
				hitAbove++
			}
		}
	}
	precision := float64(right) / float64(right+wrong)
	recall := float64(hit) / float64(len(planted))
	recallAbove := float64(hitAbove) / float64(above)
	t.Logf("threshold %.1f: %d texts, %d planted copies: %d pairs found (%d right, %d wrong), precision %.3f; recall %.3f of all planted copies, %.3f of the %d that truly share at least %.1f of their shingles",
		p.Threshold, len(texts), len(planted), right+wrong, right, wrong, precision, recall, recallAbove, above, p.Threshold)
	if precision < 0.95 || recallAbove < 0.95 {
		t.Errorf("precision %.3f, recall %.3f: want both at least 0.95", precision, recallAbove)
	}
}
