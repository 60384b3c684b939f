package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/credence-news/credence/report"
	"github.com/credence-news/credence/store"
)

// indexVersion marks a store whose derived rows and indexes are those this
// code makes (meta "indexes"); any other value means a Rebuild is due.
// Change it when what derive or the indexes compute changes.
const indexVersion = "v1"

// ErrStale is returned by the queries over the indexes (copies, stories,
// sites) of a store whose indexes are out of date.
var ErrStale = errors.New("the store's copy, story and site indexes are out of date")

// indexesCurrent reports whether the store's indexes are up to date.
func (d *DB) indexesCurrent(ctx context.Context, q queryer) (bool, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'indexes'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return v == indexVersion, nil
}

// needIndexes is nil when the indexes are current, and otherwise an error
// that says how to mend them.
func (d *DB) needIndexes(ctx context.Context) error {
	ok, err := d.indexesCurrent(ctx, d.db)
	if err != nil || ok {
		return err
	}
	return fmt.Errorf("%w (written by an older credence or with --no-index): run credence rebuild --store %s", ErrStale, d.path)
}

// SetIndexing turns the copy and story indexes off (or on again) for the
// Writes that follow: a bulk load then runs faster, and a Rebuild makes
// the indexes once at the end. A Write without them marks the store's
// indexes out of date.
func (d *DB) SetIndexing(on bool) {
	d.wmu.Lock()
	d.indexing = on
	d.wmu.Unlock()
}

// rebuildBatch is how many articles a Rebuild step reads and commits.
const rebuildBatch = 256

// Rebuild recomputes every row derived from the stored reports (entities,
// quotes, attributions, claims, site profile rows, sites and ratings) and the
// near-duplicate and story indexes, from scratch, in the order the
// articles were written: the tables then hold what writing the same
// articles batch by batch gives. progress, when not nil, is called after
// each step with the articles done and the total. An interrupted Rebuild
// leaves the store marked out of date; run it again.
func (d *DB) Rebuild(ctx context.Context, progress func(done, total int)) error {
	if d.readOnly {
		return errors.New("store: opened read-only")
	}
	d.wmu.Lock()
	defer d.wmu.Unlock()
	var total int
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`INSERT OR REPLACE INTO meta(key, value) VALUES ('indexes', 'rebuilding')`,
			`DELETE FROM classes`, `DELETE FROM lsh`, `DELETE FROM copies`,
			`DELETE FROM story_members`, `DELETE FROM story_keys`, `DELETE FROM story_links`, `DELETE FROM profiles`,
			`DELETE FROM entities`, `DELETE FROM quotes`, `DELETE FROM attributions`, `DELETE FROM claims`,
			`UPDATE articles SET class = NULL, rating = NULL`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&total)
	})
	if err != nil {
		return fmt.Errorf("store: rebuild: %w", err)
	}
	var after int64
	done := 0
	var known knownEngine
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := 0
		err := d.tx(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT a.rid, a.id, r.json, r.engine, r.engine_at
				FROM articles a JOIN reports r ON r.rid = a.rid WHERE a.rid > ? ORDER BY a.rid LIMIT ?`, after, rebuildBatch)
			if err != nil {
				return err
			}
			var arts []store.Article
			var rids []int64
			for rows.Next() {
				var rid int64
				var id string
				var b []byte
				var engine, at sql.NullInt64
				if err := rows.Scan(&rid, &id, &b, &engine, &at); err != nil {
					rows.Close()
					return err
				}
				js, err := d.assemble(ctx, tx, b, engine, at)
				if err != nil {
					rows.Close()
					return fmt.Errorf("article %s: %w", id, err)
				}
				arts = append(arts, store.Article{ID: id, JSON: js})
				rids = append(rids, rid)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			n = len(arts)
			if n == 0 {
				return nil
			}
			after = rids[n-1]
			fresh := make([]*articleRows, n)
			for i := range arts {
				r, err := derive(&arts[i], &known)
				if err != nil {
					return err
				}
				fresh[i] = &r
			}
			w := &writer{ctx: ctx, tx: tx, d: d}
			defer w.close()
			idx, err := w.indexNow(fresh, rids)
			if err != nil {
				return err
			}
			var derived derivedRows
			var updates [][4]any
			for i, r := range fresh {
				derived.add(rids[i], r)
				updates = append(updates, [4]any{rids[i], idx.class(i), nullable(r.rating), r.site})
			}
			arg, err := jsonArg(updates)
			if err != nil {
				return err
			}
			if _, err := w.exec(`UPDATE articles SET class = m.class, rating = m.rating, site = m.site
				FROM (SELECT value->>0 AS rid, value->>1 AS class, value->>2 AS rating, value->>3 AS site FROM json_each(?)) m
				WHERE articles.rid = m.rid`, arg); err != nil {
				return err
			}
			if err := derived.insert(w); err != nil {
				return err
			}
			return idx.store(w)
		})
		if err != nil {
			return fmt.Errorf("store: rebuild: %w", err)
		}
		if n == 0 {
			break
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	err = d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'indexes'`, indexVersion)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: rebuild: %w", err)
	}
	d.indexing = true
	return nil
}

// tx runs fn in a transaction and commits it.
func (d *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// derivedRows are the rows derived from articles' reports, to insert
// together.
type derivedRows struct {
	entities, quotes, attributions, claims, profiles []any
}

func (d *derivedRows) add(rid int64, r *articleRows) {
	for _, e := range r.entities {
		d.entities = append(d.entities, rid, e.canonical, e.typ, e.mentions)
	}
	for i, q := range r.quotes {
		d.quotes = append(d.quotes, rid, i, q.speaker, q.text, q.kind)
	}
	for i, a := range r.attributions {
		d.attributions = append(d.attributions, rid, i, a.source, a.sourceType, a.cue)
	}
	for i, c := range r.claims {
		d.claims = append(d.claims, rid, i, c.text, c.checkworthiness, c.mode)
	}
	if r.profile != "" {
		d.profiles = append(d.profiles, rid, r.profile)
	}
}

func (d *derivedRows) insert(w *writer) error {
	for _, t := range []struct {
		name, head string
		ncol       int
		vals       []any
	}{
		{"entities", `INSERT OR IGNORE INTO entities(article, canonical, type, mentions)`, 4, d.entities},
		{"quotes", `INSERT OR IGNORE INTO quotes(article, idx, speaker, text, kind)`, 5, d.quotes},
		{"attributions", `INSERT OR IGNORE INTO attributions(article, idx, source, source_type, cue)`, 5, d.attributions},
		{"claims", `INSERT OR IGNORE INTO claims(article, idx, text, checkworthiness, mode)`, 5, d.claims},
		{"profiles", `INSERT OR IGNORE INTO profiles(rid, json)`, 2, d.profiles},
	} {
		if err := w.insert(t.head, t.ncol, t.vals); err != nil {
			return fmt.Errorf("store: %s: %w", t.name, err)
		}
	}
	return nil
}

// profile is an article's profiles row: each measured signal's value and
// percentile against reliable reporting, and the shares of its sourcing.
type profile struct {
	Signals  map[string][2]*float64 `json:"signals"`
	Sourcing map[string]float64     `json:"sourcing,omitempty"`
}

// profileJSON is rep's profiles row ("" without signals).
func profileJSON(rep *report.Report) (string, error) {
	if len(rep.Signals) == 0 {
		return "", nil
	}
	p := profile{Signals: map[string][2]*float64{}}
	round := func(v float64) *float64 {
		v = math.Round(v*1e4) / 1e4
		return &v
	}
	for _, s := range rep.Signals {
		if s.Unmeasured || math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
			continue
		}
		var pct *float64
		if s.Percentile != nil {
			pct = round(*s.Percentile)
		}
		p.Signals[s.ID] = [2]*float64{round(s.Value), pct}
		if s.ID == "sourcing" {
			for k, v := range s.Breakdown {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					continue
				}
				if p.Sourcing == nil {
					p.Sourcing = map[string]float64{}
				}
				p.Sourcing[k] = *round(v)
			}
		}
	}
	b, err := json.Marshal(p)
	return string(b), err
}
