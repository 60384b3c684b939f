package datafile

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "signals/hedges.txt", "perchance\n")
	write(t, dir, "attribution/cues.extra.tsv", "opined\tspeech\n")
	write(t, dir, "README.md", "notes for the newsroom\n")
	write(t, dir, ".git/config", "ignored\n")
	s, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ReadString("signals/hedges.txt", "probably\n"); got != "perchance\n" {
		t.Errorf("replaced list %q", got)
	}
	// The shipped list without a final newline still gets one before the
	// extension.
	if got, _ := s.ReadString("attribution/cues.tsv", "said\tspeech"); got != "said\tspeech\nopined\tspeech\n" {
		t.Errorf("extended list %q", got)
	}
	if got, _ := s.ReadString("clean/rules.tsv", "x"); got != "x" {
		t.Errorf("shipped file %q", got)
	}
	origins := map[string]string{}
	for _, f := range s.Files() {
		origins[f.Name] = f.Origin
		if len(f.SHA256) != 64 {
			t.Errorf("%s: hash %q", f.Name, f.SHA256)
		}
	}
	want := map[string]string{"signals/hedges.txt": "replaced", "attribution/cues.tsv": "extended", "clean/rules.tsv": "shipped"}
	for k, v := range want {
		if origins[k] != v {
			t.Errorf("%s: origin %q, want %q", k, origins[k], v)
		}
	}
	if w := s.Where("signals/hedges.txt"); w != filepath.Join(dir, "signals", "hedges.txt") {
		t.Errorf("Where replaced = %q", w)
	}
	if w := s.Where("clean/rules.tsv"); w != "shipped clean/rules.tsv" {
		t.Errorf("Where shipped = %q", w)
	}
	if w := s.Where("attribution/cues.tsv"); !strings.HasSuffix(w, "cues.extra.tsv (appended to the shipped attribution/cues.tsv)") {
		t.Errorf("Where extended = %q", w)
	}
	unused, err := s.Unused()
	if err != nil || len(unused) != 0 {
		t.Errorf("unused %v %v", unused, err)
	}
	write(t, dir, "signals/hedge.txt", "typo\n")
	if unused, _ := s.Unused(); !slices.Equal(unused, []string{"signals/hedge.txt"}) {
		t.Errorf("unused %v, want the misspelt file", unused)
	}
}

func TestModelsCannotBeExtended(t *testing.T) {
	if x := ExtraName("tagger/tagger.bin.gz"); x != "" {
		t.Errorf("ExtraName of a model = %q", x)
	}
	if x := ExtraName("signals/reference.tsv"); x != "signals/reference.extra.tsv" {
		t.Errorf("ExtraName = %q", x)
	}
}

func TestNewErrors(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(f); err == nil || err.Error() != "data folder "+f+" is not a folder" {
		t.Errorf("New(file) = %v", err)
	}
	if _, err := New("/nonexistent/x"); err == nil || err.Error() != "data folder /nonexistent/x: no such file or directory" {
		t.Errorf("New(missing) = %v", err)
	}
}
