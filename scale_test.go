package credence_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/credence-news/credence"
)

// Regression tests for issue 12 (linear cost on large and hostile inputs):
// they assert behaviour (counts, sizes, warnings), never time. The bench
// program bench/scale measures the time.

var updateReports = flag.Bool("update-reports", false, "rewrite testdata/reports.sha256 from the current reports")

// hostile builds an article of about n bytes by repeating piece(i).
func hostile(n int, piece func(i int) string) []byte {
	var b bytes.Buffer
	b.WriteString("Hostile input\n\n")
	for i := 0; b.Len() < n; i++ {
		b.WriteString(piece(i))
	}
	b.WriteString("\n")
	return b.Bytes()
}

var hostileShapes = map[string]func(i int) string{
	// one run-on sentence of nested cues
	"runon": func(int) string { return "the officials reported that " },
	// names and cues with no full stop
	"names": func(i int) string { return fmt.Sprintf("John Smith%d Jones of Acme Corp said ", i) },
	// short sentences of nested attributions
	"saidsaid": func(i int) string {
		return fmt.Sprintf("Ann%[1]d said Bob%[1]d said Carl%[1]d told Dan%[1]d that Eve%[1]d claimed the deal was done. ", i%50)
	},
	// the same nested cues, twelve to a sentence
	"crowded": func(i int) string {
		return strings.Repeat("the minister said that ", 12) + "it rained.\n\n"
	},
	// quotes with a pronoun speaker
	"quotes": func(i int) string { return `"We will win," he said. ` },
	// paragraphs naming the same person
	"paras": func(int) string { return "John Smith said the plan would work.\n\n" },
	// "and said" without a subject (exponential in subjectBefore before)
	"andsaid": func(int) string { return "and then " + strings.Repeat("and said ", 100) + "so.\n\n" },
}

type shapeRun struct {
	attributions, quotes, report int
	maxPerSentence               int
	warnings                     []string
}

func runShape(t *testing.T, n int, piece func(int) string) shapeRun {
	t.Helper()
	raw := hostile(n, piece)
	d, err := credence.Document(context.Background(), raw, credence.Options{Kind: "text"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := credence.Analyze(context.Background(), raw, credence.Options{Kind: "text"})
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	perSentence := map[int]int{}
	r := shapeRun{attributions: len(d.Attributions), quotes: len(d.Quotes), report: len(js), warnings: d.Warnings}
	for _, at := range d.Attributions {
		si := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > at.Cue.Start })
		perSentence[si]++
		r.maxPerSentence = max(r.maxPerSentence, perSentence[si])
	}
	return r
}

// TestHostileInputsLinear runs each hostile shape at 24 KB and 48 KB: the
// counts and the report must grow at most in proportion (with a little
// slack for the ends), the report stay within a fixed multiple of the
// input, and no sentence hold more than maxSentenceAttributions (8).
func TestHostileInputsLinear(t *testing.T) {
	const n = 24 << 10
	for name, piece := range hostileShapes {
		t.Run(name, func(t *testing.T) {
			small, large := runShape(t, n, piece), runShape(t, 2*n, piece)
			grows := func(what string, a, b int) {
				if b > 2*a+a/10+50 {
					t.Errorf("%s: %d at %d KB but %d at %d KB: more than linear", what, a, n>>10, b, 2*n>>10)
				}
			}
			grows("attributions", small.attributions, large.attributions)
			grows("quotes", small.quotes, large.quotes)
			grows("report bytes", small.report, large.report)
			// 40× the input plus a fixed part: dense quotes cost about 30×
			// in the compact report; nested attributions copying the rest
			// of a sentence each grew without bound.
			if limit := 40*2*n + 64<<10; large.report > limit {
				t.Errorf("report of %d bytes for %d bytes of input (limit %d)", large.report, 2*n, limit)
			}
			if large.maxPerSentence > 8 {
				t.Errorf("%d attributions in one sentence", large.maxPerSentence)
			}
		})
	}
}

// TestHostileSentencesWarn: a run-on sentence over 1000 words is not
// searched for attributions, and a sentence with more than 8 is searched
// for the first 8 only; the warnings say so.
func TestHostileSentencesWarn(t *testing.T) {
	r := runShape(t, 16<<10, hostileShapes["runon"])
	if r.attributions != 0 || !hasWarning(r.warnings, "longer than 1000 words") {
		t.Errorf("run-on sentence: %d attributions, warnings %q", r.attributions, r.warnings)
	}
	r = runShape(t, 4<<10, hostileShapes["crowded"])
	if r.maxPerSentence != 8 || !hasWarning(r.warnings, "more than 8 attributions") {
		t.Errorf("crowded sentences: at most %d attributions in one, warnings %q", r.maxPerSentence, r.warnings)
	}
	r = runShape(t, 16<<10, hostileShapes["saidsaid"])
	if r.attributions == 0 || len(r.warnings) != 0 {
		t.Errorf("nested attributions in short sentences: %d attributions, warnings %q", r.attributions, r.warnings)
	}
}

func hasWarning(ws []string, s string) bool {
	for _, w := range ws {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// TestNormalReportsUnchanged compares the report of every shipped article
// with the digest recorded in testdata/reports.sha256: the work on large
// inputs must not change what normal articles get. After an intended
// change, run `go test -run TestNormalReportsUnchanged -update-reports .`
// and say why in the commit.
func TestNormalReportsUnchanged(t *testing.T) {
	var files []string
	for _, g := range []string{"examples/*", "testdata/heldout/*"} {
		m, _ := filepath.Glob(g)
		for _, f := range m {
			if st, err := os.Stat(f); err == nil && st.IsDir() {
				continue // examples/corpus: the batch demo's inputs
			}
			if !strings.HasSuffix(f, ".md") && !strings.HasSuffix(f, ".gold.json") {
				files = append(files, f)
			}
		}
	}
	sort.Strings(files)
	var got strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := credence.Analyze(context.Background(), raw, credence.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&got, "%x  %s\n", sha256.Sum256(b.Bytes()), f)
	}
	const path = "testdata/reports.sha256"
	if *updateReports {
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("reports changed (digests of `credence analyze FILE`):\ngot:\n%swant:\n%s", got.String(), want)
	}
}
