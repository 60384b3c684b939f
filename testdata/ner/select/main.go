// Command select prints the sentences of the hand-checked news NER set
// (see ../README.md): run from the repository root,
//
//	go run ./testdata/ner/select ../shared/datasets/articles/train.jsonl /work/main/testdata/findings/articles.tsv
//
// It prints one sentence a line, its tokens separated by spaces, preceded
// by the article id and the sentence's index, tab-separated.
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/credence-news/credence/internal/tagger"
)

func main() {
	skip := map[string]bool{}
	tsv, err := os.ReadFile(os.Args[2])
	if err != nil {
		panic(err)
	}
	for _, l := range strings.Split(string(tsv), "\n") {
		if id, _, ok := strings.Cut(l, "\t"); ok {
			skip[id] = true
		}
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var a struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			panic(err)
		}
		if skip[a.ID] {
			continue
		}
		for i, s := range tagger.Tokenize(a.Text) {
			if len(s) < 8 || len(s) > 50 {
				continue
			}
			h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", a.ID, i)))
			if binary.BigEndian.Uint32(h[:4])%150 != 0 {
				continue
			}
			words := make([]string, len(s))
			for j, t := range s {
				words[j] = t.Text
			}
			fmt.Printf("%s\t%d\t%s\n", a.ID, i, strings.Join(words, " "))
		}
	}
}
