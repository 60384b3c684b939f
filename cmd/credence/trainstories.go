package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/report"
	"github.com/credence-news/credence/stories"
)

const trainStoriesUsage = `credence train stories [--gmb FILE] [--polnear DIR] [--chunk N] [--min-df N] [--out FILE]

Writes the document-frequency table that story clustering weighs shared
words and names with (stories/df.tsv.gz, embedded in the binary; see
stories/MODEL.md). The reference corpus is news that no evaluation set
holds: the GMB sentences (Voice of America news, in document order with no
document ids, cut into pseudo-documents of --chunk consecutive sentences)
and the PolNeAR articles (2016 US election coverage from seven outlets,
train and dev texts). Every document is analysed with the default
analyzer; the table counts, for each content stem and entity-name key the
story features use, the documents that hold it, and keeps the keys in at
least --min-df documents. The output is deterministic: run from the
repository root, it reproduces the shipped file byte for byte.`

func cmdTrainStories(args []string, stdout, stderr io.Writer) error {
	c := newCommand("train stories", trainStoriesUsage, stderr)
	gmb := c.String("gmb", "../shared/datasets/ner/gmb-train.conll", "GMB CoNLL `FILE` (token, POS, tag; blank line between sentences; empty: none)")
	polnear := c.String("polnear", "../shared/datasets/attribution/polnear", "PolNeAR `DIR` with train/text and dev/text (empty: none)")
	chunk := c.Int("chunk", 15, "GMB sentences a pseudo-document `N`")
	minDF := c.Int("min-df", 2, "keep keys in at least `N` documents")
	out := c.String("out", "stories/df.tsv.gz", "table `FILE` to write")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if *chunk < 1 || *minDF < 1 {
		return usagef("train stories: --chunk and --min-df must be at least 1")
	}
	var docs []string
	if *gmb != "" {
		d, err := gmbDocuments(*gmb, *chunk)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "train stories: %d GMB pseudo-documents of %d sentences\n", len(d), *chunk)
		docs = append(docs, d...)
	}
	if *polnear != "" {
		n := 0
		for _, split := range []string{"train", "dev"} {
			names, err := filepath.Glob(filepath.Join(*polnear, split, "text", "*.txt"))
			if err != nil {
				return err
			}
			if len(names) == 0 {
				return fmt.Errorf("train stories: no texts in %s", filepath.Join(*polnear, split, "text"))
			}
			sort.Strings(names)
			for _, name := range names {
				b, err := os.ReadFile(name)
				if err != nil {
					return err
				}
				docs = append(docs, string(b))
				n++
			}
		}
		fmt.Fprintf(stderr, "train stories: %d PolNeAR articles\n", n)
	}
	if len(docs) == 0 {
		return usagef("train stories: no documents (give --gmb or --polnear)")
	}
	b, err := buildStoryDF(docs)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf, *minDF); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d documents, %d bytes\n", *out, b.Docs(), buf.Len())
	return nil
}

// buildStoryDF analyses the documents in parallel and counts them; the
// table does not depend on the order the analyses finish in.
func buildStoryDF(docs []string) (*stories.DFBuilder, error) {
	a, err := credence.Default()
	if err != nil {
		return nil, err
	}
	reps := make([]*report.Report, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				reps[i], errs[i] = a.Analyze(context.Background(), []byte(docs[i]), credence.Options{Kind: "text"})
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	b := stories.NewDFBuilder()
	for i, rep := range reps {
		if errs[i] != nil {
			continue // no text: not a document
		}
		b.Add(rep)
	}
	return b, nil
}

// gmbDocuments reads a CoNLL file (one token a line, the word first, a
// blank line between sentences) and joins every chunk consecutive
// sentences into one plain-text pseudo-document.
func gmbDocuments(path string, chunk int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", path, shortPathError(err))
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var docs []string
	var doc, sent strings.Builder
	sentences := 0
	endSentence := func() {
		if sent.Len() == 0 {
			return
		}
		if doc.Len() > 0 {
			doc.WriteByte(' ')
		}
		doc.WriteString(sent.String())
		sent.Reset()
		sentences++
		if sentences == chunk {
			docs = append(docs, doc.String())
			doc.Reset()
			sentences = 0
		}
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			endSentence()
			continue
		}
		word, _, _ := strings.Cut(line, "\t")
		appendToken(&sent, word)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	endSentence()
	if doc.Len() > 0 {
		docs = append(docs, doc.String())
	}
	return docs, nil
}

// appendToken adds a token to a sentence with the spacing of running text:
// none before closing punctuation and clitics ("'s", "n't"), none after an
// opening bracket or a currency sign.
func appendToken(s *strings.Builder, tok string) {
	if s.Len() > 0 {
		prev := s.String()
		last := prev[len(prev)-1]
		glue := strings.ContainsAny(tok[:1], ",.;:!?)%") || strings.HasPrefix(tok, "'") || tok == "n't" ||
			last == '(' || last == '$'
		if !glue {
			s.WriteByte(' ')
		}
	}
	s.WriteString(tok)
}
