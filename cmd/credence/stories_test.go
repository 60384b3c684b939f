package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// sampleStore batches the shipped sample corpus into a store once for the
// tests of the corpus-wide commands.
var sampleStore = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "credence-sample-")
	if err != nil {
		return "", err
	}
	db := filepath.Join(dir, "sample.db")
	var errb bytes.Buffer
	if code := run([]string{"batch", "../../examples/corpus/sample.jsonl", "--store", db, "--progress", "none"}, strings.NewReader(""), &bytes.Buffer{}, &errb); code != exitOK {
		return "", &usageError{"batch of the sample: " + errb.String()}
	}
	return db, nil
})

func sampleDB(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("analyses the sample corpus")
	}
	db, err := sampleStore()
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// sampleEvents is the event of each sample article (sample-truth.jsonl).
func sampleEvents(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("../../examples/corpus/sample-truth.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	events := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct{ ID, Event string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		events[r.ID] = r.Event
	}
	return events
}

func TestStoriesCommands(t *testing.T) {
	db := sampleDB(t)
	events := sampleEvents(t)

	code, out, e := runCmd("stories", "--store", db, "--format", "json", "--limit", "100")
	if code != exitOK {
		t.Fatalf("stories: exit %d: %s", code, e)
	}
	var list struct {
		Stories []struct {
			ID              string
			Articles, Sites int
			FirstPublished  string `json:"first_published"`
		}
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Stories) < 30 {
		t.Errorf("%d stories of two articles or more, want one for most of the sample's 40 events", len(list.Stories))
	}
	for i, s := range list.Stories {
		if i > 0 && s.Articles > list.Stories[i-1].Articles {
			t.Errorf("stories not by size: %d after %d", s.Articles, list.Stories[i-1].Articles)
		}
	}
	// Every story holds one event only (precision), and the council-tax
	// story holds all five of its reports.
	seen := 0
	for _, s := range list.Stories {
		code, out, e := runCmd("story", "--store", db, "--format", "json", s.ID)
		if code != exitOK {
			t.Fatalf("story %s: exit %d: %s", s.ID, code, e)
		}
		var st struct {
			ID       string
			Earliest struct{ ID, Site string }
			Articles []struct{ ID string }
			Sites    []struct{ Site string }
		}
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			t.Fatal(err)
		}
		if st.ID != s.ID || st.Earliest.ID != s.ID || len(st.Articles) != s.Articles || len(st.Sites) != s.Sites {
			t.Errorf("story %s shows %s, earliest %s, %d articles, %d sites; the list said %d and %d", s.ID, st.ID, st.Earliest.ID, len(st.Articles), len(st.Sites), s.Articles, s.Sites)
		}
		for _, a := range st.Articles {
			seen++
			if events[a.ID] != events[s.ID] {
				t.Errorf("story %s (%s) holds %s, a report of %s", s.ID, events[s.ID], a.ID, events[a.ID])
			}
		}
	}
	if seen < 250 {
		t.Errorf("%d of the 311 sample articles are in stories of two or more, want most", seen)
	}

	// Any article's id finds its story; the text names the first report.
	code, out, e = runCmd("story", "--store", db, "lenshirepost-0001")
	if code != exitOK {
		t.Fatalf("story: exit %d: %s", code, e)
	}
	for _, want := range []string{
		"Story: Lenshire council tax to rise by 4.99% as county warns of \"toughest year yet\"\n",
		"  first reported by presswire.example on 2026-03-03 (id presswire-0001)\n",
		"  5 articles · 5 sites · 2026-03-03 → 2026-03-04\n",
		"Quotes by speaker:\n  Jeremy Haskett\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("story text lacks %q:\n%s", want, out)
		}
	}
	if code, _, e = runCmd("story", "--store", db, "nope"); code != exitError || !strings.Contains(e, `no article with id "nope"`) {
		t.Errorf("unknown id: exit %d, %q", code, e)
	}
	if code, _, e = runCmd("stories", "--store", db, "--sort", "biggest"); code != exitUsage ||
		!strings.Contains(e, `--sort must be size, sites, recent or spread, not "biggest"`) {
		t.Errorf("bad sort: exit %d, %q", code, e)
	}
	code, out, _ = runCmd("stories", "--store", db, "--site", "dailyflare.example", "--format", "json", "--limit", "100")
	if code != exitOK || !strings.Contains(out, `"id": "presswire-0002"`) {
		t.Errorf("stories dailyflare covered should include the Tidewater Bridge story presswire-0002:\n%s", out)
	}
}

func TestSitesCommands(t *testing.T) {
	db := sampleDB(t)
	code, out, e := runCmd("sites", "--store", db, "--sort", "copying", "--format", "json", "--limit", "100")
	if code != exitOK {
		t.Fatalf("sites: exit %d: %s", code, e)
	}
	var sites struct {
		Sites []struct {
			Site             string
			Articles, Copied int
			CopiedShare      float64 `json:"copied_share"`
			CopiedBy         int     `json:"copied_by"`
		}
	}
	if err := json.Unmarshal([]byte(out), &sites); err != nil {
		t.Fatal(err)
	}
	if len(sites.Sites) != 14 {
		t.Fatalf("%d sites, want the sample's 14", len(sites.Sites))
	}
	by := map[string]int{}
	for i, s := range sites.Sites {
		by[s.Site] = i
		if i > 0 && s.CopiedShare > sites.Sites[i-1].CopiedShare {
			t.Errorf("sites not by copying: %s after %s", s.Site, sites.Sites[i-1].Site)
		}
	}
	// The wire service copies nobody and is copied the most; the
	// aggregator copies nearly everything it runs.
	wire := sites.Sites[by["presswire.example"]]
	if wire.Copied != 0 || wire.CopiedBy < 100 {
		t.Errorf("presswire.example: copied %d, copied by %d; want 0 and the most", wire.Copied, wire.CopiedBy)
	}
	if agg := sites.Sites[by["newsroll.example"]]; agg.CopiedShare < 0.9 {
		t.Errorf("newsroll.example, an aggregator, copies %.2f of its articles", agg.CopiedShare)
	}

	code, out, e = runCmd("site", "--store", db, "dailyflare.example")
	if code != exitOK {
		t.Fatalf("site: exit %d: %s", code, e)
	}
	for _, want := range []string{
		"dailyflare.example · rating: unrated · 17 articles · 2026-03-04 → 2026-04-24\n",
		"By month:\n  2026-03 ",
		"Signals against reliable reporting",
		"Sourcing (shares of ",
		"  copies from: presswire.example ",
		"  copied by:   buzzfeedr.example ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("site text lacks %q:\n%s", want, out)
		}
	}
	if code, _, e = runCmd("site", "--store", db, "nowhere.example"); code != exitError || !strings.Contains(e, `no articles from site "nowhere.example"`) {
		t.Errorf("unknown site: exit %d, %q", code, e)
	}
}

// TestNoIndexThenRebuild: a batch with --no-index leaves the indexes out
// of date, the commands that need them say so, and rebuild mends them.
func TestNoIndexThenRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses part of the sample corpus")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "part.jsonl")
	b, err := os.ReadFile("../../examples/corpus/sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	if err := os.WriteFile(in, []byte(strings.Join(lines[:40], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	code, _, e := runCmd("batch", in, "--store", db, "--progress", "none", "--no-index")
	if code != exitOK || !strings.Contains(e, "the store's copy, story and site indexes are out of date: run credence rebuild --store "+db) {
		t.Fatalf("batch --no-index: exit %d: %s", code, e)
	}
	for _, args := range [][]string{{"stories"}, {"story", "presswire-0001"}, {"sites"}, {"site", "presswire.example"}, {"copies", "presswire-0001"}} {
		code, _, e := runCmd(append(args, "--store", db)...)
		if code != exitError || !strings.Contains(e, "out of date") || !strings.Contains(e, "run credence rebuild --store "+db) {
			t.Errorf("%s on an unindexed store: exit %d, %q", args[0], code, e)
		}
	}
	if code, _, e = runCmd("rebuild", "--store", db, "--progress", "none"); code != exitOK || !strings.Contains(e, "rebuilt 40 articles") {
		t.Fatalf("rebuild: exit %d: %s", code, e)
	}
	if code, out, e := runCmd("story", "--store", db, "presswire-0001"); code != exitOK || !strings.Contains(out, "first reported by presswire.example") {
		t.Errorf("story after rebuild: exit %d: %s%s", code, out, e)
	}
	if code, _, e = runCmd("rebuild", "--store", filepath.Join(dir, "none.db")); code != exitError || !strings.Contains(e, "no store at") {
		t.Errorf("rebuild of no store: exit %d, %q", code, e)
	}
}

func TestCorpusCommandsUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"story"}, "story: give the id of a stored article"},
		{[]string{"site"}, "site: give a site's domain as stored"},
		{[]string{"stories", "--limit", "0"}, "stories: --limit and --min must be at least 1"},
		{[]string{"sites", "--sort", "fame"}, `sites: --sort must be volume, score, low-score or copying, not "fame"`},
		{[]string{"story", "--format", "xml", "x"}, `story: --format must be text or json, not "xml"`},
		{[]string{"rebuild", "--progress", "bar"}, `rebuild: --progress must be auto, lines or none, not "bar"`},
		{[]string{"stories", "--from", "yesterday"}, "--from"},
	} {
		code, _, e := runCmd(c.args...)
		if code != exitUsage || !strings.Contains(e, c.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", c.args, code, e, exitUsage, c.want)
		}
	}
	dir := t.TempDir()
	for _, args := range [][]string{{"stories"}, {"story", "x"}, {"sites"}, {"site", "x.example"}} {
		db := filepath.Join(dir, "none.db")
		code, _, e := runCmd(append(args, "--store", db)...)
		if code != exitError || !strings.Contains(e, "no store at "+db) {
			t.Errorf("%v without a store: exit %d, %q", args, code, e)
		}
	}
}
