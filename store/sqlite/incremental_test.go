package sqlite_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/corpus"
	"github.com/credence-news/credence/store"
	"github.com/credence-news/credence/store/sqlite"
)

// sampleArticles analyses the shipped sample corpus once and returns its
// articles in input order, ready to write.
func sampleArticles(t *testing.T) []store.Article {
	t.Helper()
	if testing.Short() {
		t.Skip("analyses the sample corpus")
	}
	a, err := credence.New(credence.Config{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "reports.jsonl")
	ctx := context.Background()
	if _, err := corpus.Run(ctx, a, []string{"../../examples/corpus/sample.jsonl"}, corpus.RunOptions{Output: out}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var arts []store.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var head struct{ ID string }
		line := slices.Clone(sc.Bytes())
		if err := json.Unmarshal(line, &head); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, store.Article{ID: head.ID, Hash: "h:" + head.ID, Engine: "e", Input: "sample.jsonl",
			Pos: fmt.Sprintf("line %d", len(arts)+1), JSON: line})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 311 {
		t.Fatalf("%d reports of the sample, want 311", len(arts))
	}
	return arts
}

// dump is everything the copy, story and site queries say about a store,
// as text, independent of the order articles were written in.
func dump(t *testing.T, d *sqlite.DB, ids []string) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, id := range ids {
		g, err := d.Copies(ctx, id, 0.4)
		if err != nil {
			t.Fatalf("copies %s: %v", id, err)
		}
		var members []string
		for _, c := range g {
			members = append(members, fmt.Sprintf("%s %.3f", c.ID, c.Similarity))
		}
		first := members[0]
		sort.Strings(members)
		fmt.Fprintf(&b, "copies %s: original %s; %v\n", id, first, members)
		s, err := d.Story(ctx, id)
		if err != nil {
			t.Fatalf("story %s: %v", id, err)
		}
		var arts []string
		for _, a := range s.Articles {
			arts = append(arts, a.ID)
		}
		sort.Strings(arts)
		js, _ := json.Marshal(struct {
			Scores  store.Spread
			Sites   []store.StorySite
			Claims  any
			Quotes  any
			Earlier string
		}{s.Scores, s.Sites, s.Claims, s.Quotes, s.Earliest.ID})
		fmt.Fprintf(&b, "story %s: %s %v %s\n", id, s.ID, arts, js)
	}
	list, err := d.Stories(ctx, store.StoryQuery{MinArticles: 1, Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	js, _ := json.Marshal(list)
	fmt.Fprintf(&b, "stories: %s\n", js)
	for _, by := range []string{"volume", "score", "copying"} {
		sites, err := d.Sites(ctx, store.SiteQuery{Sort: by, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(sites)
		fmt.Fprintf(&b, "sites by %s: %s\n", by, js)
		if by == "volume" {
			for _, s := range sites {
				p, err := d.Site(ctx, s.Site)
				if err != nil {
					t.Fatal(err)
				}
				js, _ := json.Marshal(p)
				fmt.Fprintf(&b, "site %s: %s\n", s.Site, js)
			}
		}
	}
	return b.String()
}

// TestIncrementalEqualsRebuild writes the sample corpus batch by batch,
// then replaces some articles (one with another event's report, so the
// story and copy groups it held together must split), adds an exact
// twin under a new id, and checks that every copy group, story and site
// profile equals what a full Rebuild of the same store gives, and what
// writing the final articles in one batch gives.
func TestIncrementalEqualsRebuild(t *testing.T) {
	arts := sampleArticles(t)
	ctx := context.Background()
	byID := map[string]store.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	swap := func(id, from string) store.Article {
		a := byID[from]
		a.ID, a.Hash, a.Pos = id, "h:"+from+"→"+id, byID[id].Pos
		return a
	}
	later := [][]store.Article{
		{swap("presswire-0002", "presswire-0030"), swap("lenshirepost-0001", "lenshirepost-0001")},
		{func() store.Article { a := byID["presswire-0003"]; a.ID, a.Pos = "mirror-0003", "line 999"; return a }()},
		{swap("harbourtimes-0001", "presswire-0002")}, // the old wire text back, under another id
	}
	dir := t.TempDir()
	open := func(name string) *sqlite.DB {
		d, err := sqlite.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	write := func(d *sqlite.DB, batch []store.Article) {
		if err := d.Write(ctx, batch, nil); err != nil {
			t.Fatal(err)
		}
	}

	// Incremental: batches of 37, then the changes one batch at a time.
	inc := open("incremental.db")
	for i := 0; i < len(arts); i += 37 {
		write(inc, arts[i:min(i+37, len(arts))])
	}
	for _, b := range later {
		write(inc, b)
	}
	// The same writes with the indexes off, then a Rebuild.
	reb := open("rebuilt.db")
	reb.SetIndexing(false)
	for i := 0; i < len(arts); i += 37 {
		write(reb, arts[i:min(i+37, len(arts))])
	}
	for _, b := range later {
		write(reb, b)
	}
	if _, err := reb.Copies(ctx, "presswire-0001", 0.5); err == nil || !strings.Contains(err.Error(), "run credence rebuild --store") {
		t.Fatalf("copies in a store written without indexes: %v, want an error asking for a rebuild", err)
	}
	if err := reb.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	// The final articles in one batch, in the order their last versions
	// were written (the original is the earliest published, then the first
	// written: the order breaks ties of date).
	replaced := map[string]bool{}
	var all []store.Article
	for _, b := range later {
		for _, a := range b {
			replaced[a.ID] = true
		}
	}
	for _, a := range arts {
		if !replaced[a.ID] {
			all = append(all, a)
		}
	}
	for _, b := range later {
		all = append(all, b...)
	}
	var ids []string
	for _, a := range all {
		ids = append(ids, a.ID)
	}
	sort.Strings(ids)
	one := open("one.db")
	write(one, all)

	want := dump(t, inc, ids)
	if got := dump(t, reb, ids); got != want {
		t.Errorf("rebuilt store differs from the incremental one:\n%s", firstDiff(want, got))
	}
	if got := dump(t, one, ids); got != want {
		t.Errorf("one-batch store differs from the incremental one:\n%s", firstDiff(want, got))
	}
	// And a Rebuild of the incremental store itself changes nothing.
	if err := inc.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, inc, ids); got != want {
		t.Errorf("rebuilding the incremental store changed it:\n%s", firstDiff(want, got))
	}

	// The changes did what they say: the old wire text now lives under
	// harbourtimes-0001, the original of its copies; presswire-0002 is in
	// the factory-closure story; the mirror is an exact copy.
	g, err := inc.Copies(ctx, "dailyflare-0001", 0.5)
	if err != nil || len(g) < 3 || g[0].ID != "harbourtimes-0001" {
		t.Errorf("copies of dailyflare-0001 after the swap: %v %v, want harbourtimes-0001 first", g, err)
	}
	s, err := inc.Story(ctx, "presswire-0002")
	if err != nil || !slices.ContainsFunc(s.Articles, func(a store.StoryArticle) bool { return a.ID == "presswire-0030" }) {
		t.Errorf("presswire-0002, now the factory report, is in story %s with %d articles, want presswire-0030's", s.ID, len(s.Articles))
	}
	g, err = inc.Copies(ctx, "mirror-0003", 0.99)
	if err != nil || len(g) < 2 || g[0].ID != "presswire-0003" || g[1].ID != "mirror-0003" || g[1].Similarity != 1 {
		t.Errorf("mirror-0003's exact copies: %v %v, want presswire-0003 (the first written) then the mirror", g, err)
	}
}

// firstDiff is the first line where two dumps differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			clip := func(s string) string {
				if len(s) > 600 {
					return s[:600] + "…"
				}
				return s
			}
			return fmt.Sprintf("line %d:\nwant %s\n got %s", i+1, clip(al[i]), clip(bl[i]))
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}

// TestCopyingAgainstTruth checks who-copies-whom in the site profiles
// against the sample corpus's ground truth. An article counted as copying
// another site's must be a copy in the truth (derived_from set) and its
// origin one of its ancestors (parent, parent's parent, … root): a
// viral site that rewrote a tabloid's rewrite of a wire report copies the
// tabloid or the wire. Every copy of another site's report whose chain
// starts at another site should be counted.
func TestCopyingAgainstTruth(t *testing.T) {
	arts := sampleArticles(t)
	d, err := sqlite.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	if err := d.Write(ctx, arts, nil); err != nil {
		t.Fatal(err)
	}
	site := func(id string) string { return id[:strings.LastIndexByte(id, '-')] + ".example" }
	f, err := os.Open("../../examples/corpus/sample-truth.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parent := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			ID          string
			DerivedFrom *string `json:"derived_from"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if r.DerivedFrom != nil {
			parent[r.ID] = *r.DerivedFrom
		}
	}
	ancestors := func(id string) []string {
		var out []string
		for p, ok := parent[id]; ok; p, ok = parent[p] {
			out = append(out, p)
		}
		return out
	}
	origins, err := d.Origins(ctx)
	if err != nil {
		t.Fatal(err)
	}
	right := 0
	for a, o := range origins {
		if slices.Contains(ancestors(a), o) {
			right++
		} else {
			t.Logf("  %s counted as copying %s; its ancestors are %v", a, o, ancestors(a))
		}
	}
	want := 0
	for a := range parent {
		anc := ancestors(a)
		if site(anc[len(anc)-1]) != site(a) {
			want++
		}
	}
	found := 0
	for a := range origins {
		if anc := ancestors(a); len(anc) > 0 && site(anc[len(anc)-1]) != site(a) {
			found++
		}
	}
	p, r := float64(right)/float64(len(origins)), float64(found)/float64(want)
	t.Logf("copies of another site's article: %d counted, %d right (precision %.3f); %d of the %d in the truth found (recall %.3f)",
		len(origins), right, p, found, want, r)
	if p < 0.97 || r < 0.9 {
		t.Errorf("copied-from precision %.3f, recall %.3f: want at least 0.97 and 0.9", p, r)
	}
}
