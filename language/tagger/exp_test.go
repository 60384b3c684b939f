package tagger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/credence-news/credence/eval"
)

func envInt(k string, d int) int {
	if v, err := strconv.Atoi(os.Getenv(k)); err == nil {
		return v
	}
	return d
}

func TestExperiment(t *testing.T) {
	if os.Getenv("EXP") == "" {
		t.Skip()
	}
	tr, err := ReadCoreNLPTSV("../../../shared/datasets/nlp/polnear-corenlp-train.tsv")
	if err != nil {
		t.Fatal(err)
	}
	dev, err := ReadCoreNLPTSV("../../../shared/datasets/nlp/polnear-corenlp-dev.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if n := envInt("NTRAIN", 0); n > 0 {
		tr = tr[:n]
	}
	cfg := DefaultConfig()
	cfg.POSIterations = envInt("POSIT", cfg.POSIterations)
	cfg.NERIterations = envInt("NERIT", cfg.NERIterations)
	cfg.Jackknife = envInt("JK", cfg.Jackknife)
	cfg.NoLexicon = os.Getenv("NOLEX") != ""
	cfg.NoGazetteer = os.Getenv("NOGAZ") != ""
	cfg.NoTagDict = os.Getenv("NOTD") != ""
	if q := envInt("QUANT", 0); q > 0 {
		cfg.Quant = 1 / float64(q)
	}
	cfg.EvalEachIteration = os.Getenv("EACH") != ""
	cfg.NoClusters = os.Getenv("NOCL") != ""
	if os.Getenv("UNL") != "" {
		for _, f := range []string{"train", "coaid", "fakenewscorpus-sample"} {
			b, err := os.ReadFile("../../../shared/datasets/articles/" + f + ".jsonl")
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(b), "\n") {
				var a struct{ Title, Text string }
				if json.Unmarshal([]byte(line), &a) != nil {
					continue
				}
				for _, s := range Tokenize(a.Title + "\n\n" + a.Text) {
					ws := make([]string, len(s))
					for i, w := range s {
						ws[i] = w.Text
					}
					cfg.Unlabeled = append(cfg.Unlabeled, ws)
				}
			}
		}
	}
	start := time.Now()
	m, err := Train(cfg, tr, dev, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("train %.1fs", time.Since(start).Seconds())
	var buf bytes.Buffer
	m.WriteTo(&buf)
	t.Logf("model %d bytes; pos feats %d entries %d; ner feats %d entries %d", buf.Len(), len(m.pos.keys), len(m.pos.w), len(m.ner.keys), len(m.ner.w))
	start = time.Now()
	sc := Evaluate(m, dev)
	t.Logf("eval %.2fs", time.Since(start).Seconds())
	WriteScores(os.Stderr, sc)
	if p := os.Getenv("SAVE"); p != "" {
		os.WriteFile(p, buf.Bytes(), 0o644)
	}
}

func TestErrors(t *testing.T) {
	p := os.Getenv("ERRMODEL")
	if p == "" {
		t.Skip()
	}
	f, _ := os.Open(p)
	m, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	dev, _ := ReadCoreNLPTSV("../../../shared/datasets/nlp/polnear-corenlp-dev.tsv")
	n := 0
	for _, s := range dev {
		pos := make([]string, len(s.Words))
		ner := make([]string, len(s.Words))
		m.Tag(s.Words, pos, ner)
		diff := false
		for i := range ner {
			if ner[i] != s.NER[i] && (strings.Contains(ner[i]+s.NER[i], "ORG") || strings.Contains(ner[i]+s.NER[i], "PERSON") || strings.Contains(ner[i]+s.NER[i], "LOC")) {
				diff = true
			}
		}
		if !diff {
			continue
		}
		n++
		if n > 60 {
			break
		}
		var b strings.Builder
		for i, w := range s.Words {
			if ner[i] != s.NER[i] {
				fmt.Fprintf(&b, "%s[%s|%s] ", w, s.NER[i], ner[i])
			} else if ner[i] != "O" {
				fmt.Fprintf(&b, "%s[%s] ", w, ner[i])
			} else {
				b.WriteString(w + " ")
			}
		}
		fmt.Println(b.String())
	}
}

func TestErrCats(t *testing.T) {
	p := os.Getenv("ERRMODEL")
	if p == "" {
		t.Skip()
	}
	f, _ := os.Open(p)
	m, _ := Load(f)
	dev, _ := ReadCoreNLPTSV("../../../shared/datasets/nlp/polnear-corenlp-dev.tsv")
	cats := map[string]int{}
	for _, s := range dev {
		pos := make([]string, len(s.Words))
		ner := make([]string, len(s.Words))
		m.Tag(s.Words, pos, ner)
		g, pr := eval.Chunks(s.NER), eval.Chunks(ner)
		for _, c := range g {
			if c.Type != "ORG" && c.Type != "PERSON" && c.Type != "LOC" {
				continue
			}
			cat := "missed"
			for _, d := range pr {
				if d == c {
					cat = "ok"
					break
				}
				if d.Start == c.Start && d.End == c.End {
					cat = "type->" + d.Type
				} else if d.Start < c.End && c.Start < d.End && cat == "missed" {
					if d.Type == c.Type {
						cat = "boundary"
					} else {
						cat = "overlap-other"
					}
				}
			}
			cats[c.Type+" "+cat]++
		}
	}
	for k, v := range cats {
		fmt.Println(k, v)
	}
}
