package report

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/clean"
	"github.com/credence-news/credence/internal/ingest"
	"github.com/credence-news/credence/internal/segment"
)

// find returns the byte span of the first sub in s at or after byte from.
func find(t *testing.T, s, sub string, from int) doc.Span {
	t.Helper()
	i := strings.Index(s[from:], sub)
	if i < 0 {
		t.Fatalf("%q not found in %q after %d", sub, s, from)
	}
	return doc.Span{Start: from + i, End: from + i + len(sub)}
}

// The fixture document, built by hand as clean and segment would leave it:
//
//	Source: "Photo: AP\n\nCafé “Le Bon” 😢 closed. It was old.\n\nBye [ad]now."
//	Text:   "Café “Le Bon” 😢 closed. It was old.\n\nBye now."
//
// "Photo: AP" (a removed leading paragraph) and "[ad]" (removed inside the
// second paragraph) are gone. é is 2 bytes, the curly quotes 3 and the emoji
// 4, each one code point.
const (
	fixtureSource = "Photo: AP\n\nCafé “Le Bon” 😢 closed. It was old.\n\nBye [ad]now."
	fixtureText   = "Café “Le Bon” 😢 closed. It was old.\n\nBye now."
)

func fixtureDoc(t *testing.T) *doc.Document {
	t.Helper()
	src, text := fixtureSource, fixtureText
	d := &doc.Document{
		Input: doc.Input{
			Raw:        []byte("abc"),
			Kind:       doc.KindText,
			Source:     src,
			SourceName: "input",
		},
		Meta: doc.Meta{Title: "Café closes", Site: "Courier", Authors: []string{"Ann Lee"}, Published: "2024-03-05", Language: "en", URL: "https://example.org/cafe"},
		Text: text,
	}
	p1 := find(t, text, "Café “Le Bon” 😢 closed. It was old.", 0)
	p2 := find(t, text, "Bye now.", 0)
	// The map: text up to "Bye " is source from byte 11 on; "now." follows the gap.
	srcP1 := find(t, src, "Café", 0).Start
	d.Map.Add(0, srcP1, p2.Start+len("Bye "))
	d.Map.Add(p2.Start+len("Bye "), find(t, src, "now.", 0).Start, len("now."))
	d.Removed = []doc.Removal{
		{Span: find(t, src, "Photo: AP", 0), Text: "Photo: AP", Reason: "photo-credit", Rule: "photo-prefix"},
		{Span: find(t, src, "[ad]", 0), Text: "[ad]", Reason: "advertisement", Rule: "ad-bracket"},
	}
	d.Paragraphs = []doc.Span{p1, p2}
	type tk struct {
		text string
		kind doc.TokenKind
		norm string
	}
	sentences := []struct {
		para int
		toks []tk
	}{
		{0, []tk{{"Café", doc.TokWord, ""}, {"“", doc.TokPunct, `"`}, {"Le", doc.TokWord, ""}, {"Bon", doc.TokWord, ""},
			{"”", doc.TokPunct, `"`}, {"😢", doc.TokSymbol, ""}, {"closed", doc.TokWord, ""}, {".", doc.TokPunct, ""}}},
		{0, []tk{{"It", doc.TokWord, ""}, {"was", doc.TokWord, ""}, {"old", doc.TokWord, ""}, {".", doc.TokPunct, ""}}},
		{1, []tk{{"Bye", doc.TokWord, ""}, {"now", doc.TokWord, ""}, {".", doc.TokPunct, ""}}},
	}
	pos := 0
	for _, s := range sentences {
		first := len(d.Tokens)
		start := -1
		for _, x := range s.toks {
			sp := find(t, text, x.text, pos)
			if start < 0 {
				start = sp.Start
			}
			d.Tokens = append(d.Tokens, doc.Token{Span: sp, Kind: x.kind, Norm: x.norm})
			pos = sp.End
		}
		d.Sentences = append(d.Sentences, doc.Sentence{
			Span: doc.Span{Start: start, End: pos}, Paragraph: s.para, FirstToken: first, EndToken: len(d.Tokens),
		})
	}
	return d
}

// Build converts every byte offset to a code-point offset: paragraphs,
// sentences and tokens into Text, removals into Source (with At into Text);
// multi-byte characters count as one.
func TestBuildCodePoints(t *testing.T) {
	d := fixtureDoc(t)
	r := Build(d, Options{Tokens: true})

	wantParas := []Span{{0, 35}, {37, 45}}
	if !reflect.DeepEqual(r.Paragraphs, wantParas) {
		t.Errorf("Paragraphs = %v, want %v", r.Paragraphs, wantParas)
	}
	wantSents := []Sentence{
		{Start: 0, End: 23, Paragraph: 0, Tokens: 8},
		{Start: 24, End: 35, Paragraph: 0, Tokens: 4},
		{Start: 37, End: 45, Paragraph: 1, Tokens: 3},
	}
	if !reflect.DeepEqual(r.Sentences, wantSents) {
		t.Errorf("Sentences = %+v\nwant %+v", r.Sentences, wantSents)
	}
	wantToks := []Token{
		{0, 4, "word", ""}, {5, 6, "punct", `"`}, {6, 8, "word", ""}, {9, 12, "word", ""},
		{12, 13, "punct", `"`}, {14, 15, "symbol", ""}, {16, 22, "word", ""}, {22, 23, "punct", ""},
		{24, 26, "word", ""}, {27, 30, "word", ""}, {31, 34, "word", ""}, {34, 35, "punct", ""},
		{37, 40, "word", ""}, {41, 44, "word", ""}, {44, 45, "punct", ""},
	}
	if !reflect.DeepEqual(r.Tokens, wantToks) {
		t.Errorf("Tokens = %+v\nwant %+v", r.Tokens, wantToks)
	}
	wantRemoved := []Removal{
		{Start: 0, End: 9, Text: "Photo: AP", Reason: "photo-credit", Rule: "photo-prefix", At: 0},
		{Start: 52, End: 56, Text: "[ad]", Reason: "advertisement", Rule: "ad-bracket", At: 41},
	}
	if !reflect.DeepEqual(r.Removed, wantRemoved) {
		t.Errorf("Removed = %+v\nwant %+v", r.Removed, wantRemoved)
	}

	// The code-point spans select the same text as the byte spans.
	runes, srcRunes := []rune(r.Text), []rune(d.Input.Source)
	for i, tok := range r.Tokens {
		b := d.Tokens[i].Span
		if got := string(runes[tok.Start:tok.End]); got != d.Text[b.Start:b.End] {
			t.Errorf("token %d selects %q, want %q", i, got, d.Text[b.Start:b.End])
		}
	}
	for _, rm := range r.Removed {
		if got := string(srcRunes[rm.Start:rm.End]); got != rm.Text {
			t.Errorf("removal selects %q in the source, want %q", got, rm.Text)
		}
	}
	// "[ad]" stood right before "now".
	if got := string(runes[41:44]); got != "now" {
		t.Errorf("At of [ad] points at %q, want now", got)
	}
}

// Build copies the input facts, metadata and counts: sha256 and size of the
// raw bytes, the source name, the schema id; words count word and number
// tokens only; chars counts code points.
func TestBuildInputMetaStats(t *testing.T) {
	d := fixtureDoc(t)
	d.Tokens = append(d.Tokens, doc.Token{Kind: doc.TokNumber}, doc.Token{Kind: doc.TokURL}, doc.Token{Kind: doc.TokHashtag})
	d.Warnings = []string{"no byline found"}
	r := Build(d, Options{})
	if r.Schema != "credence/report/v1" {
		t.Errorf("Schema = %q", r.Schema)
	}
	wantInput := InputInfo{Kind: "text", Bytes: 3, SHA256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Source: "input"}
	if r.Input != wantInput {
		t.Errorf("Input = %+v, want %+v", r.Input, wantInput)
	}
	wantMeta := Meta{Title: "Café closes", URL: "https://example.org/cafe", Site: "Courier", Authors: []string{"Ann Lee"}, Published: "2024-03-05", Language: "en"}
	if !reflect.DeepEqual(r.Meta, wantMeta) {
		t.Errorf("Meta = %+v, want %+v", r.Meta, wantMeta)
	}
	if r.Text != fixtureText {
		t.Errorf("Text = %q", r.Text)
	}
	if r.Stats.Chars != 45 || r.Stats.Words != 10 || r.Stats.Paragraphs != 2 || r.Stats.Sentences != 3 || r.Stats.Removed != 2 {
		t.Errorf("Stats = %+v, want chars 45, words 10 (9 words + 1 number), 2 paragraphs, 3 sentences, 2 removed", r.Stats)
	}
	if r.Tokens != nil {
		t.Errorf("Tokens = %v without the Tokens option", r.Tokens)
	}
	if !reflect.DeepEqual(r.Warnings, []string{"no byline found"}) {
		t.Errorf("Warnings = %q", r.Warnings)
	}
	if r.Credibility != nil {
		t.Errorf("Credibility = %+v, want nil until the verdict stage exists", r.Credibility)
	}
}

// For ASCII text code-point offsets are the byte offsets; a non-ASCII source
// is still converted for removals.
func TestBuildASCII(t *testing.T) {
	src := "“Ad” Council votes.\n\nPool closes."
	text := "Council votes.\n\nPool closes."
	d := &doc.Document{
		Input:      doc.Input{Raw: []byte(src), Kind: doc.KindText, Source: src, SourceName: "input"},
		Text:       text,
		Paragraphs: []doc.Span{{Start: 0, End: 14}, {Start: 16, End: 28}},
		Sentences:  []doc.Sentence{{Span: doc.Span{Start: 0, End: 14}}, {Span: doc.Span{Start: 16, End: 28}, Paragraph: 1}},
		Removed:    []doc.Removal{{Span: find(t, src, "“Ad” ", 0), Text: "“Ad” ", Reason: "advertisement", Rule: "r"}},
	}
	d.Map.Add(0, len("“Ad” "), len(text))
	r := Build(d, Options{})
	if !reflect.DeepEqual(r.Paragraphs, []Span{{0, 14}, {16, 28}}) {
		t.Errorf("Paragraphs = %v", r.Paragraphs)
	}
	if r.Sentences[1] != (Sentence{Start: 16, End: 28, Paragraph: 1}) {
		t.Errorf("Sentence = %+v", r.Sentences[1])
	}
	if rm := r.Removed[0]; rm.Start != 0 || rm.End != 5 || rm.At != 0 {
		t.Errorf("Removal = %+v, want code points [0,5) at 0", rm)
	}
	if r.Stats.Chars != 28 {
		t.Errorf("Chars = %d", r.Stats.Chars)
	}
}

// runeIndex: nothing is stored for ASCII; otherwise a continuation byte maps
// to the code point it belongs to, offsets past the end clamp to the rune
// count and negative offsets pass through.
func TestRuneIndex(t *testing.T) {
	ascii := newRuneIndex("plain ASCII")
	if !ascii.ascii || ascii.blocks != nil || ascii.at(7) != 7 || ascii.at(100) != 100 {
		t.Errorf("ASCII index = %+v", ascii)
	}
	s := "aé😢b" // bytes: a 0, é 1-2, 😢 3-6, b 7; len 8
	x := newRuneIndex(s)
	want := map[int]int{0: 0, 1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 2, 7: 3, 8: 4, 9: 4, 100: 4, -1: -1}
	for b, cp := range want {
		if got := x.at(b); got != cp {
			t.Errorf("at(%d) = %d, want %d", b, got, cp)
		}
	}
	// Against a byte-by-byte count, on strings of every length mod 64 mixing
	// ASCII with two-, three- and four-byte characters and invalid bytes.
	pieces := []string{"a", "é", "😢", "—", "\xff", "\x80", " ", "\xc3"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 2000; n++ {
		var b strings.Builder
		for k := rng.Intn(150); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		x := newRuneIndex(s)
		cont := 0 // continuation bytes up to and including byte i
		for i := 0; i <= len(s); i++ {
			if i < len(s) && !utf8.RuneStart(s[i]) {
				cont++
			}
			if got := x.at(i); got != i-cont {
				t.Fatalf("%q: at(%d) = %d, want %d", s, i, got, i-cont)
			}
		}
	}
	if e := newRuneIndex(""); e.at(0) != 0 {
		t.Errorf("empty string: at(0) = %d", e.at(0))
	}
}

// A report with nothing found marshals every layer as [] (never null),
// authors as [], credibility as null, and leaves out tokens and warnings.
func TestBuildEmptyLayersJSON(t *testing.T) {
	d := &doc.Document{
		Input: doc.Input{Raw: []byte("Hello."), Kind: doc.KindText, Source: "Hello.", SourceName: "input"},
		Text:  "Hello.",
	}
	d.Map.Add(0, 0, 6)
	b, err := json.Marshal(Build(d, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	js := string(b)
	for _, want := range []string{
		`"removed":[]`, `"paragraphs":[]`, `"sentences":[]`, `"entities":[]`, `"quotes":[]`,
		`"attributions":[]`, `"signals":[]`, `"claims":[]`, `"labels":[]`, `"credibility":null`,
		`"authors":[]`, `"schema":"credence/report/v1"`,
		`"input":{"kind":"text","bytes":6,"sha256":"` + "2d8bd7d9bb5f85ba643f0110d50cb506a1fe439e769a22503193ea6046bb87f7" + `","source":"input"}`,
	} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %s:\n%s", want, js)
		}
	}
	for _, absent := range []string{`"tokens"`, `"warnings"`} {
		if strings.Contains(js, absent) {
			t.Errorf("JSON contains %s:\n%s", absent, js)
		}
	}
	// A hand-made document has no engine; the analyzer always sets one.
	if n := strings.Count(js, "null"); n != 2 || !strings.Contains(js, `"credibility":null`) || !strings.Contains(js, `"engine":null`) {
		t.Errorf("JSON has %d nulls, want only credibility's and engine's:\n%s", n, js)
	}
	// Asked for, an empty token layer is still left out (omitempty).
	b, _ = json.Marshal(Build(d, Options{Tokens: true}))
	if strings.Contains(string(b), `"tokens"`) {
		t.Errorf("empty token layer present: %s", b)
	}
}

// The fixture's report is valid against the embedded JSON Schema, with and
// without tokens.
func TestBuildMatchesSchema(t *testing.T) {
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
	for _, tokens := range []bool{false, true} {
		b, err := json.Marshal(Build(fixtureDoc(t), Options{Tokens: tokens}))
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("tokens=%v: report does not match the schema: %v", tokens, err)
		}
	}
}

func renderText(t *testing.T, r *Report, o TextOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteText(&b, r, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The whole terminal rendering of the fixture without colour: header, meta
// line, counts, a removal that preceded a paragraph on its own "  ✂ " line,
// an inline removal as ⟦✂ reason: text⟧ where it stood, and the summary.
func TestWriteText(t *testing.T) {
	r := Build(fixtureDoc(t), Options{})
	got := renderText(t, r, TextOptions{Width: 80})
	want := "Café closes\n" +
		"Courier · by Ann Lee · 2024-03-05 · language en · https://example.org/cafe\n" +
		"text input, 3 bytes · 2 paragraphs · 3 sentences · 9 words · 2 removed\n" +
		"\n" +
		"  ✂ photo-credit    Photo: AP\n" +
		"\n" +
		"  Café “Le Bon” 😢 closed. It was old.\n" +
		"\n" +
		"  Bye ⟦✂ advertisement: [ad]⟧now.\n" +
		"\n" +
		"Removed: 1 photo-credit, 1 advertisement\n"
	if got != want {
		t.Errorf("WriteText =\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(got, "\x1b") {
		t.Error("escape sequences without Color")
	}
}

// With Color the same structure carries ANSI escapes: bold title, dim meta,
// red removals; the visible text is unchanged.
func TestWriteTextColor(t *testing.T) {
	r := Build(fixtureDoc(t), Options{})
	plain := renderText(t, r, TextOptions{})
	colored := renderText(t, r, TextOptions{Color: true})
	for _, want := range []string{
		"\x1b[1mCafé closes\x1b[0m\n",
		"  \x1b[31m✂ photo-credit    Photo: AP\x1b[0m\n",
		"\x1b[31m⟦✂ advertisement: [ad]⟧\x1b[0m",
		"\x1b[1mRemoved:\x1b[0m 1 photo-credit",
	} {
		if !strings.Contains(colored, want) {
			t.Errorf("coloured output lacks %q:\n%q", want, colored)
		}
	}
	if stripped := stripANSI(colored); stripped != plain {
		t.Errorf("coloured output without escapes differs from plain:\n%q\n%q", stripped, plain)
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	esc := false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			esc = r != 'm'
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// A report with nothing removed says so; one with no title says "(no
// title)"; warnings are listed; a removal after the last paragraph is
// shown after it.
func TestWriteTextEdges(t *testing.T) {
	r := &Report{
		Input:      InputInfo{Kind: "json", Bytes: 10},
		Text:       "Short text.",
		Paragraphs: []Span{{0, 11}},
		Warnings:   []string{"no title found"},
		Stats:      Stats{Paragraphs: 1, Sentences: 1, Words: 2},
	}
	got := renderText(t, r, TextOptions{})
	want := "(no title)\n" +
		"json input, 10 bytes · 1 paragraphs · 1 sentences · 2 words · 0 removed\n" +
		"warning: no title found\n\n" +
		"  Short text.\n\n" +
		"Removed: nothing\n"
	if got != want {
		t.Errorf("WriteText =\n%q\nwant\n%q", got, want)
	}
	r.Removed = []Removal{{Text: "Follow us on X", Reason: "call-to-action", At: 11}}
	r.Warnings = nil
	got = renderText(t, r, TextOptions{})
	if !strings.Contains(got, "  Short text.\n\n  ✂ call-to-action  Follow us on X\n\nRemoved: 1 call-to-action\n") {
		t.Errorf("trailing removal:\n%s", got)
	}
	// An unmeasured signal shows why instead of its meaningless 0.
	p := 40.0
	r.Signals = []Signal{
		{ID: "clickbait", Unit: "probability", Note: "no headline", Unmeasured: true},
		{ID: "repeated-words", Value: 1, Unit: "count", Percentile: &p},
	}
	got = renderText(t, r, TextOptions{})
	if !strings.Contains(got, "How it is written (most unusual first)\n  repeated-words      1 — lower than 60% of reliable reporting\n  Not measured: clickbait (no headline)\n\nRemoved:") {
		t.Errorf("signals:\n%s", got)
	}
}

// Paragraphs wrap at the width (indent included): no line is longer than
// the width unless it holds a single word that is; colour escapes do not
// count; long removal texts are clipped with "…".
func TestWriteTextWrap(t *testing.T) {
	long := "https://example.org/a/very/long/path/that/cannot/be/broken/anywhere"
	text := "The council voted on Tuesday to close the swimming pool for the summer while the roof is repaired, " +
		long + " and residents said they would petition the mayor."
	r := &Report{
		Meta:       Meta{Title: "T"},
		Text:       text,
		Paragraphs: []Span{{0, utf8.RuneCountInString(text)}},
		Removed: []Removal{
			{Text: strings.Repeat("removed words ", 20), Reason: "boilerplate", At: 0},
			{Text: "inline", Reason: "shortcode", At: 4},
		},
	}
	for _, width := range []int{30, 40, 60} {
		for _, color := range []bool{false, true} {
			out := renderText(t, r, TextOptions{Width: width, Color: color})
			body := out[strings.Index(out, "\n\n")+2 : strings.Index(out, "Removed:")]
			for _, line := range strings.Split(body, "\n") {
				visible := stripANSI(line)
				n := utf8.RuneCountInString(visible)
				if n > width && len(strings.Fields(visible)) > 1 {
					t.Errorf("width %d color %v: line of %d runes: %q", width, color, n, visible)
				}
			}
			if !strings.Contains(out, "\n  "+long+"\n") {
				t.Errorf("width %d: the long word is not alone on its line:\n%s", width, out)
			}
			if !strings.Contains(out, "…") {
				t.Errorf("width %d: long removal not clipped:\n%s", width, out)
			}
		}
	}
	// At width 30: the removal line is clipped to width-20 runes.
	out := renderText(t, r, TextOptions{Width: 30})
	if !strings.Contains(out, "  ✂ boilerplate     removed w…\n") {
		t.Errorf("removal line at width 30:\n%s", out)
	}
	// The inline marker wraps like words; it stands where the removed text
	// stood, directly before "council".
	if !strings.Contains(out, "  The ⟦✂ shortcode:\n  inline⟧council voted on\n") {
		t.Errorf("inline removal at width 30:\n%s", out)
	}
}

// Markdown: a title heading, the meta line in italics, the article under
// "## Article" with Markdown characters escaped, and the removals as a table
// with "|" escaped in cells.
func TestWriteMarkdown(t *testing.T) {
	text := "Shares *rose* by 5_000 [sic] #1 <b> `x` a\\b.\n\nSecond para."
	r := &Report{
		Input:      InputInfo{Kind: "html", Bytes: 1234},
		Meta:       Meta{Title: "Markets_today *live*", Site: "The_Site", Language: "en"},
		Text:       text,
		Paragraphs: []Span{{0, 44}, {46, 58}},
		Removed: []Removal{
			{Text: "Share | Tweet | Email", Reason: "social-embed", Rule: "share-bar", At: 0},
			{Text: "[caption]x[/caption]", Reason: "shortcode", Rule: "sc", At: 46},
		},
		Warnings: []string{"odd *thing*"},
		Stats:    Stats{Paragraphs: 2, Sentences: 2, Words: 9, Removed: 2},
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	want := "# Markets\\_today \\*live\\*\n\n" +
		"_The\\_Site · language en_\n\n" +
		"html input, 1234 bytes · 2 paragraphs · 2 sentences · 9 words · 2 removed\n\n" +
		"## Warnings\n\n- odd \\*thing\\*\n\n" +
		"## Article\n\n" +
		"Shares \\*rose\\* by 5\\_000 \\[sic\\] \\#1 &lt;b&gt; \\`x\\` a\\\\b.\n\n" +
		"Second para.\n\n" +
		"## Removed\n\n" +
		"| reason | rule | text |\n|---|---|---|\n" +
		"| social-embed | share-bar | Share \\| Tweet \\| Email |\n" +
		"| shortcode | sc | \\[caption\\]x\\[/caption\\] |\n"
	if got := b.String(); got != want {
		t.Errorf("WriteMarkdown =\n%s\nwant\n%s", got, want)
	}

	// Nothing removed, no title.
	r = &Report{Input: InputInfo{Kind: "text", Bytes: 5}, Text: "Hi.", Paragraphs: []Span{{0, 3}}}
	b.Reset()
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	want = "# (no title)\n\n" +
		"text input, 5 bytes · 0 paragraphs · 0 sentences · 0 words · 0 removed\n\n" +
		"## Article\n\nHi.\n\n## Removed\n\nNothing was removed.\n"
	if got := b.String(); got != want {
		t.Errorf("WriteMarkdown (empty) =\n%q\nwant\n%q", got, want)
	}
}

// The normalisation counts are copied into the stats, and the terminal
// rendering mentions them only when there are any.
func TestNormalizedStats(t *testing.T) {
	d := fixtureDoc(t)
	r := Build(d, Options{})
	if r.Stats.Normalized != (Normalized{}) {
		t.Errorf("Normalized = %+v, want zero", r.Stats.Normalized)
	}
	if out := renderText(t, r, TextOptions{}); strings.Contains(out, "Normalised") {
		t.Errorf("zero counts rendered:\n%s", out)
	}
	d.Normalized = doc.Normalized{Spaces: 3, Invisible: 2}
	r = Build(d, Options{})
	if r.Stats.Normalized != (Normalized{Spaces: 3, Invisible: 2}) {
		t.Errorf("Normalized = %+v", r.Stats.Normalized)
	}
	if out := renderText(t, r, TextOptions{}); !strings.Contains(out, "\nNormalised: 3 Unicode spaces, 2 invisible characters\n") {
		t.Errorf("counts not rendered:\n%s", out)
	}
}

// On a document made by the real pipeline (ingest, clean, segment) from
// text full of multi-byte characters and junk, every code-point span in the
// report selects exactly the text its byte span selects, and every removal
// selects its text in the source and stands inside the text.
func TestBuildPipelineOffsets(t *testing.T) {
	raw := "Café “Le Bon” closes 😢\n\n" +
		"The café “Le Bon” on Rue de l’Église closed on Friday after 30 years — its owner, Zoë Müller, said she would miss the regulars.\n\n" +
		"Photo: Jean Dupont/AFP\n\n" +
		"Customers left flowers 💐 at the door [gallery ids=\"1,2,3\"] and a note: “Merci pour tout”.\n\n" +
		"Follow us on Facebook\n\n" +
		"The building will become a bank branch, the town hall said in a statement on Monday.\n"
	d, err := ingest.Ingest([]byte(raw), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules, err := clean.DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	if err := rules.Clean(d); err != nil {
		t.Fatal(err)
	}
	segment.Segment(d)
	if len(d.Removed) != 3 || len(d.Tokens) == 0 {
		t.Fatalf("fixture: %d removals (want 3), %d tokens", len(d.Removed), len(d.Tokens))
	}
	r := Build(d, Options{Tokens: true})
	runes, srcRunes := []rune(r.Text), []rune(d.Input.Source)
	check := func(what string, i int, cp Span, b doc.Span) {
		t.Helper()
		if got, want := string(runes[cp.Start:cp.End]), d.Text[b.Start:b.End]; got != want {
			t.Errorf("%s %d: code points %v select %q, bytes %v select %q", what, i, cp, got, b, want)
		}
	}
	for i, p := range r.Paragraphs {
		check("paragraph", i, p, d.Paragraphs[i])
	}
	for i, s := range r.Sentences {
		check("sentence", i, Span{s.Start, s.End}, d.Sentences[i].Span)
	}
	for i, tok := range r.Tokens {
		check("token", i, Span{tok.Start, tok.End}, d.Tokens[i].Span)
	}
	for i, rm := range r.Removed {
		if got := string(srcRunes[rm.Start:rm.End]); got != rm.Text {
			t.Errorf("removal %d selects %q in the source, text is %q", i, got, rm.Text)
		}
		if rm.At < 0 || rm.At > len(runes) {
			t.Errorf("removal %d at %d, outside the text (%d code points)", i, rm.At, len(runes))
			continue
		}
		// At is where the text that followed the removal continues.
		after := []rune(strings.TrimLeft(string(srcRunes[rm.End:]), " \n"))
		at := strings.TrimLeft(string(runes[rm.At:]), " \n")
		if !strings.HasPrefix(at, string(after[:10])) {
			t.Errorf("removal %d (%q) at %d: text there is %.20q, the source went on with %.20q", i, rm.Text, rm.At, at, string(after))
		}
	}
	if r.Stats.Chars != utf8.RuneCountInString(d.Text) {
		t.Errorf("Chars = %d, want %d", r.Stats.Chars, utf8.RuneCountInString(d.Text))
	}
}

// The report is built from the document alone: the verdict layer, when a
// stage has filled it, is carried over.
func TestBuildCarriesVerdict(t *testing.T) {
	d := &doc.Document{Input: doc.Input{Raw: []byte("Hello."), Kind: doc.KindText, SourceName: "input"}, Text: "Hello.",
		Labels:      []doc.Label{{Label: "reliable", Probability: 0.75}, {Label: "fake", Probability: 0.25}},
		Credibility: &doc.Credibility{Score: 71, Band: doc.BandHigh, Baseline: 55, Basis: []doc.VerdictBasis{doc.BasisText}}}
	r := Build(d, Options{})
	if len(r.Labels) != 2 || r.Labels[0].Label != "reliable" || *r.Labels[0].Probability != 0.75 || r.Credibility == nil || *r.Credibility.Score != 71 {
		t.Errorf("labels %+v, credibility %+v", r.Labels, r.Credibility)
	}
}
