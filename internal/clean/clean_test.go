package clean

import (
	"strings"
	"testing"

	"github.com/credence-news/credence/doc"
)

func cleanText(t *testing.T, src string, bodyStart int) *doc.Document {
	t.Helper()
	d := &doc.Document{Input: doc.Input{Source: src, Kind: doc.KindText, BodyStart: bodyStart}}
	if err := shipped(t).Clean(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// shipped is the shipped rule set.
func shipped(t testing.TB) *Rules {
	t.Helper()
	rs, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

type want struct{ text, reason string }

func checkRemoved(t *testing.T, d *doc.Document, w []want) {
	t.Helper()
	if len(d.Removed) != len(w) {
		for _, r := range d.Removed {
			t.Logf("removed %s (%s) %q", r.Reason, r.Rule, r.Text)
		}
		t.Fatalf("got %d removals, want %d", len(d.Removed), len(w))
	}
	for i, r := range d.Removed {
		if r.Text != w[i].text || string(r.Reason) != w[i].reason {
			t.Errorf("removal %d = %s %q, want %s %q", i, r.Reason, r.Text, w[i].reason, w[i].text)
		}
		if got := d.Input.Source[r.Span.Start:r.Span.End]; got != r.Text {
			t.Errorf("removal %d span selects %q, text is %q", i, got, r.Text)
		}
	}
}

func TestCleanRemovesNewsJunk(t *testing.T) {
	src := "Envoy meets minister\n\n" +
		"The envoy arrived on Tuesday.\n\n" +
		"[ooyala code=\"Zna2dqZzE6Xrr2Bk\" player_id=\"a1b2c3\"]\n\n" +
		"[caption id=\"attachment_9\" align=\"alignnone\"]<img src=x.jpg> The envoy at the airport[/caption]\n\n" +
		"Officials met for several hours (Image: Reuters) behind closed doors.\n\n" +
		"Sergei Lavrov in Moscow last year (Image: Getty)\n\n" +
		"PA Images\n\n" +
		"Photo: Jane Doe/AP\n\n" +
		"AFP via Getty Images\n\n" +
		"View this post on Instagram\n\n" +
		"A post shared by Maria (@maria.z) on Mar 3, 2019 at 2:34pm PST\n\n" +
		"The talks were friendly, he said. pic.twitter.com/AbC123xyz\n\n" +
		"READ MORE: Envoy's sister issues new warning\n\n" +
		"Sign up for our newsletter to get the biggest stories in your inbox.\n\n" +
		"Share this article\n\n" +
		"Follow us on Twitter\n\n" +
		"Related:\n" +
		"Five things we learned from the summit\n" +
		"Who is the envoy?\n\n" +
		"By Jane Smith, Diplomatic Editor\n\n" +
		"Published 10:32, 3 March 2025 | Updated 11:05, 3 March 2025\n\n" +
		"Advertisement\n\n" +
		"The embassy declined to comment.\n"
	d := cleanText(t, src, strings.Index(src, "The envoy arrived"))
	wantText := "The envoy arrived on Tuesday.\n\nOfficials met for several hours behind closed doors.\n\nThe talks were friendly, he said.\n\nThe embassy declined to comment."
	if d.Text != wantText {
		t.Errorf("text =\n%q\nwant\n%q", d.Text, wantText)
	}
	checkRemoved(t, d, []want{
		{`[ooyala code="Zna2dqZzE6Xrr2Bk" player_id="a1b2c3"]`, "shortcode"},
		{`[caption id="attachment_9" align="alignnone"]<img src=x.jpg> The envoy at the airport[/caption]`, "shortcode"},
		{" (Image: Reuters)", "photo-credit"},
		{"Sergei Lavrov in Moscow last year (Image: Getty)", "caption"},
		{"PA Images", "photo-credit"},
		{"Photo: Jane Doe/AP", "photo-credit"},
		{"AFP via Getty Images", "photo-credit"},
		{"View this post on Instagram", "social-embed"},
		{"A post shared by Maria (@maria.z) on Mar 3, 2019 at 2:34pm PST", "social-embed"},
		{"pic.twitter.com/AbC123xyz", "social-embed"},
		{"READ MORE: Envoy's sister issues new warning", "call-to-action"},
		{"Sign up for our newsletter to get the biggest stories in your inbox.", "call-to-action"},
		{"Share this article", "call-to-action"},
		{"Follow us on Twitter", "call-to-action"},
		{"Related:", "related-links"},
		{"Five things we learned from the summit", "related-links"},
		{"Who is the envoy?", "related-links"},
		{"By Jane Smith, Diplomatic Editor", "byline"},
		{"Published 10:32, 3 March 2025 | Updated 11:05, 3 March 2025", "dateline"},
		{"Advertisement", "advertisement"},
	})
}

// Real prose that shares words with junk must come through untouched.
func TestCleanKeepsLookalikeProse(t *testing.T) {
	paras := []string{
		"More than 300 people attended the advertisement industry's annual dinner.",
		"By Tuesday evening, the crowd had gone home.",
		"Reuters reported that the talks had stalled.",
		"The photo exhibition opens on Friday, organisers said.",
		"Related measures were announced in March.",
		"Users can sign up to the scheme online, the council said.",
		"Published figures show a 3.5 per cent rise [sic] in complaints.",
		"He told the BBC: \"We will follow the rules.\"",
		"Watch this space, the minister told reporters.",
		"Posted on Monday, the video has been viewed two million times.",
	}
	src := strings.Join(paras, "\n\n")
	d := cleanText(t, src, 0)
	if d.Text != src {
		t.Errorf("text changed:\n%q", d.Text)
	}
	checkRemoved(t, d, nil)
}

func TestCleanNormalisesAndMapsBack(t *testing.T) {
	// No-break spaces, a zero-width space inside a word, a soft hyphen, a
	// double space, and a hard-wrapped line.
	src := "Ms\u00a0Zakharova said the\u00a0meeting was\u200b \u201cproduc\u00adtive\u201d  and\nfriendly.\nShe left at noon."
	d := cleanText(t, src, 0)
	want := "Ms Zakharova said the meeting was \u201cproductive\u201d and friendly.\n\nShe left at noon."
	if d.Text != want {
		t.Fatalf("text = %q, want %q", d.Text, want)
	}
	// Every cleaned word maps back to the same word in the source.
	for _, w := range []string{"Zakharova", "meeting", "friendly.", "She", "noon."} {
		i := strings.Index(d.Text, w)
		s := d.Map.SourceSpan(doc.Span{Start: i, End: i + len(w)})
		if got := src[s.Start:s.End]; got != w {
			t.Errorf("%q maps back to %q", w, got)
		}
	}
	i := strings.Index(d.Text, "productive")
	s := d.Map.SourceSpan(doc.Span{Start: i, End: i + len("productive")})
	if got := src[s.Start:s.End]; got != "produc\u00adtive" {
		t.Errorf("productive maps back to %q", got)
	}
	// Dest is the inverse for kept text.
	if got := d.Map.Dest(strings.Index(src, "friendly")); got != strings.Index(d.Text, "friendly") {
		t.Errorf("Dest(friendly) = %d", got)
	}
}

func TestShortcodesNeedNameOrAttributes(t *testing.T) {
	src := "He said the [foreign] minister [sic] was \"tired\" [1].\n\n[tweet id=\"123\"]\n\n[embed]https://youtu.be/x[/embed] Officials agreed."
	d := cleanText(t, src, 0)
	if want := "He said the [foreign] minister [sic] was \"tired\" [1].\n\nOfficials agreed."; d.Text != want {
		t.Errorf("text = %q, want %q", d.Text, want)
	}
	checkRemoved(t, d, []want{{`[tweet id="123"]`, "shortcode"}, {"[embed]https://youtu.be/x[/embed]", "shortcode"}})
}

func TestRulesFileErrors(t *testing.T) {
	for _, c := range []struct{ tsv, want string }{
		{"a\tb\tline\t10\t-", "rules line 1: want 6 tab-separated fields"},
		{"a\tb\tsideways\t10\t-\tx", `rules line 1: unknown scope "sideways"`},
		{"a\tb\tline\tten\t-\tx", `rules line 1: maxlen "ten" is not a positive number`},
		{"a\tb\tline\t10\t-\t(", "rules line 1 (a): error parsing regexp"},
		{"a\tb\tline\t10\t-\tx\na\tb\tline\t10\t-\ty", `rules line 2: duplicate rule id "a"`},
	} {
		_, err := ParseRules(c.tsv, "AP\n")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("ParseRules(%q) error = %v, want prefix %q", c.tsv, err, c.want)
		}
	}
}

func BenchmarkClean(b *testing.B) {
	para := "The envoy arrived in Moscow on Tuesday for talks with the foreign minister, officials said, and the two sides met for several hours.\n\n"
	src := strings.Repeat(para, 30) + "PA Images\n\nRead more: something\n\n" + strings.Repeat(para, 10)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d := &doc.Document{Input: doc.Input{Source: src, Kind: doc.KindText}}
		if err := shipped(b).Clean(d); err != nil {
			b.Fatal(err)
		}
	}
}

// Teaser labels, video players, tagged related rows and image file names
// that extractors keep, with the headlines they carry.
func TestCleanRemovesTeasersAndPlayers(t *testing.T) {
	src := "Protesters marched through the city centre on Sunday.\n\n" +
		"SEE MORE: Hong Kong protests turn violent as police fire tear gas\n\n" +
		"Police said 40 people had been arrested.\n\n" +
		"DON'T MISS\n\n" +
		"Queen's Christmas Speech Date Revealed\n" +
		"Royal Fans Spot Hidden Detail In New Portrait\n\n" +
		"The march ended outside the government offices.\n\n" +
		"Trump Says He Will Not Attend The Summit\n" +
		"Play VIDEO\n\n" +
		"Play VIDEO Biden responds to the latest polls\n\n" +
		"These Republicans are backing Hillary Clinton  Play Video2:14\n\n" +
		"(SCROLL DOWN FOR VIDEO)\n\n" +
		"Crowds gathered outside the court on Monday. (VIDEO)\n\n" +
		"images (4).jpg\n\n" +
		"IMG_1234.JPG\n\n" +
		"shutterstock_1234567.jpg\n\n" +
		"getty-images-1178245733-612x612.png\n\n" +
		"[INSIGHT] | Brexit deal in doubt as talks stall [REACTION]\n\n" +
		"Johnson warned over border plan [ANALYSIS]\n\n" +
		"RELATED: Mayor announces new curfew for city centre\n\n" +
		"The mayor said (RELATED: Mayor announces new curfew for city centre) the city was calm.\n\n" +
		"SEE MORE HERE:\n\n" +
		"Why The Curfew Matters | City Hall | Official Site\n\n" +
		"Shops reopened on Tuesday.\n"
	d := cleanText(t, src, 0)
	wantText := "Protesters marched through the city centre on Sunday.\n\nPolice said 40 people had been arrested.\n\n" +
		"The march ended outside the government offices.\n\nCrowds gathered outside the court on Monday.\n\n" +
		"The mayor said the city was calm.\n\nShops reopened on Tuesday."
	if d.Text != wantText {
		t.Errorf("text =\n%q\nwant\n%q", d.Text, wantText)
	}
	checkRemoved(t, d, []want{
		{"SEE MORE: Hong Kong protests turn violent as police fire tear gas", "call-to-action"},
		{"DON'T MISS", "call-to-action"},
		{"Queen's Christmas Speech Date Revealed", "related-links"},
		{"Royal Fans Spot Hidden Detail In New Portrait", "related-links"},
		{"Trump Says He Will Not Attend The Summit", "related-links"},
		{"Play VIDEO", "social-embed"},
		{"Play VIDEO Biden responds to the latest polls", "social-embed"},
		{"These Republicans are backing Hillary Clinton  Play Video2:14", "social-embed"},
		{"(SCROLL DOWN FOR VIDEO)", "social-embed"},
		{" (VIDEO)", "social-embed"},
		{"images (4).jpg", "caption"},
		{"IMG_1234.JPG", "caption"},
		{"shutterstock_1234567.jpg", "caption"},
		{"getty-images-1178245733-612x612.png", "caption"},
		{"[INSIGHT] | Brexit deal in doubt as talks stall [REACTION]", "related-links"},
		{"Johnson warned over border plan [ANALYSIS]", "related-links"},
		{"RELATED: Mayor announces new curfew for city centre", "call-to-action"},
		{" (RELATED: Mayor announces new curfew for city centre)", "related-links"},
		{"SEE MORE HERE:", "call-to-action"},
		{"Why The Curfew Matters | City Hall | Official Site", "related-links"},
	})
}

// Prose that looks like a teaser, a player or a related row stays.
func TestCleanKeepsTeaserLookalikes(t *testing.T) {
	paras := []string{
		"See more of the coverage on our website, the editor said.",
		"The video shows officers arresting a man outside the station.",
		"Kids who play video games sleep less, the study found.",
		"Voters are split | the poll shows a 50-50 race, with two weeks to go.",
		"He saved the scan as report_2019.jpg before sending it to the court.",
		"MORE than 200 people were evacuated, officials said.",
		"WHAT HAPPENS NEXT: The Senate will vote on the bill on Tuesday.",
		"UP NEXT",
		"Thunder: Host the Lakers on Friday.",
		"UPDATE: Police have since named the suspect.",
		"Officials said the [FOIA] request had been denied.",
		"The shape of the nation will change with the loss of the dollar's status as reserve currency",
		"READ MORE",
		"RELATED:",
		"The council said on Monday that it would appeal the ruling.",
		"Watch the video below to see how it happened.",
		"Play continued after a short delay for rain.",
	}
	src := strings.Join(paras, "\n\n")
	d := cleanText(t, src, 0)
	checkRemoved(t, d, []want{{"READ MORE", "call-to-action"}, {"RELATED:", "related-links"}})
}

// A link marker takes the headline before it; a label with a colon takes
// the headline after it; neither takes a sentence.
func TestCleanTeaserHeadlineDirection(t *testing.T) {
	src := "The bridge reopened on Monday.\n\n" +
		"Council Approves New Cycle Lanes For Bridge\n" +
		"READ MORE\n\n" +
		"READ MORE:\n\n" +
		"Mayor Unveils Plan To Cut City Centre Traffic\n\n" +
		"Traffic fell by a third in the first week, the council said.\n\n" +
		"DON’T MISS\n\n" +
		"The council said cyclists had welcomed the change.\n"
	d := cleanText(t, src, 0)
	checkRemoved(t, d, []want{
		{"Council Approves New Cycle Lanes For Bridge", "related-links"},
		{"READ MORE", "call-to-action"},
		{"READ MORE:", "call-to-action"},
		{"Mayor Unveils Plan To Cut City Centre Traffic", "related-links"},
		{"DON’T MISS", "call-to-action"},
	})
}

func TestTitleLike(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"Drake Is Still Making Money Off Of Degrassi", true},
		{"Don’t Let Obama Give Away the Internet | Ted Cruz | U.S. Senator for Texas", true},
		{"Kendall Jenner Slams The Door In Her Driver’s Face!", true},
		{"The shape of the nation will change with the loss of the dollar", false},
		{"Officials said on Monday that the plan would go ahead", false},
		{"The Plan Failed. Officials Said Nothing", false},
		{"Council Approves New Cycle Lanes:", false},
		{"Council Approves New Cycle Lanes.", false},
		{"Yes", false},
	} {
		if got := titleLike(c.s); got != c.want {
			t.Errorf("titleLike(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// Page furniture of blogs, tabloids and papers that the careful-reader dev
// gold found kept: share counters, breadcrumbs, post lines, disclaimers,
// reader prompts, magazine plugs, petitions, advert residue, captions run
// into their credits, interactive-graphic prompts and bracketed related
// headlines. The prose around them stays.
func TestCleanRemovesPageFurniture(t *testing.T) {
	src := "Home » News » Senate Passes Budget Deal\n\n" +
		"Posted on July 29, 2016 by Jane Smith in News, US // 0 Comments\n\n" +
		"13.6k SHARES SHARE THIS STORY\n\n" +
		"The Senate passed the budget on Friday by 61 votes to 38.\n\n" +
		"Story Continued Below\n\n" +
		"Senators from both parties praised the deal.\n\n" +
		"Tim Kaine visits the club on Monday evening. | Burgess Everett/POLITICO Kaine visits site of shooting\n\n" +
		"[Amid budget fight, senators head home for recess]\n\n" +
		"Select a winner in the states below to see each candidate's paths to victory.\n\n" +
		"EXCLUSIVE: Senator And Wife Fight Over Holiday Plans\n\n" +
		"The bill now goes to the House.\n\n" +
		"Authors:\n\n" +
		"HollywoodLifers, do you think the House will pass it? Tell us in the comments below!\n\n" +
		"For more on the deal, pick up the latest issue of Capitol Weekly, on newsstands now!\n\n" +
		"Add your name to millions demanding that Congress act now. SIGN TODAY!\n\n" +
		"× 101 Things Every Voter Should Know by Sam Jones is filled with lessons.\n\n" +
		"The views expressed in this opinion article are solely those of their author.\n\n" +
		"Receive occasional updates and special offers for The Daily's products and services.\n\n" +
		"PRIVACY POLICY\n\n" +
		"See the most-read stories in Politics this hour »\n"
	d := cleanText(t, src, 0)
	wantText := "The Senate passed the budget on Friday by 61 votes to 38.\n\nSenators from both parties praised the deal.\n\nThe bill now goes to the House."
	if d.Text != wantText {
		t.Errorf("text =\n%q\nwant\n%q", d.Text, wantText)
	}
	checkRemoved(t, d, []want{
		{"Home » News » Senate Passes Budget Deal", "boilerplate"},
		{"Posted on July 29, 2016 by Jane Smith in News, US // 0 Comments", "byline"},
		{"13.6k SHARES SHARE THIS STORY", "call-to-action"},
		{"Story Continued Below", "advertisement"},
		{"Tim Kaine visits the club on Monday evening. | Burgess Everett/POLITICO Kaine visits site of shooting", "caption"},
		{"[Amid budget fight, senators head home for recess]", "related-links"},
		{"Select a winner in the states below to see each candidate's paths to victory.", "boilerplate"},
		{"EXCLUSIVE: Senator And Wife Fight Over Holiday Plans", "related-links"},
		{"Authors:", "byline"},
		{"HollywoodLifers, do you think the House will pass it? Tell us in the comments below!", "call-to-action"},
		{"For more on the deal, pick up the latest issue of Capitol Weekly, on newsstands now!", "call-to-action"},
		{"Add your name to millions demanding that Congress act now. SIGN TODAY!", "advertisement"},
		{"× 101 Things Every Voter Should Know by Sam Jones is filled with lessons.", "advertisement"},
		{"The views expressed in this opinion article are solely those of their author.", "boilerplate"},
		{"Receive occasional updates and special offers for The Daily's products and services.", "call-to-action"},
		{"PRIVACY POLICY", "boilerplate"},
		{"See the most-read stories in Politics this hour »", "call-to-action"},
	})
}

// Sentences that resemble that furniture stay.
func TestCleanKeepsFurnitureLookalikes(t *testing.T) {
	paras := []string{
		"Democrats, are they ready for a fight? The question hung over the caucus on Tuesday.",
		"The data from the census shows a rise in rents across the region.",
		"Home prices rose 4% in the year to March, the agency said.",
		"[Note from the editor: this story has been updated with the governor's response.]",
		"He posted on Facebook that the march would go ahead.",
		"Voters can select a candidate from the list below the ballot's instructions, officials said.",
		"The exclusive club admitted its first women members in 1990.",
	}
	d := cleanText(t, strings.Join(paras, "\n\n"), 0)
	checkRemoved(t, d, nil)
}
