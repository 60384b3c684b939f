// Package report builds the versioned JSON report from a finished Document
// and renders it for people (terminal text, Markdown). The JSON structure is
// the one schema every surface emits and reads: the CLI, the HTTP API and
// the UI. All offsets into "text" are Unicode code-point offsets, [start,end).
package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// SchemaID names this version of the report structure.
const SchemaID = "credence/report/v1"

// SchemaJSON is the JSON Schema (draft 2020-12) of the report.
//
//go:embed schema/report-v1.json
var SchemaJSON []byte

// Report is the credence/report/v1 document.
type Report struct {
	Schema       string        `json:"schema"`
	Input        InputInfo     `json:"input"`
	Meta         Meta          `json:"meta"`
	Text         string        `json:"text"`
	Removed      []Removal     `json:"removed"`
	Paragraphs   []Span        `json:"paragraphs"`
	Sentences    []Sentence    `json:"sentences"`
	Tokens       []Token       `json:"tokens,omitempty"`
	Entities     []Entity      `json:"entities"`
	Quotes       []Quote       `json:"quotes"`
	Attributions []Attribution `json:"attributions"`
	Signals      []Signal      `json:"signals"`
	Claims       []Claim       `json:"claims"`
	Labels       []Label       `json:"labels"`
	Credibility  *Credibility  `json:"credibility"`
	Warnings     []string      `json:"warnings,omitempty"`
	Stats        Stats         `json:"stats"`
}

// InputInfo identifies the input the report was made from.
type InputInfo struct {
	Kind   string `json:"kind"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
	// Source names the text that "removed" offsets point into: "input" (the
	// input itself), "json.text" (the JSON record's text field),
	// "html.extracted" (the main content extracted from the page).
	Source string `json:"source"`
}

// Meta is what is known about the article.
type Meta struct {
	Title     string   `json:"title"`
	URL       string   `json:"url"`
	Site      string   `json:"site"`
	Authors   []string `json:"authors"`
	Published string   `json:"published"`
	Language  string   `json:"language"`
}

// Span is a [start,end) range of code points in "text".
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Removal is a piece of the source that cleaning removed. Its offsets are
// code points into the source named by input.source; At is where the piece
// would have been in "text".
type Removal struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
	Rule   string `json:"rule"`
	At     int    `json:"at"`
}

// Sentence is a sentence of "text".
type Sentence struct {
	Start     int `json:"start"`
	End       int `json:"end"`
	Paragraph int `json:"paragraph"`
	Tokens    int `json:"tokens"`
}

// Token is a token of "text" (present only when asked for).
type Token struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
	Norm  string `json:"norm,omitempty"`
}

// Stats are simple counts over the cleaned text.
type Stats struct {
	Chars      int `json:"chars"`
	Words      int `json:"words"`
	Paragraphs int `json:"paragraphs"`
	Sentences  int `json:"sentences"`
	Removed    int `json:"removed"`
	// Normalized counts characters cleaning rewrote in kept text: Unicode
	// spaces (no-break, thin, ...) made plain spaces, and invisible
	// characters (zero-width, soft hyphens, controls) dropped.
	Normalized Normalized `json:"normalized"`
}

// Normalized counts normalised characters.
type Normalized struct {
	Spaces    int `json:"spaces"`
	Invisible int `json:"invisible"`
}

// The layers below are filled by later pipeline stages; until a stage
// exists its list is empty (never invented).

// Entity is a named entity mention.
type Entity struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Text        string `json:"text"`
	Type        string `json:"type"`
	Canonical   string `json:"canonical"`
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
}

// Quote is a quotation.
type Quote struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Kind  string `json:"kind"`
}

// Attribution is an attributed statement.
type Attribution struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Signal is a measured property of the writing.
type Signal struct {
	ID    string  `json:"id"`
	Value float64 `json:"value"`
}

// Claim is a check-worthy claim.
type Claim struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Label is a label probability.
type Label struct {
	Name        string  `json:"name"`
	Probability float64 `json:"probability"`
}

// Credibility is the overall score (null until the verdict stage exists).
type Credibility struct {
	Score     float64 `json:"score"`
	Abstained bool    `json:"abstained"`
}

// Options tune what the report includes.
type Options struct {
	Tokens bool // include the token layer
}

// Build makes the report of a finished document.
func Build(d *doc.Document, opts Options) *Report {
	sum := sha256.Sum256(d.Input.Raw)
	r := &Report{
		Schema: SchemaID,
		Input: InputInfo{
			Kind:   string(d.Input.Kind),
			Bytes:  len(d.Input.Raw),
			SHA256: hex.EncodeToString(sum[:]),
			Source: d.Input.SourceName,
		},
		Meta: Meta{
			Title:     d.Meta.Title,
			URL:       d.Meta.URL,
			Site:      d.Meta.Site,
			Authors:   nonNil(d.Meta.Authors),
			Published: d.Meta.Published,
			Language:  d.Meta.Language,
		},
		Text:         d.Text,
		Removed:      make([]Removal, 0, len(d.Removed)),
		Paragraphs:   make([]Span, 0, len(d.Paragraphs)),
		Sentences:    make([]Sentence, 0, len(d.Sentences)),
		Entities:     []Entity{},
		Quotes:       []Quote{},
		Attributions: []Attribution{},
		Signals:      []Signal{},
		Claims:       []Claim{},
		Labels:       []Label{},
		Warnings:     d.Warnings,
	}
	tx := newRuneIndex(d.Text)
	sx := newRuneIndex(d.Input.Source)
	for _, rm := range d.Removed {
		r.Removed = append(r.Removed, Removal{
			Start:  sx.at(rm.Span.Start),
			End:    sx.at(rm.Span.End),
			Text:   rm.Text,
			Reason: rm.Reason,
			Rule:   rm.Rule,
			At:     tx.at(d.Map.Dest(rm.Span.Start)),
		})
	}
	for _, p := range d.Paragraphs {
		r.Paragraphs = append(r.Paragraphs, Span{tx.at(p.Start), tx.at(p.End)})
	}
	for _, s := range d.Sentences {
		r.Sentences = append(r.Sentences, Sentence{
			Start: tx.at(s.Start), End: tx.at(s.End),
			Paragraph: s.Paragraph, Tokens: s.EndToken - s.FirstToken,
		})
	}
	words := 0
	for _, t := range d.Tokens {
		if t.Kind == doc.TokWord || t.Kind == doc.TokNumber {
			words++
		}
	}
	if opts.Tokens {
		r.Tokens = make([]Token, 0, len(d.Tokens))
		for _, t := range d.Tokens {
			r.Tokens = append(r.Tokens, Token{Start: tx.at(t.Start), End: tx.at(t.End), Kind: t.Kind.String(), Norm: t.Norm})
		}
	}
	r.Stats = Stats{
		Chars:      tx.at(len(d.Text)),
		Words:      words,
		Paragraphs: len(d.Paragraphs),
		Sentences:  len(d.Sentences),
		Removed:    len(d.Removed),
		Normalized: Normalized{Spaces: d.Normalized.Spaces, Invisible: d.Normalized.Invisible},
	}
	return r
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// runeIndex converts byte offsets of one string to code-point offsets. For
// ASCII text (most news in English) the two are equal and nothing is stored.
type runeIndex struct {
	ascii bool
	// starts[k] is the byte offset of the k-th multi-byte rune boundary
	// region; pos holds cumulative rune counts at sampled byte offsets.
	prefix []int32
}

func newRuneIndex(s string) runeIndex {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return runeIndex{ascii: true}
	}
	prefix := make([]int32, len(s)+1)
	n := int32(0)
	for i := 0; i < len(s); i++ {
		prefix[i] = n
		if !utf8.RuneStart(s[i]) {
			// a continuation byte belongs to the rune before it
			prefix[i] = n - 1
			continue
		}
		n++
	}
	prefix[len(s)] = n
	return runeIndex{prefix: prefix}
}

// at returns the code-point offset of byte offset b.
func (x runeIndex) at(b int) int {
	if x.ascii || b < 0 {
		return b
	}
	if b >= len(x.prefix) {
		b = len(x.prefix) - 1
	}
	return int(x.prefix[b])
}
