// Package credence reads news articles and reports how far to trust them,
// and why. Analyze runs the whole pipeline on one article:
//
//	ingest → clean → segment → language → attribution → signals → claims → (verdict) → report
//
// and returns the versioned, explainable report (credence/report/v1).
//
//	rep, err := credence.Analyze(ctx, pageBytes, credence.Options{})
//
// Errors caused by the input (empty, binary, not UTF-8, no article) are
// *InputError values with a one-line message; anything else is a bug.
package credence

import (
	"context"
	"errors"
	"fmt"

	"github.com/credence-news/credence/attribution"
	"github.com/credence-news/credence/claims"
	"github.com/credence-news/credence/clean"
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/ingest"
	"github.com/credence-news/credence/language"
	"github.com/credence-news/credence/report"
	"github.com/credence-news/credence/segment"
	"github.com/credence-news/credence/signals"
)

// Version is the release of this module, printed by `credence version`.
const Version = "0.1.0"

// Report is the credence/report/v1 structure.
type Report = report.Report

// InputError is a problem with the input that the user can fix; Code is a
// stable identifier (see the ingest package).
type InputError = ingest.Error

// Options control one analysis. The zero value detects everything.
type Options struct {
	// Kind forces the input kind ("text", "html", "json"); empty detects it.
	Kind string
	// Title, URL, Published and Site override what the input says.
	Title, URL, Published, Site string
	// Tokens includes the token layer in the report.
	Tokens bool
}

// Analyze runs the pipeline on one article and returns its report.
func Analyze(ctx context.Context, input []byte, opts Options) (*Report, error) {
	d, err := Document(ctx, input, opts)
	if err != nil {
		return nil, err
	}
	return report.Build(d, report.Options{Tokens: opts.Tokens}), nil
}

// Document runs the pipeline and returns the annotated document itself, for
// callers that want the layers with byte offsets and the offset map.
func Document(ctx context.Context, input []byte, opts Options) (*doc.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, err := ingest.Ingest(input, ingest.Options{
		Kind: doc.Kind(opts.Kind), Title: opts.Title, URL: opts.URL,
		Published: opts.Published, Site: opts.Site,
	})
	if err != nil {
		return nil, err
	}
	if err := clean.Clean(d); err != nil {
		return nil, err
	}
	if d.Text == "" {
		return nil, &ingest.Error{Code: ingest.CodeNoText, Msg: "no article text left after removing boilerplate"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	segment.Segment(d)
	if err := language.Annotate(d); err != nil {
		return nil, fmt.Errorf("language layer: %w", err)
	}
	if err := attribution.Annotate(d); err != nil {
		return nil, fmt.Errorf("attribution layer: %w", err)
	}
	signals.Annotate(d)
	if err := claims.Annotate(d); err != nil {
		return nil, fmt.Errorf("claims layer: %w", err)
	}
	return d, nil
}

// IsInputError reports whether err was caused by the input rather than by
// Credence itself.
func IsInputError(err error) bool {
	var ie *ingest.Error
	return errors.As(err, &ie)
}
