package signals

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/ascii"
)

// headlineBody checks the headline against the body: names and numbers
// the headline uses that the body never mentions, and phrases the headline
// puts in quotation marks that no source in the body says ("'secret
// meeting'" in the headline, while the body only has officials who "had
// met"). The value is the number of unsupported items; evidence points at
// the body's own scare-quoted uses of a headline phrase, and the note names
// every item.
func headlineBody(d *doc.Document, v *view) doc.Signal {
	sig := doc.Signal{ID: doc.SignalHeadlineBody, Unit: doc.UnitCount, Percentile: -1, Breakdown: map[string]float64{}}
	title := d.Meta.Title
	if title == "" {
		sig.Note, sig.Unmeasured = "no headline", true
		return sig
	}
	body := ascii.ToLower(d.Text)
	var missing []string

	// Quoted phrases in the headline.
	for _, ph := range quotedPhrases(title) {
		lp := strings.ToLower(ph)
		supported := false
		for _, q := range d.Quotes {
			qt := strings.ToLower(d.Text[q.Start:q.End])
			if strings.Contains(qt, lp) {
				if q.Speaker != nil {
					supported = true
				} else if q.Kind == doc.QuoteScare {
					sig.Evidence = append(sig.Evidence, doc.Evidence{Span: q.Span, Note: fmt.Sprintf("the headline's quoted %q appears in the body only as a scare quote, with no speaker", ph)})
				}
			}
		}
		if !supported {
			sig.Breakdown["unsupported_quotes"]++
			missing = append(missing, "‘"+ph+"’ (quoted, but no source says it)")
		}
	}
	// Names and numbers.
	words := strings.FieldsFunc(title, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:!?“”\"‘’()", r) || r == '\'' && false
	})
	// isTitleCaseHeadline(words), worked out once when first needed.
	titleCase := 0 // 0 unknown, 1 no, 2 yes
	isTitleCase := func() bool {
		if titleCase == 0 {
			titleCase = 1
			if isTitleCaseHeadline(words) {
				titleCase = 2
			}
		}
		return titleCase == 2
	}
	for i, w := range words {
		w = strings.Trim(w, "'’‘.")
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsDigit(r):
			if !strings.Contains(body, strings.ToLower(w)) {
				sig.Breakdown["missing_numbers"]++
				missing = append(missing, w+" (number not in the body)")
			}
		case unicode.IsUpper(r) && i > 0 && len(w) > 2 && !isTitleCase() && !isHeadlineStopword(w):
			if !strings.Contains(body, strings.ToLower(w)) {
				sig.Breakdown["missing_names"]++
				missing = append(missing, w+" (name not in the body)")
			}
		}
	}
	sig.Value = float64(len(missing))
	if len(missing) > 0 {
		sig.Note = "headline items the body does not support: " + strings.Join(missing, "; ")
	} else {
		sig.Note = "every name, number and quoted phrase of the headline is supported by the body"
	}
	return sig
}

// quotedPhrases returns phrases in single or double quotation marks.
func quotedPhrases(s string) []string {
	var out []string
	open := -1
	var closer rune
	rs := []rune(s)
	for i, r := range rs {
		prevSpace := i == 0 || unicode.IsSpace(rs[i-1])
		nextEnd := i+1 == len(rs) || !unicode.IsLetter(rs[i+1])
		switch {
		case open < 0 && prevSpace && (r == '\'' || r == '‘' || r == '"' || r == '“'):
			open = i
			closer = map[rune]rune{'\'': '\'', '‘': '’', '"': '"', '“': '”'}[r]
		case open >= 0 && (r == closer || closer == '\'' && r == '’') && nextEnd:
			if ph := strings.TrimSpace(string(rs[open+1 : i])); ph != "" {
				out = append(out, ph)
			}
			open = -1
		}
	}
	return out
}

// isTitleCaseHeadline reports a headline in Title Case, where capitals say
// nothing about names.
func isTitleCaseHeadline(words []string) bool {
	upper, n := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) || isHeadlineStopword(w) {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return n > 3 && upper*10 >= n*8
}

// isHeadlineStopword is headlineStopword[strings.ToLower(w)], without
// allocating for an ASCII word (the list's words are at most five ASCII
// letters).
func isHeadlineStopword(w string) bool {
	if !ascii.IsASCII(w) {
		return headlineStopword[strings.ToLower(w)]
	}
	if len(w) > 5 {
		return false
	}
	var buf [5]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return headlineStopword[string(buf[:len(w)])]
}

var headlineStopword = map[string]bool{"the": true, "a": true, "an": true, "and": true, "or": true, "of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "with": true, "as": true, "by": true, "is": true, "are": true, "was": true, "it": true, "its": true, "after": true, "over": true, "new": true, "why": true, "how": true, "what": true, "who": true}
