package corpus

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/credence-news/credence"
)

// maxWARCHeader bounds a WARC record's header (or an HTTP header) section.
const maxWARCHeader = 1 << 20

// warcHeader is what Read uses of a WARC record's header.
type warcHeader struct {
	version       string
	typ           string // lower case
	id            string // without the angle brackets
	uri           string
	date          string
	contentType   string // lower case
	contentLength int64  // -1 when missing or not a number
}

// warcScanner reads WARC records from a decompressed stream, keeping the
// byte offset.
type warcScanner struct {
	br  *bufio.Reader
	off int64 // bytes consumed
}

// line reads one line (at most maxWARCHeader bytes are kept).
func (w *warcScanner) line() ([]byte, error) {
	var out []byte
	for {
		chunk, err := w.br.ReadSlice('\n')
		w.off += int64(len(chunk))
		if len(out)+len(chunk) <= maxWARCHeader {
			out = append(out, chunk...)
		}
		if err != bufio.ErrBufferFull {
			return out, err
		}
	}
}

// errWARCEOF is the end of the stream between records.
var errWARCEOF = errors.New("end of WARC stream")

// next reads up to the next record's header. start is the record's offset.
// A header that is not a WARC header is a *warcSyntaxError; the scanner is
// then past the bad part, at the next line that starts with "WARC/" or the
// end. io.ErrUnexpectedEOF means the stream ended inside the header.
func (w *warcScanner) next() (h warcHeader, start int64, err error) {
	// Skip the blank lines between records.
	var l []byte
	for {
		start = w.off
		l, err = w.line()
		if len(bytes.TrimSpace(l)) > 0 {
			break
		}
		if err != nil {
			if err == io.EOF {
				return h, start, errWARCEOF
			}
			return h, start, err
		}
	}
	if !bytes.HasPrefix(l, []byte("WARC/")) {
		// Garbage: skip to the next version line.
		found := fmt.Sprintf("%q", truncateBytes(bytes.TrimSpace(l), 40))
		for err == nil {
			head, _ := w.br.Peek(5)
			if bytes.Equal(head, []byte("WARC/")) {
				break
			}
			_, err = w.line()
		}
		return h, start, &warcSyntaxError{"expected a WARC/1.x version line, found " + found}
	}
	if err != nil {
		return h, start, io.ErrUnexpectedEOF
	}
	h.version = string(bytes.TrimSpace(l))
	h.contentLength = -1
	size := len(l)
	var name string
	for {
		l, err = w.line()
		size += len(l)
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return h, start, err
		}
		if size > maxWARCHeader {
			return h, start, &warcSyntaxError{"the WARC header is over 1 MiB"}
		}
		t := bytes.TrimRight(l, "\r\n")
		if len(t) == 0 {
			break
		}
		if t[0] == ' ' || t[0] == '\t' {
			if name == "warc-target-uri" {
				h.uri += strings.TrimSpace(string(t))
			}
			continue // a continuation line
		}
		k, v, ok := bytes.Cut(t, []byte(":"))
		if !ok {
			return h, start, &warcSyntaxError{fmt.Sprintf("WARC header line %q has no colon", truncateBytes(t, 40))}
		}
		name = strings.ToLower(string(bytes.TrimSpace(k)))
		val := string(bytes.TrimSpace(v))
		switch name {
		case "warc-type":
			h.typ = strings.ToLower(val)
		case "warc-record-id":
			h.id = strings.TrimSuffix(strings.TrimPrefix(val, "<"), ">")
		case "warc-target-uri":
			h.uri = strings.TrimSuffix(strings.TrimPrefix(val, "<"), ">")
		case "warc-date":
			h.date = val
		case "content-type":
			h.contentType = strings.ToLower(val)
		case "content-length":
			n, perr := strconv.ParseInt(val, 10, 64)
			if perr != nil || n < 0 {
				return h, start, &warcSyntaxError{fmt.Sprintf("Content-Length %q is not a number", val)}
			}
			h.contentLength = n
		}
	}
	if h.contentLength < 0 {
		return h, start, &warcSyntaxError{"the WARC header has no Content-Length"}
	}
	return h, start, nil
}

// warcSyntaxError is a WARC header that does not parse.
type warcSyntaxError struct{ msg string }

func (e *warcSyntaxError) Error() string { return e.msg }

func truncateBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// readWARC reads a WARC file's HTML responses (and HTML resource records).
// Other records (warcinfo, request, metadata, revisit, non-HTML resources,
// dns: responses, HTTP redirects) are skipped and counted in
// ReadStats.Skipped.
//
//	ID:  WARC-Record-ID without the angle brackets, else "name@N" (N as in Pos)
//	Pos: "offset N": the record's byte offset in the file: in the
//	     compressed file for a .warc.gz whose records each start a gzip
//	     member (as crawlers write them), where a reader can seek to; a
//	     record inside a member (a WARC gzipped whole) is "decompressed
//	     offset N", its offset in the decompressed stream
//
// Data is the HTTP body, de-chunked and decoded (gzip, deflate);
// Options.Kind is "html" and Options.URL the WARC-Target-URI.
func (r *reader) readWARC(src *source) {
	w := &warcScanner{br: bufio.NewReaderSize(src.r, 64<<10)}
	hr := bufio.NewReaderSize(nil, 16<<10)
	for n := 0; ; n++ {
		if n&255 == 0 && r.cancelled() {
			return
		}
		h, start, err := w.next()
		at := strconv.FormatInt(start, 10)
		pos := "offset " + at
		if src.members != nil {
			if c, ok := src.members.compressedAt(start); ok {
				at = strconv.FormatInt(c, 10)
				pos = "offset " + at
			} else {
				pos = "decompressed offset " + at
			}
		}
		id := h.id
		if id == "" {
			id = src.name + "@" + at
		}
		var se *warcSyntaxError
		switch {
		case err == errWARCEOF:
			if src.s.err != nil {
				r.streamFailed(src, id, pos, "between records")
			}
			return
		case errors.As(err, &se):
			if !r.fail(src, id, pos, KindBadWARC, se.msg) {
				return
			}
			continue
		case err != nil:
			r.warcCut(src, id, pos, "inside the record's header")
			return
		}
		block := &io.LimitedReader{R: w.br, N: h.contentLength}
		ok := r.warcRecord(src, h, id, pos, block, hr)
		// Skip what is left of the block.
		if _, err := io.Copy(io.Discard, block); err != nil || block.N > 0 {
			r.warcCut(src, id, pos, fmt.Sprintf("inside the record's block (%d of its Content-Length %d bytes are missing)", block.N, h.contentLength))
			return
		}
		w.off += h.contentLength
		if !ok {
			return
		}
	}
}

// warcCut reports a WARC stream that ends (or breaks) inside a record.
func (r *reader) warcCut(src *source, id, pos, where string) {
	if src.s.err != nil {
		r.streamFailed(src, id, pos, where)
		return
	}
	r.fail(src, id, pos, KindTruncated, "the input ends "+where)
}

// warcRecord handles one record whose block is block, reporting whether to
// go on. A record cut short is left to the caller (block.N > 0).
func (r *reader) warcRecord(src *source, h warcHeader, id, pos string, block *io.LimitedReader, hr *bufio.Reader) bool {
	skip := func() bool {
		if r.opts.Stats != nil {
			r.opts.Stats.Skipped++
		}
		return true
	}
	fail := func(kind, msg string) bool {
		if block.N > 0 {
			// Make sure the record is complete before calling it anything else.
			if _, err := io.Copy(io.Discard, block); err != nil || block.N > 0 {
				return true
			}
		}
		return r.fail(src, id, pos, kind, msg)
	}
	media := mediaType(h.contentType)
	var status int
	var header map[string]string
	switch {
	case (h.typ == "response" || h.typ == "resource") && isHTML(media):
		// A page stored without its HTTP headers.
	case h.typ == "response" && strings.HasPrefix(media, "application/http"):
		hr.Reset(block)
		var err error
		status, header, err = readHTTPHeader(hr)
		if err != nil {
			if src.s.err != nil || block.N > 0 && errors.Is(err, io.ErrUnexpectedEOF) {
				return true // the input is cut: the caller reports it
			}
			return fail(KindBadWARC, "the HTTP response headers do not parse: "+err.Error())
		}
	default:
		return skip()
	}
	var body io.Reader = block
	size := block.N
	if header != nil {
		body = hr
		size = block.N + int64(hr.Buffered())
		if status >= 300 && status < 400 || status == 100 {
			return skip() // a redirect: no page
		}
		if status != 200 && status != 203 {
			return fail(KindHTTPStatus, fmt.Sprintf("HTTP status %d, not a page: %s", status, h.uri))
		}
		media = mediaType(header["content-type"])
		if media != "" && !isHTML(media) {
			return fail(KindNotHTML, fmt.Sprintf("the payload is %s, not HTML: %s", media, h.uri))
		}
	}
	if size > r.opts.MaxRecord {
		return fail(KindTooLarge, fmt.Sprintf("the payload has %d bytes, over the %d-byte record limit: %s", size, r.opts.MaxRecord, h.uri))
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(body, data); err != nil {
		return true // the input is cut: the caller reports it
	}
	if header != nil {
		var err error
		if strings.Contains(strings.ToLower(header["transfer-encoding"]), "chunked") {
			data = dechunk(data, r.opts.MaxRecord)
		}
		if data, err = decodeBody(data, header["content-encoding"], r.opts.MaxRecord); err != nil {
			if errors.Is(err, errBodyTooLarge) {
				return fail(KindTooLarge, fmt.Sprintf("the decoded payload is over the %d-byte record limit: %s", r.opts.MaxRecord, h.uri))
			}
			return fail(KindNotHTML, fmt.Sprintf("%v: %s", err, h.uri))
		}
	}
	sniffed := mediaType(http.DetectContentType(data))
	if media == "" && !isHTML(sniffed) {
		return fail(KindNotHTML, fmt.Sprintf("the payload has no Content-Type and looks like %s, not HTML: %s", sniffed, h.uri))
	}
	if isBinaryType(sniffed) {
		return fail(KindNotHTML, fmt.Sprintf("the payload is declared %s but looks like %s: %s", media, sniffed, h.uri))
	}
	return r.emit(Record{ID: id, Input: src.input, Pos: src.prefix + pos, Data: data,
		Options: credence.Options{Kind: "html", URL: h.uri}})
}

// readHTTPHeader reads an HTTP response's status line and headers
// (leniently: lines without a colon are ignored; names lower case).
func readHTTPHeader(br *bufio.Reader) (int, map[string]string, error) {
	status, err := br.ReadSlice('\n')
	switch {
	case err == bufio.ErrBufferFull:
		return 0, nil, errors.New("the HTTP status line is over 16 KiB")
	case err == io.EOF:
		return 0, nil, fmt.Errorf("%w: no HTTP status line", io.ErrUnexpectedEOF)
	case err != nil:
		return 0, nil, err
	}
	f := strings.Fields(string(status))
	if len(f) < 2 || !strings.HasPrefix(f[0], "HTTP/") {
		return 0, nil, fmt.Errorf("status line %q is not HTTP", truncateBytes(bytes.TrimSpace(status), 40))
	}
	code, err := strconv.Atoi(f[1])
	if err != nil {
		return 0, nil, fmt.Errorf("status line %q has no status code", truncateBytes(bytes.TrimSpace(status), 40))
	}
	header := map[string]string{}
	size := 0
	for {
		l, err := br.ReadSlice('\n')
		size += len(l)
		if err == bufio.ErrBufferFull {
			// A header line over 16 KiB: skip it.
			for err == bufio.ErrBufferFull {
				l, err = br.ReadSlice('\n')
				size += len(l)
			}
			if err == nil {
				continue
			}
		}
		if err != nil {
			return 0, nil, fmt.Errorf("%w: the HTTP header has no end", io.ErrUnexpectedEOF)
		}
		if size > maxWARCHeader {
			return 0, nil, errors.New("the HTTP header is over 1 MiB")
		}
		t := bytes.TrimRight(l, "\r\n")
		if len(t) == 0 {
			return code, header, nil
		}
		k, v, ok := bytes.Cut(t, []byte(":"))
		if !ok || t[0] == ' ' || t[0] == '\t' {
			continue
		}
		name := strings.ToLower(string(bytes.TrimSpace(k)))
		if _, seen := header[name]; !seen {
			header[name] = string(bytes.TrimSpace(v))
		}
	}
}

// mediaType is a Content-Type's media type, lower case ("" when empty).
func mediaType(ct string) string {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

func isHTML(media string) bool {
	return media == "text/html" || media == "application/xhtml+xml"
}

// isBinaryType reports whether a sniffed type is certainly not a page.
func isBinaryType(media string) bool {
	for _, p := range []string{"image/", "audio/", "video/", "font/"} {
		if strings.HasPrefix(media, p) {
			return true
		}
	}
	switch media {
	case "application/pdf", "application/zip", "application/x-gzip", "application/octet-stream",
		"application/x-rar-compressed", "application/wasm", "application/vnd.ms-fontobject", "application/ogg":
		return true
	}
	return false
}

// dechunk undoes chunked transfer coding; a body that is not validly
// chunked (a crawler that stored it de-chunked) is returned as it is.
func dechunk(data []byte, max int64) []byte {
	out, err := io.ReadAll(io.LimitReader(httputil.NewChunkedReader(bytes.NewReader(data)), max+1))
	if errors.Is(err, io.ErrUnexpectedEOF) && len(out) > 0 {
		return out // the crawler cut the body: keep what there is
	}
	if err != nil || len(out) == 0 && len(data) > 5 {
		return data
	}
	return out
}

var errBodyTooLarge = errors.New("decoded body over the record limit")

// decodeBody undoes a Content-Encoding. A body that does not start like
// the encoding says (a crawler that stored it decoded) is returned as it is.
func decodeBody(data []byte, encoding string, max int64) ([]byte, error) {
	var zr io.Reader
	switch enc := strings.ToLower(strings.TrimSpace(encoding)); enc {
	case "", "identity", "none", "utf-8", "utf8":
		return data, nil
	case "gzip", "x-gzip":
		if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
			return data, nil
		}
		g, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("the gzip-encoded payload does not decode: %v", err)
		}
		zr = g
	case "deflate":
		if z, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			zr = z
		} else {
			zr = flate.NewReader(bytes.NewReader(data))
		}
	default:
		if len(data) > 0 && (data[0] == '<' || data[0] == ' ' || data[0] == '\n') {
			return data, nil // stored decoded
		}
		return nil, fmt.Errorf("the payload's Content-Encoding %q is not supported", encoding)
	}
	out, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		return nil, fmt.Errorf("the %s-encoded payload does not decode: %v", strings.ToLower(encoding), err)
	}
	if int64(len(out)) > max {
		return nil, errBodyTooLarge
	}
	return out, nil
}
