package sources

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
)

var update = flag.Bool("update", false, "rewrite data/ratings.tsv.gz from ../shared/datasets/sources")

// sourcesDir returns the source datasets of the shared data.
func sourcesDir(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t, "datasets", "sources")
}

func loadDefault(t testing.TB) *Table {
	t.Helper()
	tab, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEmbeddedTableIsDeterministicGzip(t *testing.T) {
	if len(embedded) < 10 || embedded[0] != 0x1f || embedded[1] != 0x8b {
		t.Fatal("data/ratings.tsv.gz is not gzip")
	}
	// Bytes 4-7 are the modification time; flag bit 3 (FNAME) and 4 (FCOMMENT) must be clear.
	if mtime := embedded[4:8]; !bytes.Equal(mtime, []byte{0, 0, 0, 0}) {
		t.Errorf("gzip header has a modification time %v", mtime)
	}
	if flags := embedded[3]; flags != 0 {
		t.Errorf("gzip header flags %#x, want 0 (no name, comment or extra field)", flags)
	}
	tab := loadDefault(t)
	if tab.Len() < 11520 {
		t.Errorf("embedded table has %d rows", tab.Len())
	}
	text := string(gunzip(t, embedded))
	for _, d := range Datasets {
		if !strings.Contains(text, "# "+d.ID+" = "+d.File+": ") {
			t.Errorf("header comment does not name %s", d.File)
		}
	}
}

func TestLookup(t *testing.T) {
	tab := loadDefault(t)
	tests := []struct {
		in, want string // want "" for no match
	}{
		{"https://www.dailystar.co.uk/news/x", "dailystar.co.uk"},
		{"dailystar.co.uk", "dailystar.co.uk"},
		{"DailyStar.co.uk.", "dailystar.co.uk"},
		{"http://user@m.dailystar.co.uk:8080/a?b#c", "dailystar.co.uk"},
		{"news.bbc.co.uk", "bbc.co.uk"},                                                              // subdomain → registrable domain
		{"https://a.b.news.bbc.co.uk/x", "bbc.co.uk"},                                                // several levels up
		{"uk.reuters.com", "uk.reuters.com"},                                                         // a rated subdomain is more specific
		{"edition.reuters.com", "reuters.com"},                                                       // an unrated one falls back
		{"https://www.newyorker.com/humor/borowitz-report/x", "newyorker.com/humor/borowitz-report"}, // longest section
		{"https://www.newyorker.com/humor/daily-shouts", "newyorker.com/humor"},
		{"https://www.newyorker.com/HUMOR", "newyorker.com/humor"},
		{"https://www.newyorker.com/humorous", "newyorker.com"}, // sections match whole path segments
		{"newyorker.com", "newyorker.com"},
		{"https://facebook.com/sadefenza/posts/1", "facebook.com/sadefenza"},
		{"news.newyorker.com/humor", "newyorker.com"}, // sections belong to their exact host
		{"someone.blogspot.com", ""},                  // a blog is not its platform
		{"blogspot.com", "blogspot.com"},
		{"co.uk", ""},
		{"example.invalid", ""},
		{"", ""},
		{"not a host!", ""},
	}
	for _, tt := range tests {
		r, ok := tab.Lookup(tt.in)
		if ok != (tt.want != "") || ok && r.Domain != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.in, r.Domain, ok, tt.want)
		}
		if !ok && r.Level != LevelUnrated {
			t.Errorf("Lookup(%q) not found but Level %q", tt.in, r.Level)
		}
	}
	if r, _ := tab.Lookup("https://Example.invalid/x"); r.Domain != "example.invalid" {
		t.Errorf("unmatched Domain = %q, want the normalised host", r.Domain)
	}
}

// rawData is what the original files say about a domain, read here
// independently of Build.
type rawData struct {
	pc1         map[string]float64
	openSources map[string][]string
	mbfc        map[string][2]string // acl2020 then emnlp18 fact, keyed by source_url_normalized
	fnc         map[string][]string
}

func readRaw(t *testing.T) rawData {
	t.Helper()
	dataDir := sourcesDir(t)
	rd := rawData{pc1: map[string]float64{}, openSources: map[string][]string{}, mbfc: map[string][2]string{}, fnc: map[string][]string{}}
	readAll := func(name string, comma rune) [][]string {
		f, err := os.Open(filepath.Join(dataDir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.Comma = comma
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[1:]
	}
	for _, rec := range readAll("lin2023-domain-pc1.csv", ',') {
		v, _ := strconv.ParseFloat(rec[1], 64)
		rd.pc1[rec[0]] = v
	}
	for i, name := range []string{"mbfc-baly-acl2020.tsv", "mbfc-baly-emnlp18.tsv"} {
		for _, rec := range readAll(name, '\t') {
			v := rd.mbfc[rec[1]]
			v[i] = rec[3]
			rd.mbfc[rec[1]] = v
		}
	}
	for _, rec := range readAll("fakenewscorpus-websites.csv", ',') {
		rd.fnc[rec[1]] = []string{rec[2], rec[3], rec[4]}
	}
	b, err := os.ReadFile(filepath.Join(dataDir, "opensources.json"))
	if err != nil {
		t.Fatal(err)
	}
	var osData map[string]map[string]any
	if err := json.Unmarshal(b, &osData); err != nil {
		t.Fatal(err)
	}
	for d, v := range osData {
		for _, k := range []string{"type", "2nd type", "3rd type"} {
			s, _ := v[k].(string)
			rd.openSources[d] = append(rd.openSources[d], s)
		}
	}
	return rd
}

func TestLevelsOfRealDomains(t *testing.T) {
	tab := loadDefault(t)
	tests := []struct{ domain, level string }{
		{"reuters.com", LevelReliable},      // pc1 1, MBFC high
		{"apnews.com", LevelReliable},       // pc1 0.998
		{"bbc.co.uk", LevelReliable},        // pc1 0.718
		{"theonion.com", LevelSatire},       // FakeNewsCorpus satire (MBFC low does not matter)
		{"abcnews.com.co", LevelUnreliable}, // OpenSources fake
		{"infowars.com", LevelUnreliable},   // OpenSources conspiracy
		{"naturalnews.com", LevelUnreliable},
		{"rt.com", LevelUnreliable},                    // pc1 0.29
		{"cnn.com", LevelMixed},                        // pc1 0.66, MBFC mixed
		{"washingtontimes.com", LevelMixed},            // pc1 0.345 but MBFC high: conflict
		{"anotherdayintheempire.com", LevelUnreliable}, // pc1 0.709 but tagged conspiracy
		{"newyorker.com/humor/borowitz-report", LevelUnreliable},
	}
	for _, tt := range tests {
		r, ok := tab.Lookup(tt.domain)
		if !ok || r.Domain != tt.domain || r.Level != tt.level {
			t.Errorf("%s: got %q level %q (found %v), want level %q; %s", tt.domain, r.Domain, r.Level, ok, tt.level, r.Explain())
		}
	}

	// The fields behind those levels agree with the raw files.
	raw := readRaw(t)
	reuters, _ := tab.Lookup("reuters.com")
	if raw.pc1["reuters.com"] != 1 || reuters.PC1 != 1 || !reuters.HasPC1 {
		t.Errorf("reuters.com pc1: raw %v, table %v", raw.pc1["reuters.com"], reuters.PC1)
	}
	if raw.mbfc["reuters.com"][0] != "high" || reuters.MBFCFactuality != "high" || reuters.MBFCSource != BalyACL2020 {
		t.Errorf("reuters.com MBFC: raw %v, table %q from %q", raw.mbfc["reuters.com"], reuters.MBFCFactuality, reuters.MBFCSource)
	}
	onion, _ := tab.Lookup("theonion.com")
	if raw.fnc["theonion.com"][0] != "satire" || !slices.Equal(onion.FakeNewsCorpus, []string{"satire"}) {
		t.Errorf("theonion.com FakeNewsCorpus: raw %v, table %v", raw.fnc["theonion.com"], onion.FakeNewsCorpus)
	}
	if raw.mbfc["theonion.com"][1] != "low" || onion.MBFCSource != BalyEMNLP18 {
		t.Errorf("theonion.com MBFC: raw %v, table %q from %q", raw.mbfc["theonion.com"], onion.MBFCFactuality, onion.MBFCSource)
	}
	abc, _ := tab.Lookup("abcnews.com.co")
	if raw.openSources["abcnews.com.co"][0] != "fake" || !slices.Contains(abc.OpenSources, "fake") {
		t.Errorf("abcnews.com.co OpenSources: raw %v, table %v", raw.openSources["abcnews.com.co"], abc.OpenSources)
	}

	// Every domain tagged fake by OpenSources is unreliable.
	n := 0
	for d, tags := range raw.openSources {
		isFake := false
		for _, tag := range tags {
			if strings.ToLower(strings.TrimSpace(tag)) == "fake" {
				isFake = true
			}
		}
		if !isFake || strings.ContainsAny(d, "/ ") {
			continue
		}
		n++
		if r, ok := tab.Lookup(d); !ok || r.Level != LevelUnreliable {
			t.Errorf("%s is tagged fake by OpenSources but Lookup gives %q level %q", d, r.Domain, r.Level)
		}
	}
	if n < 200 {
		t.Errorf("only %d fake-tagged OpenSources domains checked", n)
	}

	// Every Lin et al. domain with a plain host name is in the table with
	// its pc1 truncated to 3 decimals.
	for d, v := range raw.pc1 {
		if Normalize(d) != d {
			continue
		}
		r, ok := tab.Lookup(d)
		if !ok || r.Domain != d || !r.HasPC1 || v-r.PC1 < -1e-12 || v-r.PC1 >= 0.001 {
			t.Errorf("%s: raw pc1 %v, table %q %v (%v)", d, v, r.Domain, r.PC1, ok)
		}
	}
}

func TestExplain(t *testing.T) {
	tab := loadDefault(t)
	r, _ := tab.Lookup("reuters.com")
	want := "pc1 1.00 (Lin et al. 2023); MBFC factuality high, bias center (Baly et al. 2020); level reliable: pc1 >= 0.7, MBFC high"
	if got := r.Explain(); got != want {
		t.Errorf("Explain() =\n%s\nwant\n%s", got, want)
	}
	if !slices.Equal(r.Datasets, []string{Lin2023, BalyACL2020}) {
		t.Errorf("reuters.com datasets %v", r.Datasets)
	}
	tests := []struct {
		r    Rating
		want string
	}{
		{Rating{PC1: 0.6999, HasPC1: true, OpenSources: []string{"bias", "conspiracy"}, FakeNewsCorpus: []string{"conspiracy"}},
			"pc1 0.69 (Lin et al. 2023); OpenSources: bias, conspiracy; FakeNewsCorpus: conspiracy; level unreliable: tagged conspiracy"},
		{Rating{PC1: 0.29, HasPC1: true, MBFCFactuality: "high", MBFCBias: "right", MBFCSource: BalyEMNLP18},
			"pc1 0.29 (Lin et al. 2023); MBFC factuality high, bias right (Baly et al. 2018); level mixed: conflicting: MBFC high but pc1 < 0.4"},
		{Rating{OpenSources: []string{"satire"}}, "OpenSources: satire; level satire: tagged satire"},
		{Rating{OpenSources: []string{"political"}}, "OpenSources: political; level mixed: no signal past a threshold"},
		{Rating{OpenSources: []string{"unreliable"}}, "OpenSources: unreliable; level unreliable: tagged unreliable"},
		{Rating{Domain: "example.org"}, "unrated: no rating in Lin et al. 2023, Media Bias/Fact Check (Baly et al.), OpenSources or FakeNewsCorpus"},
	}
	for _, tt := range tests {
		if got := tt.r.Explain(); got != tt.want {
			t.Errorf("Explain(%+v) =\n%s\nwant\n%s", tt.r, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"reuters.com", "reuters.com"},
		{"https://www.reuters.com/world/x.html", "reuters.com"},
		{"HTTP://WWW.Reuters.COM", "reuters.com"},
		{"  www.reuters.com.  ", "reuters.com"},
		{"//www.reuters.com/x", "reuters.com"},
		{"reuters.com:443", "reuters.com"},
		{"https://user:pw@reuters.com:8443/x", "reuters.com"},
		{"reuters.com?x=1", "reuters.com"},
		{"reuters.com#top", "reuters.com"},
		{"m.espn.com", "espn.com"},
		{"amp.businessinsider.com", "businessinsider.com"},
		{"www.m.example.com", "example.com"},
		{"news.bbc.co.uk", "news.bbc.co.uk"}, // subdomains other than www/m/amp are kept
		{"www.bbc.co.uk", "bbc.co.uk"},
		{"m.co.uk", "m.co.uk"}, // never stripped down to a registry suffix
		{"www.com", "www.com"}, // nor to a top-level domain
		{"www.blogspot.com", "blogspot.com"},
		{"Silver-Coin-Investor. com", "silver-coin-investor.com"},
		{"82.221.129.208", "82.221.129.208"},
		{"wvec–13newsnow.com", ""}, // not an ASCII host name
		{"a..b.com", ""},
		{"", ""},
		{"https://", ""},
		{"mailto:x", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRegistrableDomain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"news.bbc.co.uk", "bbc.co.uk"},
		{"bbc.co.uk", "bbc.co.uk"},
		{"co.uk", ""},
		{"uk", ""},
		{"edition.cnn.com", "cnn.com"},
		{"cnn.com", "cnn.com"},
		{"www.smh.com.au", "smh.com.au"},
		{"a.b.asahi.co.jp", "asahi.co.jp"},
		{"g1.globo.com.br", "globo.com.br"},
		{"x.gov.uk", "x.gov.uk"},
		{"www.ox.ac.uk", "ox.ac.uk"},
		{"timesofindia.co.in", "timesofindia.co.in"},
		{"www.nzherald.co.nz", "nzherald.co.nz"},
		{"english.chinadaily.com.cn", "chinadaily.com.cn"},
		{"someone.blogspot.com", "someone.blogspot.com"},
		{"a.someone.wordpress.com", "someone.wordpress.com"},
		{"blogspot.com", ""},
		{"82.221.129.208", "82.221.129.208"},
		{"1.2.3.4.example", "4.example"},
		{"1.2.3", "2.3"},
		{"1234.2.3.4", "3.4"},
	}
	for _, tt := range tests {
		if got := RegistrableDomain(tt.in); got != tt.want {
			t.Errorf("RegistrableDomain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(strings.NewReader("plain text")); err == nil {
		t.Error("plain text loaded")
	}
	gz := func(s string) io.Reader {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(s))
		zw.Close()
		return &b
	}
	for _, s := range []string{
		"",
		"# comment only\n",
		"domain\tpc1\n",
		strings.Join(Columns, "\t") + "\nx.example\t2\t\t\t\t\t\tlin2023\n",
		strings.Join(Columns, "\t") + "\nx.example\t0.5\n",
		strings.Join(Columns, "\t") + "\nx.example\t0.5\t\t\t\t\t\tlin2023\nx.example\t0.5\t\t\t\t\t\tlin2023\n",
	} {
		if _, err := Load(gz(s)); err == nil {
			t.Errorf("Load(%q) succeeded", s)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	tab, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	inputs := []string{
		"https://www.dailystar.co.uk/news/world/some-article-123",
		"reuters.com",
		"news.bbc.co.uk",
		"https://www.newyorker.com/humor/borowitz-report/some-piece",
		"Edition.CNN.com",
		"unknown-site.example.org",
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		tab.Lookup(inputs[i%len(inputs)])
	}
}
