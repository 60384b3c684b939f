// Package report builds the versioned JSON report from a finished Document
// and renders it for people (terminal text, Markdown). The JSON structure is
// the one schema every surface emits and reads: the CLI, the HTTP API and
// the UI. All offsets into "text" are Unicode code-point offsets, [start,end).
package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"math"
	"math/bits"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/ascii"
)

// SchemaID names this version of the report structure.
const SchemaID = "credence/report/v1"

// SchemaJSON is the JSON Schema (draft 2020-12) of the report.
//
//go:embed schema/report-v1.json
var SchemaJSON []byte

// Report is the credence/report/v1 document.
type Report struct {
	Schema string `json:"schema"`
	// ID is the input record's id, set by batch runs (corpus readers,
	// the store); empty, and left out, for a single analysis.
	ID           string        `json:"id,omitempty"`
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
	Attitudes    []Attitude    `json:"attitudes"`
	Signals      []Signal      `json:"signals"`
	Claims       []Claim       `json:"claims"`
	Labels       []Label       `json:"labels"`
	Credibility  *Credibility  `json:"credibility"`
	Warnings     []string      `json:"warnings,omitempty"`
	Stats        Stats         `json:"stats"`
	Engine       *Engine       `json:"engine"`
}

// Engine says exactly what produced a report: the release, the stages that
// ran, and every model, table, word list and rule file with its content
// hash. Reports with the same fingerprint came from the same engine.
type Engine struct {
	Version     string     `json:"version"`
	Fingerprint string     `json:"fingerprint"`
	Stages      []string   `json:"stages"`
	Data        []DataFile `json:"data"`
}

// DataFile is one file the engine used.
type DataFile struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	SHA256 string `json:"sha256"`
	Origin string `json:"origin"`
	Bytes  int    `json:"bytes"`
	AsOf   string `json:"as_of,omitempty"`
}

func buildEngine(e *doc.Engine) *Engine {
	if e == nil {
		return nil
	}
	out := &Engine{Version: e.Version, Fingerprint: e.Fingerprint, Stages: nonNil(e.Stages), Data: make([]DataFile, len(e.Data))}
	for i, f := range e.Data {
		out.Data[i] = DataFile{Name: f.Name, Kind: f.Kind, SHA256: f.SHA256, Origin: f.Origin, Bytes: f.Bytes, AsOf: f.AsOf}
	}
	return out
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
	// Rating rates the article's own domain (from its URL), when known.
	Rating *Rating `json:"rating,omitempty"`
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
	// Outlet is the domain of a MEDIA entity the outlet list knows, when
	// the name is not shared by several outlets.
	Outlet string `json:"outlet,omitempty"`
}

// Quote is a quotation. Its span is the quoted words without the marks.
type Quote struct {
	Start   int       `json:"start"`
	End     int       `json:"end"`
	Text    string    `json:"text"`
	Kind    string    `json:"kind"` // direct, block, partial, scare
	Speaker *Source   `json:"speaker"`
	Cue     *TextSpan `json:"cue"`
	// Attribution is the index in "attributions" of the relation this quote
	// forms with its speaker, or -1.
	Attribution int `json:"attribution"`
}

// TextSpan is a span of "text" with the text it covers: a cue (the speech
// verb or phrase that introduces a quote or an attribution), a mention, or
// an attribution's content.
type TextSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Source is who or what a statement is credited to.
type Source struct {
	Name        string `json:"name"`
	Type        string `json:"type"` // named-person, official-body, media-outlet, document, social-media, anonymous, vague, none
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
	// Entity is the index in "entities" of the mention the source resolves
	// to, or -1.
	Entity int `json:"entity"`
	// Mention is where the text names the source (perhaps a pronoun).
	Mention *TextSpan `json:"mention,omitempty"`
	// Resolved says how the name was found: name, pronoun, role,
	// continuation (a quote paragraph following the speaker's quote) or
	// generic (a common noun such as "officials").
	Resolved string `json:"resolved,omitempty"`
	// Confidence is how likely the source is right (0..1), from the
	// precision of the way it was found on the careful-reader dev gold.
	Confidence float64 `json:"confidence"`
	// Outlet is the domain of a media outlet; Candidates the domains of an
	// outlet name several outlets share.
	Outlet     string   `json:"outlet,omitempty"`
	Candidates []string `json:"candidates,omitempty"`
	// OutletBasis says how the outlet was chosen: name, site-country,
	// mentioned-country or prominence.
	OutletBasis string `json:"outlet_basis,omitempty"`
	// CandidateRatings are the ratings of the rated candidates, in the
	// candidates' order (each names its domain).
	CandidateRatings []Rating `json:"candidate_ratings,omitempty"`
	// Rating is the outlet's reputation, when its domain is known and rated.
	Rating *Rating `json:"rating,omitempty"`
}

// Rating is the reputation of a news domain, with provenance.
type Rating struct {
	Domain         string   `json:"domain"`
	Level          string   `json:"level"`
	PC1            *float64 `json:"pc1,omitempty"`
	MBFCFactuality string   `json:"mbfc_factuality,omitempty"`
	MBFCBias       string   `json:"mbfc_bias,omitempty"`
	OpenSources    []string `json:"opensources,omitempty"`
	FakeNewsCorpus []string `json:"fakenewscorpus,omitempty"`
	Datasets       []string `json:"datasets"`
	Explain        string   `json:"explain"`
}

func buildRating(r *doc.Rating) *Rating {
	if r == nil {
		return nil
	}
	out := &Rating{Domain: r.Domain, Level: string(r.Level), MBFCFactuality: r.MBFCFactuality, MBFCBias: r.MBFCBias,
		OpenSources: r.OpenSources, FakeNewsCorpus: r.FakeNewsCorpus, Datasets: nonNil(r.Datasets), Explain: r.Explain}
	if r.HasPC1 {
		v := r.PC1
		out.PC1 = &v
	}
	return out
}

func buildRatings(rs []doc.Rating) []Rating {
	if len(rs) == 0 {
		return nil
	}
	out := make([]Rating, len(rs))
	for i := range rs {
		out[i] = *buildRating(&rs[i])
	}
	return out
}

// Attribution is a statement credited to a source, or the writer's own
// unattributed hearsay (source type "none").
type Attribution struct {
	Start   int       `json:"start"`
	End     int       `json:"end"`
	Source  Source    `json:"source"`
	Cue     *TextSpan `json:"cue"`
	Content TextSpan  `json:"content"`
	// Via is the index of the attribution this one is known through (a
	// quote inside "According to the Daily Star, ..."), or -1.
	Via int `json:"via"`
	// Quote is the index in "quotes" of the quotation that is the content, or -1.
	Quote int `json:"quote"`
}

// Attitude is what someone is said to want, know, feel or hope: found like
// an attribution, but it sources no information.
type Attitude struct {
	Start   int       `json:"start"`
	End     int       `json:"end"`
	Source  Source    `json:"source"`
	Cue     *TextSpan `json:"cue"`
	Content TextSpan  `json:"content"`
}

// Signal is a measured property of the article: a number, its unit, where
// it stands among reliable reporting, and the spans behind it.
type Signal struct {
	ID    string  `json:"id"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	// Percentile against reliable reporting; null until a reference
	// distribution exists for the signal.
	Percentile *float64           `json:"percentile"`
	Evidence   []Evidence         `json:"evidence"`
	Breakdown  map[string]float64 `json:"breakdown,omitempty"`
	Note       string             `json:"note,omitempty"`
	// Unmeasured is true when the signal could not be measured on this
	// article (the note says why): value is then 0 and means nothing.
	Unmeasured bool `json:"unmeasured,omitempty"`
}

// Evidence is a span of "text" behind a signal.
type Evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Note  string `json:"note"`
}

// Claim is a sentence that states something checkable.
type Claim struct {
	// In says what Start and End point into: "text" (the cleaned body) or
	// "title" (meta.title: the claim is the headline).
	In              string  `json:"in"`
	Start           int     `json:"start"`
	End             int     `json:"end"`
	Text            string  `json:"text"`
	Checkworthiness float64 `json:"checkworthiness"`
	// Mode is "asserted" (the writer states it), "hedged" (the writer
	// hedges it) or "attributed" (to the source of attribution).
	Mode        string      `json:"mode"`
	Attribution int         `json:"attribution"`
	Parts       []ClaimPart `json:"parts"`
	Why         []string    `json:"why,omitempty"`
}

// ClaimPart is a checkable element of a claim.
type ClaimPart struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Kind  string `json:"kind"`
}

// Label is one verdict label: reliable, fake and satire are one
// distribution (their probabilities sum to 1); clickbait and opinion are
// independent. Probability is null when the label is unmeasured, and
// Reason then says why ("no headline").
type Label struct {
	Label       string   `json:"label"`
	Probability *float64 `json:"probability"`
	Reason      string   `json:"reason,omitempty"`
}

// Credibility is the verdict's 0-100 score and how it was reached: Score =
// Baseline + the sum of the contributions' points. Score and Band are null
// when the verdict abstained (Reason says why).
type Credibility struct {
	Score    *int    `json:"score"`
	Band     *string `json:"band"` // high, mixed, low, very low
	Baseline float64 `json:"baseline"`
	// Contributions are the factors that moved the score from the
	// baseline, largest |points| first.
	Contributions []Contribution `json:"contributions"`
	// Basis lists what the score rests on: text, site-rating, cited-outlets.
	Basis     []string `json:"basis"`
	Abstained bool     `json:"abstained"`
	Reason    string   `json:"reason,omitempty"`
}

// Contribution is one factor's share of the credibility score.
type Contribution struct {
	// Factor is a stable id: a signal id, "wording", "site-rating",
	// "cited-outlets", "scale-limit".
	Factor      string  `json:"factor"`
	Description string  `json:"description"`
	Value       float64 `json:"value"`
	Unit        string  `json:"unit"`
	Points      float64 `json:"points"` // signed, one decimal
	// Evidence is the spans of "text" behind the factor; Attributions are
	// indices into "attributions"; Ratings the ratings it rests on.
	Evidence     []Evidence `json:"evidence"`
	Attributions []int      `json:"attributions"`
	Ratings      []Rating   `json:"ratings"`
}

func (b *builder) labels(ls []doc.Label) []Label {
	out := make([]Label, len(ls))
	probs := make([]float64, len(ls))
	for i, l := range ls {
		out[i] = Label{Label: l.Label, Reason: l.Reason}
		if !l.Unmeasured {
			probs[i] = l.Probability
			out[i].Probability = &probs[i]
		}
	}
	return out
}

func (b *builder) credibility(c *doc.Credibility) *Credibility {
	if c == nil {
		return nil
	}
	out := &Credibility{Baseline: c.Baseline, Contributions: make([]Contribution, len(c.Contributions)),
		Basis: make([]string, len(c.Basis)), Abstained: c.Abstained, Reason: c.Reason}
	if !c.Abstained {
		score := int(math.Round(c.Score))
		band := string(c.Band)
		if band == "" {
			band = string(doc.BandOf(c.Score))
		}
		out.Score, out.Band = &score, &band
	}
	for i, basis := range c.Basis {
		out.Basis[i] = string(basis)
	}
	for i, ct := range c.Contributions {
		rc := Contribution{Factor: ct.Factor, Description: ct.Description, Value: ct.Value, Unit: string(ct.Unit),
			Points: oneDecimal(ct.Points), Evidence: b.appendEvidence(make([]Evidence, 0, len(ct.Evidence)), ct.Evidence),
			Attributions: ct.Attributions, Ratings: make([]Rating, len(ct.Ratings))}
		if rc.Attributions == nil {
			rc.Attributions = []int{}
		}
		for k := range ct.Ratings {
			rc.Ratings[k] = *buildRating(&ct.Ratings[k])
		}
		out.Contributions[i] = rc
	}
	return out
}

// oneDecimal rounds points to one decimal, and -0 to 0.
func oneDecimal(p float64) float64 {
	p = math.Round(p*10) / 10
	if p == 0 {
		return 0
	}
	return p
}

// appendEvidence converts the spans behind a signal or a contribution,
// leaving out empty ones, and appends them to dst.
func (b *builder) appendEvidence(dst []Evidence, ev []doc.Evidence) []Evidence {
	for _, e := range ev {
		if e.End <= e.Start {
			continue
		}
		dst = append(dst, Evidence{Start: b.tx.at(e.Start), End: b.tx.at(e.End), Text: b.d.Text[e.Start:e.End], Note: e.Note})
	}
	return dst
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
			Rating:    buildRating(d.SiteRating),
		},
		Text:         d.Text,
		Removed:      make([]Removal, 0, len(d.Removed)),
		Paragraphs:   make([]Span, 0, len(d.Paragraphs)),
		Sentences:    make([]Sentence, 0, len(d.Sentences)),
		Entities:     make([]Entity, 0, len(d.Entities)),
		Quotes:       make([]Quote, 0, len(d.Quotes)),
		Attributions: make([]Attribution, 0, len(d.Attributions)),
		Attitudes:    make([]Attitude, 0, len(d.Attitudes)),
		Signals:      make([]Signal, 0, len(d.Signals)),
		Claims:       make([]Claim, 0, len(d.Claims)),
		Warnings:     d.Warnings,
		Engine:       buildEngine(d.Engine),
	}
	tx := newRuneIndex(d.Text)
	sx := newRuneIndex(d.Input.Source)
	// The spans, sources and percentiles the report points to, allocated
	// together rather than one by one.
	nspans, nsources := 0, 0
	for _, q := range d.Quotes {
		if q.Speaker != nil {
			nsources++
			nspans += nonEmpty(q.Speaker.Span)
		}
		nspans += nonEmpty(q.Cue)
	}
	for _, at := range d.Attributions {
		nspans += nonEmpty(at.Source.Span) + nonEmpty(at.Cue)
	}
	b := &builder{d: d, tx: tx,
		spans:   make([]TextSpan, 0, nspans),
		sources: make([]Source, 0, nsources),
	}
	// The verdict layer (empty until a verdict stage fills it).
	r.Labels = b.labels(d.Labels)
	r.Credibility = b.credibility(d.Credibility)
	for _, rm := range d.Removed {
		r.Removed = append(r.Removed, Removal{
			Start:  sx.at(rm.Span.Start),
			End:    sx.at(rm.Span.End),
			Text:   rm.Text,
			Reason: string(rm.Reason),
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
	for _, e := range d.Entities {
		r.Entities = append(r.Entities, Entity{
			Start: tx.at(e.Start), End: tx.at(e.End), Text: d.Text[e.Start:e.End],
			Type: string(e.Type), Canonical: e.Canonical, Role: e.Role, Affiliation: e.Affiliation, Outlet: e.Outlet,
		})
	}
	for _, q := range d.Quotes {
		r.Quotes = append(r.Quotes, Quote{
			Start: tx.at(q.Start), End: tx.at(q.End), Text: d.Text[q.Start:q.End], Kind: string(q.Kind),
			Speaker: b.sourcePtr(q.Speaker), Cue: b.textSpan(q.Cue), Attribution: q.Attribution,
		})
	}
	for _, at := range d.Attributions {
		r.Attributions = append(r.Attributions, Attribution{
			Start: tx.at(at.Start), End: tx.at(at.End), Source: b.source(&at.Source),
			Cue: b.textSpan(at.Cue), Content: b.content(at.Content), Via: at.Via, Quote: at.Quote,
		})
	}
	for _, at := range d.Attitudes {
		r.Attitudes = append(r.Attitudes, Attitude{
			Start: tx.at(at.Start), End: tx.at(at.End), Source: b.source(&at.Source),
			Cue: b.textSpan(at.Cue), Content: b.content(at.Content),
		})
	}
	percentiles := make([]float64, 0, len(d.Signals))
	// Every signal's evidence in one slice, each signal's a part of it.
	nev := 0
	for _, sg := range d.Signals {
		nev += len(sg.Evidence)
	}
	evidence := make([]Evidence, 0, nev)
	for _, sg := range d.Signals {
		out := Signal{ID: string(sg.ID), Value: sg.Value, Unit: string(sg.Unit), Evidence: evidence[len(evidence) : len(evidence) : len(evidence)+len(sg.Evidence)], Breakdown: sg.Breakdown, Note: sg.Note, Unmeasured: sg.Unmeasured}
		if sg.Percentile >= 0 {
			percentiles = append(percentiles, sg.Percentile)
			out.Percentile = &percentiles[len(percentiles)-1]
		}
		out.Evidence = b.appendEvidence(out.Evidence, sg.Evidence)
		evidence = evidence[:len(evidence)+len(out.Evidence)]
		r.Signals = append(r.Signals, out)
	}
	nparts := 0
	for _, c := range d.Claims {
		nparts += len(c.Parts)
	}
	parts := make([]ClaimPart, 0, nparts)
	for _, c := range d.Claims {
		// A headline's claim has offsets into meta.title, others into text.
		src, at, in := d.Text, tx.at, "text"
		if c.Headline {
			src, at, in = d.Meta.Title, func(i int) int { return utf8.RuneCountInString(d.Meta.Title[:i]) }, "title"
		}
		for _, p := range c.Parts {
			parts = append(parts, ClaimPart{Start: at(p.Start), End: at(p.End), Text: src[p.Start:p.End], Kind: string(p.Kind)})
		}
		rc := Claim{In: in, Start: at(c.Start), End: at(c.End), Text: src[c.Start:c.End], Checkworthiness: c.Checkworthiness,
			Mode: string(c.Mode), Attribution: c.Attribution, Parts: parts[len(parts)-len(c.Parts) : len(parts) : len(parts)], Why: c.Why}
		r.Claims = append(r.Claims, rc)
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

// builder converts the document's spans and sources for Build, handing
// out pointers into slices sized up front.
type builder struct {
	d       *doc.Document
	tx      runeIndex
	spans   []TextSpan
	sources []Source
}

// nonEmpty is 1 for a span textSpan converts, 0 for one it leaves nil.
func nonEmpty(s doc.Span) int {
	if s.End <= s.Start {
		return 0
	}
	return 1
}

// textSpan converts a byte span of the text; nil for an empty span.
func (b *builder) textSpan(s doc.Span) *TextSpan {
	if s.End <= s.Start {
		return nil
	}
	if len(b.spans) == cap(b.spans) {
		ts := new(TextSpan)
		*ts = b.content(s)
		return ts
	}
	b.spans = append(b.spans, b.content(s))
	return &b.spans[len(b.spans)-1]
}

// content converts a byte span of the text, empty or not.
func (b *builder) content(s doc.Span) TextSpan {
	return TextSpan{Start: b.tx.at(s.Start), End: b.tx.at(s.End), Text: b.d.Text[s.Start:s.End]}
}

func (b *builder) sourcePtr(s *doc.Source) *Source {
	if s == nil {
		return nil
	}
	if len(b.sources) == cap(b.sources) {
		src := new(Source)
		*src = b.source(s)
		return src
	}
	b.sources = append(b.sources, b.source(s))
	return &b.sources[len(b.sources)-1]
}

func (b *builder) source(s *doc.Source) Source {
	return Source{
		Name: s.Name, Type: string(s.Type), Role: s.Role, Affiliation: s.Affiliation, Entity: s.Entity,
		Mention: b.textSpan(s.Span), Resolved: string(s.Resolved), Confidence: s.Confidence, Outlet: s.Outlet, Candidates: s.Candidates,
		OutletBasis: string(s.OutletBasis), Rating: buildRating(s.Rating), CandidateRatings: buildRatings(s.CandidateRatings),
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// CodePointIndex returns a function that converts byte offsets of s to
// Unicode code-point offsets, the unit of every offset in the report, for
// callers that map their own byte spans (an evaluation, say) the same way.
func CodePointIndex(s string) func(byteOffset int) int { return newRuneIndex(s).at }

// runeIndex converts byte offsets of one string to code-point offsets. For
// ASCII text (most news in English) the two are equal and nothing is stored;
// otherwise a bit per byte marks the continuation bytes (the bytes after the
// first of a multi-byte character), 64 to a block with the count of those
// before the block, so that a lookup is one population count.
type runeIndex struct {
	ascii  bool
	n      int // the string's length in bytes
	total  int // continuation bytes in the string
	blocks []runeBlock
}

type runeBlock struct {
	cont   uint64 // bit i: byte 64*k+i is a continuation byte
	before int    // continuation bytes before the block
}

func newRuneIndex(s string) runeIndex {
	if ascii.IsASCII(s) {
		return runeIndex{ascii: true}
	}
	blocks := make([]runeBlock, len(s)/64+1)
	total := 0
	for k := range blocks {
		blocks[k].cont = contMask(s[min(64*k, len(s)):min(64*k+64, len(s))])
		blocks[k].before = total
		total += bits.OnesCount64(blocks[k].cont)
	}
	return runeIndex{n: len(s), total: total, blocks: blocks}
}

// contMask has bit j set when s[j] is a UTF-8 continuation byte (10xxxxxx),
// for s of at most 64 bytes. Eight bytes at a time: a byte's top bit,
// cleared unless the bit below it is clear, flags it, and a multiplication
// gathers the eight flags into a byte (flag i to bit 56+i, no carries).
func contMask(s string) uint64 {
	var m uint64
	j := 0
	for ; j+8 <= len(s); j += 8 {
		x := ascii.Load64(s[j:])
		flags := (x &^ (x << 1) & ascii.HighBits) >> 7
		m |= (flags * 0x0102040810204080 >> 56) << j
	}
	for ; j < len(s); j++ {
		if !utf8.RuneStart(s[j]) {
			m |= 1 << j
		}
	}
	return m
}

// at returns the code-point offset of byte offset b: a continuation byte
// maps to the code point it belongs to, an offset past the end to the
// code-point count.
func (x runeIndex) at(b int) int {
	if x.ascii || b < 0 {
		return b
	}
	if b >= x.n {
		return x.n - x.total
	}
	// The continuation bytes at or before b.
	blk := x.blocks[b>>6]
	return b - blk.before - bits.OnesCount64(blk.cont&(2<<(b&63)-1))
}
