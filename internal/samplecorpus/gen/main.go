// Command gen writes the sample corpus (sample.jsonl and
// sample-truth.jsonl) into a folder, examples/corpus by default: run it
// from the repository root as `go run ./internal/samplecorpus/gen`.
package main

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/credence-news/credence/internal/samplecorpus"
)

func main() {
	out := flag.String("out", "examples/corpus", "folder to write sample.jsonl and sample-truth.jsonl into")
	stats := flag.Bool("stats", false, "also print the counts and events tables for examples/corpus/README.md")
	flag.Parse()
	c, err := samplecorpus.Generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	files, err := c.Files()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
	fmt.Fprintf(os.Stderr, "gen: %d articles written to %s\n", len(c.Articles), *out)
	if *stats {
		fmt.Print(c.StatsTable(), "\n", c.EventsTable())
	}
}
