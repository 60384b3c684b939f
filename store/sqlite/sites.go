package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/credence-news/credence/dedup"
	"github.com/credence-news/credence/store"
)

// Site profiles are computed when asked, from the rows each Write keeps
// per article (articles, profiles, classes and copies): adding a batch
// updates them without recomputing anything, and they always equal what a
// Rebuild gives.

// relyShare is the share of an article's statements a kind of sourcing
// must make for the article to count as relying on it.
const relyShare = 0.25

// sourcingKinds are the sourcing shares a profile reports, as the sourcing
// signal's breakdown names them (<kind>_share).
var sourcingKinds = []string{"named", "outlet", "second-hand", "anonymous", "vague", "social-media", "unattributed"}

// Sites ranks the sites (see store.Store).
func (d *DB) Sites(ctx context.Context, q store.SiteQuery) ([]store.SiteRow, error) {
	if err := d.needIndexes(ctx); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	switch q.Sort {
	case "", "volume", "score", "low-score", "copying":
	default:
		return nil, fmt.Errorf("store: unknown site order %q (volume, score, low-score or copying)", q.Sort)
	}
	rows, err := d.siteRows(ctx, "")
	if err != nil {
		return nil, err
	}
	cs, err := d.copying(ctx, "")
	if err != nil {
		return nil, err
	}
	var out []store.SiteRow
	for _, r := range rows {
		if r.Articles < max(q.MinArticles, 1) {
			continue
		}
		if c := cs.bySite[r.Site]; c != nil {
			r.Copied, r.CopiedBy = c.copied, c.copiedBy
		}
		r.CopiedShare = float64(r.Copied) / float64(r.Articles)
		out = append(out, r)
	}
	score := func(r store.SiteRow) float64 {
		if r.MeanScore == nil {
			return -1
		}
		return *r.MeanScore
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch q.Sort {
		case "score":
			if score(a) != score(b) {
				return score(a) > score(b)
			}
		case "low-score":
			sa, sb := score(a), score(b)
			if (sa < 0) != (sb < 0) {
				return sb < 0 // sites without a score last
			}
			if sa != sb {
				return sa < sb
			}
		case "copying":
			if a.CopiedShare != b.CopiedShare {
				return a.CopiedShare > b.CopiedShare
			}
		}
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		return a.Site < b.Site
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// siteRows are the sites' counts, scores, bands, dates and ratings (of
// one site when site is not "").
func (d *DB) siteRows(ctx context.Context, site string) ([]store.SiteRow, error) {
	where, args := "", []any{}
	if site != "" {
		where, args = `WHERE site = ? COLLATE NOCASE`, []any{site}
	}
	rows, err := d.db.QueryContext(ctx, `SELECT site, coalesce(band, ''), count(*), sum(score), count(score),
			min(published), max(published), max(CASE WHEN rating IS NOT NULL THEN rid END)
		FROM articles `+where+` GROUP BY site, band ORDER BY site`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: sites: %w", err)
	}
	var out []store.SiteRow
	type acc struct {
		sum       float64
		n         int
		ratingRid sql.NullInt64
	}
	var accs []acc
	for rows.Next() {
		var name, band string
		var n, scored int
		var sum sql.NullFloat64
		var first, last sql.NullString
		var ratingRid sql.NullInt64
		if err := rows.Scan(&name, &band, &n, &sum, &scored, &first, &last, &ratingRid); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: sites: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Site != name {
			out = append(out, store.SiteRow{Site: name, Bands: map[string]int{}})
			accs = append(accs, acc{})
		}
		r, a := &out[len(out)-1], &accs[len(accs)-1]
		r.Articles += n
		if band != "" {
			r.Bands[band] += n
		}
		a.sum += sum.Float64
		a.n += scored
		if first.Valid && (r.First == "" || first.String < r.First) {
			r.First = first.String
		}
		if last.Valid && last.String > r.Last {
			r.Last = last.String
		}
		if ratingRid.Valid && (!a.ratingRid.Valid || ratingRid.Int64 > a.ratingRid.Int64) {
			a.ratingRid = ratingRid
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: sites: %w", err)
	}
	for i := range out {
		if accs[i].n > 0 {
			m := accs[i].sum / float64(accs[i].n)
			out[i].MeanScore = &m
		}
		// The rating of the site's latest rated article: the ratings table
		// of the engine that analysed it last.
		if accs[i].ratingRid.Valid {
			if err := d.db.QueryRowContext(ctx, `SELECT rating FROM articles WHERE rid = ?`, accs[i].ratingRid.Int64).Scan(&out[i].Rating); err != nil {
				return nil, fmt.Errorf("store: sites: %w", err)
			}
		}
	}
	return out, nil
}

// copyStats are a site's copying counts.
type copyStats struct {
	copied, copiedBy int
	from, by         map[string]int // of the site asked about: articles copied from each site, and by each
}

type copyResult struct {
	bySite map[string]*copyStats
	origin map[int64]int64 // a copied article's rid → its origin's rid
}

// copying finds, for every article in a near-duplicate class, its origin:
// the earliest published (then first written) article among its own class
// and the classes it is directly paired with at dedup.Default.Threshold or
// more. An article whose origin is another site's earlier article is a
// copy of that site's. With site set, that site's from/by counts are
// filled too.
func (d *DB) copying(ctx context.Context, site string) (copyResult, error) {
	res := copyResult{bySite: map[string]*copyStats{}, origin: map[int64]int64{}}
	get := func(s string) *copyStats {
		c := res.bySite[s]
		if c == nil {
			c = &copyStats{}
			res.bySite[s] = c
		}
		return c
	}
	type art struct {
		rid  int64
		day  string // "~" when undated: after every date
		site string
	}
	before := func(a, b art) bool {
		if a.day != b.day {
			return a.day < b.day
		}
		return a.rid < b.rid
	}
	// The first article of each class.
	first := map[int64]art{}
	rows, err := d.db.QueryContext(ctx, `SELECT class, rid, coalesce(published, '~'), site FROM articles WHERE class IS NOT NULL`)
	if err != nil {
		return res, fmt.Errorf("store: copying: %w", err)
	}
	var all []struct {
		art
		class int64
	}
	for rows.Next() {
		var c int64
		var a art
		if err := rows.Scan(&c, &a.rid, &a.day, &a.site); err != nil {
			rows.Close()
			return res, fmt.Errorf("store: copying: %w", err)
		}
		if f, ok := first[c]; !ok || before(a, f) {
			first[c] = a
		}
		all = append(all, struct {
			art
			class int64
		}{a, c})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("store: copying: %w", err)
	}
	// The pairs, as the earliest first article each class is paired with.
	linked := map[int64]art{}
	rows, err = d.db.QueryContext(ctx, `SELECT cid, other FROM copies WHERE similarity >= ?`, dedup.Default.Threshold)
	if err != nil {
		return res, fmt.Errorf("store: copying: %w", err)
	}
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			rows.Close()
			return res, fmt.Errorf("store: copying: %w", err)
		}
		for _, p := range [][2]int64{{a, b}, {b, a}} {
			o := first[p[1]]
			if l, ok := linked[p[0]]; !ok || before(o, l) {
				linked[p[0]] = o
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("store: copying: %w", err)
	}
	if site != "" {
		c := get(site)
		c.from, c.by = map[string]int{}, map[string]int{}
	}
	for _, a := range all {
		origin := first[a.class]
		if l, ok := linked[a.class]; ok && before(l, origin) {
			origin = l
		}
		if origin.rid == a.rid || origin.site == a.site || !before(origin, a.art) {
			continue
		}
		res.origin[a.rid] = origin.rid
		get(a.site).copied++
		get(origin.site).copiedBy++
		if site != "" {
			if strings.EqualFold(a.site, site) {
				get(site).from[origin.site]++
			}
			if strings.EqualFold(origin.site, site) {
				get(site).by[a.site]++
			}
		}
	}
	return res, nil
}

// Origins maps the id of every article that copies another site's to the
// id of the article it copies: its origin, as Sites and Site count them
// (the earliest article of its own near-duplicate class and of the classes
// paired with it at dedup.Default.Threshold or more).
func (d *DB) Origins(ctx context.Context) (map[string]string, error) {
	if err := d.needIndexes(ctx); err != nil {
		return nil, err
	}
	cs, err := d.copying(ctx, "")
	if err != nil {
		return nil, err
	}
	ids := map[int64]string{}
	rows, err := d.db.QueryContext(ctx, `SELECT rid, id FROM articles WHERE class IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: origins: %w", err)
	}
	for rows.Next() {
		var rid int64
		var id string
		if err := rows.Scan(&rid, &id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: origins: %w", err)
		}
		ids[rid] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: origins: %w", err)
	}
	out := make(map[string]string, len(cs.origin))
	for a, o := range cs.origin {
		out[ids[a]] = ids[o]
	}
	return out, nil
}

// Site returns one site's profile (see store.Store).
func (d *DB) Site(ctx context.Context, site string) (store.SiteProfile, error) {
	var p store.SiteProfile
	if err := d.needIndexes(ctx); err != nil {
		return p, err
	}
	rs, err := d.siteRows(ctx, site)
	if err != nil {
		return p, err
	}
	if len(rs) == 0 {
		return p, store.ErrNotFound
	}
	// Sites stored under names that differ only in case are one site.
	p.SiteRow = rs[0]
	for _, r := range rs[1:] {
		p.Articles += r.Articles
		for b, n := range r.Bands {
			p.Bands[b] += n
		}
	}
	name := p.Site
	cs, err := d.copying(ctx, name)
	if err != nil {
		return p, err
	}
	c := cs.bySite[name]
	p.Copied, p.CopiedBy = c.copied, c.copiedBy
	p.CopiedShare = float64(c.copied) / float64(p.Articles)
	p.CopiesFrom, p.CopiedBySites = countList(c.from), countList(c.by)

	// Months and labels.
	p.Labels = map[string]int{}
	rows, err := d.db.QueryContext(ctx, `SELECT coalesce(substr(published, 1, 7), 'undated'), coalesce(band, ''), coalesce(label, ''), score
		FROM articles WHERE site = ? COLLATE NOCASE ORDER BY published IS NULL, published`, site)
	if err != nil {
		return p, fmt.Errorf("store: site: %w", err)
	}
	type monthAcc struct{ sum, n float64 }
	var accs []monthAcc
	for rows.Next() {
		var month, band, label string
		var score sql.NullFloat64
		if err := rows.Scan(&month, &band, &label, &score); err != nil {
			rows.Close()
			return p, fmt.Errorf("store: site: %w", err)
		}
		if len(p.Months) == 0 || p.Months[len(p.Months)-1].Month != month {
			p.Months = append(p.Months, store.SiteMonth{Month: month, Bands: map[string]int{}})
			accs = append(accs, monthAcc{})
		}
		m, a := &p.Months[len(p.Months)-1], &accs[len(accs)-1]
		m.Articles++
		if band != "" {
			m.Bands[band]++
		}
		if label != "" {
			p.Labels[label]++
		}
		if score.Valid {
			a.sum += score.Float64
			a.n++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("store: site: %w", err)
	}
	for i := range p.Months {
		if accs[i].n > 0 {
			v := accs[i].sum / accs[i].n
			p.Months[i].MeanScore = &v
		}
	}

	// Signals and sourcing, from the articles' profile rows.
	type sigAcc struct {
		n    int
		sum  float64
		pcts []float64
	}
	sigs := map[string]*sigAcc{}
	shareSum := map[string]float64{}
	rely := map[string]int{}
	p.Sourcing.Shares, p.Sourcing.RelyShares = map[string]float64{}, map[string]float64{}
	rows, err = d.db.QueryContext(ctx, `SELECT p.json FROM profiles p JOIN articles a ON a.rid = p.rid WHERE a.site = ? COLLATE NOCASE`, site)
	if err != nil {
		return p, fmt.Errorf("store: site: %w", err)
	}
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			rows.Close()
			return p, fmt.Errorf("store: site: %w", err)
		}
		var pr profile
		if err := json.Unmarshal([]byte(js), &pr); err != nil {
			rows.Close()
			return p, fmt.Errorf("store: site: a profile row: %w", err)
		}
		for id, v := range pr.Signals {
			a := sigs[id]
			if a == nil {
				a = &sigAcc{}
				sigs[id] = a
			}
			if v[0] != nil {
				a.n++
				a.sum += *v[0]
			}
			if v[1] != nil {
				a.pcts = append(a.pcts, *v[1])
			}
		}
		if n := pr.Sourcing["statements"]; n > 0 {
			p.Sourcing.Articles++
			p.Sourcing.Statements += int(n)
			for _, k := range sourcingKinds {
				share := pr.Sourcing[k+"_share"]
				shareSum[k] += share * n
				if share >= relyShare {
					rely[k]++
				}
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("store: site: %w", err)
	}
	ids := make([]string, 0, len(sigs))
	for id := range sigs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		a := sigs[id]
		s := store.SiteSignal{ID: id, Articles: a.n}
		if a.n > 0 {
			s.Mean = a.sum / float64(a.n)
		}
		if len(a.pcts) > 0 {
			v := slices.Clone(a.pcts)
			slices.Sort(v)
			med := v[len(v)/2]
			if len(v)%2 == 0 {
				med = (v[len(v)/2-1] + v[len(v)/2]) / 2
			}
			high := 0
			for _, x := range v {
				if x >= 90 {
					high++
				}
			}
			hs := float64(high) / float64(len(v))
			s.MedianPercentile, s.HighShare = &med, &hs
		}
		p.Signals = append(p.Signals, s)
	}
	if p.Sourcing.Statements > 0 {
		for _, k := range sourcingKinds {
			p.Sourcing.Shares[k] = shareSum[k] / float64(p.Sourcing.Statements)
		}
		for _, k := range []string{"second-hand", "anonymous", "unattributed"} {
			p.Sourcing.RelyShares[k] = float64(rely[k]) / float64(p.Sourcing.Articles)
		}
	}
	if p.Months == nil {
		p.Months = []store.SiteMonth{}
	}
	if p.Signals == nil {
		p.Signals = []store.SiteSignal{}
	}
	return p, nil
}

// countList is a map as Counts, most first, then by name.
func countList(m map[string]int) []store.Count {
	out := []store.Count{}
	for k, v := range m {
		out = append(out, store.Count{Name: k, Count: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}
