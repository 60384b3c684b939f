package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/tagger"
)

// tinyCorpus is a few hand-written sentences in CoreNLP TSV form (word,
// lemma, POS, NER, begin, end).
const tinyCorpus = `#doc a.txt
Maria	Maria	NNP	PERSON	0	5
Zakharova	Zakharova	NNP	PERSON	6	15
spoke	speak	VBD	O	16	21
in	in	IN	O	22	24
Moscow	Moscow	NNP	LOCATION	25	31
on	on	IN	O	32	34
Monday	Monday	NNP	DATE	35	41
.	.	.	O	41	42

The	the	DT	O	43	46
State	State	NNP	ORGANIZATION	47	52
Department	Department	NNP	ORGANIZATION	53	63
said	say	VBD	O	64	68
12	12	CD	NUMBER	69	71
people	people	NNS	O	72	78
died	die	VBD	O	79	83
.	.	.	O	83	84

#doc b.txt
Sergei	Sergei	NNP	PERSON	0	6
Lavrov	Lavrov	NNP	PERSON	7	13
visited	visit	VBD	O	14	21
Paris	Paris	NNP	LOCATION	22	27
.	.	.	O	27	28
`

// tinyModel trains a model on tinyCorpus (repeated) and writes it to a
// temporary file.
func tinyModel(t *testing.T) (path, dataDir string) {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "nlp")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"polnear-corenlp-train.tsv", "polnear-corenlp-dev.tsv"} {
		if err := os.WriteFile(filepath.Join(data, f), []byte(strings.Repeat(tinyCorpus+"\n", 8)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sents, err := tagger.ReadCoreNLPTSV(filepath.Join(data, "polnear-corenlp-train.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := tagger.Train(tagger.Config{POSIterations: 3, NERIterations: 3, NoGazetteer: true}, sents, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "tiny.bin.gz")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, data
}

func TestTagCommand(t *testing.T) {
	model, _ := tinyModel(t)
	code, out, errOut := runCLI(t, "Sergei Lavrov spoke in Paris on Monday.\n\nMaria Zakharova's ministry died.", "tag", "--model", model)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "Sergei\tNNP\tB-PERSON\nLavrov\tNNP\tI-PERSON\nspoke\tVBD\tO\nin\tIN\tO\nParis\tNNP\tB-LOC\non\tIN\tO\nMonday\tNNP\tB-DATE\n.\t.\tO\n\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("tag output:\n%s", out)
	}
	if !strings.Contains(out, "\nZakharova\tNNP\tI-PERSON\n's\t") {
		t.Errorf("possessive not split off:\n%s", out)
	}

	conll := "-DOCSTART- O\n\nSergei B-PER\nLavrov I-PER\nspoke O\n\nvisited O\nParis I-LOC\n"
	code, out, errOut = runCLI(t, conll, "tag", "--conll", "--model", model, "-")
	if code != exitOK {
		t.Fatalf("--conll: exit %d: %s", code, errOut)
	}
	want = "-DOCSTART- O\n\nSergei B-PER\tNNP\tB-PERSON\nLavrov I-PER\tNNP\tI-PERSON\nspoke O\tVBD\tO\n\nvisited O\tVBD\tO\nParis I-LOC\tNNP\tB-LOC\n"
	if out != want {
		t.Errorf("--conll output:\n%q\nwant\n%q", out, want)
	}
	// The word in another column.
	code, out, _ = runCLI(t, "1 visited\n2 Paris\r\n", "tag", "--conll", "--column", "2", "--model", model)
	if code != exitOK || out != "1 visited\tVBD\tO\n2 Paris\tNNP\tB-LOC\n" {
		t.Errorf("--column 2: exit %d, %q", code, out)
	}
}

func TestTagCommandErrors(t *testing.T) {
	model, _ := tinyModel(t)
	bad := filepath.Join(t.TempDir(), "bad.bin.gz")
	os.WriteFile(bad, []byte("not a model"), 0o644)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"tag", "--column", "0", "--conll"}, exitUsage, "--column must be at least 1"},
		{[]string{"tag", "--column", "2"}, exitUsage, "--column needs --conll"},
		{[]string{"tag", "a.txt", "b.txt"}, exitUsage, `unexpected argument "b.txt"`},
		{[]string{"tag", "--bogus"}, exitUsage, "flag provided but not defined"},
		{[]string{"tag", "--model", bad}, exitError, "bad.bin.gz: tagger: model file"},
		{[]string{"tag", "--model", filepath.Join(t.TempDir(), "missing")}, exitError, "no such file"},
		{[]string{"tag", "--conll", "--column", "3", "--model", model}, exitError, "line 1: 2 columns, no column 3"},
		{[]string{"tag", "/nonexistent/file.txt", "--model", model}, exitError, "cannot read"},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(t, "Paris O\n", c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) || strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", c.args, code, errOut, c.code, c.msg)
		}
	}
}

func TestEvalNERCommand(t *testing.T) {
	model, data := tinyModel(t)
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.conll")
	os.WriteFile(gold, []byte("-DOCSTART- O\n\nSergei I-PER\nLavrov I-PER\nvisited O\nParis I-LOC\n. O\n\nThe O\nState I-ORG\nDepartment I-ORG\nsaid O\n12 O\n"), 0o644)
	code, out, errOut := runCLI(t, "", "eval", "ner", "--gold", gold, "--model", model)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// 12 is a NUMBER for the model, which CoNLL does not annotate: O.
	for _, want := range []string{"2 sentences", "PERSON", "PERSON+ORG+LOC      1.0000    1.0000    1.0000       3       3       3", "overall             1.0000"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runCLI(t, "", "eval", "ner", "--gold", filepath.Join(data, "polnear-corenlp-dev.tsv"), "--model", model)
	if code != exitOK || !strings.Contains(out, "CoreNLP silver") || !strings.Contains(out, "POS accuracy") || !strings.Contains(out, "NUMBER") {
		t.Errorf("corenlp gold: exit %d %s\n%s", code, errOut, out)
	}
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"eval", "ner"}, exitUsage, "--gold is required"},
		{[]string{"eval", "ner", "--gold", gold, "--format", "xml"}, exitUsage, "--format must be conll or corenlp"},
		{[]string{"eval", "ner", "--gold", filepath.Join(dir, "missing")}, exitError, "no such file"},
		{[]string{"eval", "nerd"}, exitUsage, `unknown evaluation "nerd"`},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", c.args, code, errOut, c.code, c.msg)
		}
	}
	empty := filepath.Join(dir, "empty.conll")
	os.WriteFile(empty, []byte("\n\n"), 0o644)
	if code, _, errOut := runCLI(t, "", "eval", "ner", "--gold", empty, "--model", model); code != exitError || !strings.Contains(errOut, "no sentences") {
		t.Errorf("empty gold: exit %d %q", code, errOut)
	}
}

func TestTrainCommand(t *testing.T) {
	_, data := tinyModel(t)
	ner := t.TempDir()
	gmb := "The\tDT\tO\nPakistani\tJJ\tB-NORP\narmy\tNN\tO\nleft\tVBD\tO\nOrakzai\tNNP\tB-LOC\non\tIN\tO\nThursday\tNNP\tB-DATE\n.\t.\tO\n\n"
	wnut := "@paulwalk\t_\tO\nloves\t_\tO\nNew\t_\tB-LOC\nYork\t_\tI-LOC\n\n"
	for name, text := range map[string]string{"gmb-train.conll": gmb, "gmb-dev.conll": gmb, "wnut17-train.conll": wnut} {
		if err := os.WriteFile(filepath.Join(ner, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out1 := filepath.Join(t.TempDir(), "m1.bin.gz")
	out2 := filepath.Join(t.TempDir(), "m2.bin.gz")
	for _, out := range []string{out1, out2} {
		code, stdout, errOut := runCLI(t, "", "train", "tagger", "--data", data, "--ner-data", ner, "--out", out, "--iterations", "2")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if !strings.Contains(stdout, "POS accuracy") || !strings.Contains(stdout, "PERSON") || !strings.Contains(stdout, "wrote "+out) || !strings.Contains(stdout, "GMB dev") {
			t.Errorf("train output:\n%s", stdout)
		}
	}
	if code, stdout, errOut := runCLI(t, "", "train", "tagger", "--data", data, "--gmb", "0", "--wnut=false", "--out", filepath.Join(t.TempDir(), "m3.bin.gz"), "--iterations", "2"); code != exitOK || strings.Contains(stdout, "GMB dev") {
		t.Errorf("PolNeAR only: exit %d: %s\n%s", code, errOut, stdout)
	}
	a, _ := os.ReadFile(out1)
	b, _ := os.ReadFile(out2)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("two trainings gave different files (%d, %d bytes)", len(a), len(b))
	}
	if code, _, _ := runCLI(t, "", "tag", "--model", out1, "-"); code != exitOK {
		t.Errorf("trained model does not load")
	}
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"train"}, exitUsage, "name what to train"},
		{[]string{"train", "parser"}, exitUsage, `unknown model "parser"`},
		{[]string{"train", "tagger", "--iterations", "-1"}, exitUsage, "--iterations must not be negative"},
		{[]string{"train", "tagger", "--gmb", "-1"}, exitUsage, "--gmb must not be negative"},
		{[]string{"train", "tagger", "--data", filepath.Join(data, "missing")}, exitError, "no such file"},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", c.args, code, errOut, c.code, c.msg)
		}
	}
}
