package tagger

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// Sentence is one tokenised sentence with its tags: POS holds Penn Treebank
// tags and NER holds IOB2 tags ("B-PERSON", "I-PERSON", "O"). Either tag
// slice may be nil when unknown.
type Sentence struct {
	Words []string
	POS   []string
	NER   []string
}

// EntityTypes are the entity types of the NER model, in the order of its
// classes.
var EntityTypes = []string{"PERSON", "ORG", "LOC", "MISC", "DATE", "TIME", "MONEY", "PERCENT", "NUMBER", "ORDINAL", "DURATION", "SET"}

// coreNLPType maps a CoreNLP token-level NER label to Credence's type, or ""
// for O and for labels outside the model's types.
func coreNLPType(t string) string {
	switch t {
	case "", "O":
		return ""
	case "ORGANIZATION":
		return "ORG"
	case "LOCATION":
		return "LOC"
	case "PERSON", "MISC", "DATE", "TIME", "MONEY", "PERCENT", "NUMBER", "ORDINAL", "DURATION", "SET":
		return t
	}
	return ""
}

// ReadCoreNLPTSV reads CoreNLP silver annotations: "#doc NAME" lines before
// each document, one token per line (word, lemma, POS, NER, begin, end,
// tab-separated) and a blank line between sentences. Token-level NER types
// become IOB2 tags by runs: adjacent tokens of the same type are one entity.
// An empty NER column is O.
func ReadCoreNLPTSV(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		out   []Sentence
		cur   Sentence
		types []string
		line  int
	)
	flush := func() {
		if len(cur.Words) == 0 {
			return
		}
		cur.NER = runsToIOB2(types)
		out = append(out, cur)
		cur, types = Sentence{}, nil
	}
	intern := map[string]string{}
	in := func(s string) string {
		if v, ok := intern[s]; ok {
			return v
		}
		intern[s] = s
		return s
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(text, "#doc") {
			flush()
			continue
		}
		if strings.TrimSpace(text) == "" {
			flush()
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) < 3 || cols[0] == "" {
			return nil, fmt.Errorf("%s:%d: want word, lemma, POS, NER columns, got %d columns", path, line, len(cols))
		}
		ner := ""
		if len(cols) > 3 {
			ner = coreNLPType(strings.TrimSpace(cols[3]))
		}
		cur.Words = append(cur.Words, in(cols[0]))
		cur.POS = append(cur.POS, in(cols[2]))
		types = append(types, ner)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	flush()
	return out, nil
}

// runsToIOB2 turns token-level types ("" for none) into IOB2 tags.
func runsToIOB2(types []string) []string {
	tags := make([]string, len(types))
	for i, t := range types {
		switch {
		case t == "":
			tags[i] = "O"
		case i > 0 && types[i-1] == t:
			tags[i] = iTag[t]
		default:
			tags[i] = bTag[t]
		}
	}
	return tags
}

var bTag, iTag = func() (map[string]string, map[string]string) {
	b, i := map[string]string{}, map[string]string{}
	for _, t := range EntityTypes {
		b[t], i[t] = "B-"+t, "I-"+t
	}
	return b, i
}()
