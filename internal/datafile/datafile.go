// Package datafile reads the rule files, word lists, tables and models that
// Credence ships embedded, with a user data folder laid over them (in the
// spirit of Vale's StylesPath), and records what was read so that every
// report can say exactly what produced it.
//
// A shipped file is named by its path under the folder layout the data
// folder uses, e.g. "signals/hedges.txt". In a data folder:
//
//   - DIR/signals/hedges.txt replaces the shipped file;
//   - DIR/signals/hedges.extra.txt is appended to it (word lists and tables
//     in .txt and .tsv only), so a user can add words without copying the
//     whole list.
//
// Files in the data folder that Credence does not read are reported by
// Unused, so a misspelt name is an error at start-up rather than an
// override that silently does nothing.
package datafile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// File says where one data file came from and what it held.
type File struct {
	// Name is the file's path in the data layout ("signals/hedges.txt").
	Name string
	// SHA256 is the hex digest of the bytes that were used (after any
	// user replacement or extension).
	SHA256 string
	// Origin is "shipped", "replaced" (by the data folder) or "extended"
	// (the shipped file with the data folder's .extra file appended).
	Origin string
	// Bytes is the length of the bytes that were used.
	Bytes int
}

// Set reads data files and records each one it reads. It is safe for
// concurrent use.
type Set struct {
	dir string

	mu    sync.Mutex
	files map[string]File
}

// New returns a Set that lays the folder dir over the shipped files; dir
// may be empty for the shipped files alone. A dir that does not exist or
// is not a folder is an error.
func New(dir string) (*Set, error) {
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("data folder %s: %w", dir, unwrapPath(err))
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("data folder %s is not a folder", dir)
		}
	}
	return &Set{dir: dir, files: map[string]File{}}, nil
}

// Shipped is a Set with no data folder.
func Shipped() *Set { s, _ := New(""); return s }

// Read returns the bytes to use for the data file name, whose shipped
// content is shipped, and records them.
func (s *Set) Read(name string, shipped []byte) ([]byte, error) {
	b, origin, err := s.overlay(name, shipped)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	s.mu.Lock()
	s.files[name] = File{Name: name, SHA256: hex.EncodeToString(sum[:]), Origin: origin, Bytes: len(b)}
	s.mu.Unlock()
	return b, nil
}

// ReadString is Read for text files.
func (s *Set) ReadString(name, shipped string) (string, error) {
	b, err := s.Read(name, []byte(shipped))
	return string(b), err
}

func (s *Set) overlay(name string, shipped []byte) ([]byte, string, error) {
	if s.dir == "" {
		return shipped, "shipped", nil
	}
	own := filepath.Join(s.dir, filepath.FromSlash(name))
	b, err := os.ReadFile(own)
	switch {
	case err == nil:
		return b, "replaced", nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, "", fmt.Errorf("data file %s: %w", own, unwrapPath(err))
	}
	extra := ExtraName(name)
	if extra == "" {
		return shipped, "shipped", nil
	}
	own = filepath.Join(s.dir, filepath.FromSlash(extra))
	b, err = os.ReadFile(own)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return shipped, "shipped", nil
	case err != nil:
		return nil, "", fmt.Errorf("data file %s: %w", own, unwrapPath(err))
	}
	out := make([]byte, 0, len(shipped)+1+len(b))
	out = append(out, shipped...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(out, b...), "extended", nil
}

// ExtraName is the name of the file that extends name ("signals/hedges.txt"
// → "signals/hedges.extra.txt"), or "" when name cannot be extended (only
// .txt and .tsv lists can).
func ExtraName(name string) string {
	ext := path.Ext(name)
	if ext != ".txt" && ext != ".tsv" {
		return ""
	}
	return strings.TrimSuffix(name, ext) + ".extra" + ext
}

// Files lists what was read, by name.
func (s *Set) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]File, 0, len(s.files))
	for _, f := range s.files {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Unused lists the files in the data folder that no Read asked for (as
// replacements or extensions), relative to the folder, so that a misspelt
// override is caught. Hidden files and README files are ignored.
func (s *Set) Unused() ([]string, error) {
	if s.dir == "" {
		return nil, nil
	}
	s.mu.Lock()
	known := map[string]bool{}
	for name := range s.files {
		known[name] = true
		if x := ExtraName(name); x != "" {
			known[x] = true
		}
	}
	s.mu.Unlock()
	var unused []string
	err := filepath.WalkDir(s.dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := e.Name()
		if p != s.dir && strings.HasPrefix(base, ".") {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() || strings.HasPrefix(strings.ToUpper(base), "README") {
			return nil
		}
		rel, err := filepath.Rel(s.dir, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); !known[rel] {
			unused = append(unused, rel)
		}
		return nil
	})
	return unused, err
}

// unwrapPath drops the *fs.PathError wrapper, whose path the caller's
// message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Where names the data file name as a user would find it: the data
// folder's file when it replaced or extended the shipped one, else the
// shipped file's name.
func (s *Set) Where(name string) string {
	s.mu.Lock()
	f := s.files[name]
	s.mu.Unlock()
	switch f.Origin {
	case "replaced":
		return filepath.Join(s.dir, filepath.FromSlash(name))
	case "extended":
		return filepath.Join(s.dir, filepath.FromSlash(ExtraName(name))) + " (appended to the shipped " + name + ")"
	}
	return "shipped " + name
}

// Errorf returns an error about the data file name that names the file
// where the user would look for it, e.g.
// "data file /home/me/credence/tagger/tagger.bin.gz: not a tagger model".
func (s *Set) Errorf(name string, format string, args ...any) error {
	return fmt.Errorf("data file %s: %s", s.Where(name), fmt.Sprintf(format, args...))
}

// Text names a text file in the data layout and its shipped content.
type Text struct{ Name, Shipped string }

// ReadStrings reads several text files (see ReadString), in order.
func (s *Set) ReadStrings(texts ...Text) ([]string, error) {
	out := make([]string, len(texts))
	for i, t := range texts {
		var err error
		if out[i], err = s.ReadString(t.Name, t.Shipped); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Open reads the binary file name (a model or table, shipped as shipped)
// and decodes it with load; a file load rejects is an error naming the
// file where the user would look for it.
func Open[T any](s *Set, name string, shipped []byte, load func(io.Reader) (T, error)) (T, error) {
	var zero T
	b, err := s.Read(name, shipped)
	if err != nil {
		return zero, err
	}
	v, err := load(bytes.NewReader(b))
	if err != nil {
		return zero, s.Errorf(name, "%v", err)
	}
	return v, nil
}
