// Package corpus reads articles in bulk (JSONL, CSV, WARC, folders of
// files, gzip-compressed or not, or standard input) and runs them through
// an Analyzer into the report sinks (a JSONL file, a store), resumably.
//
// Readers never stop at a bad record: a record that cannot be read (a line
// that is not JSON, a CSV row with a missing column, a WARC record that is
// not an HTML response, the truncated tail of a gzip stream) is yielded
// with Err set, so the runner lists it with its position and goes on. Only
// an input that cannot be opened at all, or whose format is unknown, ends
// the sequence with an error.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/credence-news/credence"
)

// Record is one article read from an input.
type Record struct {
	// ID is the record's own id ("id" field or column, a WARC record's
	// WARC-Record-ID), or, when it has none, where it was read from:
	// "path:line" for JSONL, "path:row" for CSV (the header is row 1), the
	// file's path for a folder's file.
	ID string
	// Input is the input it came from, as given on the command line ("-"
	// for standard input); a folder's files carry the folder.
	Input string
	// Pos is where in Input: "line 12", "row 5", "offset 81234" (a WARC
	// record's byte offset in the decompressed stream… or the compressed
	// file for .warc.gz, whichever the reader can seek back to), or the
	// file's path inside a folder. Input+Pos is unique within a run.
	Pos string
	// Data is the article as credence.Analyzer.Analyze takes it: a JSON
	// object, an HTML page, or plain text.
	Data []byte
	// Options carry what the container knew that the data does not say:
	// the kind, and a WARC record's target URI. (A CSV row's columns are
	// in Data, a JSON object, so that the analyzer's JSON ingest cleans
	// them as it cleans any record.)
	Options credence.Options
	// Err is set when the record could not be read; Data holds what there
	// was (maybe nothing).
	Err *RecordError
}

// RecordError is why a record could not be read.
type RecordError struct {
	Kind string // one of the Kind* constants
	Msg  string // one line, naming what is wrong
}

func (e *RecordError) Error() string { return e.Kind + ": " + e.Msg }

// Kinds of record errors. The analyzer's own input errors (empty text, no
// article in the page, binary data…) use its codes (credence.Code*).
const (
	KindBadJSON       = "bad-json"       // a JSONL line that is not one JSON object
	KindMissingColumn = "missing-column" // a CSV row with fewer fields than the header, or no text
	KindBadCSV        = "bad-csv"        // a row the CSV reader rejects (a stray quote…)
	KindTruncated     = "truncated"      // the input ends inside a record (a cut gzip stream, a short WARC block)
	KindNotHTML       = "not-html"       // a WARC response whose payload is not an HTML page
	KindHTTPStatus    = "http-status"    // a WARC response whose HTTP status is not 200 (a 404 page, a server error)
	KindBadWARC       = "bad-warc"       // a WARC record whose headers do not parse
	KindTooLarge      = "too-large"      // a record over the size limit
	KindRead          = "read-error"     // an I/O error inside an input
	KindDuplicateID   = "duplicate-id"   // an id already seen earlier in the same run
)

// Hash is the SHA-256 of what the analysis reads: the data and the
// options. With the engine fingerprint it decides whether a stored report
// is still current.
func (r *Record) Hash() string {
	h := sha256.New()
	o := r.Options
	for _, s := range []string{o.Kind, o.Title, o.URL, o.Published, o.Site} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Write(r.Data)
	return hex.EncodeToString(h.Sum(nil))
}
