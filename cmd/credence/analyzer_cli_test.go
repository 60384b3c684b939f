package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --disable switches stages off; the report's engine lists the stages that
// ran, and the layers of the others are empty.
func TestAnalyzeDisable(t *testing.T) {
	code, out, errOut := runCLI(t, article, "analyze", "--disable", "verdict, claims, signals")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var rep struct {
		Signals []json.RawMessage `json:"signals"`
		Claims  []json.RawMessage `json:"claims"`
		Quotes  []json.RawMessage `json:"quotes"`
		Engine  struct {
			Stages []string `json:"stages"`
		} `json:"engine"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rep.Engine.Stages, " "); got != "clean segment language attribution" {
		t.Errorf("stages %q", got)
	}
	if len(rep.Signals) != 0 || len(rep.Claims) != 0 || len(rep.Quotes) != 1 {
		t.Errorf("%d signals, %d claims, %d quotes; want 0, 0, 1", len(rep.Signals), len(rep.Claims), len(rep.Quotes))
	}
}

func TestAnalyzeConfigErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--disable", "verdikt"}, exitUsage,
			`credence: --disable: cannot switch off stage "verdikt": the stages that can be switched off are language, attribution, signals, claims, verdict`},
		{[]string{"--disable", "attribution"}, exitUsage,
			"credence: --disable: stage signals reads the attributions layer, which stage attribution writes, but attribution is switched off"},
		{[]string{"--data", "/nonexistent/credence-data"}, exitError,
			"credence: cannot start: data folder /nonexistent/credence-data: no such file or directory"},
	} {
		code, _, errOut := runCLI(t, article, append([]string{"analyze"}, c.args...)...)
		if first, _, _ := strings.Cut(errOut, "\n"); code != c.code || first != c.want {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

// A data folder's broken model stops the analysis before it starts, with
// the file's path; `credence data list` shows a working one's files.
func TestDataFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "signals"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "signals", "hedges.extra.txt"), []byte("perchance\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "data", "list", "--data", dir)
	if code != exitOK {
		t.Fatalf("data list: exit %d, stderr %q", code, errOut)
	}
	var hedges string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "signals/hedges.txt ") {
			hedges = l
		}
	}
	if !strings.HasSuffix(hedges, " extended") || !strings.Contains(out, "tagger/tagger.bin.gz") {
		t.Errorf("data list:\n%s", out)
	}

	if err := os.MkdirAll(filepath.Join(dir, "tagger"), 0o755); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "tagger", "tagger.bin.gz")
	if err := os.WriteFile(model, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, article, "analyze", "--data", dir)
	if want := "credence: cannot start: data file " + model + ": "; code != exitError || !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("broken model: exit %d, stderr %q; want one line starting %q", code, errOut, want)
	}
}
