package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeArticles writes a small labelled JSONL file from the repository's
// own texts.
func writeArticles(t *testing.T, extra string) string {
	t.Helper()
	var b strings.Builder
	for i, f := range []struct{ path, label, dataset string }{
		{"../../examples/wire-story.txt", "reliable", "a"},
		{"../../testdata/heldout/ferry-strike.txt", "reliable", "a"},
		{"../../examples/viral-rewrite.txt", "fake", "a"},
		{"../../internal/genre/testdata/news-baking-contest.txt", "reliable", "b"},
		{"../../internal/genre/testdata/news-holiday-deals.txt", "fake", "b"},
	} {
		text, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(string(text), "\n\n")
		line, _ := json.Marshal(map[string]string{"id": filepath.Base(f.path), "dataset": f.dataset, "label": f.label, "title": title, "text": body, "url": "", "domain": ""})
		b.Write(line)
		b.WriteByte('\n')
		if i == 1 && extra != "" {
			b.WriteString(extra + "\n")
		}
	}
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	os.WriteFile(path, []byte(b.String()), 0o644)
	return path
}

// eval articles scores the shipped model per corpus and over all, and
// refuses a label it does not know with the line it is on.
func TestEvalArticles(t *testing.T) {
	code, out, errOut := runCLI(t, "", "eval", "articles", "--data", writeArticles(t, ""))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "| corpus | n | accuracy text | macro-F1 text |") {
		t.Errorf("header %q", lines[0])
	}
	for _, want := range []string{"| a | 3 |", "| b | 2 |", "| all | 5 |"} {
		if !strings.Contains(out, "\n"+want) {
			t.Errorf("no row %q in\n%s", want, out)
		}
	}
	if !strings.Contains(out, "\n| all |") || !strings.Contains(out, "(3) |") { // per class: 3 reliable articles in all
		t.Errorf("no per-class row for all in\n%s", out)
	}

	code, _, errOut = runCLI(t, "", "eval", "articles", "--data", writeArticles(t, `{"id":"x","dataset":"a","label":"true","title":"t","text":"x"}`))
	if first, _, _ := strings.Cut(errOut, "\n"); code != exitError || !strings.HasSuffix(first, `line 3: label "true": want reliable, fake or satire`) {
		t.Errorf("bad label: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "eval", "articles", "--cv", "random", "--data", writeArticles(t, ""))
	if first, _, _ := strings.Cut(errOut, "\n"); code != exitUsage || first != `credence: eval articles: --cv takes loco and sites, not "random"` {
		t.Errorf("bad --cv: exit %d, %q", code, errOut)
	}
}

// --cv trains a model per held-out corpus beside the baseline; --extra-train
// adds articles to every fold's training side, never to a scored fold.
func TestEvalArticlesCV(t *testing.T) {
	data := writeArticles(t, "")
	code, out, errOut := runCLI(t, "", "eval", "articles", "--cv", "loco", "--data", data, "--extra-train", data)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "adding 5 articles of "+data+" to the training side of every fold") {
		t.Errorf("stderr %q", errOut)
	}
	for _, want := range []string{"| loco | a | 3 |", "| loco | b | 2 |", "| loco | all (pooled) | 5 |"} {
		if !strings.Contains(out, "\n"+want) {
			t.Errorf("no row %q in\n%s", want, out)
		}
	}
}
