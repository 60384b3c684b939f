package dedup

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/credence-news/credence/internal/fnv1a"
)

func TestWordHashes(t *testing.T) {
	got := wordHashes("The council’s “Tidewater Bridge” vote: 7–6, in 2026! ÉLÉE")
	var want []uint64
	for _, w := range []string{"the", "councils", "tidewater", "bridge", "vote", "7", "6", "in", "2026", "élée"} {
		want = append(want, fnv1a.Hash64(w))
	}
	if !slices.Equal(got, want) {
		t.Errorf("wordHashes = %x, want the hashes of the lower-cased words", got)
	}
}

func TestSignatureIsStable(t *testing.T) {
	text := "The Harbourton council voted on Tuesday to replace the Tidewater Bridge, the swing bridge that opened in 1934."
	a, b := Default.Sign(text), Default.Sign(text)
	if len(a) != 128 || !slices.Equal(a, b) {
		t.Fatalf("signature length %d, or not the same twice", len(a))
	}
	// Fixed values: a stored signature must stay comparable across
	// releases and platforms (change them only with a store migration).
	if a[0] != 0xce0e4d29 || a[127] != 0x6c45c6e2 {
		t.Errorf("signature starts %#08x and ends %#08x", a[0], a[127])
	}
	if Default.Sign("too short to shingle") != nil {
		t.Error("a text under five words has a signature")
	}
	// Capitals and punctuation do not change the shingles.
	if Similarity(a, Default.Sign("the harbourton council voted on tuesday to replace the tidewater bridge the swing bridge that opened in 1934")) != 1 {
		t.Error("case and punctuation changed the signature")
	}
}

// sample is the shipped sample corpus with its truth.
type sampleArticle struct {
	ID, Title, Text string
	Root, Parent    string
	Role            string
}

func loadSample(t *testing.T) []sampleArticle {
	t.Helper()
	read := func(path string, each func([]byte)) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			each(sc.Bytes())
		}
	}
	var out []sampleArticle
	read("../examples/corpus/sample.jsonl", func(b []byte) {
		var a struct{ ID, Title, Text string }
		json.Unmarshal(b, &a)
		out = append(out, sampleArticle{ID: a.ID, Title: a.Title, Text: a.Text})
	})
	i := 0
	read("../examples/corpus/sample-truth.jsonl", func(b []byte) {
		var tr struct {
			ID, Role, Root string
			DerivedFrom    *string `json:"derived_from"`
		}
		json.Unmarshal(b, &tr)
		if out[i].ID != tr.ID {
			t.Fatalf("truth line %d is %s, corpus line is %s", i+1, tr.ID, out[i].ID)
		}
		out[i].Role, out[i].Root = tr.Role, tr.Root
		if tr.DerivedFrom != nil {
			out[i].Parent = *tr.DerivedFrom
		}
		i++
	})
	return out
}

// TestSampleCopies indexes the sample corpus in order and scores the
// pairs found against its truth: a pair is right when both articles
// descend from the same original (a copy of a copy counts), wrong when
// they do not (independent reports of one event are not copies); recall
// is over the pairs of an article and the one it was derived from.
func TestSampleCopies(t *testing.T) {
	arts := loadSample(t)
	root := map[string]string{}
	for _, a := range arts {
		root[a.ID] = a.Root
	}
	ix := NewIndex(Default)
	found := map[[2]string]bool{}
	right, wrong := 0, 0
	for _, a := range arts {
		for _, m := range ix.Add(a.ID, Default.Sign(a.Text)) {
			found[[2]string{a.ID, m.ID}] = true
			if root[a.ID] != "" && root[a.ID] == root[m.ID] {
				right++
			} else {
				wrong++
				t.Logf("not copies: %s ~ %s (%.2f)", a.ID, m.ID, m.Similarity)
			}
		}
	}
	pairs, hit := 0, 0
	var missed []string
	for _, a := range arts {
		if a.Parent == "" {
			continue
		}
		pairs++
		if found[[2]string{a.ID, a.Parent}] || found[[2]string{a.Parent, a.ID}] {
			hit++
		} else {
			missed = append(missed, a.Role+" "+a.ID+" of "+a.Parent)
		}
	}
	precision := float64(right) / float64(right+wrong)
	recall := float64(hit) / float64(pairs)
	t.Logf("pairs found %d (right %d, wrong %d): precision %.3f; copy→parent pairs %d, found %d: recall %.3f", right+wrong, right, wrong, precision, pairs, hit, recall)
	for _, m := range missed {
		t.Logf("missed: %s", m)
	}
	if precision < 0.95 {
		t.Errorf("precision %.3f, want at least 0.95", precision)
	}
	if recall < 0.8 {
		t.Errorf("recall %.3f, want at least 0.8", recall)
	}
}

func TestIndexIsIncremental(t *testing.T) {
	base := "Engineers finished repairs to the harbour wall on Friday, three months after a storm broke a section of it, the port authority said in a statement."
	ix := NewIndex(Default)
	if m := ix.Add("a", Default.Sign(base)); len(m) != 0 {
		t.Fatalf("first text matched %v", m)
	}
	if m := ix.Add("short", Default.Sign("too short")); m != nil || ix.Len() != 1 {
		t.Fatalf("a text too short to sign was matched or indexed: %v, len %d", m, ix.Len())
	}
	ix.Add("other", Default.Sign("The county's hospital staff began a two-day strike over pay on Monday, the union said, and planned operations were postponed."))
	m := ix.Add("copy", Default.Sign(base+" Ships can use the berth again from Monday."))
	if len(m) != 1 || m[0].ID != "a" || m[0].Similarity < 0.6 {
		t.Errorf("the copy's matches = %+v, want a alone", m)
	}
}

func BenchmarkSign(b *testing.B) {
	text := ""
	for len(text) < 3000 {
		text += "The Harbourton council voted on Tuesday to replace the Tidewater Bridge, the swing bridge that opened in 1934. "
	}
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Default.Sign(text)
	}
}
