package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/internal/ingest"
	"github.com/credence-news/credence/report"
)

const analyzeUsage = `credence analyze [flags] [FILE|-]

Analyses one news article and writes its report. FILE may be plain text
(a headline line, a blank line, then the body), an HTML page, or a JSON
object {"title","text"|"html","url","published","source"}; the kind is
detected unless --kind says it. With no FILE, or "-", reads standard input.
FILE is a file, not a URL: fetch a page first (curl -sL URL > page.html)
and give its address with --url. PDFs, office documents, images and
archives are refused: extract their text first.

Articles in other languages are analysed with a warning: the models are
English-only, so entities, attributions, claims and most signals are left
empty or unmeasured.

Output is the credence/report/v1 JSON (see "credence schema") unless
--format asks for text (for a terminal) or markdown. Text and markdown open
with the verdict: the credibility score and band, the labels, the site's
rating, what the score rests on and the strongest reasons pulling it down
and up; then the article, quotes, sourcing, signals and claims.

--summary prints only the verdict: with text or markdown, the headline and
the verdict block; with json, an object with the report's "schema",
"input", "meta" (with the site's rating), "labels" and "credibility", each
as in the full report.

Exit codes: 0 ok, 1 analysis error (bad input), 2 usage error.`

func cmdAnalyze(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	c := newCommand("analyze", analyzeUsage, stderr)
	kind := c.String("kind", "", "input kind: text, html or json (default: detect)")
	format := c.String("format", "json", "output format: json, text or markdown")
	outPath := c.String("o", "", "write the report to `FILE` instead of standard output")
	title := c.String("title", "", "the article's headline (plain text input is then all body)")
	url := c.String("url", "", "the article's URL (overrides the input's)")
	published := c.String("published", "", "publication date (overrides the input's)")
	site := c.String("site", "", "site or outlet name (overrides the input's)")
	maxBytes := c.String("max-bytes", strconv.Itoa(ingest.DefaultMaxBytes), "refuse inputs larger than this many bytes (suffixes K, M, G allowed)")
	summary := c.Bool("summary", false, "print only the verdict (json: schema, input, meta, labels and credibility)")
	tokens := c.Bool("tokens", false, "include the token layer in the JSON report")
	compact := c.Bool("compact", false, "JSON on one line (default: indented)")
	color := c.String("color", "auto", "colours in text output: auto (when stdout is a terminal), always or never")
	dataDir := c.String("data", os.Getenv("CREDENCE_DATA"), "user data `DIR` laid over the shipped lists, rules and models (default $CREDENCE_DATA; see `credence data list`)")
	disable := c.String("disable", "", "comma-separated `STAGES` to switch off (language, attribution, signals, claims)")
	pos, err := c.parse(args, 1)
	if err != nil {
		return err
	}
	switch *format {
	case "json", "text", "markdown", "md":
	default:
		return usagef("analyze: --format must be json, text or markdown, not %q", *format)
	}
	switch *kind {
	case "", "text", "html", "json":
	default:
		return usagef("analyze: --kind must be text, html or json, not %q", *kind)
	}
	switch *color {
	case "auto", "always", "never":
	default:
		return usagef("analyze: --color must be auto, always or never, not %q", *color)
	}
	limit, err := parseSize(*maxBytes)
	if err != nil {
		return usagef("analyze: --max-bytes: %v", err)
	}

	name := "-"
	if len(pos) == 1 {
		name = pos[0]
	}
	if isURL(name) {
		if _, err := os.Stat(name); err != nil {
			return usagef("analyze takes a file, not a URL: fetch the page first (curl -sL '%s' > page.html) and give the file, with --url '%s' to keep its address", name, name)
		}
	}
	// A report that cannot be written is found out now, not after the
	// analysis.
	if *outPath != "" && *outPath != "-" {
		if err := checkWritable(*outPath); err != nil {
			return err
		}
	}
	raw, err := readInput(name, stdin, stderr, limit)
	if err != nil {
		return err
	}
	a, err := newAnalyzer(*dataDir, *disable, limit)
	if err != nil {
		return err
	}
	rep, err := a.Analyze(context.Background(), raw, credence.Options{
		Kind: *kind, Title: *title, URL: *url, Published: *published, Site: *site, Tokens: *tokens,
	})
	if err != nil {
		if name != "-" {
			return fmt.Errorf("%s: %w", name, err)
		}
		return err
	}

	dest := *outPath
	if dest == "" {
		dest = "-"
	}
	toTerminal := dest == "-" && isTerminal(stdout)
	return writeTo(dest, stdout, func(w io.Writer) error {
		return renderReport(w, rep, renderOptions{format: *format, summary: *summary, compact: *compact,
			color: *color == "always" || (*color == "auto" && toTerminal && os.Getenv("NO_COLOR") == ""),
			width: termWidth(stdout)})
	})
}

// readInput reads a file or standard input, bounded by limit.
func readInput(name string, stdin io.Reader, stderr io.Writer, limit int64) ([]byte, error) {
	if name == "-" {
		if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			fmt.Fprintln(stderr, "credence: reading the article from standard input (end with Ctrl-D)")
		}
		b, err := ingest.ReadAll(stdin, limit)
		return b, withFlagHint(err)
	}
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, shortPathError(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("cannot read %s: it is a directory (analyze takes one article)", name)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s: %w", name, withFlagHint(&ingest.Error{Code: ingest.CodeTooLarge,
			Msg: fmt.Sprintf("input is larger than the %d-byte limit (%d bytes)", limit, st.Size())}))
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, shortPathError(err))
	}
	defer f.Close()
	b, err := ingest.ReadAll(f, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, withFlagHint(err))
	}
	return b, nil
}

// withFlagHint adds to an input error the command-line flag that gets
// round it: the library's messages name no flags.
func withFlagHint(err error) error {
	var ie *ingest.Error
	if errors.As(err, &ie) && ie.Code == ingest.CodeTooLarge {
		return &ingest.Error{Code: ie.Code, Msg: ie.Msg + "; raise it with --max-bytes"}
	}
	return err
}

// isURL reports an argument that is a web address rather than a file name.
func isURL(s string) bool {
	lower := strings.ToLower(s)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "www.") && strings.Contains(s, "/")
}

// checkWritable fails when the report cannot be written to path: its
// folder is missing or not writable, or path is a folder or a read-only
// file. It creates nothing and leaves an existing file as it is.
func checkWritable(path string) error {
	fail := func(why string) error { return fmt.Errorf("cannot write the report to %s: %s", path, why) }
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return fail("it is a directory")
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fail(shortPathError(err).Error())
		}
		return f.Close()
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fail(fmt.Sprintf("the directory %s does not exist", dir))
	}
	if !st.IsDir() {
		return fail(fmt.Sprintf("%s is not a directory", dir))
	}
	f, err := os.CreateTemp(dir, ".credence-*")
	if err != nil {
		return fail(shortPathError(err).Error())
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func shortPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// parseSize reads "16777216", "16M", "512K" or "1G".
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	if n := len(s); n > 0 {
		switch s[n-1] {
		case 'k', 'K':
			mult, s = 1<<10, s[:n-1]
		case 'm', 'M':
			mult, s = 1<<20, s[:n-1]
		case 'g', 'G':
			mult, s = 1<<30, s[:n-1]
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("want a positive number of bytes such as 16M, got %q", s)
	}
	return v * mult, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func termWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width >= 40 {
			return min(width, 100)
		}
	}
	return 80
}

func cmdSchema(args []string, stdout, stderr io.Writer) error {
	c := newCommand("schema", "credence schema\n\nPrints the JSON Schema (draft 2020-12) of the credence/report/v1 report.", stderr)
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	_, err := stdout.Write(report.SchemaJSON)
	return err
}

// renderOptions say how a report is written.
type renderOptions struct {
	format           string // json, text, markdown (md)
	summary, compact bool
	color            bool
	width            int
}

// renderReport writes a report in the format asked for: analyze and show
// share it.
func renderReport(w io.Writer, rep *report.Report, o renderOptions) error {
	switch o.format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if !o.compact {
			enc.SetIndent("", "  ")
		}
		if o.summary {
			return enc.Encode(rep.Summary())
		}
		return enc.Encode(rep)
	case "text":
		to := report.TextOptions{Color: o.color, Width: o.width}
		if o.summary {
			return report.WriteSummaryText(w, rep, to)
		}
		return report.WriteText(w, rep, to)
	}
	if o.summary {
		return report.WriteSummaryMarkdown(w, rep)
	}
	return report.WriteMarkdown(w, rep)
}
