package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/credence-news/credence/store"
)

const storiesUsage = `credence stories [flags]

Lists the stories of the store: groups of articles about the same event,
found as the batches were written (articles that share named people,
organisations and places and title words, published within days of each
other, linked directly or through other articles). A story is named by the
id of its earliest article; "credence story ID" shows one in full, and
accepts the id of any of its articles.

Text output gives, for each story, its size, sites, dates, the spread of
its credibility scores and its earliest headline. JSON output is
{"stories": [{"id","title","articles","sites","first_published",
"last_published","min_score","mean_score","max_score"}]}.

Exit codes: 0 ok (also when no story matches), 1 error (no store, indexes
out of date: run credence rebuild), 2 usage error.`

func cmdStories(args []string, stdout, stderr io.Writer) error {
	c := newCommand("stories", storiesUsage, stderr)
	storePath := storeFlag(c)
	sortBy := c.String("sort", "size", "order: size (most articles), sites (most sites), recent (latest first) or spread (widest score spread)")
	site := c.String("site", "", "only stories `SITE` covered")
	entity := c.String("entity", "", "only stories with an article naming `NAME`")
	from := c.String("from", "", "only stories with an article published on or after `DATE` (YYYY-MM-DD)")
	to := c.String("to", "", "only stories with an article published on or before `DATE` (YYYY-MM-DD)")
	minArticles := c.Int("min", 2, "only stories of at least `N` articles")
	limit := c.Int("limit", 20, "at most `N` stories")
	format := c.String("format", "text", "output format: text or json")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if err := textOrJSON("stories", *format); err != nil {
		return err
	}
	switch *sortBy {
	case "size", "sites", "recent", "spread":
	default:
		return usagef("stories: --sort must be size, sites, recent or spread, not %q", *sortBy)
	}
	if *limit < 1 || *minArticles < 1 {
		return usagef("stories: --limit and --min must be at least 1")
	}
	q := store.StoryQuery{Sort: *sortBy, Site: *site, Entity: *entity, MinArticles: *minArticles, Limit: *limit}
	var err error
	if q.From, q.To, err = parseDays(*from, *to); err != nil {
		return err
	}
	st, err := openStore(*storePath, false)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Stories(context.Background(), q)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	if *format == "json" {
		if list == nil {
			list = []store.StoryRow{}
		}
		if err := writeJSON(bw, struct {
			Stories []store.StoryRow `json:"stories"`
		}{list}); err != nil {
			return err
		}
		return bw.Flush()
	}
	if len(list) == 0 {
		fmt.Fprintf(bw, "No story of %d or more articles matches.\n", *minArticles)
		return bw.Flush()
	}
	width := listWidth(stdout)
	for i, s := range list {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s\n", clipLine(s.Title, width))
		fmt.Fprintf(bw, "  %s · %s · %s · scores %s · id %s\n", plural(s.Articles, "article"), plural(s.Sites, "site"),
			dateRange(s.First, s.Last), scoreRange(s.MinScore, s.MeanScore, s.MaxScore), s.ID)
	}
	return bw.Flush()
}

const storyUsage = `credence story [flags] ID

Shows the story a stored article belongs to: its earliest report, the
sites covering it with their ratings and mean scores, the spread of the
credibility scores, every article in time order, the claims articles of at
least two sites make (and how each site words them), and the quotes grouped
by speaker with the sites that carry each.

JSON output is {"id","title","first_published","last_published",
"earliest","sites","scores","articles","shared_claims",
"quotes_by_speaker"}.

Exit codes: 0 ok, 1 error (no store, no such id, indexes out of date: run
credence rebuild), 2 usage error.`

func cmdStory(args []string, stdout, stderr io.Writer) error {
	c := newCommand("story", storyUsage, stderr)
	storePath := storeFlag(c)
	format := c.String("format", "text", "output format: text or json")
	pos, err := c.parse(args, 1)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("story: give the id of a stored article (credence stories and credence search list them)")
	}
	if err := textOrJSON("story", *format); err != nil {
		return err
	}
	st, err := openStore(*storePath, false)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Story(context.Background(), pos[0])
	if errors.Is(err, store.ErrNotFound) {
		return notStored(pos[0], *storePath)
	}
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	if *format == "json" {
		if err := writeJSON(bw, s); err != nil {
			return err
		}
		return bw.Flush()
	}
	width := listWidth(stdout)
	e := s.Earliest
	fmt.Fprintf(bw, "Story: %s\n", s.Title)
	fmt.Fprintf(bw, "  first reported by %s on %s (id %s)\n", e.Site, day(e.Published), e.ID)
	fmt.Fprintf(bw, "  %s · %s · %s\n", plural(len(s.Articles), "article"), plural(len(s.Sites), "site"), dateRange(s.First, s.Last))
	fmt.Fprintf(bw, "\nScores: %s", scoreRange(s.Scores.Min, s.Scores.Mean, s.Scores.Max))
	if s.Scores.Median != nil {
		fmt.Fprintf(bw, ", median %.0f", *s.Scores.Median)
	}
	fmt.Fprintf(bw, " (%d scored) · bands: %s\n", s.Scores.Scored, bandList(s.Scores.Bands))

	fmt.Fprintln(bw, "\nSites, earliest coverage first:")
	siteW := 0
	for _, x := range s.Sites {
		siteW = max(siteW, len([]rune(x.Site)))
	}
	for _, x := range s.Sites {
		fmt.Fprintf(bw, "  %-*s  %-10s  %-11s  mean %s  first %s\n", siteW, x.Site, orDash(x.Rating, "unrated"),
			plural(x.Articles, "article"), score(x.MeanScore), day(x.First))
	}

	fmt.Fprintln(bw, "\nArticles:")
	for _, a := range s.Articles {
		fmt.Fprintf(bw, "  %-10s  %-*s  %3s %-9s  %s (%s)\n", day(a.Published), siteW, a.Site, score(a.Score), orDash(a.Band, "—"),
			clipLine(a.Title, max(width-siteW-40, 30)), a.ID)
	}

	if len(s.Claims) > 0 {
		fmt.Fprintln(bw, "\nClaims made by articles of two sites or more:")
		for i, cl := range s.Claims {
			fmt.Fprintf(bw, "  %d. “%s” — %s\n", i+1, clipLine(cl.Text, width-16), plural(len(cl.Sites), "site"))
			for _, w := range cl.Wordings {
				if w.Text == cl.Text {
					continue
				}
				fmt.Fprintf(bw, "     %s: “%s”\n", w.Site, clipLine(w.Text, width-len(w.Site)-10))
			}
		}
	}
	if len(s.Quotes) > 0 {
		fmt.Fprintln(bw, "\nQuotes by speaker:")
		for _, sp := range s.Quotes {
			name := sp.Speaker
			if name == "" {
				name = "(no speaker found)"
			}
			fmt.Fprintf(bw, "  %s\n", name)
			for _, q := range sp.Quotes {
				fmt.Fprintf(bw, "    “%s” — %s\n", clipLine(q.Text, width-20), plural(len(q.Sites), "site"))
			}
		}
	}
	if s.Truncated {
		fmt.Fprintf(bw, "\n(claims and quotes are those of the earliest articles only: the story has %d)\n", len(s.Articles))
	}
	return bw.Flush()
}

// listWidth is the width to clip list lines to: the terminal's, or 120
// when the output is a file or a pipe.
func listWidth(w io.Writer) int {
	if isTerminal(w) {
		return termWidth(w)
	}
	return 120
}

// writeJSON writes v indented, without HTML escaping.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func dateRange(first, last string) string {
	switch {
	case first == "" && last == "":
		return "undated"
	case first == last || last == "":
		return first
	}
	return first + " → " + last
}

func score(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%.0f", *v)
}

func scoreRange(lo, mean, hi *float64) string {
	if lo == nil {
		return "none (all abstained)"
	}
	if *lo == *hi {
		return score(lo)
	}
	return fmt.Sprintf("%s–%s (mean %s)", score(lo), score(hi), score(mean))
}

// bandOrder is the bands from best to worst.
var bandOrder = []string{"high", "mixed", "low", "very low", "abstained"}

func bandList(m map[string]int) string {
	var parts []string
	for _, b := range bandOrder {
		if m[b] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", b, m[b]))
		}
	}
	var other []string
	for b, n := range m {
		if !contains(bandOrder, b) && n > 0 {
			other = append(other, fmt.Sprintf("%s %d", b, n))
		}
	}
	sort.Strings(other)
	parts = append(parts, other...)
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " · ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func orDash(s, dash string) string {
	if s == "" {
		return dash
	}
	return s
}
