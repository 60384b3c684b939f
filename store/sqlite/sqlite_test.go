package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/report"
	"github.com/credence-news/credence/store"
)

var ctx = context.Background()

func ptr[T any](v T) *T { return &v }

// spanOf returns the code-point span of the first occurrence of sub in text.
func spanOf(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	start := len([]rune(text[:i]))
	return start, start + len([]rune(sub))
}

type art struct {
	id, title, site, published, text string
	probs                            [3]float64 // reliable, fake, satire
	score                            int
	band                             string // "" with abstained
	entities                         [][2]string
	quotes                           [][2]string // speaker, quoted words
}

// build makes a report by hand, with exact values to assert.
func build(t *testing.T, a art) store.Article {
	t.Helper()
	r := &report.Report{Schema: report.SchemaID, ID: a.id, Text: a.text,
		Meta:  report.Meta{Title: a.title, Site: a.site, URL: "https://" + a.site + "/" + a.id, Published: a.published, Authors: []string{}, Language: "en"},
		Stats: report.Stats{Words: len(strings.Fields(a.text))}}
	for i, l := range []string{"reliable", "fake", "satire"} {
		r.Labels = append(r.Labels, report.Label{Label: l, Probability: ptr(a.probs[i])})
	}
	r.Labels = append(r.Labels, report.Label{Label: "opinion", Reason: "unmeasured"})
	if a.band == "" {
		r.Credibility = &report.Credibility{Abstained: true, Reason: "too short"}
	} else {
		r.Credibility = &report.Credibility{Score: ptr(a.score), Band: ptr(a.band)}
	}
	for _, e := range a.entities {
		s, end := spanOf(t, a.text, e[0])
		r.Entities = append(r.Entities, report.Entity{Start: s, End: end, Text: e[0], Type: e[1], Canonical: e[0]})
	}
	for i, q := range a.quotes {
		s, end := spanOf(t, a.text, q[1])
		qu := report.Quote{Start: s, End: end, Kind: "direct", Speaker: &report.Source{Name: q[0], Type: "named-person"}, Attribution: i}
		if i > 0 {
			qu.Text = q[1] // the first is left empty: the store slices it from the text
		}
		r.Quotes = append(r.Quotes, qu)
		cs, ce := spanOf(t, a.text, "said")
		r.Attributions = append(r.Attributions, report.Attribution{Start: s, End: end,
			Source: report.Source{Name: q[0], Type: "named-person", Entity: -1}, Cue: &report.TextSpan{Start: cs, End: ce, Text: "said"},
			Content: report.TextSpan{Start: s, End: end, Text: q[1]}, Via: -1, Quote: i})
		r.Claims = append(r.Claims, report.Claim{In: "text", Start: s, End: end, Text: q[1], Checkworthiness: 0.5, Mode: "attributed", Attribution: i})
	}
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return store.Article{ID: a.id, Hash: "h-" + a.id, Engine: "eng1", Input: "in.jsonl", Pos: "line " + a.id, Report: r, JSON: js}
}

var corpus = []art{
	{id: "a1", title: "Harbour bridge reopens after repairs", site: "Example.org", published: "2024-03-05",
		text:  "The harbour bridge in Saltmarsh Bay reopened on Monday after six months of repairs. “We are proud of the crews,” said Mayor Élodie Marchand. Traffic was light.",
		probs: [3]float64{0.8, 0.15, 0.05}, score: 72, band: "high",
		entities: [][2]string{{"Saltmarsh Bay", "LOC"}, {"Élodie Marchand", "PERSON"}},
		quotes:   [][2]string{{"Élodie Marchand", "We are proud of the crews,"}}},
	{id: "a2", title: "Council denies pothole hotline claims", site: "news.example.com", published: "2024-04-10T09:30:00+02:00",
		text:  "Saltmarsh Bay council denied reports that its pothole hotline had collapsed. “The line works,” said Tom Reed, adding that the harbour was not affected.",
		probs: [3]float64{0.3, 0.6, 0.1}, score: 40, band: "low",
		entities: [][2]string{{"Saltmarsh Bay", "LOC"}, {"Tom Reed", "PERSON"}, {"Tom Reed", "PERSON"}},
		quotes:   [][2]string{{"Tom Reed", "The line works,"}}},
	{id: "a3", title: "Aliens buy the pier", site: "example.org", published: "last Tuesday",
		text:  "Aliens bought the pier for three pounds, a spokesman said, and plan a harbour of light.",
		probs: [3]float64{0.1, 0.2, 0.7}, band: ""},
	{id: "a4", title: "Weather", site: "other.net", published: "2023-12-31",
		text:  "Rain is expected tomorrow across the region, forecasters said.",
		probs: [3]float64{0.9, 0.05, 0.05}, score: 80, band: "high"},
}

func openTemp(t *testing.T) *DB {
	t.Helper()
	d, err := Open(filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func writeCorpus(t *testing.T, d *DB) []store.Article {
	t.Helper()
	var arts []store.Article
	for _, a := range corpus {
		arts = append(arts, build(t, a))
	}
	if err := d.Write(ctx, arts, nil); err != nil {
		t.Fatal(err)
	}
	return arts
}

// rows returns the rows of a query as strings.
func rows(t *testing.T, d *DB, query string, args ...any) [][]string {
	t.Helper()
	rs, err := d.db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	var out [][]string
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				row[i] = "NULL"
			case []byte:
				row[i] = string(v)
			default:
				row[i] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func one(t *testing.T, d *DB, query string, args ...any) string {
	t.Helper()
	r := rows(t, d, query, args...)
	if len(r) != 1 || len(r[0]) != 1 {
		t.Fatalf("%s: %v", query, r)
	}
	return r[0][0]
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

func TestOpenCreatesMigratesAndReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "schema_version", one(t, d, `SELECT value FROM meta WHERE key = 'schema_version'`), fmt.Sprint(SchemaVersion))
	eq(t, "application", one(t, d, `SELECT value FROM meta WHERE key = 'application'`), "credence-store")
	eq(t, "journal_mode", one(t, d, `PRAGMA journal_mode`), "wal")
	eq(t, "foreign_keys", one(t, d, `PRAGMA foreign_keys`), "1")
	eq(t, "synchronous", one(t, d, `PRAGMA synchronous`), "1") // NORMAL
	eq(t, "busy_timeout", one(t, d, `PRAGMA busy_timeout`), "10000")
	writeCorpus(t, d)
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	eq(t, "integrity_check", one(t, d, `PRAGMA integrity_check`), "ok")
	if _, err := d.db.Exec(`INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("fts integrity-check: %v", err)
	}
	eq(t, "articles", one(t, d, `SELECT count(*) FROM articles`), "4")
	s, err := d.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "schema", s.Schema, SchemaVersion)

	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	hits, err := ro.Search(ctx, store.Query{Text: "harbour"})
	if err != nil || len(hits) != 3 {
		t.Fatalf("read-only search: %v %v", hits, err)
	}
	if err := ro.Write(ctx, nil, []store.Failure{{Input: "x", Pos: "1"}}); err == nil {
		t.Error("read-only Write did not fail")
	}
}

// withMigration runs fn with one more migration step known.
func withMigration(step []string, fn func()) {
	old := migrations
	migrations = append(append([][]string{}, old...), step)
	SchemaVersion = len(migrations)
	defer func() { migrations, SchemaVersion = old, len(old) }()
	fn()
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	writeCorpus(t, d)
	d.Close()
	v1 := SchemaVersion

	// A step that fails leaves the store as it was.
	withMigration([]string{`CREATE TABLE extra(x TEXT)`, `INSERT INTO nowhere VALUES (1)`}, func() {
		_, err := Open(path)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("migrate store %s to schema version %d: ", path, v1+1)) {
			t.Errorf("failing migration: %v", err)
		}
	})
	d, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "version after a failed migration", one(t, d, `SELECT value FROM meta WHERE key = 'schema_version'`), fmt.Sprint(v1))
	eq(t, "no partial step", one(t, d, `SELECT count(*) FROM sqlite_schema WHERE name = 'extra'`), "0")
	d.Close()

	withMigration([]string{`CREATE TABLE extra(x TEXT)`, `INSERT INTO extra SELECT id FROM articles`}, func() {
		// A reader of the newer kind refuses the older store.
		_, err := OpenReadOnly(path)
		want := fmt.Sprintf("store %s has schema version %d, older than this credence's %d: upgrade it with credence rebuild --store %s", path, v1, v1+1, path)
		eq(t, "read-only older", fmt.Sprint(err), want)
		d, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		eq(t, "version", one(t, d, `SELECT value FROM meta WHERE key = 'schema_version'`), fmt.Sprint(v1+1))
		eq(t, "step ran", one(t, d, `SELECT count(*) FROM extra`), "4")
		s, _ := d.Stats(ctx)
		eq(t, "stats schema", s.Schema, v1+1)
	})
	// And the older binary refuses the migrated store.
	_, err = Open(path)
	eq(t, "older binary", fmt.Sprint(err), fmt.Sprintf("store %s has schema version %d, newer than this credence knows (%d): use a newer credence", path, v1+1, v1))
}

func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	eq(t, "schema_version", one(t, d, `SELECT value FROM meta WHERE key = 'schema_version'`), fmt.Sprint(SchemaVersion))
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	content := []byte("These are my notes, not a database.\n")
	os.WriteFile(text, content, 0o644)
	for name, open := range map[string]func(string) (*DB, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		_, err := open(text)
		if err == nil || err.Error() != text+" is not a Credence store (not an SQLite database)" {
			t.Errorf("%s(text file) = %v", name, err)
		}
		_, err = open(dir)
		if err == nil || !strings.Contains(err.Error(), "is a folder, not a Credence store") {
			t.Errorf("%s(folder) = %v", name, err)
		}
	}
	if b, _ := os.ReadFile(text); !bytes.Equal(b, content) {
		t.Error("the text file was changed")
	}
	if _, err := os.Stat(text + "-wal"); err == nil {
		t.Error("a -wal file was made beside the text file")
	}

	missing := filepath.Join(dir, "none.db")
	_, err := OpenReadOnly(missing)
	eq(t, "read-only missing", fmt.Sprint(err), "no store at "+missing+" (run credence batch … --store "+missing+" first)")
	if _, err := os.Stat(missing); err == nil {
		t.Error("OpenReadOnly created the file")
	}

	// Another program's SQLite database.
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open(driverName, dsn(other, false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE contacts(name TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for name, open := range map[string]func(string) (*DB, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		_, err := open(other)
		eq(t, name+"(other database)", fmt.Sprint(err), other+" is not a Credence store (an SQLite database with other tables)")
	}

	// A store made by a newer credence.
	newer := filepath.Join(dir, "newer.db")
	d, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.db.Exec(`UPDATE meta SET value = '99' WHERE key = 'schema_version'`); err != nil {
		t.Fatal(err)
	}
	d.Close()
	want := fmt.Sprintf("store %s has schema version 99, newer than this credence knows (%d): use a newer credence", newer, SchemaVersion)
	for name, open := range map[string]func(string) (*DB, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		_, err := open(newer)
		eq(t, name+"(newer)", fmt.Sprint(err), want)
	}
}

func TestWriteRows(t *testing.T) {
	d := openTemp(t)
	writeCorpus(t, d)
	got := rows(t, d, `SELECT id, hash, engine, input, pos, title, url, site, published, published_raw, label,
		p_reliable, p_fake, p_satire, score, band, words FROM articles ORDER BY id`)
	want := [][]string{
		{"a1", "h-a1", "eng1", "in.jsonl", "line a1", "Harbour bridge reopens after repairs", "https://Example.org/a1", "Example.org", "2024-03-05", "2024-03-05", "reliable", "0.8", "0.15", "0.05", "72", "high", "27"},
		{"a2", "h-a2", "eng1", "in.jsonl", "line a2", "Council denies pothole hotline claims", "https://news.example.com/a2", "news.example.com", "2024-04-10", "2024-04-10T09:30:00+02:00", "fake", "0.3", "0.6", "0.1", "40", "low", "24"},
		{"a3", "h-a3", "eng1", "in.jsonl", "line a3", "Aliens buy the pier", "https://example.org/a3", "example.org", "NULL", "last Tuesday", "satire", "0.1", "0.2", "0.7", "NULL", "abstained", "16"},
		{"a4", "h-a4", "eng1", "in.jsonl", "line a4", "Weather", "https://other.net/a4", "other.net", "2023-12-31", "2023-12-31", "reliable", "0.9", "0.05", "0.05", "80", "high", "9"},
	}
	eq(t, "articles", got, want)
	eq(t, "entities", rows(t, d, `SELECT a.id, canonical, type, mentions FROM entities JOIN articles a ON a.rid = article ORDER BY a.id, canonical`), [][]string{
		{"a1", "Saltmarsh Bay", "LOC", "1"}, {"a1", "Élodie Marchand", "PERSON", "1"},
		{"a2", "Saltmarsh Bay", "LOC", "1"}, {"a2", "Tom Reed", "PERSON", "2"},
	})
	// a1's quote has no text in the report: it is cut from the text by
	// code points (the text has “ and É before it).
	eq(t, "quotes", rows(t, d, `SELECT a.id, idx, speaker, text, kind FROM quotes JOIN articles a ON a.rid = article ORDER BY a.id, idx`), [][]string{
		{"a1", "0", "Élodie Marchand", "We are proud of the crews,", "direct"},
		{"a2", "0", "Tom Reed", "The line works,", "direct"},
	})
	eq(t, "attributions", rows(t, d, `SELECT a.id, idx, source, source_type, cue FROM attributions JOIN articles a ON a.rid = article ORDER BY a.id, idx`), [][]string{
		{"a1", "0", "Élodie Marchand", "named-person", "said"},
		{"a2", "0", "Tom Reed", "named-person", "said"},
	})
	eq(t, "claims", rows(t, d, `SELECT a.id, idx, c.text, checkworthiness, mode FROM claims c JOIN articles a ON a.rid = article ORDER BY a.id, idx`), [][]string{
		{"a1", "0", "We are proud of the crews,", "0.5", "attributed"},
		{"a2", "0", "The line works,", "0.5", "attributed"},
	})
	eq(t, "fts rows", one(t, d, `SELECT count(*) FROM articles_fts_docsize`), "4")
}

func TestReportAndEach(t *testing.T) {
	for _, compress := range []bool{true, false} {
		t.Run(fmt.Sprint("compress=", compress), func(t *testing.T) {
			old := Compress
			Compress = compress
			defer func() { Compress = old }()
			d := openTemp(t)
			arts := writeCorpus(t, d)
			stored := one(t, d, `SELECT hex(substr(json, 1, 1)) = '7B' FROM reports JOIN articles a USING (rid) WHERE a.id = 'a1'`)
			eq(t, "stored plain", stored, map[bool]string{true: "0", false: "1"}[compress])
			for _, a := range arts {
				b, err := d.Report(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(b, a.JSON) {
					t.Errorf("Report(%s) is not the JSON written", a.ID)
				}
			}
			if _, err := d.Report(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Report(missing) = %v", err)
			}
			var ids []string
			err := d.Each(ctx, func(id string, js []byte) error {
				ids = append(ids, id)
				var r report.Report
				if err := json.Unmarshal(js, &r); err != nil || r.ID != id {
					t.Errorf("Each(%s): %v %q", id, err, r.ID)
				}
				return nil
			})
			eq(t, "Each ids", ids, []string{"a1", "a2", "a3", "a4"})
			if err != nil {
				t.Fatal(err)
			}
			stop := errors.New("stop")
			n := 0
			err = d.Each(ctx, func(string, []byte) error { n++; return stop })
			if err != stop || n != 1 {
				t.Errorf("Each did not stop at the first error: %v after %d", err, n)
			}
		})
	}
}

func ids(hits []store.Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	d := openTemp(t)
	writeCorpus(t, d)
	search := func(q store.Query) []store.Hit {
		t.Helper()
		hits, err := d.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", q, err)
		}
		return hits
	}
	// Title weighted above text: a1 has "harbour" in its title.
	hits := search(store.Query{Text: "harbour"})
	eq(t, "harbour", ids(hits), []string{"a1", "a3", "a2"})
	h := hits[0]
	eq(t, "hit a1", [7]any{h.Title, h.Site, h.Published, *h.Score, h.Band, h.Label, h.Rank < 0}, [7]any{"Harbour bridge reopens after repairs", "Example.org", "2024-03-05", 72.0, "high", "reliable", true})
	eq(t, "snippet a1", h.Snippet, "The \x02harbour\x03 bridge in Saltmarsh Bay reopened on Monday after six months of repairs…")
	eq(t, "a3 score", hits[1].Score, (*float64)(nil))
	eq(t, "a3 band", hits[1].Band, "abstained")
	eq(t, "snippet a2", hits[2].Snippet, "…collapsed. “The line works,” said Tom Reed, adding that the \x02harbour\x03 was not affected.")

	// Diacritics are folded; the match is in the title only: the title is
	// the snippet.
	eq(t, "elodie", ids(search(store.Query{Text: "elodie"})), []string{"a1"})
	hits = search(store.Query{Text: "Council"})
	eq(t, "council", ids(hits), []string{"a2"})
	eq(t, "snippet council", hits[0].Snippet, "Saltmarsh Bay \x02council\x03 denied reports that its pothole hotline had collapsed. “The line works…")
	hits = search(store.Query{Text: "weather"})
	eq(t, "weather snippet (title)", hits[0].Snippet, "\x02Weather\x03")

	// FTS5 syntax.
	eq(t, "phrase", ids(search(store.Query{Text: `"pothole hotline"`})), []string{"a2"})
	eq(t, "prefix", ids(search(store.Query{Text: `harb* NOT bridge`})), []string{"a3", "a2"})
	eq(t, "column", ids(search(store.Query{Text: `title:harbour`})), []string{"a1"})
	eq(t, "no match", ids(search(store.Query{Text: "zeppelin"})), []string{})

	// Filters.
	eq(t, "label", ids(search(store.Query{Text: "harbour", Label: "satire"})), []string{"a3"})
	eq(t, "band", ids(search(store.Query{Text: "harbour", Band: "low"})), []string{"a2"})
	eq(t, "abstained", ids(search(store.Query{Band: "abstained"})), []string{"a3"})
	eq(t, "site", ids(search(store.Query{Text: "harbour", Site: "EXAMPLE.ORG"})), []string{"a1", "a3"})
	eq(t, "from", ids(search(store.Query{From: time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC)})), []string{"a2"})
	eq(t, "to", ids(search(store.Query{To: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)})), []string{"a1", "a4"})
	eq(t, "from-to", ids(search(store.Query{From: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 4, 10, 0, 0, 0, 0, time.UTC)})), []string{"a2", "a1"})
	eq(t, "entity", ids(search(store.Query{Entity: "saltmarsh bay"})), []string{"a2", "a1"})
	eq(t, "entity+text", ids(search(store.Query{Text: "harbour", Entity: "tom reed"})), []string{"a2"})
	eq(t, "speaker", ids(search(store.Query{Speaker: "élodie marchand"})), []string{"a1"})
	eq(t, "speaker upper", ids(search(store.Query{Speaker: "ÉLODIE MARCHAND"})), []string{"a1"})
	eq(t, "entity non-ASCII", ids(search(store.Query{Entity: "élodie marchand"})), []string{"a1"})
	eq(t, "speaker none", ids(search(store.Query{Speaker: "Nobody"})), []string{})
	eq(t, "limit", ids(search(store.Query{Text: "harbour", Limit: 2})), []string{"a1", "a3"})

	// No text: newest first, undated last, the start of the text.
	hits = search(store.Query{})
	eq(t, "list", ids(hits), []string{"a2", "a1", "a4", "a3"})
	eq(t, "list snippet", hits[0].Snippet, "Saltmarsh Bay council denied reports that its pothole hotline had collapsed. “The line works,”…")
	eq(t, "list rank", hits[0].Rank, 0.0)
	eq(t, "list short snippet", hits[2].Snippet, "Rain is expected tomorrow across the region, forecasters said.")

	// Bad queries are errors; plain words with punctuation are quoted.
	for _, bad := range []string{`"harbour`, `harbour AND`, `OR`, `title:"harbour`} {
		_, err := d.Search(ctx, store.Query{Text: bad})
		if err == nil || !strings.HasPrefix(err.Error(), "bad search query: ") {
			t.Errorf("Search(%q) = %v", bad, err)
		}
	}
	_, err := d.Search(ctx, store.Query{Text: `"harbour`})
	eq(t, "unbalanced quote", fmt.Sprint(err), "bad search query: unterminated string")
	_, err = d.Search(ctx, store.Query{Text: `harbour AND`})
	eq(t, "dangling AND", fmt.Sprint(err), "bad search query: syntax error at the end")
	eq(t, "punctuation", ids(search(store.Query{Text: "pothole-hotline"})), []string{"a2"})
	eq(t, "bracket", ids(search(store.Query{Text: "(harbour"})), []string{"a1", "a3", "a2"})
	eq(t, "dots", ids(search(store.Query{Text: "Mayor. Élodie:"})), []string{"a1"})
}

func TestReplaceUpdatesIndex(t *testing.T) {
	d := openTemp(t)
	writeCorpus(t, d)
	a := corpus[0]
	a.title = "Ferry service resumes"
	a.text = "The ferry to Gull Island resumed on Tuesday. “It is good news,” said Tom Reed."
	a.entities = [][2]string{{"Gull Island", "LOC"}}
	a.quotes = [][2]string{{"Tom Reed", "It is good news,"}}
	a.band, a.score = "mixed", 55
	if err := d.Write(ctx, []store.Article{build(t, a)}, nil); err != nil {
		t.Fatal(err)
	}
	for _, old := range []string{"bridge", "elodie", "crews"} {
		hits, err := d.Search(ctx, store.Query{Text: old})
		if err != nil || len(hits) != 0 {
			t.Errorf("old word %q still matches: %v %v", old, ids(hits), err)
		}
	}
	hits, _ := d.Search(ctx, store.Query{Text: "ferry"})
	eq(t, "new word", ids(hits), []string{"a1"})
	eq(t, "harbour no longer in a1", func() []string { h, _ := d.Search(ctx, store.Query{Text: "harbour"}); return ids(h) }(), []string{"a3", "a2"})
	eq(t, "entities", rows(t, d, `SELECT canonical FROM entities JOIN articles a ON a.rid = article WHERE a.id = 'a1'`), [][]string{{"Gull Island"}})
	eq(t, "quotes", rows(t, d, `SELECT speaker, q.text FROM quotes q JOIN articles a ON a.rid = article WHERE a.id = 'a1'`), [][]string{{"Tom Reed", "It is good news,"}})
	eq(t, "band", one(t, d, `SELECT band FROM articles WHERE id = 'a1'`), "mixed")
	eq(t, "fts rows", one(t, d, `SELECT count(*) FROM articles_fts_docsize`), "4")
	eq(t, "texts rows", one(t, d, `SELECT count(*) FROM texts`), "4")
	if _, err := d.db.Exec(`INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("fts integrity-check: %v", err)
	}
	b, _ := d.Report(ctx, "a1")
	if !bytes.Contains(b, []byte("Gull Island")) {
		t.Error("the report was not replaced")
	}
	noOrphans(t, d)

	// Twice the same id in one batch: the last is stored.
	a.title = "Second ferry"
	a.text = "The second ferry left on time, said Tom Reed."
	a.entities, a.quotes = [][2]string{{"Tom Reed", "PERSON"}}, nil
	first := build(t, corpus[0])
	if err := d.Write(ctx, []store.Article{first, build(t, a)}, nil); err != nil {
		t.Fatal(err)
	}
	eq(t, "last of the batch", one(t, d, `SELECT title FROM articles WHERE id = 'a1'`), "Second ferry")
	eq(t, "its entities", rows(t, d, `SELECT canonical FROM entities JOIN articles a ON a.rid = article WHERE a.id = 'a1'`), [][]string{{"Tom Reed"}})
	eq(t, "its quotes", one(t, d, `SELECT count(*) FROM quotes JOIN articles a ON a.rid = article WHERE a.id = 'a1'`), "0")
	eq(t, "articles", one(t, d, `SELECT count(*) FROM articles`), "4")
	hits, _ = d.Search(ctx, store.Query{Text: "ferry"})
	eq(t, "search after", ids(hits), []string{"a1"})
	noOrphans(t, d)
}

// noOrphans checks that every derived row belongs to a stored article,
// and that the full-text index is the texts.
func noOrphans(t *testing.T, d *DB) {
	t.Helper()
	for _, q := range []string{
		`SELECT count(*) FROM entities WHERE article NOT IN (SELECT rid FROM articles)`,
		`SELECT count(*) FROM quotes WHERE article NOT IN (SELECT rid FROM articles)`,
		`SELECT count(*) FROM attributions WHERE article NOT IN (SELECT rid FROM articles)`,
		`SELECT count(*) FROM claims WHERE article NOT IN (SELECT rid FROM articles)`,
		`SELECT count(*) FROM texts WHERE rid NOT IN (SELECT rid FROM articles)`,
		`SELECT count(*) FROM reports WHERE rid NOT IN (SELECT rid FROM articles)`,
		`SELECT count(*) FROM articles WHERE rid NOT IN (SELECT rid FROM reports) OR rid NOT IN (SELECT rid FROM texts)`,
		`SELECT count(*) FROM articles_fts_docsize WHERE id NOT IN (SELECT rid FROM texts)`,
		`SELECT (SELECT count(*) FROM articles_fts_docsize) - (SELECT count(*) FROM texts)`,
	} {
		eq(t, q, one(t, d, q), "0")
	}
	if _, err := d.db.Exec(`INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("fts integrity-check: %v", err)
	}
}

func counts(t *testing.T, d *DB) map[string]string {
	out := map[string]string{}
	for _, tb := range []string{"articles", "reports", "texts", "entities", "quotes", "attributions", "claims", "failures", "articles_fts_docsize", "articles_fts_data"} {
		out[tb] = one(t, d, `SELECT count(*) FROM `+tb)
	}
	out["added"] = one(t, d, `SELECT group_concat(added_at) FROM articles`)
	out["rids"] = one(t, d, `SELECT group_concat(rid) FROM texts`)
	return out
}

func TestWriteIdempotent(t *testing.T) {
	d := openTemp(t)
	var arts []store.Article
	for _, a := range corpus {
		arts = append(arts, build(t, a))
	}
	fails := []store.Failure{{Input: "in.jsonl", Pos: "line 9", ID: "x9", Kind: "bad-json", Message: "not JSON", At: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}}
	if err := d.Write(ctx, arts, fails); err != nil {
		t.Fatal(err)
	}
	first := counts(t, d)
	eq(t, "articles", first["articles"], "4")
	eq(t, "fts", first["articles_fts_docsize"], "4")
	time.Sleep(2 * time.Millisecond)
	if err := d.Write(ctx, arts, fails); err != nil {
		t.Fatal(err)
	}
	eq(t, "after writing twice", counts(t, d), first)

	// The same article written again with a new engine is replaced.
	arts[0].Engine = "eng2"
	if err := d.Write(ctx, arts[:1], nil); err != nil {
		t.Fatal(err)
	}
	s, _ := d.State(ctx, "a1")
	eq(t, "state", s, store.State{Found: true, Hash: "h-a1", Engine: "eng2", Input: "in.jsonl", Pos: "line a1"})
	again := counts(t, d)
	for _, k := range []string{"articles", "reports", "texts", "entities", "quotes", "attributions", "claims", "articles_fts_docsize"} {
		eq(t, k, again[k], first[k])
	}
	noOrphans(t, d)
	if s, _ := d.State(ctx, "none"); s.Found {
		t.Error("State(none) found")
	}
}

func TestFailures(t *testing.T) {
	d := openTemp(t)
	at := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	f1 := store.Failure{Input: "b.jsonl", Pos: "line 2", Kind: "bad-json", Message: "line 2 is not JSON\nmore", At: at}
	f2 := store.Failure{Input: "a.jsonl", Pos: "line 7", ID: "a1", Hash: "h", Engine: "eng1", Kind: "empty", Message: "the input is empty", At: at}
	f3 := store.Failure{Input: "a.jsonl", Pos: "line 10", ID: "z", Kind: "internal", Message: "boom", At: at}
	if err := d.Write(ctx, nil, []store.Failure{f1, f2, f3}); err != nil {
		t.Fatal(err)
	}
	list := func() []store.Failure {
		var out []store.Failure
		if err := d.Failures(ctx, func(f store.Failure) error { out = append(out, f); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	f1.Message = "line 2 is not JSON" // one line
	eq(t, "failures", list(), []store.Failure{f3, f2, f1})

	// Upsert at the same input+pos.
	f2b := f2
	f2b.Kind, f2b.Message = "too-large", "over 10 MB"
	if err := d.Write(ctx, nil, []store.Failure{f2b}); err != nil {
		t.Fatal(err)
	}
	got, ok, err := d.FailureAt(ctx, "a.jsonl", "line 7")
	eq(t, "FailureAt", [3]any{got, ok, err}, [3]any{f2b, true, nil})
	_, ok, err = d.FailureAt(ctx, "a.jsonl", "line 8")
	eq(t, "FailureAt none", [2]any{ok, err}, [2]any{false, nil})

	// An article read from there removes it.
	a := build(t, corpus[0])
	a.Input, a.Pos = "a.jsonl", "line 7"
	if err := d.Write(ctx, []store.Article{a}, nil); err != nil {
		t.Fatal(err)
	}
	eq(t, "after the article", list(), []store.Failure{f3, f1})
	// Also when the article was already stored as it is.
	if err := d.Write(ctx, nil, []store.Failure{f2}); err != nil {
		t.Fatal(err)
	}
	if err := d.Write(ctx, []store.Article{a}, nil); err != nil {
		t.Fatal(err)
	}
	eq(t, "after the same article", list(), []store.Failure{f3, f1})
}

func TestStats(t *testing.T) {
	d := openTemp(t)
	arts := writeCorpus(t, d)
	arts[3].Engine = "eng0"
	fails := []store.Failure{{Input: "x", Pos: "1", Kind: "bad-json"}, {Input: "x", Pos: "2", Kind: "bad-json"}, {Input: "x", Pos: "3", Kind: "empty"}}
	if err := d.Write(ctx, arts[3:], fails); err != nil {
		t.Fatal(err)
	}
	s, err := d.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Bytes <= 0 {
		t.Errorf("bytes %d", s.Bytes)
	}
	s.Bytes = 0
	eq(t, "stats", s, store.Stats{
		Articles: 4, Errors: 3, ErrorKinds: map[string]int{"bad-json": 2, "empty": 1},
		Labels:    map[string]int{"reliable": 2, "fake": 1, "satire": 1},
		Bands:     map[string]int{"high": 2, "low": 1, "abstained": 1},
		Sites:     []store.Count{{Name: "Example.org", Count: 1}, {Name: "example.org", Count: 1}, {Name: "news.example.com", Count: 1}, {Name: "other.net", Count: 1}},
		Engines:   []store.Count{{Name: "eng1", Count: 3}, {Name: "eng0", Count: 1}},
		FirstDate: "2023-12-31", LastDate: "2024-04-10", Schema: SchemaVersion, Path: d.Path(), IndexesCurrent: true,
	})
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-05": "2024-03-05", "2024-03-05T23:30:00-05:00": "2024-03-05", "2024-03-05 10:00:00": "2024-03-05",
		"Tue, 05 Mar 2024 10:00:00 GMT": "2024-03-05", "March 5, 2024": "2024-03-05", "5 March 2024": "2024-03-05",
		"": "", "yesterday": "", "0000-01-01": "",
	} {
		eq(t, in, normalizeDate(in), want)
	}
}

func TestConcurrentReaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	writeCorpus(t, d)
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			var arts []store.Article
			for j, a := range corpus {
				a.id = fmt.Sprintf("w%d-%d", i, j)
				arts = append(arts, build(t, a))
			}
			if err := d.Write(ctx, arts, nil); err != nil {
				errs <- err
			}
		}
	}()
	for _, db := range []*DB{d, ro} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if _, err := db.Search(ctx, store.Query{Text: "harbour", Limit: 5}); err != nil {
					errs <- err
				}
				if _, err := db.Stats(ctx); err != nil {
					errs <- err
				}
				if err := db.Each(ctx, func(string, []byte) error { return nil }); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	eq(t, "articles", one(t, d, `SELECT count(*) FROM articles`), "84")
}

// Realistic reports from the analyzer.

var (
	analyzerOnce sync.Once
	analyzer     *credence.Analyzer
	analyzerErr  error
)

func analyze(t testing.TB, id, text string, opts credence.Options) store.Article {
	t.Helper()
	analyzerOnce.Do(func() { analyzer, analyzerErr = credence.New(credence.Config{}) })
	if analyzerErr != nil {
		t.Fatal(analyzerErr)
	}
	r, err := analyzer.Analyze(ctx, []byte(text), opts)
	if err != nil {
		t.Fatal(err)
	}
	r.ID = id
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(r)
	return store.Article{ID: id, Hash: "h" + id, Engine: r.Engine.Fingerprint, Input: "test", Pos: id, Report: r, JSON: bytes.TrimSpace(buf.Bytes())}
}

const wire = `Grain exporters in Kazakhstan agreed on Wednesday to double the capacity of a rail corridor to China by 2028, officials said.

"Our farmers need reliable routes to the east, and this corridor gives them one," Natalya Orlova, head of the export department at the Russian Agriculture Ministry, told reporters in Moscow.

Orlova said the route carried about 2 million tonnes of wheat, barley and oilseeds last year and that the upgrade would allow it to handle 4 million tonnes a year.

The Kazakh transport ministry said construction of a second track would begin in the spring.`

const viral = `SHOCKING: Doctors HATE this one weird trick that cures everything!!!

Anonymous insiders say that the government has been hiding the truth about lemon water for decades. "They don't want you to know," one source reportedly said.

Share this before it gets deleted! Everyone is talking about it and you won't believe what happens next.`

func TestAnalyzedReports(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the analyzer")
	}
	d := openTemp(t)
	a := analyze(t, "wire", wire, credence.Options{Title: "Kazakhstan and Russia agree to double grain rail capacity to China", Site: "reuters.com", URL: "https://www.reuters.com/x", Published: "2024-06-12"})
	b := analyze(t, "viral", viral, credence.Options{Title: "Doctors hate this trick", Site: "viral.example", Published: "2024-06-13T08:00:00Z"})
	if err := d.Write(ctx, []store.Article{a, b}, nil); err != nil {
		t.Fatal(err)
	}
	for _, x := range []store.Article{a, b} {
		r := x.Report
		got, err := d.Report(ctx, x.ID)
		if err != nil || !bytes.Equal(got, x.JSON) {
			t.Errorf("Report(%s): %v", x.ID, err)
		}
		// The derived rows are the report's.
		var wantQuotes [][]string
		for i, q := range r.Quotes {
			sp := "NULL"
			if q.Speaker != nil && q.Speaker.Name != "" {
				sp = q.Speaker.Name
			}
			if rs := []rune(r.Text); string(rs[q.Start:q.End]) != q.Text {
				t.Errorf("quote %d text is not its span", i)
			}
			wantQuotes = append(wantQuotes, []string{fmt.Sprint(i), sp, q.Text, q.Kind})
		}
		eq(t, x.ID+" quotes", rows(t, d, `SELECT idx, speaker, q.text, kind FROM quotes q JOIN articles a ON a.rid = article WHERE a.id = ? ORDER BY idx`, x.ID), wantQuotes)
		mentions := map[[2]string]int{}
		for _, e := range r.Entities {
			mentions[[2]string{e.Canonical, e.Type}]++
		}
		gotEnt := map[[2]string]int{}
		for _, row := range rows(t, d, `SELECT canonical, type, mentions FROM entities JOIN articles a ON a.rid = article WHERE a.id = ?`, x.ID) {
			var n int
			fmt.Sscan(row[2], &n)
			gotEnt[[2]string{row[0], row[1]}] = n
		}
		eq(t, x.ID+" entities", gotEnt, mentions)
		eq(t, x.ID+" claims", one(t, d, `SELECT count(*) FROM claims JOIN articles a ON a.rid = article WHERE a.id = ?`, x.ID), fmt.Sprint(len(r.Claims)))
		eq(t, x.ID+" attributions", one(t, d, `SELECT count(*) FROM attributions JOIN articles a ON a.rid = article WHERE a.id = ?`, x.ID), fmt.Sprint(len(r.Attributions)))
		band := "abstained"
		if !r.Credibility.Abstained {
			band = *r.Credibility.Band
		}
		eq(t, x.ID+" band", one(t, d, `SELECT band FROM articles WHERE id = ?`, x.ID), band)
	}
	if len(a.Report.Quotes) == 0 || len(a.Report.Entities) == 0 {
		t.Fatal("the wire story has no quotes or entities: the test texts need updating")
	}
	hits, err := d.Search(ctx, store.Query{Text: "corridor"})
	if err != nil || len(hits) != 1 || hits[0].ID != "wire" || !strings.Contains(hits[0].Snippet, "\x02corridor\x03") {
		t.Errorf("search corridor: %+v %v", hits, err)
	}
	hits, err = d.Search(ctx, store.Query{Speaker: "Natalya Orlova"})
	if a.Report.Quotes[0].Speaker != nil && a.Report.Quotes[0].Speaker.Name == "Natalya Orlova" && (err != nil || len(hits) != 1) {
		t.Errorf("speaker: %+v %v", hits, err)
	}
	eq(t, "integrity", one(t, d, `PRAGMA integrity_check`), "ok")
}

// BenchmarkWrite writes realistic reports in batches of 256 (as
// corpus.Run does; CREDENCE_BENCH_BATCH to change it), with the report
// JSON compressed and plain. Set CREDENCE_BENCH_REPORTS to a JSONL
// file of reports (one `credence analyze --compact` output a line, with
// "id") to use your own; otherwise it analyses a few texts.
func BenchmarkWrite(b *testing.B) {
	arts := benchArticles(b)
	var size int
	for _, a := range arts {
		size += len(a.JSON)
	}
	for _, v := range []struct {
		name              string
		compress, noIndex bool
	}{{"s2", true, false}, {"plain", false, false}, {"s2-no-index", true, true}} {
		compress := v.compress
		b.Run(v.name, func(b *testing.B) {
			old := Compress
			Compress = compress
			defer func() { Compress = old }()
			d, err := Open(filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			d.SetIndexing(!v.noIndex)
			batch := 256
			if v, err := strconv.Atoi(os.Getenv("CREDENCE_BENCH_BATCH")); err == nil && v > 0 {
				batch = v
			}
			cpu0 := cpuTime()
			b.ResetTimer()
			n := 0
			for i := 0; i < b.N; i++ {
				chunk := make([]store.Article, batch)
				for j := range chunk {
					a := arts[n%len(arts)]
					a.ID = fmt.Sprintf("%s#%d", a.ID, n)
					chunk[j] = a
					n++
				}
				if err := d.Write(ctx, chunk, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			cpu := cpuTime() - cpu0
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
			if cpu > 0 {
				b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/article")
			}
			b.ReportMetric(float64(size)/float64(len(arts)), "json-B/article")
			d.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
			if fi, err := os.Stat(d.Path()); err == nil && n > 0 {
				b.ReportMetric(float64(fi.Size())/float64(n), "file-B/article")
			}
		})
	}
}

// BenchmarkSearch searches a store of 2,000 realistic articles (or
// CREDENCE_BENCH_ARTICLES).
func BenchmarkSearch(b *testing.B) {
	arts := benchArticles(b)
	d, err := Open(filepath.Join(b.TempDir(), "search.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	total := 2000
	if v, err := strconv.Atoi(os.Getenv("CREDENCE_BENCH_ARTICLES")); err == nil && v > 0 {
		total = v
	}
	for n := 0; n < total; {
		chunk := make([]store.Article, 100)
		for j := range chunk {
			a := arts[n%len(arts)]
			a.ID = fmt.Sprintf("%s#%d", a.ID, n)
			chunk[j] = a
			n++
		}
		if err := d.Write(ctx, chunk, nil); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		q    store.Query
	}{
		{"said", store.Query{Text: "said"}}, // in nearly every article
		{"president", store.Query{Text: "president"}},
		{"phrase-or", store.Query{Text: `"white house" OR congress`}},
		{"said+label", store.Query{Text: "said", Label: "fake"}},
		{"list-label", store.Query{Label: "reliable", Limit: 50}},
		{"trump+entity", store.Query{Text: "trump", Entity: "Donald Trump"}},
	} {
		q := c.q
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := d.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchArticles(b *testing.B) []store.Article {
	var arts []store.Article
	if path := os.Getenv("CREDENCE_BENCH_REPORTS"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<26)
		for sc.Scan() {
			js := append([]byte(nil), sc.Bytes()...)
			var r report.Report
			if err := json.Unmarshal(js, &r); err != nil {
				b.Fatal(err)
			}
			arts = append(arts, store.Article{ID: r.ID, Hash: r.Input.SHA256, Engine: r.Engine.Fingerprint, Input: path, Pos: r.ID, Report: &r, JSON: js})
		}
		if err := sc.Err(); err != nil {
			b.Fatal(err)
		}
		return arts
	}
	for i, text := range []string{wire, viral, corpus[0].text + "\n\n" + wire} {
		arts = append(arts, analyze(b, fmt.Sprint("ex", i), text, credence.Options{Title: "Example " + fmt.Sprint(i), Published: "2024-01-0" + fmt.Sprint(i+1)}))
	}
	return arts
}

func TestSplitEngine(t *testing.T) {
	for _, c := range []struct {
		js, block string // block "" = not split
	}{
		{`{"id":"x","engine":{"version":"1","data":[{"sha256":"ab"}]}}`, `{"version":"1","data":[{"sha256":"ab"}]}`},
		{`{"id":"x","text":"a,\"engine\":{\"v\":1}","engine":{"v":"}"}}`, `{"v":"}"}`},
		{`{"id":"x","engine":null}`, ""},
		{`{"engine":{"v":1},"id":"x"}`, ""},                  // not the last member
		{`{"id":"x","meta":{"a":1,"engine":{"v":1}}}`, ""},   // a nested member
		{`{"id":"x","list":[{"a":1,"engine":{"v":1}}]}`, ""}, // in an array
		{`{"id":"x","engine":{"v":1}`, ""},                   // cut short
		{`{"id":"x","engine":{"v":"\\"}}`, `{"v":"\\"}`},
		{`{"id":"x","engine":{"v":"\"}"}}`, `{"v":"\"}"}`},
		{`{"id":"x","engine":{"a":{"b":[1,{}]}}}`, `{"a":{"b":[1,{}]}}`},
		{`{"id":"x"}`, ""},
		{`{}`, ""},
	} {
		block, at := splitEngine([]byte(c.js), nil)
		eq(t, c.js+" block", string(block), c.block)
		if c.block == "" {
			continue
		}
		// A known block is found as it is.
		again, at2 := splitEngine([]byte(c.js), []byte(c.block))
		eq(t, c.js+" known block", [2]any{string(again), at2}, [2]any{c.block, at})
		rest := withoutEngine(nil, []byte(c.js), block, at)
		if bytes.Contains(rest, block) {
			t.Errorf("%s: the block is still in %s", c.js, rest)
		}
		for _, compress := range []bool{true, false} {
			Compress = compress
			got, err := decode(encode(rest, new([]byte)), block, at)
			Compress = true
			if err != nil || string(got) != c.js {
				t.Errorf("%s: decode(compress=%v) = %s, %v", c.js, compress, got, err)
			}
		}
	}
}

// TestEngineStoredOnce: each distinct engine block is stored once, the
// reports without it, and Report and Each give back the JSON written, byte
// for byte.
func TestEngineStoredOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the analyzer")
	}
	for _, compress := range []bool{true, false} {
		t.Run(fmt.Sprint("compress=", compress), func(t *testing.T) {
			old := Compress
			Compress = compress
			defer func() { Compress = old }()
			path := filepath.Join(t.TempDir(), "e.db")
			d, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			a := analyze(t, "wire", wire, credence.Options{Title: "Grain", Published: "2024-06-12"})
			b := analyze(t, "viral", viral, credence.Options{Title: "Doctors hate this trick"})
			if !bytes.Contains(a.JSON, []byte(`,"engine":{"version":`)) {
				t.Fatal("the analyzed report has no engine block")
			}
			// One more engine: the same block but for a field, and a
			// report of the hand-made kind with "engine":null.
			c := a
			c.ID = "wire2"
			c.JSON = bytes.Replace(a.JSON, []byte(`"engine":{"version":"`), []byte(`"engine":{"version":"x`), 1)
			e := build(t, corpus[3])
			arts := []store.Article{a, b, c, e}
			if err := d.Write(ctx, arts, nil); err != nil {
				t.Fatal(err)
			}
			eq(t, "engines", one(t, d, `SELECT count(*) FROM engines`), "2")
			eq(t, "reports with an engine", one(t, d, `SELECT count(*) FROM reports WHERE engine IS NOT NULL`), "3")
			eq(t, "reports of the first engine", one(t, d, `SELECT count(*) FROM reports WHERE engine = (SELECT r.engine FROM reports r JOIN articles USING (rid) WHERE id = 'wire')`), "2")
			var stored []byte
			if err := d.db.QueryRow(`SELECT json FROM reports JOIN articles USING (rid) WHERE id = 'wire'`).Scan(&stored); err != nil {
				t.Fatal(err)
			}
			plain, err := decode(stored, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasSuffix(plain, []byte(`,"engine":}`)) || bytes.Contains(plain, []byte(a.Report.Engine.Fingerprint)) {
				t.Errorf("the stored report still has its engine block: …%s", plain[max(0, len(plain)-80):])
			}
			check := func(d *DB) {
				t.Helper()
				for _, x := range arts {
					got, err := d.Report(ctx, x.ID)
					if err != nil || !bytes.Equal(got, x.JSON) {
						t.Errorf("Report(%s) is not the JSON written (%v)", x.ID, err)
					}
				}
				n := 0
				err := d.Each(ctx, func(id string, js []byte) error {
					for _, x := range arts {
						if x.ID == id {
							n++
							if !bytes.Equal(js, x.JSON) {
								t.Errorf("Each(%s) is not the JSON written", id)
							}
						}
					}
					return nil
				})
				if err != nil || n != len(arts) {
					t.Errorf("Each: %d reports, %v", n, err)
				}
			}
			check(d)
			// Writing them again changes nothing; a reader with an empty
			// cache assembles them as well.
			if err := d.Write(ctx, arts, nil); err != nil {
				t.Fatal(err)
			}
			eq(t, "engines after writing again", one(t, d, `SELECT count(*) FROM engines`), "2")
			ro, err := OpenReadOnly(path)
			if err != nil {
				t.Fatal(err)
			}
			defer ro.Close()
			check(ro)
		})
	}
}

// TestInsertLeftOut: a row that INSERT OR IGNORE leaves out is an error.
func TestInsertLeftOut(t *testing.T) {
	d := openTemp(t)
	tx, err := d.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	w := &writer{ctx: ctx, tx: tx, d: d}
	defer w.close()
	head := `INSERT OR IGNORE INTO entities(article, canonical, type, mentions)`
	if err := w.insert(head, 4, []any{1, "A", "PERSON", 1, 1, "B", "PERSON", 1, 2, "A", "PERSON", 1}); err != nil {
		t.Fatal(err)
	}
	err = w.insert(head, 4, []any{3, "A", "PERSON", 1, 3, "A", "PERSON", 2})
	if err == nil || !strings.Contains(err.Error(), "1 rows of 2 inserted") {
		t.Errorf("duplicate key: %v", err)
	}
	err = w.insert(`INSERT OR IGNORE INTO quotes(article, idx, speaker, text, kind)`, 5, []any{1, 0, nil, nil, "direct"})
	if err == nil {
		t.Error("NULL text: no error")
	}
}
