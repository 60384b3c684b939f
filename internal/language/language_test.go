package language_test

import (
	"context"
	"os"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
)

type entityWant struct{ typ, canonical, role, affiliation string }

// entitiesOf runs the pipeline and indexes entities by canonical name.
func entitiesOf(t *testing.T, raw []byte, kind string) (*doc.Document, map[string]doc.Entity) {
	t.Helper()
	d, err := credence.Document(context.Background(), raw, credence.Options{Kind: kind})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]doc.Entity{}
	for _, e := range d.Entities {
		if prev, ok := byName[e.Canonical]; !ok || prev.Role == "" {
			byName[e.Canonical] = e
		}
	}
	return d, byName
}

// TestMessyExampleEntities is the "done when" of the language layer on the
// messy example: every person, country, organisation and outlet is found,
// with the role the text gives.
func TestMessyExampleEntities(t *testing.T) {
	raw, err := os.ReadFile("../../examples/viral-rewrite.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, got := entitiesOf(t, raw, "")
	want := []entityWant{
		{"PERSON", "Sergei Lavrov", "foreign minister", ""},
		{"PERSON", "Maria Zakharova", "spokeswoman", "foreign ministry"},
		{"PERSON", "Kim Jong-un", "", ""},
		{"PERSON", "Taylor Swift", "", ""},
		{"MEDIA", "Daily Star", "", ""},
		{"MEDIA", "RIA Novosti", "", ""},
		{"LOC", "Russia", "", ""},
		{"LOC", "Moscow", "", ""},
		{"LOC", "Pyongyang", "", ""},
		{"LOC", "Washington", "", ""},
		{"LOC", "London", "", ""},
		{"NORP", "North Korean", "", ""},
		{"NORP", "Russian", "", ""},
		{"ORG", "US State Department", "", ""},
	}
	for _, w := range want {
		e, ok := got[w.canonical]
		if !ok {
			t.Errorf("missing %s %q", w.typ, w.canonical)
			continue
		}
		if string(e.Type) != w.typ || e.Role != w.role || e.Affiliation != w.affiliation {
			t.Errorf("%q: got %s role %q affiliation %q; want %s %q %q", w.canonical, e.Type, e.Role, e.Affiliation, w.typ, w.role, w.affiliation)
		}
	}
	if e := got["RIA Novosti"]; e.Outlet != "ria.ru" {
		t.Errorf("RIA Novosti outlet = %q, want ria.ru", e.Outlet)
	}
}

// TestRolesAndCanonicalNames covers the role patterns and name merging.
func TestRolesAndCanonicalNames(t *testing.T) {
	text := "Headline\n\n" +
		"The Russian Foreign Ministry spokeswoman Maria Zakharova spoke in Moscow on Wednesday. " +
		"Zakharova said the visit was routine.\n\n" +
		"Russia's foreign minister Sergei Lavrov met the envoy. Mr Lavrov later left.\n\n" +
		"Sen. Elizabeth Warren criticised the deal.\n\n" +
		"Yerlan Dosmukhamedov, deputy chairman of Kazakhstan's national railway company, said the line would open in 2028.\n"
	d, got := entitiesOf(t, []byte(text), "text")
	want := []entityWant{
		{"PERSON", "Maria Zakharova", "spokeswoman", "Russian Foreign Ministry"},
		{"PERSON", "Sergei Lavrov", "foreign minister", "Russia"},
		{"PERSON", "Elizabeth Warren", "senator", ""},
		{"PERSON", "Yerlan Dosmukhamedov", "deputy chairman", "Kazakhstan's national railway company"},
	}
	for _, w := range want {
		e, ok := got[w.canonical]
		if !ok || string(e.Type) != w.typ || e.Role != w.role || e.Affiliation != w.affiliation {
			t.Errorf("%q: got %+v; want %s role %q affiliation %q", w.canonical, e, w.typ, w.role, w.affiliation)
		}
	}
	// Every mention of Lavrov and Zakharova carries the full name.
	for _, e := range d.Entities {
		switch d.Text[e.Start:e.End] {
		case "Zakharova":
			if e.Canonical != "Maria Zakharova" || e.Role != "spokeswoman" {
				t.Errorf("Zakharova: canonical %q role %q", e.Canonical, e.Role)
			}
		case "Lavrov":
			if e.Canonical != "Sergei Lavrov" {
				t.Errorf("Lavrov: canonical %q", e.Canonical)
			}
		}
	}
}

// TestWordsFollowTreebankConventions checks the words given to the tagger.
func TestWordsFollowTreebankConventions(t *testing.T) {
	d, _ := entitiesOf(t, []byte("Headline\n\nRussia’s envoy didn’t say “no” (yet).\n"), "text")
	var got []string
	for _, w := range d.Words {
		got = append(got, d.Text[w.Start:w.End]+"/"+w.POS)
	}
	wantWords := []string{"Russia", "’s", "envoy", "did", "n’t", "say", "“", "no", "”", "(", "yet", ")", "."}
	if len(got) != len(wantWords) {
		t.Fatalf("words = %v", got)
	}
	for i, w := range wantWords {
		if d.Text[d.Words[i].Start:d.Words[i].End] != w {
			t.Errorf("word %d = %q, want %q", i, got[i], w)
		}
	}
	if d.Words[1].POS != "POS" || d.Words[6].POS != "``" || d.Words[8].POS != "''" || d.Words[9].POS != "-LRB-" {
		t.Errorf("treebank tags: %v", got)
	}
}

func TestMisspeltSurnameJoinsItsPerson(t *testing.T) {
	d, _ := entitiesOf(t, []byte("Headline\n\nMaria Zakharova spoke on Wednesday. Ms Zakarova later mocked the reporters.\n"), "text")
	got := map[string]string{}
	for _, e := range d.Entities {
		got[d.Text[e.Start:e.End]] = e.Canonical
	}
	if got["Zakarova"] != "Maria Zakharova" {
		t.Errorf("Zakarova → %q", got["Zakarova"])
	}
}
