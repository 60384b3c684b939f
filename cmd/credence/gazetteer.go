package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/credence-news/credence/internal/gazetteer"
)

const gazetteerUsage = `credence gazetteer build [--data DIR] [--out FILE]

Regenerates the outlet seed list of the gazetteer (every news domain in the
shared source-ratings data, with a display name where Media Bias/Fact Check
gives one) from the files in DIR. The shipped file is this command's output;
the hand-written outlet names live in internal/gazetteer/data/outlets.tsv.`

func cmdGazetteer(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "build" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "-help") {
			fmt.Fprintln(stderr, gazetteerUsage)
			return nil
		}
		return usagef("gazetteer: name the action: credence gazetteer build [--data DIR] [--out FILE]")
	}
	c := newCommand("gazetteer build", gazetteerUsage, stderr)
	data := c.String("data", filepath.Join("..", "shared", "datasets", "sources"), "`DIR` with the source-ratings files")
	out := c.String("out", filepath.Join("internal", "gazetteer", "data", "outlets-seed.tsv"), "output `FILE`")
	if _, err := c.parse(args[1:], 0); err != nil {
		return err
	}
	b, err := gazetteer.BuildOutletSeed(*data)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*out, b); err != nil {
		return err
	}
	rows := strings.Count(string(b), "\n")
	fmt.Fprintf(stdout, "wrote %s: %d lines, %d bytes\n", *out, rows, len(b))
	return nil
}
