package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/credence-news/credence/doc"
)

// verdictDoc is the fixture document with what the later stages add, built
// by hand: two attributions (RIA Novosti known through the Daily Star), a
// quote, a claim, signals of every kind (unusual, typical, without
// reference, zero, unmeasured), the site's rating, the labels and a
// credibility of 34 whose contributions add up to 34 - 55.
//
//	Text: "Café “Le Bon” 😢 closed. It was old.\n\nBye now."
func verdictDoc(t *testing.T) *doc.Document {
	t.Helper()
	d := fixtureDoc(t)
	text := d.Text
	closed := find(t, text, "closed", 0)
	old := find(t, text, "It was old", 0)
	bye := find(t, text, "Bye", 0)
	leBon := find(t, text, "Le Bon", 0)
	star := &doc.Rating{Domain: "dailystar.co.uk", Level: doc.LevelMixed, Datasets: []string{"lin2023"}, Explain: "level mixed"}
	ria := doc.Rating{Domain: "ria.ru", Level: doc.LevelUnreliable, Datasets: []string{"mbfc"}, Explain: "level unreliable: MBFC very low"}
	d.SiteRating = &doc.Rating{Domain: "example.org", Level: doc.LevelMixed, PC1: 0.446, HasPC1: true, Datasets: []string{"lin2023"},
		Explain: "pc1 0.44 (Lin et al. 2023); level mixed: no signal past a threshold"}
	d.Attributions = []doc.Attribution{
		{Span: old, Source: doc.Source{Name: "Daily Star", Type: doc.SourceMediaOutlet, Entity: -1, Outlet: "dailystar.co.uk", Rating: star},
			Content: old, Via: -1, Quote: -1},
		{Span: closed, Source: doc.Source{Name: "RIA Novosti", Type: doc.SourceMediaOutlet, Entity: -1, Outlet: "ria.ru", Rating: &ria},
			Content: closed, Via: 0, Quote: -1},
		{Span: bye, Source: doc.Source{Name: "", Type: doc.SourceNone, Entity: -1}, Content: bye, Via: -1, Quote: -1},
	}
	d.Quotes = []doc.Quote{{Span: leBon, Kind: doc.QuoteDirect, Speaker: &doc.Source{Name: "Ann | Lee", Type: doc.SourceNamedPerson, Entity: -1}, Attribution: -1}}
	d.Claims = []doc.Claim{{Span: find(t, text, "It was old.", 0), Checkworthiness: 0.42, Mode: doc.ClaimAttributed, Attribution: 0}}
	d.Signals = []doc.Signal{
		{ID: doc.SignalSourcing, Value: 0.25, Unit: doc.UnitShare, Percentile: 20, Breakdown: map[string]float64{"statements": 3, "outlet": 1, "second-hand": 1, "unattributed": 1, "attributed_sentence_share": 0.5}},
		{ID: doc.SignalSpeculation, Value: 12.5, Unit: doc.UnitPer1000, Percentile: 93, Evidence: []doc.Evidence{{Span: old, Note: "guess"}}},
		{ID: doc.SignalAsides, Value: 0, Unit: doc.UnitCount, Percentile: -1},
		{ID: doc.SignalScareQuotes, Value: 0, Unit: doc.UnitPer1000, Percentile: 30},
		{ID: doc.SignalRepeatedWords, Value: 1, Unit: doc.UnitCount, Percentile: 2, Evidence: []doc.Evidence{{Span: bye}}},
		{ID: doc.SignalStrayMarkup, Value: 3, Unit: doc.UnitCount, Percentile: -1},
		{ID: doc.SignalQuoteDensity, Value: 0.12, Unit: doc.UnitShare, Percentile: 46.5},
		{ID: doc.SignalClickbait, Unit: doc.UnitProbability, Percentile: -1, Unmeasured: true, Note: "no headline"},
		{ID: doc.SignalSatireHeadline, Unit: doc.UnitProbability, Percentile: -1, Unmeasured: true, Note: "no headline"},
	}
	d.Labels = []doc.Label{
		{Label: doc.LabelReliable, Probability: 0.2}, {Label: doc.LabelFake, Probability: 0.75}, {Label: doc.LabelSatire, Probability: 0.05},
		{Label: doc.LabelClickbait, Probability: 0.62}, {Label: doc.LabelOpinion, Unmeasured: true, Reason: "model not loaded"},
	}
	d.Credibility = &doc.Credibility{Score: 34, Band: doc.BandLow, Baseline: 55,
		Basis: []doc.VerdictBasis{doc.BasisText, doc.BasisSiteRating, doc.BasisCitedOutlets},
		Contributions: []doc.Contribution{
			{Factor: "speculation", Description: "the writer speculates more than reliable reporting does (guesses | hedges)", Value: 12.5, Unit: doc.UnitPer1000, Points: -8.2,
				Evidence: []doc.Evidence{{Span: old}, {Span: closed}, {Span: bye}}},
			{Factor: "cited-outlets", Description: "it relies on outlets rated unreliable", Value: 1, Unit: doc.UnitCount, Points: -6,
				Attributions: []int{1, 0}, Ratings: []doc.Rating{ria}},
			{Factor: "site-rating", Description: "its site is rated mixed", Points: -5, Ratings: []doc.Rating{*d.SiteRating}},
			{Factor: "wording", Description: "its wording is like reliable reporting's", Value: 0.7, Unit: doc.UnitProbability, Points: 4.1},
			{Factor: "repeated-words", Description: "a word is repeated by mistake", Value: 1, Unit: doc.UnitCount, Points: -3.4, Evidence: []doc.Evidence{{Span: bye}}},
			{Factor: "sensational", Description: "it uses loaded words", Value: 2, Unit: doc.UnitPer1000, Points: -2.5, Attributions: []int{2}},
			{Factor: "quote-density", Description: "it quotes its sources", Value: 0.12, Unit: doc.UnitShare, Points: 1.5},
			{Factor: "readability", Description: "it is harder to read", Value: 12, Unit: doc.UnitGrade, Points: -1},
			{Factor: "scale-limit", Description: "keeping the score within 0-100", Points: -0.5},
		}}
	return d
}

// abstain turns the verdict of d into an abstention.
func abstain(d *doc.Document) {
	why := "the article is too short to judge"
	d.Credibility = &doc.Credibility{Baseline: 55, Basis: []doc.VerdictBasis{doc.BasisText}, Abstained: true, Reason: why}
	d.Labels = []doc.Label{
		{Label: doc.LabelReliable, Unmeasured: true, Reason: why}, {Label: doc.LabelFake, Unmeasured: true, Reason: why},
		{Label: doc.LabelSatire, Unmeasured: true, Reason: why}, {Label: doc.LabelClickbait, Probability: 0.1}, {Label: doc.LabelOpinion, Probability: 0.3},
	}
}

// The verdict's JSON: labels with a null probability when unmeasured,
// the score as a whole number with its band, contributions with their
// evidence in code points into text, attribution indices and ratings.
func TestBuildVerdictJSON(t *testing.T) {
	r := Build(verdictDoc(t), Options{})
	b, err := json.Marshal(r.Labels)
	if err != nil {
		t.Fatal(err)
	}
	wantLabels := `[{"label":"reliable","probability":0.2},{"label":"fake","probability":0.75},{"label":"satire","probability":0.05},` +
		`{"label":"clickbait","probability":0.62},{"label":"opinion","probability":null,"reason":"model not loaded"}]`
	if string(b) != wantLabels {
		t.Errorf("labels =\n%s\nwant\n%s", b, wantLabels)
	}
	c := r.Credibility
	b, _ = json.Marshal(struct {
		Score    *int
		Band     *string
		Baseline float64
		Basis    []string
	}{c.Score, c.Band, c.Baseline, c.Basis})
	if want := `{"Score":34,"Band":"low","Baseline":55,"Basis":["text","site-rating","cited-outlets"]}`; string(b) != want {
		t.Errorf("credibility = %s, want %s", b, want)
	}
	b, _ = json.Marshal(c.Contributions[0])
	want := `{"factor":"speculation","description":"the writer speculates more than reliable reporting does (guesses | hedges)","value":12.5,"unit":"per-1000-words","points":-8.2,` +
		`"evidence":[{"start":24,"end":34,"text":"It was old","note":""},{"start":16,"end":22,"text":"closed","note":""},{"start":37,"end":40,"text":"Bye","note":""}],` +
		`"attributions":[],"ratings":[]}`
	if string(b) != want {
		t.Errorf("contribution 0 =\n%s\nwant\n%s", b, want)
	}
	b, _ = json.Marshal(c.Contributions[1])
	want = `{"factor":"cited-outlets","description":"it relies on outlets rated unreliable","value":1,"unit":"count","points":-6,"evidence":[],"attributions":[1,0],` +
		`"ratings":[{"domain":"ria.ru","level":"unreliable","datasets":["mbfc"],"explain":"level unreliable: MBFC very low"}]}`
	if string(b) != want {
		t.Errorf("contribution 1 =\n%s\nwant\n%s", b, want)
	}
	// The points add up to score - baseline.
	sum := 0.0
	for _, ct := range c.Contributions {
		sum += ct.Points
	}
	if d := sum - float64(*c.Score-55); d > 1e-9 || d < -1e-9 {
		t.Errorf("points add up to %v, want %d", sum, *c.Score-55)
	}

	d := verdictDoc(t)
	abstain(d)
	b, _ = json.Marshal(Build(d, Options{}).Credibility)
	want = `{"score":null,"band":null,"baseline":55,"contributions":[],"basis":["text"],"abstained":true,"reason":"the article is too short to judge"}`
	if string(b) != want {
		t.Errorf("abstained credibility =\n%s\nwant\n%s", b, want)
	}
	b, _ = json.Marshal(Build(d, Options{}).Labels[0])
	if want := `{"label":"reliable","probability":null,"reason":"the article is too short to judge"}`; string(b) != want {
		t.Errorf("abstained label = %s, want %s", b, want)
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	sdoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("report-v1.json", sdoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("report-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// A report with a full verdict and one with an abstained verdict match the
// schema; the schema is strict about the verdict: a judged score must be
// an integer with a band from the list, an abstained one null, labels and
// bases come from their lists, and no field is unknown or missing.
func TestVerdictMatchesSchema(t *testing.T) {
	sch := compileSchema(t)
	asJSON := func(r *Report) map[string]any {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	full := asJSON(Build(verdictDoc(t), Options{Tokens: true}))
	if err := sch.Validate(full); err != nil {
		t.Errorf("full verdict does not match the schema: %v", err)
	}
	d := verdictDoc(t)
	abstain(d)
	abstained := asJSON(Build(d, Options{}))
	if err := sch.Validate(abstained); err != nil {
		t.Errorf("abstained verdict does not match the schema: %v", err)
	}

	for _, bad := range []struct {
		name   string
		base   map[string]any
		change func(v map[string]any)
	}{
		{"judged score null", full, func(v map[string]any) { cred(v)["score"] = nil }},
		{"fractional score", full, func(v map[string]any) { cred(v)["score"] = 34.5 }},
		{"score over 100", full, func(v map[string]any) { cred(v)["score"] = 101 }},
		{"unknown band", full, func(v map[string]any) { cred(v)["band"] = "medium" }},
		{"abstained with a score", abstained, func(v map[string]any) { cred(v)["score"] = 40 }},
		{"abstained with a band", abstained, func(v map[string]any) { cred(v)["band"] = "low" }},
		{"unknown basis", full, func(v map[string]any) { cred(v)["basis"] = []any{"text", "vibes"} }},
		{"missing contributions", full, func(v map[string]any) { delete(cred(v), "contributions") }},
		{"unknown credibility field", full, func(v map[string]any) { cred(v)["confidence"] = 0.9 }},
		{"unknown contribution field", full, func(v map[string]any) {
			cred(v)["contributions"].([]any)[0].(map[string]any)["weight"] = 1
		}},
		{"contribution evidence without text", full, func(v map[string]any) {
			delete(cred(v)["contributions"].([]any)[0].(map[string]any)["evidence"].([]any)[0].(map[string]any), "text")
		}},
		{"unknown label", full, func(v map[string]any) { v["labels"].([]any)[0].(map[string]any)["label"] = "propaganda" }},
		{"old label shape", full, func(v map[string]any) { v["labels"] = []any{map[string]any{"name": "reliable", "probability": 0.2}} }},
		{"probability over 1", full, func(v map[string]any) { v["labels"].([]any)[0].(map[string]any)["probability"] = 1.5 }},
	} {
		v := deepCopy(t, bad.base)
		bad.change(v)
		if err := sch.Validate(v); err == nil {
			t.Errorf("%s: the schema accepts it", bad.name)
		}
	}
}

func cred(v map[string]any) map[string]any { return v["credibility"].(map[string]any) }

func deepCopy(t *testing.T, v map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The text rendering opens with the verdict, right after the header: the
// score and band, the labels (the distribution, then clickbait and
// opinion), the site and its rating, the basis, the four strongest reasons
// pulling the score down (largest first) and those pulling it up, each
// with its first two pieces of evidence, attributions' sources or ratings.
func TestWriteTextVerdict(t *testing.T) {
	r := Build(verdictDoc(t), Options{})
	got := renderText(t, r, TextOptions{Width: 200})
	want := "Café closes\n" +
		"Courier · by Ann Lee · 2024-03-05 · language en · https://example.org/cafe\n" +
		"text input, 3 bytes · 2 paragraphs · 3 sentences · 9 words · 2 removed\n" +
		"\n" +
		"Credibility 34/100 (low)\n" +
		"  Labels: reliable 20%, fake 75%, satire 5%; clickbait 62%; opinion unmeasured (model not loaded)\n" +
		"  Site: Courier (example.org) rated mixed — pc1 0.44 (Lin et al. 2023); level mixed: no signal past a threshold\n" +
		"  Based on: the article's text, its site's rating, the ratings of the outlets it relies on\n" +
		"  Pulling the score down:\n" +
		"     −8.2  the writer speculates more than reliable reporting does (guesses | hedges): “It was old”, “closed”, …\n" +
		"     −6.0  it relies on outlets rated unreliable: RIA Novosti, Daily Star, ria.ru (unreliable)\n" +
		"     −5.0  its site is rated mixed: example.org (mixed)\n" +
		"     −3.4  a word is repeated by mistake: “Bye”\n" +
		"  Pulling the score up:\n" +
		"     +4.1  its wording is like reliable reporting's\n" +
		"     +1.5  it quotes its sources\n" +
		"\n" +
		"  ✂ photo-credit    Photo: AP\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("WriteText starts\n%s\nwant\n%s", got, want)
	}
	// −2.5 (the fifth reason down) and the scale limit are left out.
	if strings.Contains(got, "loaded words") || strings.Contains(got, "−0.5") {
		t.Errorf("more than four reasons down:\n%s", got)
	}
}

// Signals are listed by how far they stand from the middle of reliable
// reporting, with the direction in words and their effect on the score;
// one without a reference comes after them; the ones that found nothing
// and the unmeasured ones are a line each.
func TestWriteTextSignalsOrder(t *testing.T) {
	r := Build(verdictDoc(t), Options{})
	got := renderText(t, r, TextOptions{Width: 200})
	want := "How it is written (most unusual first)\n" +
		"  repeated-words      1 — lower than 98% of reliable reporting; pulls the score down 3.4: “Bye”\n" +
		"  speculation         12.5 per 1,000 words — higher than 93% of reliable reporting; pulls the score down 8.2: “It was old”\n" +
		"  sourcing            25% — lower than 80% of reliable reporting\n" +
		"  quote-density       12% — lower than 53% of reliable reporting; pulls the score up 1.5\n" +
		"  stray-markup        3 — no reference\n" +
		"  None found: asides, scare quotes\n" +
		"  Not measured: clickbait, satire headline (no headline)\n\n"
	if !strings.Contains(got, want) {
		t.Errorf("signals:\n%s\nwant\n%s", got, want)
	}
	// When the verdict abstained, no signal claims an effect on a score.
	d := verdictDoc(t)
	abstain(d)
	got = renderText(t, Build(d, Options{}), TextOptions{Width: 200})
	if !strings.Contains(got, "  speculation         12.5 per 1,000 words — higher than 93% of reliable reporting: “It was old”\n") || strings.Contains(got, "pulls the score") {
		t.Errorf("abstained signals:\n%s", got)
	}
}

// Points are kept to one decimal, without a negative zero.
func TestOneDecimal(t *testing.T) {
	for in, want := range map[float64]string{-8.24: "-8.2", 4.16: "4.2", -0.04: "0", 0: "0", -3: "-3"} {
		b, _ := json.Marshal(oneDecimal(in))
		if string(b) != want {
			t.Errorf("oneDecimal(%v) marshals as %s, want %s", in, b, want)
		}
	}
}

func TestDirection(t *testing.T) {
	for p, want := range map[float64]string{
		97: "higher than 97% of reliable reporting", 10: "lower than 90% of reliable reporting", 50.2: "typical of reliable reporting",
		100: "higher than all reliable reporting", 0: "lower than all reliable reporting", 49.4: "lower than 51% of reliable reporting",
	} {
		if got := direction(p); got != want {
			t.Errorf("direction(%v) = %q, want %q", p, got, want)
		}
	}
}

// An abstained verdict says why it did not judge, shows the three labels
// of the distribution as unmeasured in one, and lists no reasons.
func TestWriteTextAbstained(t *testing.T) {
	d := verdictDoc(t)
	abstain(d)
	got := renderText(t, Build(d, Options{}), TextOptions{Width: 200})
	want := "\n\nCredibility: not judged — the article is too short to judge\n" +
		"  Labels: reliable, fake, satire unmeasured (the article is too short to judge); clickbait 10%; opinion 30%\n" +
		"  Site: Courier (example.org) rated mixed — pc1 0.44 (Lin et al. 2023); level mixed: no signal past a threshold\n" +
		"  Based on: the article's text\n" +
		"\n" +
		"  ✂ photo-credit"
	if !strings.Contains(got, want) {
		t.Errorf("WriteText =\n%s\nwant it to contain\n%s", got, want)
	}
	if strings.Contains(got, "Pulling the score") {
		t.Errorf("an abstained verdict lists reasons:\n%s", got)
	}
}

// --summary: the headline and the verdict block, nothing else.
func TestWriteSummaryText(t *testing.T) {
	var b bytes.Buffer
	d := verdictDoc(t)
	abstain(d)
	if err := WriteSummaryText(&b, Build(d, Options{}), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "Café closes\n" +
		"Courier · by Ann Lee · 2024-03-05 · language en · https://example.org/cafe\n" +
		"\n" +
		"Credibility: not judged — the article is too short to judge\n" +
		"  Labels: reliable, fake, satire unmeasured (the article is too short to judge); clickbait 10%; opinion 30%\n" +
		"  Site: Courier (example.org) rated mixed — pc1 0.44 (Lin et al. 2023); level mixed: no signal past a threshold\n" +
		"  Based on: the article's text\n"
	if got := b.String(); got != want {
		t.Errorf("WriteSummaryText =\n%s\nwant\n%s", got, want)
	}
	// A report without a verdict or a rating still says so.
	b.Reset()
	r := Build(fixtureDoc(t), Options{})
	r.Meta.URL = ""
	if err := WriteSummaryText(&b, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want = "Café closes\n" +
		"Courier · by Ann Lee · 2024-03-05 · language en\n" +
		"\n" +
		"Credibility: not judged — no verdict in this report\n" +
		"  Site: Courier — no URL, so no rating\n"
	if got := b.String(); got != want {
		t.Errorf("WriteSummaryText without a verdict =\n%s\nwant\n%s", got, want)
	}
}

func renderMarkdown(t *testing.T, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The Markdown report is complete: the verdict, the contributions table,
// the labels and the site's rating, the article, what was removed, the
// quotes with their speakers, the sourcing with ratings and second-hand
// chains, the signals and the claims, in that order, with "|" and
// Markdown characters escaped.
func TestWriteMarkdownComplete(t *testing.T) {
	got := renderMarkdown(t, Build(verdictDoc(t), Options{}))
	sections := []string{
		"# Café closes\n\n_Courier · by Ann Lee · 2024-03-05 · language en · https://example.org/cafe_\n\n",
		"## Verdict\n\n**Credibility 34/100 (low)**\n\n" +
			"- Labels: reliable 20%, fake 75%, satire 5%; clickbait 62%; opinion unmeasured (model not loaded)\n" +
			"- Site: Courier (example.org) rated mixed — pc1 0.44 (Lin et al. 2023); level mixed: no signal past a threshold\n" +
			"- Based on: the article's text, its site's rating, the ratings of the outlets it relies on\n\n" +
			"Pulling the score down:\n\n" +
			"- **−8.2** the writer speculates more than reliable reporting does (guesses | hedges): “It was old”, “closed”, …\n" +
			"- **−6.0** it relies on outlets rated unreliable: RIA Novosti, Daily Star, ria.ru (unreliable)\n" +
			"- **−5.0** its site is rated mixed: example.org (mixed)\n" +
			"- **−3.4** a word is repeated by mistake: “Bye”\n\n" +
			"Pulling the score up:\n\n" +
			"- **+4.1** its wording is like reliable reporting's\n" +
			"- **+1.5** it quotes its sources\n\n",
		"### Contributions\n\nBaseline 55; the points add up to the score.\n\n" +
			"| factor | value | points | evidence |\n|---|---|---|---|\n" +
			"| speculation: the writer speculates more than reliable reporting does (guesses \\| hedges) | 12.5 per 1,000 words | −8.2 | “It was old”, “closed”, … |\n" +
			"| cited-outlets: it relies on outlets rated unreliable | 1 | −6.0 | RIA Novosti, Daily Star, ria.ru (unreliable) |\n",
		"| sensational: it uses loaded words | 2 per 1,000 words | −2.5 | unattributed |\n",
		"| scale-limit: keeping the score within 0-100 | 0 | −0.5 |  |\n\n",
		"### Labels\n\n| label | probability | note |\n|---|---|---|\n| reliable | 20% |  |\n",
		"| opinion | unmeasured | model not loaded |\n\n",
		"### Site rating\n\n- Domain: example.org\n- Level: mixed\n- pc1: 0.446\n- Datasets: lin2023\n- Why: pc1 0.44 (Lin et al. 2023); level mixed: no signal past a threshold\n\n",
		"## Article\n\nCafé “Le Bon” 😢 closed. It was old.\n\nBye now.\n\n",
		"## Removed\n\n| reason | rule | text |\n|---|---|---|\n| photo-credit | photo-prefix | Photo: AP |\n",
		"## Quotes\n\n| speaker | kind | cue | quote |\n|---|---|---|---|\n| Ann \\| Lee (named-person) | direct |  | “Le Bon” |\n\n",
		"## Sourcing\n\n3 statements: 0 named first-hand, 1 from other outlets, 1 second-hand, 0 anonymous, 0 vague, 1 unattributed; 50% of sentences attributed.\n\n" +
			"| # | source | type | cue | outlet rating | via | statement |\n|---|---|---|---|---|---|---|\n" +
			"| 1 | Daily Star | media-outlet |  | dailystar.co.uk (mixed) |  | It was old |\n" +
			"| 2 | RIA Novosti | media-outlet |  | ria.ru (unreliable) | 1. Daily Star | closed |\n" +
			"| 3 | unattributed | none |  |  |  | Bye |\n\n",
		"## How it is written\n\nMost unusual first.\n\n| signal | value | among reliable reporting | effect on the score | evidence |\n|---|---|---|---|---|\n" +
			"| repeated-words | 1 | lower than 98% of reliable reporting | pulls the score down 3.4 | “Bye” |\n",
		"| stray-markup | 3 | no reference |  |  |\n\nNone found: asides, scare quotes\n\nNot measured: clickbait, satire headline (no headline)\n\n",
		"## Check-worthy claims\n\n| checkworthiness | mode | claim |\n|---|---|---|\n| 0.42 | attributed to Daily Star | It was old. |\n",
	}
	pos := 0
	for _, s := range sections {
		i := strings.Index(got[pos:], s)
		if i < 0 {
			t.Fatalf("Markdown lacks, after byte %d:\n%s\n---- got:\n%s", pos, s, got)
		}
		pos += i + len(s)
	}
	if !strings.HasSuffix(got, "| 0.42 | attributed to Daily Star | It was old. |\n") {
		t.Errorf("Markdown does not end with the claims:\n%s", got)
	}
}

// An abstained verdict in Markdown: why, and the labels unmeasured.
func TestWriteSummaryMarkdownAbstained(t *testing.T) {
	d := verdictDoc(t)
	abstain(d)
	var b bytes.Buffer
	if err := WriteSummaryMarkdown(&b, Build(d, Options{})); err != nil {
		t.Fatal(err)
	}
	want := "# Café closes\n\n" +
		"_Courier · by Ann Lee · 2024-03-05 · language en · https://example.org/cafe_\n\n" +
		"## Verdict\n\n" +
		"**Credibility: not judged — the article is too short to judge**\n\n" +
		"- Labels: reliable, fake, satire unmeasured (the article is too short to judge); clickbait 10%; opinion 30%\n" +
		"- Site: Courier (example.org) rated mixed — pc1 0.44 (Lin et al. 2023); level mixed: no signal past a threshold\n" +
		"- Based on: the article's text\n"
	if got := b.String(); got != want {
		t.Errorf("WriteSummaryMarkdown =\n%s\nwant\n%s", got, want)
	}
}

// The JSON summary is the report's schema, input, meta, labels and
// credibility, nothing else.
func TestSummaryJSON(t *testing.T) {
	r := Build(verdictDoc(t), Options{})
	b, err := json.Marshal(r.Summary())
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		t.Fatal(err)
	}
	var names []string
	for k := range keys {
		names = append(names, k)
	}
	if len(names) != 5 || keys["schema"] == nil || keys["input"] == nil || keys["meta"] == nil || keys["labels"] == nil || keys["credibility"] == nil {
		t.Errorf("summary keys %v", names)
	}
	full, _ := json.Marshal(r.Credibility)
	if string(keys["credibility"]) != string(full) || !strings.Contains(string(keys["meta"]), `"rating":{"domain":"example.org"`) {
		t.Errorf("summary = %s", b)
	}
}

// Paragraphs that would read as list items or headings are escaped.
func TestMarkdownBlockEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"- not a list":   `\- not a list`,
		"1. not a list":  `1\. not a list`,
		"2024) was odd":  `2024\) was odd`,
		"=== rule":       `\=== rule`,
		"a | b *c*":      `a | b \*c\*`,
		"12 of them":     "12 of them",
		"# not heading":  `\# not heading`,
		"+ plus minus -": `\+ plus minus -`,
	} {
		if got := mdBlock(in); got != want {
			t.Errorf("mdBlock(%q) = %q, want %q", in, got, want)
		}
	}
}
