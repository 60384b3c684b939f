package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Inputs that are not articles, and arguments that are not files, get one
// line that says what to do, with exit code 1 for bad input and 2 for a
// command-line mistake.
func TestAnalyzeRefusals(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "paper.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n4 0 obj << /Length 44 >>\nstream\nBT (Le conseil a vote mardi soir.) Tj ET\nendstream\nendobj\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	headline := filepath.Join(dir, "headline.txt")
	if err := os.WriteFile(headline, []byte("Minister resigns after expenses row\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const url = "https://www.example.com/news/2024/minister-resigns?ref=home&page=2"
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		msg   string
	}{
		{"pdf", "", []string{"analyze", pdf}, exitError, "credence: " + pdf + ": input is a PDF document, not text, HTML or JSON; extract its text first (e.g. pdftotext FILE article.txt)\n"},
		{"pdf on stdin", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", []string{"analyze"}, exitError, "credence: input is a PDF document, not text, HTML or JSON; extract its text first (e.g. pdftotext FILE article.txt)\n"},
		{"rtf", `{\rtf1\ansi The council voted.\par}`, []string{"analyze", "--kind", "text"}, exitError, "credence: input is an RTF document, not text, HTML or JSON; convert it to plain text first (e.g. pandoc FILE -t plain -o article.txt)\n"},
		{"headline only", "", []string{"analyze", headline}, exitError, "credence: " + headline + ": input has a headline but no article body\n"},
		{"headline and blank line", "Minister resigns after expenses row\n\n", []string{"analyze"}, exitError, "credence: input has a headline but no article body\n"},
		{"url", "", []string{"analyze", url}, exitUsage, "credence: analyze takes a file, not a URL: fetch the page first (curl -sL '" + url + "' > page.html) and give the file, with --url '" + url + "' to keep its address\nRun \"credence help\" for usage.\n"},
		{"http url with flags", "", []string{"analyze", "--format", "text", "http://example.com/a"}, exitUsage, "credence: analyze takes a file, not a URL: fetch the page first (curl -sL 'http://example.com/a' > page.html) and give the file, with --url 'http://example.com/a' to keep its address\nRun \"credence help\" for usage.\n"},
		{"output folder missing", article, []string{"analyze", "-o", filepath.Join(dir, "nope", "r.json")}, exitError, "credence: cannot write the report to " + filepath.Join(dir, "nope", "r.json") + ": the directory " + filepath.Join(dir, "nope") + " does not exist\n"},
		// The output is checked before the input is read: this input is empty.
		{"output checked first", "", []string{"analyze", "-o", filepath.Join(dir, "nope", "r.json")}, exitError, "credence: cannot write the report to " + filepath.Join(dir, "nope", "r.json") + ": the directory " + filepath.Join(dir, "nope") + " does not exist\n"},
		{"output is a folder", article, []string{"analyze", "-o", dir}, exitError, "credence: cannot write the report to " + dir + ": it is a directory\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, c.stdin, c.args...)
			if code != c.code || errOut != c.msg || out != "" {
				t.Errorf("exit %d (want %d), stdout %q\nstderr %q\nwant   %q", code, c.code, out, errOut, c.msg)
			}
		})
	}
	// A file whose name looks like a URL is still read.
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	if err := os.WriteFile("www.example.com", []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "", "analyze", "www.example.com"); code != exitOK {
		t.Errorf("file named www.example.com: exit %d, %s", code, errOut)
	}
}

// A failed analysis leaves an existing output file as it was, and a
// read-only one is refused before the analysis.
func TestAnalyzeOutputKeptOnFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	if err := os.WriteFile(out, []byte("previous report"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCLI(t, "", "analyze", "-o", out); code != exitError {
		t.Fatalf("empty input: exit %d", code)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous report" {
		t.Errorf("output file changed to %q", b)
	}
	if os.Getuid() == 0 {
		return // root writes read-only files
	}
	if err := os.Chmod(out, 0o444); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, article, "analyze", "-o", out)
	if code != exitError || errOut != "credence: cannot write the report to "+out+": permission denied\n" {
		t.Errorf("read-only output: exit %d, %q", code, errOut)
	}
}

// An article in another language is analysed with a warning first, and no
// signal gets a percentile.
func TestAnalyzeOtherLanguage(t *testing.T) {
	code, out, errOut := runCLI(t, "", "analyze", "--format", "text", "--color", "never", filepath.Join("..", "..", "testdata", "languages", "pt.txt"))
	if code != exitOK {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if !strings.Contains(out, "\nwarning: language: the article is in Portuguese (pt); Credence's models are English-only") ||
		strings.Contains(out, "percentile") || strings.Contains(out, "People") {
		t.Errorf("text report:\n%s", out)
	}
}

// The commands that group subcommands list them, one line each, for
// --help and for "credence help COMMAND"; "credence help --help" is help.
func TestGroupHelp(t *testing.T) {
	groups := map[string][]string{
		"eval":    {"extraction", "ner", "attribution", "headlines", "claims"},
		"train":   {"tagger", "signals", "headlines", "claims"},
		"sources": {"lookup", "build"},
	}
	for group, subs := range groups {
		for _, args := range [][]string{{group, "--help"}, {group, "-h"}, {"help", group}} {
			code, out, errOut := runCLI(t, "", args...)
			help := out + errOut
			if code != exitOK {
				t.Errorf("%v: exit %d", args, code)
			}
			for _, s := range subs {
				if !strings.Contains(help, "credence "+group+" "+s) && !strings.Contains(help, "\n  "+s+" ") {
					t.Errorf("%v: %s not listed:\n%s", args, s, help)
				}
			}
			if strings.Contains(help, "Flags:") {
				t.Errorf("%v: shows one subcommand's flags:\n%s", args, help)
			}
		}
	}
	for _, args := range [][]string{{"help", "--help"}, {"help", "-h"}, {"help", "help"}, {"--help"}} {
		code, out, _ := runCLI(t, "", args...)
		if code != exitOK || !strings.Contains(out, "credence analyze [flags] [FILE|-]") {
			t.Errorf("%v: exit %d\n%s", args, code, out)
		}
	}
	if code, _, _ := runCLI(t, "", "help", "frobnicate"); code != exitUsage {
		t.Errorf("help frobnicate: exit %d", code)
	}
	// Every subcommand's own --help exits 0.
	for _, args := range [][]string{
		{"eval", "extraction"}, {"eval", "ner"}, {"eval", "attribution"}, {"eval", "headlines"}, {"eval", "claims"},
		{"train", "tagger"}, {"train", "signals"}, {"train", "headlines"}, {"train", "claims"},
		{"sources", "lookup"}, {"sources", "build"}, {"gazetteer", "build"}, {"gazetteer"}, {"tag"}, {"schema"}, {"version"}, {"analyze"},
	} {
		if code, _, errOut := runCLI(t, "", append(args, "--help")...); code != exitOK || errOut == "" {
			t.Errorf("%v --help: exit %d, %q", args, code, errOut)
		}
	}
}
