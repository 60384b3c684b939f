package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/credence-news/credence"
)

// jsonlID is all of a JSONL line Read decodes: the rest is the analyzer's.
type jsonlID struct {
	ID json.RawMessage `json:"id"`
}

// readJSONL reads one JSON object per line. Blank lines are skipped; the
// last line needs no newline.
//
//	ID:  the "id" field (a non-empty string, or a number's text), else "name:N"
//	Pos: "line N" (1-based, counting blank lines)
func (r *reader) readJSONL(src *source) {
	br := bufio.NewReaderSize(src.r, 64<<10)
	max := r.opts.MaxRecord
	for n := 1; ; n++ {
		if n&1023 == 0 && r.cancelled() {
			return
		}
		var line []byte
		var size int64
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			size += int64(len(chunk))
			if size <= max+2 { // room for "\r\n"
				if line == nil && err != bufio.ErrBufferFull {
					line = make([]byte, len(chunk)) // the common case: one copy
					copy(line, chunk)
				} else {
					line = append(line, chunk...)
				}
			} else {
				line = nil // over the limit: count the rest, keep nothing
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		pos := "line " + strconv.Itoa(n)
		fallback := src.name + ":" + strconv.Itoa(n)
		if err != nil && err != io.EOF {
			// A damaged stream: what was read of this line is not a record.
			where := "inside line " + strconv.Itoa(n)
			if size == 0 {
				where = "after line " + strconv.Itoa(n-1)
			}
			r.streamFailed(src, fallback, pos, where)
			return
		}
		if size == 0 && err == io.EOF {
			return
		}
		if size > max+2 || int64(len(trimEOL(line))) > max {
			if err == nil {
				size-- // the newline
			}
			if !r.fail(src, fallback, pos, KindTooLarge, fmt.Sprintf("line %d has %d bytes, over the %d-byte record limit", n, size, max)) {
				return
			}
		} else if !r.jsonlLine(src, n, trimEOL(line), pos, fallback) {
			return
		}
		if err == io.EOF {
			return
		}
	}
}

// jsonlLine yields one non-empty-or-blank JSONL line.
func (r *reader) jsonlLine(src *source, n int, line []byte, pos, fallback string) bool {
	if n == 1 {
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
	}
	t := bytes.TrimLeft(line, " \t\r")
	if len(bytes.TrimRight(t, " \t\r")) == 0 {
		return true // a blank line is not a record
	}
	if t[0] != '{' {
		c := t[0]
		return r.emit(Record{ID: fallback, Input: src.input, Pos: src.prefix + pos, Data: line,
			Err: &RecordError{Kind: KindBadJSON, Msg: fmt.Sprintf("not a JSON object: starts with %q", c)}})
	}
	var v jsonlID
	if err := json.Unmarshal(line, &v); err != nil {
		return r.emit(Record{ID: fallback, Input: src.input, Pos: src.prefix + pos, Data: line,
			Err: &RecordError{Kind: KindBadJSON, Msg: "not a JSON object: " + err.Error()}})
	}
	id := rawID(v.ID)
	if id == "" {
		id = fallback
	}
	return r.emit(Record{ID: id, Input: src.input, Pos: src.prefix + pos, Data: line, Options: credence.Options{Kind: "json"}})
}

// rawID is the text of a JSON id: a string's value or a number's digits
// ("" for anything else).
func rawID(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil || strings.TrimSpace(s) == "" {
			return ""
		}
		return s
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw)
	}
	return ""
}

// trimEOL drops a trailing "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}
