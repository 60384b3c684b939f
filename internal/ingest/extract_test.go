package ingest

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// oldExtract is how ingest called go-trafilatura before issue 15: the
// whole fallback on every page.
func oldExtract(t *testing.T, root *html.Node) *trafilatura.ExtractResult {
	t.Helper()
	res, err := trafilatura.ExtractDocument(root, fullOptions())
	if err != nil {
		t.Fatalf("go-trafilatura: %v", err)
	}
	return res
}

func parsePage(t *testing.T, page string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// sameExtraction fails t unless got is what the old call returns: the same
// content tree, text and metadata.
func sameExtraction(t *testing.T, got, want *trafilatura.ExtractResult) {
	t.Helper()
	if got.ContentText != want.ContentText {
		t.Errorf("text = %q\nwant   %q", got.ContentText, want.ContentText)
	}
	if g, w := renderTree(got.ContentNode), renderTree(want.ContentNode); g != w {
		t.Errorf("content = %s\nwant      %s", g, w)
	}
	g, w := got.Metadata, want.Metadata
	if g.Title != w.Title || !g.Date.Equal(w.Date) || g.Author != w.Author || g.Sitename != w.Sitename || g.URL != w.URL || g.Description != w.Description {
		t.Errorf("metadata = %+v\nwant       %+v", g, w)
	}
}

// A well-formed article (paragraphs, a heading, a list, a quotation) is
// not doubtful: readability and dom-distiller do not run, and the result
// is exactly what the full fallback gives.
func TestExtractSkipsFallbackOnAGoodArticle(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	root := parsePage(t, string(page))
	res, fallback, err := extract(root)
	if err != nil {
		t.Fatal(err)
	}
	if fallback != "" {
		t.Errorf("fallback ran (%s), want it skipped", fallback)
	}
	sameExtraction(t, res, oldExtract(t, root))
	if res.Metadata.Date.Format("2006-01-02") != "2024-03-05" {
		t.Errorf("date = %v", res.Metadata.Date)
	}
}

// ownExtraction is the first pass alone: go-trafilatura's own extraction,
// without the second pass that a doubtful result triggers.
func ownExtraction(t *testing.T, root *html.Node) *trafilatura.ExtractResult {
	t.Helper()
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		EnableFallback: true, ExcludeComments: true, HtmlDateMode: trafilatura.Extensive,
		FallbackCandidates: &trafilatura.FallbackCandidates{Readability: candidate(""), Distiller: candidate("")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// A news story whose body sits in a block that go-trafilatura discards as
// a teaser: its own extraction is under 250 characters, so the fallback
// runs, and readability's result replaces the baseline (the page's
// paragraphs) that go-trafilatura would otherwise fall back to. The result is the old
// call's, date included (passed on from the first pass).
func TestExtractRunsFallbackWhenShort(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><title>Flood warnings issued | Valley Gazette</title>` +
		`<meta property="article:published_time" content="2024-02-12T09:30:00Z"></head>` +
		`<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>` +
		`<main><h1>Flood warnings issued for three rivers</h1><div class="teaser">` +
		`<p>Flood warnings have been issued for the Exe, the Culm and the Creedy after two days of heavy rain across the county, the Environment Agency said on Monday.</p>
<p>Residents living close to the rivers have been told to move valuables upstairs and to keep away from fast-flowing water, which can knock an adult off their feet.</p>
<p>The agency said river levels were expected to peak on Tuesday afternoon before falling slowly through the rest of the week.</p>
<p>Sandbags are available from the council depot on Marsh Lane, which will stay open until eight in the evening while the warnings remain in place.</p>` +
		`</div></main><footer><p>© 2024 Valley Gazette</p></footer></body></html>`
	root := parsePage(t, page)
	res, fallback, err := extract(root)
	if err != nil {
		t.Fatal(err)
	}
	if fallback != "short" {
		t.Errorf("fallback = %q, want it run because the text is short", fallback)
	}
	old := oldExtract(t, root)
	sameExtraction(t, res, old)
	// go-trafilatura's own result is its whole-page baseline, a <body> of
	// paragraphs; the fallback's is readability's <div>.
	if own := ownExtraction(t, root); own.ContentNode.Data != "body" || res.ContentNode.Data != "div" {
		t.Errorf("first pass %s, result %s: want the baseline replaced by readability's", renderTree(own.ContentNode), renderTree(res.ContentNode))
	}
	if !strings.HasPrefix(res.ContentText, "Flood warnings have been issued") || res.Metadata.Date.Format("2006-01-02") != "2024-02-12" {
		t.Errorf("text %.60q, date %v", res.ContentText, res.Metadata.Date)
	}
}

// A statistics page with more tables than paragraphs is doubtful by
// go-trafilatura's own rule, so the fallback runs; the result is the old
// call's.
func TestExtractRunsFallbackOnTables(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><title>Snap counts: Week 11 | Dawg Report</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<div class="c-entry-content"><p>Below, we look at the snap counts on defense for the Browns in their Week 11 game against the Steelers.</p>
<h3>Defensive line</h3><table><tr><th>Player</th><th>Plays</th><th>%</th></tr><tr><td>Larry Ogunjobi</td><td>63</td><td>85%</td></tr><tr><td>Myles Garrett</td><td>57</td><td>77%</td></tr><tr><td>Chad Thomas</td><td>57</td><td>77%</td></tr></table>
<h3>Linebackers</h3><table><tr><th>Player</th><th>Plays</th><th>%</th></tr><tr><td>Joe Schobert</td><td>74</td><td>100%</td></tr><tr><td>Mack Wilson</td><td>70</td><td>95%</td></tr></table>
<h3>Secondary</h3><table><tr><th>Player</th><th>Plays</th><th>%</th></tr><tr><td>Denzel Ward</td><td>74</td><td>100%</td></tr><tr><td>Greedy Williams</td><td>74</td><td>100%</td></tr><tr><td>Eric Murray</td><td>60</td><td>81%</td></tr></table>
<ul><li>The defensive line got eleven hits on the quarterback, eight of them from the starters, and Garrett played more snaps than in any game this season.</li>
<li>Schobert and Wilson stayed on the field for almost every play, as the coaches trusted the pair in coverage against the Steelers' tight ends.</li></ul>
</div><footer><p>© 2024 Dawg Report</p></footer></body></html>`
	root := parsePage(t, page)
	res, fallback, err := extract(root)
	if err != nil {
		t.Fatal(err)
	}
	if fallback != "more tables than paragraphs" {
		t.Errorf("fallback = %q", fallback)
	}
	sameExtraction(t, res, oldExtract(t, root))
}

// A page without an article still ends in the old call's error.
func TestExtractEmptyPage(t *testing.T) {
	root := parsePage(t, "<html><body></body></html>")
	res, fallback, err := extract(root)
	_, oldErr := trafilatura.ExtractDocument(root, fullOptions())
	if fallback == "" || (err == nil) != (oldErr == nil) {
		t.Errorf("fallback %q, err %v; old err %v", fallback, err, oldErr)
	}
	if err == nil && res.ContentText != "" {
		t.Errorf("text = %q", res.ContentText)
	}
}

// fallbackReason's rules, on content trees as go-trafilatura returns them.
func TestFallbackReason(t *testing.T) {
	probe := candidate("x")
	if got := fallbackReason(probe, probe); got != "short" {
		t.Errorf("probe: %q", got)
	}
	for _, c := range []struct{ content, want string }{
		{`<p>The bridge reopened on Tuesday.</p><p>Engineers replaced the cables.</p><table><tr><td>Cost</td><td>£12m</td></tr></table>`, ""},
		{`<h2>Results</h2><ul><li>North 61%</li><li>South 58%</li></ul><div>Turnout was high.</div>`, "no paragraph text"},
		{`<p> </p><p><img src="a.jpg"></p><div>Turnout was high.</div>`, "no paragraph text"},
		{`<p>Turnout by district:</p><table><tr><td>North</td></tr></table><table><tr><td>South</td></tr></table>`, "more tables than paragraphs"},
		{`<p>Turnout by district:</p><table><tr><td>North</td></tr></table><p>More soon.</p><table><tr><td>South</td></tr></table>`, ""},
	} {
		nodes, err := html.ParseFragment(strings.NewReader(c.content), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		if err != nil {
			t.Fatal(err)
		}
		body := &html.Node{Type: html.ElementNode, Data: "body"}
		for _, n := range nodes {
			body.AppendChild(n)
		}
		if got := fallbackReason(body, probe); got != c.want {
			t.Errorf("fallbackReason(%s) = %q, want %q", c.content, got, c.want)
		}
	}
}

func TestPlaceholderDate(t *testing.T) {
	for s, want := range map[string]bool{
		"0001-01-01T00:00Z": true, "0001-01-01T00:00:00+00:00": true, "0001-01-01 00:00:00": true,
		"0001-01-01": true, " 0000-00-00 00:00:00 ": true, "0000-00-00": true, "0001-01-01T00:00:00.0000000Z": true,
		"2019-11-20T10:43Z": false, "0001-01-01T10:43Z": false, "1970-01-01T00:00:00Z": false,
		"0001-01-012019": false, "": false, "0001-01-01 Monday": false,
	} {
		if got := placeholderDate(s); got != want {
			t.Errorf("placeholderDate(%q) = %v, want %v", s, got, want)
		}
	}
}

// A page whose first date meta is a placeholder (as ASP.NET sites write
// for an empty field) gets the date go-trafilatura finds, and its tree is
// left as it was.
func TestPublishDateSkipsPlaceholders(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><title>Son of former president stabbed in Berlin | The Post</title>
<meta itemprop="dateCreated" content="0001-01-01T00:00Z">
<meta itemprop="datePublished" content="2019-11-20T10:43Z">
<meta itemprop="dateModified" content="0000-00-00 00:00:00">
</head><body><article><h1>Son of former president stabbed in Berlin</h1>
<p>The son of a former German president was stabbed to death while giving a lecture at a Berlin hospital on Tuesday evening, police said.</p>
<p>A man who attacked him with a knife was detained at the scene by members of the audience, among them an off-duty police officer.</p>
<p>Investigators said they did not yet know the motive, and that the suspect would be questioned on Wednesday.</p>
</article></body></html>`
	root := parsePage(t, page)
	before := renderTree(root)
	res, fallback, err := extract(root)
	if err != nil || fallback != "" {
		t.Fatalf("err %v, fallback %q", err, fallback)
	}
	if after := renderTree(root); after != before {
		t.Errorf("the page's tree changed:\n%s\nwant\n%s", after, before)
	}
	if got := res.Metadata.Date.Format(time.RFC3339); got != "2019-11-20T00:00:00Z" {
		t.Errorf("date = %s", got)
	}
	sameExtraction(t, res, oldExtract(t, root))
}

func renderTree(n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		panic(err)
	}
	return b.String()
}
