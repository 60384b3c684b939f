package samplecorpus

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const dir = "../../examples/corpus"

func generate(t *testing.T) (*Corpus, map[string][]byte) {
	t.Helper()
	c, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	files, err := c.Files()
	if err != nil {
		t.Fatal(err)
	}
	return c, files
}

// The committed files are what the generator writes, byte for byte, and
// the generator writes the same bytes every time.
func TestCommittedFilesMatch(t *testing.T) {
	_, files := generate(t)
	_, again := generate(t)
	for name, want := range files {
		if !bytes.Equal(want, again[name]) {
			t.Errorf("%s: two runs of the generator differ", name)
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("examples/corpus/%s is not what the generator writes: run `go run ./internal/samplecorpus/gen` from the repository root", name)
		}
	}
}

// The README's counts table is the generated corpus'.
func TestReadmeCounts(t *testing.T) {
	c, _ := generate(t)
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{c.StatsTable(), c.EventsTable()} {
		if !strings.Contains(string(readme), table) {
			t.Errorf("examples/corpus/README.md lacks the current table (`go run ./internal/samplecorpus/gen -stats` prints it):\n%s", table)
		}
	}
}

func words(s string) int { return len(strings.Fields(s)) }

func TestArticles(t *testing.T) {
	c, files := generate(t)
	if n := len(files["sample.jsonl"]); n > 1_500_000 {
		t.Errorf("sample.jsonl is %d bytes, over 1.5 MB", n)
	}
	if n := len(c.Articles); n < 300 || n > 500 {
		t.Errorf("%d articles, want 300-500", n)
	}
	ids, urls := map[string]bool{}, map[string]bool{}
	for i, a := range c.Articles {
		if ids[a.ID] || urls[a.URL] {
			t.Errorf("%s: id or url %s used twice", a.ID, a.URL)
		}
		ids[a.ID], urls[a.URL] = true, true
		if c.Truth[i].ID != a.ID {
			t.Fatalf("truth line %d is %s, article %s", i+1, c.Truth[i].ID, a.ID)
		}
		if !strings.HasPrefix(a.ID, strings.TrimSuffix(a.Site, ".example")+"-") || !strings.HasPrefix(a.URL, "https://"+a.Site+"/") {
			t.Errorf("%s: id or url %s does not match site %s", a.ID, a.URL, a.Site)
		}
		p, err := time.Parse(time.RFC3339, a.Published)
		if err != nil || p.Before(SpanStart) || !p.Before(SpanEnd) {
			t.Errorf("%s: published %q", a.ID, a.Published)
		}
		if a.Title == "" || len(a.Authors) == 0 || slices.Contains(a.Authors, "") {
			t.Errorf("%s: empty title or author", a.ID)
		}
		if strings.Contains(a.Text, "\n\n\n") || strings.TrimSpace(a.Text) != a.Text {
			t.Errorf("%s: text is not paragraphs separated by one blank line", a.ID)
		}
		for _, p := range strings.Split(a.Text, "\n\n") {
			if p == "" || strings.TrimSpace(p) != p || strings.Contains(p, "\n") || strings.Contains(p, "  ") {
				t.Errorf("%s: badly formed paragraph %q", a.ID, p)
			}
			if strings.Count(p, `"`)%2 != 0 {
				t.Errorf("%s: unbalanced quotes in %q", a.ID, p)
			}
			for _, bad := range []string{"=>", " | ", "{{", "TODO"} {
				if strings.Contains(p, bad) {
					t.Errorf("%s: %q left in %q", a.ID, bad, p)
				}
			}
		}
		if tr := c.Truth[i]; tr.Role == "wire" {
			if n := words(a.Text); n < 250 || n > 500 {
				t.Errorf("%s: wire report of %d words, want 250-500", a.ID, n)
			}
		}
	}
}

// Every derived article is its parent with its recorded edits applied.
func TestEditsReplay(t *testing.T) {
	c, _ := generate(t)
	byID := map[string]Article{}
	at := map[string]int{}
	for i, a := range c.Articles {
		byID[a.ID] = a
		at[a.ID] = i
	}
	for i, tr := range c.Truth {
		a := c.Articles[i]
		if tr.DerivedFrom == nil {
			if len(tr.Edits) != 0 || tr.Depth != 0 || tr.Root != tr.ID || slices.Contains([]string{RoleCopy, RoleSyndicated, RoleDuplicate}, tr.Role) {
				t.Errorf("%s: an original with edits, depth, another root or a derived role", tr.ID)
			}
			continue
		}
		parent, ok := byID[*tr.DerivedFrom]
		if !ok || at[parent.ID] >= i {
			t.Errorf("%s: parent %s missing or not earlier", tr.ID, *tr.DerivedFrom)
			continue
		}
		pt := c.Truth[at[parent.ID]]
		if tr.Depth != pt.Depth+1 || tr.Root != pt.Root || !equalPtr(tr.Event, pt.Event) {
			t.Errorf("%s: depth, root or event do not follow from parent %s", tr.ID, parent.ID)
		}
		switch tr.Role {
		case RoleDuplicate:
			if len(tr.Edits) != 0 || a.Title != parent.Title || a.Text != parent.Text {
				t.Errorf("%s: a duplicate that differs from %s", tr.ID, parent.ID)
			}
			continue
		case RoleCopy, RoleSyndicated:
		default:
			t.Errorf("%s: derived with role %s", tr.ID, tr.Role)
		}
		if len(tr.Edits) == 0 {
			t.Errorf("%s: a copy without edits", tr.ID)
		}
		title, paras, err := ApplyAll(parent.Title, strings.Split(parent.Text, "\n\n"), tr.Edits)
		if err != nil {
			t.Errorf("%s: %v", tr.ID, err)
			continue
		}
		if title != a.Title || strings.Join(paras, "\n\n") != a.Text {
			t.Errorf("%s: %s with the recorded edits is not the copy", tr.ID, parent.ID)
		}
		for _, e := range tr.Edits {
			if !slices.Contains(Kinds, e.Kind) {
				t.Errorf("%s: edit kind %q", tr.ID, e.Kind)
			}
			if (e.Kind == KindAddParagraph) != (e.Position != nil) {
				t.Errorf("%s: position on a %s edit", tr.ID, e.Kind)
			}
			// Each edit can be read off the pair on its own: what it
			// removed is in the parent, what it wrote is in the copy.
			if e.Kind != KindHeadline && !strings.Contains(parent.Text, e.Before) {
				t.Errorf("%s: %s before %q is not in the parent", tr.ID, e.Kind, e.Before)
			}
			if e.Kind != KindHeadline && !strings.Contains(a.Text, e.After) {
				t.Errorf("%s: %s after %q is not in the copy", tr.ID, e.Kind, e.After)
			}
		}
	}
}

func equalPtr(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// The corpus has what the copy-chain and cluster demos need.
func TestShape(t *testing.T) {
	c, _ := generate(t)
	copies := map[string]int{}
	roles := map[string]int{}
	deep, sites := 0, map[string]bool{}
	kinds := map[string]int{}
	for i, tr := range c.Truth {
		roles[tr.Role]++
		sites[c.Articles[i].Site] = true
		if tr.Role == RoleCopy {
			copies[*tr.Event]++
			if tr.Depth >= 3 {
				deep++
			}
		}
		for _, e := range tr.Edits {
			kinds[e.Kind]++
		}
	}
	chained := 0
	for _, n := range copies {
		if n >= 2 {
			chained++
		}
	}
	if chained < 15 || deep < 10 {
		t.Errorf("%d events with two or more copies (want 15), %d copies three steps deep (want 10)", chained, deep)
	}
	for _, r := range originalRoles {
		if roles[r] == 0 {
			t.Errorf("no %s article", r)
		}
	}
	if roles[RoleDuplicate] < 5 || roles[RoleSyndicated] < 50 {
		t.Errorf("roles: %v", roles)
	}
	for _, k := range Kinds {
		if kinds[k] == 0 {
			t.Errorf("no %s edit", k)
		}
	}
	if len(sites) < 12 {
		t.Errorf("%d sites", len(sites))
	}
}

// The truth file's lines decode back to what was generated.
func TestTruthJSON(t *testing.T) {
	c, files := generate(t)
	lines := strings.Split(strings.TrimSuffix(string(files["sample-truth.jsonl"]), "\n"), "\n")
	if len(lines) != len(c.Truth) {
		t.Fatalf("%d truth lines for %d articles", len(lines), len(c.Truth))
	}
	for i, l := range lines {
		var tr Truth
		if err := json.Unmarshal([]byte(l), &tr); err != nil {
			t.Fatal(err)
		}
		if tr.ID != c.Truth[i].ID || len(tr.Edits) != len(c.Truth[i].Edits) {
			t.Errorf("line %d does not round-trip", i+1)
		}
	}
}

// The articles the README uses as demos are still what it says they are.
func TestReadmeDemos(t *testing.T) {
	c, _ := generate(t)
	truth := map[string]Truth{}
	for _, tr := range c.Truth {
		truth[tr.ID] = tr
	}
	for _, d := range []struct{ id, from, event, role string }{
		{"presswire-0002", "", "bridge-vote", "wire"},
		{"harbourtimes-0001", "presswire-0002", "bridge-vote", RoleCopy},
		{"dailyflare-0001", "harbourtimes-0001", "bridge-vote", RoleCopy},
		{"buzzfeedr-0001", "dailyflare-0001", "bridge-vote", RoleCopy},
		{"presswire-0043", "", "lenn-voyager-ferry", "wire"},
		{"northgazette-0027", "presswire-0043", "lenn-voyager-ferry", RoleCopy},
		{"dailyflare-0016", "northgazette-0027", "lenn-voyager-ferry", RoleCopy},
		{"thesnapline-0011", "dailyflare-0016", "lenn-voyager-ferry", RoleCopy},
		{"buzzfeedr-0021", "dailyflare-0016", "lenn-voyager-ferry", RoleCopy},
		{"northgazette-0023", "", "eastmere-mayor-expenses", "report"},
		{"dailyflare-0012", "northgazette-0023", "eastmere-mayor-expenses", RoleCopy},
	} {
		tr, ok := truth[d.id]
		from := ""
		if tr.DerivedFrom != nil {
			from = *tr.DerivedFrom
		}
		if !ok || from != d.from || tr.Event == nil || *tr.Event != d.event || tr.Role != d.role {
			t.Errorf("README demo %s is no longer a %s of %s derived from %q: update examples/corpus/README.md", d.id, d.role, d.event, d.from)
		}
	}
}
