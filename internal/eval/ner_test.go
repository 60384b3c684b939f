package eval

import (
	"reflect"
	"strings"
	"testing"
)

func TestChunksIOB1AndIOB2(t *testing.T) {
	cases := []struct {
		name string
		tags string
		want []Chunk
	}{
		{"iob2", "B-PER I-PER O B-LOC", []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"iob1 starts with I", "I-PER I-PER B-PER O I-LOC", []Chunk{{0, 2, "PER"}, {2, 3, "PER"}, {4, 5, "LOC"}}},
		{"I after O starts an entity", "O I-ORG I-ORG O", []Chunk{{1, 3, "ORG"}}},
		{"type change ends and starts", "B-PER I-LOC I-LOC I-ORG", []Chunk{{0, 1, "PER"}, {1, 3, "LOC"}, {3, 4, "ORG"}}},
		{"B after B and after I", "B-X B-X I-X B-X", []Chunk{{0, 1, "X"}, {1, 3, "X"}, {3, 4, "X"}}},
		{"entity at the end", "O O B-MISC I-MISC", []Chunk{{2, 4, "MISC"}}},
		{"no entities", "O O", nil},
	}
	for _, c := range cases {
		got := Chunks(strings.Fields(c.tags))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Chunks(%s) = %v, want %v", c.name, c.tags, got, c.want)
		}
	}
}

func TestScoreNERExactCounts(t *testing.T) {
	gold := [][]string{
		strings.Fields("B-PER I-PER O B-LOC O"),
		strings.Fields("I-ORG I-ORG O I-PER"), // IOB1
		strings.Fields("B-PER I-PER O"),
	}
	pred := [][]string{
		strings.Fields("B-PER I-PER O B-ORG O"), // PER right, LOC typed as ORG
		strings.Fields("B-ORG I-ORG O B-PER"),   // IOB2 form of the same entities: both right
		strings.Fields("B-PER O O"),             // boundary error: wrong
	}
	s, err := ScoreNER(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PRF{Gold: 5, Predicted: 5, Correct: 3}); s.Overall != want {
		t.Errorf("overall = %+v, want %+v", s.Overall, want)
	}
	want := map[string]PRF{
		"PER": {Gold: 3, Predicted: 3, Correct: 2},
		"LOC": {Gold: 1, Predicted: 0, Correct: 0},
		"ORG": {Gold: 1, Predicted: 2, Correct: 1},
	}
	if !reflect.DeepEqual(s.Types, want) {
		t.Errorf("types = %+v, want %+v", s.Types, want)
	}
	// Tokens: 12 in all; differing tags: B-LOC/B-ORG, I-ORG/B-ORG, I-PER/B-PER, I-PER/O.
	if s.Tokens != 12 || s.CorrectTokens != 8 {
		t.Errorf("tokens %d correct %d, want 12 and 8", s.Tokens, s.CorrectTokens)
	}
	if p := s.Types["ORG"]; p.Precision() != 0.5 || p.Recall() != 1 || p.F1() != 2.0/3 {
		t.Errorf("ORG P %v R %v F1 %v", p.Precision(), p.Recall(), p.F1())
	}
	if c := s.Combined("PER", "ORG"); c != (PRF{Gold: 4, Predicted: 5, Correct: 3}) {
		t.Errorf("PER+ORG = %+v", c)
	}
	if z := (PRF{}); z.Precision() != 0 || z.Recall() != 0 || z.F1() != 0 {
		t.Errorf("empty PRF is not all zero")
	}
	if _, err := ScoreNER(gold, pred[:2]); err == nil {
		t.Errorf("sentence count mismatch not reported")
	}
}

func TestScoreCoNLL(t *testing.T) {
	// Columns: word, POS, gold, predicted. A sentence boundary ends an
	// entity even when the next sentence starts with I- of the same type.
	in := `-DOCSTART- -X- O O

Maria NNP I-PER B-PER
Zakharova NNP I-PER I-PER
spoke VBD O O

Moscow NNP I-LOC B-LOC
-DOCSTART- -X- O O
Paris NNP I-LOC I-PER
`
	s, err := ScoreCoNLL(strings.NewReader(in), -2, -1)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PRF{Gold: 3, Predicted: 3, Correct: 2}); s.Overall != want {
		t.Errorf("overall = %+v, want %+v", s.Overall, want)
	}
	if s.Tokens != 5 || s.CorrectTokens != 2 {
		t.Errorf("tokens %d correct %d, want 5 and 2", s.Tokens, s.CorrectTokens)
	}
	// Gold against itself by explicit column index.
	s, err = ScoreCoNLL(strings.NewReader(in), 2, 2)
	if err != nil || s.Overall != (PRF{Gold: 3, Predicted: 3, Correct: 3}) || s.Accuracy() != 1 {
		t.Errorf("gold vs gold: %+v, %v", s.Overall, err)
	}
	if _, err := ScoreCoNLL(strings.NewReader("a O\nb\n"), -2, -1); err == nil {
		t.Errorf("a row without the gold column was accepted")
	}
	sents, err := ReadCoNLL(strings.NewReader(in))
	if err != nil || len(sents) != 3 || len(sents[0]) != 3 {
		t.Fatalf("ReadCoNLL: %d sentences, %v", len(sents), err)
	}
}
