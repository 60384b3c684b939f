package attribution_test

import (
	"strings"
	"testing"

	"github.com/credence-news/credence/doc"
)

// The error patterns a careful reader found on articles nobody tuned for,
// each in a sentence of its own kind: Credence must not credit anyone where
// the text does not.

// A quoted fragment inside the writer's sentence is the words of the
// sentence's speaker, not a scare quote; a short lower-case quote with no
// speech verb around it is.
func TestPartialQuoteSpeakerAndScareQuotes(t *testing.T) {
	d := analyse(t, "Leak denied\n\nWikiLeaks founder Julian Assange spoke from London on Tuesday. "+
		"Assange called the accusations a “lame conspiracy smear” and said nothing more.\n\n"+
		"Critics of the so-called “experts” gathered outside. The “peaceful” protest lasted an hour.\n\n"+
		"The group later watched “Saturday Night Live” together.\n")
	q := quoteBy(t, d, "lame conspiracy smear")
	if q.Kind != doc.QuotePartial || speakerName(q) != "Julian Assange" {
		t.Errorf("lame conspiracy smear: kind %s speaker %q, want partial by Julian Assange", q.Kind, speakerName(q))
	}
	for _, want := range []string{"experts", "peaceful"} {
		if q := quoteBy(t, d, want); q.Kind != doc.QuoteScare || q.Speaker != nil {
			t.Errorf("%s: kind %s speaker %q, want scare with no speaker", want, q.Kind, speakerName(q))
		}
	}
	if q := quoteBy(t, d, "Saturday Night Live"); q.Kind == doc.QuoteScare || q.Speaker != nil {
		t.Errorf("a show's title: kind %s speaker %q, want no scare quote and no speaker", q.Kind, speakerName(q))
	}
}

// "He was called “the weeping prophet”": naming is not speech.
func TestPassiveNamingIsNotSpeech(t *testing.T) {
	d := analyse(t, "The prophet\n\nJeremiah warned Judah for decades. He was called “the weeping prophet” because he was one.\n")
	if q := quoteBy(t, d, "the weeping prophet"); q.Speaker != nil {
		t.Errorf("speaker %q, want none", speakerName(q))
	}
}

// Two men named in reach of "he": the quote's speaker is a guess, so it is
// not given; the attribution keeps the bare pronoun.
func TestRivalPronounLeavesSpeakerNull(t *testing.T) {
	d := analyse(t, "Talks\n\nJohn Smith met David Jones in Paris on Monday to discuss the merger.\n\n"+
		"“We agreed on nothing,” he said.\n")
	q := quoteBy(t, d, "We agreed on nothing")
	if q.Speaker != nil {
		t.Errorf("speaker %q (confidence %.2f), want none", speakerName(q), q.Speaker.Confidence)
	}
	if q.Attribution < 0 || d.Attributions[q.Attribution].Source.Name != "he" || d.Attributions[q.Attribution].Source.Entity != -1 {
		t.Errorf("attribution of the quote = %+v, want one to the unresolved pronoun", q.Attribution)
	}
}

// The speaker of the quotes around a pronoun wins over a person of the
// other gender named in between; another person who could be meant makes
// it a guess, and the speaker is not given. Each speaker carries its
// confidence.
func TestPronounFollowsTheSpeaker(t *testing.T) {
	d := analyse(t, "Interview\n\n“I still love my work,” said Betty White, who is 95.\n\n"+
		"Her host, Mr John Smith, asked about her plans. “I am the luckiest old broad on two feet,” she said.\n")
	if q := quoteBy(t, d, "I am the luckiest"); speakerName(q) != "Betty White" {
		t.Errorf("speaker %q, want Betty White", speakerName(q))
	}
	if first := quoteBy(t, d, "I still love"); first.Speaker == nil || first.Speaker.Confidence < 0.9 {
		t.Errorf("a name next to the cue: speaker %+v, want confidence >= 0.9", first.Speaker)
	}
	d = analyse(t, "Interview\n\n“I still love my work,” said Betty White, who is 95.\n\n"+
		"Katie Couric asked about her plans. “I am the luckiest old broad on two feet,” she said.\n")
	if q := quoteBy(t, d, "I am the luckiest"); q.Speaker != nil {
		t.Errorf("speaker %q (confidence %.2f), want none: White or Couric", speakerName(q), q.Speaker.Confidence)
	}
}

// Wishes, requests and refusals are attitudes, not sourcing; objects of
// "let" and things that "show" are not sources.
func TestAttitudesAndNonSources(t *testing.T) {
	d := analyse(t, "Wall\n\nTrump wants to build a wall on the border with Mexico.\n\n"+
		"The FBI asked the Kremlin for copies of the emails.\n\n"+
		"He rolled down his window and let the protesters know that he had a gun.\n\n"+
		"The chaos in the briefing room continued for an hour after the statement.\n\n"+
		"Officials said the talks would resume on Friday.\n")
	var sources []string
	for _, at := range d.Attributions {
		sources = append(sources, at.Source.Name+" · "+span(d, at.Cue))
	}
	if got := strings.Join(sources, " | "); got != "Officials · said" {
		t.Errorf("attributions = %q, want only the officials'", got)
	}
	var attitudes []string
	for _, at := range d.Attitudes {
		attitudes = append(attitudes, at.Source.Name+" · "+span(d, at.Cue))
	}
	if got := strings.Join(attitudes, " | "); got != "Donald Trump · wants | Federal Bureau of Investigation · asked" && got != "Trump · wants | Federal Bureau of Investigation · asked" {
		t.Errorf("attitudes = %q", got)
	}
}

// A site's address is an outlet, and "a report by X" credits X.
func TestAddressesAndReportsBy(t *testing.T) {
	d := analyse(t, "Split\n\nAs HollywoodLife.com previously revealed, the couple split in May.\n\n"+
		"According to a new report by Reuters, the couple met again in June.\n")
	var got []string
	for _, at := range d.Attributions {
		got = append(got, at.Source.Name+" ("+string(at.Source.Type)+")")
	}
	if strings.Join(got, " | ") != "HollywoodLife.com (media-outlet) | Reuters (media-outlet)" {
		t.Errorf("sources = %q", got)
	}
}

// The attribution errors on unseen articles: a body typed as a
// person, a "who" that names nobody, and what an official said taken from
// the clause after his words.
func TestBodiesQuestionsAndAfterthoughts(t *testing.T) {
	d := analyse(t, "Row\n\nThe Project on Government Oversight said the contract was never reviewed.\n\n"+
		"It is not clear who revealed the documents to the press.\n\n"+
		"Chinese importers have stopped buying, an official at the ministry said, but he declined to name the companies.\n")
	var got []string
	for _, at := range d.Attributions {
		got = append(got, at.Source.Name+" ("+string(at.Source.Type)+") · "+span(d, at.Content))
	}
	want := "The Project on Government Oversight (official-body) · the contract was never reviewed | " +
		"an official at the ministry (anonymous) · Chinese importers have stopped buying"
	if strings.Join(got, " | ") != want {
		t.Errorf("attributions =\n%s\nwant\n%s", strings.Join(got, " | "), want)
	}
}
