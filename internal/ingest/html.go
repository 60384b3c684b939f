package ingest

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/credence-news/credence/doc"
)

// minArticleRunes is the least main content an HTML page must yield to count
// as an article: below it the page is a listing, a login wall or an error page.
const minArticleRunes = 80

func ingestHTML(d *doc.Document, raw []byte, opts Options) error {
	utf, err := toUTF8(raw)
	if err != nil {
		return err
	}
	root, err := html.Parse(bytes.NewReader(utf))
	if err != nil {
		return errorf(CodeNoArticle, "cannot parse the HTML page: %s", oneLine(err.Error()))
	}
	res, _, err := extract(root)
	if err != nil || res == nil || res.ContentNode == nil {
		return errorf(CodeNoArticle, "no article found in the HTML page")
	}
	src, blocks := renderBlocks(res.ContentNode)
	if countLetters(src) < minArticleRunes {
		return errorf(CodeNoArticle, "no article found in the HTML page (main content has only %d letters)", countLetters(src))
	}
	d.Input.Source = src
	d.Input.SourceName = "html.extracted"
	d.Input.Blocks = blocks

	md := res.Metadata
	d.Meta = doc.Meta{
		Title:       normalizeSpace(md.Title),
		URL:         md.URL,
		Site:        normalizeSpace(md.Sitename),
		Authors:     splitAuthors(md.Author),
		Published:   formatDate(md.Date),
		Language:    htmlLang(root), // declared; resolveLanguage checks it against the text
		Description: normalizeSpace(md.Description),
	}
	if d.Meta.Site == "" {
		d.Meta.Site = md.Hostname
	}
	return nil
}

// toUTF8 decodes the page using its declared or sniffed charset.
func toUTF8(raw []byte) ([]byte, error) {
	if utf8.Valid(raw) {
		return raw, nil
	}
	enc, name, _ := charset.DetermineEncoding(raw, "")
	if name == "utf-8" || enc == nil {
		// Declared UTF-8 but not valid: refuse rather than guess.
		return nil, checkUTF8(raw, "HTML input")
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, errorf(CodeInvalidUTF8, "cannot decode the HTML page from %s: %s", name, oneLine(err.Error()))
	}
	return out, nil
}

// blockAtoms start a new paragraph in the rendered text.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true,
	atom.Pre: true, atom.Tr: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Figure: true, atom.Figcaption: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Caption: true, atom.Summary: true, atom.Details: true,
	atom.Hr: true, atom.Main: true, atom.Address: true,
}

// renderBlocks turns the extracted content tree into text with one paragraph
// per block element, separated by blank lines, and records each block's tag
// so cleaning can use the structure (a list item after "Related:", a
// figcaption, a heading that repeats the title).
func renderBlocks(n *html.Node) (string, []doc.Block) {
	r := blockRenderer{}
	r.walk(n, "")
	r.flush()
	return r.out.String(), r.blocks
}

type blockRenderer struct {
	out    strings.Builder
	cur    strings.Builder
	curTag string
	space  bool
	blocks []doc.Block
}

func (r *blockRenderer) walk(n *html.Node, tag string) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data, tag)
		return
	case html.ElementNode:
		a := n.DataAtom
		if a == 0 {
			// Nodes that the extractor built itself carry only their name.
			a = atom.Lookup([]byte(n.Data))
		}
		switch a {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Button, atom.Form:
			return
		case atom.Br:
			r.flush()
			return
		case atom.Td, atom.Th:
			r.space = true
		case atom.Img:
			return
		}
		if blockAtoms[a] {
			r.flush()
			// A paragraph inside a list item, caption or quotation keeps the
			// outer, more telling tag: cleaning treats those blocks specially.
			switch {
			case (a == atom.P || a == atom.Div || a == atom.Section) && (tag == "li" || tag == "figcaption" || tag == "blockquote" || tag == "dd"):
			default:
				tag = n.Data
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				r.walk(c, tag)
			}
			r.flush()
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, tag)
	}
}

func (r *blockRenderer) text(s, tag string) {
	for _, c := range s {
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
			r.space = true
			continue
		}
		if r.cur.Len() == 0 {
			r.curTag = tag
		} else if r.space {
			r.cur.WriteByte(' ')
		}
		r.space = false
		r.cur.WriteRune(c)
	}
}

func (r *blockRenderer) flush() {
	r.space = false
	if r.cur.Len() == 0 {
		return
	}
	if r.out.Len() > 0 {
		r.out.WriteString("\n\n")
	}
	start := r.out.Len()
	r.out.WriteString(r.cur.String())
	r.blocks = append(r.blocks, doc.Block{Span: doc.Span{Start: start, End: r.out.Len()}, Tag: r.curTag})
	r.cur.Reset()
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if r > ' ' {
			n++
		}
	}
	return n
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}
