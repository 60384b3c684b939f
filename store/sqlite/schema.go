package sqlite

// SchemaVersion is the newest store schema this package knows: the
// number of migrations below.
var SchemaVersion = len(migrations)

// application is the meta value that marks a Credence store.
const application = "credence-store"

// migrations are the schema's steps, in order: migrations[i] takes a
// store from schema version i to i+1. Open applies the missing ones in one
// transaction. Never edit a released step: add a new one.
var migrations = [][]string{
	// 1: the first schema.
	//
	// Every article has an integer key, articles.rid, given in increasing
	// order as articles are written: the rows derived from an article are
	// keyed by it, so that their inserts append to the end of each table
	// instead of landing at random places in trees keyed by text ids.
	// There are no foreign keys: Write deletes an article's rows itself
	// when it replaces one (the per-row parent checks cost more than the
	// deletes, which are rare).
	{
		`CREATE TABLE articles(
			rid           INTEGER PRIMARY KEY, -- the key of the rows below
			id            TEXT NOT NULL UNIQUE,
			hash          TEXT NOT NULL,
			engine        TEXT NOT NULL,
			input         TEXT NOT NULL,
			pos           TEXT NOT NULL,
			title         TEXT NOT NULL,
			url           TEXT NOT NULL,
			site          TEXT NOT NULL,
			published     TEXT,          -- YYYY-MM-DD, NULL when meta.published does not parse
			published_raw TEXT NOT NULL, -- meta.published as the report has it
			label         TEXT,          -- most probable of reliable/fake/satire, NULL when unmeasured
			p_reliable    REAL,
			p_fake        REAL,
			p_satire      REAL,
			score         REAL,          -- credibility score, NULL when abstained
			band          TEXT,          -- high, mixed, low, very low, abstained; NULL without a verdict
			words         INTEGER NOT NULL,
			added_at      TEXT NOT NULL  -- RFC 3339, UTC
		)`,
		`CREATE INDEX articles_site ON articles(site COLLATE NOCASE)`,
		`CREATE INDEX articles_published ON articles(published)`,
		`CREATE INDEX articles_band ON articles(band)`,
		`CREATE INDEX articles_label ON articles(label)`,
		// engines holds each distinct "engine" block of the reports once
		// (about 6.5 KB, the same in every report of one engine); sha256
		// is that of json, the block's exact bytes.
		`CREATE TABLE engines(
			id     INTEGER PRIMARY KEY,
			sha256 TEXT NOT NULL UNIQUE,
			json   TEXT NOT NULL
		)`,
		// json is the compact report JSON, S2-compressed (it starts with
		// 0x01) or plain (it starts with '{'), without the value of its
		// "engine" member when engine is set: that is engines.json, and it
		// goes back at byte engine_at of the plain JSON.
		`CREATE TABLE reports(
			rid       INTEGER PRIMARY KEY, -- articles.rid
			engine    INTEGER,             -- engines.id, NULL when the JSON is whole
			engine_at INTEGER,
			json      BLOB NOT NULL
		)`,
		// texts is the content of articles_fts (an external-content FTS5
		// table): the triggers keep the index in step with it. rid is
		// articles.rid, an INTEGER PRIMARY KEY so that VACUUM cannot
		// renumber it under the index.
		`CREATE TABLE texts(
			rid   INTEGER PRIMARY KEY,
			title TEXT NOT NULL,
			text  TEXT NOT NULL
		)`,
		`CREATE VIRTUAL TABLE articles_fts USING fts5(title, text,
			content='texts', content_rowid='rid',
			tokenize='unicode61 remove_diacritics 2')`,
		`CREATE TRIGGER texts_ai AFTER INSERT ON texts BEGIN
			INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
		END`,
		// FTS5 merges its segments when a level has 8 rather than 4:
		// merging was an eighth of the cost of a Write in a store of
		// 20,000 articles; searches measured no slower.
		`INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8)`,
		`CREATE TRIGGER texts_ad AFTER DELETE ON texts BEGIN
			INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
		END`,
		`CREATE TRIGGER texts_au AFTER UPDATE ON texts BEGIN
			INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
			INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
		END`,
		// The derived tables: article is articles.rid.
		`CREATE TABLE entities(
			article   INTEGER NOT NULL,
			canonical TEXT NOT NULL,
			type      TEXT NOT NULL,
			mentions  INTEGER NOT NULL,
			PRIMARY KEY(article, canonical, type)
		) WITHOUT ROWID`,
		`CREATE INDEX entities_canonical ON entities(canonical COLLATE NOCASE)`,
		`CREATE TABLE quotes(
			article INTEGER NOT NULL,
			idx     INTEGER NOT NULL,
			speaker TEXT,
			text    TEXT NOT NULL,
			kind    TEXT NOT NULL,
			PRIMARY KEY(article, idx)
		) WITHOUT ROWID`,
		`CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE)`,
		`CREATE TABLE attributions(
			article     INTEGER NOT NULL,
			idx         INTEGER NOT NULL,
			source      TEXT NOT NULL,
			source_type TEXT NOT NULL,
			cue         TEXT,
			PRIMARY KEY(article, idx)
		) WITHOUT ROWID`,
		`CREATE INDEX attributions_source ON attributions(source COLLATE NOCASE)`,
		`CREATE TABLE claims(
			article         INTEGER NOT NULL,
			idx             INTEGER NOT NULL,
			text            TEXT NOT NULL,
			checkworthiness REAL NOT NULL,
			mode            TEXT NOT NULL,
			PRIMARY KEY(article, idx)
		) WITHOUT ROWID`,
		`CREATE TABLE failures(
			input   TEXT NOT NULL,
			pos     TEXT NOT NULL,
			id      TEXT NOT NULL,
			hash    TEXT NOT NULL,
			engine  TEXT NOT NULL,
			kind    TEXT NOT NULL,
			message TEXT NOT NULL,
			at      TEXT NOT NULL, -- RFC 3339, UTC
			PRIMARY KEY(input, pos)
		) WITHOUT ROWID`,
		// Near-duplicates (package dedup): each article's MinHash
		// signature, its LSH bucket key in each band (to find candidates
		// without holding the signatures in memory), and the pairs whose
		// estimated similarity reaches dedup's store threshold, keyed by
		// the later-written article.
		`CREATE TABLE signatures(
			rid INTEGER PRIMARY KEY,
			sig BLOB NOT NULL
		)`,
		`CREATE TABLE lsh(
			band INTEGER NOT NULL,
			key  INTEGER NOT NULL,
			rid  INTEGER NOT NULL,
			PRIMARY KEY(band, key, rid)
		) WITHOUT ROWID`,
		`CREATE TABLE copies(
			rid        INTEGER NOT NULL,
			other      INTEGER NOT NULL,
			similarity REAL NOT NULL,
			PRIMARY KEY(rid, other)
		) WITHOUT ROWID`,
		`CREATE INDEX copies_other ON copies(other)`,
	},
	// 2: near-duplicates by text class, stories, site profile rows.
	//
	// Articles with the same MinHash signature (exact twins, and texts
	// that differ only below the shingle level) share a class; the LSH
	// buckets and the near-duplicate pairs are kept between classes, so n
	// copies of one text cost one class, not n² pairs, and the pairs are
	// exactly those of the classes present whatever order they came in.
	// The v1 tables are dropped: Open rebuilds them from the reports (see
	// Rebuild), as it does the story and profile rows a v1 store lacks.
	{
		`DROP TABLE lsh`,
		`DROP TABLE copies`,
		`DROP TABLE signatures`,
		`ALTER TABLE articles ADD COLUMN class INTEGER`, // classes.cid; NULL for a text too short to sign
		`ALTER TABLE articles ADD COLUMN rating TEXT`,   // meta.rating.level: the site's rating when analysed
		`CREATE INDEX articles_class ON articles(class)`,
		`CREATE TABLE classes(
			cid INTEGER PRIMARY KEY,
			key INTEGER NOT NULL UNIQUE, -- a 64-bit hash of sig
			sig BLOB NOT NULL
		)`,
		// key mixes the band and the band's hash (dedup.Params.BandKeys).
		`CREATE TABLE lsh(
			key INTEGER NOT NULL,
			cid INTEGER NOT NULL,
			PRIMARY KEY(key, cid)
		) WITHOUT ROWID`,
		// One row a pair of classes whose estimated similarity reaches
		// dedup.StoreThreshold, keyed by the later class.
		`CREATE TABLE copies(
			cid        INTEGER NOT NULL,
			other      INTEGER NOT NULL,
			similarity REAL NOT NULL,
			PRIMARY KEY(cid, other)
		) WITHOUT ROWID`,
		`CREATE INDEX copies_other ON copies(other)`,
		// Stories (package stories): each article's features, its LSH
		// keys, and its story: the least rid of its connected component
		// under the vouched links (stories.Cluster).
		`CREATE TABLE story_members(
			rid   INTEGER PRIMARY KEY,
			story INTEGER NOT NULL,
			feats BLOB NOT NULL
		)`,
		`CREATE INDEX story_members_story ON story_members(story)`,
		`CREATE TABLE story_keys(
			key INTEGER NOT NULL,
			rid INTEGER NOT NULL,
			PRIMARY KEY(key, rid)
		) WITHOUT ROWID`,
		// The related pairs (rid > other), strong or not: a story joins
		// articles by the strong ones and those in a triangle
		// (stories.Vouched).
		`CREATE TABLE story_links(
			rid    INTEGER NOT NULL,
			other  INTEGER NOT NULL,
			strong INTEGER NOT NULL,
			PRIMARY KEY(rid, other)
		) WITHOUT ROWID`,
		`CREATE INDEX story_links_other ON story_links(other)`,
		// Each article's signal values and percentiles, for site profiles:
		// {"signal id": [value, percentile or null], ...} plus the
		// sourcing shares under "sourcing".
		`CREATE TABLE profiles(
			rid  INTEGER PRIMARY KEY,
			json TEXT NOT NULL
		)`,
		`INSERT OR REPLACE INTO meta(key, value) VALUES ('indexes', 'stale')`,
	},
}
