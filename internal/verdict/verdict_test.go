package verdict_test

import (
	"cmp"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
)

func analyze(t *testing.T, path string) *doc.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := credence.Document(context.Background(), b, credence.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// checkVerdict asserts what every verdict must satisfy: the exclusive
// labels sum to 1, the contributions add up to score - baseline exactly (in
// tenths), the score is a whole number within 0..100 in its band.
func checkVerdict(t *testing.T, name string, d *doc.Document) {
	t.Helper()
	c := d.Credibility
	if c == nil {
		t.Fatalf("%s: no credibility", name)
	}
	if len(c.Basis) == 0 || c.Basis[0] != doc.BasisText {
		t.Errorf("%s: basis %v does not start with text", name, c.Basis)
	}
	sum := 0.0
	for _, l := range d.Labels[:3] {
		if l.Unmeasured != c.Abstained {
			t.Errorf("%s: label %s unmeasured=%v but abstained=%v", name, l.Label, l.Unmeasured, c.Abstained)
		}
		if l.Probability < 0 || l.Probability > 1 {
			t.Errorf("%s: %s probability %v", name, l.Label, l.Probability)
		}
		sum += l.Probability
	}
	if c.Abstained {
		if c.Reason == "" || len(c.Contributions) != 0 {
			t.Errorf("%s: abstained with reason %q and %d contributions", name, c.Reason, len(c.Contributions))
		}
		return
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("%s: reliable+fake+satire = %v", name, sum)
	}
	if c.Score != math.Round(c.Score) || c.Score < 0 || c.Score > 100 || c.Band != doc.BandOf(c.Score) {
		t.Errorf("%s: score %v band %q", name, c.Score, c.Band)
	}
	tenths := 0
	for i, k := range c.Contributions {
		if k.Points == 0 || k.Points*10 != math.Round(k.Points*10) {
			t.Errorf("%s: contribution %s has points %v", name, k.Factor, k.Points)
		}
		if i > 0 && math.Abs(k.Points) > math.Abs(c.Contributions[i-1].Points) {
			t.Errorf("%s: contributions not sorted by size at %s", name, k.Factor)
		}
		tenths += int(math.Round(k.Points * 10))
	}
	if want := int(math.Round((c.Score - c.Baseline) * 10)); tenths != want {
		t.Errorf("%s: contributions add up to %d tenths, score - baseline is %d", name, tenths, want)
	}
}

// The hard case: a viral rewrite of a tabloid story, sourced second-hand
// through the Daily Star and Russian state media. It is judged low or
// mixed, and the outlets it relies on are among its two strongest reasons.
func TestViralRewrite(t *testing.T) {
	d := analyze(t, "../../examples/viral-rewrite.txt")
	checkVerdict(t, "viral", d)
	c := d.Credibility
	if c.Band != doc.BandLow && c.Band != doc.BandMixed {
		t.Errorf("band %q (score %v), want low or mixed", c.Band, c.Score)
	}
	downs := slices.Clone(c.Contributions)
	slices.SortStableFunc(downs, func(x, y doc.Contribution) int { return cmp.Compare(x.Points, y.Points) })
	var top doc.Contribution
	for _, k := range downs[:min(2, len(downs))] {
		if k.Factor == "cited-outlets" {
			top = k
		}
	}
	if top.Factor != "cited-outlets" || top.Points >= 0 || len(top.Ratings) != 2 || top.Ratings[0].Domain != "dailystar.co.uk" || top.Ratings[1].Domain != "ria.ru" {
		t.Errorf("two strongest pulls down: %+v, want the cited outlets dailystar.co.uk and ria.ru among them", downs[:min(2, len(downs))])
	}
	for _, at := range top.Attributions {
		if d.Attributions[at].Source.Type != doc.SourceMediaOutlet {
			t.Errorf("cited-outlets points at attribution %d from a %s", at, d.Attributions[at].Source.Type)
		}
	}
	if !strings.Contains(top.Description, "Daily Star (mixed)") || !strings.Contains(top.Description, "RIA Novosti (unreliable)") {
		t.Errorf("description %q", top.Description)
	}
	if got := strings.Join(basisNames(c.Basis), ","); got != "text,cited-outlets" {
		t.Errorf("basis %s", got)
	}
}

func basisNames(b []doc.VerdictBasis) []string {
	var s []string
	for _, x := range b {
		s = append(s, string(x))
	}
	return s
}

// The clean wire story is judged reliable, near or in the high band, and
// nothing in it pulls the score down: it is not flagged for what the viral
// rewrite is.
func TestWireStory(t *testing.T) {
	d := analyze(t, "../../examples/wire-story.txt")
	checkVerdict(t, "wire", d)
	if d.Credibility.Score < 65 {
		t.Errorf("band %q (score %v), want 65 or more", d.Credibility.Band, d.Credibility.Score)
	}
	for _, k := range d.Credibility.Contributions {
		if k.Points <= -1 {
			t.Errorf("pulled down by %s (%v points): %s", k.Factor, k.Points, k.Description)
		}
	}
	if d.Labels[0].Label != doc.LabelReliable || d.Labels[0].Probability < 0.8 {
		t.Errorf("labels %+v", d.Labels)
	}
	if got := strings.Join(basisNames(d.Credibility.Basis), ","); got != "text" {
		t.Errorf("basis %s, want text only (no URL, no rated outlet)", got)
	}
}

// A recipe, a product page, a press release, a non-English article and a
// three-line note are not judged, each with its reason; clickbait is still
// measured from the headline, opinion never.
func TestAbstains(t *testing.T) {
	for _, c := range []struct{ path, reason string }{
		{"../genre/testdata/recipe-chili.txt", "not a news article: this reads as a recipe: "},
		{"../genre/testdata/product-blender.txt", "not a news article: this reads as a product page: "},
		{"../genre/testdata/press-city.txt", "not a news article: this reads as a press release: "},
		{"../../testdata/languages/es.txt", "the article is not in English (es): the model reads English only"},
		{"testdata/short-note.txt", "too short to judge: 19 words, and the verdict needs at least 50"},
	} {
		d := analyze(t, c.path)
		checkVerdict(t, c.path, d)
		cr := d.Credibility
		if !cr.Abstained || !strings.HasPrefix(cr.Reason, c.reason) {
			t.Errorf("%s: abstained %v, reason %q; want %q", c.path, cr.Abstained, cr.Reason, c.reason)
		}
		if l := d.Labels[0]; !l.Unmeasured || l.Reason != "no verdict: "+cr.Reason {
			t.Errorf("%s: reliable label %+v", c.path, l)
		}
		if l := d.Labels[4]; l.Label != doc.LabelOpinion || !l.Unmeasured {
			t.Errorf("%s: opinion label %+v", c.path, l)
		}
	}
}

// News that looks like a genre page on the surface is judged.
func TestJudgesNewsAboutRecipesAndPrices(t *testing.T) {
	files, _ := filepath.Glob("../genre/testdata/news-*.txt")
	if len(files) < 4 {
		t.Fatalf("%d news fixtures", len(files))
	}
	for _, f := range files {
		d := analyze(t, f)
		checkVerdict(t, f, d)
		if d.Credibility.Abstained {
			t.Errorf("%s: abstained: %s", f, d.Credibility.Reason)
		}
	}
}

// Every example and fixture satisfies the invariants.
func TestInvariantsOnFixtures(t *testing.T) {
	var files []string
	for _, g := range []string{"../../examples/*.txt", "../../examples/*.html", "../../examples/*.json", "../../testdata/heldout/*.txt", "../../testdata/heldout/*.html", "../genre/testdata/*"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, f := range files {
		checkVerdict(t, f, analyze(t, f))
	}
}

// Without a URL the site rating is not in the basis; with the URL of a
// rated site it is, and it contributes.
func TestSiteRatingBasis(t *testing.T) {
	b, _ := os.ReadFile("../../examples/wire-story.txt")
	d, err := credence.Document(context.Background(), b, credence.Options{URL: "https://www.reuters.com/world/grain-rail-capacity"})
	if err != nil {
		t.Fatal(err)
	}
	checkVerdict(t, "wire with url", d)
	if got := strings.Join(basisNames(d.Credibility.Basis), ","); got != "text,site-rating" {
		t.Fatalf("basis %s", got)
	}
	var site *doc.Contribution
	for i, k := range d.Credibility.Contributions {
		if k.Factor == "site-rating" {
			site = &d.Credibility.Contributions[i]
		}
	}
	if site == nil || site.Points <= 0 || len(site.Ratings) != 1 || site.Ratings[0].Domain != "reuters.com" {
		t.Errorf("site-rating contribution %+v", site)
	}
}
