package gazetteer

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/segment"

	"github.com/credence-news/credence/internal/shareddata"
)

var updateSeed = flag.Bool("update-seed", false, "rewrite data/outlets-seed.tsv from ../shared/datasets/sources")

// words splits a test sentence at spaces: test sentences are written
// already tokenized, Penn Treebank style.
func words(s string) []string { return strings.Fields(s) }

// render shows matches as "Class[start,end)=Name".
func render(g *Gazetteer, ws []string) []string {
	var out []string
	for _, m := range g.Matches(ws, nil) {
		out = append(out, fmt.Sprintf("%v[%d,%d)=%s", m.Class, m.Start, m.End, g.Entry(m).Name))
	}
	return out
}

func checkMatches(t *testing.T, sentence string, want ...string) {
	t.Helper()
	g := Default()
	got := render(g, words(sentence))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%q:\n got  %q\n want %q", sentence, got, want)
	}
}

func TestMatchesRealisticSentences(t *testing.T) {
	checkMatches(t, "Russian Foreign Ministry spokeswoman Maria Zakharova said",
		"demonym[0,1)=Russian",
		"gov_body[1,3)=Foreign Ministry",
		"org_suffix[2,3)=Ministry",
		"role[3,4)=spokeswoman",
		"given_name[4,5)=Maria",
	)
	// "the" is never part of a match: the Outlet is "Daily Star" (3,5).
	checkMatches(t, "According to the Daily Star , the couple met in 2019 .",
		"outlet[3,5)=Daily Star",
	)
	checkMatches(t, "North Korean leader Kim Jong-un",
		"demonym[0,2)=North Korean",
		"role[2,3)=leader",
		"given_name[3,4)=Kim",
		"given_name[4,5)=Jong-un",
	)
	// The GovBody includes "U.S." (an alias "U.S. State Department"); the
	// Country "U.S." overlaps it, as different classes may.
	checkMatches(t, "a spokesman for the U.S. State Department said",
		"role[1,2)=spokesman",
		"country[4,5)=United States",
		"gov_body[5,7)=State Department",
		"org_suffix[6,7)=Department",
	)
	checkMatches(t, "the State Department said",
		"gov_body[1,3)=State Department",
		"org_suffix[2,3)=Department",
	)
	// All-caps words match capitalised entries.
	checkMatches(t, "LONDON ( REUTERS ) -",
		"city[0,1)=London",
		"outlet[2,3)=Reuters",
	)
	// Different classes overlap; within a class the longest match wins.
	checkMatches(t, "The New York Times reported",
		"city[1,3)=New York City",
		"region[1,3)=New York",
		"outlet[1,4)=The New York Times",
	)
	checkMatches(t, "Deputy Foreign Minister Sergei Ryabkov",
		"role[0,3)=deputy foreign minister",
		"title[0,1)=Deputy",
		"title[1,3)=Foreign Minister",
		"given_name[3,4)=Sergei",
	)
}

func TestMatchesAppends(t *testing.T) {
	g := Default()
	dst := g.Matches(words("Maria said"), nil)
	dst = g.Matches(words("in Moscow"), dst)
	if len(dst) != 2 || dst[0].Class != GivenName || dst[1].Class != City || dst[1].Start != 1 {
		t.Errorf("Matches did not append: %+v", dst)
	}
}

func TestRolesCaseInsensitive(t *testing.T) {
	for _, s := range []string{"foreign minister Sergei", "Foreign Minister Sergei", "FOREIGN MINISTER Sergei"} {
		ms := Default().Matches(words(s), nil)
		found := false
		for _, m := range ms {
			if m.Class == Role && m.Start == 0 && m.End == 2 && Default().Entry(m).Name == "foreign minister" {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no Role \"foreign minister\" over [0,2): %v", s, render(Default(), words(s)))
		}
	}
	// Titles are case-sensitive: "President" is a title, "president" is not.
	checkMatches(t, "President Emmanuel Macron", "role[0,1)=president", "title[0,1)=President", "given_name[1,2)=Emmanuel")
	checkMatches(t, "the president said", "role[1,2)=president")
}

func TestTheRules(t *testing.T) {
	// One word after "The": "the" is required.
	checkMatches(t, "told The Hill on Monday", "outlet[2,3)=The Hill")
	checkMatches(t, "former adviser Fiona Hill said", "role[1,2)=adviser", "given_name[2,3)=Fiona")
	checkMatches(t, "judges in The Hague", "city[3,4)=The Hague")
	checkMatches(t, "William Hague said", "given_name[0,1)=William")
	// Two or more words after "the": optional, and never part of the match.
	checkMatches(t, "the United States and United States", "country[1,3)=United States", "country[4,6)=United States")
}

func TestSpellingVariants(t *testing.T) {
	checkMatches(t, "US and U.S. and USA", "country[0,1)=United States", "country[2,3)=United States", "country[4,5)=United States")
	// "U.N." is derived from "UN", "F.B.I." from "FBI".
	checkMatches(t, "the U.N. and the F.B.I.", "intl_org[1,2)=United Nations", "gov_body[4,5)=Federal Bureau of Investigation")
	// Plural and singular demonyms.
	checkMatches(t, "Russians and Americans", "demonym[0,1)=Russian", "demonym[2,3)=American")
	// Curly apostrophes match as straight ones.
	checkMatches(t, "the Workers \u2019 Party of Korea",
		"party[1,6)=Workers' Party of Korea", "org_suffix[3,4)=Party", "country[5,6)=South Korea")
	// A short all-caps word alone is not taken for a name ("AI" is not "Ai").
	checkMatches(t, "AI and MARIA", "given_name[2,3)=Maria")
	// Non-ASCII capitals.
	checkMatches(t, "the ÉLYSÉE said", "gov_body[1,2)=Élysée")
}

func TestFlagsBits(t *testing.T) {
	g := Default()
	ws := words("Russian Foreign Ministry spokeswoman Maria Zakharova")
	begin := func(c Class) uint32 { return 1 << (2 * c) }
	inside := func(c Class) uint32 { return 1 << (2*c + 1) }
	want := []uint32{
		begin(Demonym),
		begin(GovBody),
		inside(GovBody) | begin(OrgSuffix),
		begin(Role),
		begin(GivenName),
		0,
	}
	flags := make([]uint32, len(ws))
	for i := range flags {
		flags[i] = 0xdeadbeef // Flags zeroes first
	}
	g.Flags(ws, flags)
	if !reflect.DeepEqual(flags, want) {
		t.Errorf("Flags = %#x, want %#x", flags, want)
	}
	// Explicit values, so the bit layout itself is pinned.
	if want[0] != 1<<2 || want[1] != 1<<10 || want[2] != 1<<11|1<<20 || want[3] != 1<<12 || want[4] != 1<<18 {
		t.Errorf("bit layout changed: %#x", want)
	}
}

// Flags and Matches agree on every word of a real article.
func TestFlagsAgreeWithMatches(t *testing.T) {
	g := Default()
	ws := articleWords(t)
	flags := make([]uint32, len(ws))
	g.Flags(ws, flags)
	want := make([]uint32, len(ws))
	for _, m := range g.Matches(ws, nil) {
		want[m.Start] |= 1 << (2 * m.Class)
		for k := m.Start + 1; k < m.End; k++ {
			want[k] |= 1 << (2*m.Class + 1)
		}
	}
	if !reflect.DeepEqual(flags, want) {
		t.Fatal("Flags and Matches disagree")
	}
}

func TestNoAllocations(t *testing.T) {
	g := Default()
	ws := articleWords(t)
	flags := make([]uint32, len(ws))
	if n := testing.AllocsPerRun(20, func() { g.Flags(ws, flags) }); n != 0 {
		t.Errorf("Flags allocates %v times per run", n)
	}
	dst := make([]Match, 0, len(ws))
	if n := testing.AllocsPerRun(20, func() { dst = g.Matches(ws, dst[:0]) }); n != 0 {
		t.Errorf("Matches with room in dst allocates %v times per run", n)
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	es := g.Lookup(Outlet, "Daily Star")
	doms := map[string]bool{}
	for _, e := range es {
		doms[e.Domain] = true
	}
	for _, d := range []string{"dailystar.co.uk", "dailystar.com.lb", "thedailystar.net"} {
		if !doms[d] {
			t.Errorf("Lookup(Outlet, \"Daily Star\") = %v, missing %s", es, d)
		}
	}
	if len(g.Lookup(Outlet, "The Daily Star")) != len(es) {
		t.Error("\"The Daily Star\" and \"Daily Star\" differ")
	}
	if es := g.Lookup(Country, "the United States"); len(es) != 1 || es[0].Country != "US" || es[0].Extra != "Washington" {
		t.Errorf("Lookup(Country, the United States) = %v", es)
	}
	if es := g.Lookup(Demonym, "North Koreans"); len(es) != 1 || es[0].Country != "KP" || es[0].Extra != "North Korea" {
		t.Errorf("Lookup(Demonym, North Koreans) = %v", es)
	}
	if es := g.Lookup(Role, "Foreign Minister"); len(es) != 1 || es[0].Name != "foreign minister" {
		t.Errorf("Lookup(Role, Foreign Minister) = %v", es)
	}
	if es := g.Lookup(Outlet, "REUTERS"); len(es) != 1 || es[0].Domain != "reuters.com" {
		t.Errorf("Lookup(Outlet, REUTERS) = %v", es)
	}
	if es := g.Lookup(Outlet, "Hill"); len(es) != 0 {
		t.Errorf("Lookup(Outlet, Hill) = %v, want none (\"The Hill\" needs its \"The\")", es)
	}
	if es := g.Lookup(Country, "Atlantis"); es != nil {
		t.Errorf("Lookup(Country, Atlantis) = %v", es)
	}
	if es := g.Lookup(City, "Kiev"); len(es) != 1 || es[0].Name != "Kyiv" || es[0].Country != "UA" {
		t.Errorf("Lookup(City, Kiev) = %v", es)
	}
	if es := g.Lookup(GovBody, "Scotland Yard"); len(es) != 1 || es[0].Name != "Metropolitan Police" || es[0].Country != "GB" {
		t.Errorf("Lookup(GovBody, Scotland Yard) = %v", es)
	}
	if es := g.Lookup(Region, "Calif."); len(es) != 1 || es[0].Name != "California" || es[0].Extra != "US state" {
		t.Errorf("Lookup(Region, Calif.) = %v", es)
	}
	if es := g.Lookup(Party, "Tories"); len(es) != 1 || es[0].Name != "Conservative Party" {
		t.Errorf("Lookup(Party, Tories) = %v", es)
	}
}

func TestOutletByDomain(t *testing.T) {
	g := Default()
	for _, tc := range []struct{ in, name, domain string }{
		{"https://www.dailystar.co.uk/news", "Daily Star", "dailystar.co.uk"},
		{"www.dailystar.co.uk", "Daily Star", "dailystar.co.uk"},
		{"DAILYSTAR.CO.UK", "Daily Star", "dailystar.co.uk"},
		{"https://www.dailystar.com.lb/Article.aspx?id=1", "The Daily Star", "dailystar.com.lb"},
		{"thedailystar.net", "The Daily Star", "thedailystar.net"},
		{"http://edition.cnn.com:80/2024/01/01/world/x.html", "CNN", "cnn.com"},
		{"https://www.bbc.com/news/world", "BBC", "bbc.co.uk"},
		{"//news.sky.com/story", "Sky News", "news.sky.com"},
		{"abcnews.go.com", "ABC News", "abcnews.go.com"},
	} {
		e, ok := g.OutletByDomain(tc.in)
		if !ok || e.Name != tc.name || e.Domain != tc.domain || e.Class != Outlet {
			t.Errorf("OutletByDomain(%q) = %+v, %v; want %s (%s)", tc.in, e, ok, tc.name, tc.domain)
		}
	}
	for _, in := range []string{"", "example.invalid", "com", "someone.wordpress.com", "http://"} {
		if e, ok := g.OutletByDomain(in); ok {
			t.Errorf("OutletByDomain(%q) = %+v, want none", in, e)
		}
	}
	// From the generated seed: a name from the MBFC slug, the source codes
	// in Extra.
	if len(g.seedDomain) > 0 {
		e, ok := g.OutletByDomain("https://deepleftfield.info/some-story/")
		if !ok || e.Name != "Deep Left Field" || !strings.Contains(e.Extra, "mbfc20") {
			t.Errorf("seed outlet deepleftfield.info = %+v, %v", e, ok)
		}
		// The hand-written list wins over the seed for the same domain.
		if e, _ := g.OutletByDomain("mirror.co.uk"); e.Name != "Daily Mirror" || e.Country != "GB" {
			t.Errorf("mirror.co.uk = %+v, want the outlets.tsv entry", e)
		}
	}
}

func TestHostOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://user@www.Example.com:8080/a?b#c": "www.example.com",
		"example.com.":  "example.com",
		" example.com ": "example.com",
		"example.com/x": "example.com",
	} {
		if got := hostOf(in); got != want {
			t.Errorf("hostOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTokenize(t *testing.T) {
	for in, want := range map[string][]string{
		"Workers' Party of Korea":         {"Workers", "'", "Party", "of", "Korea"},
		"People's Daily":                  {"People", "'s", "Daily"},
		"Washington, D.C.":                {"Washington", ",", "D.C."},
		"Radio Free Europe/Radio Liberty": {"Radio", "Free", "Europe", "/", "Radio", "Liberty"},
		"Côte d'Ivoire":                   {"Côte", "d'Ivoire"},
		"Democracy Now!":                  {"Democracy", "Now", "!"},
		"Opposition Platform — For Life":  {"Opposition", "Platform", "--", "For", "Life"},
		"OPEC+":                           {"OPEC", "+"},
	} {
		if got := tokenize(in); !reflect.DeepEqual(got, want) {
			t.Errorf("tokenize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClassString(t *testing.T) {
	if Country.String() != "country" || Party.String() != "party" || NumClasses.String() != "unknown" {
		t.Error("Class.String")
	}
}

// TestDataQuality checks the data files: every line parses (load fails
// otherwise), no two entries of a class share a spelling (outlets may,
// with different domains), each file has the entries it promises, every
// capital is a city, every outlet domain looks like a domain, and every
// entry is split into words as the segmenter splits news text.
func TestDataQuality(t *testing.T) {
	type form struct {
		c Class
		s string
	}
	var forms []form
	g, err := loadWith(datafile.Shipped(), func(c Class, s string) { forms = append(forms, form{c, s}) })
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range g.conflicts {
		t.Errorf("duplicate spelling within a class: %s", c)
	}

	count := map[Class]int{}
	for _, e := range g.entries {
		count[e.Class]++
	}
	for c, min := range map[Class]int{
		Country: 195, Demonym: 195, City: 700, Region: 250, IntlOrg: 150,
		GovBody: 250, Role: 300, Outlet: 250, Title: 150, GivenName: 2000,
		OrgSuffix: 100, Party: 150,
	} {
		if count[c] < min {
			t.Errorf("%v: %d entries, want at least %d", c, count[c], min)
		}
	}
	t.Logf("entries per class: %v; patterns %d; seed domains %d", count, len(g.pats), len(g.seedDomain))

	names := map[Class]map[string]bool{}
	for _, e := range g.entries {
		if names[e.Class] == nil {
			names[e.Class] = map[string]bool{}
		}
		if names[e.Class][e.Name] && e.Class != Outlet {
			t.Errorf("%v %q listed twice", e.Class, e.Name)
		}
		names[e.Class][e.Name] = true
		if e.Class == Country && e.Extra != "" && len(g.Lookup(City, e.Extra)) == 0 {
			t.Errorf("capital %q of %s is not in cities.txt", e.Extra, e.Name)
		}
		if e.Class == Outlet && !looksLikeDomain(e.Domain) {
			t.Errorf("outlet %q: bad domain %q", e.Name, e.Domain)
		}
	}
	for d, id := range g.outletDomain {
		if !looksLikeDomain(d) || g.entries[id].Class != Outlet {
			t.Errorf("outlet domain %q", d)
		}
	}
	for d := range g.seedDomain {
		if !looksLikeDomain(d) {
			t.Errorf("seed domain %q", d)
		}
	}

	// Entry words must be the words the pipeline produces: segment the
	// form inside a sentence and split the possessive "'s" as the language
	// layer does.
	for _, f := range forms {
		d := &doc.Document{Text: "We saw " + f.s + " yesterday"}
		segment.Segment(d)
		var got []string
		for _, tok := range d.Tokens[2 : len(d.Tokens)-1] {
			got = append(got, ptbSplit(d.Text[tok.Start:tok.End])...)
		}
		if want := tokenize(f.s); !reflect.DeepEqual(got, want) {
			t.Errorf("%v %q: segmenter words %q, gazetteer words %q", f.c, f.s, got, want)
		}
	}
}

// ptbSplit splits a possessive "'s" off a segmenter token and writes a dash
// as "--", as the language layer does.
func ptbSplit(w string) []string {
	if w == "\u2013" || w == "\u2014" {
		return []string{"--"}
	}
	for _, s := range []string{"'s", "\u2019s"} {
		if len(w) > len(s) && strings.HasSuffix(w, s) {
			return []string{w[:len(w)-len(s)], w[len(w)-len(s):]}
		}
	}
	return []string{w}
}

// TestLoad checks that every data file loads (its speed is BenchmarkLoad's:
// a wall-clock limit here failed under -race and on busy machines).
func TestLoad(t *testing.T) {
	if _, err := load(); err != nil {
		t.Fatal(err)
	}
}

// TestOutletSeedUpToDate checks that data/outlets-seed.tsv is exactly what
// BuildOutletSeed makes of the shared source lists. Run with -update-seed
// to rewrite it.
func TestOutletSeedUpToDate(t *testing.T) {
	sourcesDir := shareddata.Dir(t, "datasets", "sources")
	got, err := BuildOutletSeed(sourcesDir)
	if err != nil {
		t.Fatal(err)
	}
	const path = "data/outlets-seed.tsv"
	if *updateSeed {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have := []byte(outletsSeedData)
	if *updateSeed {
		have = got // the embedded copy is the old one until the next build
	}
	if !bytes.Equal(have, got) {
		t.Errorf("%s is stale: regenerate it with BuildOutletSeed (go test ./internal/gazetteer -run TestOutletSeedUpToDate -update-seed, or credence gazetteer build)", path)
	}
	if len(got) > 1<<20 {
		t.Errorf("seed is %d bytes, want well under 1 MB", len(got))
	}
	// Deterministic.
	again, err := BuildOutletSeed(sourcesDir)
	if err != nil || !bytes.Equal(again, got) {
		t.Error("BuildOutletSeed is not deterministic")
	}
}

func TestSlugName(t *testing.T) {
	for _, tc := range []struct{ slug, domain, want string }{
		{"crooked-media", "crooked.com", "Crooked Media"},
		{"the-village-voice", "villagevoice.com", "The Village Voice"},
		{"usa-today-2", "usatoday.com", "USA Today"},
		{"cnn", "cnn.com", "CNN"},
		{"deepstatenation-com", "deepstatenation.com", "Deepstatenation.com"},
		{"daily-mirror", "mirror.co.uk", "Daily Mirror"},
		{"facts-and-logic-about-the-middle-east-flame", "factsandlogic.org", "Facts and Logic About the Middle East Flame"},
		{"geology-in", "geologyin.com", "Geology In"},
		{"", "x.com", ""},
	} {
		if got := slugName(tc.slug, tc.domain); got != tc.want {
			t.Errorf("slugName(%q) = %q, want %q", tc.slug, got, tc.want)
		}
	}
}

func TestNormDomain(t *testing.T) {
	for _, tc := range []struct {
		raw, dom    string
		hasPath, ok bool
	}{
		{"reuters.com", "reuters.com", false, true},
		{"Acting-Man.com", "acting-man.com", false, true},
		{"http://www.cnn.com", "cnn.com", false, true},
		{"itv.com-news", "itv.com", true, true},
		{"mlive.com-grand-rapids-#-0", "mlive.com", true, true},
		{"wvec\u201313newsnow.com", "13newsnow.com", false, true},
		{"Silver-Coin-Investor. com", "silver-coin-investor.com", false, true},
		{"anews24.org/", "anews24.org", false, true},
		{"facebook.com/news", "facebook.com", true, true},
		{"82.221.129.208", "82.221.129.208", false, false},
	} {
		dom, hasPath, ok := normDomain(tc.raw)
		if dom != tc.dom || hasPath != tc.hasPath || ok != tc.ok {
			t.Errorf("normDomain(%q) = %q, %v, %v; want %q, %v, %v", tc.raw, dom, hasPath, ok, tc.dom, tc.hasPath, tc.ok)
		}
	}
}

// articleWords is testdata/article.txt, segmented and split into Penn
// Treebank words.
func articleWords(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		tb.Fatal(err)
	}
	d := &doc.Document{Text: string(b)}
	segment.Segment(d)
	var ws []string
	for _, tok := range d.Tokens {
		w := d.Text[tok.Start:tok.End]
		if tok.Norm != "" {
			w = tok.Norm
		}
		ws = append(ws, ptbSplit(w)...)
	}
	return ws
}

// BenchmarkFlags runs Flags over an ~890-word news article (about 1,050
// words with punctuation).
func BenchmarkFlags(b *testing.B) {
	g := Default()
	ws := articleWords(b)
	flags := make([]uint32, len(ws))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		g.Flags(ws, flags)
	}
	b.ReportMetric(float64(len(ws)), "words")
}

func BenchmarkMatches(b *testing.B) {
	g := Default()
	ws := articleWords(b)
	dst := make([]Match, 0, len(ws))
	b.ReportAllocs()
	for b.Loop() {
		dst = g.Matches(ws, dst[:0])
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}
