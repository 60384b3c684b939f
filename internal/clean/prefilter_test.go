package clean

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestRequiredRunes checks the prefilter sets derived from patterns: a
// pattern's matches must all contain one of its runes.
func TestRequiredRunes(t *testing.T) {
	for _, c := range []struct{ expr, want string }{
		{`(?:\(x\)|[|•]+)$`, "(|•"},
		{`(?i)k`, "Kk\u212a"},
		{`a*b?`, ""},
		{`x{0,3}`, ""},
		{`(?:a|b*)c`, "c"},
		{`[a-z]`, ""},
	} {
		if got := requiredRunes(c.expr); got != c.want {
			t.Errorf("requiredRunes(%q) = %q, want %q", c.expr, got, c.want)
		}
	}
	for _, c := range []struct {
		expr string
		want []string
	}{
		{`(?:AP|AFP|Abaca\s+Press)\b`, []string{"AP", "AFP", "Abaca\t", "Abaca\n", "Abaca\f", "Abaca\r", "Abaca "}},
		{`(?:AP|AFP|Abaca[\s\x{a0}\x{2007}\x{2009}\x{202f}]+Press)\b`, []string{"AP", "AFP", "Abaca"}},
		{`\(?A(?:P|FP)?x*\)?$`, []string{"(A", "(AFP", "(AP", "A", "AFP", "AP"}},
		{`(https?://)?pic\.twitter\.com/\w+`, []string{"https://pic.twitter.com/", "http://pic.twitter.com/", "pic.twitter.com/"}},
		{`(?i)ab`, []string{"A", "a"}},
		{`a?b*`, nil},
		{`(?:x|y*)z?`, nil},
	} {
		got := requiredStrings(c.expr)
		slices.Sort(got)
		slices.Sort(c.want)
		if !slices.Equal(got, c.want) {
			t.Errorf("requiredStrings(%q) = %q, want %q", c.expr, got, c.want)
		}
	}
	rs, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{"Photo: Jane Doe (AP)", "Jane Doe | Reuters", "(Image: Getty)", "♬ original sound - x", "Image caption: a cat"}
	files, _ := filepath.Glob("../../testdata/*/*")
	more, _ := filepath.Glob("../../examples/*")
	for _, f := range append(files, more...) {
		b, _ := os.ReadFile(f)
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	for _, r := range append(rs.Paragraph, rs.Inline...) {
		for _, l := range lines {
			if !r.re.MatchString(l) {
				continue
			}
			if r.anyOf != "" && !containsAnyRune(l, r.anyOf) {
				t.Errorf("rule %s matches %q, which has none of %q", r.ID, l, r.anyOf)
			}
			var p paragraph
			p.set(l)
			if r.anyString != nil && !p.containsAny(r.anyString, r.anyStringPairs) {
				t.Errorf("rule %s matches %q, which has none of %q", r.ID, l, r.anyString)
			}
		}
	}
}

func TestParagraphLowerIsToLower(t *testing.T) {
	var p paragraph
	for _, s := range []string{
		"", "plain ascii", "Mixed CASE Text", "Curly ‘quotes’ and “DOUBLE” — DASHES",
		"ÉCOLE İstanbul \u212Aelvin ſ ΣΑΣ", "bad \xff\xfe UTF-8 \xe2\x80", "\xe2\xe2\x80\x99x", "\ufffd OK",
	} {
		p.set(s)
		if got, want := p.lower, strings.ToLower(s); got != want {
			t.Errorf("lower of %q = %q, want %q", s, got, want)
		}
	}
}

// TestAppendMatchKey checks the ASCII fast path against the plain
// definition: letters and digits, lower-cased, runs of others one space.
func TestAppendMatchKey(t *testing.T) {
	ref := func(s string) string {
		var b strings.Builder
		gap := false
		for _, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if gap && b.Len() > 0 {
					b.WriteByte(' ')
				}
				gap = false
				b.WriteRune(unicode.ToLower(r))
			} else {
				gap = true
			}
		}
		return b.String()
	}
	for _, s := range []string{"", "  By Jane DOE, 2024 ", "Éloïse Müller–Ödegaard", "a\xffb \u212Aelvin ſ", "--", "x.y"} {
		if got, want := string(appendMatchKey([]byte("keep"), s)), "keep"+ref(s); got != want {
			t.Errorf("appendMatchKey(%q) = %q, want %q", s, got, want)
		}
	}
}
