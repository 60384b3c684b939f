package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeFileAtomic writes b to path through a temporary file in the same
// directory (created if missing), so that an interrupted build never leaves
// half a model or table behind.
func writeFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return shortPathError(err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return shortPathError(err)
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		var le *os.LinkError
		if errors.As(err, &le) {
			err = le.Err
		}
	}
	return shortPathError(err)
}

// loadModelFile loads a model from file with load, or returns the embedded
// one when no file is given.
func loadModelFile[M any](file string, embedded func() (M, error), load func(io.Reader) (M, error)) (M, error) {
	if file == "" {
		return embedded()
	}
	var zero M
	f, err := os.Open(file)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	m, err := load(bufio.NewReader(f))
	if err != nil {
		return zero, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}
