package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/credence-news/credence/internal/sourcesbuild"
	"github.com/credence-news/credence/sources"
)

const sourcesUsage = `credence sources lookup [--table FILE] DOMAIN|URL...
credence sources build [--data DIR] [--out FILE]

Says how reputable news outlets are, from public domain-rating datasets:
the Lin et al. 2023 quality score pc1, Media Bias/Fact Check factuality and
bias (via Baly et al. 2018, 2020), OpenSources and FakeNewsCorpus tags.

lookup prints one line per DOMAIN or URL: the rated domain it matched (a
subdomain falls back to its registrable domain, "news.bbc.co.uk ->
bbc.co.uk"), the level (reliable, mixed, unreliable or satire) and the
evidence. It exits with 1 when any of them has no rating.

build merges the dataset files in --data into the table that credence
embeds and prints what each dataset gave. Run it from the repository root,
then rebuild credence to embed the new table.

Exit codes: 0 ok, 1 no rating or build error, 2 usage error.`

func cmdSources(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "-help") {
			fmt.Fprintln(stderr, sourcesUsage)
			return nil
		}
		return usagef("sources: name an action: credence sources lookup DOMAIN|URL... or credence sources build")
	}
	switch args[0] {
	case "lookup":
		return cmdSourcesLookup(args[1:], stdout, stderr)
	case "build":
		return cmdSourcesBuild(args[1:], stdout, stderr)
	}
	return usagef("sources: unknown action %q (available: lookup, build)", args[0])
}

func cmdSourcesLookup(args []string, stdout, stderr io.Writer) error {
	c := newCommand("sources lookup", sourcesUsage, stderr)
	tablePath := c.String("table", "", "look domains up in this ratings `FILE` (written by sources build) instead of the embedded table")
	queries, err := c.parse(args, math.MaxInt)
	if err != nil {
		return err
	}
	if len(queries) == 0 {
		return usagef("sources lookup: give at least one DOMAIN or URL")
	}
	for _, q := range queries {
		if sources.Normalize(q) == "" {
			return usagef("sources lookup: %q is not a domain name or URL", q)
		}
	}
	var table *sources.Table
	if *tablePath != "" {
		f, err := os.Open(*tablePath)
		if err != nil {
			return fmt.Errorf("cannot read %s: %v", *tablePath, shortPathError(err))
		}
		defer f.Close()
		if table, err = sources.Load(f); err != nil {
			return fmt.Errorf("%s: %w", *tablePath, err)
		}
	} else if table, err = sources.Default(); err != nil {
		return err
	}

	var missing []string
	for _, q := range queries {
		r, ok := table.Lookup(q)
		if !ok {
			missing = append(missing, q)
			continue
		}
		name := r.Domain
		if q != r.Domain {
			name = q + " -> " + r.Domain
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", name, r.Level, r.Explain())
	}
	if len(missing) > 0 {
		return fmt.Errorf("no rating for %s", strings.Join(missing, ", "))
	}
	return nil
}

func cmdSourcesBuild(args []string, stdout, stderr io.Writer) error {
	c := newCommand("sources build", sourcesUsage, stderr)
	dataDir := c.String("data", "../shared/datasets/sources", "`DIR` holding the dataset files")
	outPath := c.String("out", "sources/data/ratings.tsv.gz", "write the table to `FILE`")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if *dataDir == "" || *outPath == "" {
		return usagef("sources build: --data and --out must not be empty")
	}
	if st, err := os.Stat(*dataDir); err != nil {
		return fmt.Errorf("cannot read the datasets in %s: %v (point --data at the sources datasets)", *dataDir, shortPathError(err))
	} else if !st.IsDir() {
		return fmt.Errorf("cannot read the datasets in %s: not a directory", *dataDir)
	}
	b, stats, err := sourcesbuild.BuildWithStats(*dataDir)
	if err != nil {
		return err
	}
	table, err := sources.Load(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("the built table does not load: %w", err)
	}
	// The table's folder must exist: a mistyped --out should fail, not
	// scatter a new folder.
	if _, err := os.Stat(filepath.Dir(*outPath)); err != nil {
		return fmt.Errorf("cannot write %s: %v", *outPath, shortPathError(err))
	}
	if err := writeFileAtomic(*outPath, b); err != nil {
		return fmt.Errorf("cannot write %s: %v", *outPath, err)
	}

	levels := map[string]int{}
	for r := range table.All() {
		levels[r.Level]++
	}
	counts := table.Counts()
	fmt.Fprintf(stdout, "wrote %s: %d bytes, %d rows (%d domains, %d site sections)\n",
		*outPath, len(b), stats.Rows, stats.Rows-stats.Sections, stats.Sections)
	for _, d := range sources.Datasets {
		s := stats.Datasets[d.ID]
		fmt.Fprintf(stdout, "  %-15s %6d rows from %d entries of %s (%d invalid, %d unlabelled, %d duplicates)\n",
			d.ID, counts[d.ID], s.Entries, d.File, s.Invalid, s.Unlabelled, s.Duplicates)
	}
	fmt.Fprintf(stdout, "levels: %d reliable, %d mixed, %d unreliable, %d satire\n",
		levels[sources.LevelReliable], levels[sources.LevelMixed], levels[sources.LevelUnreliable], levels[sources.LevelSatire])
	return nil
}
