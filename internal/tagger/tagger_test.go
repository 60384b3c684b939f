package tagger

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/fnv1a"
)

// synthetic makes n small tagged sentences from templates.
func synthetic(n int) []Sentence {
	people := [][2]string{{"Maria", "Zakharova"}, {"Sergei", "Lavrov"}, {"John", "Kerry"}, {"Angela", "Merkel"}, {"Boris", "Johnson"}}
	places := []string{"Moscow", "Paris", "Berlin", "London", "Washington"}
	orgs := [][2]string{{"Foreign", "Ministry"}, {"State", "Department"}, {"European", "Commission"}}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	var out []Sentence
	for i := range n {
		p, pl, o, d := people[i%len(people)], places[(i/2)%len(places)], orgs[(i/3)%len(orgs)], days[(i/5)%len(days)]
		switch i % 3 {
		case 0:
			out = append(out, Sentence{
				Words: []string{p[0], p[1], "told", "reporters", "in", pl, "on", d, "."},
				POS:   []string{"NNP", "NNP", "VBD", "NNS", "IN", "NNP", "IN", "NNP", "."},
				NER:   []string{"B-PERSON", "I-PERSON", "O", "O", "O", "B-LOC", "O", "B-DATE", "O"},
			})
		case 1:
			out = append(out, Sentence{
				Words: []string{"The", o[0], o[1], "said", "12", "people", "were", "hurt", "."},
				POS:   []string{"DT", "NNP", "NNP", "VBD", "CD", "NNS", "VBD", "VBN", "."},
				NER:   []string{"O", "B-ORG", "I-ORG", "O", "B-NUMBER", "O", "O", "O", "O"},
			})
		default:
			out = append(out, Sentence{
				Words: []string{p[1], "visited", pl, "with", "the", "minister", "."},
				POS:   []string{"NNP", "VBD", "NNP", "IN", "DT", "NN", "."},
				NER:   []string{"B-PERSON", "O", "B-LOC", "O", "O", "O", "O"},
			})
		}
	}
	return out
}

var smallConfig = Config{POSIterations: 3, NERIterations: 3, Seed: 7, Jackknife: 2, NoGazetteer: true}

func trainSmall(t *testing.T) *Model {
	t.Helper()
	m, err := Train(smallConfig, synthetic(60), nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func modelBytes(t *testing.T, m *Model) []byte {
	t.Helper()
	var b bytes.Buffer
	n, err := m.WriteTo(&b)
	if err != nil || n != int64(b.Len()) {
		t.Fatalf("WriteTo: %d bytes reported, %d written, %v", n, b.Len(), err)
	}
	return b.Bytes()
}

func TestTokenFeatures(t *testing.T) {
	var tk tok
	fillTok(&tk, "Zakharova's", nil)
	if tk.shape != fnv1a.Hash64("Xxxxx'x") || tk.short != fnv1a.Hash64("Xx'x") {
		t.Errorf("shape of Zakharova's is not Xxxxx'x / Xx'x")
	}
	if tk.word != fnv1a.Hash64("Zakharova's")&keyMask || tk.lower != fnv1a.Hash64("zakharova's")&keyMask {
		t.Errorf("word or lower-case hash")
	}
	for k, want := range []string{"z", "za", "zak", "zakh", "zakha", "zakhar"} {
		if tk.pre[k] != fnv1a.Hash64(want) {
			t.Errorf("prefix %d is not %q", k+1, want)
		}
	}
	for k, want := range []string{"s", "'s", "a's", "va's", "ova's", "rova's"} {
		if tk.suf[k] != fnv1a.Hash64(want) {
			t.Errorf("suffix %d is not %q", k+1, want)
		}
	}
	for w, want := range map[string]string{"2016": "dddd", "U.S.": "X.X.", "COVID-19": "XXXX-dd", "Élysée": "Xxxxx", "–": "o"} {
		fillTok(&tk, w, nil)
		if tk.shape != fnv1a.Hash64(want) {
			t.Errorf("shape of %q is not %q", w, want)
		}
	}
	caps := map[string]uint8{"moscow": capLower, "Moscow": capInit, "NATO": capAll, "I": capOne, "iPhone": capMixed, "42": capNone, "McDonald": capMixed}
	for w, want := range caps {
		fillTok(&tk, w, nil)
		if tk.cap != want {
			t.Errorf("cap class of %q = %d, want %d", w, tk.cap, want)
		}
	}
	open := false
	got := []string{normWord(`"`, &open), normWord("(", &open), normWord(`"`, &open), normWord("“", &open), normWord("”", &open)}
	if want := []string{"``", "-LRB-", "''", "``", "''"}; !reflect.DeepEqual(got, want) {
		t.Errorf("normWord = %q, want %q", got, want)
	}
}

func TestSentenceFeatures(t *testing.T) {
	m := &Model{posTags: []string{"X"}, nerTags: make([]string, 25)}
	words := strings.Fields("Maria Zakharova told reporters in Moscow .")
	s := m.getScratch(len(words))
	ts := m.prepare(s, words)
	if len(ts) != len(words)+4 || ts[0].word != padStart || ts[len(ts)-1].word != padEnd {
		t.Fatalf("padding")
	}
	// Token 1 (Zakharova): its features name the words around it.
	pf := posFeatures(nil, ts, 3, 4, 5)
	has := func(fs []uint64, f uint64) bool {
		for _, x := range fs {
			if x == f {
				return true
			}
		}
		return false
	}
	want := []uint64{
		f1(tBias, 0),
		f1(tWord, fnv1a.Hash64("Zakharova")&keyMask),
		f1(tLowerM1, fnv1a.Hash64("maria")&keyMask),
		f1(tLowerP1, fnv1a.Hash64("told")&keyMask),
		f1(tLowerP2, fnv1a.Hash64("reporters")&keyMask),
		f1(tLowerM2, padStart),
		f2(tPrev12, 4, 5),
		f2(tFirstCap, 0, capInit),
	}
	for i, f := range want {
		if !has(pf, f) {
			t.Errorf("POS feature %d missing", i)
		}
	}
	if has(posFeatures(nil, ts, 2, noTag, noTag), f2(tFirstCap, 0, capInit)) {
		t.Errorf("the first word is not marked first")
	}
	ts[3].pos, ts[4].pos = 7, 9
	nf := nerFeatures(nil, ts, 3, 1, 0, false)
	for i, f := range []uint64{f1(tPOS, 7), f1(tPOSP1, 9), f2(tPrev1Word, 1, fnv1a.Hash64("zakharova")&keyMask), f1(tDisjR, fnv1a.Hash64("moscow")&keyMask)} {
		if !has(nf, f) {
			t.Errorf("NER feature %d missing", i)
		}
	}
	// The same input gives the same features.
	if again := nerFeatures(nil, ts, 3, 1, 0, false); !reflect.DeepEqual(nf, again) {
		t.Errorf("features differ between calls")
	}
}

func TestTrainDeterministic(t *testing.T) {
	a, b := modelBytes(t, trainSmall(t)), modelBytes(t, trainSmall(t))
	if !bytes.Equal(a, b) {
		t.Fatalf("two trainings gave different model files (%d and %d bytes)", len(a), len(b))
	}
	cfg := smallConfig
	cfg.Seed++
	m, err := Train(cfg, synthetic(60), nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, modelBytes(t, m)) {
		t.Errorf("the seed makes no difference")
	}
}

func TestRoundTripAndTag(t *testing.T) {
	m := trainSmall(t)
	b := modelBytes(t, m)
	m2, err := Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, modelBytes(t, m2)) {
		t.Errorf("WriteTo(Load(WriteTo(m))) differs")
	}
	if m2.Info() != m.Info() || !reflect.DeepEqual(m2.POSTags(), m.POSTags()) || !reflect.DeepEqual(m2.NERTags(), m.NERTags()) {
		t.Errorf("metadata differs after Load")
	}
	words := strings.Fields("Sergei Lavrov told reporters in Berlin on Monday .")
	for _, mm := range []*Model{m, m2} {
		pos, ner := make([]string, len(words)), make([]string, len(words))
		mm.Tag(words, pos, ner)
		if got := strings.Join(ner, " "); got != "B-PERSON I-PERSON O O O B-LOC O B-DATE O" {
			t.Errorf("NER = %s", got)
		}
		if got := strings.Join(pos, " "); got != "NNP NNP VBD NNS IN NNP IN NNP ." {
			t.Errorf("POS = %s", got)
		}
	}
	// Bad files.
	if _, err := Load(strings.NewReader("not gzip")); err == nil {
		t.Errorf("Load accepted garbage")
	}
	if _, err := Load(bytes.NewReader(b[:len(b)/2])); err == nil {
		t.Errorf("Load accepted a truncated file")
	}
	// Empty input and nil outputs.
	m.Tag(nil, nil, nil)
	m.Tag(words, nil, make([]string, len(words)))
}

func TestTrainErrors(t *testing.T) {
	if _, err := Train(Config{}, nil, nil); err == nil {
		t.Errorf("no sentences accepted")
	}
	bad := []Sentence{{Words: []string{"a", "b"}, POS: []string{"DT"}, NER: []string{"O", "O"}}}
	if _, err := Train(Config{}, bad, nil); err == nil {
		t.Errorf("misaligned tags accepted")
	}
	bad = []Sentence{{Words: []string{"a"}, POS: []string{"DT"}, NER: []string{"B-FOO"}}}
	if _, err := Train(Config{}, bad, nil); err == nil {
		t.Errorf("unknown NER tag accepted")
	}
}

func TestTagAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under the race detector")
	}
	m := trainSmall(t)
	words := strings.Fields("Sergei Lavrov told reporters in Berlin on Monday .")
	pos, ner := make([]string, len(words)), make([]string, len(words))
	m.Tag(words, pos, ner)
	if n := testing.AllocsPerRun(100, func() { m.Tag(words, pos, ner) }); n > 0 {
		t.Errorf("Tag allocates %v times per sentence", n)
	}
}

func TestTagConcurrent(t *testing.T) {
	m := trainSmall(t)
	words := strings.Fields("Sergei Lavrov told reporters in Berlin on Monday .")
	want := make([]string, len(words))
	m.Tag(words, nil, want)
	done := make(chan string)
	for range 4 {
		go func() {
			ner := make([]string, len(words))
			for range 200 {
				m.Tag(words, nil, ner)
			}
			done <- strings.Join(ner, " ")
		}()
	}
	for range 4 {
		if got := <-done; got != strings.Join(want, " ") {
			t.Errorf("concurrent Tag = %s", got)
		}
	}
}

func TestRunsToIOB2(t *testing.T) {
	got := runsToIOB2([]string{"", "PERSON", "PERSON", "ORG", "", "DATE"})
	if want := []string{"O", "B-PERSON", "I-PERSON", "B-ORG", "O", "B-DATE"}; !reflect.DeepEqual(got, want) {
		t.Errorf("runsToIOB2 = %v", got)
	}
}

func TestTokenize(t *testing.T) {
	text := "Russia’s envoy didn't say \"no\" (really). We'll see."
	var got []string
	for _, s := range Tokenize(text) {
		for _, w := range s {
			got = append(got, w.Text+"="+text[w.Start:w.End])
		}
		got = append(got, "|")
	}
	want := "Russia=Russia 's=’s envoy=envoy did=did n't=n't say=say ``=\" no=no ''=\" (=( really=really )=) .=. | We=We 'll='ll see=see .=. |"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("Tokenize:\n got %s\nwant %s", g, want)
	}
}

func ExampleModel_Tag() {
	m, err := Default()
	if err != nil {
		panic(err)
	}
	words := strings.Fields("Maria Zakharova told reporters in Moscow on Wednesday .")
	pos, ner := make([]string, len(words)), make([]string, len(words))
	m.Tag(words, pos, ner)
	for i := range words {
		fmt.Println(words[i], pos[i], ner[i])
	}
	// Output:
	// Maria NNP B-PERSON
	// Zakharova NNP I-PERSON
	// told VBD O
	// reporters NNS O
	// in IN O
	// Moscow NNP B-LOC
	// on IN O
	// Wednesday NNP B-DATE
	// . . O
}
func TestInsertItem(t *testing.T) {
	var b []beamItem
	for _, x := range []beamItem{
		{score: 5, p1: 1, p2: 0}, {score: 7, p1: 2, p2: 0}, {score: 6, p1: 1, p2: 0}, // same state as the first, better
		{score: 4, p1: 3, p2: 0}, {score: 1, p1: 4, p2: 0}, {score: 6, p1: 2, p2: 0}, // same state, worse: dropped
		{score: 6, p1: 5, p2: 0}, // tie with an earlier item: after it
	} {
		b = insertItem(b, 3, x)
	}
	got := []uint8{}
	for _, x := range b {
		got = append(got, x.p1)
	}
	if want := []uint8{2, 1, 5}; !reflect.DeepEqual(got, want) {
		t.Errorf("beam %v, want %v", got, want)
	}
}

func TestGreedyAndBeamModels(t *testing.T) {
	for _, beam := range []int{1, 3} {
		cfg := smallConfig
		cfg.NERBeam = beam
		m, err := Train(cfg, synthetic(60), nil)
		if err != nil {
			t.Fatal(err)
		}
		m2, err := Load(bytes.NewReader(modelBytes(t, m)))
		if err != nil {
			t.Fatal(err)
		}
		if max(m2.nerBeam, 1) != beam || max(m.nerBeam, 1) != beam {
			t.Errorf("beam %d: model says %d, loaded %d", beam, m.nerBeam, m2.nerBeam)
		}
		words := strings.Fields("Sergei Lavrov told reporters in Paris on Monday .")
		ner := make([]string, len(words))
		m2.Tag(words, nil, ner)
		if want := []string{"B-PERSON", "I-PERSON", "O", "O", "O", "B-LOC", "O", "B-DATE", "O"}; !reflect.DeepEqual(ner, want) {
			t.Errorf("beam %d: %v, want %v", beam, ner, want)
		}
	}
}

// beamStep's shortcuts (for tokens tagged O without scoring, and offering
// only each hypothesis's best classes) give the beam that inserting every
// item with insertItem gives: random beams whose hypotheses share tags,
// scores with many ties, tokens skipped for every hypothesis, for some,
// or none.
func TestBeamStepShortcutMatchesInsertItem(t *testing.T) {
	ref := func(cur []beamItem, width int, score func(p1, p2 uint8) []int32) []beamItem {
		var next []beamItem
		for bi, it := range cur {
			sc := score(it.p1, it.p2)
			if sc == nil {
				next = insertItem(next, width, beamItem{score: it.score, p1: 0, p2: it.p1, back: int32(bi)})
				continue
			}
			for c, v := range sc {
				if allowedIOB(uint8(c), it.p1) {
					next = insertItem(next, width, beamItem{score: it.score + int64(v), p1: uint8(c), p2: it.p1, back: int32(bi)})
				}
			}
		}
		return next
	}
	r := rand.New(rand.NewPCG(1, 2))
	const classes = 7
	for trial := range 20000 {
		width := 1 + r.IntN(5)
		var cur []beamItem
		for range 1 + r.IntN(8) {
			cur = insertItem(cur, width, beamItem{score: int64(r.IntN(6)), p1: uint8(r.IntN(classes)), p2: uint8(r.IntN(classes)), back: int32(r.IntN(3))})
		}
		mode := r.IntN(3) // 0: every hypothesis skipped, 1: some, 2: none
		skip := make([]bool, len(cur))
		scores := make([][]int32, len(cur))
		for i := range cur {
			skip[i] = mode == 0 || mode == 1 && r.IntN(2) == 0
			scores[i] = make([]int32, classes)
			for c := range scores[i] {
				scores[i][c] = int32(r.IntN(4))
			}
		}
		k := 0
		score := func(p1, p2 uint8) []int32 {
			i := k
			k++
			if skip[i] {
				return nil
			}
			return scores[i]
		}
		want := ref(cur, width, score)
		k = 0
		got := beamStep(cur, make([]beamItem, 0, width), width, score)
		if !reflect.DeepEqual(append([]beamItem{}, got...), append([]beamItem{}, want...)) {
			t.Fatalf("trial %d (width %d, cur %v, skip %v): beamStep %v, insertItem %v", trial, width, cur, skip, got, want)
		}
	}
}

// allowedAfter is allowedIOB as a set, for every previous class.
func TestAllowedAfterIsAllowedIOB(t *testing.T) {
	const n = 25
	for prev := range 256 {
		if prev >= n && prev != noTag {
			continue
		}
		mask := allowedAfter(uint8(prev), n)
		for c := range n {
			if got, want := mask>>c&1 == 1, allowedIOB(uint8(c), uint8(prev)); got != want {
				t.Errorf("class %d after %d: allowedAfter %v, allowedIOB %v", c, prev, got, want)
			}
		}
	}
}
