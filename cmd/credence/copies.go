package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/credence-news/credence/dedup"
	"github.com/credence-news/credence/report"
	"github.com/credence-news/credence/store"
)

const copiesUsage = `credence copies [flags] ID

Shows the copy chain of a stored article: the near-duplicates the store
found for it (articles sharing most of their text, directly or through
other copies), the original (the earliest published, then the first
stored), and for each copy, in time order, its site, date, similarity to
the original and what it changed: headline, sentences added, removed and
reworded, speculation and sensational words added, quotes cut,
attributions dropped or replaced, the score moved.

JSON output is {"original": ID, "copies": [{"id","site","published",
"similarity","changes": [{"kind","before","after","note"}]}]}.

Exit codes: 0 ok (also for an article with no copies), 1 error (no store,
no such id), 2 usage error.`

func cmdCopies(args []string, stdout, stderr io.Writer) error {
	c := newCommand("copies", copiesUsage, stderr)
	storePath := storeFlag(c)
	similarity := c.Float64("similarity", dedup.Default.Threshold, "the least estimated share of shingles two articles share to count as copies (0.4 to 1)")
	format := c.String("format", "text", "output format: text or json")
	pos, err := c.parse(args, 1)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("copies: give the id of a stored article (credence search lists them)")
	}
	if err := textOrJSON("copies", *format); err != nil {
		return err
	}
	if *similarity < dedup.StoreThreshold || *similarity > 1 {
		return usagef("copies: --similarity must be between %.1f (the least the store keeps) and 1, not %g", dedup.StoreThreshold, *similarity)
	}
	st, err := openStore(*storePath, false)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	group, err := st.Copies(ctx, pos[0], *similarity)
	if errors.Is(err, store.ErrNotFound) {
		return notStored(pos[0], *storePath)
	}
	if err != nil {
		return err
	}
	load := func(id string) (*report.Report, error) {
		raw, err := st.Report(ctx, id)
		if err != nil {
			return nil, err
		}
		return decodeStored(id, raw)
	}
	orig, err := load(group[0].ID)
	if err != nil {
		return err
	}
	type copyOut struct {
		store.Copy
		Changes []dedup.Change `json:"changes"`
	}
	out := struct {
		Original  string    `json:"original"`
		Title     string    `json:"title"`
		Site      string    `json:"site"`
		Published string    `json:"published"`
		Copies    []copyOut `json:"copies"`
	}{Original: group[0].ID, Title: group[0].Title, Site: group[0].Site, Published: group[0].Published, Copies: []copyOut{}}
	for _, m := range group[1:] {
		cp, err := load(m.ID)
		if err != nil {
			return err
		}
		ch := dedup.Changes(orig, cp)
		if ch == nil {
			ch = []dedup.Change{}
		}
		out.Copies = append(out.Copies, copyOut{Copy: m, Changes: ch})
	}
	bw := bufio.NewWriter(stdout)
	if *format == "json" {
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
		return bw.Flush()
	}
	width := termWidth(stdout)
	fmt.Fprintf(bw, "Original: %s\n  %s · %s · id %s\n", out.Title, orDash(out.Site, "(no site)"), day(out.Published), out.Original)
	if len(out.Copies) == 0 {
		fmt.Fprintf(bw, "\nNo copies at a similarity of %.2f or more.\n", *similarity)
		return bw.Flush()
	}
	for i, c := range out.Copies {
		fmt.Fprintf(bw, "\n%d. %s\n   %s · %s · %.0f%% similar · id %s\n", i+1, c.Title, orDash(c.Site, "(no site)"), day(c.Published), 100*c.Similarity, c.ID)
		if len(c.Changes) == 0 {
			fmt.Fprintln(bw, "   the same text")
			continue
		}
		for _, ch := range c.Changes {
			fmt.Fprintf(bw, "   %-22s %s\n", ch.Kind, clipLine(changeLine(ch), width-26))
		}
	}
	return bw.Flush()
}

// changeLine is a change in one line: its note, or before → after.
func changeLine(ch dedup.Change) string {
	if ch.Note != "" {
		return ch.Note
	}
	switch {
	case ch.Before != "" && ch.After != "":
		return "“" + ch.Before + "” → “" + ch.After + "”"
	case ch.After != "":
		return "+ “" + ch.After + "”"
	}
	return "− “" + ch.Before + "”"
}

func clipLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if n < 20 {
		n = 20
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
