package main

import (
	"os"
	"path/filepath"
	"testing"
)

// `credence train signals` rebuilds the shipped reference file byte for byte.
func TestTrainSignalsReproducesReference(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "datasets", "articles", "train.jsonl")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("articles not found at %s (they live in ../shared/datasets)", data)
	}
	out := filepath.Join(t.TempDir(), "reference.tsv")
	code, _, errOut := runCLI(t, "", "train", "signals", "--reference-only", "--data", data, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, _ := os.ReadFile(out)
	want, _ := os.ReadFile(filepath.Join("..", "..", "signals", "data", "reference.tsv"))
	if string(got) != string(want) {
		t.Errorf("rebuilt reference differs from signals/data/reference.tsv: run `credence train signals`")
	}
}
