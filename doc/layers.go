package doc

// Layer names a layer of the Document that a pipeline stage fills.
type Layer string

// The layers, in pipeline order.
const (
	LayerInput        Layer = "input"        // Input, Meta (ingest)
	LayerText         Layer = "text"         // Text, Map, Removed, Normalized (clean)
	LayerSegments     Layer = "segments"     // Paragraphs, Sentences, Tokens (segment)
	LayerWords        Layer = "words"        // Words, TitleWords, Entities (language)
	LayerAttributions Layer = "attributions" // Quotes, Attributions, SiteRating (attribution)
	LayerSignals      Layer = "signals"      // Signals (signals)
	LayerClaims       Layer = "claims"       // Claims (claims)
	LayerVerdict      Layer = "verdict"      // Labels, Credibility (verdict)
)

// Engine says what produced a document: the release, the stages that ran
// and every data file (model, table, word list, rule file) they used, with
// content hashes. One Engine is shared by every document an analyzer
// produces.
type Engine struct {
	Version string
	// Fingerprint is a hash over the stages and every file's name and
	// hash: two reports with the same fingerprint were produced by the same
	// rules, lists and models.
	Fingerprint string
	Stages      []string
	Data        []DataFile
}

// DataFile is one model, table, word list or rule file an engine used.
type DataFile struct {
	Name   string // path in the data layout: "tagger/tagger.bin.gz"
	Kind   string // model, table, list or rules
	SHA256 string
	Origin string // shipped, replaced or extended (by the user's data folder)
	Bytes  int
	// AsOf is the newest publication year of the rating sets a ratings
	// table was built from; empty for other files.
	AsOf string
}
