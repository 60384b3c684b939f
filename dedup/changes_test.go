package dedup

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	credence "github.com/credence-news/credence"
	"github.com/credence-news/credence/report"
)

// One analyzer for every test here: loading the models takes a while.
var (
	analyzerOnce sync.Once
	analyzer     *credence.Analyzer
	analyzerErr  error
)

func analyze(t *testing.T, input []byte, opts credence.Options) *report.Report {
	t.Helper()
	analyzerOnce.Do(func() { analyzer, analyzerErr = credence.New(credence.Config{}) })
	if analyzerErr != nil {
		t.Fatal(analyzerErr)
	}
	r, err := analyzer.Analyze(context.Background(), input, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// plantedEdit is one edit the sample corpus's truth records for a copy.
type plantedEdit struct {
	Kind, Before, After string
}

type truthRecord struct {
	ID          string
	Role        string
	DerivedFrom *string `json:"derived_from"`
	Edits       []plantedEdit
}

// sampleReports analyses, once, every article of the sample corpus that
// is a copy (of any role) or the parent of one.
var (
	sampleOnce    sync.Once
	sampleTruth   []truthRecord
	sampleReports map[string]*report.Report
)

func loadSampleReports(t *testing.T) ([]truthRecord, map[string]*report.Report) {
	t.Helper()
	sampleOnce.Do(func() {
		lines := map[string][]byte{}
		readLines(t, "../examples/corpus/sample.jsonl", func(b []byte) {
			var a struct{ ID string }
			if err := json.Unmarshal(b, &a); err != nil {
				t.Fatal(err)
			}
			lines[a.ID] = append([]byte(nil), b...)
		})
		readLines(t, "../examples/corpus/sample-truth.jsonl", func(b []byte) {
			var tr truthRecord
			if err := json.Unmarshal(b, &tr); err != nil {
				t.Fatal(err)
			}
			sampleTruth = append(sampleTruth, tr)
		})
		sampleReports = map[string]*report.Report{}
		for _, tr := range sampleTruth {
			if tr.DerivedFrom == nil {
				continue
			}
			for _, id := range []string{tr.ID, *tr.DerivedFrom} {
				if sampleReports[id] == nil {
					sampleReports[id] = analyze(t, lines[id], credence.Options{})
				}
			}
		}
	})
	if sampleReports == nil {
		t.Fatal("the sample corpus did not load")
	}
	return sampleTruth, sampleReports
}

func readLines(t *testing.T, path string, each func([]byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		each(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// within says whether the words of part occur together in whole. The
// last word may go on ("council" is within "councils", as an edit that
// ends at "Council" is within "Council's").
func within(whole, part string) bool {
	p := normWords(part)
	return len(p) > 0 && strings.Contains(" "+strings.Join(normWords(whole), " ")+" ", " "+strings.Join(p, " "))
}

// occurrences counts the times the words of part occur together in text.
func occurrences(text, part string) int {
	return strings.Count(" "+strings.Join(normWords(text), " ")+" ", " "+strings.Join(normWords(part), " ")+" ")
}

// overlaps says whether one text holds the other, by words.
func overlaps(x, y string) bool { return within(x, y) || within(y, x) }

// covered is the share of the words of text that the texts of the
// changes of one kind lying inside it hold.
func covered(text string, cs []Change, kind string, field func(Change) string) float64 {
	total := len(normWords(text))
	if total == 0 {
		return 0
	}
	n := 0
	for _, c := range cs {
		if c.Kind == kind && within(text, field(c)) {
			n += len(normWords(field(c)))
		}
	}
	return float64(n) / float64(total)
}

func before(c Change) string { return c.Before }
func after(c Change) string  { return c.After }

// named says whether the changes name a planted edit, as the brief of
// issue 16 defines it for each kind of edit.
func named(e plantedEdit, cs []Change, origTitle string) bool {
	has := func(ok func(Change) bool) bool {
		for _, c := range cs {
			if ok(c) {
				return true
			}
		}
		return false
	}
	switch e.Kind {
	case "headline":
		return has(func(c Change) bool { return c.Kind == "headline" })
	case "reword":
		if within(origTitle, e.Before) {
			return has(func(c Change) bool { return c.Kind == "headline" })
		}
		// An edit within a sentence is within the reworded pair; one over
		// two sentences holds one of them.
		return has(func(c Change) bool {
			return c.Kind == "sentence-reworded" && overlaps(c.Before, e.Before) && overlaps(c.After, e.After)
		})
	case "add-paragraph":
		return covered(e.After, cs, "sentence-added", after) >= 0.9
	case "remove-sentence", "remove-paragraph":
		return covered(e.Before, cs, "sentence-removed", before) >= 0.9
	case "cut-quote":
		return has(func(c Change) bool {
			return c.Kind == "quote-cut" && within(e.Before, c.Before) ||
				c.Kind == "sentence-removed" && overlaps(e.Before, c.Before)
		}) || covered(e.Before, cs, "sentence-removed", before) >= 0.9
	case "reattribute":
		return has(func(c Change) bool {
			switch c.Kind {
			case "attribution-replaced", "attribution-dropped":
				return within(e.Before, c.Before) || within(e.After, c.After)
			case "sentence-reworded":
				return within(c.Before, e.Before) || within(c.After, e.After)
			}
			return false
		})
	}
	return false
}

// planted says whether a change corresponds to some planted edit: its
// text is inside an edit's text, or holds it. Evidence words are short,
// so a change of evidence must also show in the counts: the side said to
// have gained the words has them more often than the other.
func planted(c Change, edits []plantedEdit, orig, cp *report.Report) bool {
	switch c.Kind {
	case "speculation-added", "sensational-added", "quote-added":
		if occurrences(cp.Text, c.After) <= occurrences(orig.Text, c.After) {
			return false
		}
	case "speculation-removed", "quote-cut":
		if occurrences(orig.Text, c.Before) <= occurrences(cp.Text, c.Before) {
			return false
		}
	}
	for _, e := range edits {
		switch c.Kind {
		case "headline":
			if e.Kind == "headline" {
				return true
			}
		case "sentence-reworded":
			if e.Before != "" && overlaps(c.Before, e.Before) || e.After != "" && overlaps(c.After, e.After) {
				return true
			}
		case "sentence-added", "speculation-added", "quote-added", "sensational-added":
			if e.After != "" && overlaps(c.After, e.After) {
				return true
			}
		case "sentence-removed", "speculation-removed", "quote-cut":
			if e.Before != "" && overlaps(c.Before, e.Before) {
				return true
			}
		case "attribution-replaced", "attribution-dropped":
			if e.Kind == "reattribute" || e.Kind == "reword" || e.Kind == "cut-quote" {
				if within(e.Before, c.Before) || within(e.After, c.After) {
					return true
				}
			}
		}
	}
	return false
}

// TestSampleChanges checks Changes against the planted edits of the
// sample corpus: recall over the hand-edited copies' edits by kind, and
// precision (changes that correspond to a planted edit, over all changes
// but the score, which follows from the others) on the copies and the
// syndicated pick-ups; exact duplicates must give no change at all.
func TestSampleChanges(t *testing.T) {
	truth, reports := loadSampleReports(t)
	type tally struct{ n, hit int }
	recall := map[string]*tally{}
	precision := map[string]*tally{}
	kinds := map[string]int{}
	for _, tr := range truth {
		if tr.DerivedFrom == nil {
			continue
		}
		orig, cp := reports[*tr.DerivedFrom], reports[tr.ID]
		cs := Changes(orig, cp)
		if tr.Role == "duplicate" {
			if len(cs) != 0 {
				t.Errorf("%s, a duplicate of %s: %d changes, first %+v", tr.ID, *tr.DerivedFrom, len(cs), cs[0])
			}
			continue
		}
		p := precision[tr.Role]
		if p == nil {
			p = &tally{}
			precision[tr.Role] = p
		}
		for _, c := range cs {
			kinds[tr.Role+" "+c.Kind]++
			if c.Kind == "score" {
				continue
			}
			p.n++
			if planted(c, tr.Edits, orig, cp) {
				p.hit++
			} else if testing.Verbose() {
				t.Logf("false %s %s: %s | %q → %q", tr.ID, c.Kind, c.Note, c.Before, c.After)
			}
		}
		for _, e := range tr.Edits {
			key := tr.Role + " " + e.Kind
			if recall[key] == nil {
				recall[key] = &tally{}
			}
			recall[key].n++
			if named(e, cs, orig.Meta.Title) {
				recall[key].hit++
			} else if testing.Verbose() {
				t.Logf("missed %s %s: %q → %q", tr.ID, e.Kind, e.Before, e.After)
			}
		}
	}
	var keys []string
	for k := range recall {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	all := map[string]*tally{}
	for _, k := range keys {
		r := recall[k]
		t.Logf("recall %-30s %3d/%3d = %.3f", k, r.hit, r.n, float64(r.hit)/float64(r.n))
		role := strings.Fields(k)[0]
		if all[role] == nil {
			all[role] = &tally{}
		}
		all[role].n += r.n
		all[role].hit += r.hit
	}
	for role, r := range all {
		t.Logf("recall %-30s %3d/%3d = %.3f", role+" (all edits)", r.hit, r.n, float64(r.hit)/float64(r.n))
	}
	for role, p := range precision {
		t.Logf("precision %-27s %3d/%3d = %.3f", role, p.hit, p.n, float64(p.hit)/float64(p.n))
	}
	keys = keys[:0]
	for k := range kinds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("changes %-36s %4d", k, kinds[k])
	}
	// Floors a little under what is measured (copy recall 0.982,
	// syndicated 0.998, precision 1.000 on both).
	for role, floor := range map[string]float64{"copy": 0.97, "syndicated": 0.98} {
		if r := all[role]; r == nil || float64(r.hit) < floor*float64(r.n) {
			t.Errorf("recall on the %s articles below %.2f", role, floor)
		}
		if p := precision[role]; p == nil || float64(p.hit) < 0.97*float64(p.n) {
			t.Errorf("precision on the %s articles below 0.97", role)
		}
	}
}

// The small reports below are made by the analyzer from short texts
// written for these tests.

const (
	baseTitle = "Council approves Tidewater Bridge replacement"
	baseText  = "Harbourton City Council voted on Tuesday to replace the Tidewater Bridge. " +
		"The new bridge will cost £48 million and open in 2030. " +
		"\"We have run out of patches on this bridge,\" said Councillor Ruth Alder, who chairs the committee. " +
		"The bridge will close to traffic in May, the county fire service said. " +
		"Traders on Quay Street fear the works will hurt their business."
)

// changesOf analyses a copy of the base article (with the replacements
// old→new made in its text, and its own title) and returns its changes
// of one kind.
func changesOf(t *testing.T, kind, title string, replace ...string) []Change {
	t.Helper()
	orig := analyze(t, []byte(baseText), credence.Options{Kind: "text", Title: baseTitle})
	cp := analyze(t, []byte(strings.NewReplacer(replace...).Replace(baseText)), credence.Options{Kind: "text", Title: title})
	var out []Change
	for _, c := range Changes(orig, cp) {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out
}

func expectChanges(t *testing.T, got []Change, want ...Change) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d changes %#v, want %#v", len(got), got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("change %d is %#v, want %#v", i, got[i], want[i])
		}
	}
}

func TestChangesIdentical(t *testing.T) {
	r := analyze(t, []byte(baseText), credence.Options{Kind: "text", Title: baseTitle})
	// Quote marks and spacing are house style, not a change.
	s := analyze(t, []byte(strings.NewReplacer("\"We", "“We", "bridge,\"", "bridge,”", ". ", ".  ").Replace(baseText)), credence.Options{Kind: "text", Title: baseTitle})
	if cs := Changes(r, s); len(cs) != 0 {
		t.Errorf("changes between the same article in two quote styles: %#v", cs)
	}
	if Changes(nil, r) != nil {
		t.Error("changes from a nil report")
	}
}

func TestChangesReworded(t *testing.T) {
	got := changesOf(t, "sentence-reworded", baseTitle, "open in 2030", "be ready by 2030")
	expectChanges(t, got, Change{Kind: "sentence-reworded",
		Before: "The new bridge will cost £48 million and open in 2030.",
		After:  "The new bridge will cost £48 million and be ready by 2030."})
}

func TestChangesSpeculationAdded(t *testing.T) {
	got := changesOf(t, "speculation-added", baseTitle, "2030. ", "2030. We can probably guess how this ends. ")
	expectChanges(t, got, Change{Kind: "speculation-added", After: "We can probably guess",
		Note: "speculation added: “We can probably guess”"})
}

func TestChangesQuoteCut(t *testing.T) {
	got := changesOf(t, "quote-cut", baseTitle,
		"\"We have run out of patches on this bridge,\" said Councillor Ruth Alder, who chairs the committee. ", "")
	expectChanges(t, got, Change{Kind: "quote-cut", Before: "We have run out of patches on this bridge,",
		Note: "quote by Ruth Alder cut"})
}

func TestChangesAttributionReplaced(t *testing.T) {
	got := changesOf(t, "attribution-replaced", baseTitle, "the county fire service said", "the BBC reported")
	expectChanges(t, got, Change{Kind: "attribution-replaced", Before: "the county fire service", After: "BBC",
		Note: "was the county fire service, now BBC (media-outlet)"})
}

func TestChangesHeadlineSensationalised(t *testing.T) {
	got := changesOf(t, "headline", "You Won't BELIEVE What This Council Just Did To A Beloved Bridge")
	expectChanges(t, got, Change{Kind: "headline", Before: baseTitle,
		After: "You Won't BELIEVE What This Council Just Did To A Beloved Bridge", Note: "sensationalised"})
	got = changesOf(t, "headline", "Tidewater Bridge replacement approved by council")
	expectChanges(t, got, Change{Kind: "headline", Before: baseTitle,
		After: "Tidewater Bridge replacement approved by council", Note: "reworded"})
}
