package signals

import (
	_ "embed"
	"strings"
	"unicode"

	"github.com/credence-news/credence/doc"
)

//go:embed data/sensational.txt
var sensationalTxt string

// SensationalTerms returns the sensational-language list (for precision
// measurement by `credence train signals`).
func SensationalTerms() []string {
	var out []string
	for _, line := range strings.Split(sensationalTxt, "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			out = append(out, line)
		}
	}
	return out
}

// sensational counts the writer's sensational and emotional language:
// loaded words from the list, words in capitals, exclamation marks and
// rhetorical questions, outside quotations (a source's outburst quoted is
// reporting). Superlatives are counted in the breakdown only: "the largest"
// is ordinary in wire copy.
func sensational(v *view) doc.Signal {
	b := map[string]float64{}
	var ev []doc.Evidence
	v.match(sensationalList, func(i int, p phrase) bool { return v.quoted[i] || v.said[i] }, func(i, n int, p phrase) {
		b["loaded_words"]++
		ev = append(ev, doc.Evidence{Span: v.span(i, n), Note: "loaded or emotional word"})
	})
	for i, w := range v.d.Words {
		if v.quoted[i] {
			continue
		}
		text := v.d.Text[w.Start:w.End]
		switch {
		case w.POS == "JJS" || w.POS == "RBS":
			b["superlatives"]++
		case isShouted(text) && v.d.Words[i].NER == "O":
			b["capitals"]++
			ev = append(ev, doc.Evidence{Span: w.Span, Note: "word in capitals"})
		case strings.HasPrefix(text, "!"):
			b["exclamations"]++
			ev = append(ev, doc.Evidence{Span: w.Span, Note: "exclamation mark"})
		}
	}
	for _, s := range v.d.Sentences {
		t := strings.TrimRight(v.d.Text[s.Start:s.End], "\"'”’ ")
		if strings.HasSuffix(t, "?") && !v.spanQuoted(s.Span) {
			b["rhetorical_questions"]++
			ev = append(ev, doc.Evidence{Span: s.Span, Note: "question put by the writer"})
		}
	}
	n := int(b["loaded_words"] + b["capitals"] + b["exclamations"] + b["rhetorical_questions"])
	b["count"] = float64(n)
	sortEvidence(ev)
	return doc.Signal{ID: "sensational", Value: round2(v.per1000(n)), Unit: "per-1000-words", Percentile: -1, Evidence: ev, Breakdown: b,
		Note: "loaded words, capitals, exclamation marks and rhetorical questions in the writer's own words"}
}

// isShouted reports a word of four or more letters written in capitals.
func isShouted(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4
}

// spanQuoted reports a span whose words are all inside a quotation.
func (v *view) spanQuoted(s doc.Span) bool {
	any := false
	for i, w := range v.d.Words {
		if w.Start >= s.Start && w.End <= s.End && v.d.Words[i].POS != "." {
			if !v.quoted[i] {
				return false
			}
			any = true
		}
	}
	return any
}

// scareQuotes lists the terms the writer holds at a distance with quotation
// marks ("a 'secret meeting'"): irony, doubt or a borrowed label.
func scareQuotes(v *view) doc.Signal {
	var ev []doc.Evidence
	for _, q := range v.d.Quotes {
		if q.Kind == "scare" {
			ev = append(ev, doc.Evidence{Span: q.Span, Note: "term in quotation marks without a speaker"})
		}
	}
	return doc.Signal{ID: "scare-quotes", Value: round2(v.per1000(len(ev))), Unit: "per-1000-words", Percentile: -1, Evidence: ev,
		Breakdown: map[string]float64{"count": float64(len(ev))}}
}

func sortEvidence(ev []doc.Evidence) {
	for i := 1; i < len(ev); i++ {
		for j := i; j > 0 && ev[j].Start < ev[j-1].Start; j-- {
			ev[j], ev[j-1] = ev[j-1], ev[j]
		}
	}
}
