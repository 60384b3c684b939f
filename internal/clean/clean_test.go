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
