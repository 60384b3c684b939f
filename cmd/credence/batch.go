package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/credence-news/credence/corpus"
	"github.com/credence-news/credence/internal/cputime"
	"github.com/credence-news/credence/internal/ingest"
	"github.com/credence-news/credence/store"
)

const batchUsage = `credence batch [flags] INPUT...

Analyses every article of the inputs and writes the reports to a store
(--store, the default) and/or a JSONL file (-o), one report per record, each
with the record's "id" at the top level.

Inputs, read in order (each may be gzip-compressed, FILE.gz; "-" reads
standard input):
  FILE.jsonl   one article object per line ({"id","title","text"|"html","url",
               "published","site",...}; the id is the "id" field, or
               FILE:LINE when there is none)
  FILE.csv     a header row naming the columns (id, title, text or html, url,
               published, site; aliases such as body, headline, date, source
               are understood); quoted fields may span lines
  FILE.warc    WARC or WARC.gz: every HTTP response holding an HTML page, with
               its target URI (the id is the WARC-Record-ID)
  DIR          every .txt, .html and .json file below it (and any JSONL, CSV
               or WARC files), the id being the path inside DIR

A record that cannot be read or analysed (a line that is not JSON, a CSV row
with a missing column, a truncated gzip stream, a WARC response that is not
HTML, an empty text, a duplicate id) is listed with its input, position and
reason in the store's error list (see "credence errors") and, with --errors,
in a JSONL file; the run goes on.

Resuming: rerun the same command after an interruption (Ctrl-C, kill, a
crash or a power cut) and it carries on where it stopped. Records already in
every sink are skipped; the files and the store end up holding each record
exactly once. The store also keys each record by the hash of its content and
the engine's fingerprint: a record whose text changed, or a new version of
Credence or of its data, is analysed again.

Ctrl-C (or SIGTERM) stops reading, finishes the records in flight, writes
them and exits with code 3; a second Ctrl-C aborts at once (what was
committed stays, and a rerun resumes).

Exit codes: 0 every record settled (analysed, already done, or listed as an
error), 1 the run stopped on an error (an input or sink that cannot be
opened or written), 2 usage error, 3 interrupted (rerun to resume).`

// exitInterrupted is batch's exit code after Ctrl-C or SIGTERM.
const exitInterrupted = 3

// interruptedError ends a batch that was stopped by a signal.
type interruptedError struct{ msg string }

func (e interruptedError) Error() string { return e.msg }

func cmdBatch(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	c := newCommand("batch", batchUsage, stderr)
	outPath := c.String("o", "", "write the reports to `FILE.jsonl` (resumed if it exists)")
	storePath := c.String("store", "", "write to the store `DB` (default credence.db, or $CREDENCE_STORE, unless only -o is given)")
	errPath := c.String("errors", "", "also list the records that could not be analysed in `FILE.jsonl`")
	workers := c.Int("j", 0, "analyse on `N` goroutines (default: all cores)")
	format := c.String("format", "", "read every input as this format: jsonl, csv, tsv, warc, txt, html, json (default: from the file name)")
	progress := c.String("progress", "auto", "progress display: auto (a bar on a terminal, lines otherwise), bar, lines or none")
	maxBytes := c.String("max-bytes", strconv.Itoa(ingest.DefaultMaxBytes), "a record larger than this is an error (suffixes K, M, G allowed)")
	dataDir := c.String("data", os.Getenv("CREDENCE_DATA"), "user data `DIR` laid over the shipped lists, rules and models")
	disable := c.String("disable", "", "comma-separated `STAGES` to switch off")
	noIndex := c.Bool("no-index", false, "do not update the store's copy and story indexes (a faster bulk load; run credence rebuild after it)")
	inputs, err := c.parse(args, 1<<30)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usagef("batch: no input given (a JSONL, CSV or WARC file, a folder, or - for standard input)")
	}
	switch *progress {
	case "auto", "bar", "lines", "none":
	default:
		return usagef("batch: --progress must be auto, bar, lines or none, not %q", *progress)
	}
	if *workers < 0 {
		return usagef("batch: -j must be at least 1, not %d", *workers)
	}
	limit, err := parseSize(*maxBytes)
	if err != nil {
		return usagef("batch: --max-bytes: %v", err)
	}
	if *storePath == "" && *outPath == "" {
		*storePath = defaultStorePath()
	}
	if *outPath == "-" || *errPath == "-" {
		return usagef("batch: -o and --errors take a file (resuming needs to read it back), not -")
	}
	var total int64 // input bytes, for the progress bar's estimate
	for _, in := range inputs {
		if in == "-" {
			total = -1
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			return fmt.Errorf("cannot read %s: %v", in, shortPathError(err))
		}
		if fi.IsDir() {
			total = -1
		} else if total >= 0 {
			total += fi.Size()
		}
	}

	a, err := newAnalyzer(*dataDir, *disable, limit)
	if err != nil {
		return err
	}
	opts := corpus.RunOptions{
		Workers: *workers, Output: *outPath, Errors: *errPath,
		Read: corpus.ReadOptions{Stdin: stdin, Format: *format, MaxRecord: limit},
	}
	var st store.Store
	if *storePath != "" {
		db, err := openStore(*storePath, true)
		if err != nil {
			return err
		}
		defer db.Close()
		if *noIndex {
			db.SetIndexing(false)
		}
		st = db
		opts.Store = st
	}

	// Ctrl-C or SIGTERM: stop reading and finish what is in flight; a
	// second one aborts.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := make(chan struct{})
	opts.Stop = stop
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		n := 0
		for range sigs {
			n++
			if n == 1 {
				fmt.Fprintln(stderr, "\ncredence: stopping: finishing the records in flight (interrupt again to abort; rerun the same command to resume)")
				close(stop)
				continue
			}
			cancel()
			return
		}
	}()

	show := newProgressDisplay(*progress, stderr, total)
	opts.Progress = show.update
	opts.ProgressEvery = show.every
	cpu0 := cputime.Used()
	sum, err := corpus.Run(ctx, a, inputs, opts)
	show.finish()
	cpu := cputime.Used() - cpu0
	if err != nil {
		if sum.Records > 0 {
			writeBatchSummary(stderr, sum, cpu, *outPath, *storePath, *errPath)
		}
		return err
	}
	writeBatchSummary(stderr, sum, cpu, *outPath, *storePath, *errPath)
	if st != nil {
		if ok, err := st.IndexesCurrent(context.Background()); err == nil && !ok {
			fmt.Fprintf(stderr, "  the store's copy, story and site indexes are out of date: run credence rebuild --store %s\n", *storePath)
		}
	}
	if sum.Interrupted || ctx.Err() != nil {
		return interruptedError{"interrupted: rerun the same command to resume"}
	}
	return nil
}

// defaultStorePath is the store search, show, export and batch use
// when --store is not given.
func defaultStorePath() string {
	if p := os.Getenv("CREDENCE_STORE"); p != "" {
		return p
	}
	return "credence.db"
}

// progressDisplay shows a run's progress: a bar on a terminal, a line
// every ten seconds otherwise.
type progressDisplay struct {
	mode  string // bar, lines, none
	out   io.Writer
	total int64
	every time.Duration
	bar   *progressbar.ProgressBar
	mu    sync.Mutex
	last  corpus.Progress
}

func newProgressDisplay(mode string, out io.Writer, total int64) *progressDisplay {
	if mode == "auto" {
		mode = "lines"
		if f, ok := out.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = "bar"
		}
	}
	p := &progressDisplay{mode: mode, out: out, total: total, every: 10 * time.Second}
	if mode == "bar" {
		p.every = 200 * time.Millisecond
		max := total
		if max <= 0 {
			max = -1
		}
		p.bar = progressbar.NewOptions64(max,
			progressbar.OptionSetWriter(out),
			progressbar.OptionSetDescription("analysing"),
			progressbar.OptionShowBytes(false),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(out) }),
		)
	}
	return p
}

func (p *progressDisplay) update(pr corpus.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last = pr
	switch p.mode {
	case "bar":
		p.bar.Describe(progressLine(pr, false))
		if p.total > 0 {
			p.bar.Set64(min(pr.Bytes, p.total))
		} else {
			p.bar.Add(0)
		}
	case "lines":
		line := "credence batch: " + progressLine(pr, true)
		if p.total > 0 && pr.Bytes > 0 {
			frac := float64(pr.Bytes) / float64(p.total)
			line += fmt.Sprintf(", %.0f%% of the input", 100*frac)
			if frac > 0.01 && frac < 1 {
				left := time.Duration(float64(pr.Elapsed) * (1 - frac) / frac)
				line += ", about " + roundDuration(left).String() + " left"
			}
		}
		fmt.Fprintln(p.out, line)
	}
}

func (p *progressDisplay) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
	}
}

// progressLine is "12,345 records (11,900 analysed, 400 already done, 45
// errors), 950/s".
func progressLine(pr corpus.Progress, long bool) string {
	rate := 0.0
	if s := pr.Elapsed.Seconds(); s > 0 {
		rate = float64(pr.Records) / s
	}
	if !long {
		return fmt.Sprintf("%s records · %s/s · %s errors", commas(pr.Records), commas(int(rate)), commas(pr.Failed))
	}
	return fmt.Sprintf("%s records (%s analysed, %s already done, %s errors), %s records/s",
		commas(pr.Records), commas(pr.Analysed), commas(pr.Skipped), commas(pr.Failed), commas(int(rate)))
}

func writeBatchSummary(w io.Writer, s corpus.Summary, cpu time.Duration, out, st, errs string) {
	var b strings.Builder
	state := "done"
	if s.Interrupted {
		state = "interrupted"
	}
	fmt.Fprintf(&b, "credence batch %s: %s in %s", state, plural(s.Records, "record"), roundDuration(s.Elapsed))
	if sec := s.Elapsed.Seconds(); sec > 0 && s.Records > 0 {
		fmt.Fprintf(&b, " (%s records/s", commas(int(float64(s.Records)/sec)))
		if cpu > 0 && s.Analysed > 0 {
			fmt.Fprintf(&b, "; %s analysed per CPU-second", commas(int(float64(s.Analysed)/cpu.Seconds())))
		}
		b.WriteString(")")
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "  analysed %s · already done %s · errors %s\n", commas(s.Analysed), commas(s.Skipped), commas(s.Failed))
	countLine := func(name string, m map[string]int) {
		if len(m) == 0 {
			return
		}
		var parts []string
		for _, c := range corpus.SortedCounts(m) {
			parts = append(parts, c.Name+" "+commas(c.Count))
		}
		fmt.Fprintf(&b, "  %s: %s\n", name, strings.Join(parts, " · "))
	}
	countLine("labels", s.Labels)
	countLine("bands", s.Bands)
	countLine("errors by kind", s.FailKinds)
	var sinks []string
	if st != "" {
		sinks = append(sinks, "store "+st)
	}
	if out != "" {
		sinks = append(sinks, out)
	}
	if errs != "" {
		sinks = append(sinks, "errors in "+errs)
	}
	fmt.Fprintf(&b, "  wrote: %s\n", strings.Join(sinks, ", "))
	if s.Failed > 0 && st != "" {
		fmt.Fprintf(&b, "  the errors are listed by: credence errors --store %s\n", st)
	}
	io.WriteString(w, b.String())
}

func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Minute:
		return d.Round(time.Second)
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

// plural is "1 record" or "12,345 records".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return commas(n) + " " + noun + "s"
}

// commas formats 12345 as "12,345".
func commas(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
