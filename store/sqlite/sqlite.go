// Package sqlite is the embedded store: one SQLite file (WAL mode) with
// the report of each article, the fields search filters on, its entities,
// quotes, attributions and claims, an FTS5 index over title and text, and
// the records that could not be analysed. Pure Go, no cgo.
//
// # Driver: modernc.org/sqlite v1.62.0 (SQLite 3 translated to Go)
//
// Measured against github.com/ncruces/go-sqlite3 v0.37.0 (SQLite
// translated from Wasm to Go, FTS5 registered through ext/fts5), both
// through database/sql with this package's schema and Write, go 1.26,
// linux/amd64, 2 cores shared with other jobs (so best of 3 interleaved
// runs), 600 reports of the shared training articles (36.9 KB of JSON
// each on average), Write in batches of 100 (BenchmarkWrite,
// BenchmarkSearch: CREDENCE_BENCH_REPORTS=reports.jsonl):
//
//	                                   modernc     ncruces
//	Write, zlib JSON   articles/s        627         562
//	                   CPU µs/article   1519        1487
//	Write, plain JSON  articles/s        682         660
//	                   CPU µs/article   1303        1255
//	Search, 2,000 articles, limit 20, ms:
//	  said (nearly every article)        10.8        12.8
//	  president                           8.6         9.3
//	  "white house" OR congress           7.1         8.4
//	  said + label filter                 8.3         8.7
//	  no text, label filter, limit 50     1.35        1.42
//	  trump + entity filter              10.5        13.6
//	Binary size added to a program that
//	  runs the analyzer (unstripped)     +6.3 MB     +12.0 MB
//	  (stripped, -s -w)                  +4.2 MB     +6.7 MB
//	Cold build of the package and deps   43 s        48 s
//
// Writing is a tie within the noise; modernc searches 5–30% faster, adds
// half the binary size, and leaves the module's other dependencies as
// they are (ncruces v0.37.0 raises golang.org/x/text from v0.31.0 to
// v0.43.0 for the whole module, which the cleaning and extraction code
// uses). Both pass this package's tests. modernc.org/libc comes with
// modernc.org/sqlite at the version its go.mod names: never go get it on
// its own.
//
// # Report JSON compressed
//
// Reports are stored as S2 blocks (klauspost/compress): 8.7 KB for the
// 25.9 KB of a report without its engine block, for about 55 µs of CPU
// per write and 28 µs per Report/Each read (zstd, fastest level: 6.5 KB
// but 160 µs to write; S2 "better": 7.9 KB, 118 µs). Report and Each
// return the plain JSON. Set Compress = false to store plain JSON; both
// are read.
//
// # Engine block stored once
//
// Every report ends with "engine":{…}, about 6 KB (the sha256 of every
// data file), the same in every report of one engine. Write cuts it out
// (when it is an object and the report's last member), stores each
// distinct block once in the engines table, and keeps its id and byte
// offset with the report; Report and Each splice it back, byte for byte.
//
// # Cost of a Write
//
// Measured with BenchmarkWrite (s2), go 1.26, linux/amd64, 2 cores shared
// with other jobs (so medians of 5 interleaved runs, CPU time of the
// process), 1,745 reports of the shared training and FakeNewsCorpus
// sample articles (32.0 KB of JSON each on average), batches of 256
// (CREDENCE_BENCH_REPORTS=reports.jsonl):
//
//	                                 5,120 articles     20,480 articles
//	                                  before  after      before  after
//	CPU µs/article                      963    509        1271    591
//	file KB/article                    26.1   18.7        26.0   18.6
//
// "Before" is the first layout: TEXT article ids as the key of every
// table, foreign keys with ON DELETE CASCADE, a sha256 of each report,
// the engine block in every report, and about seven statements per
// article. What changed, each measured on its own (median CPU µs/article,
// 5,120 articles):
//
//   - Integer keys: articles.rid (given in increasing order) keys the
//     report, the text and the derived rows, so they append to their
//     tables instead of going to random places of trees keyed by text;
//     a batch's rows go in with a few multi-row INSERT … VALUES
//     statements per table instead of several statements per article;
//     no foreign keys (Write deletes a replaced article's rows itself,
//     which is rare; with foreign keys back: +27%). With the engine
//     block below: 846 -> 548.
//   - The engine block once: 612 without it -> 516, and 22.4 -> 18.8 KB
//     of file per article.
//   - No sha256 of each report (a rewrite of an id with the same hash,
//     engine and place compares the stored JSON), the engine block
//     checked and hashed once per batch: -8%.
//   - derive's buffers reused (a third of a Write's allocations): -5%.
//   - The multi-row inserts as INSERT OR IGNORE with the row count
//     checked, so that SQLite keeps no statement journal: -6%.
//   - FTS5 automerge 8 instead of 4: merging was an eighth of the cost
//     in a store of 20,000 articles; about -5% there, searches no slower.
//
// Tried and left: page_size 8192 or 16384 (no faster, 6–9% larger file),
// wal_autocheckpoint 4000, mmap_size, FTS5 columnsize=0 and pgsz=4000
// (all within the noise); inserting the FTS rows from Write rather than
// by trigger (the same). What remains, at 20,480 articles: SQLite's steps
// for the rows (~30%, the indexes over names are random inserts), FTS5
// (tokenizing ~10%, flush and merge ~15%), the commit's checkpoints
// (~10%) and derive (~10%, most of it S2).
//
// BenchmarkSearch, 2,000 articles, median of 3, ms, before -> after:
// said 10.2 -> 10.2, president 7.3 -> 6.5, "white house" OR congress
// 7.4 -> 7.3, said + label 8.0 -> 5.7, no text + label 2.1 -> 1.6,
// trump + entity 8.6 -> 8.4 (a text search now joins the articles by the
// FTS rowid directly).
package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/s2"

	"github.com/credence-news/credence/dedup"
	"github.com/credence-news/credence/report"
	"github.com/credence-news/credence/sources"
	"github.com/credence-news/credence/store"
	"github.com/credence-news/credence/stories"
)

// DB is a store in one SQLite file. It is safe for concurrent use: one
// Write runs at a time (in this process, and across processes through
// SQLite's write lock), and any number of readers run beside it.
type DB struct {
	db       *sql.DB
	path     string
	readOnly bool
	wmu      sync.Mutex

	smu   sync.Mutex
	stmts map[string]*sql.Stmt // Write's statements, prepared once

	// indexing is whether Write keeps the copy and story indexes (see
	// SetIndexing); it turns off for the rest of the session when the
	// store's indexes are found stale.
	indexing bool

	emu        sync.Mutex
	engineIDs  map[string]int64 // engines.id by sha256, of committed rows
	engineJSON map[int64][]byte // engines.json by id
}

func newDB(db *sql.DB, path string, readOnly bool) *DB {
	return &DB{db: db, path: path, readOnly: readOnly, stmts: map[string]*sql.Stmt{}, indexing: true,
		engineIDs: map[string]int64{}, engineJSON: map[int64][]byte{}}
}

var _ store.Store = (*DB)(nil)

// Compress says whether Write stores report JSON S2-compressed. Reading
// accepts both, whatever it is.
var Compress = true

// busyTimeout is how long a statement waits for another connection's lock.
const busyTimeout = 10 * time.Second

// Open opens the store at path for writing, creating it when it does not
// exist, and brings its schema up to date. A file that is not a Credence
// store is an error, and is left as it was.
func Open(path string) (*DB, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	dsn := dsn(path, false)
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	d := newDB(db, path, false)
	if err := d.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// OpenReadOnly opens an existing store for reading (search, show, export,
// stats). It never creates nor migrates one.
func OpenReadOnly(path string) (*DB, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no store at %s (run credence batch … --store %s first)", path, path)
	}
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a Credence store", path)
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	db, err := sql.Open(driverName, dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	d := newDB(db, path, true)
	v, err := d.version(context.Background(), db)
	if err == nil {
		switch {
		case v < 0:
			err = d.notStore(nil)
		case v > SchemaVersion:
			err = d.tooNew(v)
		case v < SchemaVersion:
			err = fmt.Errorf("store %s has schema version %d, older than this credence's %d: upgrade it with credence rebuild --store %s", path, v, SchemaVersion, path)
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// checkFile refuses an existing non-empty file that is not an SQLite
// database, before SQLite touches it.
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	if fi.IsDir() {
		return fmt.Errorf("%s is a folder, not a Credence store", path)
	}
	if fi.Size() == 0 {
		return nil
	}
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "SQLite format 3\x00" {
		return fmt.Errorf("%s is not a Credence store (not an SQLite database)", path)
	}
	return nil
}

// dsn is the driver's URI for path with the store's PRAGMAs: both drivers
// read _pragma and _txlock.
func dsn(path string, readOnly bool) string {
	p := filepath.ToSlash(path)
	if abs, err := filepath.Abs(path); err == nil {
		p = filepath.ToSlash(abs)
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // file:/C:/x.db on Windows
	}
	u := url.URL{Scheme: "file", Path: p}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		// Statement journals in memory, and a page cache that holds a
		// whole Write (a batch of reports) without spilling: both showed
		// as file writes in the profile of a batch run.
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Add("_pragma", "cache_size(-32768)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + u.EscapedPath() + "?" + q.Encode()
}

// version returns the store's schema version: 0 for an empty database, -1
// for one that holds other tables (not a Credence store).
func (d *DB) version(ctx context.Context, q queryer) (int, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'meta' AND type = 'table'`).Scan(&n); err != nil {
		return 0, d.openErr(err)
	}
	if n == 0 {
		var others int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&others); err != nil {
			return 0, d.openErr(err)
		}
		if others > 0 {
			return -1, nil
		}
		return 0, nil
	}
	var app, ver sql.NullString
	err := q.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = 'application'), (SELECT value FROM meta WHERE key = 'schema_version')`).Scan(&app, &ver)
	if err != nil {
		return 0, d.openErr(err)
	}
	if app.String != application {
		return -1, nil
	}
	v, err := strconv.Atoi(ver.String)
	if err != nil || v < 1 {
		return 0, fmt.Errorf("store %s has a bad schema version %q", d.path, ver.String)
	}
	return v, nil
}

func (d *DB) openErr(err error) error {
	if strings.Contains(err.Error(), "not a database") {
		return d.notStore(err)
	}
	return fmt.Errorf("open store %s: %w", d.path, err)
}

func (d *DB) notStore(err error) error {
	if err != nil {
		return fmt.Errorf("%s is not a Credence store: %v", d.path, err)
	}
	return fmt.Errorf("%s is not a Credence store (an SQLite database with other tables)", d.path)
}

func (d *DB) tooNew(v int) error {
	return fmt.Errorf("store %s has schema version %d, newer than this credence knows (%d): use a newer credence", d.path, v, SchemaVersion)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// migrate applies the missing migrations in one transaction.
func (d *DB) migrate(ctx context.Context) error {
	// Outside a transaction first, so that a foreign file is refused
	// without taking a write lock.
	v, err := d.version(ctx, d.db)
	if err != nil {
		return err
	}
	if v < 0 {
		return d.notStore(nil)
	}
	if v > SchemaVersion {
		return d.tooNew(v)
	}
	if v == SchemaVersion {
		return nil
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate store %s: %w", d.path, err)
	}
	defer tx.Rollback()
	// Another process may have migrated meanwhile.
	if v, err = d.version(ctx, tx); err != nil {
		return err
	}
	if v < 0 {
		return d.notStore(nil)
	}
	if v > SchemaVersion {
		return d.tooNew(v)
	}
	if v == 0 {
		for _, s := range []string{
			`CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
			`INSERT INTO meta(key, value) VALUES ('application', '` + application + `'), ('schema_version', '0'), ('created_at', '` + time.Now().UTC().Format(time.RFC3339) + `')`,
		} {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("create store %s: %w", d.path, err)
			}
		}
	}
	for i := v; i < SchemaVersion; i++ {
		for _, s := range migrations[i] {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("migrate store %s to schema version %d: %w", d.path, i+1, err)
			}
		}
	}
	// A store with no article yet has nothing to rebuild.
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'indexes' AND NOT EXISTS (SELECT 1 FROM articles)`, indexVersion); err != nil {
		return fmt.Errorf("migrate store %s: %w", d.path, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'schema_version'`, strconv.Itoa(SchemaVersion)); err != nil {
		return fmt.Errorf("migrate store %s: %w", d.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate store %s: %w", d.path, err)
	}
	return nil
}

// Path is the store's file.
func (d *DB) Path() string { return d.path }

// Close closes the store.
func (d *DB) Close() error {
	d.smu.Lock()
	for _, st := range d.stmts {
		st.Close()
	}
	d.stmts = map[string]*sql.Stmt{}
	d.smu.Unlock()
	if !d.readOnly {
		d.db.Exec(`PRAGMA optimize`)
	}
	return d.db.Close()
}

// State says whether id is stored, and from which content and engine.
func (d *DB) State(ctx context.Context, id string) (store.State, error) {
	var s store.State
	err := d.db.QueryRowContext(ctx, `SELECT hash, engine, input, pos FROM articles WHERE id = ?`, id).Scan(&s.Hash, &s.Engine, &s.Input, &s.Pos)
	if errors.Is(err, sql.ErrNoRows) {
		return store.State{}, nil
	}
	if err != nil {
		return store.State{}, fmt.Errorf("store: %w", err)
	}
	s.Found = true
	return s, nil
}

// FailureAt returns the failure recorded at input+pos, if any.
func (d *DB) FailureAt(ctx context.Context, input, pos string) (store.Failure, bool, error) {
	f := store.Failure{Input: input, Pos: pos}
	var at string
	err := d.db.QueryRowContext(ctx, `SELECT id, hash, engine, kind, message, at FROM failures WHERE input = ? AND pos = ?`, input, pos).
		Scan(&f.ID, &f.Hash, &f.Engine, &f.Kind, &f.Message, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Failure{}, false, nil
	}
	if err != nil {
		return store.Failure{}, false, fmt.Errorf("store: %w", err)
	}
	f.At, _ = time.Parse(time.RFC3339Nano, at)
	return f, true, nil
}

// Report returns the stored report JSON of id, or store.ErrNotFound.
func (d *DB) Report(ctx context.Context, id string) ([]byte, error) {
	var b []byte
	var engine, at sql.NullInt64
	err := d.db.QueryRowContext(ctx, `SELECT r.json, r.engine, r.engine_at FROM articles a JOIN reports r ON r.rid = a.rid WHERE a.id = ?`, id).
		Scan(&b, &engine, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	js, err := d.assemble(ctx, d.db, b, engine, at)
	if err != nil {
		return nil, fmt.Errorf("store: report %s: %w", id, err)
	}
	return js, nil
}

// assemble returns the plain report JSON from a reports row: decoded, with
// its engine block back in place.
func (d *DB) assemble(ctx context.Context, q queryer, b []byte, engine, at sql.NullInt64) ([]byte, error) {
	if !engine.Valid {
		return decode(b, nil, 0)
	}
	block, err := d.engineBlock(ctx, q, engine.Int64)
	if err != nil {
		return nil, err
	}
	return decode(b, block, int(at.Int64))
}

// engineBlock returns engines.json of id (rows are never changed: they
// are cached).
func (d *DB) engineBlock(ctx context.Context, q queryer, id int64) ([]byte, error) {
	d.emu.Lock()
	b, ok := d.engineJSON[id]
	d.emu.Unlock()
	if ok {
		return b, nil
	}
	var sum string
	if err := q.QueryRowContext(ctx, `SELECT sha256, json FROM engines WHERE id = ?`, id).Scan(&sum, &b); err != nil {
		return nil, fmt.Errorf("engine %d: %w", id, err)
	}
	d.emu.Lock()
	d.engineJSON[id] = b
	d.engineIDs[sum] = id
	d.emu.Unlock()
	return b, nil
}

// Each calls fn with every stored report in id order.
func (d *DB) Each(ctx context.Context, fn func(id string, json []byte) error) error {
	rows, err := d.db.QueryContext(ctx, `SELECT a.id, r.json, r.engine, r.engine_at FROM articles a JOIN reports r ON r.rid = a.rid ORDER BY a.id`)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var b []byte
		var engine, at sql.NullInt64
		if err := rows.Scan(&id, &b, &engine, &at); err != nil {
			return fmt.Errorf("store: %w", err)
		}
		js, err := d.assemble(ctx, d.db, b, engine, at)
		if err != nil {
			return fmt.Errorf("store: report %s: %w", id, err)
		}
		if err := fn(id, js); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// Failures calls fn with every recorded failure in input, pos order.
func (d *DB) Failures(ctx context.Context, fn func(store.Failure) error) error {
	rows, err := d.db.QueryContext(ctx, `SELECT input, pos, id, hash, engine, kind, message, at FROM failures ORDER BY input, pos`)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f store.Failure
		var at string
		if err := rows.Scan(&f.Input, &f.Pos, &f.ID, &f.Hash, &f.Engine, &f.Kind, &f.Message, &at); err != nil {
			return fmt.Errorf("store: %w", err)
		}
		f.At, _ = time.Parse(time.RFC3339Nano, at)
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// Stats summarises the store.
func (d *DB) Stats(ctx context.Context) (store.Stats, error) {
	s := store.Stats{ErrorKinds: map[string]int{}, Labels: map[string]int{}, Bands: map[string]int{},
		Sites: []store.Count{}, Engines: []store.Count{}, Schema: SchemaVersion, Path: d.path}
	if v, err := d.version(ctx, d.db); err == nil && v > 0 {
		s.Schema = v
	}
	var first, last sql.NullString
	if err := d.db.QueryRowContext(ctx, `SELECT count(*), min(published), max(published) FROM articles`).Scan(&s.Articles, &first, &last); err != nil {
		return s, fmt.Errorf("store: %w", err)
	}
	s.FirstDate, s.LastDate = first.String, last.String
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM failures`).Scan(&s.Errors); err != nil {
		return s, fmt.Errorf("store: %w", err)
	}
	counts := func(query string, each func(name string, n int)) error {
		rows, err := d.db.QueryContext(ctx, query)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var name sql.NullString
			var n int
			if err := rows.Scan(&name, &n); err != nil {
				return fmt.Errorf("store: %w", err)
			}
			each(name.String, n)
		}
		return rows.Err()
	}
	for _, c := range []struct {
		query string
		each  func(string, int)
	}{
		{`SELECT kind, count(*) FROM failures GROUP BY kind`, func(k string, n int) { s.ErrorKinds[k] = n }},
		{`SELECT label, count(*) FROM articles WHERE label IS NOT NULL GROUP BY label`, func(k string, n int) { s.Labels[k] = n }},
		{`SELECT band, count(*) FROM articles WHERE band IS NOT NULL GROUP BY band`, func(k string, n int) { s.Bands[k] = n }},
		{`SELECT site, count(*) AS n FROM articles WHERE site <> '' GROUP BY site ORDER BY n DESC, site LIMIT 20`, func(k string, n int) { s.Sites = append(s.Sites, store.Count{Name: k, Count: n}) }},
		{`SELECT engine, count(*) AS n FROM articles GROUP BY engine ORDER BY n DESC, engine`, func(k string, n int) { s.Engines = append(s.Engines, store.Count{Name: k, Count: n}) }},
	} {
		if err := counts(c.query, c.each); err != nil {
			return s, err
		}
	}
	var err error
	if s.IndexesCurrent, err = d.indexesCurrent(ctx, d.db); err != nil {
		return s, err
	}
	if s.IndexesCurrent {
		err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM articles a WHERE a.class IS NOT NULL AND (
				EXISTS (SELECT 1 FROM articles b WHERE b.class = a.class AND b.rid <> a.rid)
				OR EXISTS (SELECT 1 FROM copies c WHERE c.cid = a.class) OR EXISTS (SELECT 1 FROM copies c WHERE c.other = a.class))`).Scan(&s.WithCopies)
		if err == nil {
			err = d.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM story_members GROUP BY story HAVING n > 1)`).Scan(&s.Stories, &s.InStories)
		}
		if err != nil {
			return s, fmt.Errorf("store: %w", err)
		}
	}
	for _, p := range []string{d.path, d.path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			s.Bytes += fi.Size()
		}
	}
	return s, nil
}

// Write stores articles and failures in one transaction (see
// store.Store.Write). An article whose id, hash, engine, input, pos and
// report JSON equal the stored ones is left as it is (its added_at kept);
// of articles with the same id in one call, the last is stored. Failures
// are written after the articles, so a failure and an article at the same
// input+pos in one batch leave the failure.
//
// Each table gets the rows of the whole batch in a few statements (the
// cost of a statement, not of a row, was most of it), with the articles'
// rids given in increasing order, so that every table but the indexes
// over names grows at its end.
func (d *DB) Write(ctx context.Context, arts []store.Article, fails []store.Failure) error {
	if d.readOnly {
		return errors.New("store: opened read-only")
	}
	// Everything that needs no database first, outside the lock.
	rows := make([]articleRows, len(arts))
	var known knownEngine
	for i := range arts {
		r, err := derive(&arts[i], &known)
		if err != nil {
			return err
		}
		rows[i] = r
	}
	d.wmu.Lock()
	defer d.wmu.Unlock()
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	w := &writer{ctx: ctx, tx: tx, d: d}
	defer w.close()
	if len(rows) > 0 {
		if err := w.articles(rows); err != nil {
			return err
		}
	}
	for _, f := range fails {
		at := f.At
		if at.IsZero() {
			at = time.Now()
		}
		if _, err := w.exec(`INSERT OR REPLACE INTO failures(input, pos, id, hash, engine, kind, message, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Input, f.Pos, f.ID, f.Hash, f.Engine, f.Kind, oneLine(f.Message), at.UTC().Format(time.RFC3339Nano)); err != nil {
			return fmt.Errorf("store: failure %s %s: %w", f.Input, f.Pos, err)
		}
	}
	w.close()
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	d.emu.Lock()
	for sum, e := range w.engines {
		d.engineIDs[sum] = e.id
		d.engineJSON[e.id] = e.json
	}
	d.emu.Unlock()
	return nil
}

// writer runs a Write's statements in its transaction.
type writer struct {
	ctx     context.Context
	tx      *sql.Tx
	d       *DB
	stmts   map[string]*sql.Stmt
	engines map[string]engineRow // the engine blocks this Write stored or found, by sha256
}

type engineRow struct {
	id   int64
	json []byte
}

// stmt returns query prepared in the transaction: the DB keeps each query
// prepared on its connections across Writes (the multi-row inserts are
// long to compile).
func (w *writer) stmt(query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	w.d.smu.Lock()
	base, ok := w.d.stmts[query]
	if !ok {
		var err error
		if base, err = w.d.db.PrepareContext(w.ctx, query); err != nil {
			w.d.smu.Unlock()
			return nil, err
		}
		w.d.stmts[query] = base
	}
	w.d.smu.Unlock()
	st := w.tx.StmtContext(w.ctx, base)
	if w.stmts == nil {
		w.stmts = map[string]*sql.Stmt{}
	}
	w.stmts[query] = st
	return st, nil
}

func (w *writer) exec(query string, args ...any) (sql.Result, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
	w.stmts = nil
}

// insert inserts rows (ncol values each, one after the other in vals)
// with multi-row INSERT … VALUES statements of 256, 128, …, 1 rows, so
// that a handful of prepared statements serve any count.
//
// The statements are INSERT OR IGNORE, and a row left out is an error:
// the same as a plain INSERT (whose constraint error rolls the
// transaction back), but SQLite need not keep a statement journal to undo
// half a statement, which it does for a plain multi-row INSERT.
func (w *writer) insert(head string, ncol int, vals []any) error {
	n := len(vals) / ncol
	for size := 256; n > 0; size /= 2 {
		for n >= size {
			res, err := w.exec(valuesQuery(head, ncol, size), vals[:size*ncol]...)
			if err != nil {
				return err
			}
			if got, err := res.RowsAffected(); err != nil || got != int64(size) {
				return fmt.Errorf("%d rows of %d inserted (a constraint failed): %v", got, size, err)
			}
			vals, n = vals[size*ncol:], n-size
		}
	}
	return nil
}

var valuesQueries sync.Map // [head, ncol, rows] → query

func valuesQuery(head string, ncol, rows int) string {
	type key struct {
		head       string
		ncol, rows int
	}
	k := key{head, ncol, rows}
	if q, ok := valuesQueries.Load(k); ok {
		return q.(string)
	}
	row := "(" + marks(ncol) + ")"
	var b strings.Builder
	b.WriteString(head)
	b.WriteString(" VALUES ")
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	q := b.String()
	valuesQueries.Store(k, q)
	return q
}

// nullable is a NullString as JSON wants it: null or the string.
func nullable(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.String
}

// jsonArg is v as JSON text, for a json_each(?) argument.
func jsonArg(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// articles stores a batch of articles.
func (w *writer) articles(rows []articleRows) error {
	// The last of each id is the one stored; every input+pos loses its
	// failure.
	last := make(map[string]int, len(rows))
	ids := make([]string, 0, len(rows))
	places := make([][2]string, 0, len(rows))
	for i := range rows {
		if _, ok := last[rows[i].id]; !ok {
			ids = append(ids, rows[i].id)
		}
		last[rows[i].id] = i
		places = append(places, [2]string{rows[i].input, rows[i].pos})
	}
	arg, err := jsonArg(ids)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	st, err := w.stmt(`SELECT a.id, a.rid, a.hash, a.engine, a.input, a.pos, r.json, r.engine, r.engine_at
		FROM json_each(?) j JOIN articles a ON a.id = j.value JOIN reports r ON r.rid = a.rid`)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	found, err := st.QueryContext(w.ctx, arg)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	var replaced []int64
	type stored struct {
		rid        int64
		blob       []byte
		engine, at sql.NullInt64
	}
	var candidates map[string]stored // stored as written but maybe for the JSON
	for found.Next() {
		var id, hash, engine, input, pos string
		var s stored
		if err := found.Scan(&id, &s.rid, &hash, &engine, &input, &pos, &s.blob, &s.engine, &s.at); err != nil {
			found.Close()
			return fmt.Errorf("store: %w", err)
		}
		r := &rows[last[id]]
		if hash == r.hash && engine == r.engine && input == r.input && pos == r.pos {
			if candidates == nil {
				candidates = map[string]stored{}
			}
			candidates[id] = s
			continue
		}
		replaced = append(replaced, s.rid)
	}
	found.Close()
	if err := found.Err(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	// The same report? Rare (a batch skips what the store has), so the
	// stored one is compared in full rather than by a stored hash.
	same := map[string]bool{}
	for id, s := range candidates {
		js, err := w.d.assemble(w.ctx, w.tx, s.blob, s.engine, s.at)
		if err != nil {
			return fmt.Errorf("store: article %s: %w", id, err)
		}
		if bytes.Equal(js, rows[last[id]].js) {
			same[id] = true
		} else {
			replaced = append(replaced, s.rid)
		}
	}
	if len(replaced) > 0 {
		if err := w.remove(replaced); err != nil {
			return fmt.Errorf("store: replacing articles: %w", err)
		}
	}

	var next int64
	if err := w.tx.QueryRowContext(w.ctx, `SELECT coalesce(max(rid), 0) FROM articles`).Scan(&next); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	var fresh []*articleRows
	for _, id := range ids {
		if !same[id] {
			fresh = append(fresh, &rows[last[id]])
		}
	}
	rids := make([]int64, len(fresh))
	for i := range rids {
		rids[i] = next + 1 + int64(i)
	}
	idx, err := w.index(fresh, rids)
	if err != nil {
		return err
	}
	var articles, reports []any
	var derived derivedRows
	var texts [][3]any
	for i, r := range fresh {
		next++
		rid := next
		var engine, engineAt any
		if r.engineJSON != nil {
			e, err := w.engine(r.engineSum, r.engineJSON)
			if err != nil {
				return fmt.Errorf("store: article %s: engine: %w", r.id, err)
			}
			engine, engineAt = e, r.engineAt
		}
		articles = append(articles, rid, r.id, r.hash, r.engine, r.input, r.pos, r.title, r.url, r.site, r.published, r.publishedRaw,
			r.label, r.pReliable, r.pFake, r.pSatire, r.score, r.band, r.words, now, idx.class(i), r.rating)
		reports = append(reports, rid, engine, engineAt, r.blob)
		texts = append(texts, [3]any{rid, r.title, r.text})
		derived.add(rid, r)
	}
	for _, t := range []struct {
		name, head string
		ncol       int
		vals       []any
	}{
		{"articles", `INSERT OR IGNORE INTO articles(rid, id, hash, engine, input, pos, title, url, site, published, published_raw,
			label, p_reliable, p_fake, p_satire, score, band, words, added_at, class, rating)`, 21, articles},
		{"reports", `INSERT OR IGNORE INTO reports(rid, engine, engine_at, json)`, 4, reports},
	} {
		if err := w.insert(t.head, t.ncol, t.vals); err != nil {
			return fmt.Errorf("store: %s: %w", t.name, err)
		}
	}
	if err := derived.insert(w); err != nil {
		return err
	}
	if err := idx.store(w); err != nil {
		return fmt.Errorf("store: stories: %w", err)
	}
	// The texts go in last, in one statement: FTS5 writes its pending
	// index data to disk at every statement savepoint, so splitting them
	// would flush (and later merge) once per statement instead of once
	// per Write.
	if len(texts) > 0 {
		arg, err := jsonArg(texts)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		if _, err := w.exec(`INSERT INTO texts(rid, title, text) SELECT value->>0, value->>1, value->>2 FROM json_each(?)`, arg); err != nil {
			return fmt.Errorf("store: texts: %w", err)
		}
	}
	arg, err = jsonArg(places)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if _, err := w.exec(`DELETE FROM failures WHERE (input, pos) IN (SELECT value->>0, value->>1 FROM json_each(?))`, arg); err != nil {
		return fmt.Errorf("store: failures: %w", err)
	}
	return nil
}

// engine returns the id of the engines row holding block, storing it when
// it is new.
func (w *writer) engine(sum string, block []byte) (int64, error) {
	if e, ok := w.engines[sum]; ok {
		return e.id, nil
	}
	w.d.emu.Lock()
	id, ok := w.d.engineIDs[sum]
	w.d.emu.Unlock()
	if !ok {
		st, err := w.stmt(`SELECT id FROM engines WHERE sha256 = ?`)
		if err != nil {
			return 0, err
		}
		err = st.QueryRowContext(w.ctx, sum).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			res, err := w.exec(`INSERT INTO engines(sha256, json) VALUES (?, ?)`, sum, string(block))
			if err != nil {
				return 0, err
			}
			if id, err = res.LastInsertId(); err != nil {
				return 0, err
			}
		} else if err != nil {
			return 0, err
		}
	}
	if w.engines == nil {
		w.engines = map[string]engineRow{}
	}
	w.engines[sum] = engineRow{id, block}
	return id, nil
}

// articleRows is everything Write stores for one article.
type articleRows struct {
	id, hash, engine, input, pos string
	title, url, site, text       string
	sig                          dedup.Signature // nil for a text too short to shingle
	feats                        []byte          // stories.Features.Bytes()
	rating                       sql.NullString  // meta.rating.level
	profile                      string          // the profiles row: signal values and sourcing shares
	published                    sql.NullString
	publishedRaw                 string
	label, band                  sql.NullString
	pReliable, pFake, pSatire    sql.NullFloat64
	score                        sql.NullFloat64
	words                        int
	js                           []byte // the report JSON
	blob                         []byte // the stored JSON: without the engine block when engineJSON is set
	engineJSON                   []byte // the report's "engine" value, stored once in engines
	engineSum                    string // its sha256
	engineAt                     int    // where it goes back in the plain JSON
	entities                     []entityRow
	quotes                       []quoteRow
	attributions                 []attributionRow
	claims                       []claimRow
}

type entityRow struct {
	canonical, typ string
	mentions       int
}

type quoteRow struct {
	speaker    sql.NullString
	text, kind string
}

type attributionRow struct {
	source, sourceType string
	cue                sql.NullString
}

type claimRow struct {
	text            string
	checkworthiness float64
	mode            string
}

// knownEngine is the last engine block derive found, which the next
// reports most likely have too, and derive's scratch buffers.
type knownEngine struct {
	block     []byte
	sum       string
	rest, enc []byte
}

// derive computes an article's rows from its report.
func derive(a *store.Article, known *knownEngine) (articleRows, error) {
	r := articleRows{id: a.ID, hash: a.Hash, engine: a.Engine, input: a.Input, pos: a.Pos}
	if a.ID == "" {
		return r, errors.New("store: an article without an id")
	}
	rep := a.Report
	js := a.JSON
	switch {
	case rep == nil && len(js) == 0:
		return r, fmt.Errorf("store: article %s has neither a report nor its JSON", a.ID)
	case rep == nil:
		rep = new(report.Report)
		if err := json.Unmarshal(js, rep); err != nil {
			return r, fmt.Errorf("store: article %s: report JSON: %w", a.ID, err)
		}
	case len(js) == 0:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return r, fmt.Errorf("store: article %s: %w", a.ID, err)
		}
		js = bytes.TrimRight(buf.Bytes(), "\n")
	}
	js = bytes.TrimSpace(js)
	if len(js) == 0 || js[0] != '{' {
		return r, fmt.Errorf("store: article %s: the report JSON is not an object", a.ID)
	}
	r.js = js
	block, at := splitEngine(js, known.block)
	if block != nil {
		if !bytes.Equal(block, known.block) {
			sum := sha256.Sum256(block)
			known.block, known.sum = block, hex.EncodeToString(sum[:])
		}
		r.engineJSON, r.engineSum, r.engineAt = known.block, known.sum, at
		known.rest = withoutEngine(known.rest[:0], js, block, at)
		r.blob = encode(known.rest, &known.enc)
	} else {
		r.blob = encode(js, &known.enc)
	}

	m := rep.Meta
	r.title, r.url, r.site, r.text = m.Title, m.URL, m.Site, rep.Text
	if r.site == "" && m.URL != "" {
		// A record with a URL and no site: the site is the URL's host,
		// so that site profiles and --site group it.
		r.site = sources.Normalize(m.URL)
	}
	r.sig = dedup.Default.Sign(rep.Text)
	r.feats = stories.Extract(rep).Bytes()
	if m.Rating != nil && m.Rating.Level != "" {
		r.rating = sql.NullString{String: m.Rating.Level, Valid: true}
	}
	if p, err := profileJSON(rep); err != nil {
		return r, fmt.Errorf("store: article %s: %w", a.ID, err)
	} else {
		r.profile = p
	}
	r.publishedRaw = m.Published
	if d := normalizeDate(m.Published); d != "" {
		r.published = sql.NullString{String: d, Valid: true}
	}
	best := -1.0
	for _, l := range rep.Labels {
		if l.Probability == nil {
			continue
		}
		p := *l.Probability
		switch l.Label {
		case "reliable":
			r.pReliable = sql.NullFloat64{Float64: p, Valid: true}
		case "fake":
			r.pFake = sql.NullFloat64{Float64: p, Valid: true}
		case "satire":
			r.pSatire = sql.NullFloat64{Float64: p, Valid: true}
		default:
			continue
		}
		if p > best {
			best = p
			r.label = sql.NullString{String: l.Label, Valid: true}
		}
	}
	if c := rep.Credibility; c != nil {
		switch {
		case c.Abstained:
			r.band = sql.NullString{String: "abstained", Valid: true}
		case c.Band != nil:
			r.band = sql.NullString{String: *c.Band, Valid: true}
		}
		if c.Score != nil && !c.Abstained {
			r.score = sql.NullFloat64{Float64: float64(*c.Score), Valid: true}
		}
	}
	r.words = rep.Stats.Words

	text := []rune(nil) // code points of rep.Text, made when a span has no text
	span := func(start, end int, have string) string {
		if have != "" {
			return have
		}
		if text == nil {
			text = []rune(rep.Text)
		}
		if start < 0 || end > len(text) || start >= end {
			return ""
		}
		return string(text[start:end])
	}
	seen := map[[2]string]int{}
	for _, e := range rep.Entities {
		name := e.Canonical
		if name == "" {
			name = span(e.Start, e.End, e.Text)
		}
		if name == "" {
			continue
		}
		k := [2]string{name, e.Type}
		if i, ok := seen[k]; ok {
			r.entities[i].mentions++
			continue
		}
		seen[k] = len(r.entities)
		r.entities = append(r.entities, entityRow{canonical: name, typ: e.Type, mentions: 1})
	}
	// In key order, so that they append to the table.
	slices.SortFunc(r.entities, func(a, b entityRow) int {
		if c := strings.Compare(a.canonical, b.canonical); c != 0 {
			return c
		}
		return strings.Compare(a.typ, b.typ)
	})
	for _, q := range rep.Quotes {
		row := quoteRow{text: span(q.Start, q.End, q.Text), kind: q.Kind}
		if q.Speaker != nil && q.Speaker.Name != "" {
			row.speaker = sql.NullString{String: q.Speaker.Name, Valid: true}
		}
		r.quotes = append(r.quotes, row)
	}
	for _, at := range rep.Attributions {
		row := attributionRow{source: at.Source.Name, sourceType: at.Source.Type}
		if at.Cue != nil {
			row.cue = sql.NullString{String: span(at.Cue.Start, at.Cue.End, at.Cue.Text), Valid: true}
		}
		r.attributions = append(r.attributions, row)
	}
	for _, c := range rep.Claims {
		t := c.Text
		if t == "" && c.In != "title" {
			t = span(c.Start, c.End, "")
		}
		r.claims = append(r.claims, claimRow{text: t, checkworthiness: c.Checkworthiness, mode: c.Mode})
	}
	return r, nil
}

// normalizeDate turns a published date into YYYY-MM-DD (the date as
// written, in its own time zone), or "" when it does not parse.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, layout := range []string{
		"2006-01-02", time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04",
		"2006-01-02 15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04", "2006/01/02",
		time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
		"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006", "January 2 2006", "Jan. 2, 2006",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1000 || t.Year() > 9999 {
				return ""
			}
			return t.Format("2006-01-02")
		}
	}
	return ""
}

func oneLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// s2Block marks a report stored as an S2 block (the byte before it).
const s2Block = 0x01

// encode is how report JSON is stored: an S2 block (klauspost/compress)
// after a marker byte, or the plain JSON when Compress is off. It returns
// a new slice; *scratch is a buffer to reuse.
func encode(js []byte, scratch *[]byte) []byte {
	if !Compress {
		return bytes.Clone(js)
	}
	n := 1 + s2.MaxEncodedLen(len(js))
	if cap(*scratch) < n {
		*scratch = make([]byte, n)
	}
	dst := (*scratch)[:n]
	dst[0] = s2Block
	enc := s2.Encode(dst[1:], js)
	return bytes.Clone(dst[:1+len(enc)])
}

// decode returns the plain JSON of a stored report, with block put back
// at byte at of it (when block is not nil).
func decode(b, block []byte, at int) ([]byte, error) {
	var plain []byte
	switch {
	case len(b) == 0 || b[0] == '{':
		plain = b
	case b[0] == s2Block:
		n, err := s2.DecodedLen(b[1:])
		if err != nil {
			return nil, fmt.Errorf("stored report: %w", err)
		}
		if block == nil {
			out, err := s2.Decode(make([]byte, n), b[1:])
			if err != nil {
				return nil, fmt.Errorf("stored report: %w", err)
			}
			return out, nil
		}
		// Decode into the end of the result, and move the head once.
		out := make([]byte, n+len(block))
		if _, err := s2.Decode(out[len(block):], b[1:]); err != nil {
			return nil, fmt.Errorf("stored report: %w", err)
		}
		if at < 0 || at > n {
			return nil, fmt.Errorf("stored report: engine block at %d of %d bytes", at, n)
		}
		copy(out, out[len(block):len(block)+at])
		copy(out[at:], block)
		return out, nil
	default:
		return nil, fmt.Errorf("stored report: unknown encoding %#x", b[0])
	}
	if block == nil {
		return plain, nil
	}
	if at < 0 || at > len(plain) {
		return nil, fmt.Errorf("stored report: engine block at %d of %d bytes", at, len(plain))
	}
	out := make([]byte, 0, len(plain)+len(block))
	out = append(out, plain[:at]...)
	out = append(out, block...)
	return append(out, plain[at:]...), nil
}

// oneObject reports whether b is one JSON object, its brackets balanced
// (outside strings) and the first closing at b's end. It does not check
// the rest of the syntax: a report's JSON is valid.
func oneObject(b []byte) bool {
	if len(b) < 2 || b[0] != '{' {
		return false
	}
	depth := 0
	in := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if in {
			switch c {
			case '\\':
				i++
			case '"':
				in = false
			}
			continue
		}
		switch c {
		case '"':
			in = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i == len(b)-1
			}
		}
	}
	return false
}

// engineKey is how the report's engine member starts: it is the last
// member of the report object (report.Report's last field).
var engineKey = []byte(`,"engine":`)

// splitEngine finds the value of the report's "engine" member when it is
// an object and the object's last member: it returns the value and where
// it starts in js, or nil, 0. known is a block found before (nil for
// none): one equal to it is not checked again. Whatever js is, rest[:at]
// + block + rest[at:] is js again, byte for byte, where rest is
// withoutEngine(nil, js, block, at).
func splitEngine(js, known []byte) (block []byte, at int) {
	if len(js) == 0 || js[len(js)-1] != '}' {
		return nil, 0
	}
	// Most reports end with the block of the one before.
	if k := len(js) - 1 - len(known); len(known) > 0 && k >= len(engineKey) &&
		bytes.Equal(js[k:len(js)-1], known) && bytes.Equal(js[k-len(engineKey):k], engineKey) {
		return js[k : len(js)-1], k
	}
	i := bytes.LastIndex(js, engineKey)
	if i < 0 {
		return nil, 0
	}
	at = i + len(engineKey)
	block = js[at : len(js)-1]
	// A member of a nested object would leave unbalanced brackets in
	// block: one object is the top-level member.
	if !oneObject(block) {
		return nil, 0
	}
	return block, at
}

// withoutEngine appends js without its engine block (at at) to dst.
func withoutEngine(dst, js, block []byte, at int) []byte {
	dst = append(dst, js[:at]...)
	return append(dst, js[at+len(block):]...)
}

// Search runs a query. Text is an FTS5 query over title and text (words,
// "phrases", prefix*, AND/OR/NOT, NEAR(), title:word); a query that FTS5
// cannot parse and that has no double quote is retried with each
// whitespace-separated term quoted, so that plain words with punctuation
// (U.S., covid-19, o'brien, 9/11) work; otherwise it is an error "bad
// search query: …". Hits are ranked by bm25 with the title weighted 5×
// the text.
func (d *DB) Search(ctx context.Context, q store.Query) ([]store.Hit, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	var where []string
	var args []any
	if q.Label != "" {
		where = append(where, `a.label = ?`)
		args = append(args, strings.ToLower(q.Label))
	}
	if q.Band != "" {
		where = append(where, `a.band = ?`)
		args = append(args, strings.ToLower(q.Band))
	}
	if q.Site != "" {
		where = append(where, `a.site = ? COLLATE NOCASE`)
		args = append(args, q.Site)
	}
	if !q.From.IsZero() {
		where = append(where, `a.published >= ?`)
		args = append(args, q.From.Format("2006-01-02"))
	}
	if !q.To.IsZero() {
		where = append(where, `a.published <= ?`)
		args = append(args, q.To.Format("2006-01-02"))
	}
	if q.Entity != "" {
		v := caseVariants(q.Entity)
		where = append(where, `EXISTS (SELECT 1 FROM entities e WHERE e.article = a.rid AND e.canonical COLLATE NOCASE IN (`+marks(len(v))+`))`)
		args = append(args, v...)
	}
	if q.Speaker != "" {
		v := caseVariants(q.Speaker)
		where = append(where, `EXISTS (SELECT 1 FROM quotes s WHERE s.article = a.rid AND s.speaker COLLATE NOCASE IN (`+marks(len(v))+`))`)
		args = append(args, v...)
	}
	text := strings.TrimSpace(q.Text)
	if text == "" {
		return d.list(ctx, where, args, limit)
	}
	match, err := d.matchQuery(ctx, text)
	if err != nil {
		return nil, err
	}
	cond := `articles_fts MATCH ?`
	if len(where) > 0 {
		cond += " AND " + strings.Join(where, " AND ")
	}
	query := `SELECT a.id, a.title, a.site, coalesce(a.published, ''), a.score, coalesce(a.band, ''), coalesce(a.label, ''),
			bm25(articles_fts, 5.0, 1.0) AS rank,
			coalesce(snippet(articles_fts, 1, ?, ?, '…', 14), ''),
			coalesce(snippet(articles_fts, 0, ?, ?, '…', 14), '')
		FROM articles_fts
		JOIN articles a ON a.rid = articles_fts.rowid
		WHERE ` + cond + `
		ORDER BY rank, a.id
		LIMIT ?`
	all := append([]any{store.MarkStart, store.MarkEnd, store.MarkStart, store.MarkEnd, match}, args...)
	all = append(all, limit)
	rows, err := d.db.QueryContext(ctx, query, all...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	hits := []store.Hit{}
	for rows.Next() {
		var h store.Hit
		var score sql.NullFloat64
		var inText, inTitle string
		if err := rows.Scan(&h.ID, &h.Title, &h.Site, &h.Published, &score, &h.Band, &h.Label, &h.Rank, &inText, &inTitle); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		if score.Valid {
			v := score.Float64
			h.Score = &v
		}
		h.Snippet = inText
		if !strings.Contains(inText, store.MarkStart) && strings.Contains(inTitle, store.MarkStart) {
			h.Snippet = inTitle
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	return hits, nil
}

// caseVariants are the spellings of a name to compare with COLLATE
// NOCASE, which folds ASCII letters only: as typed, lower case, upper case
// and each word capitalised, so that "élodie marchand" finds "Élodie
// Marchand" and "müller" finds "Müller".
func caseVariants(s string) []any {
	s = strings.TrimSpace(s)
	out := []any{s}
	ascii := true
	for _, r := range s {
		if r >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return out
	}
	title := []rune(strings.ToLower(s))
	start := true
	for i, r := range title {
		if start {
			title[i] = unicode.ToTitle(r)
		}
		start = unicode.IsSpace(r) || r == '-'
	}
	seen := map[string]bool{s: true}
	for _, v := range []string{strings.ToLower(s), strings.ToUpper(s), string(title)} {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// list is a search without text: the newest first.
func (d *DB) list(ctx context.Context, where []string, args []any, limit int) ([]store.Hit, error) {
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	query := `SELECT a.id, a.title, a.site, coalesce(a.published, ''), a.score, coalesce(a.band, ''), coalesce(a.label, ''),
			substr(t.text, 1, 400)
		FROM articles a JOIN texts t ON t.rid = a.rid
		` + cond + `
		ORDER BY a.published IS NULL, a.published DESC, a.id
		LIMIT ?`
	rows, err := d.db.QueryContext(ctx, query, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	hits := []store.Hit{}
	for rows.Next() {
		var h store.Hit
		var score sql.NullFloat64
		var start string
		if err := rows.Scan(&h.ID, &h.Title, &h.Site, &h.Published, &score, &h.Band, &h.Label, &start); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		if score.Valid {
			v := score.Float64
			h.Score = &v
		}
		h.Snippet = leadWords(start, 14)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	return hits, nil
}

// leadWords returns the first n words of s, with "…" when it cut.
func leadWords(s string, n int) string {
	words := 0
	in := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			words++
			if words > n {
				return strings.TrimRightFunc(s[:i], unicode.IsSpace) + "…"
			}
		}
		in = !sp
	}
	return strings.TrimSpace(s)
}

// matchQuery returns the FTS5 query to run for text, checking that FTS5
// parses it.
func (d *DB) matchQuery(ctx context.Context, text string) (string, error) {
	err := d.probe(ctx, text)
	if err == nil {
		return text, nil
	}
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	if !strings.Contains(text, `"`) {
		quoted := quoteTerms(text)
		if d.probe(ctx, quoted) == nil {
			return quoted, nil
		}
	}
	return "", fmt.Errorf("bad search query: %s", ftsMessage(err))
}

func (d *DB) probe(ctx context.Context, match string) error {
	var n int
	return d.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1)`, match).Scan(&n)
}

// quoteTerms makes each whitespace-separated term of text an FTS5 string,
// keeping the operators AND, OR, NOT and a trailing * (prefix).
func quoteTerms(text string) string {
	fields := strings.Fields(text)
	for i, f := range fields {
		switch f {
		case "AND", "OR", "NOT":
			continue
		}
		star := ""
		if strings.HasSuffix(f, "*") && len(f) > 1 {
			f, star = f[:len(f)-1], "*"
		}
		fields[i] = `"` + strings.ReplaceAll(f, `"`, `""`) + `"` + star
	}
	return strings.Join(fields, " ")
}

var (
	sqliteCode   = regexp.MustCompile(`\s*\(\d+\)$`)
	sqlitePrefix = regexp.MustCompile(`^(SQL logic error|sqlite3: SQL logic error|sqlite3|SQLITE_ERROR)(: )?`)
)

// ftsMessage is the useful part of an FTS5 error.
func ftsMessage(err error) string {
	m := err.Error()
	if i := strings.Index(m, "fts5: "); i >= 0 {
		m = m[i+len("fts5: "):]
	} else {
		m = sqlitePrefix.ReplaceAllString(m, "")
	}
	m = sqliteCode.ReplaceAllString(strings.TrimSpace(m), "")
	return strings.Replace(m, `syntax error near ""`, "syntax error at the end", 1)
}

// Empty reports whether the store holds no article.
func (d *DB) Empty(ctx context.Context) (bool, error) {
	var any int
	if err := d.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM articles)`).Scan(&any); err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return any == 0, nil
}

// IntegrityCheck runs SQLite's integrity check and the full-text index's
// own check; nil means both passed.
func (d *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := d.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return err
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: integrity check: %s", d.path, strings.Join(problems, "; "))
	}
	return nil
}
