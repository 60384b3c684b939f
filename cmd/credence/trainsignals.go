package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/signals"
)

const trainSignalsUsage = `credence train signals [--data FILE] [--out FILE]

Builds the reference distributions that place each signal among reliable
reporting ("speculation: 97th percentile of reliable reporting"). Every
article labelled "reliable" in --data is analysed, and each signal's
values are written, sorted, to --out (embedded in the binary).`

func cmdTrainSignals(args []string, stdout, stderr io.Writer) error {
	c := newCommand("train signals", trainSignalsUsage, stderr)
	data := c.String("data", "../shared/datasets/articles/train.jsonl", "JSONL `FILE` of labelled articles ({\"label\",\"title\",\"text\"})")
	out := c.String("out", "signals/data/reference.tsv", "reference `FILE` to write")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	values, n, err := referenceValues(*data)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s: no article labelled \"reliable\"", *data)
	}
	if err := writeFileAtomic(*out, signals.BuildReference(values, "the reliable articles of ../shared/datasets/articles/train.jsonl")); err != nil {
		return err
	}
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	fmt.Fprintf(stdout, "wrote %s: %d reliable articles, %d signals\n", *out, n, len(ids))
	for _, id := range ids {
		xs := append([]float64(nil), values[id]...)
		sort.Float64s(xs)
		fmt.Fprintf(stdout, "  %-20s median %.3g  90th %.3g\n", id, xs[len(xs)/2], xs[len(xs)*9/10])
	}
	return nil
}

// referenceValues analyses the reliable articles of a JSONL file and
// collects each signal's values.
func referenceValues(path string) (map[string][]float64, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read %s: %v", path, shortPathError(err))
	}
	defer f.Close()
	values := map[string][]float64{}
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		var rec struct {
			Label, Title, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, 0, fmt.Errorf("%s line %d: %v", path, line, err)
		}
		if rec.Label != "reliable" {
			continue
		}
		d, err := credence.Document(context.Background(), []byte(rec.Text), credence.Options{Kind: "text", Title: rec.Title})
		if err != nil {
			if credence.IsInputError(err) {
				continue // an empty or junk-only article has no signals to learn from
			}
			return nil, 0, fmt.Errorf("%s line %d: %v", path, line, err)
		}
		n++
		for _, s := range d.Signals {
			values[s.ID] = append(values[s.ID], s.Value)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("reading %s: %v", path, err)
	}
	return values, n, nil
}
