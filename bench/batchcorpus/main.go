// Command batchcorpus writes a JSONL corpus of n plain-text articles for
// bench/batch.sh: the articles of the shared corpora (train, CoAID, the
// FakeNewsCorpus sample) in turn, cycled until there are n, each copy with
// its own id ("ID#k" for the k-th cycle) so that every record is analysed.
//
// With -per-day N, article i is dated 2020-01-01 plus i/N days: a stream
// of N articles a day, as a monitoring desk's store grows (the shared
// corpora have no dates; story clustering works on dated articles only).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func main() {
	shared := flag.String("shared", "../shared/datasets/articles", "the shared articles folder")
	n := flag.Int("n", 20000, "articles to write")
	out := flag.String("o", "corpus.jsonl", "output file")
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
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	for i := range *n {
		a := src[i%len(src)]
		a.ID = fmt.Sprintf("%s#%d", a.ID, i/len(src))
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
