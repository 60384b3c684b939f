package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeHeadlineData writes a small synthetic clickbait and Onion file.
func writeHeadlineData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var cb, on strings.Builder
	cbRows := []string{
		"You Won't Believe What This Senator Said Next", "clickbait",
		"Russia and Kazakhstan agree to double grain rail capacity", "news",
		"19 Photos That Prove Dogs Are Better Than People", "clickbait",
		"Central bank raises interest rates by a quarter point", "news",
		"This Is What Happens When You Eat Avocado Every Day", "clickbait",
		"Floods kill at least 12 in northern Italy", "news",
		"Can You Guess Which Celebrity Wore It Better?", "clickbait",
		"Court upholds conviction of former mayor", "news",
	}
	for i := 0; i < len(cbRows); i += 2 {
		fmt.Fprintf(&cb, "{\"text\": %q, \"label\": %q}\n", cbRows[i], cbRows[i+1])
	}
	for i, h := range []string{
		"Area Man Confident He Could Land Plane In Emergency",
		"Florida man arrested for throwing alligator through drive-thru window",
		"Nation's Dogs Vow To Keep Barking At Nothing",
		"Town council votes to make pizza a vegetable",
		"Report: Majority Of Americans Now Just Yelling",
		"Woman sues neighbour over rooster crowing too early",
	} {
		fmt.Fprintf(&on, "{\"text\": %q, \"label\": %q}\n", h, []string{"satire", "real"}[i%2])
	}
	// enough rows for both halves of the held-out split
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&cb, "{\"text\": \"%d Things You Need To Know About Week %d\", \"label\": \"clickbait\"}\n", i+5, i)
		fmt.Fprintf(&cb, "{\"text\": \"Parliament debates budget for the %dth time\", \"label\": \"news\"}\n", i+5)
		fmt.Fprintf(&on, "{\"text\": \"Area Man Wins Argument Number %d\", \"label\": \"satire\"}\n", i)
		fmt.Fprintf(&on, "{\"text\": \"Man fined %d dollars for parking a horse\", \"label\": \"real\"}\n", i+10)
	}
	os.WriteFile(filepath.Join(dir, "clickbait-train.jsonl"), []byte(cb.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "onion-train.jsonl"), []byte(on.String()), 0o644)
	var arts strings.Builder
	for i, a := range [][3]string{
		{"a", "reliable", "Senate passes budget after long debate"}, {"a", "fake", "Pope Secretly Endorses Candidate"},
		{"a", "satire", "Area Senator Unsure What He Voted For"}, {"b", "reliable", "Floods close roads across the north"},
		{"b", "fake", "You Won't Believe What The Governor Hid"}, {"b", "satire", "Nation's Dogs Demand Second Dinner"},
		{"c", "reliable", "Council approves new library hours"}, {"c", "satire", "Report: Area Man Still Yelling"},
	} {
		fmt.Fprintf(&arts, "{\"id\": \"%d\", \"dataset\": %q, \"label\": %q, \"title\": %q, \"text\": \"x\"}\n", i, a[0], a[1], a[2])
	}
	os.WriteFile(filepath.Join(dir, "articles.jsonl"), []byte(arts.String()), 0o644)
	return dir
}

func TestTrainHeadlinesReproducible(t *testing.T) {
	data := writeHeadlineData(t)
	var files [2]map[string][]byte
	for i := range files {
		out := t.TempDir()
		var stdout, stderr bytes.Buffer
		if err := cmdTrainHeadlines([]string{"--data", data, "--out", out, "--articles", filepath.Join(data, "articles.jsonl")}, &stdout, &stderr); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stdout.String(), "clickbait: held-out fifth") || !strings.Contains(stdout.String(), "satire: held-out fifth") {
			t.Errorf("output:\n%s", stdout.String())
		}
		files[i] = map[string][]byte{}
		for _, n := range []string{"clickbait.bin.gz", "satire.bin.gz"} {
			b, err := os.ReadFile(filepath.Join(out, n))
			if err != nil {
				t.Fatal(err)
			}
			files[i][n] = b
		}
	}
	for n, b := range files[0] {
		if !bytes.Equal(b, files[1][n]) {
			t.Errorf("%s differs between two trainings", n)
		}
	}
	// eval with the freshly trained file
	var stdout bytes.Buffer
	err := cmdEvalHeadlines([]string{"--data", filepath.Join(data, "onion-train.jsonl"), "--model", "satire", "--split", "all",
		"--model-file", filepath.Join(t.TempDir(), "missing.bin.gz")}, &stdout, &stdout)
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing model file: %v", err)
	}
}

func TestEvalHeadlines(t *testing.T) {
	data := writeHeadlineData(t)
	var stdout bytes.Buffer
	if err := cmdEvalHeadlines([]string{"--data", filepath.Join(data, "clickbait-train.jsonl"), "--split", "all", "--top", "3",
		"--articles", filepath.Join(data, "articles.jsonl"), "--loco"}, &stdout, &stdout); err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	for _, want := range []string{"clickbait model, all rows: 48 headlines", "accuracy  ", "F1(clickbait) ", "leave-one-corpus-out", "all (pooled)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestHeadlinesErrors(t *testing.T) {
	data := writeHeadlineData(t)
	onion := filepath.Join(data, "onion-train.jsonl")
	bad := filepath.Join(data, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"text": "x", "label": "news"`+"\n"), 0o644)
	for _, c := range []struct {
		train bool
		args  []string
		usage bool
		want  string
	}{
		{false, nil, true, "eval headlines: --data is required"},
		{false, []string{"--data", onion, "--model", "onion"}, true, `eval headlines: --model must be clickbait or satire, not "onion"`},
		{false, []string{"--data", onion, "--split", "dev"}, true, `eval headlines: --split must be test or all, not "dev"`},
		{false, []string{"--data", onion, "--top", "-1"}, true, "eval headlines: --top must not be negative"},
		{false, []string{"--data", onion, "extra"}, true, `eval headlines: unexpected argument "extra"`},
		{false, []string{"--bogus"}, true, "eval headlines: flag provided but not defined: -bogus"},
		{false, []string{"--data", onion}, false, onion + `: no "clickbait" labels for the clickbait model`},
		{false, []string{"--data", bad}, false, bad + ":1: unexpected end of JSON input"},
		{false, []string{"--data", filepath.Join(data, "none.jsonl")}, false, "open " + filepath.Join(data, "none.jsonl") + ": no such file or directory"},
		{true, []string{"x"}, true, `train headlines: unexpected argument "x"`},
		{true, []string{"--data", t.TempDir()}, false, "no such file or directory"},
	} {
		var err error
		var sink bytes.Buffer
		if c.train {
			err = cmdTrainHeadlines(c.args, &sink, &sink)
		} else {
			err = cmdEvalHeadlines(c.args, &sink, &sink)
		}
		var ue usageError
		switch {
		case err == nil:
			t.Errorf("%v: no error, want %q", c.args, c.want)
		case errors.As(err, &ue) != c.usage:
			t.Errorf("%v: usage error %v, want %v (%v)", c.args, !c.usage, c.usage, err)
		case c.want != err.Error() && !(c.train && strings.HasSuffix(err.Error(), c.want)):
			t.Errorf("%v:\n got %q\nwant %q", c.args, err.Error(), c.want)
		}
	}
}
