//go:build data

// Slow tests on the shared data (they retrain shipped files), run with
// -tags data (as CI does).

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
)

// `credence train signals` rebuilds the shipped reference file byte for byte.
func TestTrainSignalsReproducesReference(t *testing.T) {
	data := shareddata.Dir(t, "datasets", "articles", "train.jsonl")
	out := filepath.Join(t.TempDir(), "reference.tsv")
	audit := filepath.Join(t.TempDir(), "audit.tsv")
	code, _, errOut := runCLI(t, "", "train", "signals", "--reference-only", "--data", data, "--out", out, "--audit", audit, "--audit-size", "80")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, _ := os.ReadFile(out)
	want, _ := os.ReadFile(filepath.Join("..", "..", "internal", "signals", "data", "reference.tsv"))
	if string(got) != string(want) {
		t.Errorf("rebuilt reference differs from internal/signals/data/reference.tsv: run `credence train signals`")
	}
	// The judged sample must be the sample the lists give now: a change to
	// the lists or their rules needs the sample judged again.
	sample, _ := os.ReadFile(audit)
	judged, _ := os.ReadFile(filepath.Join("..", "..", "internal", "signals", "data", "list-audit.tsv"))
	var gotRows, wantRows []string
	for _, l := range strings.Split(strings.TrimSpace(string(sample)), "\n")[1:] {
		f := strings.Split(l, "\t") // list, judgement, note, hit, line, start, context
		gotRows = append(gotRows, strings.Join([]string{f[0], f[2], f[3], f[4], f[5]}, "\t"))
	}
	for _, l := range strings.Split(strings.TrimSpace(string(judged)), "\n") {
		// list, set, judgement, note, hit, line, start
		if f := strings.Split(l, "\t"); len(f) == 7 && f[0] != "list" && !strings.HasPrefix(l, "#") {
			if f[2] == "" {
				t.Errorf("internal/signals/data/list-audit.tsv: row %q is not judged", l)
			}
			wantRows = append(wantRows, strings.Join([]string{f[0], f[3], f[4], f[5], f[6]}, "\t"))
		}
	}
	if strings.Join(gotRows, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("the lists' audit sample changed (%d rows, %d judged): judge `credence train signals --reference-only --audit FILE --audit-size 80` again into internal/signals/data/list-audit.tsv", len(gotRows), len(wantRows))
	}
}

// TestTrainHeadlinesShipped retrains on the shared data with the default
// flags and compares with the shipped model files byte for byte.
func TestTrainHeadlinesShipped(t *testing.T) {
	data := shareddata.Dir(t, "datasets", "headlines")
	articles := filepath.Join(shareddata.Dir(t, "datasets", "articles"), "train.jsonl")
	out := t.TempDir()
	var stdout bytes.Buffer
	if err := cmdTrainHeadlines([]string{"--data", data, "--out", out, "--articles", articles}, &stdout, &stdout); err != nil {
		t.Fatal(err)
	}
	t.Log(stdout.String())
	for _, n := range []string{"clickbait.bin.gz", "satire.bin.gz"} {
		got, err := os.ReadFile(filepath.Join(out, n))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("../../internal/headline/model", n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: retrained model (%d bytes) differs from the shipped one (%d bytes)", n, len(got), len(want))
		}
	}
}

// `credence train verdict` rebuilds the shipped model, its card and its
// reliability diagram byte for byte (it analyses the 1,528 articles and
// cross-validates: about two minutes on two cores).
func TestTrainVerdictShipped(t *testing.T) {
	data := shareddata.Dir(t, "datasets", "articles", "train.jsonl")
	dir := t.TempDir()
	out, card, svg := filepath.Join(dir, "verdict.bin.gz"), filepath.Join(dir, "MODEL_CARD.md"), filepath.Join(dir, "reliability.svg")
	code, _, errOut := runCLI(t, "", "train", "verdict", "--data", data, "--out", out, "--card", card, "--diagram", svg)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, f := range []string{out, card, svg} {
		got, _ := os.ReadFile(f)
		want, err := os.ReadFile(filepath.Join("..", "..", "internal", "verdict", "data", filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("rebuilt %s differs from internal/verdict/data/%s: run `credence train verdict`", filepath.Base(f), filepath.Base(f))
		}
	}
}
