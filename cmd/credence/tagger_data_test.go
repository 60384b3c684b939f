//go:build data

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
)

// TestTrainTaggerShipped retrains the tagger on the shared data with the
// default flags (PolNeAR silver plus the GMB share) and compares with the
// shipped model byte for byte (a few minutes on two cores).
func TestTrainTaggerShipped(t *testing.T) {
	data := shareddata.Dir(t, "datasets", "nlp")
	ner := shareddata.Dir(t, "datasets", "ner")
	out := filepath.Join(t.TempDir(), "tagger.bin.gz")
	var stdout bytes.Buffer
	if err := cmdTrainTagger([]string{"--data", data, "--ner-data", ner, "--out", out}, &stdout, &stdout); err != nil {
		t.Fatal(err)
	}
	t.Log(stdout.String())
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "internal", "tagger", "model", "tagger.bin.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("retrained tagger (%d bytes) differs from the shipped one (%d bytes): run `credence train tagger`", len(got), len(want))
	}
}
