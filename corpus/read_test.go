package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// got is a record as the tests compare it.
type got struct {
	ID, Input, Pos, Kind, Msg string
	Data                      string
	OptKind, URL              string
}

func (g got) String() string {
	return fmt.Sprintf("%+v", struct{ ID, Input, Pos, Kind, Msg string }{g.ID, g.Input, g.Pos, g.Kind, g.Msg})
}

func collect(t *testing.T, inputs []string, opts ReadOptions) ([]got, error) {
	t.Helper()
	var out []got
	for rec, err := range Read(context.Background(), inputs, opts) {
		if err != nil {
			return out, err
		}
		g := got{ID: rec.ID, Input: rec.Input, Pos: rec.Pos, Data: string(rec.Data), OptKind: rec.Options.Kind, URL: rec.Options.URL}
		if rec.Err != nil {
			g.Kind, g.Msg = rec.Err.Kind, rec.Err.Msg
		}
		out = append(out, g)
	}
	return out, nil
}

// check compares records by ID, Input, Pos, Kind and Msg (and Data,
// Options.Kind and URL where want sets them).
func check(t *testing.T, records []got, want []got) {
	t.Helper()
	if len(records) != len(want) {
		for _, r := range records {
			t.Logf("got  %v", r)
		}
		t.Fatalf("got %d records, want %d", len(records), len(want))
	}
	for i, w := range want {
		g := records[i]
		if g.ID != w.ID || g.Input != w.Input || g.Pos != w.Pos || g.Kind != w.Kind || g.Msg != w.Msg {
			t.Errorf("record %d:\n got  %v\n want %v", i, g, w)
		}
		if w.Data != "" && g.Data != w.Data {
			t.Errorf("record %d: data\n got  %q\n want %q", i, g.Data, w.Data)
		}
		if w.OptKind != "" && g.OptKind != w.OptKind {
			t.Errorf("record %d: Options.Kind %q, want %q", i, g.OptKind, w.OptKind)
		}
		if w.URL != "" && g.URL != w.URL {
			t.Errorf("record %d: Options.URL %q, want %q", i, g.URL, w.URL)
		}
	}
}

func write(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

func TestReadJSONL(t *testing.T) {
	dir := t.TempDir()
	big := `{"id":"big","text":"` + strings.Repeat("x", 200) + `"}`
	p := write(t, filepath.Join(dir, "news.jsonl"), []byte("\xef\xbb\xbf"+
		`{"id":"a1","title":"Rates rise","text":"The bank raised rates.","label":"real"}`+"\n"+
		`{"title":"No id","text":"Officials said so."}`+"\r\n"+
		"\n"+
		"   \n"+
		`{"id":"b2","text": "unterminated}`+"\n"+
		`{"id": 42, "text":"a number id"}`+"\n"+
		big+"\n"+
		`["an","array"]`+"\n"+
		`{"id":"","text":"empty id"}`+"\n"+
		`{"id":"last","text":"no newline at the end"}`))
	records, err := collect(t, []string{p}, ReadOptions{MaxRecord: 100})
	if err != nil {
		t.Fatal(err)
	}
	check(t, records, []got{
		{ID: "a1", Input: p, Pos: "line 1", Data: `{"id":"a1","title":"Rates rise","text":"The bank raised rates.","label":"real"}`, OptKind: "json"},
		{ID: p + ":2", Input: p, Pos: "line 2", Data: `{"title":"No id","text":"Officials said so."}`},
		{ID: p + ":5", Input: p, Pos: "line 5", Kind: KindBadJSON, Msg: "not a JSON object: unexpected end of JSON input"},
		{ID: "42", Input: p, Pos: "line 6"},
		{ID: p + ":7", Input: p, Pos: "line 7", Kind: KindTooLarge, Msg: "line 7 has 222 bytes, over the 100-byte record limit"},
		{ID: p + ":8", Input: p, Pos: "line 8", Kind: KindBadJSON, Msg: `not a JSON object: starts with '['`},
		{ID: p + ":9", Input: p, Pos: "line 9"},
		{ID: "last", Input: p, Pos: "line 10", Data: `{"id":"last","text":"no newline at the end"}`},
	})
}

func TestReadJSONLLongLines(t *testing.T) {
	// Lines longer than the read buffer, and one over the limit that is
	// skipped without being kept.
	dir := t.TempDir()
	long := `{"id":"long","text":"` + strings.Repeat("word ", 100000) + `"}`
	huge := `{"id":"huge","text":"` + strings.Repeat("word ", 300000) + `"}`
	p := write(t, filepath.Join(dir, "long.ndjson"), []byte(long+"\n"+huge+"\n"+`{"id":"after"}`+"\n"))
	records, err := collect(t, []string{p}, ReadOptions{MaxRecord: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	check(t, records, []got{
		{ID: "long", Input: p, Pos: "line 1", Data: long},
		{ID: p + ":2", Input: p, Pos: "line 2", Kind: KindTooLarge, Msg: fmt.Sprintf("line 2 has %d bytes, over the 1048576-byte record limit", len(huge))},
		{ID: "after", Input: p, Pos: "line 3"},
	})
}

const csvFile = "\xef\xbb\xbfID,Headline,Body,Link,Date,Publisher,Extra\n" +
	"1,Title one,\"Line one,\nline two\",http://x.example/1,2024-01-01,X,\n" + // row 2, lines 2-3
	"2,Short,only three\n" + // row 3, line 4
	"3,Bad \"quote,text,u,d,s,e\n" + // row 4, line 5
	"\n" + // a blank line is not a row
	"4,Four,Text <b>four</b>,http://x.example/4,2024-01-04,Y,\n" + // row 5, line 7
	",No id,Text five,,,,\n" + // row 6, line 8
	"7,No text,,http://x.example/7,,,\n" + // row 7, line 9
	"8,Too many,Text,u,d,s,e,f,g\n" // row 8, line 10

func TestReadCSV(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "news.csv"), []byte(csvFile))
	records, err := collect(t, []string{p}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check(t, records, []got{
		{ID: "1", Input: p, Pos: "row 2", OptKind: "json",
			Data: `{"title":"Title one","text":"Line one,\nline two","url":"http://x.example/1","published":"2024-01-01","site":"X"}`},
		{ID: "2", Input: p, Pos: "row 3", Kind: KindMissingColumn, Msg: "row 3 (line 4) has 3 fields, the header has 7"},
		{ID: p + ":4", Input: p, Pos: "row 4", Kind: KindBadCSV, Msg: `row 4 (line 5): bare " in non-quoted-field`},
		{ID: "4", Input: p, Pos: "row 5", Data: `{"title":"Four","text":"Text <b>four</b>","url":"http://x.example/4","published":"2024-01-04","site":"Y"}`},
		{ID: p + ":6", Input: p, Pos: "row 6", Data: `{"title":"No id","text":"Text five"}`},
		{ID: "7", Input: p, Pos: "row 7", Kind: KindMissingColumn, Msg: "row 7 (line 9) has no text: its text column is empty",
			Data: `{"title":"No text","url":"http://x.example/7"}`},
		{ID: "8", Input: p, Pos: "row 8", Kind: KindBadCSV, Msg: "row 8 (line 10) has 9 fields, the header has 7 (an unquoted comma?)"},
	})
}

func TestReadCSVAliases(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "sub", "news.tsv"), []byte(
		"TITLE\tContent\tHTML\tURL\tPublish_Date\tsource\tdomain\n"+
			"A title\t\t<p>Only html</p>\thttp://a.example/\t2024-02-03\t\tA.example\n"))
	records, err := collect(t, []string{p}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check(t, records, []got{
		{ID: p + ":2", Input: p, Pos: "row 2",
			Data: `{"title":"A title","html":"<p>Only html</p>","url":"http://a.example/","published":"2024-02-03","site":"A.example"}`},
	})
}

func TestReadCSVNoTextColumn(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "meta.csv"), []byte("id,Title,url\n1,a,b\n"))
	records, err := collect(t, []string{p}, ReadOptions{})
	want := p + `: the CSV header has no text column (text, body, content, article, articleBody or html); its columns are "id", "Title", "url"`
	if err == nil || err.Error() != want || len(records) != 0 {
		t.Fatalf("got %v, %v\nwant error %s", records, err, want)
	}
}

func TestReadCSVLimits(t *testing.T) {
	dir := t.TempDir()
	// A row over the limit is an error record; one so large that the CSV
	// reader would hold it all ends the file.
	p := write(t, filepath.Join(dir, "big.csv"), []byte("id,text\n"+
		"1,short\n"+
		"2,"+strings.Repeat("x", 2000)+"\n"+
		"3,short again\n"+
		"4,\""+strings.Repeat("y", 200000)+"\"\n"+
		"5,never read\n"))
	records, err := collect(t, []string{p}, ReadOptions{MaxRecord: 1000})
	if err != nil {
		t.Fatal(err)
	}
	check(t, records, []got{
		{ID: "1", Input: p, Pos: "row 2"},
		{ID: "2", Input: p, Pos: "row 3", Kind: KindTooLarge, Msg: "row 3 (line 3) has 2001 bytes, over the 1000-byte record limit"},
		{ID: "3", Input: p, Pos: "row 4"},
		{ID: p + ":5", Input: p, Pos: "row 5", Kind: KindTooLarge, Msg: "row 5 is over the 1000-byte record limit; the rest of the file is skipped"},
	})
}

func TestReadTruncatedCSV(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(2))
	var src bytes.Buffer
	src.WriteString("id,title,text\n")
	for i := range 300 {
		w := make([]byte, 300)
		for j := range w {
			w[j] = "abcdefghijklmnopqrstuvwxyz \n"[rng.Intn(28)]
		}
		fmt.Fprintf(&src, "r%d,Title %d,\"%s\"\n", i, i, w)
	}
	z := gz(src.Bytes())
	p := write(t, filepath.Join(dir, "cut.csv.gz"), z[:len(z)/2])
	records, err := collect(t, []string{p}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(records) - 1
	if n < 50 {
		t.Fatalf("%d records", len(records))
	}
	for i, r := range records[:n] {
		if r.ID != "r"+strconv.Itoa(i) || r.Kind != "" {
			t.Fatalf("record %d: %v", i, r)
		}
	}
	row := strconv.Itoa(n + 2)
	check(t, records[n:], []got{{ID: p + ":" + row, Input: p, Pos: "row " + row, Kind: KindTruncated,
		Msg: "the input ends inside row " + row + " (unexpected EOF)"}})
}

// warcRec is one WARC record as written by hand.
func warcRec(typ, id, uri, ctype, block string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <%s>\r\nWARC-Date: 2024-05-06T07:08:09Z\r\n", typ, id)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", ctype, len(block), block)
	return b.String()
}

func httpResp(status, headers, body string) string {
	return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body
}

func chunk(b []byte, size int) string {
	var s strings.Builder
	for len(b) > 0 {
		n := min(size, len(b))
		fmt.Fprintf(&s, "%x\r\n%s\r\n", n, b[:n])
		b = b[n:]
	}
	s.WriteString("0\r\n\r\n")
	return s.String()
}

const page1 = "<!DOCTYPE html><html><head><title>One</title></head><body><p>The mayor said the budget grew.</p></body></html>"
const page2 = "<html><body><article><p>Chunked and gzipped.</p></article></body></html>"

// testWARC is a crawl: the records and their offsets.
func testWARC() (records []string, offsets []int64) {
	const httpType = "application/http; msgtype=response"
	records = []string{
		warcRec("warcinfo", "urn:uuid:0000", "", "application/warc-fields", "software: test\r\nformat: WARC File Format 1.1\r\n"),
		warcRec("request", "urn:uuid:1111", "https://news.example/a", "application/http; msgtype=request", "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
		warcRec("response", "urn:uuid:2222", "https://news.example/a", httpType,
			httpResp("200 OK", "Content-Type: text/html; charset=UTF-8\r\nContent-Length: "+strconv.Itoa(len(page1))+"\r\n", page1)),
		warcRec("response", "urn:uuid:3333", "https://news.example/logo.jpg", httpType,
			httpResp("200 OK", "Content-Type: image/jpeg\r\n", "\xff\xd8\xff\xe0\x00\x10JFIF\x00")),
		warcRec("response", "urn:uuid:4444", "https://news.example/b", httpType,
			httpResp("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", chunk(gz([]byte(page2)), 20))),
		warcRec("revisit", "urn:uuid:5555", "https://news.example/a", httpType, "HTTP/1.1 200 OK\r\n\r\n"),
		warcRec("response", "urn:uuid:6666", "https://news.example/gone", httpType,
			httpResp("404 Not Found", "Content-Type: text/html\r\n", "<html><body>Not found</body></html>")),
		warcRec("response", "urn:uuid:7777", "https://news.example/old", httpType,
			httpResp("301 Moved Permanently", "Location: https://news.example/a\r\n", "")),
		warcRec("response", "urn:uuid:8888", "https://news.example/c", httpType,
			httpResp("200 OK", "", "<html><body><p>No content type, sniffed.</p></body></html>")),
	}
	var off int64
	for _, r := range records {
		offsets = append(offsets, off)
		off += int64(len(r))
	}
	return records, offsets
}

// gzWARC compresses each record as its own gzip member, as crawlers do.
func gzWARC(records []string) []byte {
	var out []byte
	for _, r := range records {
		out = append(out, gz([]byte(r))...)
	}
	return out
}

// gzOffsets are the records' offsets in gzWARC(records).
func gzOffsets(records []string) []int64 {
	var offsets []int64
	var off int64
	for _, r := range records {
		offsets = append(offsets, off)
		off += int64(len(gz([]byte(r))))
	}
	return offsets
}

// wantWARC is what Read makes of testWARC: prefix+offset is each Pos.
func wantWARC(p, prefix string, offsets []int64) []got {
	off := func(i int) string { return prefix + strconv.FormatInt(offsets[i], 10) }
	return []got{
		{ID: "urn:uuid:2222", Input: p, Pos: off(2), Data: page1, OptKind: "html", URL: "https://news.example/a"},
		{ID: "urn:uuid:3333", Input: p, Pos: off(3), Kind: KindNotHTML, Msg: "the payload is image/jpeg, not HTML: https://news.example/logo.jpg"},
		{ID: "urn:uuid:4444", Input: p, Pos: off(4), Data: page2, OptKind: "html", URL: "https://news.example/b"},
		{ID: "urn:uuid:6666", Input: p, Pos: off(6), Kind: KindHTTPStatus, Msg: "HTTP status 404, not a page: https://news.example/gone"},
		{ID: "urn:uuid:8888", Input: p, Pos: off(8), Data: "<html><body><p>No content type, sniffed.</p></body></html>"},
	}
}

func TestReadWARC(t *testing.T) {
	records, offsets := testWARC()
	dir := t.TempDir()
	for _, name := range []string{"crawl.warc.gz", "crawl.warc", "whole.warc.gz"} {
		t.Run(name, func(t *testing.T) {
			var data []byte
			switch name {
			case "crawl.warc.gz":
				data = gzWARC(records)
			case "crawl.warc":
				data = []byte(strings.Join(records, ""))
			case "whole.warc.gz": // the whole file compressed as one member
				data = gz([]byte(strings.Join(records, "")))
			}
			p := write(t, filepath.Join(dir, name), data)
			var st ReadStats
			res, err := collect(t, []string{p}, ReadOptions{Stats: &st})
			if err != nil {
				t.Fatal(err)
			}
			switch name {
			case "crawl.warc.gz": // offsets in the compressed file
				check(t, res, wantWARC(p, "offset ", gzOffsets(records)))
				// A reader can seek there and decompress one member.
				zr, err := gzip.NewReader(bytes.NewReader(data[gzOffsets(records)[4]:]))
				if err != nil {
					t.Fatal(err)
				}
				zr.Multistream(false)
				if b, _ := io.ReadAll(zr); string(b) != records[4] {
					t.Errorf("the member at record 4's offset holds %.40q", b)
				}
			case "crawl.warc":
				check(t, res, wantWARC(p, "offset ", offsets))
			case "whole.warc.gz": // no member starts at a record but the first
				check(t, res, wantWARC(p, "decompressed offset ", offsets))
			}
			if st != (ReadStats{Records: 5, Errors: 2, Skipped: 4}) {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestReadWARCBadHeader(t *testing.T) {
	records, offsets := testWARC()
	bad := "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bad>\r\nno colon here\r\n\r\n"
	data := records[2] + "garbage line\r\nmore garbage\r\n" + records[4] + bad + records[8]
	p := write(t, filepath.Join(t.TempDir(), "bad.warc"), []byte(data))
	res, err := collect(t, []string{p}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l2, l4 := int64(len(records[2])), int64(len(records[4]))
	g := l2 + int64(len("garbage line\r\nmore garbage\r\n"))
	_ = offsets
	check(t, res, []got{
		{ID: "urn:uuid:2222", Input: p, Pos: "offset 0"},
		{ID: p + "@" + strconv.FormatInt(l2, 10), Input: p, Pos: "offset " + strconv.FormatInt(l2, 10), Kind: KindBadWARC,
			Msg: `expected a WARC/1.x version line, found "garbage line"`},
		{ID: "urn:uuid:4444", Input: p, Pos: "offset " + strconv.FormatInt(g, 10)},
		{ID: "urn:uuid:bad", Input: p, Pos: "offset " + strconv.FormatInt(g+l4, 10), Kind: KindBadWARC, Msg: `WARC header line "no colon here" has no colon`},
		{ID: "urn:uuid:8888", Input: p, Pos: "offset " + strconv.FormatInt(g+l4+int64(len(bad)), 10)},
	})
}

func TestReadTruncatedWARC(t *testing.T) {
	records, offsets := testWARC()
	dir := t.TempDir()
	// .warc.gz cut inside the last record's gzip member.
	full := gzWARC(records)
	last := len(gz([]byte(records[8])))
	p := write(t, filepath.Join(dir, "cut.warc.gz"), full[:len(full)-last/2])
	// .warc cut inside the last record's block.
	plain := strings.Join(records, "")
	q := write(t, filepath.Join(dir, "cut.warc"), []byte(plain[:len(plain)-20]))
	next := write(t, filepath.Join(dir, "next.jsonl"), []byte(`{"id":"next"}`+"\n"))
	res, err := collect(t, []string{p, q, next}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := wantWARC(p, "offset ", gzOffsets(records))
	want[4] = got{ID: "urn:uuid:8888", Input: p, Pos: "offset " + strconv.FormatInt(gzOffsets(records)[8], 10), Kind: KindTruncated,
		Msg: "the input ends inside the record's header (unexpected EOF)"}
	want2 := wantWARC(q, "offset ", offsets)
	want2[4] = got{ID: "urn:uuid:8888", Input: q, Pos: "offset " + strconv.FormatInt(offsets[8], 10), Kind: KindTruncated,
		Msg: "the input ends inside the record's block (16 of its Content-Length 77 bytes are missing)"}
	want = append(want, want2...)
	want = append(want, got{ID: "next", Input: next, Pos: "line 1"})
	check(t, res, want)
}

func TestReadTruncatedGzip(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(1))
	var lines []string
	var src bytes.Buffer
	for i := 0; i < 400; i++ {
		w := make([]byte, 200)
		for j := range w {
			w[j] = "abcdefghijklmnopqrstuvwxyz "[rng.Intn(27)]
		}
		l := fmt.Sprintf(`{"id":"n%d","text":"%s"}`, i, w)
		lines = append(lines, l)
		src.WriteString(l + "\n")
	}
	z := gz(src.Bytes())
	cut := write(t, filepath.Join(dir, "cut.jsonl.gz"), z[:len(z)/2])
	trailer := write(t, filepath.Join(dir, "trailer.jsonl.gz"), z[:len(z)-4]) // all the data, no size
	bad := write(t, filepath.Join(dir, "bad.jsonl.gz"), []byte("\x1f\x8b\x09garbage"))
	next := write(t, filepath.Join(dir, "next.jsonl"), []byte(`{"id":"next"}`+"\n"))
	records, err := collect(t, []string{cut, trailer, bad, next}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The cut file: its complete lines, then one truncated record.
	n := 0
	for n < len(records) && records[n].Input == cut && records[n].Kind == "" {
		if records[n].ID != "n"+strconv.Itoa(n) || records[n].Data != lines[n] {
			t.Fatalf("record %d: %v", n, records[n])
		}
		n++
	}
	if n < 100 || n >= 400 {
		t.Fatalf("%d complete records before the cut", n)
	}
	l := strconv.Itoa(n + 1)
	var want []got
	want = append(want, got{ID: cut + ":" + l, Input: cut, Pos: "line " + l, Kind: KindTruncated, Msg: "the input ends inside line " + l + " (unexpected EOF)"})
	for i := range 400 {
		want = append(want, got{ID: "n" + strconv.Itoa(i), Input: trailer, Pos: "line " + strconv.Itoa(i+1)})
	}
	want = append(want,
		got{ID: trailer + ":401", Input: trailer, Pos: "line 401", Kind: KindTruncated, Msg: "the input ends after line 400 (unexpected EOF)"},
		got{ID: bad, Input: bad, Pos: "offset 0", Kind: KindRead, Msg: "not a readable gzip stream: gzip: invalid header"},
		got{ID: "next", Input: next, Pos: "line 1"},
	)
	check(t, records[n:], want)
}

func TestReadFolder(t *testing.T) {
	root := filepath.Join(t.TempDir(), "corpus")
	write(t, filepath.Join(root, "a.txt"), []byte("Plain text article."))
	write(t, filepath.Join(root, "b.HTML"), []byte("<html><body><p>Page</p></body></html>"))
	write(t, filepath.Join(root, "c.json"), []byte(`{"title":"One","text":"Article."}`))
	write(t, filepath.Join(root, ".hidden.txt"), []byte("hidden"))
	write(t, filepath.Join(root, ".git", "x.txt"), []byte("hidden folder"))
	write(t, filepath.Join(root, "notes.md"), []byte("not read"))
	write(t, filepath.Join(root, "sub", "d.jsonl"), []byte(`{"id":"d1","text":"x"}`+"\n"+`{"text":"y"}`+"\n"))
	write(t, filepath.Join(root, "sub", "deeper", "e.htm.gz"), gz([]byte("<p>gzipped page</p>")))
	write(t, filepath.Join(root, "sub", "f.csv"), []byte("text\nrow text\n"))
	write(t, filepath.Join(root, "sub", "meta.tsv"), []byte("file\tauthor\nf.csv\tA. Writer\n"))
	write(t, filepath.Join(root, "z.txt"), []byte("Last."))
	var st ReadStats
	records, err := collect(t, []string{root}, ReadOptions{Stats: &st})
	if err != nil {
		t.Fatal(err)
	}
	check(t, records, []got{
		{ID: "a.txt", Input: root, Pos: "a.txt", Data: "Plain text article.", OptKind: "text"},
		{ID: "b.HTML", Input: root, Pos: "b.HTML", OptKind: "html"},
		{ID: "c.json", Input: root, Pos: "c.json", OptKind: "json"},
		{ID: "d1", Input: root, Pos: "sub/d.jsonl line 1", OptKind: "json"},
		{ID: "sub/d.jsonl:2", Input: root, Pos: "sub/d.jsonl line 2"},
		{ID: "sub/deeper/e.htm.gz", Input: root, Pos: "sub/deeper/e.htm.gz", Data: "<p>gzipped page</p>", OptKind: "html"},
		{ID: "sub/f.csv:2", Input: root, Pos: "sub/f.csv row 2", Data: `{"text":"row text"}`},
		{ID: "sub/meta.tsv:1", Input: root, Pos: "sub/meta.tsv row 1", Kind: KindMissingColumn,
			Msg: `the CSV header has no text column (text, body, content, article, articleBody or html); its columns are "file", "author"`},
		{ID: "z.txt", Input: root, Pos: "z.txt"},
	})
	if st.SkippedFiles != 1 {
		t.Errorf("stats %+v", st)
	}
	// A single file given as an input.
	a := filepath.Join(root, "a.txt")
	records, err = collect(t, []string{a}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check(t, records, []got{{ID: a, Input: a, Pos: "file", OptKind: "text"}})
	// A file over the limit.
	records, err = collect(t, []string{a}, ReadOptions{MaxRecord: 5})
	if err != nil {
		t.Fatal(err)
	}
	check(t, records, []got{{ID: a, Input: a, Pos: "file", Kind: KindTooLarge, Msg: "the file is over the 5-byte record limit"}})
}

func TestReadStdin(t *testing.T) {
	records, offsets := testWARC()
	cases := []struct {
		name, in string
		want     []got
	}{
		{"jsonl", "\n" + `{"id":"s1","text":"x"}` + "\n" + `{"text":"y"}`, []got{
			{ID: "s1", Input: "-", Pos: "line 2"}, {ID: "-:3", Input: "-", Pos: "line 3"}}},
		{"gzip jsonl", string(gz([]byte(`{"id":"z1"}` + "\n"))), []got{{ID: "z1", Input: "-", Pos: "line 1"}}},
		{"csv", "id,title,text\n7,T,Body text\n", []got{{ID: "7", Input: "-", Pos: "row 2", Data: `{"title":"T","text":"Body text"}`}}},
		{"tsv", "\"Title\"\tBody\nT\tBody text\n", []got{{ID: "-:2", Input: "-", Pos: "row 2", Data: `{"title":"T","text":"Body text"}`}}},
		{"warc", string(gzWARC(records[2:3])), []got{{ID: "urn:uuid:2222", Input: "-", Pos: "offset 0", Data: page1}}},
		{"empty", "", nil},
	}
	_ = offsets
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			records, err := collect(t, []string{"-"}, ReadOptions{Stdin: strings.NewReader(c.in)})
			if err != nil {
				t.Fatal(err)
			}
			check(t, records, c.want)
		})
	}
	_, err := collect(t, []string{"-"}, ReadOptions{Stdin: strings.NewReader("Just some text, no header.\n")})
	want := `cannot tell the format of standard input (it starts with "Just some text, "): give --format (jsonl, csv, tsv, warc, txt, html or json)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// A forced format.
	res, err := collect(t, []string{"-"}, ReadOptions{Stdin: strings.NewReader("Just some text."), Format: "txt"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, res, []got{{ID: "-", Input: "-", Pos: "file", Data: "Just some text.", OptKind: "text"}})
}

func TestReadFatal(t *testing.T) {
	dir := t.TempDir()
	ok := write(t, filepath.Join(dir, "ok.jsonl"), []byte(`{"id":"ok"}`+"\n"))
	records, err := collect(t, []string{ok, filepath.Join(dir, "missing.jsonl"), ok}, ReadOptions{})
	if err == nil || !os.IsNotExist(err) || len(records) != 1 {
		t.Errorf("missing file: %v, %v", records, err)
	}
	unknown := write(t, filepath.Join(dir, "data.bin"), []byte("\x00\x01binary"))
	_, err = collect(t, []string{unknown}, ReadOptions{})
	if err == nil || !strings.Contains(err.Error(), "cannot tell the format of "+unknown) {
		t.Errorf("unknown format: %v", err)
	}
	_, err = collect(t, []string{ok}, ReadOptions{Format: "xml"})
	if err == nil || err.Error() != `unknown format "xml" (want jsonl, csv, tsv, warc, dir, txt, html or json)` {
		t.Errorf("bad format: %v", err)
	}
}

func TestReadCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for rec, err := range Read(ctx, []string{"-"}, ReadOptions{Stdin: &lazyJSONL{lines: 1000}}) {
		if err != nil {
			last = err
			break
		}
		_ = rec
		n++
		if n == 3 {
			cancel()
		}
	}
	if n != 3 || last != context.Canceled {
		t.Errorf("got %d records, then %v", n, last)
	}
}

// lazyJSONL makes JSONL lines as they are read.
type lazyJSONL struct {
	lines, made int
	produced    int64
	buf         []byte
}

func (l *lazyJSONL) Read(p []byte) (int, error) {
	for len(l.buf) == 0 {
		if l.made == l.lines {
			return 0, io.EOF
		}
		l.made++
		l.buf = fmt.Appendf(l.buf[:0], `{"id":"r%d","title":"Lazy","text":"%s"}`+"\n", l.made, strings.Repeat("Lorem ipsum dolor sit amet. ", 8))
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	l.produced += int64(n)
	return n, nil
}

func TestReadStreams(t *testing.T) {
	src := &lazyJSONL{lines: 50000}
	n := 0
	for rec, err := range Read(context.Background(), []string{"-"}, ReadOptions{Stdin: src}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if rec.ID != "r"+strconv.Itoa(n) || rec.Err != nil {
			t.Fatalf("record %d: %+v", n, rec)
		}
		if n == 1 && src.produced > 1<<20 {
			// The whole input is about 13 MB: the first record must come
			// after reading a buffer's worth, not everything.
			t.Fatalf("%d bytes were read before the first record", src.produced)
		}
	}
	if n != 50000 {
		t.Fatalf("%d records", n)
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	var data bytes.Buffer
	rng := rand.New(rand.NewSource(1))
	words := strings.Fields("the mayor said on tuesday that budget would grow by percent according to officials who spoke in city hall")
	for i := 0; data.Len() < 16<<20; i++ {
		var text strings.Builder
		for range 600 {
			text.WriteString(words[rng.Intn(len(words))])
			text.WriteByte(' ')
		}
		fmt.Fprintf(&data, `{"id":"a%d","title":"Headline %d","url":"https://news.example/%d","published":"2024-01-02","text":"%s","label":"real"}`+"\n", i, i, i, text.String())
	}
	b.SetBytes(int64(data.Len()))
	b.ResetTimer()
	for range b.N {
		n := 0
		for _, err := range Read(context.Background(), []string{"-"}, ReadOptions{Stdin: bytes.NewReader(data.Bytes()), Format: "jsonl"}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
}

// benchWARC is 1,000 HTML responses of about 30 KB each.
func benchWARC() (recs []string, payload int64) {
	rng := rand.New(rand.NewSource(1))
	words := strings.Fields("the mayor said on tuesday that budget would grow by percent according to officials who spoke in city hall")
	for i := range 1000 {
		var body strings.Builder
		for body.Len() < 30000 {
			body.WriteString("<p>")
			for range 40 {
				body.WriteString(words[rng.Intn(len(words))])
				body.WriteByte(' ')
			}
			body.WriteString("</p>\n")
		}
		payload += int64(body.Len())
		recs = append(recs, warcRec("response", fmt.Sprintf("urn:uuid:%08d", i), "http://example.com/"+strconv.Itoa(i), "application/http;msgtype=response",
			httpResp("200 OK", "Content-Type: text/html; charset=utf-8\r\nContent-Length: "+strconv.Itoa(body.Len())+"\r\n", body.String())))
	}
	return recs, payload
}

// BenchmarkReadWARC reports MB/s of HTML payload.
func BenchmarkReadWARC(b *testing.B) {
	recs, payload := benchWARC()
	for _, c := range []struct {
		name string
		data []byte
	}{{"plain", []byte(strings.Join(recs, ""))}, {"gzip", gzWARC(recs)}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(payload) // payload bytes, as the dependency survey measured
			for range b.N {
				for _, err := range Read(context.Background(), []string{"-"}, ReadOptions{Stdin: bytes.NewReader(c.data), Format: "warc"}) {
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
