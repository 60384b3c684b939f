package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/credence-news/credence/store"
)

const wallStory = "Engineers finished repairs to the harbour wall on Friday, three months after a storm broke a section of it, the port authority said. " +
	"The work cost 1.2 million pounds and was paid for by the county council and the port's owners. " +
	"Fishing boats had been moored in the neighbouring bay since January, and the ferry to the islands ran from a temporary pontoon. " +
	"The harbour master said the wall was now stronger than before, with new concrete facing and steel ties along its length."

func copiesArticles(t *testing.T) []store.Article {
	mk := func(id, site, published, text string) store.Article {
		return build(t, art{id: id, title: "Harbour wall repaired", site: site, published: published, text: text,
			probs: [3]float64{0.7, 0.2, 0.1}, score: 60, band: "mixed"})
	}
	return []store.Article{
		mk("wire", "presswire.example", "2026-03-06T09:00:00Z", wallStory),
		mk("unrelated", "harbourtimes.example", "2026-03-06T08:00:00Z",
			"The county's hospital staff began a two-day strike over pay on Monday, the union said, and planned operations were postponed across three sites while talks continued."),
		mk("tabloid", "dailyflare.example", "2026-03-06T15:00:00Z", wallStory+" But will it survive the next big storm? We can probably guess."),
		mk("early-copy", "newsroll.example", "2026-03-07T07:00:00Z", wallStory),
	}
}

func groupIDs(g []store.Copy) []string {
	var out []string
	for _, c := range g {
		out = append(out, fmt.Sprintf("%s %.2f", c.ID, c.Similarity))
	}
	return out
}

func TestCopies(t *testing.T) {
	ctx := context.Background()
	arts := copiesArticles(t)
	// Written in one batch, and one at a time in another order: the same
	// pairs (a pair is found when its later article is written).
	one, apart := openTemp(t), openTemp(t)
	if err := one.Write(ctx, arts, nil); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{3, 1, 2, 0} {
		if err := apart.Write(ctx, arts[i:i+1], nil); err != nil {
			t.Fatal(err)
		}
	}
	for name, d := range map[string]*DB{"one batch": one, "one at a time": apart} {
		g, err := d.Copies(ctx, "tabloid", 0.5)
		if err != nil {
			t.Fatal(err)
		}
		got := groupIDs(g)
		if len(got) != 3 || got[0] != "wire 1.00" || got[2] != "early-copy 1.00" || !slices.Contains([]string{"tabloid 0.7", "tabloid 0.8"}, got[1][:len("tabloid 0.7")]) {
			t.Errorf("%s: group of tabloid = %v, want wire (the earliest), tabloid, early-copy", name, got)
		}
		if g, _ := d.Copies(ctx, "unrelated", 0.5); len(g) != 1 || g[0].ID != "unrelated" {
			t.Errorf("%s: the unrelated article's group = %v", name, groupIDs(g))
		}
		if g, _ := d.Copies(ctx, "wire", 0.99); len(g) != 2 {
			t.Errorf("%s: at 0.99 the wire's group = %v, want the exact copy alone", name, groupIDs(g))
		}
		if _, err := d.Copies(ctx, "nope", 0.5); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: unknown id: %v", name, err)
		}
	}
	// Pairs are kept between classes of equal signatures: the wire and
	// its word-for-word copy are one class, so the tabloid's two article
	// pairs are one stored pair.
	pairs := `SELECT min(a.id, b.id), max(a.id, b.id), round(c.similarity, 3) FROM copies c
		JOIN articles a ON a.class = c.cid JOIN articles b ON b.class = c.other ORDER BY 1, 2`
	got, want := rows(t, apart, pairs), rows(t, one, pairs)
	if len(want) != 2 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pairs written one at a time %v, in one batch %v: want the same 2", got, want)
	}
	eq(t, "classes", rows(t, one, `SELECT count(*) FROM classes`)[0][0], "3")
	eq(t, "stored pairs", rows(t, one, `SELECT count(*) FROM copies`)[0][0], "1")

	// Replacing the wire, through whose class the others were found,
	// leaves its copy and the tabloid linked: the class lives on.
	moved := copiesArticles(t)[1]
	moved.ID, moved.Hash, moved.Report.ID = "wire", "moved", "wire"
	if err := apart.Write(ctx, []store.Article{moved}, nil); err != nil {
		t.Fatal(err)
	}
	if g, _ := apart.Copies(ctx, "early-copy", 0.5); len(g) != 2 || g[0].ID != "tabloid" || g[1].ID != "early-copy" {
		t.Errorf("after the wire was replaced, the early copy's group = %v, want tabloid then early-copy", groupIDs(g))
	}

	// Replacing the tabloid's text with another story drops its pairs.
	changed := copiesArticles(t)[1]
	changed.ID, changed.Hash = "tabloid", "changed"
	changed.Report.ID = "tabloid"
	if err := one.Write(ctx, []store.Article{changed}, nil); err != nil {
		t.Fatal(err)
	}
	if g, _ := one.Copies(ctx, "wire", 0.5); len(g) != 2 || g[1].ID != "early-copy" {
		t.Errorf("after the tabloid was replaced, the wire's group = %v", groupIDs(g))
	}
	if g, _ := one.Copies(ctx, "tabloid", 0.5); len(g) != 2 || g[0].ID != "unrelated" {
		t.Errorf("the replaced tabloid now copies the unrelated story: %v", groupIDs(g))
	}
}

// TestUpgradeFromSchema1 opens a store written by the previous release
// (schema 1: twelve sample-corpus articles, testdata/schema1.db): the
// migration keeps every article, marks the indexes out of date, and
// Rebuild makes the copy, story and site indexes from the stored reports.
func TestUpgradeFromSchema1(t *testing.T) {
	src, err := os.ReadFile("testdata/schema1.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(path); err == nil || !strings.Contains(err.Error(), "has schema version 1, older than this credence's") ||
		!strings.Contains(err.Error(), "upgrade it with credence rebuild --store "+path) {
		t.Errorf("read-only open of a schema 1 store: %v", err)
	}
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	eq(t, "articles kept", rows(t, d, `SELECT count(*) FROM articles`)[0][0], "12")
	if ok, err := d.IndexesCurrent(ctx); ok || err != nil {
		t.Errorf("indexes current after the upgrade: %v %v", ok, err)
	}
	if _, err := d.Copies(ctx, "dailyflare-0001", 0.5); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "run credence rebuild --store "+path) {
		t.Errorf("copies before the rebuild: %v", err)
	}
	if _, err := d.Stories(ctx, store.StoryQuery{}); !errors.Is(err, ErrStale) {
		t.Errorf("stories before the rebuild: %v", err)
	}
	var steps []int
	if err := d.Rebuild(ctx, func(done, total int) { steps = append(steps, done, total) }); err != nil {
		t.Fatal(err)
	}
	eq(t, "progress", fmt.Sprint(steps), "[12 12]")
	g, err := d.Copies(ctx, "dailyflare-0001", 0.5)
	if err != nil || len(g) < 2 || g[0].ID != "presswire-0002" {
		t.Errorf("copies of dailyflare-0001 after the rebuild: %v %v, want presswire-0002 first", groupIDs(g), err)
	}
	s, err := d.Story(ctx, "lenshirepost-0001")
	if err != nil || s.ID != "presswire-0001" || len(s.Articles) < 3 {
		t.Errorf("story of lenshirepost-0001: %s with %d articles, %v", s.ID, len(s.Articles), err)
	}
	p, err := d.Site(ctx, "presswire.example")
	if err != nil || p.Articles != 2 || len(p.Signals) == 0 || p.CopiedBy == 0 {
		t.Errorf("presswire.example after the rebuild: %d articles, %d signals, copied by %d, %v", p.Articles, len(p.Signals), p.CopiedBy, err)
	}
	eq(t, "profiles", rows(t, d, `SELECT count(*) FROM profiles`)[0][0], "12")
	if err := d.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}
