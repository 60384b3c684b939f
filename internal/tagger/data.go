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
//
// For training, a POS tag "" (or a nil POS slice) means unknown: the POS
// model does not learn from the token. Masked lists the entity types the
// sentence's source does not annotate (WNUT-17 has no dates, GMB no
// numbers): a token tagged O there may be such an entity, and the NER model
// trains with its own best choice among O and those types as the gold tag,
// where the word was seen with the type in fully annotated sentences or
// holds a digit.
type Sentence struct {
	Words  []string
	POS    []string
	NER    []string
	Masked []string
	// Domain numbers the sentence's source for Config.DomainFeatures: 0
	// is the domain the model is for (its specific weights are kept).
	Domain uint8
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
	in := interner()
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

// ReadNERCoNLL reads the staged NER sets of ../shared/datasets/ner (GMB,
// WNUT-17): one token a line, "word<TAB>POS<TAB>tag" (POS "_" when the
// source has none), IOB2 over PERSON, ORG, LOC, NORP, MISC and DATE, a blank
// line between sentences. NORP becomes MISC (as CoreNLP, whose silver
// labels the model also learns from, tags nationalities), and a type
// outside EntityTypes becomes O. Every sentence gets Domain dom. GMB's POS tags LRB, RRB and ";" become
// Penn's -LRB-, -RRB- and ":". masked is set as every sentence's Masked.
func ReadNERCoNLL(path string, masked []string, dom uint8) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		out     []Sentence
		cur     Sentence
		line    int
		unknown bool
	)
	flush := func() {
		if len(cur.Words) == 0 {
			return
		}
		if unknown {
			cur.POS = nil
		}
		cur.Masked, cur.Domain = masked, dom
		out = append(out, cur)
		cur, unknown = Sentence{}, false
	}
	in := interner()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			flush()
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 3 || cols[0] == "" {
			return nil, fmt.Errorf("%s:%d: want word, POS, tag columns, got %d columns", path, line, len(cols))
		}
		pos := cols[1]
		switch pos {
		case "_":
			unknown, pos = true, ""
		case "LRB", "RRB": // GMB's spelling of Penn's -LRB-, -RRB-
			pos = "-" + pos + "-"
		case ";":
			pos = ":"
		}
		tag := cols[2]
		if pre, typ, ok := strings.Cut(tag, "-"); ok {
			if typ == "NORP" {
				typ = "MISC"
			}
			if bTag[typ] == "" || pre != "B" && pre != "I" {
				tag = "O"
			} else if pre == "B" {
				tag = bTag[typ]
			} else {
				tag = iTag[typ]
			}
		} else if tag != "O" {
			return nil, fmt.Errorf("%s:%d: bad tag %q", path, line, tag)
		}
		cur.Words = append(cur.Words, in(cols[0]))
		cur.POS = append(cur.POS, in(pos))
		cur.NER = append(cur.NER, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	flush()
	// An I- tag after O (a type mapped away) starts an entity.
	for _, s := range out {
		for j, t := range s.NER {
			if strings.HasPrefix(t, "I-") && (j == 0 || s.NER[j-1] == "O" || s.NER[j-1][2:] != t[2:]) {
				s.NER[j] = "B-" + t[2:]
			}
		}
	}
	return out, nil
}

// interner returns a function that returns one shared copy of each string
// it is given: a corpus repeats its words and tags millions of times.
func interner() func(string) string {
	seen := map[string]string{}
	return func(s string) string {
		if v, ok := seen[s]; ok {
			return v
		}
		seen[s] = s
		return s
	}
}
