package attribution_test

import (
	"os"
	"strings"
	"testing"

	"github.com/credence-news/credence/doc"
)

// outletSource is the first media-outlet source named name.
func outletSource(t *testing.T, d *doc.Document, name string) doc.Source {
	t.Helper()
	for _, at := range d.Attributions {
		if at.Source.Type == doc.SourceMediaOutlet && at.Source.Name == name {
			return at.Source
		}
	}
	t.Fatalf("no media-outlet source %q in %d attributions", name, len(d.Attributions))
	return doc.Source{}
}

func ratingOf(s doc.Source) string {
	if s.Rating == nil {
		return ""
	}
	return s.Rating.Domain + " " + string(s.Rating.Level)
}

// An ambiguous outlet name is settled by the places the article names
// (a city counts), and otherwise by prominence; every candidate's rating
// stays on the source.
func TestAmbiguousOutletSettled(t *testing.T) {
	cases := []struct {
		name, text            string
		outlet, basis, rating string
	}{
		{"no place: prominence", "Minister resigns\n\nAccording to the Daily Star, the minister resigned on Tuesday.\n",
			"dailystar.co.uk", "prominence", "dailystar.co.uk mixed"},
		{"a Bangladeshi city", "Garment factory fire\n\nA fire broke out at a garment factory in Dhaka on Monday, " +
			"the Daily Star reported. Firefighters brought it under control after four hours.\n",
			"thedailystar.net", "mentioned-country", ""},
		{"two candidates' countries: prominence between them", "Talks\n\nOfficials from London and Dhaka met on Monday, " +
			"the Daily Star reported.\n", "dailystar.co.uk", "prominence", "dailystar.co.uk mixed"},
	}
	for _, c := range cases {
		s := outletSource(t, analyse(t, c.text), "Daily Star")
		if s.Outlet != c.outlet || string(s.OutletBasis) != c.basis || ratingOf(s) != c.rating {
			t.Errorf("%s: outlet %q basis %q rating %q, want %q %q %q", c.name, s.Outlet, s.OutletBasis, ratingOf(s), c.outlet, c.basis, c.rating)
		}
		if strings.Join(s.Candidates, " ") != "dailystar.co.uk dailystar.com.lb thedailystar.net" {
			t.Errorf("%s: candidates %v", c.name, s.Candidates)
		}
		if len(s.CandidateRatings) != 1 || s.CandidateRatings[0].Domain != "dailystar.co.uk" || s.CandidateRatings[0].Level != "mixed" {
			t.Errorf("%s: candidate ratings %+v", c.name, s.CandidateRatings)
		}
	}
}

// The messy example's Daily Star carries a rating with its basis.
func TestViralRewriteDailyStarRated(t *testing.T) {
	raw, err := os.ReadFile("../../examples/viral-rewrite.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := outletSource(t, analyse(t, string(raw)), "Daily Star")
	if s.Outlet != "dailystar.co.uk" || s.OutletBasis != doc.BasisMentionedCountry || ratingOf(s) != "dailystar.co.uk mixed" {
		t.Errorf("Daily Star: outlet %q basis %q rating %q", s.Outlet, s.OutletBasis, ratingOf(s))
	}
}

// "The Sun" is an outlet when the text says it reports, and no source at
// all when it is the star.
func TestSunOutletNeedsCue(t *testing.T) {
	d := analyse(t, "Singer splits from husband\n\nThe Sun reported that the couple had separated in March.\n")
	if s := outletSource(t, d, "The Sun"); s.Outlet != "thesun.co.uk" || ratingOf(s) != "thesun.co.uk mixed" {
		t.Errorf("The Sun: outlet %q rating %q", s.Outlet, ratingOf(s))
	}
	d = analyse(t, "Solar flare\n\nThe Sun released a powerful flare on Tuesday, astronomers said. The Sun is a middle-aged star.\n")
	for _, at := range d.Attributions {
		if at.Source.Type == doc.SourceMediaOutlet {
			t.Errorf("astronomy text: media-outlet source %+v", at.Source)
		}
	}
}
