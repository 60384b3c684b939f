package corpus

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/credence-news/credence"
)

// DefaultMaxRecord is the record size limit when ReadOptions.MaxRecord is 0.
const DefaultMaxRecord = 16 << 20

// ReadOptions configure Read.
type ReadOptions struct {
	// Stdin is what the input "-" reads.
	Stdin io.Reader
	// Format is "" to detect each input's format (by extension, or by
	// sniffing for standard input and unknown extensions), or one of
	// "jsonl", "csv", "tsv", "warc", "dir", "txt", "html", "json" to force
	// it for every input (a folder's files are then all read that way).
	Format string
	// MaxRecord is the size limit of one record in bytes (a JSONL line, a
	// CSV row, a WARC block, a single-article file); a record over it is a
	// KindTooLarge error record. 0 means DefaultMaxRecord.
	MaxRecord int64
	// Stats, when set, is updated as Read goes. Read it from the goroutine
	// that ranges over Read, or after the loop.
	Stats *ReadStats
	// Counter, when set, counts the bytes read from input files and
	// standard input (compressed bytes for gzip), for progress bars; it
	// may be read from any goroutine.
	Counter *atomic.Int64
}

// ReadStats count what Read read.
type ReadStats struct {
	Records int64 // records yielded, with or without Err
	Errors  int64 // records yielded with Err set
	// Skipped counts WARC records that are not articles and are not
	// yielded: warcinfo, request, metadata, revisit, conversion, non-HTML
	// resource records, non-HTTP responses (dns:) and HTTP redirects (3xx).
	Skipped int64
	// SkippedFiles counts files in folders that Read does not read (other
	// extensions; hidden files and folders are not counted).
	SkippedFiles int64
}

// Formats Read knows.
var formats = map[string]bool{
	"jsonl": true, "csv": true, "tsv": true, "warc": true, "dir": true,
	"txt": true, "html": true, "json": true,
}

// Read yields every record of the inputs, in order: inputs in the order
// given; a folder's files in the order filepath.WalkDir visits them (each
// folder's entries sorted by name, recursively); records in file order.
//
// The error of a yielded pair is fatal (an input that cannot be opened, an
// unknown format, a CSV input without a header or text column, a cancelled
// context) and ends the sequence; per-record problems are Records with Err
// set, after which reading goes on (with the next record, or with the next
// input when the rest of the input cannot be read: a truncated or corrupt
// gzip stream, a short WARC block).
//
// Each yielded Record owns its Data: it may be handed to another goroutine.
//
// Formats, by extension after stripping ".gz" (gzip is also detected by
// its magic bytes, in every format; multi-member streams are read whole),
// and the ID and Pos of their records ("name" is the input as given, or
// the path relative to the folder for a file inside one, whose Pos then
// starts with that path and a space):
//
//	.jsonl .ndjson  one JSON object a line; ID the "id" field (string or
//	                number) else "name:N"; Pos "line N"; Kind "json"
//	.csv .tsv       header row required; ID the id column else "name:N";
//	                Pos "row N" (the header is row 1); Data a JSON object
//	                of the title/text/html/url/published/site columns
//	.warc           HTML responses; ID the WARC-Record-ID; Pos "offset N",
//	                the file offset (in a .warc.gz, the compressed offset of
//	                the record's gzip member), or "decompressed offset N"
//	                for a record inside a member (a WARC gzipped whole);
//	                Kind "html", Options.URL the target URI
//	.txt .html .htm .xhtml .json
//	                one article: ID and Pos the file's path in its folder;
//	                given as an input, ID the path and Pos "file"
//	folders         walked (hidden entries skipped, symlinked folders not
//	                followed); files of other extensions are skipped; a
//	                file that cannot be read is a KindRead record, a CSV
//	                file without a text column a KindMissingColumn record
//	                ("rel:1", Pos "rel row 1")
//	-               standard input, sniffed: "{" is JSONL, "WARC/" is
//	                WARC, a header line with a text column CSV or TSV (an
//	                input file with another extension is sniffed too)
//
// Read does not check IDs for duplicates (KindDuplicateID is the
// runner's, which sees the whole run).
func Read(ctx context.Context, inputs []string, opts ReadOptions) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		if opts.MaxRecord <= 0 {
			opts.MaxRecord = DefaultMaxRecord
		}
		if opts.Format != "" && !formats[opts.Format] {
			yield(Record{}, fmt.Errorf("unknown format %q (want jsonl, csv, tsv, warc, dir, txt, html or json)", opts.Format))
			return
		}
		r := &reader{ctx: ctx, opts: opts, yield: yield}
		for _, in := range inputs {
			if err := r.input(in); err != nil {
				if !r.stopped {
					yield(Record{}, err)
				}
				return
			}
			if r.stopped {
				return
			}
		}
	}
}

// reader is the state of one Read.
type reader struct {
	ctx     context.Context
	opts    ReadOptions
	yield   func(Record, error) bool
	stopped bool // the consumer stopped, or the context ended (and was reported)
}

// source is one stream of records: an input, or a file inside a folder.
type source struct {
	input  string    // the input as given
	name   string    // the path used in fallback IDs ("path:line")
	prefix string    // put before Pos ("sub/a.jsonl " for a file in a folder)
	r      io.Reader // the decompressed stream
	s      *stream   // the decompressed stream's error keeper
	// members is the gzip layer of a compressed input (nil when it is not).
	members *gzipMembers
}

// emit yields rec, reporting whether reading should go on.
func (r *reader) emit(rec Record) bool {
	if r.stopped {
		return false
	}
	if err := r.ctx.Err(); err != nil {
		r.stopped = true
		r.yield(Record{}, err)
		return false
	}
	if st := r.opts.Stats; st != nil {
		st.Records++
		if rec.Err != nil {
			st.Errors++
		}
	}
	if !r.yield(rec, nil) {
		r.stopped = true
		return false
	}
	return true
}

// fail emits an error record.
func (r *reader) fail(src *source, id, pos, kind, msg string) bool {
	return r.emit(Record{ID: id, Input: src.input, Pos: src.prefix + pos, Err: &RecordError{Kind: kind, Msg: msg}})
}

// cancelled reports (once) a cancelled context.
func (r *reader) cancelled() bool {
	if r.stopped {
		return true
	}
	if err := r.ctx.Err(); err != nil {
		r.stopped = true
		r.yield(Record{}, err)
		return true
	}
	return false
}

// input reads one input as given on the command line.
func (r *reader) input(in string) error {
	if r.cancelled() {
		return nil
	}
	if in == "-" {
		if r.opts.Stdin == nil {
			return errors.New(`input "-": no standard input`)
		}
		if r.opts.Format == "dir" {
			return errors.New(`input "-": standard input is not a folder`)
		}
		return r.stream(in, in, "", r.counted(r.opts.Stdin), r.opts.Format, r.opts.Format == "")
	}
	fi, err := os.Stat(in)
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return r.dir(in)
	}
	if r.opts.Format == "dir" {
		return fmt.Errorf("%s is not a folder", in)
	}
	format := r.opts.Format
	if format == "" {
		format = formatOf(in)
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	return r.stream(in, in, "", r.counted(f), format, format == "")
}

// formatOf is the format a file's extension names ("" when unknown).
func formatOf(path string) string {
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".csv":
		return "csv"
	case ".tsv":
		return "tsv"
	case ".warc":
		return "warc"
	case ".txt":
		return "txt"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".json":
		return "json"
	}
	return ""
}

// stream reads one file or standard input: it undoes gzip, sniffs the
// format when asked to, and hands the stream to the format's reader.
// in is the input, name the path for IDs, prefix what goes before Pos.
func (r *reader) stream(in, name, prefix string, raw io.Reader, format string, sniff bool) error {
	src := &source{input: in, name: name, prefix: prefix}
	br := bufio.NewReaderSize(raw, 64<<10)
	s := &stream{}
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := newGzipMembers(br)
		if err != nil {
			r.fail(src, name, "offset 0", KindRead, "not a readable gzip stream: "+err.Error())
			return nil
		}
		defer zr.Close()
		s.r = zr
		src.members = zr
	} else {
		s.r = br
	}
	src.s = s
	src.r = s
	if sniff {
		b := bufio.NewReaderSize(s, 64<<10)
		src.r = b
		f, err := sniffFormat(b)
		if err != nil {
			if s.err != nil {
				r.streamFailed(src, name, "offset 0", "")
				return nil
			}
			if f == "empty" {
				return nil
			}
			what := "standard input"
			if in != "-" {
				what = name
			}
			return fmt.Errorf("cannot tell the format of %s (%v): give --format (jsonl, csv, tsv, warc, txt, html or json)", what, err)
		}
		format = f
	}
	switch format {
	case "jsonl":
		r.readJSONL(src)
	case "csv", "tsv":
		return r.readCSV(src, format == "tsv")
	case "warc":
		r.readWARC(src)
	case "txt", "html", "json":
		r.readArticle(src, format, "file")
	default:
		return fmt.Errorf("%s: unknown format (give --format)", name)
	}
	return nil
}

// stream wraps a decompressed input and keeps its first error other than
// io.EOF (a cut gzip stream, a bad checksum, an I/O error), so a format
// reader that stops early can tell a damaged input from its own problem.
type stream struct {
	r   io.Reader
	err error
}

func (s *stream) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// streamKind is the record error kind of a stream error.
func streamKind(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return KindTruncated
	}
	return KindRead
}

// streamFailed emits the record for a damaged stream at pos, with what
// was being read (e.g. "inside line 7"), and reports whether to go on.
func (r *reader) streamFailed(src *source, id, pos, where string) bool {
	err := src.s.err
	kind := streamKind(err)
	var msg string
	if kind == KindTruncated {
		msg = "the input ends " + where + " (" + err.Error() + ")"
	} else {
		msg = "cannot read " + where + ": " + err.Error()
	}
	msg = strings.Replace(msg, "  ", " ", -1)
	return r.fail(src, id, pos, kind, strings.TrimSpace(msg))
}

// sniffFormat tells the format of a stream from its first bytes: "{" is
// JSONL, "WARC/" is WARC, a first line that is a comma- or tab-separated
// header with a text-like column is CSV or TSV. An empty stream is
// "empty" with an error.
func sniffFormat(b *bufio.Reader) (string, error) {
	head, err := b.Peek(64 << 10)
	if len(head) == 0 {
		if err == io.EOF {
			return "empty", errors.New("it is empty")
		}
		return "", err
	}
	t := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t = bytes.TrimLeft(t, " \t\r\n")
	switch {
	case bytes.HasPrefix(t, []byte("{")):
		return "jsonl", nil
	case bytes.HasPrefix(t, []byte("WARC/")):
		return "warc", nil
	}
	line := t
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimRight(line, "\r")
	for _, sep := range []string{"\t", ","} {
		if !bytes.Contains(line, []byte(sep)) {
			continue
		}
		for _, col := range strings.Split(string(line), sep) {
			col = strings.ToLower(strings.Trim(strings.TrimSpace(col), `"`))
			if textColumns[col] || col == "html" {
				if sep == "\t" {
					return "tsv", nil
				}
				return "csv", nil
			}
		}
	}
	n := min(len(t), 16)
	return "", fmt.Errorf("it starts with %q", t[:n])
}

// dir reads a folder's files.
func (r *reader) dir(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if r.stopped {
			return fs.SkipAll
		}
		if r.cancelled() {
			return fs.SkipAll
		}
		rel, rerr := filepath.Rel(root, path)
		if rerr != nil {
			rel = path
		}
		rel = filepath.ToSlash(rel)
		src := &source{input: root, name: rel}
		if err != nil {
			if path == root {
				return err
			}
			if !r.fail(src, rel, rel, KindRead, err.Error()) {
				return fs.SkipAll
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			if err != nil || !fi.Mode().IsRegular() {
				return nil // a dangling link or a link to a folder: not followed
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		format := r.opts.Format
		if format == "" || format == "dir" {
			format = formatOf(path)
		}
		if format == "" {
			if r.opts.Stats != nil {
				r.opts.Stats.SkippedFiles++
			}
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			if !r.fail(src, rel, rel, KindRead, err.Error()) {
				return fs.SkipAll
			}
			return nil
		}
		defer f.Close()
		switch format {
		case "txt", "html", "json":
			err = r.stream(root, rel, "", r.counted(f), format, false)
		default:
			err = r.stream(root, rel, rel+" ", r.counted(f), format, false)
		}
		var he *csvHeaderError
		if errors.As(err, &he) {
			// Not fatal inside a folder: a metadata table beside the articles.
			err = nil
			r.fail(src, rel+":1", rel+" row 1", KindMissingColumn, he.msg)
		}
		if err != nil {
			return err
		}
		if r.stopped {
			return fs.SkipAll
		}
		return nil
	})
}

// readArticle reads a whole stream as one article of the given kind.
func (r *reader) readArticle(src *source, kind, pos string) {
	if src.prefix == "" && src.input != src.name {
		pos = src.name // a file in a folder: Pos is its path
	}
	data, err := io.ReadAll(io.LimitReader(src.r, r.opts.MaxRecord+1))
	if err != nil {
		r.streamFailed(src, src.name, pos, "inside the file")
		return
	}
	if int64(len(data)) > r.opts.MaxRecord {
		r.fail(src, src.name, pos, KindTooLarge, fmt.Sprintf("the file is over the %d-byte record limit", r.opts.MaxRecord))
		return
	}
	r.emit(Record{ID: src.name, Input: src.input, Pos: pos, Data: data, Options: credence.Options{Kind: kindOf(kind)}})
}

// kindOf is the analyzer's input kind for a single-article format.
func kindOf(format string) string {
	if format == "txt" {
		return "text"
	}
	return format
}

// counted wraps an input so that ReadOptions.Counter sees its bytes.
func (r *reader) counted(in io.Reader) io.Reader {
	if r.opts.Counter == nil {
		return in
	}
	return progressReader{in, r.opts.Counter}
}

// progressReader adds what it reads to a shared counter.
type progressReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c progressReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
