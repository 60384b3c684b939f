package eval

import (
	"fmt"
	"io"

	"github.com/credence-news/credence/internal/tagger"
)

// TaggerScores are a tagger's scores on tagged sentences.
type TaggerScores struct {
	Tokens      int
	POSAccuracy float64
	NER         NERScore
}

// EvaluateTagger tags sents with m and scores the tags against theirs.
func EvaluateTagger(m *tagger.Model, sents []tagger.Sentence) TaggerScores {
	var sc TaggerScores
	sc.NER.Types = map[string]PRF{}
	correct, n := 0, 0
	var pos, ner []string
	for _, s := range sents {
		pos = append(pos[:0], make([]string, len(s.Words))...)
		ner = append(ner[:0], make([]string, len(s.Words))...)
		m.Tag(s.Words, pos, ner)
		if len(s.POS) == len(s.Words) {
			for i := range pos {
				if pos[i] == s.POS[i] {
					correct++
				}
				n++
			}
		}
		if len(s.NER) == len(s.Words) {
			sc.NER.Add(s.NER, ner)
		}
	}
	for _, s := range sents {
		sc.Tokens += len(s.Words)
	}
	if n > 0 {
		sc.POSAccuracy = float64(correct) / float64(n)
	}
	return sc
}

// WriteTaggerScores prints s as a table.
func WriteTaggerScores(w io.Writer, s TaggerScores) {
	fmt.Fprintf(w, "POS accuracy %.4f over %d tokens\n", s.POSAccuracy, s.Tokens)
	WriteNERTable(w, &s.NER, tagger.EntityTypes)
}
