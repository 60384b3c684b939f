// Package doc holds the Document that flows through Credence's pipeline: the
// original input, the cleaned text with a map back to the input, and the
// layers of annotations each stage adds.
//
// Inside the pipeline every offset is a byte offset into a Go string, because
// that is what slicing and scanning use; the report package converts them to
// Unicode code-point offsets once, when the report is built.
package doc

// Kind is the detected or requested kind of input.
type Kind string

// Input kinds.
const (
	KindText Kind = "text"
	KindHTML Kind = "html"
	KindJSON Kind = "json"
)

// Span is a half-open byte range [Start, End) into some string, named by the
// field that holds it.
type Span struct {
	Start int
	End   int
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// AnyOverlaps reports whether any of spans overlaps s.
func AnyOverlaps(spans []Span, s Span) bool {
	for _, x := range spans {
		if x.Overlaps(s) {
			return true
		}
	}
	return false
}

// Meta is what the input says about the article itself.
type Meta struct {
	Title     string
	URL       string
	Site      string
	Authors   []string
	Published string // as given, or ISO 8601 when parsed
	Language  string
	// Description is the page's own summary (HTML meta description), kept
	// because later stages compare it with the body.
	Description string
}

// Input is the original input and what ingest made of it.
type Input struct {
	Raw  []byte // the bytes as read
	Kind Kind
	// Source is the text that cleaning starts from and that Removal offsets
	// point into: the whole input for plain text, the "text" field for JSON,
	// the extracted main content for HTML.
	Source string
	// SourceName says which of those Source is ("input", "json.text",
	// "html.extracted"), so a reader of the report knows where offsets point.
	SourceName string
	// BodyStart is where the article body starts in Source (after a headline
	// line in plain text); everything before it is not part of the body.
	BodyStart int
	// Blocks are the structural units of Source that ingest knows about
	// (for HTML: one per block element, with its tag); empty for plain text.
	Blocks []Block
}

// Block is one block element of an HTML page's main content, as rendered
// into Input.Source.
type Block struct {
	Span
	Tag string // lower-case element name: "p", "li", "h2", "blockquote", ...
}

// Removal is a piece of Source that cleaning took out, and why.
type Removal struct {
	Span   Span // into Input.Source
	Text   string
	Reason RemovalReason
	Rule   string // the id of the rule that fired, for debugging and tuning
}

// Token is a word, number or punctuation mark in Text.
type Token struct {
	Span
	// Norm is the token with typographic variants folded (curly quotes and
	// apostrophes to straight ones), for matching; empty when it equals the
	// token text, so the common case allocates nothing.
	Norm string
	Kind TokenKind
}

// TokenKind is a coarse class assigned by the tokenizer.
type TokenKind uint8

// Token kinds.
const (
	TokWord TokenKind = iota
	TokNumber
	TokPunct
	TokSymbol
	TokURL
	TokEmail
	TokHandle  // @name
	TokHashtag // #tag
)

var tokenKindNames = [...]string{"word", "number", "punct", "symbol", "url", "email", "handle", "hashtag"}

func (k TokenKind) String() string {
	if int(k) < len(tokenKindNames) {
		return tokenKindNames[k]
	}
	return "unknown"
}

// Sentence is a sentence in Text, with the tokens it holds.
type Sentence struct {
	Span
	Paragraph  int // index into Document.Paragraphs
	FirstToken int // index into Document.Tokens
	EndToken   int // one past the last token
}

// Word is a tagged word of the language layer.
type Word struct {
	Span
	Token int    // index of the token it came from
	POS   string // Penn Treebank tag, e.g. "NNP"
	NER   string // IOB2 entity tag, e.g. "B-PERSON", "O"
}

// Entity is a named-entity mention in Text.
type Entity struct {
	Span
	FirstWord, EndWord int // words [FirstWord, EndWord)
	Type               EntityType
	// Canonical is the fullest name of the same entity in the article:
	// "Sergei Lavrov" for "Lavrov" and "Mr Lavrov".
	Canonical string
	// Role and Affiliation are what the text says the person is and for
	// whom: "spokeswoman", "Russian Foreign Ministry".
	Role        string
	Affiliation string
	// Outlet is the news outlet's domain when the entity is a MEDIA name
	// the gazetteer knows.
	Outlet string
}

// Quote is a quotation in Text.
type Quote struct {
	Span    // the quoted words, without the quotation marks
	Kind    QuoteKind
	Speaker *Source
	Cue     Span // the speech verb or phrase; empty when there is none
	// Attribution is the index in Attributions of the relation this quote
	// forms with its speaker, or -1.
	Attribution int
}

// Source is who or what a statement is credited to.
type Source struct {
	Span               // the mention in Text (perhaps a pronoun); empty for none
	Name        string // resolved: "Maria Zakharova", "Daily Star", "sources"
	Type        SourceType
	Role        string
	Affiliation string
	Entity      int        // index in Entities of the resolved mention, or -1
	Resolved    Resolution // how the name was found
	// Confidence is how likely the name is right (0..1): the precision of
	// the way it was found, measured on the careful-reader dev gold
	// (testdata/findings). Speakers below the stage's threshold are not
	// given at all.
	Confidence float64
	// Outlet is the domain of a media-outlet source, when known; Candidates
	// are the domains an ambiguous outlet name may stand for.
	Outlet     string
	Candidates []string
	// OutletBasis says how Outlet was chosen: "name" (the name is one
	// outlet's), "site-country" (the article's own country settled an
	// ambiguous name), "mentioned-country" (the only candidate whose
	// country the article mentions, as a country, a city or a
	// nationality) or "prominence" (no evidence in the article: the
	// candidate most rating datasets rate).
	OutletBasis OutletBasis
	// CandidateRatings are the ratings of the rated Candidates, in their
	// order.
	CandidateRatings []Rating
	// Rating is the reputation of a media outlet's domain, when known.
	Rating *Rating
}

// Rating is the reputation of a news domain from the embedded ratings
// table (see package sources), with its provenance.
type Rating struct {
	Domain         string
	Level          Level
	PC1            float64
	HasPC1         bool
	MBFCFactuality string
	MBFCBias       string
	OpenSources    []string
	FakeNewsCorpus []string
	Datasets       []string
	Explain        string
}

// Attribution is a statement credited to a source.
type Attribution struct {
	Span    // from the first to the last of source, cue and content
	Source  Source
	Cue     Span
	Content Span
	// Via is the index of the attribution this one is known through ("the
	// spokeswoman said" inside "According to the Daily Star, ..."), or -1.
	Via int
	// Quote is the index in Quotes of the quotation that is the content, or -1.
	Quote int
}

// Signal is a measured property of the article.
type Signal struct {
	ID    SignalID
	Value float64
	// Unit says what Value is: "share" (0..1), "per-1000-words",
	// "probability", "count".
	Unit Unit
	// Percentile places Value among reliable reporting (0..100); negative
	// when no reference distribution exists yet.
	Percentile float64
	Evidence   []Evidence
	// Breakdown holds the parts the value is made of, by name.
	Breakdown map[string]float64
	Note      string
	// Unmeasured is set when the signal could not be measured on this
	// article (no headline, a model that did not load; Note says why):
	// Value then means nothing and gets no percentile.
	Unmeasured bool
}

// Claim is a sentence that states something checkable.
type Claim struct {
	Span
	Checkworthiness float64 // 0..1, from the claims model
	// Mode is how the article presents it: "asserted" by the writer,
	// "hedged" by the writer, or "attributed" to a source (Attribution).
	Mode        ClaimMode
	Attribution int // index in Attributions, or -1
	// Headline is set when the claim is the article's headline: its span
	// and its parts' spans are then byte offsets into Meta.Title, not Text.
	Headline bool
	Parts    []ClaimPart
	// Why lists the model's strongest features for this sentence.
	Why []string
}

// ClaimPart is a checkable element of a claim: a number, a date, a name.
type ClaimPart struct {
	Span
	Kind PartKind
}

// Evidence is a span of Text behind a signal, with a short note.
type Evidence struct {
	Span
	Note string
}

// Normalized counts characters normalised by cleaning.
type Normalized struct {
	Spaces    int // no-break, thin and other Unicode spaces made ASCII spaces
	Invisible int // zero-width characters, soft hyphens, BOMs, controls dropped
}

// Document is one article on its way through the pipeline.
type Document struct {
	Input   Input
	Meta    Meta
	Text    string    // cleaned article body
	Map     OffsetMap // Text byte offset -> Input.Source byte offset
	Removed []Removal

	Paragraphs []Span
	Sentences  []Sentence
	Tokens     []Token

	// Words are the language layer's view of the tokens, in Penn Treebank
	// style (possessive "'s" and "n't" split off, as the tagger was trained),
	// with their tags; Entities are named-entity mentions over Text.
	Words    []Word
	Entities []Entity
	// TitleWords are the headline's words (Meta.Title), tagged like Words;
	// their spans are byte offsets into Meta.Title, not Text.
	TitleWords []Word
	// lower caches LowerWords for the Words slice whose first element is
	// lowerOf.
	lower   []string
	lowerOf *Word

	// Quotes are quotations; Attributions are statements credited to a
	// source (quotes with a speaker among them), and the article's own
	// unattributed hearsay ("is said to", "reportedly").
	Quotes       []Quote
	Attributions []Attribution
	// Attitudes are what people are said to want, know, feel or hope
	// ("Trump wants to build a wall"): found like attributions, but they
	// source no information, so sourcing and the verdict leave them out.
	Attitudes []Attribution
	// SiteRating rates the article's own domain (from its URL), when known.
	SiteRating *Rating

	// Signals are measured properties of the article, each with the spans
	// that produced it.
	Signals []Signal

	// Claims are the check-worthy factual sentences, most check-worthy first.
	Claims []Claim

	// Labels and Credibility are the verdict: label probabilities and the
	// 0-100 score with the contributions that make it up. Both are empty
	// until a verdict stage fills them.
	Labels      []Label
	Credibility *Credibility

	// Normalized counts the characters cleaning rewrote or dropped inside
	// kept text: copy-pasted web text carries no-break spaces and zero-width
	// characters, which later stages may treat as a signal.
	Normalized Normalized

	// Warnings are non-fatal notes about the input (e.g. "no title found").
	Warnings []string

	// Engine is what produced the document (set by the analyzer; nil for
	// a document built by hand).
	Engine *Engine
}

// Label is one verdict label with its probability.
type Label struct {
	Label       string // one of the Label* constants
	Probability float64
	// Unmeasured is set when there is no probability to give (no headline
	// for clickbait, an abstained verdict): Reason says why, and
	// Probability means nothing.
	Unmeasured bool
	Reason     string
}

// Credibility is the verdict's 0-100 score and how it was reached.
//
// The score is a scorecard over the calibrated log-odds that the article is
// reliable: Score = Baseline + the sum of the contributions' Points,
// exactly, and 50 + 10*ln(odds) before it is kept within 0..100 (so about 7
// points double the odds).
type Credibility struct {
	Score float64 // 0..100, a whole number; meaningless when Abstained
	Band  Band    // empty when Abstained
	// Baseline is the score with no evidence: the model's prior, which
	// every contribution moves from.
	Baseline float64
	// Contributions add up to Score - Baseline, largest first.
	Contributions []Contribution
	// Basis lists what the score rests on: BasisText always, and the site
	// rating and cited outlets' ratings when the article had them.
	Basis     []VerdictBasis
	Abstained bool
	Reason    string // why it abstained
}

// Contribution is one factor's share of a credibility score.
type Contribution struct {
	// Factor is a stable id: a signal id ("speculation"), "wording" (the
	// word and character n-grams), "site-rating", "cited-outlets",
	// "scale-limit" (what keeping the score within 0..100 took away).
	Factor string
	// Description says in plain words what the factor is and which way it
	// pulled: "the writer speculates more than reliable reporting does".
	Description string
	Value       float64 // the factor's measured value, in Unit
	Unit        Unit
	Points      float64 // signed; one decimal
	// Evidence points at the spans behind the factor; Attributions at the
	// attributions (indices), Ratings at the ratings it rests on.
	Evidence     []Evidence
	Attributions []int
	Ratings      []Rating
}
