package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// claimsData writes a tiny ClaimBuster file and CLEF CSV to a new directory.
func claimsData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cb := `[{"sentence_id":1,"label":1,"text":"Taxes rose by 12 percent in 2010."},
{"sentence_id":2,"label":0,"text":"Thank you so much."},
{"sentence_id":3,"label":1,"text":"We built 300 new schools last year."},
{"sentence_id":4,"label":0,"text":"I think we should talk about that."}]`
	clef := "line_number,speaker,text,label,file_name\n" +
		"1,A,Good evening and welcome.,0,d1.tsv\n" +
		"2,B,\"Crime fell more than 20 percent since 1990, the lowest ever.\",1,d1.tsv\n" +
		"3,A,Is that right?,0,d1.tsv\n" +
		"1,C,Thank you.,0,d2.tsv\n" +
		"2,D,The deficit doubled to $1.4 trillion in 2009.,1,d2.tsv\n"
	if err := os.WriteFile(filepath.Join(dir, claimBusterFile), []byte(cb), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "clef2019-train.csv"), []byte(clef), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTrainClaimsDeterministic(t *testing.T) {
	dir := claimsData(t)
	var files [][]byte
	for i := 0; i < 2; i++ {
		out := filepath.Join(dir, "m", "claims.bin.gz")
		var stdout bytes.Buffer
		if err := cmdTrainClaims([]string{"--data", dir, "--out", out}, &stdout, io.Discard); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stdout.String(), "trained on 9 sentences (4 ClaimBuster, 5 CLEF)") || !strings.Contains(stdout.String(), "wrote "+out) {
			t.Errorf("output: %s", stdout.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two runs of train claims wrote different files")
	}
	// The model file is usable by eval claims --loo=false.
	var stdout bytes.Buffer
	err := cmdEvalClaims([]string{"--clef", filepath.Join(dir, "clef2019-train.csv"), "--loo=false", "--model", filepath.Join(dir, "m", "claims.bin.gz")}, &stdout, io.Discard)
	if err != nil || !strings.Contains(stdout.String(), "MAP") || !strings.Contains(stdout.String(), "d2.tsv") {
		t.Errorf("eval with --model: %v\n%s", err, stdout.String())
	}
}

func TestEvalClaimsLOOSmall(t *testing.T) {
	dir := claimsData(t)
	var stdout bytes.Buffer
	if err := cmdEvalClaims([]string{"--clef", filepath.Join(dir, "clef2019-train.csv"), "--data", dir}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	for _, want := range []string{"5 sentences, 2 debates, leave-one-debate-out", "d1.tsv", "d2.tsv", "AP1", "AP2", "MAP"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalClaimsEmbedded(t *testing.T) {
	dir := claimsData(t)
	var stdout bytes.Buffer
	if err := cmdEvalClaims([]string{"--clef", filepath.Join(dir, "clef2019-train.csv"), "--loo=false"}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	// The embedded model ranks each toy debate's one claim first.
	if !strings.Contains(stdout.String(), "ranked by the embedded model") || !strings.Contains(strings.Join(strings.Fields(stdout.String()), " "), "MAP 1.0000") {
		t.Errorf("output:\n%s", stdout.String())
	}
}

func TestClaimsCLIErrors(t *testing.T) {
	dir := claimsData(t)
	usage := []struct {
		args []string
		msg  string
	}{
		{nil, "eval claims: --clef or --news is required"},
		{[]string{"--clef", "x.csv", "--news", "g.jsonl"}, "eval claims: give --clef or --news, not both"},
		{[]string{"--clef", "x.csv", "--model", "m.gz"}, "eval claims: --model needs --loo=false"},
		{[]string{"--clef", "x.csv", "extra"}, `eval claims: unexpected argument "extra"`},
		{[]string{"--nope"}, "eval claims: flag provided but not defined: -nope"},
	}
	for _, c := range usage {
		err := cmdEvalClaims(c.args, io.Discard, io.Discard)
		var ue usageError
		if !errors.As(err, &ue) || err.Error() != c.msg {
			t.Errorf("eval claims %v: err = %v, want usage error %q", c.args, err, c.msg)
		}
	}
	err := cmdTrainClaims([]string{"positional"}, io.Discard, io.Discard)
	var ue usageError
	if !errors.As(err, &ue) || err.Error() != `train claims: unexpected argument "positional"` {
		t.Errorf("train claims positional: err = %v", err)
	}

	// Plain (exit 1) errors, one line, naming the file.
	missing := filepath.Join(dir, "missing.csv")
	badCSV := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(badCSV, []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := []struct {
		err  error
		want string
	}{
		{cmdEvalClaims([]string{"--clef", missing}, io.Discard, io.Discard), "missing.csv: no such file"},
		{cmdEvalClaims([]string{"--clef", filepath.Join(dir, "clef2019-train.csv"), "--data", t.TempDir()}, io.Discard, io.Discard), "claimbuster-2.5xncs.json: no such file"},
		{cmdEvalClaims([]string{"--clef", badCSV}, io.Discard, io.Discard), `bad.csv: no "line_number" column`},
		{cmdEvalClaims([]string{"--clef", filepath.Join(dir, "clef2019-train.csv"), "--loo=false", "--model", filepath.Join(dir, claimBusterFile)}, io.Discard, io.Discard), "check-worthiness model"},
		{cmdTrainClaims([]string{"--data", t.TempDir(), "--out", filepath.Join(dir, "x.gz")}, io.Discard, io.Discard), "claimbuster-2.5xncs.json: no such file"},
	}
	for i, c := range plain {
		var ue usageError
		if c.err == nil || errors.As(c.err, &ue) || !strings.Contains(c.err.Error(), c.want) || strings.Contains(c.err.Error(), "\n") {
			t.Errorf("case %d: err = %v, want a one-line error containing %q", i, c.err, c.want)
		}
	}

	// --help prints the usage and returns flag.ErrHelp (exit 0).
	var help bytes.Buffer
	if err := cmdEvalClaims([]string{"--help"}, io.Discard, &help); err == nil || !strings.Contains(help.String(), "leave-one-debate-out") {
		t.Errorf("--help: err = %v, output %q", err, help.String())
	}
}

// eval claims --news ranks a gold article's headline and sentences and
// scores what the stage lists.
func TestEvalClaimsNews(t *testing.T) {
	dir := t.TempDir()
	arts := filepath.Join(dir, "articles.jsonl")
	gold := filepath.Join(dir, "dev.jsonl")
	os.WriteFile(arts, []byte(`{"id": "a1", "dataset": "toy", "label": "fake", "title": "NASA confirms 15 days of darkness in November", "text": "The space agency said the Earth will go dark for 15 days from November 15, 2026.\n\nThank you all for reading this and have a lovely day today."}`+"\n"), 0o644)
	os.WriteFile(gold, []byte(`{"id": "a1", "split": "dev", "claims": [{"anchor": "NASA confirms 15 days", "mode": "attributed"}, {"anchor": "the Earth will go dark for 15 days", "mode": "attributed"}]}`+"\n"), 0o644)
	var stdout bytes.Buffer
	if err := cmdEvalClaims([]string{"--news", gold, "--articles", arts, "--sweep"}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	out := strings.Join(strings.Fields(stdout.String()), " ")
	for _, want := range []string{"1 gold articles", "dev toy 1 2", "dev all 1 2", "dev headlines: 1 articles, 1 listed, 1 of them gold claims"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	os.WriteFile(gold, []byte(`{"id": "missing", "split": "dev", "claims": []}`+"\n"), 0o644)
	if err := cmdEvalClaims([]string{"--news", gold, "--articles", arts}, &stdout, io.Discard); err == nil || !strings.Contains(err.Error(), `"missing" is not in the articles file`) {
		t.Errorf("unknown article: %v", err)
	}
}
