// Package store keeps analysed articles: the full report of each, the
// fields people filter on (site, date, labels, score, band), its
// entities, quotes, attributions and claims, and the records that could
// not be analysed. One interface; the embedded default is store/sqlite.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/credence-news/credence/report"
)

// ErrNotFound is returned for an id the store does not hold.
var ErrNotFound = errors.New("not in the store")

// Article is one analysed record to store.
type Article struct {
	ID     string // the record's id: the key
	Hash   string // corpus.Record.Hash: the content the report was made from
	Engine string // the engine fingerprint that made the report
	Input  string // where the record was read from (for the error list and provenance)
	Pos    string
	Report *report.Report // the report (its ID field set to ID)
	JSON   []byte         // the report as compact JSON, exactly as `credence analyze --compact` writes it (with "id")
}

// Failure is one record that could not be read or analysed.
type Failure struct {
	Input, Pos string // the key: where the record is
	ID         string // the record's id when it was known
	Hash       string // its content hash ("" when it could not be read)
	Engine     string
	Kind       string // corpus.Kind* or the analyzer's input error code; "internal" for a bug
	Message    string // one line
	At         time.Time
}

// State is what the store knows about an id.
type State struct {
	Found        bool
	Hash, Engine string
	Input, Pos   string
}

// Query is a search.
type Query struct {
	Text     string    // full-text query over title and text (FTS5 syntax); "" lists by date
	Label    string    // the most probable label: reliable, fake, satire
	Band     string    // high, mixed, low, very low, abstained
	Site     string    // the site (domain or outlet name as stored)
	From, To time.Time // published date bounds, inclusive; zero = open
	Entity   string    // an entity named in the article (canonical name, case-insensitive)
	Speaker  string    // a quote's speaker
	Limit    int       // 0 = 20
}

// Hit is one search result.
type Hit struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Site      string   `json:"site"`
	Published string   `json:"published"`
	Score     *float64 `json:"score"` // credibility score, null when abstained
	Band      string   `json:"band"`
	Label     string   `json:"label"`
	Rank      float64  `json:"rank"`    // bm25, lower is better; 0 without a text query
	Snippet   string   `json:"snippet"` // the match in context, marked with Mark
}

// Snippet markers: Hit.Snippet wraps each matched term in these (the text
// renderer turns them into colour or brackets, JSON keeps them).
const (
	MarkStart = "\x02"
	MarkEnd   = "\x03"
)

// Stats summarises a store.
type Stats struct {
	Articles   int            `json:"articles"`
	Errors     int            `json:"errors"`
	ErrorKinds map[string]int `json:"error_kinds"`
	Labels     map[string]int `json:"labels"`
	Bands      map[string]int `json:"bands"`
	Sites      []Count        `json:"sites"` // most articles first, at most 20
	Engines    []Count        `json:"engines"`
	FirstDate  string         `json:"first_published"`
	LastDate   string         `json:"last_published"`
	Schema     int            `json:"schema_version"`
	Path       string         `json:"path"`
	Bytes      int64          `json:"bytes"`
}

// Copy is an article of a near-duplicate group.
type Copy struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Site       string  `json:"site"`
	Published  string  `json:"published"`
	Similarity float64 `json:"similarity"` // to the group's original (1 for the original itself)
}

// Count is a name and how many.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Store is where batch writes and search reads. Implementations are safe
// for concurrent use by one writer and any number of readers.
type Store interface {
	// State says whether id is stored, and from which content and engine.
	State(ctx context.Context, id string) (State, error)
	// Empty reports whether the store holds no article yet (a batch into
	// a new store then need not ask State about every record).
	Empty(ctx context.Context) (bool, error)
	// FailureAt returns the failure recorded at input+pos, if any.
	FailureAt(ctx context.Context, input, pos string) (Failure, bool, error)
	// Write stores articles and failures in one transaction: an article
	// replaces any earlier one with its id (and every row derived from
	// it) and removes a failure recorded at its input+pos; a failure
	// replaces one at the same input+pos. Writing the same batch twice
	// leaves the store as writing it once.
	Write(ctx context.Context, arts []Article, fails []Failure) error
	// Report returns the stored report JSON of id, or ErrNotFound.
	Report(ctx context.Context, id string) ([]byte, error)
	// Search runs a query.
	Search(ctx context.Context, q Query) ([]Hit, error)
	// Each calls fn with every stored report in id order; it stops at
	// fn's first error and returns it.
	Each(ctx context.Context, fn func(id string, json []byte) error) error
	// Failures calls fn with every recorded failure in input, pos order.
	Failures(ctx context.Context, fn func(Failure) error) error
	// Copies returns the group of near-duplicates id belongs to: every
	// article linked to it, directly or through others, by pairs whose
	// estimated similarity is at least minSimilarity (the store keeps
	// pairs from dedup.StoreThreshold up). The original comes first (the
	// earliest published, then the first written), then the copies in
	// time order, each with its similarity to the original. An article
	// with no copies is a group of one; an unknown id is ErrNotFound.
	Copies(ctx context.Context, id string, minSimilarity float64) ([]Copy, error)
	// Stats summarises the store.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}
