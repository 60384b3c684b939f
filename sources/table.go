package sources

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"github.com/credence-news/credence/internal/domain"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Levels.
const (
	LevelReliable   = "reliable"
	LevelMixed      = "mixed"
	LevelUnreliable = "unreliable"
	LevelSatire     = "satire"
	LevelUnrated    = "unrated"
)

// Thresholds on pc1 used by the Level rules.
const (
	ReliablePC1   = 0.7 // pc1 >= ReliablePC1 is good evidence
	UnreliablePC1 = 0.4 // pc1 < UnreliablePC1 is bad evidence
)

// Rating is what the datasets say about one domain (or site section).
// Its slices are shared with the table and must not be modified.
type Rating struct {
	// Domain is the table key that matched: a normalised host such as
	// "bbc.co.uk", or for a rated site section "newyorker.com/humor".
	Domain string

	PC1    float64 // Lin et al. 2023 consensus quality, 0..1 (truncated to 3 decimals)
	HasPC1 bool

	OpenSources []string // OpenSources tags, e.g. ["bias", "fake"]

	MBFCFactuality string // Media Bias/Fact Check factuality: "high", "mixed" or "low"
	MBFCBias       string // MBFC bias label, e.g. "left-center" (emnlp18) or "left" (acl2020)
	MBFCSource     string // which file gave the MBFC labels: "baly-acl2020" or "baly-emnlp18"

	FakeNewsCorpus []string // FakeNewsCorpus types, e.g. ["conspiracy"]

	Datasets []string // provenance: the IDs of every file that rates this domain

	// Level summarises the rating: "reliable", "mixed", "unreliable",
	// "satire" or "unrated", by the rules in the package documentation.
	Level string
}

// Table is a loaded ratings table. It is safe for concurrent use.
type Table struct {
	rows     []Rating
	index    map[string]int32     // host key → row
	sections map[string][]section // host → its rated sections, longest path first
}

type section struct {
	path string // "/humor"
	row  int32
}

//go:embed data/ratings.tsv.gz
var embedded []byte

var parseDefault = sync.OnceValues(func() (*Table, error) {
	t, err := Load(bytes.NewReader(embedded))
	if err != nil {
		return nil, fmt.Errorf("embedded source ratings: %w", err)
	}
	return t, nil
})

// Default returns the table embedded in the binary, parsed on first use.
func Default() (*Table, error) { return parseDefault() }

// Load reads a table written by Build (gzip-compressed TSV).
func Load(r io.Reader) (*Table, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("not a gzip-compressed ratings table: %v", err)
	}
	defer zr.Close()
	t := &Table{index: map[string]int32{}, sections: map[string][]section{}}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line, header := 0, false
	// Intern the few distinct label strings and lists.
	strs := map[string]string{}
	lists := map[string][]string{}
	intern := func(s string) string {
		if v, ok := strs[s]; ok {
			return v
		}
		strs[s] = s
		return s
	}
	list := func(s string) []string {
		if s == "" {
			return nil
		}
		if v, ok := lists[s]; ok {
			return v
		}
		v := strings.Split(s, "|")
		v = v[:len(v):len(v)]
		lists[s] = v
		return v
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if !header {
			if !slices.Equal(f, Columns) {
				return nil, fmt.Errorf("ratings table line %d: header is not %s", line, strings.Join(Columns, ","))
			}
			header = true
			continue
		}
		if len(f) != len(Columns) {
			return nil, fmt.Errorf("ratings table line %d: %d fields, want %d", line, len(f), len(Columns))
		}
		r := Rating{
			Domain:         f[0],
			OpenSources:    list(f[2]),
			MBFCFactuality: intern(f[3]),
			MBFCBias:       intern(f[4]),
			MBFCSource:     intern(f[5]),
			FakeNewsCorpus: list(f[6]),
			Datasets:       list(f[7]),
		}
		if f[1] != "" {
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil || v < 0 || v > 1 {
				return nil, fmt.Errorf("ratings table line %d: bad pc1 %q", line, f[1])
			}
			r.PC1, r.HasPC1 = v, true
		}
		r.Level, _ = decideLevel(&r)
		host, path, isSection := strings.Cut(r.Domain, "/")
		if host == "" || !domain.ValidHost(host) {
			return nil, fmt.Errorf("ratings table line %d: bad domain %q", line, r.Domain)
		}
		i := int32(len(t.rows))
		t.rows = append(t.rows, r)
		if isSection {
			t.sections[host] = append(t.sections[host], section{"/" + path, i})
		} else {
			if _, dup := t.index[host]; dup {
				return nil, fmt.Errorf("ratings table line %d: duplicate domain %q", line, host)
			}
			t.index[host] = i
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ratings table: %v", err)
	}
	if !header {
		return nil, fmt.Errorf("ratings table: no header line")
	}
	for _, secs := range t.sections {
		slices.SortFunc(secs, func(a, b section) int {
			if c := len(b.path) - len(a.path); c != 0 {
				return c
			}
			return strings.Compare(a.path, b.path)
		})
	}
	return t, nil
}

// Len returns the number of rows (domains and site sections).
func (t *Table) Len() int { return len(t.rows) }

// All yields every row of the table, in key order.
func (t *Table) All() iter.Seq[Rating] {
	return func(yield func(Rating) bool) {
		for _, r := range t.rows {
			if !yield(r) {
				return
			}
		}
	}
}

// Counts returns how many rows each dataset rates, by dataset ID.
func (t *Table) Counts() map[string]int {
	c := map[string]int{}
	for _, r := range t.rows {
		for _, d := range r.Datasets {
			c[d]++
		}
	}
	return c
}

// Lookup returns the rating of a host or URL ("https://www.dailystar.co.uk/news/x",
// "dailystar.co.uk", "news.bbc.co.uk"), normalised as Normalize does. It
// returns the most specific rated match: for a URL, a rated section of the
// same host whose path prefixes the URL's ("newyorker.com/humor"); then the
// host itself; then each parent domain down to the registrable domain
// ("news.bbc.co.uk" → "bbc.co.uk"), never a public suffix. The matched key
// is in Rating.Domain. When nothing matches it returns a Rating with the
// normalised host and Level "unrated", and false.
func (t *Table) Lookup(hostOrURL string) (Rating, bool) {
	host, path := domain.Split(hostOrURL)
	if host == "" {
		return Rating{Level: LevelUnrated}, false
	}
	if path != "" {
		for _, s := range t.sections[host] {
			if strings.HasPrefix(path, s.path) && (len(path) == len(s.path) || path[len(s.path)] == '/') {
				return t.rows[s.row], true
			}
		}
	}
	reg := RegistrableDomain(host)
	for h := host; ; {
		if i, ok := t.index[h]; ok {
			return t.rows[i], true
		}
		if h == reg || reg == "" {
			break
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 {
			break
		}
		h = h[dot+1:]
	}
	return Rating{Domain: host, Level: LevelUnrated}, false
}

var redFlagTags = []string{"fake", "conspiracy", "junksci", "hate"}

// decideLevel applies the Level rules of the package documentation and
// returns the level and the reason, for Explain.
func decideLevel(r *Rating) (level, reason string) {
	tags := func(want ...string) (found []string) {
		for _, w := range want {
			if slices.Contains(r.OpenSources, w) || slices.Contains(r.FakeNewsCorpus, w) {
				found = append(found, w)
			}
		}
		return found
	}
	if !r.HasPC1 && r.MBFCFactuality == "" && len(r.OpenSources) == 0 && len(r.FakeNewsCorpus) == 0 {
		return LevelUnrated, "no dataset rates it"
	}
	if red := tags(redFlagTags...); len(red) > 0 {
		return LevelUnreliable, "tagged " + strings.Join(red, ", ")
	}
	if len(tags("satire")) > 0 {
		return LevelSatire, "tagged satire"
	}
	var good, bad []string
	if r.HasPC1 {
		switch {
		case r.PC1 >= ReliablePC1:
			good = append(good, "pc1 >= 0.7")
		case r.PC1 < UnreliablePC1:
			bad = append(bad, "pc1 < 0.4")
		}
	}
	switch r.MBFCFactuality {
	case "high":
		good = append(good, "MBFC high")
	case "low":
		bad = append(bad, "MBFC low")
	}
	for _, t := range tags("unreliable", "rumor") {
		bad = append(bad, "tagged "+t)
	}
	switch {
	case len(good) > 0 && len(bad) > 0:
		return LevelMixed, "conflicting: " + strings.Join(good, ", ") + " but " + strings.Join(bad, ", ")
	case len(good) > 0:
		return LevelReliable, strings.Join(good, ", ")
	case len(bad) > 0:
		return LevelUnreliable, strings.Join(bad, ", ")
	}
	return LevelMixed, "no signal past a threshold"
}

// Explain returns the rating's evidence and level in one line, such as
//
//	pc1 0.85 (Lin et al. 2023); MBFC factuality high, bias left-center (Baly et al. 2018); level reliable: pc1 >= 0.7, MBFC high
//
// pc1 is shown truncated to two decimals, so the shown value is on the
// same side of the 0.7 and 0.4 thresholds as the real one. The level
// part names the rule that decided it (see the package documentation):
// "tagged fake" (a red-flag tag), "tagged satire", the good and bad
// evidence found, "conflicting: ... but ..." for a mixed level from
// conflicting evidence, or "no signal past a threshold".
func (r Rating) Explain() string {
	var parts []string
	if r.HasPC1 {
		parts = append(parts, fmt.Sprintf("pc1 %s (%s)", truncate2(r.PC1), shortCitation(Lin2023)))
	}
	if r.MBFCFactuality != "" {
		s := "MBFC factuality " + r.MBFCFactuality
		if r.MBFCBias != "" {
			s += ", bias " + r.MBFCBias
		}
		parts = append(parts, s+" ("+shortCitation(r.MBFCSource)+")")
	}
	if len(r.OpenSources) > 0 {
		parts = append(parts, "OpenSources: "+strings.Join(r.OpenSources, ", "))
	}
	if len(r.FakeNewsCorpus) > 0 {
		parts = append(parts, "FakeNewsCorpus: "+strings.Join(r.FakeNewsCorpus, ", "))
	}
	level, reason := decideLevel(&r)
	if level == LevelUnrated {
		return "unrated: no rating in Lin et al. 2023, Media Bias/Fact Check (Baly et al.), OpenSources or FakeNewsCorpus"
	}
	parts = append(parts, "level "+level+": "+reason)
	return strings.Join(parts, "; ")
}

// truncate2 formats v with two decimals, truncated rather than rounded.
func truncate2(v float64) string {
	n := int64(v*100 + 1e-9)
	return fmt.Sprintf("%d.%02d", n/100, n%100)
}

func shortCitation(id string) string {
	if i := datasetIndex(id); i >= 0 {
		return Datasets[i].Short
	}
	return id
}
