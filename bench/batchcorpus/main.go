// Command batchcorpus writes a JSONL corpus of n plain-text articles for
// bench/batch.sh: the articles of the shared corpora (train, CoAID, the
// FakeNewsCorpus sample) in turn, cycled until there are n, each copy with
// its own id ("ID#k" for the k-th cycle) so that every record is analysed.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	shared := flag.String("shared", "../shared/datasets/articles", "the shared articles folder")
	n := flag.Int("n", 20000, "articles to write")
	out := flag.String("o", "corpus.jsonl", "output file")
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
		enc.Encode(a)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "batchcorpus:", err)
		os.Exit(1)
	}
	f.Close()
}
