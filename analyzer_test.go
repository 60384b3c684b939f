package credence_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/report"
)

// articles are the shipped examples and the held-out fixtures.
func articles(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, pat := range []string{"examples/*.txt", "examples/*.html", "examples/*.json", "testdata/heldout/*.txt", "testdata/heldout/*.html", "testdata/heldout/*.json", "testdata/languages/*.txt"} {
		paths, _ := filepath.Glob(pat)
		for _, p := range paths {
			if strings.HasSuffix(p, ".gold.json") {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out[p] = b
		}
	}
	if len(out) < 8 {
		t.Fatalf("only %d articles found", len(out))
	}
	return out
}

func reportJSON(t testing.TB, r *credence.Report) []byte {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAnalyzerConcurrent: one Analyzer, 16 goroutines analysing different
// articles at once, gives byte-identical reports to sequential calls. CI
// runs it under -race.
func TestAnalyzerConcurrent(t *testing.T) {
	a, err := credence.New(credence.Config{})
	if err != nil {
		t.Fatal(err)
	}
	arts := articles(t)
	names := make([]string, 0, len(arts))
	for n := range arts {
		names = append(names, n)
	}
	slices.Sort(names)
	want := map[string][]byte{}
	for _, n := range names {
		r, err := a.Analyze(context.Background(), arts[n], credence.Options{})
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		want[n] = reportJSON(t, r)
	}
	const goroutines = 16
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*len(names))
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each goroutine starts at a different article, so that
			// different articles are analysed at the same time.
			for k := range names {
				n := names[(g+k)%len(names)]
				r, err := a.Analyze(context.Background(), arts[n], credence.Options{})
				if err != nil {
					errs <- err
					continue
				}
				b, _ := json.Marshal(r)
				if !bytes.Equal(b, want[n]) {
					errs <- errors.New(n + ": concurrent report differs from the sequential one")
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestAnalyzeAllOrder: AnalyzeAll yields one result per item, in input
// order, each the same as Analyze's, with bad inputs as errors in place.
func TestAnalyzeAllOrder(t *testing.T) {
	a, err := credence.New(credence.Config{})
	if err != nil {
		t.Fatal(err)
	}
	arts := articles(t)
	var items []credence.Item
	var names []string
	for n, b := range arts {
		items = append(items, credence.Item{Input: b})
		names = append(names, n)
	}
	// A bad input in the middle.
	items = slices.Insert(items, 3, credence.Item{Input: []byte("   ")})
	names = slices.Insert(names, 3, "(empty)")
	seq := func(yield func(credence.Item) bool) {
		for _, it := range items {
			if !yield(it) {
				return
			}
		}
	}
	i := 0
	for r := range a.AnalyzeAll(context.Background(), seq, 3) {
		if r.Index != i {
			t.Fatalf("result %d has index %d", i, r.Index)
		}
		if names[i] == "(empty)" {
			if !credence.IsInputError(r.Err) || r.Err.Error() != "input is empty" {
				t.Errorf("empty item: err %v, want the input error %q", r.Err, "input is empty")
			}
		} else {
			if r.Err != nil {
				t.Fatalf("%s: %v", names[i], r.Err)
			}
			one, err := a.Analyze(context.Background(), items[i].Input, credence.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(reportJSON(t, r.Report), reportJSON(t, one)) {
				t.Errorf("%s: AnalyzeAll's report differs from Analyze's", names[i])
			}
		}
		i++
	}
	if i != len(items) {
		t.Fatalf("%d results for %d items", i, len(items))
	}
}

// TestAnalyzeAllStopsEarly: breaking out of the loop stops reading the
// input sequence within the read-ahead bound.
func TestAnalyzeAllStopsEarly(t *testing.T) {
	a, err := credence.New(credence.Config{Disable: []string{"verdict", "claims"}})
	if err != nil {
		t.Fatal(err)
	}
	art, _ := os.ReadFile("examples/wire-story.txt")
	read := 0
	var mu sync.Mutex
	seq := func(yield func(credence.Item) bool) {
		for range 1000 {
			mu.Lock()
			read++
			mu.Unlock()
			if !yield(credence.Item{Input: art}) {
				return
			}
		}
	}
	got := 0
	for r := range a.AnalyzeAll(context.Background(), seq, 2) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if got++; got == 5 {
			break
		}
	}
	mu.Lock()
	defer mu.Unlock()
	// 5 yielded, at most 2×2 waiting in order, one job being handed over
	// and one item being read.
	if read > 5+4+2 {
		t.Errorf("read %d items for 5 results: read-ahead is not bounded", read)
	}
}

// TestAnalyzeAllCancel: a cancelled context ends the sequence with the
// context's error.
func TestAnalyzeAllCancel(t *testing.T) {
	a, err := credence.New(credence.Config{})
	if err != nil {
		t.Fatal(err)
	}
	art, _ := os.ReadFile("examples/wire-story.txt")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seq := func(yield func(credence.Item) bool) {
		for range 100 {
			if !yield(credence.Item{Input: art}) {
				return
			}
		}
	}
	var last credence.Result
	n := 0
	for r := range a.AnalyzeAll(ctx, seq, 2) {
		if n++; n == 2 {
			cancel()
		}
		last = r
	}
	if !errors.Is(last.Err, context.Canceled) || n >= 100 {
		t.Fatalf("after %d results the last error is %v, want context.Canceled", n, last.Err)
	}
}

// writeData writes files into a fresh data folder.
func writeData(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestNewFailsOnBadData: a broken model, table or list fails New with one
// line naming the file, before any article is read.
func TestNewFailsOnBadData(t *testing.T) {
	for _, c := range []struct {
		name, file, content string
		want                string // regexp over the error
	}{
		{"corrupt tagger", "tagger/tagger.bin.gz", "not a model", `^data file .*/tagger/tagger\.bin\.gz: `},
		{"empty clickbait model", "headline/clickbait.bin.gz", "", `^data file .*/headline/clickbait\.bin\.gz: `},
		{"corrupt claims model", "checkworthy/claims.bin.gz", "\x1f\x8b garbage", `^data file .*/checkworthy/claims\.bin\.gz: `},
		{"corrupt ratings", "sources/ratings.tsv.gz", "domain\tpc1\n", `^data file .*/sources/ratings\.tsv\.gz: `},
		{"bad rule", "clean/rules.tsv", "x\tshortcode\tline\t80\t\t(unclosed\n", `^data file .*/clean/rules\.tsv: `},
		{"bad cue kind", "attribution/cues.tsv.extra", "", `is not a file Credence reads`},
		{"bad reference", "signals/reference.tsv", "speculation\t3,2,1\n", `^data file .*/signals/reference\.tsv: reference line 1: values are not sorted$`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeData(t, map[string]string{c.file: c.content})
			a, err := credence.New(credence.Config{DataDir: dir})
			if err == nil {
				t.Fatalf("New succeeded (%v)", a != nil)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || !regexp.MustCompile(c.want).MatchString(msg) {
				t.Errorf("error %q, want one line matching %s", msg, c.want)
			}
		})
	}
	if _, err := credence.New(credence.Config{DataDir: "/nonexistent/credence-data"}); err == nil ||
		err.Error() != "data folder /nonexistent/credence-data: no such file or directory" {
		t.Errorf("missing data folder: %v", err)
	}
	if _, err := credence.New(credence.Config{Disable: []string{"attribution"}}); err == nil ||
		err.Error() != "stage signals reads the attributions layer, which stage attribution writes, but attribution is switched off" {
		t.Errorf("signals without attribution: %v", err)
	}
	if _, err := credence.New(credence.Config{Disable: []string{"verdikt"}}); err == nil ||
		!strings.HasPrefix(err.Error(), `cannot switch off stage "verdikt"`) {
		t.Errorf("unknown stage: %v", err)
	}
}

// TestDataFolderExtendsList: a word added in the data folder's .extra file
// is found, and the engine says the list was extended.
func TestDataFolderExtendsList(t *testing.T) {
	text := []byte("Minister resigns\n\nThe minister resigned on Tuesday. The move is perchance linked to the budget row, which has run for months.\n")
	base, err := credence.Analyze(context.Background(), text, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := writeData(t, map[string]string{"signals/hedges.extra.txt": "perchance\n"})
	a, err := credence.New(credence.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.Analyze(context.Background(), text, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	evidence := func(r *credence.Report) []string {
		var out []string
		for _, s := range r.Signals {
			if s.ID == "speculation" {
				for _, e := range s.Evidence {
					out = append(out, e.Text)
				}
			}
		}
		return out
	}
	if slices.Contains(evidence(base), "perchance") || !slices.Contains(evidence(r), "perchance") {
		t.Errorf("speculation evidence: shipped %q, extended %q; want perchance only with the extension", evidence(base), evidence(r))
	}
	origin := ""
	for _, f := range r.Engine.Data {
		if f.Name == "signals/hedges.txt" {
			origin = f.Origin
		}
	}
	if origin != "extended" || r.Engine.Fingerprint == base.Engine.Fingerprint {
		t.Errorf("engine: hedges origin %q, fingerprints %s and %s", origin, r.Engine.Fingerprint, base.Engine.Fingerprint)
	}
}

// TestEngineProvenance: every report names the release and hashes every
// model and table it used.
func TestEngineProvenance(t *testing.T) {
	r, err := credence.Analyze(context.Background(), []byte("Minister resigns\n\nThe minister resigned on Tuesday, officials said.\n"), credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := r.Engine
	if e == nil || e.Version != credence.Version || len(e.Fingerprint) != 16 {
		t.Fatalf("engine %+v", e)
	}
	if !slices.Equal(e.Stages, []string{"clean", "segment", "language", "attribution", "signals", "claims", "verdict"}) {
		t.Errorf("stages %v", e.Stages)
	}
	var text strings.Builder
	if err := report.WriteText(&text, r, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := "Engine: credence " + credence.Version + ", fingerprint " + e.Fingerprint + " (38 data files; credence data list)\n"; !strings.HasSuffix(text.String(), want) {
		t.Errorf("text output ends %q, want %q", text.String()[max(0, text.Len()-120):], want)
	}
	kinds := map[string]string{}
	for _, f := range e.Data {
		if len(f.SHA256) != 64 || f.Origin != "shipped" || f.Bytes == 0 {
			t.Errorf("data file %+v", f)
		}
		kinds[f.Name] = f.Kind
	}
	for name, kind := range map[string]string{
		"tagger/tagger.bin.gz": "model", "headline/clickbait.bin.gz": "model", "headline/satire.bin.gz": "model",
		"checkworthy/claims.bin.gz": "model", "sources/ratings.tsv.gz": "table", "signals/reference.tsv": "table",
		"clean/rules.tsv": "rules", "signals/hedges.txt": "list", "attribution/cues.tsv": "list",
		"gazetteer/outlets.tsv": "list", "segment/abbreviations.txt": "list", "language/role-heads.txt": "list",
	} {
		if kinds[name] != kind {
			t.Errorf("engine lists %s as %q, want %q", name, kinds[name], kind)
		}
	}
}
