package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/credence-news/credence/corpus"
	"github.com/credence-news/credence/report"
	"github.com/credence-news/credence/store"
	"github.com/credence-news/credence/store/sqlite"
)

// storeFlag is the --store flag of the commands that read a store.
func storeFlag(c *command) *string {
	return c.String("store", defaultStorePath(), "the store `DB` (default credence.db, or $CREDENCE_STORE)")
}

// notStored is the error for an id the store does not hold.
func notStored(id, path string) error {
	return fmt.Errorf("no article with id %q in %s (credence search lists the ids)", id, path)
}

// openStore opens the store at path: for writing (batch), created when
// missing; for reading, it must exist.
func openStore(path string, write bool) (store.Store, error) {
	if write {
		return sqlite.Open(path)
	}
	return sqlite.OpenReadOnly(path)
}

const searchUsage = `credence search [flags] [QUERY]

Searches the stored articles: full-text over titles and texts, ranked (bm25,
title matches first), with filters. QUERY uses the store's full-text
syntax: words (all must match), "a phrase", prefix*, OR, NOT. With no QUERY,
lists the articles the filters keep, newest first.

Text output lists each hit with its site, date, band and score, the id to
give "credence show", and a snippet with the match marked. JSON output is
{"query", "hits": [{"id","title","site","published","score","band","label",
"rank","snippet","highlights"}]}, highlights being [start,end) code-point
offsets into the snippet.

Exit codes: 0 ok (also when nothing matches), 1 error (no store, a bad
query), 2 usage error.`

func cmdSearch(args []string, stdout, stderr io.Writer) error {
	c := newCommand("search", searchUsage, stderr)
	storePath := storeFlag(c)
	label := c.String("label", "", "only articles whose most probable label is `LABEL` (reliable, fake, satire)")
	band := c.String("band", "", "only articles in the credibility `BAND` (high, mixed, low, very low, abstained)")
	site := c.String("site", "", "only articles from `SITE` (its domain or name, as stored)")
	from := c.String("from", "", "only articles published on or after `DATE` (YYYY-MM-DD)")
	to := c.String("to", "", "only articles published on or before `DATE` (YYYY-MM-DD)")
	entity := c.String("entity", "", "only articles naming `NAME` (a person, organisation, place or outlet)")
	speaker := c.String("speaker", "", "only articles quoting `NAME`")
	limit := c.Int("limit", 20, "at most `N` hits")
	format := c.String("format", "text", "output format: text or json")
	color := c.String("color", "auto", "colours in text output: auto, always or never")
	pos, err := c.parse(args, 1<<10)
	if err != nil {
		return err
	}
	if err := textOrJSON("search", *format); err != nil {
		return err
	}
	if *limit < 1 {
		return usagef("search: --limit must be at least 1, not %d", *limit)
	}
	switch *band {
	case "", "high", "mixed", "low", "very low", "abstained":
	default:
		return usagef("search: --band must be high, mixed, low, very low or abstained, not %q", *band)
	}
	switch *label {
	case "", "reliable", "fake", "satire":
	default:
		return usagef("search: --label must be reliable, fake or satire, not %q", *label)
	}
	q := store.Query{Text: strings.Join(pos, " "), Label: *label, Band: *band, Site: *site,
		Entity: *entity, Speaker: *speaker, Limit: *limit}
	if q.From, q.To, err = parseDays(*from, *to); err != nil {
		return err
	}
	st, err := openStore(*storePath, false)
	if err != nil {
		return err
	}
	defer st.Close()
	hits, err := st.Search(context.Background(), q)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	if *format == "json" {
		type jsonHit struct {
			store.Hit
			Highlights [][2]int `json:"highlights"`
		}
		out := struct {
			Query string    `json:"query"`
			Hits  []jsonHit `json:"hits"`
		}{Query: q.Text, Hits: []jsonHit{}}
		for _, h := range hits {
			jh := jsonHit{Hit: h}
			jh.Snippet, jh.Highlights = splitMarks(h.Snippet)
			if jh.Highlights == nil {
				jh.Highlights = [][2]int{}
			}
			out.Hits = append(out.Hits, jh)
		}
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
		return bw.Flush()
	}
	useColor := *color == "always" || (*color == "auto" && isTerminal(stdout) && os.Getenv("NO_COLOR") == "")
	if len(hits) == 0 {
		fmt.Fprintln(bw, "no matches")
		return bw.Flush()
	}
	for i, h := range hits {
		meta := []string{}
		for _, s := range []string{h.Site, day(h.Published)} {
			if s != "" {
				meta = append(meta, s)
			}
		}
		verdict := h.Band
		if h.Score != nil {
			verdict = fmt.Sprintf("%s %.0f", h.Band, *h.Score)
		}
		if verdict != "" {
			meta = append(meta, verdict)
		}
		if h.Label != "" {
			meta = append(meta, "most likely "+h.Label)
		}
		title := h.Title
		if title == "" {
			title = "(no title)"
		}
		if useColor {
			title = "\x1b[1m" + title + "\x1b[0m"
		}
		fmt.Fprintf(bw, "%d. %s\n   %s · id %s\n", i+1, title, strings.Join(meta, " · "), h.ID)
		if h.Snippet != "" {
			fmt.Fprintf(bw, "   %s\n", markSnippet(h.Snippet, useColor))
		}
	}
	return bw.Flush()
}

// splitMarks removes the store's match marks from a snippet and returns
// the marked ranges as code-point offsets into the result.
func splitMarks(s string) (string, [][2]int) {
	var b strings.Builder
	var spans [][2]int
	n, open := 0, -1
	for _, r := range s {
		switch string(r) {
		case store.MarkStart:
			open = n
			continue
		case store.MarkEnd:
			if open >= 0 {
				spans = append(spans, [2]int{open, n})
			}
			open = -1
			continue
		}
		b.WriteRune(r)
		n++
	}
	return b.String(), spans
}

// markSnippet shows the matches: bold yellow on a terminal, «…» otherwise.
func markSnippet(s string, color bool) string {
	start, end := "«", "»"
	if color {
		start, end = "\x1b[1;33m", "\x1b[0m"
	}
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer(store.MarkStart, start, store.MarkEnd, end).Replace(s)
}

// day is the date part of a published value.
func day(s string) string {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return s
}

// textOrJSON checks a --format flag of the commands that print text or JSON.
func textOrJSON(cmd, format string) error {
	if format != "text" && format != "json" {
		return usagef("%s: --format must be text or json, not %q", cmd, format)
	}
	return nil
}

// parseDays parses the --from and --to flags.
func parseDays(from, to string) (time.Time, time.Time, error) {
	f, err := parseDay(from, "--from")
	if err != nil {
		return f, time.Time{}, err
	}
	t, err := parseDay(to, "--to")
	return f, t, err
}

func parseDay(s, flagName string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("search: %s must be a date (YYYY-MM-DD), not %q", flagName, s)
}

const showUsage = `credence show [flags] ID

Prints the stored report of the article with this id (as "credence search"
lists it, or the id of its input record), in the same formats as "credence
analyze": the credence/report/v1 JSON, text or markdown.

Exit codes: 0 ok, 1 error (no store, no such id), 2 usage error.`

func cmdShow(args []string, stdout, stderr io.Writer) error {
	c := newCommand("show", showUsage, stderr)
	storePath := storeFlag(c)
	format := c.String("format", "text", "output format: json, text or markdown")
	summary := c.Bool("summary", false, "print only the verdict")
	compact := c.Bool("compact", false, "JSON on one line (default: indented)")
	color := c.String("color", "auto", "colours in text output: auto, always or never")
	pos, err := c.parse(args, 1)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("show: give the id of a stored article (credence search lists them)")
	}
	switch *format {
	case "json", "text", "markdown", "md":
	default:
		return usagef("show: --format must be json, text or markdown, not %q", *format)
	}
	st, err := openStore(*storePath, false)
	if err != nil {
		return err
	}
	defer st.Close()
	raw, err := st.Report(context.Background(), pos[0])
	if errors.Is(err, store.ErrNotFound) {
		return notStored(pos[0], *storePath)
	}
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	if *format == "json" && *compact && !*summary {
		bw.Write(raw)
		bw.WriteByte('\n')
		return bw.Flush()
	}
	rep, err := decodeStored(pos[0], raw)
	if err != nil {
		return err
	}
	err = renderReport(bw, rep, renderOptions{format: *format, summary: *summary, compact: *compact,
		color: *color == "always" || (*color == "auto" && isTerminal(stdout) && os.Getenv("NO_COLOR") == ""),
		width: termWidth(stdout)})
	if err == nil {
		err = bw.Flush()
	}
	return err
}

const exportUsage = `credence export [flags]

Writes every stored report as JSONL, one per line in id order, each with
its "id" at the top level: the same lines "credence batch -o" writes.

Exit codes: 0 ok, 1 error, 2 usage error.`

func cmdExport(args []string, stdout, stderr io.Writer) error {
	return storeToJSONL("export", exportUsage, args, stdout, stderr, func(st store.Store, w io.Writer) error {
		return st.Each(context.Background(), func(id string, b []byte) error {
			if _, err := w.Write(b); err != nil {
				return err
			}
			_, err := w.Write([]byte{'\n'})
			return err
		})
	})
}

// storeToJSONL is export and errors: a store to read, a JSONL file (or
// standard output) to write.
func storeToJSONL(name, usage string, args []string, stdout, stderr io.Writer, write func(store.Store, io.Writer) error) error {
	c := newCommand(name, usage, stderr)
	storePath := storeFlag(c)
	outPath := c.String("o", "-", "write to `FILE.jsonl` (default standard output)")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	st, err := openStore(*storePath, false)
	if err != nil {
		return err
	}
	defer st.Close()
	return writeTo(*outPath, stdout, func(w io.Writer) error { return write(st, w) })
}

const errorsUsage = `credence errors [flags]

Lists the records a batch could not analyse, as JSONL in input order:
{"id","input","pos","kind","message"}, the lines "credence batch --errors"
writes.

Exit codes: 0 ok, 1 error, 2 usage error.`

func cmdErrors(args []string, stdout, stderr io.Writer) error {
	return storeToJSONL("errors", errorsUsage, args, stdout, stderr, func(st store.Store, w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return st.Failures(context.Background(), func(f store.Failure) error {
			return enc.Encode(struct {
				ID      string `json:"id"`
				Input   string `json:"input"`
				Pos     string `json:"pos"`
				Kind    string `json:"kind"`
				Message string `json:"message"`
			}{f.ID, f.Input, f.Pos, f.Kind, f.Message})
		})
	})
}

// writeTo runs write on a buffered file (or stdout for "-"), reporting
// write errors with the file's name.
func writeTo(path string, stdout io.Writer, write func(io.Writer) error) error {
	out, name := stdout, "standard output"
	var f *os.File
	if path != "-" {
		var err error
		if f, err = os.Create(path); err != nil {
			return fmt.Errorf("cannot write %s: %v", path, shortPathError(err))
		}
		out, name = f, path
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return nil
}

const statsUsage = `credence stats [flags]

Summarises a store: articles, labels, bands, sites, engines, the date range
and the records that could not be analysed, by kind.

Exit codes: 0 ok, 1 error, 2 usage error.`

func cmdStats(args []string, stdout, stderr io.Writer) error {
	c := newCommand("stats", statsUsage, stderr)
	storePath := storeFlag(c)
	format := c.String("format", "text", "output format: text or json")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if err := textOrJSON("stats", *format); err != nil {
		return err
	}
	st, err := openStore(*storePath, false)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	if *format == "json" {
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			return err
		}
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%s: %s articles, %s errors, %s, schema version %d\n", s.Path, commas(s.Articles), commas(s.Errors), sizeString(s.Bytes), s.Schema)
	if s.FirstDate != "" {
		fmt.Fprintf(bw, "  published: %s to %s\n", s.FirstDate, s.LastDate)
	}
	line := func(name string, cs []store.Count) {
		if len(cs) == 0 {
			return
		}
		var parts []string
		for _, c := range cs {
			parts = append(parts, c.Name+" "+commas(c.Count))
		}
		fmt.Fprintf(bw, "  %s: %s\n", name, strings.Join(parts, " · "))
	}
	if s.IndexesCurrent {
		fmt.Fprintf(bw, "  copies: %s articles have a near-duplicate · stories: %s of two articles or more, holding %s articles\n",
			commas(s.WithCopies), commas(s.Stories), commas(s.InStories))
	} else if s.Articles > 0 {
		fmt.Fprintf(bw, "  the copy, story and site indexes are out of date: run credence rebuild --store %s\n", s.Path)
	}
	line("labels", corpus.SortedCounts(s.Labels))
	line("bands", corpus.SortedCounts(s.Bands))
	line("sites", s.Sites)
	line("errors by kind", corpus.SortedCounts(s.ErrorKinds))
	line("engines", s.Engines)
	return bw.Flush()
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// decodeStored decodes a report read from the store.
func decodeStored(id string, raw []byte) (*report.Report, error) {
	var rep report.Report
	if err := json.Unmarshal(raw, &rep); err != nil {
		return nil, fmt.Errorf("the stored report of %q does not decode (%v): the store may be damaged", id, err)
	}
	return &rep, nil
}
