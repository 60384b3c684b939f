package genre_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/genre"
)

// analyzer is the whole pipeline up to the claims stage, built once: the
// detector runs after segmentation and the language and attribution stages
// (it needs their quotations), so the fixtures go through all of it.
var analyzer = sync.OnceValues(func() (*credence.Analyzer, error) { return credence.New(credence.Config{}) })

func document(t testing.TB, name string) *doc.Document {
	t.Helper()
	a, err := analyzer()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	opts := credence.Options{Kind: "text"}
	if filepath.Ext(name) == ".html" {
		opts = credence.Options{}
	}
	d, err := a.Document(context.Background(), raw, opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func detector(t testing.TB) *genre.Detector {
	t.Helper()
	g, err := genre.Open(datafile.Shipped())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestFixtures checks each hand-written page: its kind, and that the
// evidence covers the text that should decide it. The news fixtures are
// the tricky ones (a recipe line, a company statement with a ticker,
// prices, a privacy policy, all in real reporting) and must stay news.
func TestFixtures(t *testing.T) {
	g := detector(t)
	cases := []struct {
		file, kind string
		evidence   []string // each must lie inside one evidence span
	}{
		{"recipe-lemon-cake.txt", "recipe", []string{"Ingredients", "225 g unsalted butter", "Method", "Preheat the oven", "Prep time: 15 minutes"}},
		{"recipe-chili.txt", "recipe", []string{"INGREDIENTS", "2 tablespoons olive oil", "DIRECTIONS", "Stir in the garlic", "Yield: 6 servings"}},
		{"recipe-lemon-cake.html", "recipe", []string{"Ingredients", "225 g caster sugar", "Preheat the oven", "Serves: 8"}},
		{"recipe-pancakes.txt", "recipe", []string{"What you need", "2 cups all-purpose flour", "Whisk the flour"}},
		{"product-headphones.txt", "product page", []string{"$149.99", "Add to Cart", "In stock", "Specifications", "out of 5 stars"}},
		{"product-blender.txt", "product page", []string{"$69.00", "Add to cart", "Only 3 left in stock", "Product specifications"}},
		{"product-sneakers.txt", "product page", []string{"€119.95", "Add to bag", "Free delivery"}},
		{"press-biotech.txt", "press release", []string{"FOR IMMEDIATE RELEASE", "/PRNewswire/", "About Veridian Therapeutics", "Media Contact"}},
		{"press-city.txt", "press release", []string{"FOR IMMEDIATE RELEASE", "About the Riverton Public Library", "Contact: Maria Gonzalez"}},
		{"press-software.txt", "press release", []string{"(GLOBE NEWSWIRE)", "About Northwind Cloud", "Press Contact"}},
		{"listing-politics.txt", "listing", []string{"hours ago", "Load more stories"}}, // its "Read more" links are cleaned away
		{"listing-sports.txt", "listing", []string{"min read", "View all sports news"}},
		{"legal-terms.txt", "legal boilerplate", []string{"these Terms", "Intellectual Property", "We reserve the right"}},
		{"legal-privacy.txt", "legal boilerplate", []string{"We collect", "How we use your information"}},
		{"news-baking-contest.txt", "", nil},
		{"news-business-wire.txt", "", nil},
		{"news-holiday-deals.txt", "", nil},
		{"news-privacy-change.txt", "", nil},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.file] = true
		t.Run(c.file, func(t *testing.T) {
			d := document(t, c.file)
			r := g.Detect(d)
			if r.Kind != c.kind || r.NotNews != (c.kind != "") {
				t.Fatalf("got NotNews=%v Kind=%q (%s), want Kind=%q\nnear: %s", r.NotNews, r.Kind, r.Reason, c.kind, g.Near(d, 1))
			}
			if c.kind == "" {
				if r.Reason != "" || len(r.Evidence) > 0 {
					t.Errorf("news has a reason or evidence: %+v", r)
				}
				// The margin: no kind may come close.
				if near := g.Near(d, genre.Threshold-2); near != "" {
					t.Errorf("news comes within 2 points of the threshold: %s", near)
				}
				return
			}
			if !strings.HasPrefix(r.Reason, "this reads as ") {
				t.Errorf("reason %q", r.Reason)
			}
			for _, e := range r.Evidence {
				if e.Start < 0 || e.End > len(d.Text) || e.Start >= e.End || e.Note == "" {
					t.Errorf("bad evidence %+v", e)
				}
			}
			for _, want := range c.evidence {
				if !covered(d.Text, r.Evidence, want) {
					t.Errorf("no evidence span covers %q; evidence: %s", want, show(d.Text, r.Evidence))
				}
			}
		})
	}
	files, _ := filepath.Glob("testdata/*")
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("fixture %s is not in the table", f)
		}
	}
}

// covered reports whether some evidence span holds an occurrence of want.
func covered(text string, ev []doc.Evidence, want string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], want)
		if i < 0 {
			return false
		}
		i += off
		for _, e := range ev {
			if e.Start <= i && i+len(want) <= e.End {
				return true
			}
		}
		off = i + 1
	}
}

func show(text string, ev []doc.Evidence) string {
	var b strings.Builder
	for _, e := range ev {
		b.WriteString("\n  " + e.Note + ": " + text[e.Start:e.End])
	}
	return b.String()
}

// TestQuotedCuesDoNotCount: the same cue lines count on the page and not
// inside a quotation.
func TestQuotedCuesDoNotCount(t *testing.T) {
	g := detector(t)
	text := "Ingredients\n2 cups flour\n1 tsp salt\n3 tbsp butter\nMethod\nMix the flour and salt.\nBake for 20 minutes."
	d := &doc.Document{Text: text}
	if r := g.Detect(d); r.Kind != "recipe" {
		t.Fatalf("unquoted: got %+v", r)
	}
	d.Quotes = []doc.Quote{{Span: doc.Span{Start: 0, End: len(text)}}}
	if r := g.Detect(d); r.NotNews {
		t.Fatalf("quoted: got %+v", r)
	}
}

// TestHandBuiltDocument: a document with no offset map (built by hand,
// not cleaned) is read by its own newlines.
func TestHandBuiltDocument(t *testing.T) {
	g := detector(t)
	text := "FOR IMMEDIATE RELEASE\n\nACME Corp. today announced a new widget.\n\nAbout ACME Corp\nACME makes widgets.\n\nMedia contact:\nJane Roe"
	r := g.Detect(&doc.Document{Text: text})
	if r.Kind != "press release" {
		t.Fatalf("got %+v", r)
	}
	if want := "this reads as a press release: a release header, an \"About the company\" section and a media contact"; r.Reason != want {
		t.Errorf("reason\n got %q\nwant %q", r.Reason, want)
	}
	if r := g.Detect(&doc.Document{}); r.NotNews {
		t.Errorf("empty document: %+v", r)
	}
}

// TestOverride: a data folder can extend the shipped cues (here a kind of
// its own) or replace them, and a bad row is an error naming the file.
func TestOverride(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "genre"), 0o755); err != nil {
		t.Fatal(err)
	}
	extra := "kind\tobituary notice\tan obituary notice\n" +
		"cue\tobituary notice\tfuneral\t3\t1\tfuneral arrangements\n" +
		"cue\tobituary notice\tsurvived\t3\t1\ta list of survivors\n" +
		"start\tfuneral\tfuneral services will be held\n" +
		"phrase\tsurvived\tis survived by\n"
	if err := os.WriteFile(filepath.Join(dir, "genre", "cues.extra.tsv"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := datafile.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := genre.Open(files)
	if err != nil {
		t.Fatal(err)
	}
	r := g.Detect(&doc.Document{Text: "John Doe, 88, of Springfield.\n\nHe is survived by his wife.\n\nFuneral services will be held on Monday."})
	if r.Kind != "obituary notice" {
		t.Errorf("extended: got %+v", r)
	}
	if got := files.Files(); len(got) != 1 || got[0].Name != genre.CuesFile || got[0].Origin != "extended" {
		t.Errorf("files read: %+v", got)
	}

	for _, bad := range []string{
		"cue\tnone\tx\t1\t1\tnote\n",            // undeclared kind
		"kind\tk\tk\ncue\tk\tx\tone\t1\tnote\n", // weight not a number
		"phrase\tnope\tabc\n",                   // undeclared cue
		"kind\tk\tk\ncue\tk\tx\t1\t1\tn\nshape\tx\twavy\n",
		"kind\tk\tk\ncue\tk\tx\t1\t1\tn\nregex\tx\ta.*\n",
		"kind\tk\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, "genre", "cues.tsv"), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		files, _ := datafile.New(dir)
		if _, err := genre.Open(files); err == nil || !strings.Contains(err.Error(), "genre/cues.tsv") {
			t.Errorf("%q: got error %v, want one naming genre/cues.tsv", bad, err)
		}
	}
}

// BenchmarkDetect runs Detect on a news article of about 550 words (a
// fixture's body three times over).
func BenchmarkDetect(b *testing.B) {
	a, err := analyzer()
	if err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "news-business-wire.txt"))
	if err != nil {
		b.Fatal(err)
	}
	body := string(raw)
	rest := body[strings.Index(body, "\n")+1:]
	body += "\n\n" + rest + "\n\n" + rest
	d, err := a.Document(context.Background(), []byte(body), credence.Options{Kind: "text"})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d words", len(strings.Fields(d.Text)))
	g := detector(b)
	b.ReportAllocs()
	for b.Loop() {
		g.Detect(d)
	}
}

// TestNewsProbes: short news shapes that carry some cues of a kind and
// must stay news: an earnings story with a ticker, "today announced", a
// forward-looking-statements mention and a contact line; a food feature
// that mentions ingredients and servings; a live blog of short timed
// entries; a morning briefing of headlines with one-line summaries; a
// story listing a phone's prices.
func TestNewsProbes(t *testing.T) {
	a, err := analyzer()
	if err != nil {
		t.Fatal(err)
	}
	g := detector(t)
	for _, p := range []string{
		"Acme earnings beat forecasts\n\nAcme Corp (NYSE: ACM) today announced quarterly profit above forecasts, the company said in a press release.\n\nThe company's forward-looking statements warned of risks.\n\nAbout 30 analysts cover the stock.\n\nContact: newsroom@paper.example\n\nReporting by Jane Roe; Editing by John Doe",
		"Food: the best summer salads\n\nThese salads are easy to make at home. Our food editor tested six.\n\nIngredients matter most, she said. Buy ripe tomatoes.\n\nServes four people easily.\n\nGet the recipe for the tomato salad at our cooking site.\n\nRelated: 10 grilling tips",
		"Live: election night updates\n\n9:05 p.m.\nPolls have closed in Florida.\n\n9:20 p.m.\nThe first results show a tight race.\n\n9:45 p.m.\nTurnout was high in Miami-Dade, officials said.\n\n10:02 p.m.\nThe governor is expected to speak soon.\n\n10:30 p.m.\nAP has called Georgia for the Republican.",
		"Morning briefing\n\nHere's what you need to know today.\n\nSenate passes funding bill\nThe vote was 68-31.\n\nStorm heads for Gulf Coast\nForecasters expect landfall on Friday.\n\nFed holds rates\nThe central bank signalled one more cut.\n\nMarkets\nStocks rose 1%.\n\nWeather\nSunny, high of 75.",
		"Phone maker raises prices\n\nThe new model costs $999, up from $899.\n\nPrices:\n64GB - $999\n128GB - $1,099\n256GB - $1,299\n\nIt will be in stock from Friday, the company said. Free shipping is offered on preorders.\n\nCustomer reviews of the previous model were mixed.",
	} {
		d, err := a.Document(context.Background(), []byte(p), credence.Options{Kind: "text"})
		if err != nil {
			t.Fatal(err)
		}
		if r := g.Detect(d); r.NotNews {
			t.Errorf("%.40q...: flagged as %s (%s)", p, r.Kind, r.Reason)
		}
	}
}

// FuzzDetect: any text gives evidence spans inside it and a reason when,
// and only when, it is flagged.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{"Ingredients\n2 cups flour\n½ tsp salt\nStir well.", "FOR IMMEDIATE RELEASE\n\n###", "$ 5\n€\n- 1.\n1) x", "About \xff\nAdd to cart\n"} {
		f.Add(s)
	}
	g := detector(f)
	f.Fuzz(func(t *testing.T, text string) {
		r := g.Detect(&doc.Document{Text: text, Quotes: []doc.Quote{{Span: doc.Span{Start: 0, End: len(text) / 3}}}})
		if r.NotNews != (r.Reason != "") || r.NotNews != (r.Kind != "") {
			t.Fatalf("inconsistent result %+v", r)
		}
		for _, e := range r.Evidence {
			if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
				t.Fatalf("evidence %+v outside the text (%d bytes)", e, len(text))
			}
		}
	})
}
