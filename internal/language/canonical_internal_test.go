package language

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/clean"
	"github.com/credence-news/credence/internal/gazetteer"
	"github.com/credence-news/credence/internal/ingest"
	"github.com/credence-news/credence/internal/segment"
	"github.com/credence-news/credence/internal/tagger"
)

// TestCanonicaliseIndexed checks that the indexed canonicalise gives every
// mention the name and type that comparing every pair of mentions gives
// (canonicaliseSlow, the algorithm before the indexes), on the shipped
// articles and on generated articles full of names.
func TestCanonicaliseIndexed(t *testing.T) {
	inputs := map[string][]byte{}
	for _, g := range []string{"../../examples/*", "../../testdata/heldout/*"} {
		files, _ := filepath.Glob(g)
		for _, f := range files {
			if strings.HasSuffix(f, ".md") || strings.HasSuffix(f, ".gold.json") {
				continue
			}
			if st, err := os.Stat(f); err == nil && st.IsDir() {
				continue // examples/corpus: the batch demo's inputs
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs[f] = b
		}
	}
	var names strings.Builder
	names.WriteString("Names\n\n")
	firsts := []string{"John", "Maria", "Sergei", "Anna", "Lunaleaf"}
	lasts := []string{"Smith", "Zakharova", "Zakarova", "Lavrov", "Jones", "Ltd"}
	for i := range 300 {
		f, l := firsts[i%len(firsts)], lasts[(i/3)%len(lasts)]
		switch i % 6 {
		case 0:
			fmt.Fprintf(&names, "%s %s said the plan would work. ", f, l)
		case 1:
			fmt.Fprintf(&names, "Ms %s told reporters. ", l)
		case 2:
			fmt.Fprintf(&names, "%s agreed with MOSCOW and Moscow. ", f)
		case 3:
			fmt.Fprintf(&names, "The %s Foreign Ministry and %s Ltd said so. ", l, f)
		case 4:
			fmt.Fprintf(&names, "%s SMITH and %s replied.\n\n", strings.ToUpper(f), l)
		default:
			fmt.Fprintf(&names, "Mr %s %s met %s.\n\n", f, l, f)
		}
	}
	inputs["generated names"] = []byte(names.String())

	for name, raw := range inputs {
		fast, slow := entitiesBothWays(t, raw)
		if len(fast) == 0 {
			t.Errorf("%s: no entities", name)
		}
		if !reflect.DeepEqual(fast, slow) {
			for i := range fast {
				if fast[i] != slow[i] {
					t.Errorf("%s: mention %d: indexed %+v, pairwise %+v", name, i, fast[i], slow[i])
					break
				}
			}
		}
	}
}

// entitiesBothWays runs the pipeline up to the entities and canonicalises
// them both ways.
func entitiesBothWays(t *testing.T, raw []byte) (fast, slow []doc.Entity) {
	t.Helper()
	d, err := ingest.Ingest(raw, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules, err := clean.DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	if err := rules.Clean(d); err != nil {
		t.Fatal(err)
	}
	segment.Segment(d)
	if err := Annotate(d); err != nil {
		t.Fatal(err)
	}
	var forms []string
	var sentOf []int32
	for si, s := range d.Sentences {
		for _, w := range tagger.PTBWords(d.Text, d.Tokens[s.FirstToken:s.EndToken], nil) {
			forms = append(forms, w.Text)
			sentOf = append(sentOf, int32(si))
		}
	}
	if len(forms) != len(d.Words) {
		t.Fatalf("%d forms for %d words", len(forms), len(d.Words))
	}
	st, err := shippedStage()
	if err != nil {
		t.Fatal(err)
	}
	an := newAnalysis(st, d, forms, sentOf, &indexes{})
	var ents []doc.Entity
	for _, m := range an.addGazetteerOutlets(an.mentionsFromTags()) {
		m = an.stripLeadingTitles(m)
		if m.a >= m.b {
			continue
		}
		e := doc.Entity{Span: doc.Span{Start: d.Words[m.a].Start, End: d.Words[m.b-1].End}, FirstWord: m.a, EndWord: m.b, Type: m.typ}
		an.refineType(&e)
		ents = append(ents, e)
	}
	fast, slow = append([]doc.Entity(nil), ents...), append([]doc.Entity(nil), ents...)
	an.canonicalise(fast)
	an.canonicaliseSlow(slow)
	return fast, slow
}

// canonicaliseSlow is canonicalise as it was before its indexes: every
// mention compared with every other, in order.
func (an *analysis) canonicaliseSlow(ents []doc.Entity) {
	words := func(e *doc.Entity) []string { return an.forms[e.FirstWord:e.EndWord] }
	for i := range ents {
		e := &ents[i]
		e.Canonical = an.textOf(e.FirstWord, e.EndWord)
		switch e.Type {
		case "MEDIA":
			if m, ok := an.exactMatch(gazetteer.Outlet, e.FirstWord, e.EndWord); ok {
				e.Canonical = an.gz.Entry(m).Name
			}
			continue
		case "LOC", "NORP", "ORG":
			for _, c := range []gazetteer.Class{gazetteer.Country, gazetteer.IntlOrg, gazetteer.GovBody, gazetteer.Party} {
				if m, ok := an.exactMatch(c, e.FirstWord, e.EndWord); ok && e.Type != "NORP" {
					e.Canonical = an.gz.Entry(m).Name
					break
				}
			}
		}
		if isAllCaps(e.Canonical) {
			for j := range ents {
				o := &ents[j]
				if j != i && o.Type == e.Type && !isAllCaps(an.textOf(o.FirstWord, o.EndWord)) && strings.EqualFold(an.textOf(o.FirstWord, o.EndWord), e.Canonical) {
					e.Canonical = an.textOf(o.FirstWord, o.EndWord)
					break
				}
			}
		}
		if e.Type == "PERSON" && e.EndWord-e.FirstWord == 1 {
			for j := range ents {
				o := &ents[j]
				if o.Type == "ORG" && o.EndWord-o.FirstWord > 1 && an.forms[o.FirstWord] == an.forms[e.FirstWord] {
					e.Type = "ORG"
					break
				}
			}
		}
		if (e.Type == "ORG" || e.Type == "LOC" || e.Type == "MISC") && e.EndWord-e.FirstWord == 1 && !an.knownPlace(e.FirstWord) {
			person, org := false, false
			for j := range ents {
				o := &ents[j]
				if o.EndWord-o.FirstWord > 1 && an.forms[o.EndWord-1] == an.forms[e.FirstWord] {
					person = person || o.Type == "PERSON"
					org = org || o.Type == "ORG"
				}
			}
			if person && !org {
				e.Type = "PERSON"
			}
		}
		if e.Type != "PERSON" && e.Type != "ORG" {
			continue
		}
		best := -1
		w := words(e)
		for j := range ents {
			o := &ents[j]
			if o.Type != e.Type || o.EndWord-o.FirstWord <= len(w) {
				continue
			}
			ow := words(o)
			if endsWith(ow, w) || (e.Type == "PERSON" && len(w) == 1 && ow[0] == w[0] && an.uniqueFirstName(ents, w[0])) {
				if best < 0 || o.EndWord-o.FirstWord > ents[best].EndWord-ents[best].FirstWord {
					best = j
				}
			}
		}
		if best < 0 && e.Type == "PERSON" && len(w) == 1 {
			for j := range ents {
				o := &ents[j]
				if o.Type == "PERSON" && o.EndWord-o.FirstWord > 1 && nearSpelling(an.forms[o.EndWord-1], w[0]) {
					best = j
					break
				}
			}
		}
		if best >= 0 {
			e.Canonical = an.textOf(ents[best].FirstWord, ents[best].EndWord)
		}
	}
}

// uniqueFirstName reports whether exactly one distinct multi-word person
// starts with first.
func (an *analysis) uniqueFirstName(ents []doc.Entity, first string) bool {
	seen := ""
	for i := range ents {
		e := &ents[i]
		if e.Type != "PERSON" || e.EndWord-e.FirstWord < 2 || an.forms[e.FirstWord] != first {
			continue
		}
		full := strings.Join(an.forms[e.FirstWord:e.EndWord], " ")
		if seen != "" && seen != full {
			return false
		}
		seen = full
	}
	return seen != ""
}
