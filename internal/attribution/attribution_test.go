package attribution_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
)

func analyse(t *testing.T, text string) *doc.Document {
	t.Helper()
	d, err := credence.Document(context.Background(), []byte(text), credence.Options{Kind: "text"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func span(d *doc.Document, s doc.Span) string { return d.Text[s.Start:s.End] }

// quoteBy finds the quote whose text starts with prefix.
func quoteBy(t *testing.T, d *doc.Document, prefix string) doc.Quote {
	t.Helper()
	for _, q := range d.Quotes {
		if strings.HasPrefix(span(d, q.Span), prefix) {
			return q
		}
	}
	for _, q := range d.Quotes {
		t.Logf("quote %s %q", q.Kind, span(d, q.Span))
	}
	t.Fatalf("no quote starting %q", prefix)
	return doc.Quote{}
}

func speakerName(q doc.Quote) string {
	if q.Speaker == nil {
		return "<nil>"
	}
	return q.Speaker.Name
}

// TestViralRewrite checks the messy example's sourcing: the colon-
// introduced block quote with its speaker found through a pronoun, an outlet
// citing an outlet as a chain, and passive unattributed sourcing.
func TestViralRewrite(t *testing.T) {
	raw, err := os.ReadFile("../../examples/viral-rewrite.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := credence.Document(context.Background(), raw, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	block := quoteBy(t, d, "Our relations with Pyongyang")
	if block.Kind != "block" || speakerName(block) != "Maria Zakharova" || block.Speaker.Resolved != "pronoun" || span(d, block.Cue) != "added" {
		t.Errorf("block quote: kind %s speaker %q resolved %q cue %q", block.Kind, speakerName(block), block.Speaker.Resolved, span(d, block.Cue))
	}
	if !strings.HasSuffix(span(d, block.Span), "permission to continue them.") {
		t.Errorf("block quote span = %q", span(d, block.Span))
	}
	q := quoteBy(t, d, "There is nothing secret")
	if q.Kind != "direct" || speakerName(q) != "Maria Zakharova" || q.Speaker.Role != "spokeswoman" {
		t.Errorf("direct quote: %s %q role %q", q.Kind, speakerName(q), q.Speaker.Role)
	}
	scare := quoteBy(t, d, "secret meeting")
	if scare.Kind != "scare" || scare.Speaker != nil {
		t.Errorf("'secret meeting' = %s speaker %v", scare.Kind, scare.Speaker)
	}

	var ria, star *doc.Attribution
	passive := map[string]bool{}
	for i := range d.Attributions {
		at := &d.Attributions[i]
		switch {
		case at.Source.Name == "RIA Novosti":
			ria = at
		case at.Source.Name == "Daily Star" && span(d, at.Cue) == "said" && strings.HasPrefix(span(d, at.Content), "officials had met"):
			star = at
		case at.Source.Type == "none":
			passive[strings.ToLower(span(d, at.Cue))] = true
		}
	}
	if ria == nil || star == nil {
		t.Fatalf("missing the Daily Star / RIA Novosti attributions")
	}
	if ria.Source.Type != "media-outlet" || ria.Via < 0 || &d.Attributions[ria.Via] != star {
		t.Errorf("RIA Novosti should be known via the Daily Star: %+v", ria)
	}
	// Ratings: RIA Novosti by name; "Daily Star" is three outlets' name,
	// settled by the only candidate country the article mentions (London).
	if ria.Source.Rating == nil || ria.Source.Rating.Domain != "ria.ru" || ria.Source.Rating.Level != "unreliable" {
		t.Errorf("RIA Novosti rating = %+v", ria.Source.Rating)
	}
	ds := star.Source
	if ds.Outlet != "dailystar.co.uk" || ds.OutletBasis != "mentioned-country" || len(ds.Candidates) != 3 || ds.Rating == nil || ds.Rating.Level != "mixed" {
		t.Errorf("Daily Star: outlet %q basis %q candidates %v rating %+v", ds.Outlet, ds.OutletBasis, ds.Candidates, ds.Rating)
	}
	for _, cue := range []string{"has been spotted", "is said to", "is also believed to"} {
		if !passive[cue] {
			t.Errorf("unattributed %q not flagged (got %v)", cue, passive)
		}
	}
}

// TestQuotePatterns covers the usual news patterns for speakers.
func TestQuotePatterns(t *testing.T) {
	text := "Headline\n\n" +
		"Maria Zakharova, the Russian Foreign Ministry spokeswoman, spoke on Wednesday. " +
		"“We are not hiding anything,” she said.\n\n" +
		"“There was no secret meeting,” said Sergei Lavrov.\n\n" +
		"Lavrov told reporters: “The talks were useful and friendly.”\n\n" +
		"“It is a routine visit,” the spokeswoman said.\n\n" +
		"“Nobody asked us for permission,” a diplomat grumbled outside.\n\n" +
		"Ambassador John Smith said: «We will respond in due course.»\n\n" +
		"“The first paragraph of a long statement runs on here,\n\n" +
		"“and the second paragraph finishes it,” Smith added.\n"
	d := analyse(t, text)
	cases := []struct{ prefix, kind, speaker, resolved, cue string }{
		{"We are not hiding anything", "direct", "Maria Zakharova", "pronoun", "said"},
		{"There was no secret meeting", "direct", "Sergei Lavrov", "name", "said"},
		{"The talks were useful", "direct", "Sergei Lavrov", "name", "told"},
		{"It is a routine visit", "direct", "Maria Zakharova", "role", "said"},
		{"Nobody asked us for permission", "direct", "<nil>", "", ""},
		{"We will respond in due course.", "direct", "John Smith", "name", "said"},
	}
	for _, c := range cases {
		q := quoteBy(t, d, c.prefix)
		res := ""
		if q.Speaker != nil {
			res = string(q.Speaker.Resolved)
		}
		if string(q.Kind) != c.kind || speakerName(q) != c.speaker || res != c.resolved || span(d, q.Cue) != c.cue {
			t.Errorf("%q: got kind %s speaker %q (%s) cue %q; want %s %q (%s) %q", c.prefix, q.Kind, speakerName(q), res, span(d, q.Cue), c.kind, c.speaker, c.resolved, c.cue)
		}
	}
	long := quoteBy(t, d, "The first paragraph of a long statement")
	if !strings.HasSuffix(span(d, long.Span), "the second paragraph finishes it,") || speakerName(long) != "John Smith" {
		t.Errorf("multi-paragraph quote = %q by %q", span(d, long.Span), speakerName(long))
	}
}

// TestIndirectAttributions covers sourcing without quotation marks.
func TestIndirectAttributions(t *testing.T) {
	text := "Headline\n\n" +
		"According to the Daily Mail, the minister resigned on Tuesday. " +
		"The prime minister has claimed that the economy is growing. " +
		"Sources said the talks had collapsed. " +
		"Experts believe the ban will be lifted next year. " +
		"Inflation rose to 4 per cent, the Office for National Statistics said. " +
		"The singer is said to be furious.\n"
	d := analyse(t, text)
	want := []struct{ source, typ, cue, content string }{
		{"Daily Mail", "media-outlet", "According to", "the minister resigned on Tuesday"},
		{"The prime minister", "", "claimed", "the economy is growing"},
		{"Sources", "anonymous", "said", "the talks had collapsed"},
		{"Experts", "vague", "believe", "the ban will be lifted next year"},
		{"Office for National Statistics", "official-body", "said", "Inflation rose to 4 per cent"},
		{"", "none", "is said to", "The singer is said to be furious"},
	}
	if len(d.Attributions) != len(want) {
		for _, at := range d.Attributions {
			t.Logf("%q %s %q %q", at.Source.Name, at.Source.Type, span(d, at.Cue), span(d, at.Content))
		}
		t.Fatalf("got %d attributions, want %d", len(d.Attributions), len(want))
	}
	for i, w := range want {
		at := d.Attributions[i]
		if at.Source.Name != w.source || (w.typ != "" && string(at.Source.Type) != w.typ) || span(d, at.Cue) != w.cue || span(d, at.Content) != w.content {
			t.Errorf("attribution %d = %q %s %q %q; want %q %s %q %q", i, at.Source.Name, at.Source.Type, span(d, at.Cue), span(d, at.Content), w.source, w.typ, w.cue, w.content)
		}
	}
}

// An outlet name shared by several outlets keeps its candidates; with no
// country in the article it is settled by prominence (see
// TestAmbiguousOutletSettled), and the article's own country overrides
// that; the article's own domain is rated from its URL.
func TestAmbiguousOutletAndSiteRating(t *testing.T) {
	d := analyse(t, "Headline\n\nAccording to the Daily Star, the minister resigned on Tuesday.\n")
	src := d.Attributions[0].Source
	if src.Outlet != "dailystar.co.uk" || src.OutletBasis != "prominence" || len(src.Candidates) != 3 || src.Rating == nil {
		t.Errorf("Daily Star without a country: outlet %q basis %q candidates %v rating %v", src.Outlet, src.OutletBasis, src.Candidates, src.Rating)
	}
	rec := `{"title":"Minister resigns","url":"https://news.example.com.lb/politics/1","text":"According to the Daily Star, the minister resigned on Tuesday after a long dispute with parliament."}`
	d2, err := credence.Document(context.Background(), []byte(rec), credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src = d2.Attributions[0].Source
	if src.Outlet != "dailystar.com.lb" || src.OutletBasis != "site-country" {
		t.Errorf("Lebanese site: outlet %q basis %q", src.Outlet, src.OutletBasis)
	}
	d3, err := credence.Document(context.Background(), []byte(`{"title":"t","url":"https://www.reuters.com/world/x","text":"The minister resigned on Tuesday, officials said, after a long dispute."}`), credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d3.SiteRating == nil || d3.SiteRating.Domain != "reuters.com" || d3.SiteRating.Level != "reliable" {
		t.Errorf("site rating = %+v", d3.SiteRating)
	}
}

// Empty quotation marks and a cue with nothing after it give no quote and
// no attribution (a report must never carry an empty span).
func TestEmptyQuotesAndContentless(t *testing.T) {
	d := analyse(t, "Headline\n\nHe wrote \"\" on the board. The minister said: \n\nShe added:\n")
	for _, q := range d.Quotes {
		if q.Len() == 0 {
			t.Errorf("empty quote %+v", q)
		}
	}
	for _, at := range d.Attributions {
		if at.Content.Len() == 0 {
			t.Errorf("attribution without content: %+v", at)
		}
	}
}
