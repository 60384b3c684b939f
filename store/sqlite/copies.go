package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/credence-news/credence/dedup"
	"github.com/credence-news/credence/store"
)

// Near-duplicates are kept between classes of articles: articles whose
// MinHash signatures are equal share a class (a syndicated text copied
// word for word, a page stored twice under two ids), and the LSH buckets
// and the pairs are the classes'. The pairs stored are then exactly the
// pairs of the classes present with an estimated similarity of at least
// dedup.StoreThreshold, whatever order the articles came in, and n copies
// of one text cost one class rather than n² pairs.

// newClass is a class a Write creates.
type newClass struct {
	cid  int64
	key  int64
	sig  dedup.Signature
	keys []int64 // dedup.Default.StoreKeys(sig)
}

// classify gives each signature its class (0 for a nil signature),
// creating and indexing the classes that are new: their LSH rows and their
// pairs with the stored classes and with each other.
func (w *writer) classify(sigs []dedup.Signature) ([]int64, error) {
	out := make([]int64, len(sigs))
	var keys []int64
	seen := map[int64]bool{}
	for _, s := range sigs {
		if s == nil {
			continue
		}
		if k := s.Key(); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return out, nil
	}
	arg, err := jsonArg(keys)
	if err != nil {
		return nil, err
	}
	st, err := w.stmt(`SELECT c.key, c.cid FROM json_each(?) j JOIN classes c ON c.key = j.value`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(w.ctx, arg)
	if err != nil {
		return nil, err
	}
	cid := map[int64]int64{} // key → cid
	for rows.Next() {
		var k, c int64
		if err := rows.Scan(&k, &c); err != nil {
			rows.Close()
			return nil, err
		}
		cid[k] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var next int64
	if err := w.tx.QueryRowContext(w.ctx, `SELECT coalesce(max(cid), 0) FROM classes`).Scan(&next); err != nil {
		return nil, err
	}
	var fresh []newClass
	for i, s := range sigs {
		if s == nil {
			continue
		}
		k := s.Key()
		if c, ok := cid[k]; ok {
			out[i] = c
			continue
		}
		next++
		cid[k] = next
		out[i] = next
		fresh = append(fresh, newClass{cid: next, key: k, sig: s, keys: dedup.Default.StoreKeys(s)})
	}
	if len(fresh) == 0 {
		return out, nil
	}
	return out, w.indexClasses(fresh)
}

// indexClasses stores new classes, their LSH rows and their pairs.
func (w *writer) indexClasses(fresh []newClass) error {
	// Candidates among the stored classes: one lookup for the batch.
	byKey := map[int64][]int{} // LSH key → indexes in fresh
	var probe []int64
	for i, c := range fresh {
		for _, k := range c.keys {
			if _, ok := byKey[k]; !ok {
				probe = append(probe, k)
			}
			byKey[k] = append(byKey[k], i)
		}
	}
	// In key order: the lookups walk the index forwards.
	slices.Sort(probe)
	arg, err := jsonArg(probe)
	if err != nil {
		return err
	}
	st, err := w.stmt(`SELECT l.key, l.cid FROM json_each(?) j JOIN lsh l ON l.key = j.value`)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(w.ctx, arg)
	if err != nil {
		return err
	}
	cands := make([]map[int64]bool, len(fresh))
	need := map[int64]bool{}
	for rows.Next() {
		var k, c int64
		if err := rows.Scan(&k, &c); err != nil {
			rows.Close()
			return err
		}
		for _, i := range byKey[k] {
			if cands[i] == nil {
				cands[i] = map[int64]bool{}
			}
			cands[i][c] = true
		}
		need[c] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	sigs, err := w.classSigs(need)
	if err != nil {
		return err
	}
	var pairs, classRows, lshRows []any
	type lshRow struct{ key, cid int64 }
	var lsh []lshRow
	for i, c := range fresh {
		found := cands[i]
		// Within the batch: the earlier new classes sharing a bucket.
		for _, k := range c.keys {
			for _, j := range byKey[k] {
				if j >= i {
					break
				}
				if found == nil {
					found = map[int64]bool{}
				}
				found[fresh[j].cid] = true
				sigs[fresh[j].cid] = fresh[j].sig
			}
		}
		others := make([]int64, 0, len(found))
		for o := range found {
			others = append(others, o)
		}
		slices.Sort(others)
		for _, o := range others {
			if sim := dedup.Similarity(c.sig, sigs[o]); sim >= dedup.StoreThreshold {
				pairs = append(pairs, c.cid, o, sim)
			}
		}
		classRows = append(classRows, c.cid, c.key, c.sig.Bytes())
		for _, k := range c.keys {
			lsh = append(lsh, lshRow{k, c.cid})
		}
	}
	slices.SortFunc(lsh, func(a, b lshRow) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return int(a.cid - b.cid)
	})
	lsh = slices.Compact(lsh)
	for _, r := range lsh {
		lshRows = append(lshRows, r.key, r.cid)
	}
	for _, t := range []struct {
		head string
		ncol int
		vals []any
	}{
		{`INSERT OR IGNORE INTO classes(cid, key, sig)`, 3, classRows},
		{`INSERT OR IGNORE INTO lsh(key, cid)`, 2, lshRows},
		{`INSERT OR IGNORE INTO copies(cid, other, similarity)`, 3, pairs},
	} {
		if err := w.insert(t.head, t.ncol, t.vals); err != nil {
			return err
		}
	}
	return nil
}

// classSigs reads the signatures of classes.
func (w *writer) classSigs(cids map[int64]bool) (map[int64]dedup.Signature, error) {
	sigs := make(map[int64]dedup.Signature, len(cids))
	if len(cids) == 0 {
		return sigs, nil
	}
	ids := make([]int64, 0, len(cids))
	for c := range cids {
		ids = append(ids, c)
	}
	slices.Sort(ids)
	arg, err := jsonArg(ids)
	if err != nil {
		return nil, err
	}
	rows, err := w.tx.QueryContext(w.ctx, `SELECT cid, sig FROM classes WHERE cid IN (SELECT value FROM json_each(?))`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c int64
		var b []byte
		if err := rows.Scan(&c, &b); err != nil {
			return nil, err
		}
		sigs[c] = dedup.SignatureFrom(b)
	}
	return sigs, rows.Err()
}

// dropClasses removes, of the classes cids, those no article belongs to
// any more, with their LSH rows and pairs.
func (w *writer) dropClasses(cids []int64) error {
	if len(cids) == 0 {
		return nil
	}
	arg, err := jsonArg(cids)
	if err != nil {
		return err
	}
	rows, err := w.tx.QueryContext(w.ctx, `SELECT c.cid, c.sig FROM classes c
		WHERE c.cid IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.class = c.cid)`, arg)
	if err != nil {
		return err
	}
	var empty []int64
	var lsh [][2]int64
	for rows.Next() {
		var c int64
		var b []byte
		if err := rows.Scan(&c, &b); err != nil {
			rows.Close()
			return err
		}
		empty = append(empty, c)
		for _, k := range dedup.Default.StoreKeys(dedup.SignatureFrom(b)) {
			lsh = append(lsh, [2]int64{k, c})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(empty) == 0 {
		return nil
	}
	if arg, err = jsonArg(empty); err != nil {
		return err
	}
	larg, err := jsonArg(lsh)
	if err != nil {
		return err
	}
	for _, q := range []struct {
		sql string
		arg string
	}{
		{`DELETE FROM lsh WHERE (key, cid) IN (SELECT value->>0, value->>1 FROM json_each(?))`, larg},
		{`DELETE FROM copies WHERE cid IN (SELECT value FROM json_each(?))`, arg},
		{`DELETE FROM copies WHERE other IN (SELECT value FROM json_each(?))`, arg},
		{`DELETE FROM classes WHERE cid IN (SELECT value FROM json_each(?))`, arg},
	} {
		if _, err := w.exec(q.sql, q.arg); err != nil {
			return err
		}
	}
	return nil
}

// maxGroup bounds a near-duplicate group: a boilerplate text shared by
// thousands of pages would otherwise make one query read the store.
const maxGroup = 1000

// Copies returns id's near-duplicate group (see store.Store).
func (d *DB) Copies(ctx context.Context, id string, minSimilarity float64) ([]store.Copy, error) {
	if err := d.needIndexes(ctx); err != nil {
		return nil, err
	}
	var start sql.NullInt64
	var rid int64
	if err := d.db.QueryRowContext(ctx, `SELECT rid, class FROM articles WHERE id = ?`, id).Scan(&rid, &start); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, store.ErrNotFound
		}
		return nil, fmt.Errorf("store: %w", err)
	}
	var members []int64
	var where string
	if !start.Valid {
		// Too short to sign: a group of one.
		members, where = []int64{rid}, `a.rid`
	} else {
		group, err := d.component(ctx, start.Int64, minSimilarity)
		if err != nil {
			return nil, fmt.Errorf("store: copies: %w", err)
		}
		members, where = group, `a.class`
	}
	arg, err := jsonArg(members)
	if err != nil {
		return nil, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT a.id, a.title, a.site, a.published_raw, c.sig
		FROM articles a LEFT JOIN classes c ON c.cid = a.class
		WHERE `+where+` IN (SELECT value FROM json_each(?))
		ORDER BY a.published IS NULL, a.published, a.published_raw, a.rid LIMIT ?`, arg, maxGroup)
	if err != nil {
		return nil, fmt.Errorf("store: copies: %w", err)
	}
	defer rows.Close()
	var out []store.Copy
	var first dedup.Signature
	for rows.Next() {
		var c store.Copy
		var sig []byte
		if err := rows.Scan(&c.ID, &c.Title, &c.Site, &c.Published, &sig); err != nil {
			return nil, fmt.Errorf("store: copies: %w", err)
		}
		s := dedup.SignatureFrom(sig)
		if out == nil {
			first, c.Similarity = s, 1
		} else {
			c.Similarity = dedup.Similarity(first, s)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: copies: %w", err)
	}
	return out, nil
}

// component returns the classes linked to class start, directly or
// through others, by pairs of at least minSimilarity: breadth first, a
// frontier at a time, at most maxGroup classes.
func (d *DB) component(ctx context.Context, start int64, minSimilarity float64) ([]int64, error) {
	in := map[int64]bool{start: true}
	group := []int64{start}
	frontier := []int64{start}
	for len(frontier) > 0 && len(in) < maxGroup {
		arg, err := jsonArg(frontier)
		if err != nil {
			return nil, err
		}
		rows, err := d.db.QueryContext(ctx, `SELECT cid, other FROM copies
			WHERE similarity >= ?2 AND (cid IN (SELECT value FROM json_each(?1)) OR other IN (SELECT value FROM json_each(?1)))`, arg, minSimilarity)
		if err != nil {
			return nil, err
		}
		frontier = nil
		for rows.Next() {
			var a, b int64
			if err := rows.Scan(&a, &b); err != nil {
				rows.Close()
				return nil, err
			}
			for _, c := range []int64{a, b} {
				if !in[c] && len(in) < maxGroup {
					in[c] = true
					group = append(group, c)
					frontier = append(frontier, c)
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return group, nil
}
