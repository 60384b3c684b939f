package ingest

import (
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// How the main content is extracted (issue 15).
//
// go-trafilatura with its fallback on (the Zyte benchmark's best setting)
// runs go-readability on every page, and dom-distiller too when its own
// extraction is short, and keeps a fallback's result only when its own is
// doubtful: shorter than 250 characters, or without paragraph text, or
// with more tables than paragraphs (and the fallback's text longer than 500
// characters), or less than half the fallback's length. On the Zyte dev
// pages the fallback changed 4 pages of 86, and readability, which runs on
// all of them, cost a quarter of the extraction.
//
// So extraction runs twice at most:
//
//  1. go-trafilatura with its fallback's comparison fed with stand-ins
//     instead of readability and dom-distiller: a probe of exactly 500
//     characters, which its rules choose exactly when its own text is
//     shorter than 250 characters, and empty candidates, which they never
//     choose. The result is go-trafilatura's own extraction, sanitised as
//     after a fallback that lost. Its date search is off; publishDate runs
//     the same search, skipping placeholder dates that cost go-htmldate
//     up to half a second each and that it would reject anyway.
//  2. Only when that result is doubtful (the probe won, or no paragraph
//     holds text, or tables outnumber paragraphs, or go-trafilatura found
//     nothing), the call as before: fallback on, readability and
//     dom-distiller really run. The date found by the first pass is
//     passed on, so the date search does not run twice.
//
// The one case left out is the last rule: a readability text more than
// twice as long as go-trafilatura's own, on a page with paragraphs. Telling
// it needs readability's result, that is running readability on every
// page; on the dev pages it decided one page, and there made the text
// worse (precision 0.97 to 0.19: readability added the teasers of the
// site's other posts).

// probeRunes is the length of the probe candidate: go-trafilatura prefers
// a candidate to its own text when the candidate is more than twice as long,
// and stops looking when its text reaches Config.MinExtractedSize (250), so
// a candidate of 500 characters wins exactly when its own is shorter than
// 250 characters, and then ends the comparison.
const probeRunes = 500

// extract returns go-trafilatura's extraction of the page at root, running
// its readability and dom-distiller fallback only when the first result is
// doubtful; fallback says why it ran ("" when it did not).
func extract(root *html.Node) (res *trafilatura.ExtractResult, fallback string, err error) {
	probe := candidate(strings.Repeat("x", probeRunes))
	res, err = trafilatura.ExtractDocument(root, trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true, // readers' comments are not the article
		// The date is searched below, as go-trafilatura would.
		HtmlDateMode: trafilatura.Disabled,
		FallbackCandidates: &trafilatura.FallbackCandidates{
			Others:      []*html.Node{probe},
			Readability: candidate(""),
			Distiller:   candidate(""),
		},
	})
	opts := fullOptions()
	switch {
	case err != nil || res == nil || res.ContentNode == nil:
		// The old call, date search included, for its result or error.
		fallback = "nothing found"
	default:
		res.Metadata.Date = publishDate(root, res.Metadata.URL)
		if fallback = fallbackReason(res.ContentNode, probe); fallback == "" {
			return res, "", nil
		}
		opts.HtmlDateOverride = &htmldate.Result{DateTime: res.Metadata.Date, HasTime: !res.Metadata.Date.IsZero()}
	}
	res, err = trafilatura.ExtractDocument(root, opts)
	return res, fallback, err
}

// publishDate is the date go-trafilatura's metadata gets with its fallback
// on: go-htmldate's extensive search (which also parses dates with
// go-dateparser), for the original date rather than the last update, url
// the page's URL from its metadata. The zero is no date found.
//
// One difference, which does not change the result: meta elements whose
// date is a placeholder (see placeholderDate) are hidden from go-htmldate
// while it runs. It would reject their dates, which are before 1995, but
// only after go-dateparser has tried every locale it knows on each: 0.1 to
// 0.6 seconds each (one dev page holds one, and it cost more CPU than the
// date searches of the other 85 pages together).
func publishDate(root *html.Node, url string) time.Time {
	defer hidePlaceholderDates(root)()
	r, err := htmldate.FromDocument(root, htmldate.Options{UseOriginalDate: true, URL: url})
	if err != nil || r.IsZero() {
		return time.Time{}
	}
	return r.DateTime
}

// hidePlaceholderDates empties the date attributes of the meta elements
// under root that hold a placeholder date, and returns the function that
// puts them back.
func hidePlaceholderDates(root *html.Node) (restore func()) {
	type saved struct {
		attr *html.Attribute
		val  string
	}
	var hidden []saved
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
			for i := range n.Attr {
				a := &n.Attr[i]
				if (a.Key == "content" || a.Key == "datetime") && placeholderDate(a.Val) {
					hidden = append(hidden, saved{a, a.Val})
					a.Val = ""
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return func() {
		for _, h := range hidden {
			h.attr.Val = h.val
		}
	}
}

// placeholderDate reports whether s is a zero date that software writes
// when a page has no date: 0001-01-01 (the zero time of .NET and Go) or
// 0000-00-00 (MySQL's), alone or with an all-zero time and offset, such as
// "0001-01-01T00:00:00Z" or "0000-00-00 00:00:00". Its only digits are
// zeros and the ones of 0001-01-01, so no reading of it is a year
// go-htmldate accepts.
func placeholderDate(s string) bool {
	s = strings.TrimSpace(s)
	rest, ok := strings.CutPrefix(s, "0001-01-01")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "0000-00-00"); !ok {
			return false
		}
	}
	for _, c := range rest {
		if !strings.ContainsRune("0T:.+-Z ", c) {
			return false
		}
	}
	return true
}

// fullOptions is go-trafilatura with its whole fallback: readability, then
// dom-distiller if the text is still short.
func fullOptions() trafilatura.Options {
	return trafilatura.Options{
		EnableFallback:  true, // the benchmark's best setting: falls back to readability and dom-distiller
		ExcludeComments: true,
	}
}

// candidate is a fallback candidate holding text in one paragraph.
func candidate(text string) *html.Node {
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	if text != "" {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: text})
		div.AppendChild(p)
	}
	return div
}

// fallbackReason says why go-trafilatura's own extraction content (the
// first pass, probe its short-text stand-in) is doubtful enough to run the
// fallback extractors, or "" when it is not: the reasons are go-trafilatura's
// own for trying a fallback's result.
func fallbackReason(content, probe *html.Node) string {
	if content == probe {
		return "short"
	}
	var paragraphs, tables int
	var pText bool
	var walk func(n *html.Node, inP bool)
	walk = func(n *html.Node, inP bool) {
		switch n.Type {
		case html.TextNode:
			if inP && !pText && strings.TrimSpace(n.Data) != "" {
				pText = true
			}
		case html.ElementNode:
			switch n.Data {
			case "p":
				paragraphs++
				inP = true
			case "table":
				tables++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inP)
		}
	}
	walk(content, false)
	switch {
	case !pText:
		return "no paragraph text"
	case tables > paragraphs:
		return "more tables than paragraphs"
	}
	return ""
}
