package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/sourcesbuild"
)

// sourcesCLI runs cmdSources and maps its error to an exit code and message
// as run does.
func sourcesCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	err := cmdSources(args, &out, &errb)
	var ue usageError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		code = exitOK
	case errors.As(err, &ue):
		code = exitUsage
		errb.WriteString("credence: " + oneLine(err.Error()) + "\n")
	default:
		code = exitError
		errb.WriteString("credence: " + oneLine(err.Error()) + "\n")
	}
	return code, out.String(), errb.String()
}

// writeSourcesData writes a tiny data directory in the layout of
// ../shared/datasets/sources.
func writeSourcesData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"lin2023-domain-pc1.csv": "domain,pc1\ngood.example,0.91\nbad.example,0.1\nm.good.example,0.5\n",
		"opensources.json":       `{"Fake.Example": {"type": " fake", "2nd type": "", "3rd type": ""}}`,
		"mbfc-baly-emnlp18.tsv": "source_url\tsource_url_normalized\tref\tfact\tbias\n" +
			"http://www.good.example/\tgood.example\thttp://mbfc/good\tmixed\tleft-center\n",
		"mbfc-baly-acl2020.tsv": "source_url\tsource_url_normalized\tref\tfact\tbias\n" +
			"https://good.example\tgood.example\thttp://mbfc/good\thigh\tleft\n",
		"fakenewscorpus-websites.csv": ",url,type,2nd_type,3rd_type,active\n0,joke.example,satire,,,\n1,x.example,unknown,,,\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestSourcesBuildAndLookup(t *testing.T) {
	data := writeSourcesData(t)
	out := filepath.Join(t.TempDir(), "ratings.tsv.gz")
	code, stdout, stderr := sourcesCLI(t, "build", "--data", data, "--out", out)
	if code != exitOK {
		t.Fatalf("build: exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"wrote " + out + ": ",
		" 4 rows (4 domains, 0 site sections)",
		"lin2023              2 rows from 3 entries of lin2023-domain-pc1.csv (0 invalid, 0 unlabelled, 1 duplicates)",
		"baly-acl2020         1 rows",
		"fakenewscorpus       1 rows from 2 entries of fakenewscorpus-websites.csv (0 invalid, 1 unlabelled, 0 duplicates)",
		"levels: 1 reliable, 0 mixed, 2 unreliable, 1 satire",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("build output lacks %q:\n%s", want, stdout)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := sourcesbuild.Build(data); err != nil || !bytes.Equal(again, b) {
		t.Errorf("the written table is not what sourcesbuild.Build returns (%v)", err)
	}

	code, stdout, stderr = sourcesCLI(t, "lookup", "--table", out, "good.example", "https://www.fake.example/story?id=1")
	if code != exitOK {
		t.Fatalf("lookup: exit %d, stderr %q", code, stderr)
	}
	want := "good.example\treliable\tpc1 0.91 (Lin et al. 2023); MBFC factuality high, bias left (Baly et al. 2020); level reliable: pc1 >= 0.7, MBFC high\n" +
		"https://www.fake.example/story?id=1 -> fake.example\tunreliable\tOpenSources: fake; level unreliable: tagged fake\n"
	if stdout != want {
		t.Errorf("lookup output:\n%s\nwant:\n%s", stdout, want)
	}

	// Found and not found: the found ones are printed, then exit 1.
	code, stdout, stderr = sourcesCLI(t, "lookup", "nothing.example", "--table", out, "joke.example", "other.example")
	if code != exitError || stderr != "credence: no rating for nothing.example, other.example\n" {
		t.Errorf("not found: exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "joke.example\tsatire\t") {
		t.Errorf("not found: stdout %q", stdout)
	}
}

func TestSourcesLookupEmbedded(t *testing.T) {
	code, stdout, stderr := sourcesCLI(t, "lookup", "reuters.com", "https://news.bbc.co.uk/1/hi/world")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "reuters.com\treliable\tpc1 1.00 (Lin et al. 2023)") ||
		!strings.Contains(stdout, "\nhttps://news.bbc.co.uk/1/hi/world -> bbc.co.uk\treliable\t") {
		t.Errorf("stdout:\n%s", stdout)
	}
	code, stdout, stderr = sourcesCLI(t, "lookup", "example.invalid")
	if code != exitError || stdout != "" || stderr != "credence: no rating for example.invalid\n" {
		t.Errorf("unknown domain: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestSourcesUsage(t *testing.T) {
	code, stdout, stderr := sourcesCLI(t, "--help")
	if code != exitOK || stdout != "" || !strings.Contains(stderr, "credence sources lookup [--table FILE] DOMAIN|URL...") {
		t.Errorf("--help: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = sourcesCLI(t, "lookup", "--help")
	if code != exitOK || !strings.Contains(stderr, "-table FILE") {
		t.Errorf("lookup --help: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = sourcesCLI(t, "build", "-h")
	if code != exitOK || !strings.Contains(stderr, "-data DIR") || !strings.Contains(stderr, "-out FILE") {
		t.Errorf("build -h: exit %d, stderr %q", code, stderr)
	}

	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{nil, "sources: name an action"},
		{[]string{"--data", "x"}, "sources: name an action"},
		{[]string{"fetch"}, `sources: unknown action "fetch" (available: lookup, build)`},
		{[]string{"lookup"}, "sources lookup: give at least one DOMAIN or URL"},
		{[]string{"lookup", "--bogus", "reuters.com"}, "sources lookup: flag provided but not defined: -bogus"},
		{[]string{"lookup", "not a host!"}, `sources lookup: "not a host!" is not a domain name or URL`},
		{[]string{"build", "extra"}, `sources build: unexpected argument "extra"`},
		{[]string{"build", "--out", ""}, "sources build: --data and --out must not be empty"},
	} {
		code, stdout, stderr := sourcesCLI(t, tt.args...)
		if code != exitUsage || stdout != "" || stderr != "credence: "+tt.msg+"\n" && !strings.HasPrefix(stderr, "credence: "+tt.msg) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", tt.args, code, stdout, stderr, tt.msg)
		}
	}
}

func TestSourcesErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere")
	code, _, stderr := sourcesCLI(t, "build", "--data", missing, "--out", filepath.Join(t.TempDir(), "r.tsv.gz"))
	if code != exitError || !strings.Contains(stderr, "cannot read the datasets in "+missing+": no such file or directory") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("missing data dir: exit %d, stderr %q", code, stderr)
	}

	data := writeSourcesData(t)
	os.Remove(filepath.Join(data, "opensources.json"))
	code, _, stderr = sourcesCLI(t, "build", "--data", data, "--out", filepath.Join(t.TempDir(), "r.tsv.gz"))
	if code != exitError || !strings.Contains(stderr, "opensources.json: no such file or directory") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}

	data = writeSourcesData(t)
	code, _, stderr = sourcesCLI(t, "build", "--data", data, "--out", filepath.Join(missing, "r.tsv.gz"))
	if code != exitError || !strings.Contains(stderr, "cannot write "+filepath.Join(missing, "r.tsv.gz")) {
		t.Errorf("unwritable out: exit %d, stderr %q", code, stderr)
	}

	notTable := filepath.Join(t.TempDir(), "t.gz")
	os.WriteFile(notTable, []byte("plain"), 0o644)
	code, _, stderr = sourcesCLI(t, "lookup", "--table", notTable, "reuters.com")
	if code != exitError || !strings.Contains(stderr, "not a gzip-compressed ratings table") {
		t.Errorf("bad table: exit %d, stderr %q", code, stderr)
	}
}
