package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/credence-news/credence/store"
)

const sitesUsage = `credence sites [flags]

Ranks the sites of the store: by volume (most articles), by mean
credibility score (highest or lowest first), or by copying (the largest
share of articles that are later near-duplicates of an article another site
published first). "credence site DOMAIN" profiles one.

JSON output is {"sites": [{"site","rating","articles","mean_score","bands",
"first_published","last_published","copied","copied_share","copied_by"}]}.

Exit codes: 0 ok, 1 error (no store, indexes out of date: run credence
rebuild), 2 usage error.`

func cmdSites(args []string, stdout, stderr io.Writer) error {
	c := newCommand("sites", sitesUsage, stderr)
	storePath := storeFlag(c)
	sortBy := c.String("sort", "volume", "order: volume, score (highest mean first), low-score (lowest first) or copying")
	minArticles := c.Int("min", 1, "only sites with at least `N` articles")
	limit := c.Int("limit", 20, "at most `N` sites")
	format := c.String("format", "text", "output format: text or json")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if err := textOrJSON("sites", *format); err != nil {
		return err
	}
	switch *sortBy {
	case "volume", "score", "low-score", "copying":
	default:
		return usagef("sites: --sort must be volume, score, low-score or copying, not %q", *sortBy)
	}
	if *limit < 1 || *minArticles < 1 {
		return usagef("sites: --limit and --min must be at least 1")
	}
	st, err := openStore(*storePath, false)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Sites(context.Background(), store.SiteQuery{Sort: *sortBy, MinArticles: *minArticles, Limit: *limit})
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	if *format == "json" {
		if list == nil {
			list = []store.SiteRow{}
		}
		if err := writeJSON(bw, struct {
			Sites []store.SiteRow `json:"sites"`
		}{list}); err != nil {
			return err
		}
		return bw.Flush()
	}
	if len(list) == 0 {
		fmt.Fprintln(bw, "No site matches.")
		return bw.Flush()
	}
	w := len("(no site)")
	for _, s := range list {
		w = max(w, len([]rune(s.Site)))
	}
	fmt.Fprintf(bw, "%-*s  %-10s  %8s  %5s  %-28s  %14s  %9s\n", w, "site", "rating", "articles", "score", "bands (high/mixed/low/v.low)", "copied", "copied by")
	for _, s := range list {
		b := s.Bands
		fmt.Fprintf(bw, "%-*s  %-10s  %8d  %5s  %-28s  %5d (%3.0f%%)   %9d\n", w, orDash(s.Site, "(no site)"), orDash(s.Rating, "unrated"), s.Articles, score(s.MeanScore),
			fmt.Sprintf("%d/%d/%d/%d", b["high"], b["mixed"], b["low"], b["very low"]), s.Copied, 100*s.CopiedShare, s.CopiedBy)
	}
	return bw.Flush()
}

const siteUsage = `credence site [flags] DOMAIN

Profiles one site of the store: its articles, its rating, its credibility
scores and bands by month, its labels, how its articles sit among reliable
reporting on each signal (the median of their percentiles: 50 is typical of
reliable reporting; and the share at or above the 90th percentile), how it
sources statements (named people, outlets, second-hand, anonymous, vague,
social media, unattributed) and how many of its articles rely on weak
sourcing, and which sites it copies from and who copies it (an article
copies another site's when its earliest near-duplicate is that site's).

JSON output is the profile: {"site","rating","articles","mean_score",
"bands","first_published","last_published","copied","copied_share",
"copied_by","labels","months","signals","sourcing","copies_from",
"copied_by_sites"}.

Exit codes: 0 ok, 1 error (no store, no such site, indexes out of date:
run credence rebuild), 2 usage error.`

func cmdSite(args []string, stdout, stderr io.Writer) error {
	c := newCommand("site", siteUsage, stderr)
	storePath := storeFlag(c)
	format := c.String("format", "text", "output format: text or json")
	pos, err := c.parse(args, 1)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("site: give a site's domain as stored (credence sites lists them)")
	}
	if err := textOrJSON("site", *format); err != nil {
		return err
	}
	st, err := openStore(*storePath, false)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.Site(context.Background(), pos[0])
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no articles from site %q in %s (credence sites lists the sites)", pos[0], *storePath)
	}
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	if *format == "json" {
		if err := writeJSON(bw, p); err != nil {
			return err
		}
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%s · rating: %s · %s · %s\n", p.Site, orDash(p.Rating, "unrated"), plural(p.Articles, "article"), dateRange(p.First, p.Last))
	fmt.Fprintf(bw, "Score: mean %s · bands: %s\n", score(p.MeanScore), bandList(p.Bands))
	fmt.Fprintf(bw, "Labels: %s\n", countLine(p.Labels, []string{"reliable", "fake", "satire"}))

	fmt.Fprintln(bw, "\nBy month:")
	for _, m := range p.Months {
		fmt.Fprintf(bw, "  %-7s  %11s  mean %3s  %s\n", m.Month, plural(m.Articles, "article"), score(m.MeanScore), bandList(m.Bands))
	}

	if len(p.Signals) > 0 {
		fmt.Fprintln(bw, "\nSignals against reliable reporting (median percentile of its articles; share at or above the 90th):")
		for _, s := range p.Signals {
			if s.MedianPercentile == nil {
				fmt.Fprintf(bw, "  %-20s  no reference        mean %.3g over %s\n", s.ID, s.Mean, plural(s.Articles, "article"))
				continue
			}
			fmt.Fprintf(bw, "  %-20s  median p%-3.0f  %3.0f%% ≥ p90   mean %.3g over %s\n", s.ID, *s.MedianPercentile, 100**s.HighShare, s.Mean, plural(s.Articles, "article"))
		}
	}
	if so := p.Sourcing; so.Statements > 0 {
		fmt.Fprintf(bw, "\nSourcing (shares of %d statements in %s):\n  ", so.Statements, plural(so.Articles, "article"))
		var parts []string
		for _, k := range []string{"named", "outlet", "second-hand", "anonymous", "vague", "social-media", "unattributed"} {
			parts = append(parts, fmt.Sprintf("%s %.0f%%", k, 100*so.Shares[k]))
		}
		fmt.Fprintln(bw, strings.Join(parts, " · "))
		fmt.Fprintf(bw, "  articles relying on it for a quarter of their statements or more: second-hand %.0f%% · anonymous %.0f%% · unattributed %.0f%%\n",
			100*so.RelyShares["second-hand"], 100*so.RelyShares["anonymous"], 100*so.RelyShares["unattributed"])
	}
	fmt.Fprintf(bw, "\nCopying: %d of its articles (%.0f%%) copy an article another site published first; %d articles elsewhere copy its own.\n",
		p.Copied, 100*p.CopiedShare, p.CopiedBy)
	if len(p.CopiesFrom) > 0 {
		fmt.Fprintf(bw, "  copies from: %s\n", countsLine(p.CopiesFrom))
	}
	if len(p.CopiedBySites) > 0 {
		fmt.Fprintf(bw, "  copied by:   %s\n", countsLine(p.CopiedBySites))
	}
	return bw.Flush()
}

func countLine(m map[string]int, order []string) string {
	var parts []string
	for _, k := range order {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " · ")
}

func countsLine(cs []store.Count) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, fmt.Sprintf("%s %d", c.Name, c.Count))
	}
	return strings.Join(parts, " · ")
}

const rebuildUsage = `credence rebuild [flags]

Recomputes, from the stored reports, every row derived from them (entities,
quotes, attributions, claims, site profile rows, ratings) and the
near-duplicate and story indexes, in the order the articles were written.
The result is the same as writing the articles batch by batch. Run it after
"credence batch --no-index", or when a newer credence says the indexes are
out of date (it also upgrades a store made by an older version).

Exit codes: 0 ok, 1 error (no store, a damaged report), 2 usage error.`

func cmdRebuild(args []string, stdout, stderr io.Writer) error {
	c := newCommand("rebuild", rebuildUsage, stderr)
	storePath := storeFlag(c)
	progress := c.String("progress", "auto", "progress display: auto, lines or none")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	switch *progress {
	case "auto", "lines", "none":
	default:
		return usagef("rebuild: --progress must be auto, lines or none, not %q", *progress)
	}
	if _, err := os.Stat(*storePath); err != nil {
		return fmt.Errorf("no store at %s (run credence batch … --store %s first)", *storePath, *storePath)
	}
	st, err := openStore(*storePath, true)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	last := start
	var total int
	err = st.Rebuild(context.Background(), func(done, n int) {
		total = done
		if *progress != "none" && (time.Since(last) >= 5*time.Second || done == n) && n > 0 {
			last = time.Now()
			fmt.Fprintf(stderr, "credence rebuild: %d of %d articles (%.0f%%)\n", done, n, 100*float64(done)/float64(n))
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "credence rebuild: rebuilt %s in %.1f s: %s\n", plural(total, "article"), time.Since(start).Seconds(), *storePath)
	return nil
}
