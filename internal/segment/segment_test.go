package segment

import (
	"math/rand"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

func segment(text string) *doc.Document {
	d := &doc.Document{Text: text}
	Segment(d)
	return d
}

func sentenceTexts(d *doc.Document) []string {
	out := []string{}
	for _, s := range d.Sentences {
		out = append(out, d.Text[s.Start:s.End])
	}
	return out
}

// tokenStrings renders tokens as "text/kind", with "=norm" when Norm is set.
func tokenStrings(d *doc.Document, toks []doc.Token) []string {
	out := []string{}
	for _, t := range toks {
		s := d.Text[t.Start:t.End] + "/" + t.Kind.String()
		if t.Norm != "" {
			s += "=" + t.Norm
		}
		out = append(out, s)
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"dateline and U.S.", "WASHINGTON (Reuters) - The U.S. Senate on Tuesday voted 70-29 to pass the bill. It now goes to the House.", []string{
			"WASHINGTON (Reuters) - The U.S. Senate on Tuesday voted 70-29 to pass the bill.",
			"It now goes to the House.",
		}},
		{"time and month", "The meeting, at 10.30 a.m. on Jan. 3, was brief. Officials left.", []string{
			"The meeting, at 10.30 a.m. on Jan. 3, was brief.",
			"Officials left.",
		}},
		{"titles", "Mr. Lavrov met Ms. Zakharova.", []string{"Mr. Lavrov met Ms. Zakharova."}},
		{"many titles", "Mrs. Smith, Dr. Jones, Prof. Brown, Gov. Newsom, Sen. Warren, Rep. Ocasio-Cortez, Gen. Milley, Col. Reyes, Lt. Dan, Sgt. Pepper, Capt. Marvel and Rev. Green met on St. Patrick's Day.", []string{
			"Mrs. Smith, Dr. Jones, Prof. Brown, Gov. Newsom, Sen. Warren, Rep. Ocasio-Cortez, Gen. Milley, Col. Reyes, Lt. Dan, Sgt. Pepper, Capt. Marvel and Rev. Green met on St. Patrick's Day.",
		}},
		{"Jr. continues", "Martin Luther King Jr. was born in Atlanta.", []string{"Martin Luther King Jr. was born in Atlanta."}},
		{"Jr. ends", "The prize went to Martin Luther King Jr. He accepted it in Oslo.", []string{
			"The prize went to Martin Luther King Jr.",
			"He accepted it in Oslo.",
		}},
		{"Corp. mid-sentence", "Acme Corp. said profits rose.", []string{"Acme Corp. said profits rose."}},
		{"Inc. ends", "The buyer was Apple Inc. The deal closed on Friday.", []string{
			"The buyer was Apple Inc.",
			"The deal closed on Friday.",
		}},
		{"Inc. before a title", "Apple Inc. Chief Executive Tim Cook spoke.", []string{"Apple Inc. Chief Executive Tim Cook spoke."}},
		{"Co. Ltd. ends", "It sold the unit to Smith & Co. Ltd. It did not say for how much.", []string{
			"It sold the unit to Smith & Co. Ltd.",
			"It did not say for how much.",
		}},
		{"No. before number", "He lives at No. 10 Downing Street.", []string{"He lives at No. 10 Downing Street."}},
		{"No. as a word", "The answer was No. Next question.", []string{"The answer was No.", "Next question."}},
		{"vs.", "Chelsea vs. Arsenal ended 1-0. Fans cheered.", []string{"Chelsea vs. Arsenal ended 1-0.", "Fans cheered."}},
		{"etc. continues", "They bought apples, pears, etc. and went home.", []string{"They bought apples, pears, etc. and went home."}},
		{"etc. ends", "They bought apples, pears, etc. The shop then closed.", []string{
			"They bought apples, pears, etc.",
			"The shop then closed.",
		}},
		{"e.g. never ends", "Papers, e.g. The Times, reported it.", []string{"Papers, e.g. The Times, reported it."}},
		{"months", "The deal closed in Sept. 2020. Nov. 5 is the next date. It began in Aug. 1914, not Dec. 1913.", []string{
			"The deal closed in Sept. 2020.",
			"Nov. 5 is the next date.",
			"It began in Aug. 1914, not Dec. 1913.",
		}},
		{"month without number", "The vote was held in Jan. The result was close.", []string{
			"The vote was held in Jan.",
			"The result was close.",
		}},
		{"initials", "J. K. Rowling wrote it. George W. Bush read it.", []string{
			"J. K. Rowling wrote it.",
			"George W. Bush read it.",
		}},
		{"initial A", "The author, J. A. Smith, agreed.", []string{"The author, J. A. Smith, agreed."}},
		{"letter at sentence end", "She chose Plan B. The rest followed.", []string{"She chose Plan B.", "The rest followed."}},
		{"U.S. ends before starter", "He moved to the U.S. The move was costly.", []string{
			"He moved to the U.S.",
			"The move was costly.",
		}},
		{"U.K. and U.N.", "The U.K. and the U.N. agreed. The U.S. Congress did not.", []string{
			"The U.K. and the U.N. agreed.",
			"The U.S. Congress did not.",
		}},
		{"p.m. ends", "The session ended at 5 p.m. It resumes tomorrow.", []string{
			"The session ended at 5 p.m.",
			"It resumes tomorrow.",
		}},
		{"p.m. continues", "It ends at 5 p.m. on Friday.", []string{"It ends at 5 p.m. on Friday."}},
		{"decimals", "Inflation rose 3.5 per cent in May. Prices fell 0.2%.", []string{
			"Inflation rose 3.5 per cent in May.",
			"Prices fell 0.2%.",
		}},
		{"quote ends sentence", `He said: "It is over." Then he left.`, []string{`He said: "It is over."`, "Then he left."}},
		{"comma in quote", `"It is over," he said.`, []string{`"It is over," he said.`}},
		{"question lower case", `"Is it over?" she asked.`, []string{`"Is it over?" she asked.`}},
		{"question upper case", `"Is it over?" She left.`, []string{`"Is it over?"`, "She left."}},
		{"She added", `She added: "We will not back down." The ministry declined to comment.`, []string{
			`She added: "We will not back down."`,
			"The ministry declined to comment.",
		}},
		{"She added ellipsis", `She added: "We are ready..." and left.`, []string{`She added: "We are ready..." and left.`}},
		{"curly quotes", "“It is over.” Then he left. ‘It is over,’ he said.", []string{
			"“It is over.”",
			"Then he left.",
			"‘It is over,’ he said.",
		}},
		{"period after quote", "He called it 'nonsense'. The minister disagreed.", []string{
			"He called it 'nonsense'.",
			"The minister disagreed.",
		}},
		{"quote opens next sentence", `He left. "We will return," he said.`, []string{`He left.`, `"We will return," he said.`}},
		{"brackets", "(The ministry declined to comment.) Talks continue. He left (for now.) Then he returned.", []string{
			"(The ministry declined to comment.)",
			"Talks continue.",
			"He left (for now.)",
			"Then he returned.",
		}},
		{"ellipsis ends", "He waited... The door opened.", []string{"He waited...", "The door opened."}},
		{"ellipsis continues", "He said... and then he stopped.", []string{"He said... and then he stopped."}},
		{"unicode ellipsis", "He waited… Then the door opened.", []string{"He waited…", "Then the door opened."}},
		{"exclamation and interrobang", "Is this the end?! Nobody knows! Perhaps not.", []string{
			"Is this the end?!",
			"Nobody knows!",
			"Perhaps not.",
		}},
		{"URL at end", "Read it at https://example.com/report. The report is long.", []string{
			"Read it at https://example.com/report.",
			"The report is long.",
		}},
		{"number at end", "The figure was 2,500. Another 300 were missing.", []string{
			"The figure was 2,500.",
			"Another 300 were missing.",
		}},
		{"number starts sentence", "The toll rose to 42. 17 of them were children.", []string{
			"The toll rose to 42.",
			"17 of them were children.",
		}},
		{"email at end", "Contact press@example.org. A spokesman replied.", []string{
			"Contact press@example.org.",
			"A spokesman replied.",
		}},
		{"handle starts sentence", "He posted a video. @BBCNews shared it.", []string{
			"He posted a video.",
			"@BBCNews shared it.",
		}},
		{"no space after period", "He said.It was late.", []string{"He said.It was late."}},
		{"headline and body", "Kyiv says drones hit grain port\n\nKYIV (Reuters) - Russian drones hit a port. Officials said 3 people died", []string{
			"Kyiv says drones hit grain port",
			"KYIV (Reuters) - Russian drones hit a port.",
			"Officials said 3 people died",
		}},
		{"paragraph end after title", "Interview with Dr.\n\nHe spoke.", []string{"Interview with Dr.", "He spoke."}},
		{"single newline is a space", "One line\nwraps here. Next one.", []string{"One line\nwraps here.", "Next one."}},
		{"CJK", "他来了。她走了。", []string{"他来了。", "她走了。"}},
		{"met met", "met met", []string{"met met"}},
		{"empty", "", []string{}},
		{"only spaces", "   ", []string{}},
		{"blank lines only", "\n\n \n\n", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := segment(tt.text)
			if got := sentenceTexts(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Segment(%q) sentences:\n got %q\nwant %q", tt.text, got, tt.want)
			}
			checkInvariants(t, d)
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"WASHINGTON (Reuters) - The U.S. Senate", []string{
			"WASHINGTON/word", "(/punct", "Reuters/word", ")/punct", "-/punct", "The/word", "U.S./word", "Senate/word",
		}},
		{"at 10.30 a.m. on Jan. 3, was", []string{
			"at/word", "10.30/number", "a.m./word", "on/word", "Jan./word", "3/number", ",/punct", "was/word",
		}},
		{"Mr. Lavrov met Ms. Zakharova.", []string{
			"Mr./word", "Lavrov/word", "met/word", "Ms./word", "Zakharova/word", "./punct",
		}},
		// Numbers, currencies and percentages.
		{"$3.5bn, 10%, £1,000, 2,500.75, €40m, 1,00, 10:30, 9/11, 10th, 1990s, 2020-21, 3.", []string{
			"$/symbol", "3.5bn/number", ",/punct", "10/number", "%/symbol", ",/punct", "£/symbol", "1,000/number", ",/punct",
			"2,500.75/number", ",/punct", "€/symbol", "40m/number", ",/punct", "1/number", ",/punct", "00/number", ",/punct",
			"10:30/number", ",/punct", "9/11/number", ",/punct", "10th/number", ",/punct", "1990s/number", ",/punct",
			"2020-21/number", ",/punct", "3/number", "./punct",
		}},
		// Hyphens, apostrophes, ampersands.
		{"well-known 10-year-old COVID-19 U.S.-led AT&T don't Russia's O'Brien workers' '90s", []string{
			"well-known/word", "10-year-old/word", "COVID-19/word", "U.S.-led/word", "AT&T/word", "don't/word",
			"Russia's/word", "O'Brien/word", "workers/word", "'/punct", "'/punct", "90s/number",
		}},
		// Curly quotes and apostrophes get a Norm; nothing else does.
		{"“It’s Zakharova’s,” O’Brien said. ‘No’ „ja“ ‚so‘ 5′ 6″ `x´", []string{
			`“/punct="`, "It’s/word=It's", "Zakharova’s/word=Zakharova's", ",/punct", `”/punct="`, "O’Brien/word=O'Brien",
			"said/word", "./punct", "‘/punct='", "No/word", "’/punct='", `„/punct="`, "ja/word", `“/punct="`,
			"‚/punct='", "so/word", "‘/punct='", "5/number", "′/punct='", "6/number", `″/punct="`,
			"`/punct='", "x/word", "´/punct='",
		}},
		// Non-ASCII names.
		{"Müller in São Paulo, Zakharova’s aide, Łódź, Ἀθῆναι", []string{
			"Müller/word", "in/word", "São/word", "Paulo/word", ",/punct", "Zakharova’s/word=Zakharova's", "aide/word", ",/punct",
			"Łódź/word", ",/punct", "Ἀθῆναι/word",
		}},
		// Decomposed accents stay in the word.
		{"Mu\u0308ller", []string{"Mu\u0308ller/word"}},
		// Abbreviations: known ones and dotted shapes keep their period.
		{"Dr. etc. vs. e.g. i.e. p.m a.m., U.N. Ph.D. J.K. Mr Co. Inc.", []string{
			"Dr./word", "etc./word", "vs./word", "e.g./word", "i.e./word", "p.m/word", "a.m./word", ",/punct",
			"U.N./word", "Ph.D./word", "J.K./word", "Mr/word", "Co./word", "Inc./word",
		}},
		// Number-only abbreviations join their period only before a number;
		// initials and unknown words keep it separate.
		{"No. 10 said No. Jan. The J. K. Rowling approx. Nov.\u00a05 Calif. al.", []string{
			"No./word", "10/number", "said/word", "No/word", "./punct", "Jan/word", "./punct", "The/word",
			"J/word", "./punct", "K/word", "./punct", "Rowling/word", "approx./word", "Nov./word", "5/number",
			"Calif./word", "al./word",
		}},
		{"etc... U.S.Army", []string{"etc/word", ".../punct", "U.S./word", "Army/word"}},
		// URLs, e-mail, handles, hashtags.
		{"See https://www.bbc.co.uk/news/world-123?x=1&y=2. Or (www.example.com/a_(b)) or pic.twitter.com/abc123, bbc.co.uk and HTTP://X.ORG/A?", []string{
			"See/word", "https://www.bbc.co.uk/news/world-123?x=1&y=2/url", "./punct", "Or/word", "(/punct",
			"www.example.com/a_(b)/url", ")/punct", "or/word", "pic.twitter.com/abc123/url", ",/punct",
			"bbc.co.uk/url", "and/word", "HTTP://X.ORG/A/url", "?/punct",
		}},
		{"Write to jane.doe+news@example.co.uk or @Jane_Doe1 about #Brexit2024 and #1 @ 5", []string{
			"Write/word", "to/word", "jane.doe+news@example.co.uk/email", "or/word", "@Jane_Doe1/handle", "about/word",
			"#Brexit2024/hashtag", "and/word", "#/symbol", "1/number", "@/symbol", "5/number",
		}},
		// Not URLs: a bare scheme, words that end in a non-listed domain.
		{"http:// Node.js said.It", []string{
			"http/word", ":/punct", "//punct", "//punct", "Node/word", "./punct", "js/word", "said/word", "./punct", "It/word",
		}},
		// Punctuation runs and dashes.
		{"Wait... what?! No!!! — yes – no -- maybe . . . end… «ok»", []string{
			"Wait/word", ".../punct", "what/word", "?!/punct", "No/word", "!!!/punct", "—/punct", "yes/word", "–/punct",
			"no/word", "--/punct", "maybe/word", ". . ./punct", "end/word", "…/punct", "«/punct", "ok/word", "»/punct",
		}},
		// Symbols and emoji sequences.
		{"A&E 5+3=8 ‰ §2 👍🏽 🇺🇦 👩‍💻 ok", []string{
			"A&E/word", "5/number", "+/symbol", "3/number", "=/symbol", "8/number", "‰/symbol", "§/symbol", "2/number",
			"👍🏽/symbol", "🇺🇦/symbol", "👩‍💻/symbol", "ok/word",
		}},
		{"met met", []string{"met/word", "met/word"}},
	}
	for _, tt := range tests {
		d := segment(tt.text)
		if got := tokenStrings(d, d.Tokens); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Segment(%q) tokens:\n got %q\nwant %q", tt.text, got, tt.want)
		}
		checkInvariants(t, d)
	}
}

func TestSentenceTokens(t *testing.T) {
	d := segment("He said: “It’s over.” Then he left.\n\nNew paragraph")
	want := [][]string{
		{"He/word", "said/word", ":/punct", `“/punct="`, "It’s/word=It's", "over/word", "./punct", `”/punct="`},
		{"Then/word", "he/word", "left/word", "./punct"},
		{"New/word", "paragraph/word"},
	}
	if len(d.Sentences) != len(want) {
		t.Fatalf("got %d sentences %q, want %d", len(d.Sentences), sentenceTexts(d), len(want))
	}
	wantPara := []int{0, 0, 1}
	for i, s := range d.Sentences {
		if got := tokenStrings(d, d.Tokens[s.FirstToken:s.EndToken]); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("sentence %d tokens: got %q, want %q", i, got, want[i])
		}
		if s.Paragraph != wantPara[i] {
			t.Errorf("sentence %d: paragraph %d, want %d", i, s.Paragraph, wantPara[i])
		}
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"One.\n\nTwo.", []string{"One.", "Two."}},
		{"One.\n\n\n\nTwo.", []string{"One.", "Two."}},
		{"\n\n  One.  \n \t\r\n Two\nstill two. \n\n", []string{"One.", "Two\nstill two."}},
		{"One.\r\n\r\nTwo.", []string{"One.", "Two."}},
		{"One.\nTwo.", []string{"One.\nTwo."}},
	}
	for _, tt := range tests {
		d := segment(tt.text)
		var got []string
		for _, p := range d.Paragraphs {
			got = append(got, d.Text[p.Start:p.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Segment(%q) paragraphs: got %q, want %q", tt.text, got, tt.want)
		}
		checkInvariants(t, d)
	}
}

func TestEmptyAndSpaces(t *testing.T) {
	for _, text := range []string{"", " ", "   ", "\n", "\n\n", " \u00a0\u200b\ufeff\u3000 "} {
		d := segment(text)
		if len(d.Paragraphs) != 0 || len(d.Sentences) != 0 || len(d.Tokens) != 0 {
			t.Errorf("Segment(%q): got %d paragraphs, %d sentences, %d tokens; want none",
				text, len(d.Paragraphs), len(d.Sentences), len(d.Tokens))
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	d := segment("bad \xff\xfe bytes. Here\xc3 too. \xe2\x80")
	if got, want := sentenceTexts(d), []string{"bad \xff\xfe bytes.", "Here\xc3 too.", "\xe2\x80"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sentences: got %q, want %q", got, want)
	}
	if got, want := tokenStrings(d, d.Tokens), []string{
		"bad/word", "\xff\xfe/symbol", "bytes/word", "./punct", "Here/word", "\xc3/symbol", "too/word", "./punct", "\xe2\x80/symbol",
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("tokens: got %q, want %q", got, want)
	}
	checkInvariants(t, d)
}

// Segment replaces the layers of a reused Document instead of appending.
func TestSegmentResets(t *testing.T) {
	d := segment("One sentence. Two sentences.\n\nThree.")
	d.Text = "Just one"
	Segment(d)
	if len(d.Paragraphs) != 1 || len(d.Sentences) != 1 || len(d.Tokens) != 2 {
		t.Errorf("got %d paragraphs, %d sentences, %d tokens; want 1, 1, 2", len(d.Paragraphs), len(d.Sentences), len(d.Tokens))
	}
}

// Straight quotes and other typography get no Norm.
func TestNormOnlyWhenDifferent(t *testing.T) {
	d := segment(`He said "don't" and 'maybe' - it's O'Brien's. Müller — fine…`)
	for _, tok := range d.Tokens {
		if tok.Norm != "" {
			t.Errorf("token %q has Norm %q, want none", d.Text[tok.Start:tok.End], tok.Norm)
		}
	}
}

func TestLexicon(t *testing.T) {
	for abbr, want := range map[string]abbrClass{"Mr": abbrNever, "Inc": abbrCanEnd, "No": abbrBeforeNumber, "e.g": abbrNever} {
		if got := shipped.lex.abbrev[abbr]; got != want {
			t.Errorf("abbreviation %q: class %d, want %d", abbr, got, want)
		}
	}
	for _, w := range []string{"The", "He", "But", "In"} {
		if _, ok := shipped.lex.starters[w]; !ok {
			t.Errorf("starter %q missing", w)
		}
	}
	if _, ok := shipped.lex.tlds["com"]; !ok {
		t.Error("tld com missing")
	}
	for _, bad := range []string{"Mr\tsometimes\n", "Mr. never\n", "Mr\n", "Mr never\nMr never\n"} {
		if _, err := loadLexicon(bad, "", ""); err == nil {
			t.Errorf("loadLexicon(%q): no error", bad)
		}
	}
	if _, err := loadLexicon("", "Two words\n", ""); err == nil {
		t.Error("loadLexicon with a two-word starter: no error")
	}
}

// checkInvariants checks the structural promises of Segment.
func checkInvariants(t *testing.T, d *doc.Document) {
	t.Helper()
	text := d.Text
	prevEnd := 0
	for i, tok := range d.Tokens {
		if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(text) {
			t.Fatalf("%q: token %d %v out of order, empty or out of bounds (previous end %d)", text, i, tok.Span, prevEnd)
		}
		// Whatever lies between tokens is white space.
		if gap := text[prevEnd:tok.Start]; !allSpace(gap) {
			t.Fatalf("%q: non-space %q between tokens before token %d", text, gap, i)
		}
		if tok.Norm != "" && tok.Norm == text[tok.Start:tok.End] {
			t.Fatalf("%q: token %d has a Norm equal to its text", text, i)
		}
		prevEnd = tok.End
	}
	if tail := text[prevEnd:]; !allSpace(tail) {
		t.Fatalf("%q: non-space %q after the last token", text, tail)
	}

	prevPara := doc.Span{}
	for i, p := range d.Paragraphs {
		if p.Start < prevPara.End || p.End <= p.Start || p.End > len(text) {
			t.Fatalf("%q: paragraph %d %v out of order or bounds", text, i, p)
		}
		if hasBlankLine(text[p.Start:p.End]) {
			t.Fatalf("%q: paragraph %d %q holds a blank line", text, i, text[p.Start:p.End])
		}
		prevPara = p
	}

	nextTok := 0
	for i, s := range d.Sentences {
		if s.FirstToken != nextTok || s.EndToken <= s.FirstToken || s.EndToken > len(d.Tokens) {
			t.Fatalf("%q: sentence %d tokens [%d,%d) do not follow %d", text, i, s.FirstToken, s.EndToken, nextTok)
		}
		nextTok = s.EndToken
		if s.Start != d.Tokens[s.FirstToken].Start || s.End != d.Tokens[s.EndToken-1].End {
			t.Fatalf("%q: sentence %d span %v is not trimmed to its tokens", text, i, s.Span)
		}
		if s.Paragraph < 0 || s.Paragraph >= len(d.Paragraphs) {
			t.Fatalf("%q: sentence %d paragraph %d out of range", text, i, s.Paragraph)
		}
		if p := d.Paragraphs[s.Paragraph]; s.Start < p.Start || s.End > p.End {
			t.Fatalf("%q: sentence %d %v outside paragraph %v", text, i, s.Span, p)
		}
		if i > 0 && s.Paragraph < d.Sentences[i-1].Paragraph {
			t.Fatalf("%q: sentence %d goes back a paragraph", text, i)
		}
	}
	if nextTok != len(d.Tokens) {
		t.Fatalf("%q: sentences cover %d of %d tokens", text, nextTok, len(d.Tokens))
	}
	// Each paragraph's sentences start at its start and end at its end.
	for pi, p := range d.Paragraphs {
		starts, ends := false, false
		for _, s := range d.Sentences {
			if s.Paragraph == pi {
				starts = starts || s.Start == p.Start
				ends = ends || s.End == p.End
			}
		}
		if !starts || !ends {
			t.Fatalf("%q: paragraph %d %v not covered by its sentences", text, pi, p)
		}
	}
}

func allSpace(s string) bool {
	for _, r := range s {
		if !(unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\ufeff') {
			return false
		}
	}
	return true
}

func hasBlankLine(s string) bool {
	for i := strings.IndexByte(s, '\n'); i >= 0; {
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\v' || s[j] == '\f') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			return true
		}
		k := strings.IndexByte(s[j:], '\n')
		if k < 0 {
			return false
		}
		i = j + k
	}
	return false
}

func loadArticle(tb testing.TB) string {
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// The invariants hold on the benchmark article, on pieces of it cut at
// arbitrary byte offsets (splitting runes and words), and on random
// strings of tricky fragments.
func TestInvariants(t *testing.T) {
	article := loadArticle(t)
	d := segment(article)
	checkInvariants(t, d)
	if len(d.Paragraphs) != 15 {
		t.Errorf("article: %d paragraphs, want 15", len(d.Paragraphs))
	}

	rng := rand.New(rand.NewSource(1))
	for range 2000 {
		i := rng.Intn(len(article))
		j := i + rng.Intn(min(400, len(article)-i)+1)
		checkInvariants(t, segment(article[i:j]))
	}

	fragments := []string{
		"Mr.", "U.S.", "a.m.", "No.", "10", "3.5", "1,000", ".", "...", "…", "?", "!", "?!", `"`, "“", "”", "’", "'",
		"(", ")", " ", " ", "\n", "\n\n", "\r\n", "don't", "O’Brien", "https://x.com/a.", "www.", "http://", "@", "#",
		"@a", "#b", "a@b.co", "Müller", "\xff", "\xe2\x80", "\u200d", "\u0301", "👍", "🏽", "🇺", "-", "--", "—", ". . .",
		"The", "he", "J.", "W", "Inc.", "e.g.", "pic.twitter.com", "$", "%", "&", "AT&T", "\u00a0", "。", "ʼ", "\t",
	}
	for range 5000 {
		var b strings.Builder
		for n := rng.Intn(12); n >= 0; n-- {
			b.WriteString(fragments[rng.Intn(len(fragments))])
		}
		checkInvariants(t, segment(b.String()))
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"", " ", "Mr. Lavrov met Ms. Zakharova.", `He said: "It is over." Then he left.`,
		"The U.S. Senate\n\nat 10.30 a.m. on Jan. 3", "bad \xff bytes", "https://x.com/a_(b). @a #b a@b.co",
		"He waited… Then", "👩‍💻🇺🇦", ". . . ?! --",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := segment(s)
		checkInvariants(t, d)
		if !utf8.ValidString(s) {
			return
		}
		// Where valid, every Norm is the token with quotes folded.
		for _, tok := range d.Tokens {
			if tok.Norm != "" && tok.Norm != foldQuotes(s[tok.Start:tok.End]) {
				t.Fatalf("%q: Norm %q of %q", s, tok.Norm, s[tok.Start:tok.End])
			}
		}
	})
}

func BenchmarkSegment(b *testing.B) {
	article := loadArticle(b)
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		d := doc.Document{Text: article}
		Segment(&d)
	}
}
