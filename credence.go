// Package credence reads news articles and reports how far to trust them,
// and why. An Analyzer loads every rule, list and model once and then runs
// the pipeline
//
//	ingest → clean → segment → language → attribution → signals → claims → (verdict) → report
//
// on any number of articles, from any number of goroutines, returning the
// versioned, explainable report (credence/report/v1):
//
//	a, err := credence.New(credence.Config{})   // fails here if a model or list is bad
//	rep, err := a.Analyze(ctx, pageBytes, credence.Options{})
//
// The package-level Analyze is a shortcut over a shared default Analyzer.
// Errors caused by the input (empty, binary, not UTF-8, no article) are
// *InputError values with a one-line message; anything else is a bug.
package credence

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/ingest"
	"github.com/credence-news/credence/report"
)

// Version is the release of this module, printed by `credence version` and
// recorded in every report's engine.
const Version = "0.2.0"

// Report is the credence/report/v1 structure.
type Report = report.Report

// InputError is a problem with the input that the user can fix: Msg is
// one line to show as it is, Code one of the stable codes below (for
// programs, and for the HTTP statuses the server will map them to).
type InputError = ingest.Error

// The codes of InputError.
const (
	CodeEmpty       = ingest.CodeEmpty       // the input is empty
	CodeTooLarge    = ingest.CodeTooLarge    // over Config.MaxBytes
	CodeBinary      = ingest.CodeBinary      // binary data
	CodeInvalidUTF8 = ingest.CodeInvalidUTF8 // plain text or JSON that is not UTF-8
	CodeBadJSON     = ingest.CodeBadJSON     // JSON that does not parse or is not one object
	CodeNoText      = ingest.CodeNoText      // no article text (a headline alone, only boilerplate)
	CodeNoArticle   = ingest.CodeNoArticle   // an HTML page with no article
	CodeBadKind     = ingest.CodeBadKind     // Options.Kind is not text, html or json
	CodeFormat      = ingest.CodeFormat      // a PDF, office document, image, archive…
)

// Options control one analysis. The zero value detects everything.
type Options struct {
	// Kind forces the input kind ("text", "html", "json"); empty detects it.
	Kind string
	// Title, URL, Published and Site override what the input says.
	Title, URL, Published, Site string
	// Tokens includes the token layer in the report.
	Tokens bool
}

// Analyze runs the pipeline on one article with the shared default
// Analyzer (the shipped rules and models, every stage on) and returns its
// report.
func Analyze(ctx context.Context, input []byte, opts Options) (*Report, error) {
	a, err := Default()
	if err != nil {
		return nil, err
	}
	return a.Analyze(ctx, input, opts)
}

// Document is Analyze returning the annotated document itself, for callers
// that want the layers with byte offsets and the offset map.
func Document(ctx context.Context, input []byte, opts Options) (*doc.Document, error) {
	a, err := Default()
	if err != nil {
		return nil, err
	}
	return a.Document(ctx, input, opts)
}

var defaultAnalyzer = sync.OnceValues(func() (*Analyzer, error) { return New(Config{}) })

// Default returns the shared default Analyzer, built on first use.
func Default() (*Analyzer, error) { return defaultAnalyzer() }

// IsInputError reports whether err was caused by the input rather than by
// Credence itself.
func IsInputError(err error) bool {
	var ie *ingest.Error
	return errors.As(err, &ie)
}

// Analyze runs the pipeline on one article and returns its report. It is
// safe for concurrent use.
func (a *Analyzer) Analyze(ctx context.Context, input []byte, opts Options) (*Report, error) {
	d, err := a.Document(ctx, input, opts)
	if err != nil {
		return nil, err
	}
	return report.Build(d, report.Options{Tokens: opts.Tokens}), nil
}

// Document runs the pipeline and returns the annotated document. It is
// safe for concurrent use. A stage that panics (a bug) is returned as an
// error naming the stage, so that one bad article does not stop a batch.
func (a *Analyzer) Document(ctx context.Context, input []byte, opts Options) (d *doc.Document, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if int64(len(input)) > a.maxBytes {
		return nil, ingest.TooLarge(int64(len(input)), a.maxBytes)
	}
	d, err = ingest.Ingest(input, ingest.Options{
		Kind: doc.Kind(opts.Kind), Title: opts.Title, URL: opts.URL,
		Published: opts.Published, Site: opts.Site,
	})
	if err != nil {
		return nil, err
	}
	d.Engine = a.engine
	current := ""
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("internal error in the %s stage: %v\n%s", current, r, debug.Stack())
		}
	}()
	for _, st := range a.stages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		current = st.name
		if err := st.run(d); err != nil {
			if IsInputError(err) {
				return nil, err
			}
			return nil, fmt.Errorf("%s stage: %w", st.name, err)
		}
	}
	return d, nil
}
