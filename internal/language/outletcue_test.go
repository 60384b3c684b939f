package language_test

import (
	"testing"

	"github.com/credence-news/credence/doc"
)

// mediaOf lists the MEDIA entities of a plain-text article as "text=domain".
func mediaOf(t *testing.T, text string) []string {
	t.Helper()
	d, _ := entitiesOf(t, []byte(text), "text")
	var out []string
	for _, e := range d.Entities {
		if e.Type == doc.EntityMedia {
			out = append(out, d.Text[e.Start:e.End]+"="+e.Outlet)
		}
	}
	return out
}

// TestOutletNeedsEvidence: an outlet name that is also an ordinary word
// ("The Sun", "Scroll", "Time") is a news outlet only with a cue; other
// names need none.
func TestOutletNeedsEvidence(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"star in astronomy text", "Astronomers spot huge flare on the Sun\n\n" +
			"The Sun released a powerful flare on Tuesday, astronomers at the observatory said. " +
			"The Sun is a middle-aged star about 4.6 billion years old, and its activity follows an 11-year cycle.\n", nil},
		{"tabloid with a speech cue", "Singer splits from husband\n\n" +
			"The Sun reported that the couple had separated in March. " +
			"A source told The Sun: \"They have not spoken for weeks.\"\n", []string{"Sun=thesun.co.uk", "Sun=thesun.co.uk"}},
		{"shouting call to action", "Watch the moment a bear walks into a shop\n\n" +
			"A bear walked into a shop in Colorado on Monday morning.\n\nSCROLL DOWN FOR VIDEO\n\n" +
			"Scroll down to see the footage.\n", nil},
		{"song title", "Singer releases new single\n\n" +
			"The singer released her new single, Sign of the Times, on Friday. It was her first in two years.\n", nil},
		{"names that are not words need no cue", "Markets fall\n\n" +
			"Reuters and The New York Times covered the fall in markets on Monday.\n",
			[]string{"Reuters=reuters.com", "New York Times=nytimes.com"}},
		{"outlet noun before the name", "School row\n\n" +
			"Parents complained after the tabloid The Sun ran the story on its front page.\n", []string{"Sun=thesun.co.uk"}},
		{"cue elsewhere in the article", "Film news\n\n" +
			"The actor told Variety he was happy. Later, Variety added that filming had ended.\n", []string{"Variety=variety.com", "Variety=variety.com"}},
	}
	for _, c := range cases {
		got := mediaOf(t, c.text)
		if len(got) != len(c.want) {
			t.Errorf("%s: MEDIA %q, want %q", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: MEDIA %q, want %q", c.name, got, c.want)
				break
			}
		}
	}
}

// TestPlacesNotPeople: celestial bodies and multi-word places the tagger
// calls people or organisations are places; a person's name stays a person.
func TestPlacesNotPeople(t *testing.T) {
	d, _ := entitiesOf(t, []byte("Planets align\n\nVenus and Jupiter will appear close together in the evening sky, "+
		"astronomers in Hong Kong said. The Sun will set at 6pm.\n"), "text")
	got := map[string]doc.EntityType{}
	for _, e := range d.Entities {
		got[d.Text[e.Start:e.End]] = e.Type
	}
	for _, name := range []string{"Venus", "Jupiter", "Hong Kong"} {
		if got[name] != doc.EntityLoc {
			t.Errorf("%s: %q, want LOC (all: %v)", name, got[name], got)
		}
	}
	if typ, ok := got["Sun"]; ok && typ != doc.EntityLoc {
		t.Errorf("Sun: %q, want LOC or no entity", typ)
	}
	d, _ = entitiesOf(t, []byte("Tennis\n\nVenus Williams won on Monday. Venus said she was happy.\n"), "text")
	for _, e := range d.Entities {
		if d.Text[e.Start:e.End] == "Venus" && e.Type == doc.EntityLoc {
			t.Errorf("Venus (Williams) typed LOC")
		}
	}
}
