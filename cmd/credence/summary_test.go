package main

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const bbcURL = "https://www.bbc.co.uk/news/x"

// verdictHeadline is the first line of the verdict block: a score and band,
// or why there is none (the verdict stage may or may not be in the tree).
var verdictHeadline = regexp.MustCompile(`^Credibility( \d{1,3}/100 \((high|mixed|low|very low)\)|: not judged — .+)$`)

// --summary --format text: the headline, the meta line, then the verdict
// block (score, labels, the site's rating, ...), and nothing of the
// article, its sourcing or signals.
func TestAnalyzeSummaryText(t *testing.T) {
	code, out, errOut := runCLI(t, article, "analyze", "--summary", "--format", "text", "--color", "never", "--url", bbcURL)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(out, "\n")
	if len(lines) < 5 || lines[0] != "Minister resigns after expenses row" || lines[1] != "language en · "+bbcURL || lines[2] != "" || !verdictHeadline.MatchString(lines[3]) {
		t.Fatalf("summary:\n%s", out)
	}
	if !strings.Contains(out, "\n  Site: bbc.co.uk rated reliable — pc1 0.71 (Lin et al. 2023); level reliable: pc1 >= 0.7\n") {
		t.Errorf("summary lacks the site's rating:\n%s", out)
	}
	for _, absent := range []string{"The transport minister", "✂", "Quotes", "Sourcing", "How it is written", "Check-worthy", "Removed:", "Engine:"} {
		if strings.Contains(out, absent) {
			t.Errorf("summary contains %q:\n%s", absent, out)
		}
	}
}

// --summary --format markdown: the title, the meta line and the verdict
// section only.
func TestAnalyzeSummaryMarkdown(t *testing.T) {
	code, out, errOut := runCLI(t, article, "analyze", "--summary", "--format", "markdown", "--url", bbcURL)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := "# Minister resigns after expenses row\n\n_language en · " + bbcURL + "_\n\n## Verdict\n\n**Credibility"
	if !strings.HasPrefix(out, want) || !strings.Contains(out, "\n- Site: bbc.co.uk rated reliable — pc1 0.71 (Lin et al. 2023); level reliable: pc1 &gt;= 0.7\n") {
		t.Errorf("markdown summary:\n%s\nwant it to start\n%s", out, want)
	}
	if strings.Count(out, "\n## ") != 1 || strings.Contains(out, "###") || strings.Contains(out, "transport minister") {
		t.Errorf("markdown summary has more than the verdict:\n%s", out)
	}
}

// --summary with JSON: schema, input, meta, labels and credibility only.
func TestAnalyzeSummaryJSON(t *testing.T) {
	code, out, errOut := runCLI(t, article, "analyze", "--summary", "--url", bbcURL)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var v map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var keys []string
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if got := strings.Join(keys, " "); got != "credibility input labels meta schema" {
		t.Errorf("keys %q", got)
	}
	var meta struct {
		Title  string `json:"title"`
		Rating struct {
			Domain string `json:"domain"`
			Level  string `json:"level"`
		} `json:"rating"`
	}
	if err := json.Unmarshal(v["meta"], &meta); err != nil || meta.Title != "Minister resigns after expenses row" || meta.Rating.Domain != "bbc.co.uk" || meta.Rating.Level != "reliable" {
		t.Errorf("meta %s (%v)", v["meta"], err)
	}
	if string(v["schema"]) != `"credence/report/v1"` || !strings.HasPrefix(string(v["labels"]), "[") {
		t.Errorf("schema %s, labels %s", v["schema"], v["labels"])
	}
}

// The full text report opens with the verdict, before the article; the
// full Markdown report has every section, in order.
func TestAnalyzeVerdictFirst(t *testing.T) {
	code, out, _ := runCLI(t, article, "analyze", "--format", "text", "--color", "never", "--url", bbcURL)
	lines := strings.Split(out, "\n")
	site := strings.Index(out, "\n  Site: bbc.co.uk rated reliable")
	body := strings.Index(out, "\n  The transport minister")
	if code != exitOK || len(lines) < 5 || lines[3] != "" || !verdictHeadline.MatchString(lines[4]) || site < 0 || body < site {
		t.Errorf("text: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, article, "analyze", "--format", "markdown", "--url", bbcURL)
	pos := 0
	for _, s := range []string{"\n## Verdict\n", "\n### Site rating\n", "\n## Article\n", "\n## Removed\n", "\n## Quotes\n",
		"\n| he (vague; via pronoun) | direct | said | “I accept the findings in full,” |\n",
		"\n## Sourcing\n", "\n## How it is written\n", "\n## Check-worthy claims\n", "\n_credence "} {
		i := strings.Index(out[pos:], s)
		if code != exitOK || i < 0 {
			t.Fatalf("markdown lacks %q after byte %d: exit %d\n%s", s, pos, code, out)
		}
		pos += i + len(s)
	}
}

func TestAnalyzeUsageMentionsSummary(t *testing.T) {
	_, out, errOut := runCLI(t, "", "analyze", "--help")
	help := out + errOut
	if !strings.Contains(help, "--summary prints only the verdict") || !strings.Contains(help, "-summary") {
		t.Errorf("usage:\n%s", help)
	}
}
