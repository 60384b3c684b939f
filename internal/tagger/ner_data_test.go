package tagger

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReadNERCoNLL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.conll")
	in := "The\tDT\tO\nPakistani\tJJ\tB-NORP\narmy\tNN\tO\n(\tLRB\tO\nin\tIN\tO\nOrakzai\tNNP\tB-LOC\n)\tRRB\tO\non\tIN\tO\nThursday\tNNP\tB-DATE\n;\t;\tO\n\n" +
		"@paulwalk\t_\tO\nloves\t_\tO\nNew\t_\tB-LOC\nYork\t_\tI-LOC\n\n"
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadNERCoNLL(path, []string{"NUMBER"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d sentences, want 2", len(got))
	}
	if s := strings.Join(got[0].NER, " "); s != "O B-MISC O O O B-LOC O O B-DATE O" {
		t.Errorf("NER = %s", s)
	}
	if s := strings.Join(got[0].POS, " "); s != "DT JJ NN -LRB- IN NNP -RRB- IN NNP :" {
		t.Errorf("POS = %s", s)
	}
	if got[1].POS != nil || !reflect.DeepEqual(got[1].Masked, []string{"NUMBER"}) {
		t.Errorf("second sentence: POS %q, masked %q; want nil POS and NUMBER masked", got[1].POS, got[1].Masked)
	}
	if err := os.WriteFile(path, []byte("a\tDT\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadNERCoNLL(path, nil, 1); err == nil {
		t.Errorf("two columns accepted")
	}
}

// Sentences without POS tags and with masked types train, and the masked
// types are not unlearned: "12" stays a NUMBER though the added sentences
// (with NUMBER masked) tag it O.
func TestTrainMasked(t *testing.T) {
	train := synthetic(60)
	for i := range 200 {
		train = append(train, Sentence{
			Words:  []string{"The", "State", "Department", "said", "12", "people", "were", "hurt", "."},
			NER:    []string{"O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"},
			Masked: []string{"NUMBER", "DATE"},
			Domain: 1,
		})
		if i%2 == 0 {
			train[len(train)-1].POS = []string{"DT", "NNP", "NNP", "VBD", "CD", "NNS", "VBD", "VBN", "."}
		}
	}
	for _, beam := range []int{1, 4, -4} {
		cfg := smallConfig
		cfg.NERBeam, cfg.DomainFeatures = max(beam, -beam), beam < 0
		m, err := Train(cfg, train, nil)
		if err != nil {
			t.Fatal(err)
		}
		words := strings.Fields("The State Department said 12 people were hurt .")
		ner := make([]string, len(words))
		m.Tag(words, nil, ner)
		if ner[4] != "B-NUMBER" {
			t.Errorf("beam %d: %q tagged %s, want B-NUMBER", beam, words[4], ner[4])
		}
	}
}
