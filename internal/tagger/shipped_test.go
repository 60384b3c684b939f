package tagger

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The shipped model on realistic news sentences.
func TestShippedModel(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m2, _ := Default(); m2 != m {
		t.Errorf("Default loads the model more than once")
	}
	cases := []struct {
		text string
		want map[string]string // word -> "POS NER"
	}{
		{"Russian Foreign Ministry spokeswoman Maria Zakharova told reporters in Moscow on Wednesday .",
			map[string]string{"Maria": "NNP B-PERSON", "Zakharova": "NNP I-PERSON", "Moscow": "NNP B-LOC", "Wednesday": "NNP B-DATE", "told": "VBD O", "reporters": "NNS O"}},
		{"Hillary Clinton said the FBI had found 33,000 e-mails , about 20 percent of the total .",
			map[string]string{"Hillary": "NNP B-PERSON", "Clinton": "NNP I-PERSON", "FBI": "NNP B-ORG", "33,000": "CD B-NUMBER", "20": "CD B-PERCENT", "percent": "NN I-PERCENT"}},
		{"The campaign raised $ 2 million in Ohio last month .",
			map[string]string{"$": "$ B-MONEY", "2": "CD I-MONEY", "million": "CD I-MONEY", "Ohio": "NNP B-LOC", "last": "JJ B-DATE", "month": "NN I-DATE"}},
	}
	for _, c := range cases {
		words := strings.Fields(c.text)
		pos, ner := make([]string, len(words)), make([]string, len(words))
		m.Tag(words, pos, ner)
		for i, w := range words {
			if want, ok := c.want[w]; ok && pos[i]+" "+ner[i] != want {
				t.Errorf("%q in %q: %s %s, want %s", w, c.text, pos[i], ner[i], want)
			}
		}
	}
}

// The fast path (precomputed sums of the vocabulary's word features and
// dense tables, fast.go) gives exactly the tags of the per-feature path,
// on the dev split and on text full of words outside the vocabulary.
func TestFastPathMatchesFeatures(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.fast == nil || len(m.fast.core) < 1000 {
		t.Fatalf("the shipped model has no precomputed vocabulary")
	}
	if m.fast.dictsOutsideVocab {
		t.Errorf("a word of the tag dictionary or the outside list is not in the vocabulary")
	}
	slow := &Model{posTags: m.posTags, nerTags: m.nerTags, pos: m.pos, ner: m.ner, tagdict: m.tagdict,
		outside: m.outside, useGaz: m.useGaz, useLex: m.useLex, lex: m.lex, clusters: m.clusters, nerBeam: m.nerBeam, beamMargin: m.beamMargin}
	slow.setClosed()
	sents := [][]string{
		strings.Fields(`Zxqvbt Ooglemorph-Strauss ( of Qwertyville , " the ZZZ-9 " ) told Blorfnik Ltd. in Ulaanbaatar — that 14.7 % were “ wrong ” …`),
		strings.Fields(`KIM JONG-UN'S ENVOY IN SECRET MEETING WITH LAVROV AS ZAKHAROVA BLASTS ' HYSTERICAL ' WEST`),
		{"x"}, {"."}, {`"`, `"`}, {"Lavrov"}, {"Moscow", "Talks"},
		strings.Fields("Officials Say Talks With North Korea Collapsed In Moscow"),
		strings.Fields("Putin meets Kim in Vladivostok"),
		strings.Fields("5 things to know about the Federal Reserve"),
	}
	if testing.Short() {
		sents = append(sents, strings.Fields("Russian Foreign Ministry spokeswoman Maria Zakharova told reporters in Moscow on Wednesday ."))
	} else {
		for _, s := range devSentences(t) {
			sents = append(sents, s.Words)
		}
	}
	for _, words := range sents {
		n := len(words)
		pos, ner := make([]string, n), make([]string, n)
		spos, sner := make([]string, n), make([]string, n)
		m.Tag(words, pos, ner)
		slow.Tag(words, spos, sner)
		for i := range words {
			if pos[i] != spos[i] || ner[i] != sner[i] {
				t.Fatalf("%q in %q: fast %s %s, per-feature %s %s", words[i], strings.Join(words, " "), pos[i], ner[i], spos[i], sner[i])
			}
		}
	}
}

// Stronger than comparing tags: the fast path's class scores equal the
// per-feature path's for every token, after several previous tags, POS
// and NER alike.
func TestFastScoresMatchFeatures(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	slow := &Model{posTags: m.posTags, nerTags: m.nerTags, pos: m.pos, ner: m.ner, tagdict: m.tagdict,
		outside: m.outside, useGaz: m.useGaz, useLex: m.useLex, lex: m.lex, clusters: m.clusters}
	sents := [][]string{
		strings.Fields("Officials Say Talks With North Korea Collapsed In Moscow"),
		strings.Fields(`Zxqvbt Ooglemorph-Strauss ( of Qwertyville , " the ZZZ-9 " ) told Blorfnik Ltd. in Ulaanbaatar`),
		strings.Fields("Russian Foreign Ministry spokeswoman Maria Zakharova told reporters in Moscow on Wednesday ."),
		{"WEST"}, {"x"},
	}
	nN, nP := len(m.nerTags), len(m.posTags)
	prevs := [][2]uint8{{noTag, noTag}, {0, noTag}, {0, 0}, {1, 0}, {2, 1}, {5, 0}, {6, 5}}
	for _, words := range sents {
		fs := m.getScratch(len(words))
		fts := m.prepare(fs, words)
		ss := slow.getScratch(len(words))
		sts := slow.prepare(ss, words)
		for i := range words {
			// Some POS context, the same in both.
			fts[i+2].pos, sts[i+2].pos = uint8(i%nP), uint8(i%nP)
		}
		for i := 2; i < len(words)+2; i++ {
			for _, p := range prevs {
				a, b := make([]int32, nN, scoreCap(nN)), make([]int32, nN)
				m.fastNER(fs, fts, i, p[0], p[1], a)
				ss.feats = nerFeatures(ss.feats[:0], sts, i, p[0], p[1], slow.useGaz)
				ss.offs = growOffs(ss.offs, len(ss.feats))
				slow.ner.score(ss.feats, ss.offs, b)
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("NER scores of %q in %q after %v differ:\nfast %v\nslow %v", words[i-2], strings.Join(words, " "), p, a, b)
				}
				pa, pb := make([]int32, nP, scoreCap(nP)), make([]int32, nP)
				q1, q2 := p[0], p[1] // as POS tags
				if q1 != noTag {
					q1 %= uint8(nP)
				}
				if q2 != noTag {
					q2 %= uint8(nP)
				}
				m.fastPOS(fs, fts, i, q1, q2, pa)
				ss.feats = posFeatures(ss.feats[:0], sts, i, q1, q2)
				ss.offs = growOffs(ss.offs, len(ss.feats))
				slow.pos.score(ss.feats, ss.offs, pb)
				if !reflect.DeepEqual(pa, pb) {
					t.Fatalf("POS scores of %q after %v differ", words[i-2], p)
				}
			}
		}
	}
}

// The closed-class tags that tagNERBeam may skip are classes of the
// shipped model: a renamed tag would silently switch the skip off.
func TestClosedClassesAreModelTags(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range closedPOS {
		if !slices.Contains(m.posTags, tag) {
			t.Errorf("closed-class tag %q is not a POS class of the model", tag)
		}
	}
	n := 0
	for _, c := range m.closed {
		if c {
			n++
		}
	}
	if n != len(closedPOS) {
		t.Errorf("%d closed classes marked, want %d", n, len(closedPOS))
	}
}
