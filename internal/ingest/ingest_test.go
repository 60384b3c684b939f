package ingest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/ingest"
)

// mustIngest ingests raw and fails the test on error.
func mustIngest(t *testing.T, raw string, opts ingest.Options) *doc.Document {
	t.Helper()
	d, err := ingest.Ingest([]byte(raw), opts)
	if err != nil {
		t.Fatalf("Ingest(%.60q): %v", raw, err)
	}
	return d
}

// ingestErr ingests raw, expects an *ingest.Error and returns it.
func ingestErr(t *testing.T, raw string, opts ingest.Options) *ingest.Error {
	t.Helper()
	d, err := ingest.Ingest([]byte(raw), opts)
	if err == nil {
		t.Fatalf("Ingest(%.60q) = %+v, want an error", raw, d.Input)
	}
	var ie *ingest.Error
	if !errors.As(err, &ie) {
		t.Fatalf("Ingest(%.60q) error %T %v is not an *ingest.Error", raw, err, err)
	}
	return ie
}

// checkError asserts an ingest error's code and exact message.
func checkError(t *testing.T, raw string, opts ingest.Options, code, msg string) {
	t.Helper()
	ie := ingestErr(t, raw, opts)
	if ie.Code != code || ie.Msg != msg {
		t.Errorf("Ingest(%.60q) error = {%s %q}, want {%s %q}", raw, ie.Code, ie.Msg, code, msg)
	}
	if ie.Error() != ie.Msg {
		t.Errorf("Error() = %q, want the message %q", ie.Error(), ie.Msg)
	}
}

// Detect tells JSON objects, HTML documents and fragments, and plain text
// apart, looking past a byte-order mark and leading whitespace; a "<" that
// opens no HTML tag ("<3") is plain text.
func TestDetect(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want doc.Kind
	}{
		{"json object", `{"title": "A", "text": "B"}`, doc.KindJSON},
		{"json after BOM and whitespace", "\ufeff \r\n\t{\"text\": \"B\"}\n", doc.KindJSON},
		{"doctype", "<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>", doc.KindHTML},
		{"doctype lower case after BOM", "\ufeff\n<!doctype html><title>x</title>", doc.KindHTML},
		{"html element", "<html lang=\"en\"><body>text</body></html>", doc.KindHTML},
		{"paragraph fragment", "<p>The council met on Tuesday.</p><p>It voted.</p>", doc.KindHTML},
		{"paragraph with attributes", "<p class=\"lead\">The council met.</p>", doc.KindHTML},
		{"article fragment", "  <article><h1>Title</h1>Body text</article>", doc.KindHTML},
		{"upper-case tags", "<HTML><BODY><P>Shouting</P></BODY></HTML>", doc.KindHTML},
		{"less-than heart", "<3 hearts to everyone who came to the bake sale on Saturday.", doc.KindText},
		{"less-than comparison", "<5% of voters turned out, officials said.", doc.KindText},
		{"plain text", "Harbour bridge reopens\n\nThe bridge reopened on Tuesday.", doc.KindText},
		{"text mentioning braces", "Results {provisional} were published.", doc.KindText},
		{"empty", "", doc.KindText},
	}
	for _, c := range cases {
		if got := ingest.Detect([]byte(c.in)); got != c.want {
			t.Errorf("%s: Detect(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// Plain text whose first line is followed by a blank line: the line is the
// title, the body starts after the blank line(s), and Source is the input
// itself, untouched.
func TestTextHeadline(t *testing.T) {
	raw := "Harbour bridge reopens\n\nThe bridge reopened on Tuesday after months of repairs.\n"
	d := mustIngest(t, raw, ingest.Options{})
	if d.Meta.Title != "Harbour bridge reopens" {
		t.Errorf("Title = %q", d.Meta.Title)
	}
	if d.Input.BodyStart != 24 {
		t.Errorf("BodyStart = %d, want 24", d.Input.BodyStart)
	}
	if d.Input.Source != raw {
		t.Errorf("Source = %q, want the input unchanged", d.Input.Source)
	}
	if !bytes.Equal(d.Input.Raw, []byte(raw)) {
		t.Errorf("Raw = %q, want the input", d.Input.Raw)
	}
	if d.Input.Kind != doc.KindText || d.Input.SourceName != "input" {
		t.Errorf("Kind, SourceName = %q, %q; want text, input", d.Input.Kind, d.Input.SourceName)
	}
	if d.Input.Blocks != nil {
		t.Errorf("Blocks = %v, want none for plain text", d.Input.Blocks)
	}
	if d.Meta.URL != "" || d.Meta.Site != "" || d.Meta.Published != "" || d.Meta.Authors != nil {
		t.Errorf("plain text invented metadata: %+v", d.Meta)
	}
}

// The headline rules in detail: what counts as a headline line and where
// the body starts.
func TestTextHeadlineCases(t *testing.T) {
	long300 := strings.Repeat("é", 300) // 300 runes, 600 bytes
	cases := []struct {
		name      string
		in        string
		title     string
		bodyStart int
	}{
		{"first line followed by a non-blank line is body",
			"The mayor resigned on Monday\nafter a week of protests.\n\nMore later.", "", 0},
		{"single line", "The mayor resigned on Monday after a week of protests.", "", 0},
		{"BOM and leading blank lines are skipped",
			"\ufeff\n\n  \nMayor resigns\n\nThe mayor resigned on Monday.", "Mayor resigns", 23},
		{"CRLF line ends", "Mayor resigns\r\n\r\nThe mayor resigned.\r\nMore.\r\n", "Mayor resigns", 17},
		{"several blank lines after the headline",
			"Mayor resigns\n\n \n\t\nThe mayor resigned.", "Mayor resigns", 19},
		{"whitespace in the headline is collapsed",
			"  Mayor\u00a0 resigns \t\n\nThe mayor resigned.", "Mayor resigns", 21},
		{"300-rune headline", long300 + "\n\nBody text.", long300, 602},
		{"301-rune line is not a headline", "x" + long300 + "\n\nBody text.", "", 0},
	}
	for _, c := range cases {
		d := mustIngest(t, c.in, ingest.Options{})
		if d.Meta.Title != c.title || d.Input.BodyStart != c.bodyStart {
			t.Errorf("%s: title, bodyStart = %.40q, %d; want %.40q, %d", c.name, d.Meta.Title, d.Input.BodyStart, c.title, c.bodyStart)
		}
		if d.Input.Source != c.in {
			t.Errorf("%s: Source changed: %q", c.name, d.Input.Source)
		}
	}
}

// A title given in the options replaces headline detection: the whole input
// is body.
func TestTextTitleOption(t *testing.T) {
	raw := "Looks like a headline\n\nThe mayor resigned on Monday after a week of protests."
	d := mustIngest(t, raw, ingest.Options{Title: "Given title"})
	if d.Meta.Title != "Given title" || d.Input.BodyStart != 0 {
		t.Errorf("title, bodyStart = %q, %d; want %q, 0", d.Meta.Title, d.Input.BodyStart, "Given title")
	}
}

// A headline followed only by blank lines, or a lone line that reads as a
// headline, leaves no article: no-text. A lone line that is a sentence, or
// is too long for a headline, is a short article; so is a headline with its
// body on the next line (no blank line between), and a lone line given a
// title by the options.
func TestTextHeadlineWithoutBody(t *testing.T) {
	for _, raw := range []string{
		"Headline\n\n", "Headline\n\n  \n\t\n",
		"Minister resigns after expenses row", "Minister resigns after expenses row\n", "\ufeffMinister resigns after expenses row\r\n\r\n",
		"  Minister resigns after expenses row  \n\n\n", "‘Secret meeting’ in Moscow: Kim's envoy meets Lavrov",
	} {
		checkError(t, raw, ingest.Options{}, ingest.CodeNoText, "input has a headline but no article body")
	}
	for _, raw := range []string{
		"The minister resigned on Tuesday after an inquiry into his expenses.",
		"Is this the end of the high street?",
		"He said the plan was \"dead.\"",
		"Minister resigns after expenses row\nThe transport minister resigned on Tuesday after an inquiry found he had claimed £12,000.",
		strings.Repeat("word ", 30),
	} {
		d := mustIngest(t, raw, ingest.Options{})
		if d.Input.BodyStart != 0 || d.Meta.Title != "" {
			t.Errorf("%q: title %q, body at %d", raw, d.Meta.Title, d.Input.BodyStart)
		}
	}
	if d := mustIngest(t, "Minister resigns after expenses row", ingest.Options{Title: "Given"}); d.Input.Source != "Minister resigns after expenses row" {
		t.Errorf("with a title option: source %q", d.Input.Source)
	}
}

// URL, Published and Site options set metadata that plain text lacks and
// override what a JSON record says.
func TestOverrides(t *testing.T) {
	opts := ingest.Options{URL: "https://example.org/a", Published: "2024-01-02", Site: "Example", Title: "T"}
	d := mustIngest(t, "The mayor resigned on Monday.", opts)
	want := doc.Meta{Title: "T", URL: "https://example.org/a", Site: "Example", Published: "2024-01-02", Language: d.Meta.Language}
	if !reflect.DeepEqual(d.Meta, want) {
		t.Errorf("Meta = %+v, want %+v", d.Meta, want)
	}
	rec := `{"title":"Record","url":"https://record.example/x","published":"2020-05-05","site":"Record Site","text":"Body of the record."}`
	d = mustIngest(t, rec, opts)
	if d.Meta.Title != "T" || d.Meta.URL != "https://example.org/a" || d.Meta.Published != "2024-01-02" || d.Meta.Site != "Example" {
		t.Errorf("options did not override the record: %+v", d.Meta)
	}
}

// A JSON record with the documented fields: metadata is read (title
// whitespace collapsed, authors split) and Source is the text field as is.
func TestJSONRecord(t *testing.T) {
	text := "The harbour bridge reopened on Tuesday.\n\nEngineers replaced the cables."
	raw := `{"title": "  Harbour  bridge\u00a0reopens ", "text": "The harbour bridge reopened on Tuesday.\n\nEngineers replaced the cables.",
		"url": "https://courier.example.com/a", "published": "2024-03-05T09:30:00Z", "source": "Coastal Courier",
		"authors": "Maria Lopez and Tom Reed; By Ann Lee", "language": "en"}`
	d := mustIngest(t, raw, ingest.Options{})
	want := doc.Meta{
		Title:     "Harbour bridge reopens",
		URL:       "https://courier.example.com/a",
		Site:      "Coastal Courier",
		Authors:   []string{"Maria Lopez", "Tom Reed", "Ann Lee"},
		Published: "2024-03-05T09:30:00Z",
		Language:  "en",
	}
	if !reflect.DeepEqual(d.Meta, want) {
		t.Errorf("Meta = %+v\nwant   %+v", d.Meta, want)
	}
	if d.Input.Kind != doc.KindJSON || d.Input.SourceName != "json.text" || d.Input.BodyStart != 0 {
		t.Errorf("Kind, SourceName, BodyStart = %q, %q, %d", d.Input.Kind, d.Input.SourceName, d.Input.BodyStart)
	}
	if d.Input.Source != text {
		t.Errorf("Source = %q, want %q", d.Input.Source, text)
	}
	if string(d.Input.Raw) != raw {
		t.Errorf("Raw is not the input")
	}
}

// The aliases crawlers and datasets use, and which field wins when several
// are present.
func TestJSONAliases(t *testing.T) {
	cases := []struct {
		name string
		rec  string
		want doc.Meta
		text string
	}{
		{"headline, body, date, site",
			`{"headline":"H","body":"B text.","date":"2024-01-01","site":"S"}`,
			doc.Meta{Title: "H", Published: "2024-01-01", Site: "S"}, "B text."},
		{"content and domain", `{"content":"C text.","domain":"example.com"}`,
			doc.Meta{Site: "example.com"}, "C text."},
		{"articleBody", `{"articleBody":"A text."}`, doc.Meta{}, "A text."},
		{"title beats headline, text beats body, published beats date",
			`{"title":"T","headline":"H","text":"T text.","body":"B text.","published":"P","date":"D"}`,
			doc.Meta{Title: "T", Published: "P"}, "T text."},
		{"empty title falls back to headline, empty text to body",
			`{"title":"","headline":"H","text":"","body":"B text."}`,
			doc.Meta{Title: "H"}, "B text."},
		{"site beats source beats domain", `{"text":"x.","site":"S","source":"R","domain":"D"}`,
			doc.Meta{Site: "S"}, "x."},
		{"source beats domain", `{"text":"x.","source":"R","domain":"D"}`, doc.Meta{Site: "R"}, "x."},
	}
	for _, c := range cases {
		d := mustIngest(t, c.rec, ingest.Options{})
		c.want.Language = d.Meta.Language // detection on such short text is not the point here
		if !reflect.DeepEqual(d.Meta, c.want) {
			t.Errorf("%s: Meta = %+v, want %+v", c.name, d.Meta, c.want)
		}
		if d.Input.Source != c.text {
			t.Errorf("%s: Source = %q, want %q", c.name, d.Input.Source, c.text)
		}
	}
}

// Authors come as a string ("A and B; C", "A | B", "By A"), a list of
// strings or a list of {"name": ...} objects, under "authors" or "author".
func TestJSONAuthors(t *testing.T) {
	cases := []struct {
		field string
		want  []string
	}{
		{`"authors": "A and B; C"`, []string{"A", "B", "C"}},
		{`"authors": "A | B"`, []string{"A", "B"}},
		{`"author": "By Jane  Doe"`, []string{"Jane Doe"}},
		{`"authors": ["A", "B and C"]`, []string{"A", "B", "C"}},
		{`"authors": [{"name": "A"}, {"name": "By B"}]`, []string{"A", "B"}},
		{`"authors": ["A"], "author": "X"`, []string{"A"}},
		{`"authors": 42, "author": "X"`, []string{"X"}},
		{`"authors": null, "author": ["Y"]`, []string{"Y"}},
		{`"authors": ""`, nil},
		{`"authors": []`, nil},
	}
	for _, c := range cases {
		d := mustIngest(t, `{"text": "Body.", `+c.field+`}`, ingest.Options{})
		if !reflect.DeepEqual(d.Meta.Authors, c.want) {
			t.Errorf("%s: Authors = %q, want %q", c.field, d.Meta.Authors, c.want)
		}
	}
}

// A record without text but with an "html" field: the page's main content
// becomes Source ("json.html.extracted"), and the record's own metadata wins
// over the page's, field by field.
func TestJSONHTMLField(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	rec := map[string]string{"title": "Record title", "site": "Record Site", "html": string(page)}
	raw := jsonString(t, rec)
	d := mustIngest(t, raw, ingest.Options{})
	if d.Input.Kind != doc.KindJSON || d.Input.SourceName != "json.html.extracted" {
		t.Errorf("Kind, SourceName = %q, %q", d.Input.Kind, d.Input.SourceName)
	}
	want := doc.Meta{
		Title:       "Record title",                                            // record
		Site:        "Record Site",                                             // record
		URL:         "https://courier.example.com/news/harbour-bridge-reopens", // page
		Authors:     []string{"Maria Lopez"},                                   // page
		Published:   "2024-03-05",                                              // page
		Language:    "en",                                                      // page
		Description: "The harbour bridge carries traffic again after eight months of repairs.",
	}
	if !reflect.DeepEqual(d.Meta, want) {
		t.Errorf("Meta = %+v\nwant   %+v", d.Meta, want)
	}
	if !strings.HasPrefix(d.Input.Source, "Harbour bridge reopens after repairs\n\nThe harbour bridge reopened") {
		t.Errorf("Source = %.80q", d.Input.Source)
	}
	if len(d.Input.Blocks) != 10 {
		t.Errorf("got %d blocks, want 10", len(d.Input.Blocks))
	}

	// Non-empty text wins over html.
	d = mustIngest(t, `{"text": "Plain body.", "html": "<p>Ignored</p>"}`, ingest.Options{})
	if d.Input.SourceName != "json.text" || d.Input.Source != "Plain body." || d.Input.Blocks != nil {
		t.Errorf("text+html: SourceName %q, Source %q, %d blocks", d.Input.SourceName, d.Input.Source, len(d.Input.Blocks))
	}
	// An html field without an article reports the page's problem.
	ie := ingestErr(t, `{"html": "<html><body></body></html>"}`, ingest.Options{})
	if ie.Code != ingest.CodeNoArticle || ie.Msg != "no article found in the HTML page" {
		t.Errorf("empty page in html field: %s %q", ie.Code, ie.Msg)
	}
}

func jsonString(t *testing.T, v map[string]string) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// JSON problems are bad-json or no-text errors with exact, one-line
// messages. (Arrays, several values and malformed records reach the JSON
// reader only with Kind "json": detection calls them plain text.)
func TestJSONErrors(t *testing.T) {
	js := ingest.Options{Kind: doc.KindJSON}
	checkError(t, `[{"text": "a"}]`, js, ingest.CodeBadJSON,
		"input is a JSON array; analyze takes one JSON object (one article)")
	checkError(t, "\ufeff  [1, 2]", js, ingest.CodeBadJSON,
		"input is a JSON array; analyze takes one JSON object (one article)")
	checkError(t, `{"text": "a"} {"text": "b"}`, js, ingest.CodeBadJSON,
		"input holds more than one JSON value; analyze takes one JSON object (one article)")
	checkError(t, `{"title": "x",`, js, ingest.CodeBadJSON, "input is not a valid JSON object: unexpected EOF")
	checkError(t, `{"title": "x", "text": 5}`, js, ingest.CodeBadJSON,
		"input is not a valid JSON object: json: cannot unmarshal number into Go struct field jsonRecord.text of type string")
	// A raw newline inside a string: the decoder's message is kept on one line.
	ie := ingestErr(t, "{\"text\": \"a\nb\"}", js)
	if ie.Code != ingest.CodeBadJSON || !strings.HasPrefix(ie.Msg, "input is not a valid JSON object: ") {
		t.Errorf("raw newline in string: %s %q", ie.Code, ie.Msg)
	}
	noText := `JSON record has no article text: give a non-empty "text" (or "html") field`
	checkError(t, `{"title": "Only a title"}`, ingest.Options{}, ingest.CodeNoText, noText)
	checkError(t, `{"title": "T", "text": " \n\t", "html": "  "}`, ingest.Options{}, ingest.CodeNoText, noText)
	// Trailing whitespace after the one object is fine.
	d := mustIngest(t, "{\"text\": \"Body.\"}\n\n", js)
	if d.Input.Source != "Body." {
		t.Errorf("Source = %q", d.Input.Source)
	}
}

// A realistic article page: metadata from the head, the main content as
// blocks separated by blank lines with exact spans and tags, and no
// navigation or footer text.
func TestHTMLArticle(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	d := mustIngest(t, string(page), ingest.Options{})
	wantMeta := doc.Meta{
		Title:       "Harbour bridge reopens after repairs",
		URL:         "https://courier.example.com/news/harbour-bridge-reopens",
		Site:        "Coastal Courier",
		Authors:     []string{"Maria Lopez"},
		Published:   "2024-03-05",
		Language:    "en",
		Description: "The harbour bridge carries traffic again after eight months of repairs.",
	}
	if !reflect.DeepEqual(d.Meta, wantMeta) {
		t.Errorf("Meta = %+v\nwant   %+v", d.Meta, wantMeta)
	}
	if d.Input.Kind != doc.KindHTML || d.Input.SourceName != "html.extracted" || d.Input.BodyStart != 0 {
		t.Errorf("Kind, SourceName, BodyStart = %q, %q, %d", d.Input.Kind, d.Input.SourceName, d.Input.BodyStart)
	}
	type block struct {
		start, end int
		tag, text  string
	}
	want := []block{
		{0, 36, "h1", "Harbour bridge reopens after repairs"},
		{38, 177, "p", "The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs that cost the city more than twelve million pounds."},
		{179, 332, "p", "Engineers replaced the corroded steel cables and resurfaced the whole deck, the council said in a statement issued shortly before the first cars crossed."},
		{334, 352, "h2", "Commuters relieved"},
		{354, 511, "p", "Commuters who had faced a forty-minute detour through the industrial estate welcomed the news, and several local shops reported busier mornings within hours."},
		{513, 592, "blockquote", "We have waited a long time for this day, and the bridge looks better than ever."},
		{594, 661, "p", "The council listed the remaining work still planned for the spring:"},
		{663, 713, "li", "Repainting the railings along the eastern walkway."},
		{715, 772, "li", "Installing new lighting on both approaches to the bridge."},
		{774, 905, "p", "A formal reopening ceremony is planned for next month, when the mayor is expected to cut a ribbon at the western end of the bridge."},
	}
	var texts []string
	for _, b := range want {
		texts = append(texts, b.text)
	}
	if wantSrc := strings.Join(texts, "\n\n"); d.Input.Source != wantSrc {
		t.Errorf("Source = %q\nwant     %q", d.Input.Source, wantSrc)
	}
	if len(d.Input.Blocks) != len(want) {
		t.Fatalf("got %d blocks, want %d: %+v", len(d.Input.Blocks), len(want), d.Input.Blocks)
	}
	for i, b := range d.Input.Blocks {
		w := want[i]
		if b.Start != w.start || b.End != w.end || b.Tag != w.tag {
			t.Errorf("block %d = [%d,%d) %s, want [%d,%d) %s", i, b.Start, b.End, b.Tag, w.start, w.end, w.tag)
			continue
		}
		if got := d.Input.Source[b.Start:b.End]; got != w.text {
			t.Errorf("block %d selects %q, want %q", i, got, w.text)
		}
	}
	for _, junk := range []string{"Home", "Sport", "Weather", "Copyright", "Subscribe", "newsletter"} {
		if strings.Contains(d.Input.Source, junk) {
			t.Errorf("Source contains navigation/footer text %q", junk)
		}
	}
}

// A page declared as windows-1252 is decoded: 0x93/0x94 become curly
// quotes, 0xE9 é and 0x96 an en dash, in the text and in the metadata.
func TestHTMLWindows1252(t *testing.T) {
	page := "<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Caf\xe9 closes</title></head><body><article>" +
		"<h1>Caf\xe9 closes</h1>" +
		"<p>The \x93caf\xe9\x94 on the corner closed its doors on Friday after thirty years of serving the town \x96 its owner said she would miss the regulars.</p>" +
		filler + "</article></body></html>"
	if utf8.ValidString(page) {
		t.Fatal("fixture should not be valid UTF-8")
	}
	d := mustIngest(t, page, ingest.Options{})
	if !utf8.ValidString(d.Input.Source) {
		t.Fatalf("Source is not UTF-8: %q", d.Input.Source)
	}
	if d.Meta.Title != "Café closes" {
		t.Errorf("Title = %q, want %q", d.Meta.Title, "Café closes")
	}
	wantPara := "The “café” on the corner closed its doors on Friday after thirty years of serving the town – its owner said she would miss the regulars."
	if len(d.Input.Blocks) < 2 {
		t.Fatalf("blocks: %+v", d.Input.Blocks)
	}
	b := d.Input.Blocks[1]
	if got := d.Input.Source[b.Start:b.End]; got != wantPara || b.Tag != "p" {
		t.Errorf("block 1 = %s %q, want p %q", b.Tag, got, wantPara)
	}
	if !strings.HasPrefix(d.Input.Source, "Café closes\n\n"+wantPara+"\n\n") {
		t.Errorf("Source = %.200q", d.Input.Source)
	}
	if !bytes.Equal(d.Input.Raw, []byte(page)) {
		t.Error("Raw should keep the original bytes")
	}
}

// Filler paragraphs, so that small test pages go through the extractor's
// main path rather than its baseline fallback.
const filler = `<p>Officials in the northern district said the count had been completed without incident late on Sunday night, ahead of schedule.</p>
<p>Turnout was higher than at the previous election four years ago, which observers attributed to the close race for the regional council.</p>
<p>The electoral commission will publish the certified results next week, after the usual checks on the postal ballots have been finished.</p>
`

// Table rows become one block each, tagged "tr", with the cells separated
// by a space.
func TestHTMLTable(t *testing.T) {
	page := `<!DOCTYPE html><html><body><article><h1>Election results</h1>` +
		`<p>The table below shows the results of the regional election held on Sunday across the three districts.</p>` +
		`<table><tr><th>District</th><th>Turnout</th></tr><tr><td>North</td><td>61%</td></tr><tr><td>South</td><td>58%</td></tr></table>` +
		filler + `</article></body></html>`
	d := mustIngest(t, page, ingest.Options{})
	var rows []string
	for _, b := range d.Input.Blocks {
		if b.Tag == "tr" {
			rows = append(rows, d.Input.Source[b.Start:b.End])
		}
	}
	want := []string{"District Turnout", "North 61%", "South 58%"}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("table rows = %q, want %q", rows, want)
	}
	if !strings.Contains(d.Input.Source, "districts.\n\nDistrict Turnout\n\nNorth 61%\n\nSouth 58%\n\nOfficials") {
		t.Errorf("Source = %q", d.Input.Source)
	}
}

// Pages without an article are no-article errors; so is a page whose main
// content is too short to be one.
func TestHTMLNoArticle(t *testing.T) {
	checkError(t, "<html><body></body></html>", ingest.Options{}, ingest.CodeNoArticle, "no article found in the HTML page")

	login := `<!DOCTYPE html><html><head><title>Login</title></head><body><nav><a href="/">Home</a></nav><p>Please log in.</p></body></html>`
	ie := ingestErr(t, login, ingest.Options{})
	m := regexp.MustCompile(`^no article found in the HTML page \(main content has only (\d+) letters\)$`).FindStringSubmatch(ie.Msg)
	if ie.Code != ingest.CodeNoArticle || m == nil {
		t.Fatalf("login page: %s %q", ie.Code, ie.Msg)
	}
	if n, _ := strconv.Atoi(m[1]); n >= 80 {
		t.Errorf("reported %d letters, below the 80 needed", n)
	}
}

// HTML options override the page's metadata.
func TestHTMLOverrides(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	d := mustIngest(t, string(page), ingest.Options{Title: "T", URL: "U", Published: "P", Site: "S"})
	if d.Meta.Title != "T" || d.Meta.URL != "U" || d.Meta.Published != "P" || d.Meta.Site != "S" {
		t.Errorf("Meta = %+v", d.Meta)
	}
	if !reflect.DeepEqual(d.Meta.Authors, []string{"Maria Lopez"}) {
		t.Errorf("Authors = %q", d.Meta.Authors)
	}
	// Forcing the kind: an HTML page read as text keeps its markup.
	d = mustIngest(t, "<p>The council met on Tuesday.</p>", ingest.Options{Kind: doc.KindText})
	if d.Input.Kind != doc.KindText || d.Input.Source != "<p>The council met on Tuesday.</p>" {
		t.Errorf("forced text: %q %q", d.Input.Kind, d.Input.Source)
	}
}

// Every input error has a code from the documented set and a one-line
// message.
func TestErrorsAreOneLine(t *testing.T) {
	codes := map[string]bool{
		ingest.CodeEmpty: true, ingest.CodeTooLarge: true, ingest.CodeBinary: true, ingest.CodeInvalidUTF8: true,
		ingest.CodeBadJSON: true, ingest.CodeNoText: true, ingest.CodeNoArticle: true, ingest.CodeBadKind: true,
	}
	inputs := []struct {
		raw  string
		opts ingest.Options
	}{
		{"", ingest.Options{}},
		{"\x00\x01", ingest.Options{}},
		{"caf\xe9", ingest.Options{}},
		{"text", ingest.Options{Kind: "xml"}},
		{"{\"text\": \"a\nb\"}", ingest.Options{Kind: doc.KindJSON}},
		{"{\n\"text\":\n", ingest.Options{Kind: doc.KindJSON}},
		{"[\n]", ingest.Options{Kind: doc.KindJSON}},
		{"{}\n{}", ingest.Options{Kind: doc.KindJSON}},
		{"{}", ingest.Options{}},
		{"Headline\n\n", ingest.Options{}},
		{"<html>\n<body>\n</body>\n</html>", ingest.Options{}},
		{"<html>\n<body>\n<p>Short.</p>\n</body>\n</html>", ingest.Options{}},
		{"<meta charset=\"utf-8\"><p>caf\xe9</p>", ingest.Options{}},
	}
	for _, in := range inputs {
		ie := ingestErr(t, in.raw, in.opts)
		if !codes[ie.Code] {
			t.Errorf("%q: unknown code %q", in.raw, ie.Code)
		}
		if ie.Msg == "" || strings.ContainsAny(ie.Msg, "\r\n") {
			t.Errorf("%q: message is not one line: %q", in.raw, ie.Msg)
		}
	}
	_, err := ingest.ReadAll(strings.NewReader("12345"), 4)
	var ie *ingest.Error
	if !errors.As(err, &ie) || ie.Code != ingest.CodeTooLarge || strings.Contains(ie.Msg, "\n") {
		t.Errorf("ReadAll over the limit: %v", err)
	}
}

// The exact codes and messages of the simple input errors.
func TestInputErrors(t *testing.T) {
	checkError(t, "", ingest.Options{}, ingest.CodeEmpty, "input is empty")
	checkError(t, " \n\t\r\n", ingest.Options{}, ingest.CodeEmpty, "input is empty")
	// A file holding only a UTF-8 byte-order mark (and blank lines) is empty too.
	checkError(t, "\ufeff", ingest.Options{}, ingest.CodeEmpty, "input is empty")
	checkError(t, "\ufeff\n\n", ingest.Options{}, ingest.CodeEmpty, "input is empty")
	checkError(t, "text", ingest.Options{Kind: "xml"}, ingest.CodeBadKind, `unknown input kind "xml" (want text, html or json)`)
	checkError(t, "caf\xe9 au lait", ingest.Options{}, ingest.CodeInvalidUTF8,
		"input is not valid UTF-8 (first invalid byte 0xe9 at offset 3); convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8")
	checkError(t, "{\"text\":\"caf\xe9\"}", ingest.Options{Kind: doc.KindJSON}, ingest.CodeInvalidUTF8,
		"JSON input is not valid UTF-8 (first invalid byte 0xe9 at offset 12); convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8")
	// A page that declares UTF-8 but is not: refused rather than guessed.
	checkError(t, "<html><head><meta charset=\"utf-8\"></head><body><p>caf\xe9</p></body></html>", ingest.Options{}, ingest.CodeInvalidUTF8,
		"HTML input is not valid UTF-8 (first invalid byte 0xe9 at offset 53); convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8")
}

// Binary detection: any NUL byte, or more than 5% control characters, in
// the first 8 KiB; tabs, form feeds and line ends are text.
func TestBinaryDetection(t *testing.T) {
	const binMsg = "input looks like binary data, not text, HTML or JSON"
	body := "The council met on Tuesday and voted to close the pool." // 55 bytes
	checkError(t, body+"\x00"+body, ingest.Options{}, ingest.CodeBinary, binMsg)
	checkError(t, "\x00", ingest.Options{}, ingest.CodeBinary, binMsg)

	// 100 bytes: 6 control characters (6%) is binary, 5 (exactly 5%) is not.
	ctrl := func(n int) string {
		return strings.Repeat("\x01", n) + strings.Repeat("a", 100-n)
	}
	checkError(t, ctrl(6), ingest.Options{}, ingest.CodeBinary, binMsg)
	if _, err := ingest.Ingest([]byte(ctrl(5)[:99]+"."), ingest.Options{}); err != nil {
		t.Errorf("5%% control characters: %v", err)
	}
	// Escape characters count as control characters.
	checkError(t, strings.Repeat("\x1b[0m ", 10), ingest.Options{}, ingest.CodeBinary, binMsg)

	// Tabs, form feeds and CRLF are ordinary text, however many.
	text := "Results\r\n\r\nNorth\t61%\tup\fSouth\t58%\tdown\f\r\n" + strings.Repeat("\t\f", 20) + "end of table."
	d := mustIngest(t, text, ingest.Options{})
	if d.Input.Source != text {
		t.Errorf("Source = %q", d.Input.Source)
	}
	// Only the first 8 KiB are inspected.
	late := strings.Repeat("a ", 4096) + "\x00"
	if _, err := ingest.Ingest([]byte(late), ingest.Options{}); err != nil {
		t.Errorf("NUL after 8 KiB: %v", err)
	}
}

// ReadAll accepts exactly max bytes and refuses max+1 with a too-large
// error naming the limit in readable units (and no command-line flag: the
// CLI adds that); max <= 0 means the default.
func TestReadAll(t *testing.T) {
	b, err := ingest.ReadAll(strings.NewReader("0123456789"), 10)
	if err != nil || string(b) != "0123456789" {
		t.Errorf("exactly max: %q, %v", b, err)
	}
	cases := []struct {
		max  int64
		want string
	}{
		{10, "input is larger than the 10 bytes limit"},
		{1024, "input is larger than the 1 KiB limit"},
		{1500, "input is larger than the 1500 bytes limit"},
		{3 << 20, "input is larger than the 3 MiB limit"},
	}
	for _, c := range cases {
		_, err := ingest.ReadAll(io.LimitReader(zeros{}, c.max+1), c.max)
		var ie *ingest.Error
		if !errors.As(err, &ie) || ie.Code != ingest.CodeTooLarge || ie.Msg != c.want {
			t.Errorf("max %d, max+1 bytes: %v, want %q", c.max, err, c.want)
		}
		if b, err := ingest.ReadAll(io.LimitReader(zeros{}, c.max), c.max); err != nil || int64(len(b)) != c.max {
			t.Errorf("max %d, max bytes: %d bytes, %v", c.max, len(b), err)
		}
	}
	// The default limit.
	_, err = ingest.ReadAll(io.LimitReader(zeros{}, ingest.DefaultMaxBytes+1), 0)
	if err == nil || err.Error() != "input is larger than the 8 MiB limit" {
		t.Errorf("default limit: %v", err)
	}
	// A read failure is not an input error the user can fix by editing it.
	_, err = ingest.ReadAll(iotest.ErrReader(errors.New("disk on fire")), 10)
	var ie *ingest.Error
	if err == nil || errors.As(err, &ie) || err.Error() != "reading input: disk on fire" {
		t.Errorf("read error: %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// Language detection on the body: English and French are recognised, very
// short text is unreliable and left empty, a language given in a JSON
// record is kept unless the body plainly reads as another, and only the
// start of a long body is read.
func TestLanguage(t *testing.T) {
	english := "The council voted on Tuesday to close the swimming pool for the whole summer while repairs are made to the roof. " +
		"Residents said they were disappointed, and the mayor promised that the work would be finished before the autumn term."
	french := "Le conseil municipal a voté mardi soir la fermeture de la piscine pendant tout l'été. " +
		"Les habitants du quartier sont inquiets et demandent une solution rapide. " +
		"Selon le maire, les travaux de rénovation dureront au moins six mois. " +
		"Une pétition a déjà recueilli plus de deux mille signatures. "
	cases := []struct {
		name, in, want string
	}{
		{"english", english, "en"},
		{"french", french, "fr"},
		{"very short", "Hi.", ""},
		{"two words", "Short news.", ""},
		{"french headline, english body", "Le maire démissionne\n\n" + english, "en"},
		{"long french start, english after the sample", strings.Repeat(french, 12) + strings.Repeat(english, 10), "fr"},
		{"json language kept", `{"text": "Short news.", "language": "xx"}`, "xx"},
		{"json language normalised", `{"text": "Short news.", "language": "pt-BR"}`, "pt"},
		{"json language contradicted by the text", `{"text": "` + english + `", "language": "pt"}`, "en"},
		{"json language detected", `{"text": "` + french + `"}`, "fr"},
	}
	for _, c := range cases {
		d := mustIngest(t, c.in, ingest.Options{})
		if d.Meta.Language != c.want {
			t.Errorf("%s: Language = %q, want %q", c.name, d.Meta.Language, c.want)
		}
	}
}

// Broken JSON records are detected as JSON, so they get a JSON error rather
// than being analysed as an article; text that merely starts with a bracket
// (a leftover shortcode) stays text.
func TestDetectBrokenJSON(t *testing.T) {
	cases := map[string]doc.Kind{
		`{"title": "x", "text": "unterminated}`: doc.KindJSON,
		`{"title": "x",}`:                       doc.KindJSON,
		`[{"text": "a"}, {"text": "b"}]`:        doc.KindJSON,
		`[ {"text": "a"`:                        doc.KindJSON,
		"[ooyala code=\"x\"]\n\nBody text.":     doc.KindText,
		"[":                                     doc.KindText,
		"[   ":                                  doc.KindText,
		"{braces} open this sentence.":          doc.KindText,
	}
	for in, want := range cases {
		if got := ingest.Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %s, want %s", in, got, want)
		}
	}
	_, err := ingest.Ingest([]byte(`{"title": "x", "text": "unterminated}`), ingest.Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "input is not a valid JSON object: ") {
		t.Errorf("broken record: err = %v", err)
	}
}
