package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/credence-news/credence/store"
	"github.com/credence-news/credence/stories"
)

// maxSummary bounds the articles whose claims and quotes a story summary
// reads (the earliest ones): a story of thousands of articles would
// otherwise make one query read and compare them all.
const maxSummary = 300

// timeOrder orders articles by publication (undated last), then as
// written: the order every list of a story's articles is in.
const timeOrder = `a.published IS NULL, a.published, a.published_raw, a.rid`

// Stories lists stories (see store.Store).
func (d *DB) Stories(ctx context.Context, q store.StoryQuery) ([]store.StoryRow, error) {
	if err := d.needIndexes(ctx); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	minArticles := q.MinArticles
	if minArticles <= 0 {
		minArticles = 2
	}
	var where []string
	var args []any
	if q.Site != "" {
		where = append(where, `a.site = ? COLLATE NOCASE`)
		args = append(args, q.Site)
	}
	if q.Entity != "" {
		where = append(where, `a.rid IN (SELECT article FROM entities WHERE canonical = ? COLLATE NOCASE)`)
		args = append(args, q.Entity)
	}
	if !q.From.IsZero() {
		where = append(where, `a.published >= ?`)
		args = append(args, q.From.Format(time.DateOnly))
	}
	if !q.To.IsZero() {
		where = append(where, `a.published <= ?`)
		args = append(args, q.To.Format(time.DateOnly))
	}
	filter := ""
	if len(where) > 0 {
		filter = `WHERE m.story IN (SELECT m.story FROM story_members m JOIN articles a ON a.rid = m.rid WHERE ` + strings.Join(where, " AND ") + `)`
	}
	order := `n DESC, sites DESC, m.story`
	switch q.Sort {
	case "", "size":
	case "sites":
		order = `sites DESC, n DESC, m.story`
	case "recent":
		order = `last IS NULL, last DESC, n DESC, m.story`
	case "spread":
		order = `(max(a.score) - min(a.score)) IS NULL, max(a.score) - min(a.score) DESC, n DESC, m.story`
	default:
		return nil, fmt.Errorf("store: unknown story order %q (size, sites, recent or spread)", q.Sort)
	}
	args = append(args, minArticles, limit)
	rows, err := d.db.QueryContext(ctx, `SELECT m.story, count(*) AS n, count(DISTINCT a.site) AS sites,
			min(a.published) AS first, max(a.published) AS last, min(a.score), avg(a.score), max(a.score)
		FROM story_members m JOIN articles a ON a.rid = m.rid `+filter+`
		GROUP BY m.story HAVING n >= ? ORDER BY `+order+` LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	var out []store.StoryRow
	var labels []int64
	for rows.Next() {
		var r store.StoryRow
		var label int64
		var first, last sql.NullString
		var lo, mean, hi sql.NullFloat64
		if err := rows.Scan(&label, &r.Articles, &r.Sites, &first, &last, &lo, &mean, &hi); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: stories: %w", err)
		}
		r.First, r.Last = first.String, last.String
		r.MinScore, r.MeanScore, r.MaxScore = floatPtr(lo), floatPtr(mean), floatPtr(hi)
		out = append(out, r)
		labels = append(labels, label)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	for i, l := range labels {
		if err := d.db.QueryRowContext(ctx, `SELECT a.id, a.title FROM story_members m JOIN articles a ON a.rid = m.rid
			WHERE m.story = ? ORDER BY `+timeOrder+` LIMIT 1`, l).Scan(&out[i].ID, &out[i].Title); err != nil {
			return nil, fmt.Errorf("store: stories: %w", err)
		}
	}
	return out, nil
}

// Story returns the story article id belongs to (see store.Store).
func (d *DB) Story(ctx context.Context, id string) (store.Story, error) {
	var s store.Story
	if err := d.needIndexes(ctx); err != nil {
		return s, err
	}
	var label int64
	err := d.db.QueryRowContext(ctx, `SELECT m.story FROM articles a JOIN story_members m ON m.rid = a.rid WHERE a.id = ?`, id).Scan(&label)
	if errors.Is(err, sql.ErrNoRows) {
		return s, store.ErrNotFound
	}
	if err != nil {
		return s, fmt.Errorf("store: story: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT a.rid, a.id, a.title, a.site, coalesce(a.rating, ''), a.published_raw, a.published,
			a.score, coalesce(a.band, ''), coalesce(a.label, '')
		FROM story_members m JOIN articles a ON a.rid = m.rid WHERE m.story = ? ORDER BY `+timeOrder, label)
	if err != nil {
		return s, fmt.Errorf("store: story: %w", err)
	}
	var rids []int64
	var days []sql.NullString
	for rows.Next() {
		var a store.StoryArticle
		var rid int64
		var day sql.NullString
		var score sql.NullFloat64
		if err := rows.Scan(&rid, &a.ID, &a.Title, &a.Site, &a.Rating, &a.Published, &day, &score, &a.Band, &a.Label); err != nil {
			rows.Close()
			return s, fmt.Errorf("store: story: %w", err)
		}
		a.Score = floatPtr(score)
		s.Articles = append(s.Articles, a)
		rids = append(rids, rid)
		days = append(days, day)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("store: story: %w", err)
	}
	if len(s.Articles) == 0 {
		return s, store.ErrNotFound
	}
	s.Earliest = s.Articles[0]
	s.ID, s.Title = s.Earliest.ID, s.Earliest.Title

	// Sites, in the order of their first article; the scores' spread.
	bySite := map[string]int{}
	sums := map[string][2]float64{} // site → sum, count of scores
	var scores []float64
	s.Scores.Bands = map[string]int{}
	for i, a := range s.Articles {
		if days[i].Valid {
			if s.First == "" {
				s.First = days[i].String
			}
			s.Last = max(s.Last, days[i].String)
		}
		j, ok := bySite[a.Site]
		if !ok {
			j = len(s.Sites)
			bySite[a.Site] = j
			s.Sites = append(s.Sites, store.StorySite{Site: a.Site, Rating: a.Rating, First: a.Published})
		}
		s.Sites[j].Articles++
		if a.Band != "" {
			s.Scores.Bands[a.Band]++
		}
		if a.Score != nil {
			scores = append(scores, *a.Score)
			v := sums[a.Site]
			sums[a.Site] = [2]float64{v[0] + *a.Score, v[1] + 1}
		}
	}
	for i := range s.Sites {
		if v := sums[s.Sites[i].Site]; v[1] > 0 {
			m := v[0] / v[1]
			s.Sites[i].MeanScore = &m
		}
	}
	s.Scores = spread(scores, s.Scores.Bands)

	// Claims and quotes of the earliest maxSummary articles.
	read := rids
	if len(read) > maxSummary {
		read, s.Truncated = read[:maxSummary], true
	}
	art := map[int64]store.StoryArticle{}
	for i, rid := range read {
		art[rid] = s.Articles[i]
	}
	arg, err := jsonArg(read)
	if err != nil {
		return s, err
	}
	var claims []stories.ClaimRow
	rows, err = d.db.QueryContext(ctx, `SELECT article, text, checkworthiness, mode FROM claims
		WHERE article IN (SELECT value FROM json_each(?)) ORDER BY article, idx`, arg)
	if err != nil {
		return s, fmt.Errorf("store: story: %w", err)
	}
	for rows.Next() {
		var rid int64
		var c stories.ClaimRow
		if err := rows.Scan(&rid, &c.Text, &c.Checkworthiness, &c.Mode); err != nil {
			rows.Close()
			return s, fmt.Errorf("store: story: %w", err)
		}
		c.Article, c.Site = art[rid].ID, art[rid].Site
		claims = append(claims, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("store: story: %w", err)
	}
	var quotes []stories.QuoteRow
	rows, err = d.db.QueryContext(ctx, `SELECT article, coalesce(speaker, ''), text FROM quotes
		WHERE article IN (SELECT value FROM json_each(?)) ORDER BY article, idx`, arg)
	if err != nil {
		return s, fmt.Errorf("store: story: %w", err)
	}
	for rows.Next() {
		var rid int64
		var q stories.QuoteRow
		if err := rows.Scan(&rid, &q.Speaker, &q.Text); err != nil {
			rows.Close()
			return s, fmt.Errorf("store: story: %w", err)
		}
		q.Article, q.Site = art[rid].ID, art[rid].Site
		quotes = append(quotes, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("store: story: %w", err)
	}
	s.Claims = stories.SharedClaims(claims)
	s.Quotes = stories.QuotesBySpeaker(quotes)
	if s.Claims == nil {
		s.Claims = []stories.SharedClaim{}
	}
	if s.Quotes == nil {
		s.Quotes = []stories.SpeakerQuotes{}
	}
	return s, nil
}

// spread summarises scores (bands counted by the caller).
func spread(scores []float64, bands map[string]int) store.Spread {
	sp := store.Spread{Scored: len(scores), Bands: bands}
	if len(scores) == 0 {
		return sp
	}
	v := slices.Clone(scores)
	slices.Sort(v)
	lo, hi := v[0], v[len(v)-1]
	med := v[len(v)/2]
	if len(v)%2 == 0 {
		med = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	var sum float64
	for _, x := range v {
		sum += x
	}
	mean := sum / float64(len(v))
	sp.Min, sp.Median, sp.Max, sp.Mean = &lo, &med, &hi, &mean
	return sp
}

func floatPtr(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	v := f.Float64
	return &v
}

// IndexesCurrent reports whether the copy, story and site indexes are up
// to date (see store.Store).
func (d *DB) IndexesCurrent(ctx context.Context) (bool, error) {
	return d.indexesCurrent(ctx, d.db)
}
