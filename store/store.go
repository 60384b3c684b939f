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
	"github.com/credence-news/credence/stories"
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
	// The indexes: whether they are up to date, the articles that have a
	// near-duplicate in another class or their own, and the stories of two
	// articles or more with the articles in them.
	IndexesCurrent bool   `json:"indexes_current"`
	WithCopies     int    `json:"articles_with_copies"`
	Stories        int    `json:"stories"`
	InStories      int    `json:"articles_in_stories"`
	Schema         int    `json:"schema_version"`
	Path           string `json:"path"`
	Bytes          int64  `json:"bytes"`
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
	// Stories lists stories: groups of articles about one event.
	Stories(ctx context.Context, q StoryQuery) ([]StoryRow, error)
	// Story returns the story an article belongs to, in full; an unknown
	// id is ErrNotFound.
	Story(ctx context.Context, id string) (Story, error)
	// Sites ranks the sites.
	Sites(ctx context.Context, q SiteQuery) ([]SiteRow, error)
	// Site returns one site's profile; a site with no article is
	// ErrNotFound.
	Site(ctx context.Context, site string) (SiteProfile, error)
	// Rebuild recomputes every row derived from the stored reports and the
	// copy and story indexes; progress, when not nil, is told how far it is.
	Rebuild(ctx context.Context, progress func(done, total int)) error
	// SetIndexing turns the copy and story indexes off (for a bulk load
	// followed by Rebuild) or on for the Writes that follow.
	SetIndexing(on bool)
	// IndexesCurrent reports whether the copy, story and site indexes are
	// up to date (false after a Write with indexing off, or in a store
	// made by an older version, until a Rebuild).
	IndexesCurrent(ctx context.Context) (bool, error)
	// Stats summarises the store.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// StoryQuery lists stories.
type StoryQuery struct {
	Sort        string    // "size" (most articles first, the default), "sites" (most sites), "recent" (latest first), "spread" (widest score spread)
	Site        string    // only stories this site covered
	Entity      string    // only stories with an article naming this entity
	From, To    time.Time // only stories with an article published in these bounds, inclusive; zero = open
	MinArticles int       // only stories of at least this many articles (0 = 2)
	Limit       int       // 0 = 20
}

// StoryRow is a story in a list. A story is named by the id of its
// earliest article (the earliest published, then the first written).
type StoryRow struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"` // the earliest article's
	Articles  int      `json:"articles"`
	Sites     int      `json:"sites"`
	First     string   `json:"first_published"`
	Last      string   `json:"last_published"`
	MinScore  *float64 `json:"min_score"` // null when every article abstained
	MeanScore *float64 `json:"mean_score"`
	MaxScore  *float64 `json:"max_score"`
}

// StoryArticle is an article of a story.
type StoryArticle struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Site      string   `json:"site"`
	Rating    string   `json:"site_rating"` // the site's rating when analysed; "" when unrated
	Published string   `json:"published"`
	Score     *float64 `json:"score"`
	Band      string   `json:"band"`
	Label     string   `json:"label"`
}

// StorySite is one site's coverage of a story.
type StorySite struct {
	Site      string   `json:"site"`
	Rating    string   `json:"rating"`
	Articles  int      `json:"articles"`
	First     string   `json:"first_published"`
	MeanScore *float64 `json:"mean_score"`
}

// Spread is the distribution of the credibility scores of a set of
// articles (abstentions left out of the figures, counted in Bands).
type Spread struct {
	Scored int            `json:"scored"`
	Min    *float64       `json:"min"`
	Median *float64       `json:"median"`
	Mean   *float64       `json:"mean"`
	Max    *float64       `json:"max"`
	Bands  map[string]int `json:"bands"`
}

// Story is one story in full.
type Story struct {
	ID       string                  `json:"id"`    // the earliest article's id
	Title    string                  `json:"title"` // and its title
	First    string                  `json:"first_published"`
	Last     string                  `json:"last_published"`
	Earliest StoryArticle            `json:"earliest"`
	Sites    []StorySite             `json:"sites"`    // earliest coverage first
	Scores   Spread                  `json:"scores"`   // the spread of the articles' scores
	Articles []StoryArticle          `json:"articles"` // in time order
	Claims   []stories.SharedClaim   `json:"shared_claims"`
	Quotes   []stories.SpeakerQuotes `json:"quotes_by_speaker"`
	// Truncated is set when the story has more articles than a summary
	// reads (its claims and quotes are then those of the earliest ones).
	Truncated bool `json:"truncated,omitempty"`
}

// SiteQuery ranks sites.
type SiteQuery struct {
	Sort        string // "volume" (most articles, the default), "score" (highest mean score), "low-score" (lowest), "copying" (largest share of copied articles)
	MinArticles int    // only sites with at least this many articles (0 = 1)
	Limit       int    // 0 = 20
}

// SiteRow is a site in a ranking.
type SiteRow struct {
	Site      string         `json:"site"`
	Rating    string         `json:"rating"` // the site's rating in the ratings table when analysed; "" when unrated
	Articles  int            `json:"articles"`
	MeanScore *float64       `json:"mean_score"` // null when every article abstained
	Bands     map[string]int `json:"bands"`
	First     string         `json:"first_published"`
	Last      string         `json:"last_published"`
	// Copied is how many of its articles are later near-duplicates of an
	// article another site published first; CopiedShare is their share.
	Copied      int     `json:"copied"`
	CopiedShare float64 `json:"copied_share"`
	// CopiedBy is how many articles of other sites are later
	// near-duplicates of one of its articles.
	CopiedBy int `json:"copied_by"`
}

// SiteMonth is a site's output in one month.
type SiteMonth struct {
	Month     string         `json:"month"` // YYYY-MM; "undated" for articles without a date
	Articles  int            `json:"articles"`
	MeanScore *float64       `json:"mean_score"`
	Bands     map[string]int `json:"bands"`
}

// SiteSignal is a site's profile on one signal: how its articles sit
// among reliable reporting.
type SiteSignal struct {
	ID       string  `json:"id"`
	Articles int     `json:"articles"`   // articles it was measured on
	Mean     float64 `json:"mean_value"` // in the signal's own unit
	// MedianPercentile is the median of the articles' percentiles against
	// reliable reporting: 50 is typical of it. Null when the signal has no
	// reference distribution.
	MedianPercentile *float64 `json:"median_percentile"`
	// HighShare is the share of its articles at or above the 90th
	// percentile of reliable reporting (null as above).
	HighShare *float64 `json:"high_share"`
}

// SiteSourcing is how a site's articles source their statements: shares
// of all their statements, and the share of articles that rely on each
// kind for at least a quarter of their statements.
type SiteSourcing struct {
	Articles   int                `json:"articles"`    // articles with at least one statement
	Statements int                `json:"statements"`  // statements counted
	Shares     map[string]float64 `json:"shares"`      // named, outlet, second-hand, anonymous, vague, social-media, unattributed: share of statements
	RelyShares map[string]float64 `json:"rely_shares"` // second-hand, anonymous, unattributed: share of articles with ≥ 25% of their statements so sourced
}

// SiteProfile is one site in full.
type SiteProfile struct {
	SiteRow
	Labels        map[string]int `json:"labels"`
	Months        []SiteMonth    `json:"months"`
	Signals       []SiteSignal   `json:"signals"`
	Sourcing      SiteSourcing   `json:"sourcing"`
	CopiesFrom    []Count        `json:"copies_from"`     // sites it published later near-duplicates of, most first
	CopiedBySites []Count        `json:"copied_by_sites"` // sites that published later near-duplicates of its articles
}
