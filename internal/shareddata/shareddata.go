// Package shareddata finds the shared datasets for tests.
//
// The evaluation and training data live beside the repository, in
// ../shared (never copied into it). A test that reads them asks Dir for
// the path. When the data is absent the test is skipped, unless
// CREDENCE_REQUIRE_DATA=1 (as in CI), when it fails: CI must never pass
// by skipping the tests that matter most.
//
// Environment:
//
//	CREDENCE_SHARED        the shared folder (default: ../shared beside the
//	                       module root, the folder holding go.mod)
//	CREDENCE_REQUIRE_DATA  1: a missing file fails the test instead of
//	                       skipping it
//
// The go command does not notice files outside the module changing, so
// a cached test result can hide tests that skipped for want of data:
// run the tests with -count=1 (the README's command).
package shareddata

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Dir returns the path of elem inside the shared folder, for example
// Dir(t, "datasets", "claims"). It skips t when that path does not exist,
// or fails t when CREDENCE_REQUIRE_DATA=1.
func Dir(t testing.TB, elem ...string) string {
	t.Helper()
	p, err := Path(elem...)
	if err == nil {
		_, err = os.Stat(p)
	}
	if err == nil {
		return p
	}
	shown := "../" + strings.Join(append([]string{"shared"}, elem...), "/")
	if os.Getenv("CREDENCE_SHARED") != "" {
		shown = p
	}
	if Required() {
		t.Fatalf("%s is missing: CI needs the shared datasets beside the repository (or CREDENCE_SHARED set to their folder): %v", shown, err)
	}
	t.Skipf("%s is missing, skipping (set CREDENCE_REQUIRE_DATA=1 to fail instead): %v", shown, err)
	return ""
}

// Required reports whether CREDENCE_REQUIRE_DATA=1.
func Required() bool { return os.Getenv("CREDENCE_REQUIRE_DATA") == "1" }

// Path returns the path of elem inside the shared folder without checking
// that it exists: CREDENCE_SHARED if set, else ../shared beside the module
// root found by walking up from the working directory to go.mod.
func Path(elem ...string) (string, error) {
	root := os.Getenv("CREDENCE_SHARED")
	if root == "" {
		mod, err := moduleRoot()
		if err != nil {
			return "", err
		}
		root = filepath.Join(filepath.Dir(mod), "shared")
	}
	return filepath.Join(append([]string{root}, elem...)...), nil
}

// moduleRoot returns the nearest folder at or above the working directory
// that holds go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod at or above the working directory")
		}
		dir = parent
	}
}
