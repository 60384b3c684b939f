package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"sync/atomic"

	"github.com/credence-news/credence/store"
)

// idSet is a set of strings kept as 128-bit hashes: 16 bytes a record
// whatever the id's length, so a run over millions of records holds tens
// of megabytes, not gigabytes. Two independent 64-bit hashes make a
// collision (which would drop a record) vanishingly unlikely: about n²/2¹²⁹.
type idSet struct {
	s1, s2 maphash.Seed
	m      map[[2]uint64]struct{}
}

func newIDSet() *idSet {
	return &idSet{s1: maphash.MakeSeed(), s2: maphash.MakeSeed(), m: map[[2]uint64]struct{}{}}
}

func (s *idSet) key(id string) [2]uint64 {
	return [2]uint64{maphash.String(s.s1, id), maphash.String(s.s2, id)}
}

// add adds id and reports whether it was new.
func (s *idSet) add(id string) bool {
	k := s.key(id)
	if _, ok := s.m[k]; ok {
		return false
	}
	s.m[k] = struct{}{}
	return true
}

func (s *idSet) has(id string) bool {
	_, ok := s.m[s.key(id)]
	return ok
}

func (s *idSet) len() int { return len(s.m) }

// countingBytes counts input bytes for progress.
type countingBytes = atomic.Int64

// jsonlSink is an append-only JSONL file that knows the keys of the
// lines it already holds, so a resumed run does not write them again.
type jsonlSink struct {
	path string
	f    *os.File
	w    *bufio.Writer
	keys *idSet
}

func (s *jsonlSink) has(key string) bool { return s.keys.has(key) }

func (s *jsonlSink) writeLine(b []byte) error {
	s.w.Write(b)
	if err := s.w.WriteByte('\n'); err != nil {
		return fmt.Errorf("cannot write %s: %w", s.path, err)
	}
	return nil
}

func (s *jsonlSink) sync() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", s.path, err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("cannot sync %s: %w", s.path, err)
	}
	return nil
}

func (s *jsonlSink) close() error {
	err := s.sync()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// failureLine is a line of the errors file.
type failureLine struct {
	ID      string `json:"id"`
	Input   string `json:"input"`
	Pos     string `json:"pos"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

func (s *jsonlSink) writeFailure(f store.Failure) error {
	b, err := json.Marshal(failureLine{ID: f.ID, Input: f.Input, Pos: f.Pos, Kind: f.Kind, Message: f.Message})
	if err != nil {
		return err
	}
	s.keys.add(f.Input + "\x00" + f.Pos)
	return s.writeLine(b)
}

// openReports opens (or creates) a reports file for appending. The ids of
// the reports it holds are loaded; a torn tail (a line cut by a crash, or
// anything after the first line that is not a whole report) is cut off,
// so the records there are analysed again. A file of reports from another
// engine is refused: mixing engines in one file would make it say two
// things about the same kind of article.
func openReports(path, engine string) (*jsonlSink, error) {
	return openJSONL(path, func(line []byte) (string, error) {
		var head struct {
			Schema string `json:"schema"`
			ID     string `json:"id"`
		}
		if err := decodeHead(line, &head); err != nil || head.ID == "" {
			return "", errTorn
		}
		fp := fingerprintOf(line)
		if fp == "" {
			return "", errTorn
		}
		if fp != engine {
			return "", fmt.Errorf("%s holds reports from engine %s, and this is engine %s: write to a new file (or delete it) so that one file holds one engine's reports", path, fp, engine)
		}
		return head.ID, nil
	})
}

// openFailures opens (or creates) an errors file, keyed by input and position.
func openFailures(path string) (*jsonlSink, error) {
	return openJSONL(path, func(line []byte) (string, error) {
		var f failureLine
		if err := json.Unmarshal(line, &f); err != nil || f.Kind == "" {
			return "", errTorn
		}
		return f.Input + "\x00" + f.Pos, nil
	})
}

var errTorn = errors.New("torn line")

func openJSONL(path string, key func([]byte) (string, error)) (*jsonlSink, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	}
	s := &jsonlSink{path: path, f: f, keys: newIDSet()}
	r := bufio.NewReaderSize(f, 1<<20)
	var good int64 // bytes of whole, valid lines
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			k, kerr := key(bytes.TrimSpace(line))
			if kerr != nil && kerr != errTorn {
				f.Close()
				return nil, kerr
			}
			if kerr == errTorn {
				break
			}
			s.keys.add(k)
			good += int64(len(line))
			continue
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("cannot read %s: %w", path, err)
		}
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot cut the torn end of %s: %w", path, err)
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	s.w = bufio.NewWriterSize(f, 1<<20)
	return s, nil
}

// decodeHead decodes the first fields of a JSON object without reading
// the rest: a report's "schema" and "id" come first, and a report is tens
// of kilobytes.
func decodeHead(line []byte, v *struct {
	Schema string `json:"schema"`
	ID     string `json:"id"`
}) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errTorn
	}
	for range 2 {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		var s string
		if err := dec.Decode(&s); err != nil {
			return err
		}
		switch t {
		case "schema":
			v.Schema = s
		case "id":
			v.ID = s
		}
	}
	if !bytes.HasSuffix(line, []byte("}")) {
		return errTorn
	}
	return nil
}

// fingerprintOf finds the engine fingerprint in a report line: the engine
// is the report's last field.
func fingerprintOf(line []byte) string {
	const key = `"fingerprint":"`
	i := bytes.LastIndex(line, []byte(key))
	if i < 0 {
		return ""
	}
	rest := line[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}
