package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command in-process and returns its exit code and output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const article = "Minister resigns after expenses row\n\nThe transport minister resigned on Tuesday after an inquiry found he had claimed £12,000 in expenses for a second home. \"I accept the findings in full,\" he said in a statement.\n\nPA Images\n\nRead more: Ten things we learned from the inquiry\n"

func TestAnalyzeJSONFromStdin(t *testing.T) {
	code, out, errOut := runCLI(t, article, "analyze")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var rep struct {
		Schema string `json:"schema"`
		Meta   struct {
			Title string `json:"title"`
		} `json:"meta"`
		Text    string `json:"text"`
		Removed []struct {
			Start, End   int
			Text, Reason string
		} `json:"removed"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	if rep.Schema != "credence/report/v1" || rep.Meta.Title != "Minister resigns after expenses row" {
		t.Errorf("schema %q title %q", rep.Schema, rep.Meta.Title)
	}
	wantText := "The transport minister resigned on Tuesday after an inquiry found he had claimed £12,000 in expenses for a second home. \"I accept the findings in full,\" he said in a statement."
	if rep.Text != wantText {
		t.Errorf("text = %q", rep.Text)
	}
	if len(rep.Removed) != 2 || rep.Removed[0].Reason != "photo-credit" || rep.Removed[1].Reason != "call-to-action" {
		t.Fatalf("removed = %+v", rep.Removed)
	}
	// Offsets are code points into the input: "£" is one code point.
	runes := []rune(article)
	if got := string(runes[rep.Removed[0].Start:rep.Removed[0].End]); got != "PA Images" {
		t.Errorf("removed[0] offsets select %q", got)
	}
}

func TestAnalyzeFormatsAndOutputFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(in, []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "", "analyze", in, "--format", "text", "--color", "never")
	if code != exitOK || !strings.Contains(out, "✂ photo-credit") || strings.Contains(out, "\x1b[") {
		t.Errorf("text format: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "analyze", "--format", "markdown", in)
	if code != exitOK || !strings.HasPrefix(out, "# Minister resigns after expenses row\n") || !strings.Contains(out, "| photo-credit | credit-agency | PA Images |") {
		t.Errorf("markdown format: exit %d\n%s", code, out)
	}
	outFile := filepath.Join(dir, "r.json")
	code, out, _ = runCLI(t, "", "analyze", "-o", outFile, in)
	b, err := os.ReadFile(outFile)
	if code != exitOK || out != "" || err != nil || !json.Valid(b) {
		t.Errorf("-o: exit %d, stdout %q, file err %v", code, out, err)
	}
}

func TestBadInputExitCodes(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("word "), 2000), 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.html")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	f.Close()
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		msg   string
	}{
		{"empty", "", []string{"analyze"}, exitError, "credence: input is empty\n"},
		{"blank", " \n\t\n", []string{"analyze"}, exitError, "credence: input is empty\n"},
		{"binary", "\x00\x01\x02PNG\x00", []string{"analyze"}, exitError, "credence: input looks like binary data, not text, HTML or JSON\n"},
		{"invalid utf8", "Headline\n\nBody with a bad byte \xff here.", []string{"analyze"}, exitError, "credence: input is not valid UTF-8 (first invalid byte 0xff at offset 31); convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8\n"},
		{"json without text", `{"title":"Only a title","url":"https://example.com/a"}`, []string{"analyze"}, exitError, "credence: JSON record has no article text: give a non-empty \"text\" (or \"html\") field\n"},
		{"json array", `[{"text":"a"}]`, []string{"analyze", "--kind", "json"}, exitError, "credence: input is a JSON array; analyze takes one JSON object (one article)\n"},
		{"html without article", "<!doctype html><html><head><title>Login</title></head><body><nav><a href=/>Home</a></nav><form><input name=u></form></body></html>", []string{"analyze"}, exitError, "credence: no article found in the HTML page (main content has only 9 letters)\n"},
		{"only junk", "Headline\n\nPA Images\n\nRead more: something else\n", []string{"analyze"}, exitError, "credence: no article text left after removing boilerplate\n"},
		{"too large", "", []string{"analyze", big, "--max-bytes", "1K"}, exitError, "credence: " + big + ": input is larger than the 1024-byte limit (10000 bytes); raise it with --max-bytes\n"},
		{"50 MB file", "", []string{"analyze", huge}, exitError, "credence: " + huge + ": input is larger than the 8388608-byte limit (52428800 bytes); raise it with --max-bytes\n"},
		{"too large stdin", strings.Repeat("word ", 300), []string{"analyze", "--max-bytes", "1K"}, exitError, "credence: input is larger than the 1 KiB limit; raise it with --max-bytes\n"},
		{"missing file", "", []string{"analyze", filepath.Join(dir, "nope.txt")}, exitError, "credence: cannot read " + filepath.Join(dir, "nope.txt") + ": no such file or directory\n"},
		{"directory", "", []string{"analyze", dir}, exitError, "credence: cannot read " + dir + ": it is a directory (analyze takes one article)\n"},
		{"bad format", "", []string{"analyze", "--format", "pdf"}, exitUsage, "credence: analyze: --format must be json, text or markdown, not \"pdf\"\nRun \"credence help\" for usage.\n"},
		{"unknown flag", "", []string{"analyze", "--frobnicate"}, exitUsage, "credence: analyze: flag provided but not defined: -frobnicate\nRun \"credence help\" for usage.\n"},
		{"two files", "", []string{"analyze", "a", "b"}, exitUsage, "credence: analyze: unexpected argument \"b\"\nRun \"credence help\" for usage.\n"},
		{"unknown command", "", []string{"frobnicate"}, exitUsage, "credence: unknown command \"frobnicate\"\nRun \"credence help\" for usage.\n"},
		{"bad max-bytes", "", []string{"analyze", "--max-bytes", "lots"}, exitUsage, "credence: analyze: --max-bytes: want a positive number of bytes such as 16M, got \"lots\"\nRun \"credence help\" for usage.\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, c.stdin, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, errOut)
			}
			if errOut != c.msg {
				t.Errorf("stderr\n got %q\nwant %q", errOut, c.msg)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := runCLI(t, "", "version")
	if code != exitOK || !strings.HasPrefix(out, "credence ") || !strings.Contains(out, "credence/report/v1") {
		t.Errorf("version: %d %q", code, out)
	}
	code, out, _ = runCLI(t, "", "help")
	if code != exitOK || !strings.Contains(out, "credence analyze [flags] [FILE|-]") {
		t.Errorf("help: %d %q", code, out)
	}
	for _, cmd := range [][]string{{"analyze", "--help"}, {"eval", "extraction", "--help"}, {"schema", "--help"}, {"version", "--help"}} {
		code, _, errOut := runCLI(t, "", cmd...)
		if code != exitOK || !strings.Contains(errOut, "Flags:") && !strings.Contains(errOut, "Usage") && !strings.Contains(errOut, "credence") {
			t.Errorf("%v: exit %d, help %q", cmd, code, errOut)
		}
	}
	code, out, _ = runCLI(t, "", "schema")
	if code != exitOK || !json.Valid([]byte(out)) {
		t.Errorf("schema: %d", code)
	}
}
