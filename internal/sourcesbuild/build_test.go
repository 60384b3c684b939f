package sourcesbuild

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
	"github.com/credence-news/credence/sources"
)

var update = flag.Bool("update", false, "rewrite sources/data/ratings.tsv.gz from ../shared/datasets/sources")

// shipped is the table embedded by package sources.
const shipped = "../../sources/data/ratings.tsv.gz"

// sourcesDir returns the source datasets of the shared data.
func sourcesDir(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t, "datasets", "sources")
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

// TestBuildReproducesEmbedded checks that the shipped table is exactly what
// Build makes from the datasets. Regenerate it with
// "go test ./internal/sourcesbuild -run TestBuildReproducesEmbedded -update" or
// "credence sources build".
func TestBuildReproducesEmbedded(t *testing.T) {
	dataDir := sourcesDir(t)
	got, err := Build(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(shipped, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes); rebuild to embed it", shipped, len(got))
		return
	}
	embedded, err := os.ReadFile(shipped)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Build(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Fatal("two builds from the same files differ")
	}
	if bytes.Equal(got, embedded) {
		return
	}
	if bytes.Equal(gunzip(t, got), gunzip(t, embedded)) {
		t.Fatal("data/ratings.tsv.gz has the right content but different compressed bytes (a new Go compressor?); regenerate it with: go test ./internal/sourcesbuild -run TestBuildReproducesEmbedded -update")
	}
	t.Fatal("data/ratings.tsv.gz is not what Build makes from the datasets; regenerate it with: go test ./internal/sourcesbuild -run TestBuildReproducesEmbedded -update")
}

func TestCanonicalPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"/", ""},
		{"/en/", ""},
		{"/english", ""},
		{"/ushome/index.html", ""},
		{"/home.aspx", ""},
		{"/english/index", ""},
		{"/wiki/main_page", ""},
		{"/amp/", ""},
		{"/humor/borowitz-report", "/humor/borowitz-report"},
		{"/news/", "/news"},
		{"/en/news", "/en/news"},
		{"/category/news/", "/category/news"},
	}
	for _, tt := range tests {
		if got := canonicalPath(tt.in); got != tt.want {
			t.Errorf("canonicalPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBuildSynthetic(t *testing.T) {
	dir := writeSyntheticData(t)
	b, stats, err := BuildWithStats(dir)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := Build(dir)
	if err != nil || !bytes.Equal(b, b2) {
		t.Fatalf("second build differs (%v)", err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(string(gunzip(t, b)), "\n"), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	want := []string{
		"domain\tpc1\topensources\tmbfc_factuality\tmbfc_bias\tmbfc_source\tfakenewscorpus\tdatasets",
		"bad.example\t0.1\t\t\t\t\t\tlin2023",
		"fake.example\t\tbias|fake\t\t\t\tbias|fake\topensources|fakenewscorpus",
		"good.example\t0.912\t\thigh\tleft\tbaly-acl2020\t\tlin2023|baly-emnlp18|baly-acl2020",
		"joke.example\t\tsatire\t\t\t\tsatire\topensources|fakenewscorpus",
		"mid.example\t0.699\t\thigh\tcenter\tbaly-emnlp18\t\tlin2023|baly-emnlp18",
		"site.example/opinion\t0.3\t\t\t\t\t\tlin2023",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("table:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if stats.Rows != 6 || stats.Sections != 1 {
		t.Errorf("stats rows %d sections %d", stats.Rows, stats.Sections)
	}
	if s := stats.Datasets[sources.Lin2023]; s != (DatasetStats{Entries: 6, Keys: 4, Invalid: 1, Duplicates: 1}) {
		t.Errorf("lin2023 stats %+v", s)
	}
	if s := stats.Datasets[sources.OpenSources]; s != (DatasetStats{Entries: 3, Keys: 2, Unlabelled: 1}) {
		t.Errorf("opensources stats %+v", s)
	}
	if s := stats.Datasets[sources.FakeNewsCorpus]; s != (DatasetStats{Entries: 4, Keys: 2, Unlabelled: 1, Duplicates: 1}) {
		t.Errorf("fakenewscorpus stats %+v", s)
	}

	tab, err := sources.Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]string{
		"good.example": sources.LevelReliable, "bad.example": sources.LevelUnreliable, "fake.example": sources.LevelUnreliable,
		"joke.example": sources.LevelSatire, "mid.example": sources.LevelReliable, // MBFC high; pc1 0.699 is neutral
		"https://site.example/opinion/x": sources.LevelUnreliable,
	}
	for d, want := range levels {
		if r, ok := tab.Lookup(d); !ok || r.Level != want {
			t.Errorf("%s: level %q (%v), want %q", d, r.Level, ok, want)
		}
	}
	if _, ok := tab.Lookup("site.example"); ok {
		t.Error("a section's rating leaked to its domain")
	}
	if c := tab.Counts(); c[sources.Lin2023] != 4 || c[sources.BalyACL2020] != 1 || c[sources.BalyEMNLP18] != 2 || c[sources.OpenSources] != 2 || c[sources.FakeNewsCorpus] != 2 {
		t.Errorf("counts %v", c)
	}
}

func TestBuildErrors(t *testing.T) {
	if _, err := Build(filepath.Join(t.TempDir(), "missing")); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing dir: %v", err)
	}
	dir := writeSyntheticData(t)
	os.WriteFile(filepath.Join(dir, "lin2023-domain-pc1.csv"), []byte("domain,pc1\nx.example,1.5\n"), 0o644)
	if _, err := Build(dir); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad pc1: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "lin2023-domain-pc1.csv"), []byte("site,score\n"), 0o644)
	if _, err := Build(dir); err == nil || !strings.Contains(err.Error(), `no "domain" column`) {
		t.Errorf("bad header: %v", err)
	}
}

func TestTruncateDecimal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1", "1"}, {"0", "0"}, {"0.998049167729267", "0.998"}, {"0.29", "0.29"},
		{"0.6999999", "0.699"}, {"0.7000001", "0.7"}, {"0.0001", "0"}, {"1e-5", "0"}, {"5E-1", "0.5"},
	}
	for _, tt := range tests {
		v, _ := strconv.ParseFloat(tt.in, 64)
		if got := truncateDecimal(tt.in, v, 3); got != tt.want {
			t.Errorf("truncateDecimal(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// writeSyntheticData writes a tiny data directory in the layout of
// ../shared/datasets/sources.
func writeSyntheticData(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"lin2023-domain-pc1.csv": "domain,pc1\n" +
			"good.example,0.91234\n" +
			"m.good.example,0.5\n" + // loses to the exact good.example
			"bad.example,0.1\n" +
			"mid.example,0.69999\n" +
			"site.example/opinion,0.3\n" +
			"wvec–13newsnow.com,0.9\n", // invalid host: skipped
		"opensources.json": `{
  "Fake.Example" : {"type" : " Fake News", "2nd type" : "bias ", "3rd type" : "bias", "Source Notes (things to know?)" : "x"},
  "joke.example" : {"type" : "satirical", "2nd type" : "", "3rd type" : ""},
  "empty.example" : {"type" : "", "2nd type" : "", "3rd type" : ""}
}`,
		"mbfc-baly-emnlp18.tsv": "source_url\tsource_url_normalized\tref\tfact\tbias\n" +
			"http://www.good.example/\tgood.example\thttp://mbfc/good\tmixed\tleft-center\n" +
			"http://www.mid.example/en/\tmid.example-en\thttp://mbfc/mid\thigh\tcenter\n",
		"mbfc-baly-acl2020.tsv": "source_url\tsource_url_normalized\tref\tfact\tbias\n" +
			"https://good.example\tgood.example\thttp://mbfc/good\thigh\tleft\n",
		"fakenewscorpus-websites.csv": ",url,type,2nd_type,3rd_type,active\n" +
			"0,fake.example,fake,,,\n" +
			"1,unknown.example,unknown,,,\n" +
			"2,joke.example,satire,, ,N\n" +
			"3,Fake.Example,bias,,,\n", // tags of duplicates are merged
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
