package corpus

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/credence-news/credence"
)

// textColumns are the header names of an article's text.
var textColumns = map[string]bool{"text": true, "body": true, "content": true, "article": true, "articlebody": true}

// csvAliases are the header names of each field, in order of preference
// when a file has more than one of them.
var csvAliases = []struct {
	field string
	names []string
}{
	{"id", []string{"id"}},
	{"title", []string{"title", "headline"}},
	{"text", []string{"text", "body", "content", "article", "articlebody"}},
	{"html", []string{"html"}},
	{"url", []string{"url", "link"}},
	{"published", []string{"published", "date", "publish_date"}},
	{"site", []string{"site", "source", "domain", "publisher"}},
}

// csvArticle is the JSON object a CSV row becomes: the analyzer's JSON
// ingest reads these fields.
type csvArticle struct {
	Title     string `json:"title,omitempty"`
	Text      string `json:"text,omitempty"`
	HTML      string `json:"html,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Site      string `json:"site,omitempty"`
}

// errCSVTooLarge is what the guard returns when a row grows past the
// record limit before the CSV reader ends it.
var errCSVTooLarge = errors.New("row over the record limit")

// csvGuard fails a read when more than limit bytes were read since the
// last row: encoding/csv holds a whole row (all its fields) in memory.
type csvGuard struct {
	r     io.Reader
	n     int64
	limit int64
}

func (g *csvGuard) Read(p []byte) (int, error) {
	if g.n > g.limit {
		return 0, errCSVTooLarge
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}

// csvHeaderError is a CSV file without a usable header: fatal for an
// input, an error record for a file inside a folder.
type csvHeaderError struct{ name, msg string }

func (e *csvHeaderError) Error() string { return e.name + ": " + e.msg }

// readCSV reads a CSV (or TSV) file with a header row. Column names are
// matched case-insensitively (see csvAliases; others are ignored); the
// header must name a text or html column.
//
//	ID:  the id column when the row has a non-empty one, else "name:N"
//	Pos: "row N": the header is row 1, the first data row is row 2; blank
//	     lines are not rows, and a quoted field over several lines is
//	     still one row (error messages give the line too)
//
// Data is a JSON object with the row's title, text, html, url, published
// and site; Options.Kind is "json".
func (r *reader) readCSV(src *source, tsv bool) error {
	br := bufio.NewReaderSize(src.r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	guard := &csvGuard{r: br, limit: r.opts.MaxRecord + 64<<10}
	cr := csv.NewReader(guard)
	if tsv {
		cr.Comma = '\t'
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	header, err := cr.Read()
	if err != nil {
		if src.s.err != nil {
			r.streamFailed(src, src.name+":1", "row 1", "inside the header row")
			return nil
		}
		if err == io.EOF {
			return &csvHeaderError{src.name, "empty CSV file: it needs a header row naming its columns (text, title, url…)"}
		}
		return fmt.Errorf("%s: cannot read the CSV header row: %v", src.name, err)
	}
	cols := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := cols[h]; !dup {
			cols[h] = i
		}
	}
	idx := map[string][]int{}
	for _, a := range csvAliases {
		for _, name := range a.names {
			if i, ok := cols[strings.ToLower(name)]; ok {
				idx[a.field] = append(idx[a.field], i)
			}
		}
	}
	if len(idx["text"]) == 0 && len(idx["html"]) == 0 {
		found := make([]string, 0, len(header))
		for _, h := range header {
			found = append(found, strconv.Quote(h))
		}
		return &csvHeaderError{src.name, "the CSV header has no text column (text, body, content, article, articleBody or html); its columns are " +
			strings.Join(found, ", ")}
	}
	value := func(rec []string, field string) string {
		for _, i := range idx[field] {
			if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
				return rec[i]
			}
		}
		return ""
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for row := 2; ; row++ {
		if row&1023 == 0 && r.cancelled() {
			return nil
		}
		guard.n = 0
		rec, err := cr.Read()
		pos := "row " + strconv.Itoa(row)
		fallback := src.name + ":" + strconv.Itoa(row)
		if err == io.EOF {
			if src.s.err != nil {
				r.streamFailed(src, fallback, pos, "after row "+strconv.Itoa(row-1))
			}
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			switch {
			case src.s.err != nil:
				r.streamFailed(src, fallback, pos, "inside row "+strconv.Itoa(row))
				return nil
			case errors.Is(err, errCSVTooLarge):
				r.fail(src, fallback, pos, KindTooLarge, fmt.Sprintf("row %d is over the %d-byte record limit; the rest of the file is skipped", row, r.opts.MaxRecord))
				return nil
			case errors.As(err, &pe):
				msg := fmt.Sprintf("row %d (line %d): %v", row, pe.StartLine, pe.Err)
				if pe.Line != pe.StartLine {
					msg = fmt.Sprintf("row %d (lines %d-%d): %v", row, pe.StartLine, pe.Line, pe.Err)
				}
				if !r.fail(src, fallback, pos, KindBadCSV, msg) {
					return nil
				}
				continue
			default:
				r.fail(src, fallback, pos, KindRead, err.Error())
				return nil
			}
		}
		line, _ := cr.FieldPos(0)
		id := strings.TrimSpace(value(rec, "id"))
		if id == "" {
			id = fallback
		}
		if len(rec) < len(header) {
			if !r.fail(src, id, pos, KindMissingColumn, fmt.Sprintf("row %d (line %d) has %d fields, the header has %d", row, line, len(rec), len(header))) {
				return nil
			}
			continue
		}
		if len(rec) > len(header) && strings.Join(rec[len(header):], "") != "" {
			if !r.fail(src, id, pos, KindBadCSV, fmt.Sprintf("row %d (line %d) has %d fields, the header has %d (an unquoted comma?)", row, line, len(rec), len(header))) {
				return nil
			}
			continue
		}
		size := int64(0)
		for _, f := range rec {
			size += int64(len(f))
		}
		if size > r.opts.MaxRecord {
			if !r.fail(src, id, pos, KindTooLarge, fmt.Sprintf("row %d (line %d) has %d bytes, over the %d-byte record limit", row, line, size, r.opts.MaxRecord)) {
				return nil
			}
			continue
		}
		a := csvArticle{
			Title:     value(rec, "title"),
			Text:      value(rec, "text"),
			HTML:      value(rec, "html"),
			URL:       value(rec, "url"),
			Published: value(rec, "published"),
			Site:      value(rec, "site"),
		}
		buf.Reset()
		if err := enc.Encode(a); err != nil {
			return err // cannot happen: strings always encode
		}
		data := bytes.Clone(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		out := Record{ID: id, Input: src.input, Pos: src.prefix + pos, Data: data, Options: credence.Options{Kind: "json"}}
		if a.Text == "" && a.HTML == "" {
			out.Err = &RecordError{Kind: KindMissingColumn, Msg: fmt.Sprintf("row %d (line %d) has no text: its text column is empty", row, line)}
		}
		if !r.emit(out) {
			return nil
		}
	}
}
