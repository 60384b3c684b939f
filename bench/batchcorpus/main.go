// Command batchcorpus writes a JSONL corpus of n plain-text articles for
// bench/batch.sh: the articles of the shared corpora (train, CoAID, the
// FakeNewsCorpus sample) in turn, cycled until there are n, each copy with
// its own id ("ID#k" for the k-th cycle) so that every record is analysed.
//
// With -per-day N, article i is dated 2020-01-01 plus i/N days: a stream
// of N articles a day, as a monitoring desk's store grows (the shared
// corpora have no dates; story clustering works on dated articles only).
//
// With -mix, every article after the first pass through the shared corpora
// is a new text: sentences drawn at random from different articles (a
// fixed seed), so that the corpus has as many distinct texts as articles
// and the near-duplicate index as many classes (cycled copies are one
// class each).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	shared := flag.String("shared", "../shared/datasets/articles", "the shared articles folder")
	n := flag.Int("n", 20000, "articles to write")
	out := flag.String("o", "corpus.jsonl", "output file")
	mixTexts := flag.Bool("mix", false, "after the first pass, make each article of sentences of random articles (all texts distinct)")
	perDay := flag.Int("per-day", 0, "date the articles, this many a day from 2020-01-01 (0: undated, as in the shared corpora)")
	flag.Parse()
	type article struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Text      string `json:"text"`
		URL       string `json:"url,omitempty"`
		Published string `json:"published,omitempty"`
	}
	var src []article
	for _, name := range []string{"train.jsonl", "coaid.jsonl", "fakenewscorpus-sample.jsonl"} {
		f, err := os.Open(filepath.Join(*shared, name))
		if err != nil {
			fmt.Fprintln(os.Stderr, "batchcorpus:", err)
			os.Exit(1)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<26)
		for sc.Scan() {
			var a article
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				fmt.Fprintf(os.Stderr, "batchcorpus: %s: %v\n", name, err)
				os.Exit(1)
			}
			src = append(src, a)
		}
		f.Close()
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "batchcorpus:", err)
		os.Exit(1)
	}
	rng := rand.New(rand.NewPCG(16, 2))
	texts := make([]string, len(src))
	for i, a := range src {
		texts[i] = a.Text
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	for i := range *n {
		a := src[i%len(src)]
		a.ID = fmt.Sprintf("%s#%d", a.ID, i/len(src))
		if *mixTexts && i >= len(src) {
			a.Text = mixed(rng, texts)
		}
		if *perDay > 0 {
			a.Published = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i / *perDay).Format(time.DateOnly)
		}
		enc.Encode(a)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "batchcorpus:", err)
		os.Exit(1)
	}
	f.Close()
}

// mixed is a text of 8 to 20 sentences, each from a random article.
func mixed(rng *rand.Rand, texts []string) string {
	n := 8 + rng.IntN(13)
	var b strings.Builder
	for range n {
		sents := strings.SplitAfter(texts[rng.IntN(len(texts))], ". ")
		s := strings.TrimSpace(sents[rng.IntN(len(sents))])
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}
