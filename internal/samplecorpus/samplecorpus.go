// Package samplecorpus generates the sample corpus shipped in
// examples/corpus: a few hundred fictional news articles from fictional
// sites about invented events, with copy chains whose every edit is
// recorded, and a ground-truth sidecar saying which event each article
// reports and which article each copy was derived from, with what edits.
//
// Everything in it was written for the project (data/): the sites and their
// house styles (data/sites.txt), one file per event with its base report,
// other outlets' own reports and the copies with their hand-written edits
// (data/events/), and unrelated one-off pages (data/other/). The generator
// adds, deterministically, syndicated pick-ups of the wire reports (a new
// headline, the story cut to length, the site's house style) and an
// aggregator's exact duplicates. There is no clock and no global random
// source: every choice is drawn from a PCG seeded by a hash of the
// article's key, so the output is the same bytes on every run.
//
// Regenerate with `go generate ./internal/samplecorpus` or, from the
// repository root, `go run ./internal/samplecorpus/gen`.
package samplecorpus

//go:generate go run ./gen -out ../../examples/corpus

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/credence-news/credence/internal/fnv1a"
)

//go:embed data
var dataFS embed.FS

// Article is one line of sample.jsonl.
type Article struct {
	ID        string   `json:"id"`
	URL       string   `json:"url"`
	Site      string   `json:"site"`
	Published string   `json:"published"`
	Title     string   `json:"title"`
	Text      string   `json:"text"`
	Authors   []string `json:"authors"`
}

// Truth is one line of sample-truth.jsonl: what the article is.
type Truth struct {
	ID string `json:"id"`
	// Event is the event the article reports, or null.
	Event *string `json:"event"`
	// Role is how the article came about: wire, report, followup,
	// independent, satire, opinion, oneoff or nonnews for articles written
	// on their own; copy (a rewrite with hand-made edits), syndicated (a
	// pick-up of a report: new headline, cut to length, house style) or
	// duplicate (republished word for word) for derived ones.
	Role string `json:"role"`
	// DerivedFrom is the id of the article this one was made from (null
	// for articles written on their own).
	DerivedFrom *string `json:"derived_from"`
	// Root is the first article of the chain (the article itself when it
	// was written on its own); Depth the number of derivation steps from it.
	Root  string `json:"root"`
	Depth int    `json:"depth"`
	// Edits, applied in order to the parent's title and paragraphs with
	// Apply, give this article's title and paragraphs exactly.
	Edits []Edit `json:"edits"`
}

// Roles of articles written on their own.
var originalRoles = []string{"wire", "report", "followup", "independent", "satire", "opinion", "oneoff", "nonnews"}

// Derived roles.
const (
	RoleCopy       = "copy"
	RoleSyndicated = "syndicated"
	RoleDuplicate  = "duplicate"
)

// The corpus' time span: every article is published inside it.
var (
	SpanStart = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	SpanEnd   = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
)

const duplicates = 24 // how many articles the aggregator republishes

type rule struct{ old, new string }

type site struct {
	domain, name, kind string
	staff              []string
	style              []rule
}

type piece struct {
	key, event, role string
	site             *site
	published        time.Time
	authors          []string
	title            string
	paras            []string
	parent           *piece
	edits            []Edit
	alts             []string
	syndicate        int
	id, url          string
}

func (p *piece) text() string { return strings.Join(p.paras, "\n\n") }

func rngFor(key string) *rand.Rand {
	return rand.New(rand.NewPCG(fnv1a.Hash64(key), 0x5a3c_91e7_0d42_b6f1))
}

// Corpus is the generated sample: articles in id order of publication and
// their truth, line for line.
type Corpus struct {
	Articles []Article
	Truth    []Truth
	// Events are the events' ids and one-line descriptions, in the order
	// of their data files.
	Events [][2]string
}

// Generate builds the corpus from the embedded data.
func Generate() (*Corpus, error) {
	g := &gen{sites: map[string]*site{}, byKey: map[string]*piece{}, names: map[string]string{}}
	if err := g.load(); err != nil {
		return nil, err
	}
	g.syndicate()
	g.duplicate()
	return g.finish()
}

type gen struct {
	sites  map[string]*site
	pieces []*piece
	byKey  map[string]*piece
	events []string
	names  map[string]string
}

func (g *gen) load() error {
	data, err := fs.ReadFile(dataFS, "data/sites.txt")
	if err != nil {
		return err
	}
	secs, err := parseFile("sites.txt", string(data))
	if err != nil {
		return err
	}
	for _, s := range secs {
		if s.kind != "site" {
			return fmt.Errorf("%s: want [site DOMAIN]", s.where())
		}
		st := &site{domain: s.key, name: s.get("name"), kind: s.get("kind")}
		for _, a := range strings.Split(s.get("staff"), ";") {
			if a = strings.TrimSpace(a); a != "" {
				st.staff = append(st.staff, a)
			}
		}
		for _, v := range s.all("style") {
			o, n, ok := strings.Cut(v, " => ")
			if !ok || o == "" || n == "" || strings.Contains(n, o) {
				return fmt.Errorf("%s: bad style rule %q", s.where(), v)
			}
			st.style = append(st.style, rule{o, n})
		}
		if st.name == "" || st.kind == "" || len(st.staff) == 0 {
			return fmt.Errorf("%s: a site needs name, kind and staff", s.where())
		}
		g.sites[st.domain] = st
	}
	for _, dir := range []string{"data/events", "data/other"} {
		ents, err := fs.ReadDir(dataFS, dir)
		if err != nil {
			return err
		}
		for _, e := range ents {
			if !strings.HasSuffix(e.Name(), ".txt") {
				continue
			}
			data, err := fs.ReadFile(dataFS, path.Join(dir, e.Name()))
			if err != nil {
				return err
			}
			secs, err := parseFile(e.Name(), string(data))
			if err != nil {
				return err
			}
			if err := g.loadFile(secs, dir == "data/events"); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *gen) siteOf(s *section) (*site, error) {
	st := g.sites[s.get("site")]
	if st == nil {
		return nil, fmt.Errorf("%s: unknown site %q", s.where(), s.get("site"))
	}
	return st, nil
}

func authorsOf(s *section, st *site, rng *rand.Rand) []string {
	var out []string
	for _, a := range strings.Split(s.get("authors"), ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		out = []string{st.staff[rng.IntN(len(st.staff))]}
	}
	return out
}

func (g *gen) add(p *piece, s *section) error {
	if g.byKey[p.key] != nil {
		return fmt.Errorf("%s: key %s used twice", s.where(), p.key)
	}
	g.byKey[p.key] = p
	g.pieces = append(g.pieces, p)
	return nil
}

func (g *gen) loadFile(secs []*section, isEvent bool) error {
	event, prefix := "", "other/"
	if isEvent {
		if len(secs) == 0 || secs[0].kind != "event" {
			return fmt.Errorf("an event file must start with [event ID]")
		}
		event, prefix = secs[0].key, secs[0].key+"/"
		if slices.Contains(g.events, event) {
			return fmt.Errorf("%s: event %s defined twice", secs[0].where(), event)
		}
		g.events = append(g.events, event)
		g.names[event] = secs[0].get("name")
		if g.names[event] == "" {
			return fmt.Errorf("%s: an event needs a name", secs[0].where())
		}
		secs = secs[1:]
	}
	for _, s := range secs {
		st, err := g.siteOf(s)
		if err != nil {
			return err
		}
		rng := rngFor(prefix + s.key)
		p := &piece{key: prefix + s.key, event: event, site: st}
		switch s.kind {
		case "story":
			p.role = s.get("role")
			if !slices.Contains(originalRoles, p.role) {
				return fmt.Errorf("%s: role %q", s.where(), p.role)
			}
			standalone := p.role == "oneoff" || p.role == "nonnews"
			if event != "" && standalone || event == "" && !standalone && p.role != "satire" && p.role != "opinion" {
				return fmt.Errorf("%s: role %s in the wrong kind of file", s.where(), p.role)
			}
			t, err := time.Parse(time.RFC3339, s.get("published"))
			if err != nil {
				return fmt.Errorf("%s: %v", s.where(), err)
			}
			p.published = t
			p.title = s.get("title")
			p.paras = s.paras
			p.authors = authorsOf(s, st, rng)
			p.alts = s.all("alt")
			if v := s.get("syndicate"); v != "" {
				if p.syndicate, err = strconv.Atoi(v); err != nil {
					return fmt.Errorf("%s: syndicate: %v", s.where(), err)
				}
			}
			if p.title == "" || len(p.paras) == 0 {
				return fmt.Errorf("%s: a story needs a title and a body", s.where())
			}
		case "copy":
			p.role = RoleCopy
			p.parent = g.byKey[prefix+s.get("from")]
			if p.parent == nil {
				return fmt.Errorf("%s: from %q: no such story or copy above", s.where(), s.get("from"))
			}
			d, err := parseAfter(s.get("after"))
			if err != nil {
				return fmt.Errorf("%s: after: %v", s.where(), err)
			}
			p.published = p.parent.published.Add(d)
			p.authors = authorsOf(s, st, rng)
			if len(s.paras) > 0 {
				return fmt.Errorf("%s: a copy has edits, not a body", s.where())
			}
			if err := g.edit(p, s); err != nil {
				return fmt.Errorf("%s: %v", s.where(), err)
			}
		default:
			return fmt.Errorf("%s: unknown section kind", s.where())
		}
		if err := g.add(p, s); err != nil {
			return err
		}
	}
	return nil
}

// parseAfter reads a delay like "5h20m" or "2d3h".
func parseAfter(v string) (time.Duration, error) {
	var d time.Duration
	if i := strings.Index(v, "d"); i >= 0 {
		n, err := strconv.Atoi(v[:i])
		if err != nil {
			return 0, err
		}
		d, v = time.Duration(n)*24*time.Hour, v[i+1:]
	}
	if v != "" {
		x, err := time.ParseDuration(v)
		if err != nil {
			return 0, err
		}
		d += x
	}
	if d <= 0 {
		return 0, fmt.Errorf("delay must be positive")
	}
	return d, nil
}

// do applies e to p and records it.
func (p *piece) do(e Edit) error {
	t, ps, err := Apply(p.title, p.paras, e)
	if err != nil {
		return err
	}
	p.title, p.paras = t, ps
	p.edits = append(p.edits, e)
	return nil
}

// edit makes a copy from its parent: the section's edits in order, then
// the site's house style on the words that came from the parent.
func (g *gen) edit(p *piece, s *section) error {
	p.title, p.paras = p.parent.title, append([]string(nil), p.parent.paras...)
	var written []string
	for _, f := range s.fields {
		var e Edit
		switch f.name {
		case "from", "site", "after", "authors", "style":
			continue
		case "headline":
			e = Edit{Kind: KindHeadline, Before: p.title, After: f.value}
		case "reword", "reattribute", "cut-quote":
			b, a, ok := strings.Cut(f.value, " =>")
			if !ok {
				return fmt.Errorf("line %d: want BEFORE => AFTER", f.line)
			}
			e = Edit{Kind: f.name, Before: b, After: strings.TrimSpace(a)}
		case "remove":
			e = Edit{Kind: KindRemoveSentence, Before: f.value}
		case "remove-paragraph":
			n := 0
			for _, q := range p.paras {
				if strings.HasPrefix(q, f.value) {
					e, n = Edit{Kind: KindRemoveParagraph, Before: q}, n+1
				}
			}
			if n != 1 {
				return fmt.Errorf("line %d: remove-paragraph: %d paragraphs start with %q", f.line, n, f.value)
			}
		case "add":
			at, txt, ok := strings.Cut(f.value, " | ")
			if !ok {
				return fmt.Errorf("line %d: want add: POSITION | TEXT", f.line)
			}
			pos := len(p.paras)
			if at != "end" {
				var err error
				if pos, err = strconv.Atoi(at); err != nil {
					return fmt.Errorf("line %d: %v", f.line, err)
				}
			}
			e = Edit{Kind: KindAddParagraph, After: txt, Position: &pos}
		default:
			return fmt.Errorf("line %d: unknown field %q", f.line, f.name)
		}
		if err := p.do(e); err != nil {
			return fmt.Errorf("line %d: %v", f.line, err)
		}
		if e.After != "" {
			written = append(written, e.After)
		}
	}
	if s.get("style") != "no" {
		return p.houseStyle(written)
	}
	return nil
}

func isWordByte(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// houseStyle rewords every whole-word occurrence of the site's style
// phrases, each as its own reword edit whose before is the shortest run of
// words around it found once in the body. It leaves alone the text the
// copy's own edits wrote (keep), which is in the copy's house style already.
func (p *piece) houseStyle(keep []string) error {
	var rules []rule
	for _, r := range p.site.style {
		rules = append(rules, r)
		if c := []rune(r.old); unicode.IsLower(c[0]) {
			up := func(s string) string { c := []rune(s); c[0] = unicode.ToUpper(c[0]); return string(c) }
			rules = append(rules, rule{up(r.old), up(r.new)})
		}
	}
	for _, r := range rules {
		for {
			pi, at := -1, -1
			for i, q := range p.paras {
				if j := styleIndex(q, r.old, keep); j >= 0 {
					pi, at = i, j
					break
				}
			}
			if pi < 0 {
				break
			}
			q := p.paras[pi]
			i, j := at, at+len(r.old)
			for count(p.paras, q[i:j]) != 1 {
				if i == 0 && j == len(q) {
					return fmt.Errorf("house style %q: no unique context", r.old)
				}
				if i > 0 {
					i = strings.LastIndex(q[:i-1], " ") + 1
				}
				if j < len(q) {
					if k := strings.Index(q[j+1:], " "); k < 0 {
						j = len(q)
					} else {
						j += 1 + k
					}
				}
			}
			e := Edit{Kind: KindReword, Before: q[i:j], After: q[i:at] + r.new + q[at+len(r.old):j]}
			if err := p.do(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// styleIndex is the index of the first whole-word occurrence of w in s
// that is not inside one of the texts in keep, or -1.
func styleIndex(s, w string, keep []string) int {
	for off := 0; off < len(s); {
		i := wordIndex(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		if !inside(s, i, i+len(w), keep) {
			return i
		}
		off = i + 1
	}
	return -1
}

// inside says whether s[i:j] overlaps an occurrence in s of one of keep.
func inside(s string, i, j int, keep []string) bool {
	for _, k := range keep {
		for off := 0; ; {
			x := strings.Index(s[off:], k)
			if x < 0 {
				break
			}
			x += off
			if x < j && i < x+len(k) {
				return true
			}
			off = x + 1
		}
	}
	return false
}

// wordIndex is the index of the first occurrence of w in s that is not
// part of a longer word, or -1.
func wordIndex(s, w string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		before := i == 0 || !isWordByte(rune(s[i-1]))
		end := i + len(w)
		after := end == len(s) || !isWordByte(rune(s[end]))
		if before && after {
			return i
		}
		off = i + 1
	}
}

func count(paras []string, s string) int {
	n := 0
	for _, p := range paras {
		n += strings.Count(p, s)
	}
	return n
}

// syndicate adds the pick-ups of every story with "syndicate: N": N
// regional or broadsheet sites not otherwise in the event run it with a new
// headline, cut to length, in their house style.
func (g *gen) syndicate() {
	used := map[string]map[string]bool{}
	for _, p := range g.pieces {
		if used[p.event] == nil {
			used[p.event] = map[string]bool{}
		}
		used[p.event][p.site.domain] = true
	}
	var pool []string
	for d, s := range g.sites {
		if s.kind == "regional" || s.kind == "broadsheet" {
			pool = append(pool, d)
		}
	}
	sort.Strings(pool)
	for _, src := range slices.Clone(g.pieces) {
		if src.syndicate == 0 {
			continue
		}
		rng := rngFor("syndicate/" + src.key)
		var free []string
		for _, d := range pool {
			if !used[src.event][d] {
				free = append(free, d)
			}
		}
		rng.Shuffle(len(free), func(i, j int) { free[i], free[j] = free[j], free[i] })
		for n := 0; n < src.syndicate && n < len(free); n++ {
			st := g.sites[free[n]]
			used[src.event][st.domain] = true
			p := &piece{
				key: src.key + "/" + st.domain, event: src.event, role: RoleSyndicated,
				site: st, parent: src, authors: src.authors,
				published: src.published.Add(time.Duration(35+rng.IntN(9*60)) * time.Minute),
				title:     src.title, paras: slices.Clone(src.paras),
			}
			if len(src.alts) > 0 {
				if h := src.alts[n%len(src.alts)]; h != p.title {
					must(p.do(Edit{Kind: KindHeadline, Before: p.title, After: h}))
				}
			}
			trim := []int{0, 1, 1, 2, 3}[rng.IntN(5)]
			for ; trim > 0 && len(p.paras) > 6; trim-- {
				last := p.paras[len(p.paras)-1]
				k := KindRemoveParagraph
				if strings.Contains(last, `"`) {
					k = KindCutQuote
				}
				must(p.do(Edit{Kind: k, Before: last}))
			}
			must(p.houseStyle(nil))
			g.byKey[p.key] = p
			g.pieces = append(g.pieces, p)
		}
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// duplicate adds the aggregator's word-for-word republications.
func (g *gen) duplicate() {
	var agg *site
	for _, d := range slices.Sorted(maps.Keys(g.sites)) {
		if g.sites[d].kind == "aggregator" {
			agg = g.sites[d]
			break
		}
	}
	if agg == nil {
		return
	}
	var pick []*piece
	for _, p := range g.pieces {
		switch p.role {
		case "wire", "report", "followup", "independent", RoleSyndicated, RoleCopy:
			pick = append(pick, p)
		}
	}
	sort.Slice(pick, func(i, j int) bool { return pick[i].key < pick[j].key })
	rng := rngFor("duplicates")
	rng.Shuffle(len(pick), func(i, j int) { pick[i], pick[j] = pick[j], pick[i] })
	for _, src := range pick[:min(duplicates, len(pick))] {
		p := &piece{
			key: src.key + "/" + agg.domain, event: src.event, role: RoleDuplicate,
			site: agg, parent: src, authors: src.authors,
			published: src.published.Add(time.Duration(15+rng.IntN(30*60)) * time.Minute),
			title:     src.title, paras: slices.Clone(src.paras), edits: []Edit{},
		}
		g.pieces = append(g.pieces, p)
	}
}

// slug makes a URL path segment from a title: up to eight words,
// lower case, hyphenated.
func slug(title string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !isWordByte(r) && r != '\'' }) {
		w = strings.ReplaceAll(w, "'", "")
		if w == "" || !isASCIIWord(w) {
			continue
		}
		words = append(words, w)
		if len(words) == 8 {
			break
		}
	}
	return strings.Join(words, "-")
}

func isASCIIWord(w string) bool {
	for _, r := range w {
		if r > 127 {
			return false
		}
	}
	return true
}

func (g *gen) finish() (*Corpus, error) {
	sort.SliceStable(g.pieces, func(i, j int) bool {
		a, b := g.pieces[i], g.pieces[j]
		if !a.published.Equal(b.published) {
			return a.published.Before(b.published)
		}
		return a.key < b.key
	})
	seq := map[string]int{}
	urls := map[string]bool{}
	c := &Corpus{}
	for _, e := range g.events {
		c.Events = append(c.Events, [2]string{e, g.names[e]})
	}
	for _, p := range g.pieces {
		if p.published.Before(SpanStart) || !p.published.Before(SpanEnd) {
			return nil, fmt.Errorf("%s: published %s outside the corpus' span", p.key, p.published)
		}
		if p.parent != nil && !p.parent.published.Before(p.published) {
			return nil, fmt.Errorf("%s: published before its parent", p.key)
		}
		seq[p.site.domain]++
		p.id = fmt.Sprintf("%s-%04d", strings.TrimSuffix(p.site.domain, ".example"), seq[p.site.domain])
		base := fmt.Sprintf("https://%s/%s/%s", p.site.domain, p.published.Format("2006/01/02"), slug(p.title))
		if p.site.kind == "aggregator" {
			base = fmt.Sprintf("https://%s/story/%s-%s", p.site.domain, p.published.Format("20060102"), slug(p.title))
		}
		p.url = base
		for n := 2; urls[p.url]; n++ {
			p.url = fmt.Sprintf("%s-%d", base, n)
		}
		urls[p.url] = true
		c.Articles = append(c.Articles, Article{
			ID: p.id, URL: p.url, Site: p.site.domain,
			Published: p.published.Format("2006-01-02T15:04:05Z"),
			Title:     p.title, Text: p.text(), Authors: p.authors,
		})
		t := Truth{ID: p.id, Role: p.role, Edits: p.edits}
		if t.Edits == nil {
			t.Edits = []Edit{}
		}
		if p.event != "" {
			ev := p.event
			t.Event = &ev
		}
		root := p
		for root.parent != nil {
			root = root.parent
			t.Depth++
		}
		t.Root = root.id
		if p.parent != nil {
			id := p.parent.id
			t.DerivedFrom = &id
		}
		c.Truth = append(c.Truth, t)
	}
	return c, nil
}

// JSONL encodes v, one JSON object a line.
func JSONL[T any](v []T) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, x := range v {
		if err := enc.Encode(x); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// Files is the generated files' contents by name: sample.jsonl and
// sample-truth.jsonl.
func (c *Corpus) Files() (map[string][]byte, error) {
	a, err := JSONL(c.Articles)
	if err != nil {
		return nil, err
	}
	t, err := JSONL(c.Truth)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{"sample.jsonl": a, "sample-truth.jsonl": t}, nil
}
