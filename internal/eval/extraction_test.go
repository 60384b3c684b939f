package eval

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
)

// zyteDev returns the Zyte article-extraction benchmark's dev split
// (html/, ground-truth.json, reference-outputs.json) in the shared data.
func zyteDev(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t, "datasets", "extraction", "zyte-benchmark-dev")
}

func TestTokenizeMatchesPython(t *testing.T) {
	// Expected outputs are Python 3.12's re.findall(r'\w+', text).
	cases := []struct {
		text string
		want []string
	}{
		{"\u0928\u092e\u0938\u094d\u0924\u0947 \u00bd \u00b2 x_y", []string{"\u0928\u092e\u0938", "\u0924", "\u00bd", "\u00b2", "x_y"}},
		{"cafe\u0301 caf\u00e9", []string{"cafe", "caf\u00e9"}},
		{"\u216b \u3007 \u2460 \U0001d7d8 \u0663\u0664 \u07c1", []string{"\u216b", "\u3007", "\u2460", "\U0001d7d8", "\u0663\u0664", "\u07c1"}},
		{"\u01c5emal \u02b0a", []string{"\u01c5emal", "\u02b0a"}},
		{"日本語テキスト、です。", []string{"日本語テキスト", "です"}},
		{"foo-bar's 3.14 1,000", []string{"foo", "bar", "s", "3", "14", "1", "000"}},
		{"a\u200bb\u00a0c\td\ne", []string{"a", "b", "c", "d", "e"}},
		{"x\u00b2y x\u0332y", []string{"x\u00b2y", "x", "y"}},
		{"emoji\U0001f600word", []string{"emoji", "word"}},
		{"\ufdfa \ufefc \u3220 \u2153", []string{"\ufdfa", "\ufefc", "\u3220", "\u2153"}},
		{"\u0e01\u0e34\u0e19", []string{"\u0e01", "\u0e19"}},
		{"\u05e9\u05c1\u05dc\u05d5\u05dd", []string{"\u05e9", "\u05dc\u05d5\u05dd"}},
		{"_ __ a_", []string{"_", "__", "a_"}},
		{"", nil},
		{" \t\n.,;!? ", nil},
		{"ab\xffcd\xe2\x82", []string{"ab", "cd"}}, // invalid UTF-8 separates
	}
	for _, c := range cases {
		if got := Tokenize(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Tokenize(%+q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestShingles(t *testing.T) {
	cases := []struct {
		text string
		want map[string]int
	}{
		{"", map[string]int{}},
		{"... !!", map[string]int{}},
		{"one", map[string]int{"one": 1}},
		{"one, two: three", map[string]int{"one\x00two\x00three": 1}},
		{"a b c d", map[string]int{"a\x00b\x00c\x00d": 1}},
		{"a b c d e", map[string]int{"a\x00b\x00c\x00d": 1, "b\x00c\x00d\x00e": 1}},
		{"a b c d a b c d", map[string]int{
			"a\x00b\x00c\x00d": 2, "b\x00c\x00d\x00a": 1, "c\x00d\x00a\x00b": 1, "d\x00a\x00b\x00c": 1,
		}},
	}
	for _, c := range cases {
		got := Shingles(c.text, ShingleSize)
		if len(got) != len(c.want) {
			t.Errorf("Shingles(%q) = %v, want %v", c.text, got, c.want)
			continue
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("Shingles(%q) = %v, want %v", c.text, got, c.want)
				break
			}
		}
	}
}

func TestMatchShingles(t *testing.T) {
	cases := []struct {
		name       string
		gold, pred string
		tp, fp, fn float64
		p, r       float64
	}{
		{"identical", "a b c d e", "a b c d e", 1, 0, 0, 1, 1},
		{"partial", "a b c d e f", "a b c d x", 0.25, 0.25, 0.5, 0.5, 1.0 / 3},
		{"repeated shingle counted", "a b c d a b c d", "a b c d", 0.2, 0, 0.8, 1, 0.2},
		{"extra pred", "a b c d", "a b c d e", 0.5, 0.5, 0, 0.5, 1},
		{"short texts match", "one two three", "one, two... three!", 1, 0, 0, 1, 1},
		{"short texts are case sensitive", "Hello, world!", "hello world", 0, 0.5, 0.5, 0, 0},
		{"short gold vs long pred", "one two three", "one two three four five", 0, 2.0 / 3, 1.0 / 3, 0, 0},
		{"both empty", "", "", 0, 0, 0, 1, 1},
		{"no tokens counts as empty", "¡¿ — …", " .. ", 0, 0, 0, 1, 1},
		{"empty pred", "a b c d e", "", 0, 0, 1, 0, 0},
		{"empty gold", "", "a b", 0, 1, 0, 0, 0},
	}
	for _, c := range cases {
		tp, fp, fn := MatchShingles(c.gold, c.pred)
		if tp != c.tp || fp != c.fp || fn != c.fn {
			t.Errorf("%s: MatchShingles = (%v, %v, %v), want (%v, %v, %v)", c.name, tp, fp, fn, c.tp, c.fp, c.fn)
		}
		if p := PrecisionScore(tp, fp, fn); p != c.p {
			t.Errorf("%s: PrecisionScore = %v, want %v", c.name, p, c.p)
		}
		if r := RecallScore(tp, fp, fn); r != c.r {
			t.Errorf("%s: RecallScore = %v, want %v", c.name, r, c.r)
		}
	}
}

func TestScoreExtractionSmall(t *testing.T) {
	gold := map[string]string{
		"p1": "a b c d e f", // pred: P 1/2, R 1/3
		"p2": "a b c d",     // empty pred: excluded from precision, R 0
		"p3": "",            // both empty: excluded from both
		"p4": "x y",         // exact: P 1, R 1
		"p5": "",            // pred only: P 0, excluded from recall
	}
	pred := map[string]string{"p1": "a b c d x", "p2": "", "p3": "", "p4": "x, y", "p5": "junk text"}
	s, err := ScoreExtraction(gold, pred, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	wantP := (0.5 + 1 + 0) / 3
	wantR := (1.0/3 + 0 + 1) / 3
	wantF := 2 * wantP * wantR / (wantP + wantR)
	if s.Pages != 5 || math.Abs(s.Precision-wantP) > 1e-15 || math.Abs(s.Recall-wantR) > 1e-15 || math.Abs(s.F1-wantF) > 1e-15 {
		t.Errorf("got pages %d P %v R %v F1 %v, want 5 %v %v %v", s.Pages, s.Precision, s.Recall, s.F1, wantP, wantR, wantF)
	}
	if s.PrecisionCI != 0 || s.Bootstrap != 0 {
		t.Errorf("bootstrap disabled but got CI %v over %d resamples", s.PrecisionCI, s.Bootstrap)
	}
	ids := make([]string, len(s.PerPage))
	for i, p := range s.PerPage {
		ids[i] = p.ID
	}
	if !slices.Equal(ids, []string{"p1", "p2", "p3", "p4", "p5"}) {
		t.Errorf("PerPage ids = %v", ids)
	}
	if p := s.PerPage[0]; p.TP != 0.25 || p.FP != 0.25 || p.FN != 0.5 || p.Precision != 0.5 || p.Recall != 1.0/3 {
		t.Errorf("PerPage[0] = %+v", p)
	}
}

func TestScoreExtractionErrors(t *testing.T) {
	gold := map[string]string{"a": "x", "b": "y", "c": "z"}
	pred := map[string]string{"c": "z", "z": "w"}
	_, err := ScoreExtraction(gold, pred, 0, 1)
	if !errors.Is(err, ErrIDMismatch) {
		t.Fatalf("err = %v, want ErrIDMismatch", err)
	}
	for _, want := range []string{`2 of 3 gold ids missing from prediction (e.g. "a")`, `1 prediction ids not in gold (e.g. "z")`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	_, err = ScoreExtraction(gold, map[string]string{"a": "", "b": "", "c": "", "d": ""}, 0, 1)
	if err == nil || strings.Contains(err.Error(), "missing") || !strings.Contains(err.Error(), `1 prediction ids not in gold (e.g. "d")`) {
		t.Errorf("extra-only mismatch: err = %v", err)
	}
	if _, err := ScoreExtraction(gold, gold, 1, 1); err == nil {
		t.Error("bootstrap=1 accepted")
	}
	if _, err := ScoreExtraction(map[string]string{}, map[string]string{}, 0, 1); err == nil {
		t.Error("no pages accepted")
	}
	// No predicted text anywhere: precision undefined (evaluate.py raises).
	if _, err := ScoreExtraction(gold, map[string]string{"a": "", "b": "", "c": ""}, 0, 1); err == nil {
		t.Error("undefined precision accepted")
	}
	// Everything wrong: F1 is 0 rather than a division by zero.
	s, err := ScoreExtraction(gold, map[string]string{"a": "q", "b": "q", "c": "q"}, 10, 1)
	if err != nil || s.Precision != 0 || s.Recall != 0 || s.F1 != 0 {
		t.Errorf("all wrong: %+v, %v", s, err)
	}
}

func TestMeanIsCorrectlyRounded(t *testing.T) {
	// Python: statistics.mean([0.1, 0.2, 0.3]) == 0.2, whereas the naive
	// float sum gives 0.20000000000000004.
	var m meaner
	for _, v := range []float64{0.1, 0.2, 0.3} {
		m.add(0, v)
	}
	if got, ok := m.mean(0); !ok || got != 0.2 {
		t.Errorf("mean = %v, want 0.2", got)
	}
	m.reset()
	for _, v := range []float64{1, 0, 5e-324, 1.0 / 3} {
		m.add(1, v)
	}
	if got, _ := m.mean(1); got != 0.3333333333333333 {
		t.Errorf("mean = %v, want 0.3333333333333333", got)
	}
	if _, ok := m.mean(0); ok {
		t.Error("mean of empty slot reported ok")
	}
}

// Reference figures from evaluate.py (CPython 3.6–3.13 all agree) on the
// 86 dev pages; full is repr() of the floats, rounded the 4-decimal figures.
var zyteDevReference = map[string]struct{ full, rounded [3]float64 }{
	"go_trafilatura": {[3]float64{0.939072003378458, 0.9889959272215364, 0.963387619252658}, [3]float64{0.9391, 0.9890, 0.9634}},
	"trafilatura":    {[3]float64{0.9419291790064338, 0.987245684029185, 0.9640551869642375}, [3]float64{0.9419, 0.9872, 0.9641}},
	"go_readability": {[3]float64{0.9022891054605285, 0.9803686430027336, 0.9397097763930089}, [3]float64{0.9023, 0.9804, 0.9397}},
	"readability":    {[3]float64{0.9193106787756288, 0.9364617129309165, 0.9278069409904698}, [3]float64{0.9193, 0.9365, 0.9278}},
}

func TestZyteDevReferenceOutputs(t *testing.T) {
	zyteDevDir := zyteDev(t)
	gold, err := LoadZyteGold(filepath.Join(zyteDevDir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 86 {
		t.Fatalf("%d gold pages, want 86", len(gold))
	}
	refs, err := LoadReferenceOutputs(filepath.Join(zyteDevDir, "reference-outputs.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range zyteDevReference {
		pred, ok := refs[name]
		if !ok {
			t.Errorf("reference-outputs.json has no %q", name)
			continue
		}
		s, err := ScoreExtraction(gold, pred, 1000, 42)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := [3]float64{s.Precision, s.Recall, s.F1}
		for i, metric := range []string{"precision", "recall", "F1"} {
			if math.Abs(got[i]-want.rounded[i]) > 1e-4 {
				t.Errorf("%s %s = %.4f, want %.4f", name, metric, got[i], want.rounded[i])
			}
			// Same arithmetic as evaluate.py, so the floats are identical.
			if got[i] != want.full[i] {
				t.Errorf("%s %s = %.17g, evaluate.py gives %.17g", name, metric, got[i], want.full[i])
			}
		}
		if s.Pages != 86 || len(s.PerPage) != 86 || s.Bootstrap != 1000 {
			t.Errorf("%s: pages %d/%d, bootstrap %d", name, s.Pages, len(s.PerPage), s.Bootstrap)
		}
		for _, ci := range []float64{s.PrecisionCI, s.RecallCI, s.F1CI} {
			if !(ci > 0.001 && ci < 0.1) {
				t.Errorf("%s: implausible CI half-width %v", name, ci)
			}
		}
		t.Logf("%-15s precision=%.4f ± %.3f  recall=%.4f ± %.3f  F1=%.4f ± %.3f",
			name, s.Precision, s.PrecisionCI, s.Recall, s.RecallCI, s.F1, s.F1CI)
	}
}

func TestBootstrapDeterministic(t *testing.T) {
	zyteDevDir := zyteDev(t)
	gold, err := LoadZyteGold(filepath.Join(zyteDevDir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	refs, err := LoadReferenceOutputs(filepath.Join(zyteDevDir, "reference-outputs.json"))
	if err != nil {
		t.Fatal(err)
	}
	pred := refs["readability"]
	a, err := ScoreExtraction(gold, pred, 200, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ScoreExtraction(gold, pred, 200, 7)
	c, _ := ScoreExtraction(gold, pred, 200, 8)
	if a.PrecisionCI != b.PrecisionCI || a.RecallCI != b.RecallCI || a.F1CI != b.F1CI {
		t.Errorf("same seed, different CIs: %+v vs %+v", a, b)
	}
	if a.PrecisionCI == c.PrecisionCI && a.RecallCI == c.RecallCI {
		t.Errorf("different seeds gave identical CIs")
	}
	if a.Precision != c.Precision {
		t.Errorf("point estimate depends on the seed")
	}
}

func TestZyteDevPages(t *testing.T) {
	zyteDevDir := zyteDev(t)
	gold, err := LoadZyteGoldPages(filepath.Join(zyteDevDir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := PageIDs(filepath.Join(zyteDevDir, "html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(gold) {
		t.Fatalf("%d html pages, %d gold pages", len(ids), len(gold))
	}
	for _, id := range ids {
		g, ok := gold[id]
		if !ok {
			t.Fatalf("html page %s has no gold entry", id)
		}
		if g.URL == "" || g.ArticleBody == "" {
			t.Errorf("gold %s: empty url or articleBody", id)
		}
	}
	page, err := ReadPage(filepath.Join(zyteDevDir, "html"), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(bytes.ToLower(page), []byte("<html")) {
		t.Errorf("page %s does not look like HTML", ids[0])
	}
	pages, err := ReadPages(filepath.Join(zyteDevDir, "html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(ids) || !bytes.Equal(pages[ids[0]], page) {
		t.Errorf("ReadPages: %d pages, first equal to ReadPage: %v", len(pages), bytes.Equal(pages[ids[0]], page))
	}
}

func TestReadPagesGzip(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<html>zipped</html>"))
	zw.Close()
	write("plain.html", []byte("<html>plain</html>"))
	write("zipped.html.gz", gz.Bytes())
	write("notes.txt", []byte("ignored"))
	if err := os.Mkdir(filepath.Join(dir, "sub.html"), 0o755); err != nil {
		t.Fatal(err)
	}

	ids, err := PageIDs(dir)
	if err != nil || !slices.Equal(ids, []string{"plain", "zipped"}) {
		t.Fatalf("PageIDs = %v, %v", ids, err)
	}
	pages, err := ReadPages(dir)
	if err != nil {
		t.Fatal(err)
	}
	if string(pages["plain"]) != "<html>plain</html>" || string(pages["zipped"]) != "<html>zipped</html>" || len(pages) != 2 {
		t.Errorf("ReadPages = %q", pages)
	}
	for id, want := range map[string]string{"plain": "<html>plain</html>", "zipped": "<html>zipped</html>"} {
		got, err := ReadPage(dir, id)
		if err != nil || string(got) != want {
			t.Errorf("ReadPage(%s) = %q, %v", id, got, err)
		}
	}
	if _, err := ReadPage(dir, "absent"); err == nil {
		t.Error("ReadPage of a missing page succeeded")
	}
	if _, err := ReadPage(dir, "../x"); err == nil {
		t.Error("ReadPage accepted a path as id")
	}

	write("plain.html.gz", gz.Bytes())
	if _, err := PageIDs(dir); err == nil || !strings.Contains(err.Error(), "stored twice") {
		t.Errorf("duplicate page: err = %v", err)
	}
}

func TestLoadersNullBody(t *testing.T) {
	dir := t.TempDir()
	gt := filepath.Join(dir, "gt.json")
	out := filepath.Join(dir, "out.json")
	refs := filepath.Join(dir, "refs.json")
	os.WriteFile(gt, []byte(`{"a": {"articleBody": "x y", "url": "http://e/a"}, "b": {"articleBody": null, "url": "u"}}`), 0o644)
	os.WriteFile(out, []byte(`{"a": {"articleBody": "x y"}, "b": {}}`), 0o644)
	os.WriteFile(refs, []byte(`{"ex": {"a": {"articleBody": "x"}, "b": {"articleBody": null}}}`), 0o644)
	g, err := LoadZyteGold(gt)
	if err != nil || len(g) != 2 || g["a"] != "x y" || g["b"] != "" {
		t.Errorf("LoadZyteGold = %q, %v", g, err)
	}
	o, err := LoadZyteOutput(out)
	if err != nil || len(o) != 2 || o["a"] != "x y" || o["b"] != "" {
		t.Errorf("LoadZyteOutput = %q, %v", o, err)
	}
	r, err := LoadReferenceOutputs(refs)
	if err != nil || len(r) != 1 || r["ex"]["a"] != "x" || r["ex"]["b"] != "" {
		t.Errorf("LoadReferenceOutputs = %q, %v", r, err)
	}
	if _, err := LoadZyteGold(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
	os.WriteFile(out, []byte(`[1, 2]`), 0o644)
	if _, err := LoadZyteOutput(out); err == nil {
		t.Error("malformed file accepted")
	}
}

func BenchmarkScoreExtraction(b *testing.B) {
	zyteDevDir := zyteDev(b)
	gold, err := LoadZyteGold(filepath.Join(zyteDevDir, "ground-truth.json"))
	if err != nil {
		b.Fatal(err)
	}
	refs, err := LoadReferenceOutputs(filepath.Join(zyteDevDir, "reference-outputs.json"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ScoreExtraction(gold, refs["go_trafilatura"], 1000, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMatchCountsAgreesWithShingles checks the interned-id fast path
// against a direct comparison of the Shingles multisets.
func TestMatchCountsAgreesWithShingles(t *testing.T) {
	zyteDevDir := zyteDev(t)
	gold, err := LoadZyteGold(filepath.Join(zyteDevDir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	refs, err := LoadReferenceOutputs(filepath.Join(zyteDevDir, "reference-outputs.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, pred := range refs {
		for id, g := range gold {
			gs, ps := Shingles(g, ShingleSize), Shingles(pred[id], ShingleSize)
			var tp, fp, fn int
			for k, gc := range gs {
				tp += min(gc, ps[k])
				fn += max(0, gc-ps[k])
			}
			for k, pc := range ps {
				fp += max(0, pc-gs[k])
			}
			if a, b, c := matchCounts(g, pred[id]); a != tp || b != fp || c != fn {
				t.Errorf("%s/%s: matchCounts = %d %d %d, Shingles give %d %d %d", name, id, a, b, c, tp, fp, fn)
			}
		}
	}
}
