package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// train stories reproduces the shipped table byte for byte from the shared
// data (skipped when the data is absent, and with -short).
func TestTrainStoriesReproducesTable(t *testing.T) {
	gmb := "../../../shared/datasets/ner/gmb-train.conll"
	polnear := "../../../shared/datasets/attribution/polnear"
	if _, err := os.Stat(gmb); err != nil || testing.Short() {
		t.Skip("shared data absent, or -short")
	}
	out := filepath.Join(t.TempDir(), "df.tsv.gz")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"train", "stories", "--gmb", gmb, "--polnear", polnear, "--out", out}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../stories/df.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("regenerated table (%d bytes) differs from stories/df.tsv.gz (%d bytes)", len(got), len(want))
	}
}

func TestTrainStoriesGMBDocuments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.conll")
	os.WriteFile(path, []byte("The\tDT\tO\nU.N.\tNNP\tB-ORG\nsaid\tVBD\tO\n$\t$\tO\n5\tCD\tO\nmillion\tCD\tO\n(\t(\tO\nabout\tIN\tO\n)\t)\tO\n,\t,\tO\nit\tPRP\tO\nis\tVBZ\tO\nn't\tRB\tO\nover\tIN\tO\n.\t.\tO\n\nSecond\tJJ\tO\n.\t.\tO\n\nThird\tJJ\tO\n.\t.\tO\n"), 0o644)
	docs, err := gmbDocuments(path, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"The U.N. said $5 million (about), it isn't over. Second.", "Third."}
	if len(docs) != 2 || docs[0] != want[0] || docs[1] != want[1] {
		t.Errorf("documents %q, want %q", docs, want)
	}
}
