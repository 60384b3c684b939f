// Package ingest turns raw input bytes (plain text, an HTML page or a JSON
// record) into a Document's Input and Meta: it detects the kind, checks the
// bytes are text, extracts the main content of HTML pages with go-trafilatura,
// and reads the article's metadata. It does no cleaning: the clean package
// works on Input.Source and lists what it removes.
package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// DefaultMaxBytes bounds what is read from one input unless the caller says
// otherwise: far above any real article page (the largest pages in the
// extraction benchmark are under 2 MB) yet small enough that a stray file
// cannot exhaust memory. Analysing 8 MB of dense news text costs about 8 s
// of CPU and 0.9 GB of memory (bench/scale, issue 12); 16 MB would be
// twice that.
const DefaultMaxBytes = 8 << 20

// Options says how to read one input.
type Options struct {
	Kind      doc.Kind // "" detects the kind
	Title     string   // overrides the title found in the input
	URL       string   // overrides the URL found in the input
	Published string   // overrides the publication date found in the input
	Site      string   // overrides the site name found in the input
}

// ReadAll reads r up to max bytes; more than max is an error, so a huge file
// is refused rather than silently cut.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxBytes
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading input: %w", err)
	}
	if int64(len(b)) > max {
		return nil, errorf(CodeTooLarge, "input is larger than the %s limit", humanBytes(max))
	}
	return b, nil
}

// Ingest builds a Document from raw input bytes.
func Ingest(raw []byte, opts Options) (*doc.Document, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, errorf(CodeEmpty, "input is empty")
	}
	if f, ok := detectFormat(raw); ok {
		return nil, &Error{Code: CodeFormat, Msg: f.message()}
	}
	if looksBinary(raw) {
		return nil, errorf(CodeBinary, "input looks like binary data, not text, HTML or JSON")
	}
	kind := opts.Kind
	if kind == "" {
		kind = Detect(raw)
	}
	d := &doc.Document{Input: doc.Input{Raw: raw, Kind: kind}}
	var err error
	switch kind {
	case doc.KindText:
		err = ingestText(d, raw, opts)
	case doc.KindHTML:
		err = ingestHTML(d, raw, opts)
	case doc.KindJSON:
		err = ingestJSON(d, raw, opts)
	default:
		return nil, errorf(CodeBadKind, "unknown input kind %q (want text, html or json)", string(kind))
	}
	if err != nil {
		return nil, err
	}
	applyOverrides(&d.Meta, opts)
	resolveLanguage(d)
	return d, nil
}

func applyOverrides(m *doc.Meta, opts Options) {
	if opts.Title != "" {
		m.Title = opts.Title
	}
	if opts.URL != "" {
		m.URL = opts.URL
	}
	if opts.Published != "" {
		m.Published = opts.Published
	}
	if opts.Site != "" {
		m.Site = opts.Site
	}
}

// Detect guesses the kind of raw input: a JSON object, an HTML document, or
// plain text.
func Detect(raw []byte) doc.Kind {
	b := bytes.TrimLeft(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")), " \t\r\n")
	// An object, valid or not, is a JSON record: a broken one should get a
	// JSON error, not be analysed as an article. So is an array of objects.
	// A bare "[" is not enough: plain text may start with a shortcode.
	if len(b) > 0 && b[0] == '{' {
		end := bytes.TrimRight(b, " \t\r\n")
		if json.Valid(b) || end[len(end)-1] == '}' {
			return doc.KindJSON
		}
	}
	if len(b) > 1 && b[0] == '[' && bytes.HasPrefix(bytes.TrimLeft(b[1:], " \t\r\n"), []byte("{")) {
		return doc.KindJSON
	}
	if len(b) > 0 && b[0] == '<' {
		head := bytes.ToLower(b[:min(len(b), 4096)])
		for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ", "<meta", "<!--", "<?xml", "<title"} {
			if bytes.Contains(head, []byte(tag)) {
				return doc.KindHTML
			}
		}
	}
	return doc.KindText
}

// looksBinary reports NUL bytes or a high share of control characters in the
// first 8 KiB: text formats have neither.
func looksBinary(raw []byte) bool {
	b := raw[:min(len(raw), 8192)]
	ctrl := 0
	for _, c := range b {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f':
			ctrl++
		}
	}
	return ctrl*20 > len(b) // more than 5%
}

// checkUTF8 returns a one-line error naming the first invalid byte.
func checkUTF8(b []byte, what string) error {
	if utf8.Valid(b) {
		return nil
	}
	off := 0
	for off < len(b) {
		r, n := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	return errorf(CodeInvalidUTF8, "%s is not valid UTF-8 (first invalid byte 0x%02x at offset %d); convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8", what, b[off], off)
}

// ingestText reads "Headline\n\nBody" plain text. Without a title option,
// a first line that is followed by a blank line and is short enough to be a
// headline is taken as the title; the body starts after the blank line.
func ingestText(d *doc.Document, raw []byte, opts Options) error {
	if err := checkUTF8(raw, "input"); err != nil {
		return err
	}
	src := string(raw)
	d.Input.Source = src
	d.Input.SourceName = "input"
	if opts.Title == "" {
		if title, bodyStart, ok := splitHeadline(src); ok {
			d.Meta.Title = title
			d.Input.BodyStart = bodyStart
		} else if headlineOnly(src) {
			return errorf(CodeNoText, "input has a headline but no article body")
		}
	}
	if strings.TrimSpace(src[d.Input.BodyStart:]) == "" {
		return errorf(CodeNoText, "input has a headline but no article body")
	}
	return nil
}

// headlineMaxWords is the most words a lone line may have to be taken for a
// headline: headlines run to 20 words at most, sentences often longer.
const headlineMaxWords = 25

// headlineOnly reports plain text that is a headline and nothing else: one
// line of at most headlineMaxWords words that does not end a sentence (no
// full stop, question or exclamation mark, or ellipsis, before any closing
// quotes and brackets). One line that is a sentence is a short article, and
// one with markup is not a headline.
func headlineOnly(src string) bool {
	s := strings.TrimSpace(strings.TrimLeft(src, "\ufeff"))
	if s == "" || strings.ContainsAny(s, "\n\r<>") || len(strings.Fields(s)) > headlineMaxWords {
		return false
	}
	s = strings.TrimRight(s, "\"'\u201d\u2019\u00bb)] ")
	if s == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch last {
	case '.', '!', '?', '\u2026':
		return false
	}
	return true
}

// splitHeadline finds a headline line followed by a blank line.
func splitHeadline(src string) (title string, bodyStart int, ok bool) {
	i := 0
	// Skip a byte-order mark and leading blank lines.
	i += len(src) - len(strings.TrimLeft(src, "\ufeff \t\r\n"))
	nl := strings.IndexByte(src[i:], '\n')
	if nl < 0 {
		return "", 0, false
	}
	line := strings.TrimSpace(src[i : i+nl])
	rest := src[i+nl+1:]
	// The next line must be blank.
	nl2 := strings.IndexByte(rest, '\n')
	if nl2 < 0 || strings.TrimSpace(rest[:nl2]) != "" {
		return "", 0, false
	}
	if line == "" || utf8.RuneCountInString(line) > 300 {
		return "", 0, false
	}
	body := i + nl + 1 + nl2 + 1
	// Skip further blank lines.
	for body < len(src) {
		j := strings.IndexByte(src[body:], '\n')
		if j < 0 || strings.TrimSpace(src[body:body+j]) != "" {
			break
		}
		body += j + 1
	}
	return normalizeSpace(line), body, true
}

// normalizeSpace collapses whitespace (including no-break spaces) to single
// spaces and drops zero-width characters, for metadata strings.
func normalizeSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
			continue
		}
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// jsonRecord is the JSON input: the documented fields plus common aliases
// used by crawlers and datasets.
type jsonRecord struct {
	Title       *string         `json:"title"`
	Headline    *string         `json:"headline"`
	Text        *string         `json:"text"`
	Body        *string         `json:"body"`
	Content     *string         `json:"content"`
	ArticleBody *string         `json:"articleBody"`
	HTML        *string         `json:"html"`
	URL         string          `json:"url"`
	Published   string          `json:"published"`
	Date        string          `json:"date"`
	Source      string          `json:"source"`
	Site        string          `json:"site"`
	Domain      string          `json:"domain"`
	Authors     json.RawMessage `json:"authors"`
	Author      json.RawMessage `json:"author"`
	Language    string          `json:"language"`
}

func ingestJSON(d *doc.Document, raw []byte, opts Options) error {
	if err := checkUTF8(raw, "JSON input"); err != nil {
		return err
	}
	b := bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return errorf(CodeBadJSON, "input is a JSON array; analyze takes one JSON object (one article)")
	}
	var rec jsonRecord
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&rec); err != nil {
		return errorf(CodeBadJSON, "input is not a valid JSON object: %s", oneLine(err.Error()))
	}
	if dec.More() {
		return errorf(CodeBadJSON, "input holds more than one JSON value; analyze takes one JSON object (one article)")
	}
	m := &d.Meta
	m.Title = normalizeSpace(firstOf(rec.Title, rec.Headline))
	m.URL = rec.URL
	m.Published = firstNonEmpty(rec.Published, rec.Date)
	m.Site = firstNonEmpty(rec.Site, rec.Source, rec.Domain)
	m.Authors = authorList(rec.Authors, rec.Author)
	m.Language = rec.Language

	text := firstOf(rec.Text, rec.Body, rec.Content, rec.ArticleBody)
	if strings.TrimSpace(text) != "" {
		d.Input.Source = text
		d.Input.SourceName = "json.text"
		return nil
	}
	if rec.HTML != nil && strings.TrimSpace(*rec.HTML) != "" {
		// Keep the record's own metadata: it is usually cleaner than the page's.
		keep := *m
		if err := ingestHTML(d, []byte(*rec.HTML), opts); err != nil {
			return err
		}
		d.Input.SourceName = "json.html.extracted"
		mergeMeta(&d.Meta, keep)
		return nil
	}
	return errorf(CodeNoText, `JSON record has no article text: give a non-empty "text" (or "html") field`)
}

// mergeMeta puts the non-empty fields of over onto m.
func mergeMeta(m *doc.Meta, over doc.Meta) {
	if over.Title != "" {
		m.Title = over.Title
	}
	if over.URL != "" {
		m.URL = over.URL
	}
	if over.Published != "" {
		m.Published = over.Published
	}
	if over.Site != "" {
		m.Site = over.Site
	}
	if len(over.Authors) > 0 {
		m.Authors = over.Authors
	}
	if over.Language != "" {
		m.Language = over.Language
	}
}

// authorList accepts "A", "A; B", "A and B", ["A","B"] or [{"name":"A"}].
func authorList(fields ...json.RawMessage) []string {
	for _, f := range fields {
		if len(f) == 0 || string(f) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(f, &s) == nil {
			return splitAuthors(s)
		}
		var list []string
		if json.Unmarshal(f, &list) == nil {
			var out []string
			for _, a := range list {
				out = append(out, splitAuthors(a)...)
			}
			return out
		}
		var objs []struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(f, &objs) == nil {
			var out []string
			for _, o := range objs {
				out = append(out, splitAuthors(o.Name)...)
			}
			return out
		}
	}
	return nil
}

func splitAuthors(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
		for _, p := range strings.Split(part, " and ") {
			p = normalizeSpace(strings.TrimPrefix(strings.TrimSpace(p), "By "))
			if p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func firstOf(ps ...*string) string {
	for _, p := range ps {
		if p != nil && *p != "" {
			return *p
		}
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// langSample is how much body text language detection reads: trigram
// profiles settle well within a paragraph or two, and detection is the most
// expensive step of ingesting plain text, so it must not scale with length.
const langSample = 600

// englishFunctionWords are frequent English words that are rare in other
// languages' running text; "a", "in", "on" and "an" are left out because
// they are words in other languages too.
var englishFunctionWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "is": true, "was": true, "that": true,
	"for": true, "with": true, "he": true, "she": true, "it": true, "his": true, "her": true,
	"they": true, "said": true, "has": true, "have": true, "had": true, "by": true, "from": true,
	"at": true, "this": true, "be": true, "were": true, "are": true, "their": true, "which": true,
	"who": true, "but": true, "not": true, "will": true, "would": true, "been": true, "its": true,
	"after": true, "about": true, "we": true, "you": true, "there": true, "or": true, "as": true,
}

// looksEnglish is a fast path for the common case: in running English text
// about one word in four is one of these function words (measured 24-33% on
// the shipped examples); other languages hit them by accident ("was", "will"
// in German, "he" in Spanish) a few times per hundred words.
func looksEnglish(text string) bool {
	words, hits := functionWordCounts(text)
	return words >= 20 && hits*6 >= words // at least 1 in 6
}

// functionWordCounts counts the words of text and how many of them are
// English function words.
func functionWordCounts(text string) (words, hits int) {
	// The words are runs of letters and apostrophes (as strings.FieldsFunc
	// would split them), lower-cased into a small buffer rather than a new
	// string each: this runs on every input.
	var buf [5]byte
	word := func(w string) {
		words++
		if len(w) > 5 {
			return
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				if englishFunctionWords[strings.ToLower(w)] {
					hits++
				}
				return
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if englishFunctionWords[string(buf[:len(w)])] {
			hits++
		}
	}
	start := -1
	for i, r := range text {
		if !unicode.IsLetter(r) && r != '\'' {
			if start >= 0 {
				word(text[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		word(text[start:])
	}
	return words, hits
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
