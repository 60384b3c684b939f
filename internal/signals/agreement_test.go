package signals_test

import (
	"context"
	"os"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/signals"
)

// agreementOf runs the whole pipeline on a headline over a short body, so
// that the real tagger tags the headline, and returns the signal.
func agreementOf(t *testing.T, raw string) (*doc.Document, doc.Signal) {
	t.Helper()
	d, err := credence.Document(context.Background(), []byte(raw), credence.Options{Kind: "text"})
	if err != nil {
		t.Fatal(err)
	}
	return d, signals.HeadlineAgreement(d)
}

const agreementBody = "\n\nThe talks in Moscow ended on Tuesday without an agreement, officials from both countries said. The two delegations are due to meet again next month. Independent scientists were not consulted.\n"

// Grammatical headlines, headlinese and British usage among them, must not
// fire.
func TestHeadlineAgreementSilentOnGrammatical(t *testing.T) {
	for _, h := range []string{
		"Putin to meet Kim in Vladivostok",
		"Man, 34, charged with murder after Leeds stabbing",
		"U.S. says talks with Iran will resume",
		"Trump's aides say he will veto the bill",
		"Police say suspect fled on foot",
		"News of the meeting spreads across Moscow",
		"Series of strikes hits Paris transport",
		"Government says taxes will rise",
		"Government say taxes will rise",
		"Team wins title",
		"England win series against Australia",
		"A group of officials were seen leaving the ministry",
		"Officials Say Talks Collapsed",
		"Protesters clash with police as tensions rise",
		"Five years is a long time in politics",
		"Dozens of people were hurt in the blast",
		"Politics is a dirty business",
		"Economics explains why prices rise",
		"Lawmakers who voted no say they were misled",
		"British Airways says flights will resume",
		"Johnson & Johnson expects a weak year",
		"If the deal were signed, sanctions would end",
		"Nuclear leaks after Japan quake are worse than first reported",
		"Closing schools has only a minor role in suppressing COVID-19",
		"This Changes Everything",
		"Which Disney Song Are You",
		"27 Secrets Waiters Will Never Tell You",
		"You'll Sob When You Try These Yoga Poses At Home",
		"Russia and Kazakhstan agree to double grain rail capacity to China",
	} {
		if _, s := agreementOf(t, h+agreementBody); s.Value != 0 {
			t.Errorf("%q: fired: %s", h, s.Note)
		}
	}
}

// Slips must fire, each with the words and what disagrees.
func TestHeadlineAgreementSlips(t *testing.T) {
	const p = "agreement slips in the headline: "
	for _, c := range []struct{ headline, note string }{
		{"Officials says talks collapsed", "‘Officials says’: plural subject ‘Officials’ with singular verb ‘says’"},
		{"Officials Says Talks Collapsed", "‘Officials Says’: plural subject ‘Officials’ with singular verb ‘Says’"},
		{"Lavrov and Zakharova meets Kim's envoy", "‘Lavrov and Zakharova meets’: plural compound subject ‘Lavrov and Zakharova’ with singular verb ‘meets’"},
		{"The minister have denied the report", "‘The minister have’: singular subject ‘minister’ with plural verb ‘have’"},
		{"Kim's envoy in a secret meetings with Lavrov", "‘a secret meetings’: singular determiner ‘a’ with plural noun ‘meetings’"},
		{"This talks will fail, says Kremlin", "‘This talks’: singular determiner ‘This’ with plural noun ‘talks’"},
		{"These envoy met Lavrov in Moscow", "‘These envoy’: plural determiner ‘These’ with singular noun ‘envoy’"},
		{"Many officials has resigned over the scandal", "‘Many officials has’: plural subject ‘officials’ with singular verb ‘has’"},
		{"An meetings was held in Moscow", "‘An meetings’: singular determiner ‘An’ with plural noun ‘meetings’"},
		{"Kremlin says the envoys was never in Moscow", "‘the envoys was’: plural subject ‘envoys’ with singular verb ‘was’"},
		{"This are the talks that will decide the war", "‘This are’: singular subject ‘This’ with plural verb ‘are’"},
		{"Scientists says the vaccine is safe", "‘Scientists says’: plural subject ‘Scientists’ with singular verb ‘says’"},
	} {
		_, s := agreementOf(t, c.headline+agreementBody)
		if s.Note != p+c.note || s.Value != 1 {
			t.Errorf("%q:\n got %v %q\nwant 1 %q", c.headline, s.Value, s.Note, p+c.note)
		}
	}
}

// A named person with a plural verb counts only when the body names the
// same person in full: on a headline alone, the tagger takes clubs and
// firms for people ("Chelsea make").
func TestHeadlineAgreementPerson(t *testing.T) {
	body := "\n\nFrench President Nicolas Sarkozy spoke in Paris on Monday. Sarkozy said the law would pass.\n"
	_, s := agreementOf(t, "Sarkozy say burqa is not welcome in France"+body)
	if want := "agreement slips in the headline: ‘Sarkozy say’: singular subject ‘Sarkozy’ with plural verb ‘say’"; s.Note != want {
		t.Errorf("got %q, want %q", s.Note, want)
	}
	_, s = agreementOf(t, "Chelsea make Sánchez their top summer transfer target"+agreementBody)
	if s.Value != 0 {
		t.Errorf("Chelsea: fired: %s", s.Note)
	}
}

// Neither example's headline has a slip.
func TestHeadlineAgreementExamples(t *testing.T) {
	for _, f := range []string{"../../examples/viral-rewrite.txt", "../../examples/wire-story.txt"} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, s := agreementOf(t, string(raw))
		if s.Value != 0 || s.Note != "no agreement slips in the headline" || s.ID != "headline-agreement" || s.Unit != "count" || s.Percentile != -1 {
			t.Errorf("%s (%q): %+v", f, d.Meta.Title, s)
		}
	}
}
