package eval

// Named-entity scoring with the semantics of conlleval.pl (the CoNLL-2000
// shared-task scorer, also used for CoNLL-2002/2003 NER):
//
//   - A tag is PREFIX-TYPE ("B-PER", "I-ORG") or "O"; a tag without a
//     hyphen is a prefix with an empty type.
//   - A chunk starts at B- (after anything), at I- after O or after a chunk
//     of another type, and at any non-O tag whose type differs from the
//     previous tag's. So IOB1 (I- starts an entity, B- only separates two
//     adjacent entities of one type) and IOB2 (every entity starts with B-)
//     are both read correctly, and a stray I- after O starts an entity.
//   - A chunk ends before B-, before O, at a type change, and at the end of
//     the sentence.
//   - An entity is correct when a gold and a predicted chunk have the same
//     first token, last token and type (exact match). Precision is correct
//     over predicted chunks, recall correct over gold chunks, F1 their
//     harmonic mean (0 when both are 0).
//   - Token accuracy counts tokens whose predicted tag equals the gold tag
//     (prefix and type).

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Chunk is an entity mention: tokens [Start, End) of one sentence.
type Chunk struct {
	Start, End int
	Type       string
}

// splitTag splits "B-PER" into "B", "PER"; "O" into "O", "".
func splitTag(t string) (prefix, typ string) {
	if i := strings.IndexByte(t, '-'); i >= 0 {
		return t[:i], t[i+1:]
	}
	return t, ""
}

func chunkEnds(prevTag, tag, prevType, typ string) bool {
	switch {
	case prevTag == "B" && (tag == "B" || tag == "O"),
		prevTag == "I" && (tag == "B" || tag == "O"),
		prevTag == "E" && (tag == "E" || tag == "I" || tag == "O"):
		return true
	}
	return prevTag != "O" && prevTag != "." && prevType != typ
}

func chunkStarts(prevTag, tag, prevType, typ string) bool {
	switch {
	case tag == "B" && (prevTag == "B" || prevTag == "I" || prevTag == "O"),
		prevTag == "O" && (tag == "I" || tag == "E"),
		prevTag == "E" && (tag == "E" || tag == "I"):
		return true
	}
	return tag != "O" && tag != "." && prevType != typ
}

// Chunks returns the entity chunks of one sentence's tags, read with
// conlleval's rules (IOB1 or IOB2).
func Chunks(tags []string) []Chunk {
	var out []Chunk
	prevTag, prevType := "O", ""
	open := -1
	openType := ""
	for i, t := range tags {
		tag, typ := splitTag(t)
		if open >= 0 && chunkEnds(prevTag, tag, prevType, typ) {
			out = append(out, Chunk{open, i, openType})
			open = -1
		}
		if chunkStarts(prevTag, tag, prevType, typ) {
			if open >= 0 {
				out = append(out, Chunk{open, i, openType})
			}
			open, openType = i, typ
		}
		prevTag, prevType = tag, typ
	}
	if open >= 0 {
		out = append(out, Chunk{open, len(tags), openType})
	}
	return out
}

// PRF counts entities: gold, predicted and correct (exact match).
type PRF struct {
	Gold      int `json:"gold"`
	Predicted int `json:"predicted"`
	Correct   int `json:"correct"`
}

// Precision is Correct/Predicted (0 when nothing was predicted).
func (p PRF) Precision() float64 {
	if p.Predicted == 0 {
		return 0
	}
	return float64(p.Correct) / float64(p.Predicted)
}

// Recall is Correct/Gold (0 when there is no gold entity).
func (p PRF) Recall() float64 {
	if p.Gold == 0 {
		return 0
	}
	return float64(p.Correct) / float64(p.Gold)
}

// F1 is the harmonic mean of precision and recall (0 when both are 0).
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

func (p *PRF) add(q PRF) {
	p.Gold += q.Gold
	p.Predicted += q.Predicted
	p.Correct += q.Correct
}

// NERScore is the result of scoring predicted entity tags against gold.
type NERScore struct {
	Types         map[string]PRF `json:"types"` // by entity type
	Overall       PRF            `json:"overall"`
	Tokens        int            `json:"tokens"`
	CorrectTokens int            `json:"correct_tokens"`
}

// Accuracy is the share of tokens whose predicted tag equals the gold tag.
func (s *NERScore) Accuracy() float64 {
	if s.Tokens == 0 {
		return 0
	}
	return float64(s.CorrectTokens) / float64(s.Tokens)
}

// Combined adds up the counts of the given types.
func (s *NERScore) Combined(types ...string) PRF {
	var p PRF
	for _, t := range types {
		p.add(s.Types[t])
	}
	return p
}

// TypeNames lists the types that occur in gold or predictions, sorted.
func (s *NERScore) TypeNames() []string {
	names := make([]string, 0, len(s.Types))
	for t := range s.Types {
		names = append(names, t)
	}
	sort.Strings(names)
	return names
}

// Add scores one sentence; gold and pred must have the same length.
func (s *NERScore) Add(gold, pred []string) {
	if len(gold) != len(pred) {
		panic(fmt.Sprintf("eval: %d gold tags but %d predicted", len(gold), len(pred)))
	}
	if s.Types == nil {
		s.Types = map[string]PRF{}
	}
	s.Tokens += len(gold)
	for i := range gold {
		if gold[i] == pred[i] {
			s.CorrectTokens++
		}
	}
	g, p := Chunks(gold), Chunks(pred)
	for _, c := range g {
		x := s.Types[c.Type]
		x.Gold++
		s.Types[c.Type] = x
		s.Overall.Gold++
	}
	for _, c := range p {
		x := s.Types[c.Type]
		x.Predicted++
		s.Types[c.Type] = x
		s.Overall.Predicted++
	}
	// Both chunk lists are sorted by start and do not overlap.
	i, j := 0, 0
	for i < len(g) && j < len(p) {
		switch {
		case g[i].Start < p[j].Start:
			i++
		case g[i].Start > p[j].Start:
			j++
		default:
			if g[i] == p[j] {
				x := s.Types[g[i].Type]
				x.Correct++
				s.Types[g[i].Type] = x
				s.Overall.Correct++
			}
			i++
			j++
		}
	}
}

// ScoreNER scores sentences of predicted tags against gold ones.
func ScoreNER(gold, pred [][]string) (NERScore, error) {
	if len(gold) != len(pred) {
		return NERScore{}, fmt.Errorf("%d gold sentences but %d predicted", len(gold), len(pred))
	}
	s := NERScore{Types: map[string]PRF{}}
	for i := range gold {
		if len(gold[i]) != len(pred[i]) {
			return NERScore{}, fmt.Errorf("sentence %d: %d gold tags but %d predicted", i+1, len(gold[i]), len(pred[i]))
		}
		s.Add(gold[i], pred[i])
	}
	return s, nil
}

// CoNLLSentence is one sentence of a CoNLL file: a row of
// whitespace-separated columns per token.
type CoNLLSentence [][]string

// ReadCoNLL reads a CoNLL file: one token per line, columns separated by
// white space, a blank line between sentences; "-DOCSTART-" lines end a
// sentence and are dropped.
func ReadCoNLL(r io.Reader) ([]CoNLLSentence, error) {
	var out []CoNLLSentence
	var cur CoNLLSentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || f[0] == "-DOCSTART-" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, f)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out, nil
}

// Column picks column col of every token of s; a negative col counts from
// the end (-1 is the last column). It fails on a row without that column.
func (s CoNLLSentence) Column(col int) ([]string, error) {
	out := make([]string, len(s))
	for i, row := range s {
		c := col
		if c < 0 {
			c += len(row)
		}
		if c < 0 || c >= len(row) {
			return nil, fmt.Errorf("token %q has %d columns, no column %d", row[0], len(row), col)
		}
		out[i] = row[c]
	}
	return out, nil
}

// ScoreCoNLL reads a CoNLL file and scores its predicted tag column against
// its gold column. Columns are 0-based; negative ones count from the end:
// conlleval's default is gold -2 (second to last) and predicted -1 (last).
func ScoreCoNLL(r io.Reader, goldCol, predCol int) (NERScore, error) {
	sents, err := ReadCoNLL(r)
	if err != nil {
		return NERScore{}, err
	}
	s := NERScore{Types: map[string]PRF{}}
	for i, sent := range sents {
		g, err := sent.Column(goldCol)
		if err != nil {
			return NERScore{}, fmt.Errorf("sentence %d: %w", i+1, err)
		}
		p, err := sent.Column(predCol)
		if err != nil {
			return NERScore{}, fmt.Errorf("sentence %d: %w", i+1, err)
		}
		s.Add(g, p)
	}
	return s, nil
}

// WriteNERTable prints precision, recall and F1 per type (the types in
// order first, then any others sorted; types with no gold and no predicted
// entity are left out), overall, and for PERSON+ORG+LOC combined when
// those types occur.
func WriteNERTable(w io.Writer, s *NERScore, order []string) {
	fmt.Fprintf(w, "%-16s %9s %9s %9s %7s %7s %7s\n", "type", "precision", "recall", "F1", "gold", "pred", "correct")
	line := func(name string, p PRF) {
		fmt.Fprintf(w, "%-16s %9.4f %9.4f %9.4f %7d %7d %7d\n", name, p.Precision(), p.Recall(), p.F1(), p.Gold, p.Predicted, p.Correct)
	}
	seen := map[string]bool{}
	for _, t := range order {
		seen[t] = true
		if p, ok := s.Types[t]; ok && p.Gold+p.Predicted > 0 {
			line(t, p)
		}
	}
	for _, t := range s.TypeNames() {
		if !seen[t] {
			line(t, s.Types[t])
		}
	}
	line("overall", s.Overall)
	if _, ok := s.Types["PERSON"]; ok {
		line("PERSON+ORG+LOC", s.Combined("PERSON", "ORG", "LOC"))
	}
	fmt.Fprintf(w, "token accuracy %.4f over %d tokens\n", s.Accuracy(), s.Tokens)
}
