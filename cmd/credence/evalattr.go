package main

import (
	"context"
	"io"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/eval"
	"github.com/credence-news/credence/report"
)

const evalAttributionUsage = `credence eval attribution --gold DIR

Scores Credence's attributions on a PolNeAR split (brat standoff: Source,
Cue and Content spans). Each text is analysed as plain text (headline line,
blank line, body); every attribution and every quote with a speaker is
compared with the gold relations: content-span detection (token overlap,
exact, and relation-level match), cue detection, and source accuracy on
matched relations, overall and per publisher.`

func cmdEvalAttribution(args []string, stdout, stderr io.Writer) error {
	c := newCommand("eval attribution", evalAttributionUsage, stderr)
	gold := c.String("gold", "", "PolNeAR split `DIR` (with text/ and attributions/), e.g. ../shared/datasets/attribution/polnear/dev")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if *gold == "" {
		return usagef("eval attribution: --gold is required")
	}
	docs, err := eval.LoadPolNeAR(*gold)
	if err != nil {
		return err
	}
	score, err := eval.ScoreAttribution(docs, predictAttributions)
	if err != nil {
		return err
	}
	score.WriteTable(stdout)
	return nil
}

// predictAttributions runs the pipeline on one text and returns its
// attributions as code-point spans into that text.
func predictAttributions(text string) ([]eval.AttributionSpans, error) {
	d, err := credence.Document(context.Background(), []byte(text), credence.Options{Kind: "text"})
	if err != nil {
		if credence.IsInputError(err) {
			return nil, nil // nothing to find in an empty article
		}
		return nil, err
	}
	at := report.CodePointIndex(d.Input.Source)
	conv := func(s doc.Span) []eval.CharSpan {
		if s.End <= s.Start {
			return nil
		}
		src := d.Map.SourceSpan(s)
		return []eval.CharSpan{{Start: at(src.Start), End: at(src.End)}}
	}
	out := make([]eval.AttributionSpans, 0, len(d.Attributions))
	// PolNeAR annotates attitudes ("wants", "knows") as attributions too.
	for _, ats := range [][]doc.Attribution{d.Attributions, d.Attitudes} {
		for _, at := range ats {
			out = append(out, eval.AttributionSpans{Source: conv(at.Source.Span), Cue: conv(at.Cue), Content: conv(at.Content)})
		}
	}
	return out, nil
}
