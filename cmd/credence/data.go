package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/credence-news/credence"
)

// newAnalyzer builds the analyzer for one command from its --data,
// --disable and --max-bytes flags.
func newAnalyzer(dataDir, disable string, maxBytes int64) (*credence.Analyzer, error) {
	cfg := credence.Config{DataDir: dataDir, MaxBytes: maxBytes}
	for _, s := range strings.Split(disable, ",") {
		if s = strings.TrimSpace(s); s != "" {
			cfg.Disable = append(cfg.Disable, s)
		}
	}
	a, err := credence.New(cfg)
	var ce *credence.ConfigError
	if errors.As(err, &ce) {
		return nil, usagef("--disable: %v", err)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot start: %w", err)
	}
	return a, nil
}

const dataUsage = `credence data list [--data DIR]

Lists the rule files, word lists, tables and models the analyzer reads, as
paths in the data-folder layout, with their kind, size, SHA-256 and origin
(shipped, replaced or extended). A file at the same path in a data folder
(--data DIR, or $CREDENCE_DATA) replaces the shipped one; for .txt and .tsv
lists, NAME.extra.txt (or .extra.tsv) is appended to the shipped list.
`

func cmdData(args []string, stdout, stderr io.Writer) error {
	c := newCommand("data", dataUsage, stderr)
	dataDir := c.String("data", os.Getenv("CREDENCE_DATA"), "user data `DIR` to lay over the shipped files")
	pos, err := c.parse(args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "list" {
		return usagef("data: want the subcommand list")
	}
	a, err := newAnalyzer(*dataDir, "", 0)
	if err != nil {
		return err
	}
	e := a.Engine()
	fmt.Fprintf(stdout, "credence %s, engine %s, stages %s\n", e.Version, e.Fingerprint, strings.Join(e.Stages, " → "))
	for _, f := range e.Data {
		fmt.Fprintf(stdout, "%-32s %-6s %9d  %s  %s\n", f.Name, f.Kind, f.Bytes, f.SHA256[:12], f.Origin)
	}
	return nil
}
