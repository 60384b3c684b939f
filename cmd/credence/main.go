// Command credence analyses news articles: it cleans the text and reports
// where the information comes from and how far to trust it.
//
// Exit codes: 0 success, 1 the analysis failed (bad input or an error while
// working), 2 the command line was wrong.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/report"
)

// Exit codes, documented in the README and in `credence help`.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError is a command-line mistake: reported with exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const mainUsage = `credence reads news articles and shows how far to trust them, and why.

Usage:
  credence analyze [flags] [FILE|-]    analyse one article (text, HTML or JSON)
  credence batch [flags] INPUT...      analyse a corpus (JSONL, CSV, WARC, folders) into a store and/or a JSONL file; resumable
  credence search [flags] [QUERY]      full-text search of the store, with filters (label, band, site, dates, entity, speaker)
  credence show [flags] ID             print a stored report (json, text or markdown)
  credence export [flags]              write every stored report as JSONL
  credence copies [flags] ID           a stored article's copy chain: the original, each copy and what it changed
  credence stories [flags]             list the stories: articles about the same event, grouped
  credence story [flags] ID            one story: its sites and their ratings, score spread, shared claims, quotes by speaker
  credence sites [flags]               rank the sites (by volume, mean score or copying)
  credence site [flags] DOMAIN         one site's profile: scores over time, signals, sourcing, who it copies and who copies it
  credence rebuild [flags]             recompute the store's copy, story and site indexes from the stored reports
  credence errors [flags]              list the records a batch could not analyse
  credence stats [flags]               summarise a store
  credence eval extraction [flags]     score article extraction on the Zyte benchmark
  credence eval ner --gold FILE        score the named-entity recogniser on a gold file
  credence eval attribution --gold DIR score attributions on a PolNeAR split
  credence eval headlines --data FILE  score the clickbait or satire headline model
  credence eval claims --clef FILE     leave-one-debate-out MAP of the claims model
  credence eval articles --data FILE   score the verdict per corpus (--cv: cross-validated, with a baseline)
  credence eval findings --gold FILE   score quotes, speakers, attributions, scare quotes, junk and claims on a careful reader's gold
  credence tag [flags] [FILE|-]        tag text with parts of speech and named entities
  credence train tagger [flags]        train the tagger on the shared data
  credence train signals [flags]       build the signals' reference distributions
  credence train headlines [flags]     train the clickbait and satire headline models
  credence train claims [flags]        train the check-worthiness model
  credence train verdict [flags]       train the verdict model and write its model card
  credence sources build|lookup        build or query the source-ratings table
  credence gazetteer build             regenerate the outlet seed list of the gazetteer
  credence data list [--data DIR]      the rule files, lists, tables and models the analyzer reads
  credence schema                      print the JSON Schema of the report
  credence version                     print the version
  credence help [COMMAND]              show help

Run "credence COMMAND --help" for a command's flags.

Exit codes: 0 ok, 1 analysis error (bad input or failure), 2 usage error,
3 batch interrupted (rerun the same command to resume).
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: testable, and the one place that turns
// errors into messages and exit codes. A panic anywhere below is reported as
// one line, never as a stack trace.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "credence: internal error: %v (please report this)\n", p)
			code = exitError
		}
	}()
	err := dispatch(args, stdin, stdout, stderr)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var ie interruptedError
	if errors.As(err, &ie) {
		fmt.Fprintf(stderr, "credence: %s\n", ie.msg)
		return exitInterrupted
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "credence: %s\n", oneLine(ue.msg))
		fmt.Fprintln(stderr, `Run "credence help" for usage.`)
		return exitUsage
	}
	fmt.Fprintf(stderr, "credence: %s\n", oneLine(err.Error()))
	return exitError
}

func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return usagef("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "analyze", "analyse":
		return cmdAnalyze(rest, stdin, stdout, stderr)
	case "batch":
		return cmdBatch(rest, stdin, stdout, stderr)
	case "search":
		return cmdSearch(rest, stdout, stderr)
	case "show":
		return cmdShow(rest, stdout, stderr)
	case "export":
		return cmdExport(rest, stdout, stderr)
	case "stories":
		return cmdStories(rest, stdout, stderr)
	case "story":
		return cmdStory(rest, stdout, stderr)
	case "sites":
		return cmdSites(rest, stdout, stderr)
	case "site":
		return cmdSite(rest, stdout, stderr)
	case "rebuild":
		return cmdRebuild(rest, stdout, stderr)
	case "copies":
		return cmdCopies(rest, stdout, stderr)
	case "errors":
		return cmdErrors(rest, stdout, stderr)
	case "stats":
		return cmdStats(rest, stdout, stderr)
	case "eval":
		return cmdEval(rest, stdout, stderr)
	case "schema":
		return cmdSchema(rest, stdout, stderr)
	case "sources":
		return cmdSources(rest, stdout, stderr)
	case "gazetteer":
		return cmdGazetteer(rest, stdout, stderr)
	case "tag":
		return cmdTag(rest, stdin, stdout, stderr)
	case "train":
		return cmdTrain(rest, stdout, stderr)
	case "version", "--version", "-version":
		return cmdVersion(rest, stdout, stderr)
	case "data":
		return cmdData(rest, stdout, stderr)
	case "help", "--help", "-help", "-h":
		return cmdHelp(rest, stdout, stderr)
	}
	return usagef("unknown command %q", cmd)
}

func cmdHelp(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || isHelpFlag(args[0]) || args[0] == "help" {
		fmt.Fprint(stdout, mainUsage)
		return nil
	}
	switch args[0] {
	case "analyze", "analyse", "batch", "search", "show", "export", "errors", "stats", "copies", "stories", "story", "sites", "site", "rebuild", "eval", "schema", "version", "tag", "train", "sources", "gazetteer", "data":
		return dispatch([]string{args[0], "--help"}, nil, stdout, stdout)
	}
	return usagef("no help for unknown command %q", args[0])
}

func cmdVersion(args []string, stdout, stderr io.Writer) error {
	c := newCommand("version", "credence version\n\nPrints the version of credence and of its report schema.", stderr)
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "credence %s (report schema %s)\n", credence.Version, report.SchemaID)
	return nil
}

// command is a subcommand's flag set and where its help goes.
type command struct {
	*flag.FlagSet
	out   io.Writer
	usage func()
}

// newCommand makes a flag set whose --help prints the command's usage and
// whose errors are returned, not printed-and-exited.
func newCommand(name, usage string, out io.Writer) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	c := &command{FlagSet: fs, out: out}
	c.usage = func() {
		fs.SetOutput(out)
		fmt.Fprintln(out, usage)
		fmt.Fprintln(out, "\nFlags:")
		fs.PrintDefaults()
	}
	fs.Usage = func() {} // a flag error is reported in one line by run
	return c
}

// parse parses args, allowing flags after positional arguments
// ("analyze file.txt --format text"), checks the positional count and
// returns the positionals.
func (c *command) parse(args []string, maxPositional int) ([]string, error) {
	var positional []string
	for {
		c.SetOutput(io.Discard) // errors are returned and printed once by run
		err := c.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			c.usage()
			return nil, flag.ErrHelp
		}
		if err != nil {
			return nil, usagef("%s: %v", c.Name(), err)
		}
		rest := c.Args()
		if len(rest) == 0 {
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	if len(positional) > maxPositional {
		return nil, usagef("%s: unexpected argument %q", c.Name(), positional[maxPositional])
	}
	return positional, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
