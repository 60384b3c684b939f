package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPathFindsTheModuleRoot(t *testing.T) {
	t.Setenv("CREDENCE_SHARED", "")
	p, err := Path("datasets", "claims")
	if err != nil {
		t.Fatal(err)
	}
	// This package is internal/shareddata, two levels below the root.
	wd, _ := os.Getwd()
	want := filepath.Join(wd, "..", "..", "..", "shared", "datasets", "claims")
	if p != filepath.Clean(want) {
		t.Errorf("Path = %s, want %s", p, want)
	}
}

func TestPathHonoursCREDENCE_SHARED(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CREDENCE_SHARED", dir)
	if p, _ := Path("datasets", "x"); p != filepath.Join(dir, "datasets", "x") {
		t.Errorf("Path = %s", p)
	}
	os.MkdirAll(filepath.Join(dir, "datasets", "x"), 0o755)
	if got := Dir(t, "datasets", "x"); got != filepath.Join(dir, "datasets", "x") {
		t.Errorf("Dir = %s", got)
	}
}

// fakeTB records how Dir ends a test.
type fakeTB struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Skipf(string, ...any)  { f.skipped = true }
func (f *fakeTB) Fatalf(string, ...any) { f.failed = true }

func TestDirMissing(t *testing.T) {
	t.Setenv("CREDENCE_SHARED", t.TempDir())
	t.Setenv("CREDENCE_REQUIRE_DATA", "")
	f := &fakeTB{TB: t}
	Dir(f, "datasets", "nothing-here")
	if !f.skipped || f.failed {
		t.Errorf("without CREDENCE_REQUIRE_DATA: skipped %v, failed %v; want a skip", f.skipped, f.failed)
	}
	t.Setenv("CREDENCE_REQUIRE_DATA", "1")
	f = &fakeTB{TB: t}
	Dir(f, "datasets", "nothing-here")
	if !f.failed {
		t.Error("with CREDENCE_REQUIRE_DATA=1 a missing folder must fail the test")
	}
}
