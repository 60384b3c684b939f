package signals

import (
	_ "embed"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/tagger"
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
	// A loaded word in a name ("Secret Service", the series "Scandal") is
	// not the writer's.
	v.match(sensationalList, func(i int, p phrase) bool { return v.quoted[i] || v.said[i] || v.d.Words[i].NER != "O" }, func(i, n int, p phrase) {
		b["loaded_words"]++
		ev = append(ev, doc.Evidence{Span: v.span(i, n), Note: "loaded or emotional word"})
	})
	inQuote := v.inAnyQuote()
	heading := v.headingWords()
	for i, w := range v.d.Words {
		if v.quoted[i] {
			continue
		}
		text := v.d.Text[w.Start:w.End]
		switch {
		case w.POS == "JJS" || w.POS == "RBS":
			b["superlatives"]++
		case isShouted(text) && w.NER == "O" && !heading[i] && !speakerLabel(v.d, i) && !v.inAnswer(i) && (w.POS != "NNP" && w.POS != "NNPS" || v.st.common[strings.ToLower(text)]):
			b["capitals"]++
			ev = append(ev, doc.Evidence{Span: w.Span, Note: "word in capitals"})
		case strings.HasPrefix(text, "!") && !inQuote[i] && !midSentence(v.d, i) && !v.inAnswer(i):
			b["exclamations"]++
			ev = append(ev, doc.Evidence{Span: w.Span, Note: "exclamation mark"})
		}
	}
	for _, s := range v.d.Sentences {
		t := strings.TrimRight(v.d.Text[s.Start:s.End], "\"'”’ ")
		if !strings.HasSuffix(t, "?") || v.spanQuoted(s.Span) || transcriptLine(t) {
			continue
		}
		if v.interviewQ != nil && s.Paragraph >= 0 && s.Paragraph < len(v.interviewQ) && v.interviewQ[s.Paragraph] {
			continue // an interviewer's question
		}
		if q := v.lastWord(s.Span); q >= 0 && (inQuote[q] || v.inAnswer(q)) {
			continue // the question closes a quotation: someone else asks it
		}
		b["rhetorical_questions"]++
		ev = append(ev, doc.Evidence{Span: s.Span, Note: "question put by the writer"})
	}
	n := int(b["loaded_words"] + b["capitals"] + b["exclamations"] + b["rhetorical_questions"])
	b["count"] = float64(n)
	sortEvidence(ev)
	return doc.Signal{ID: doc.SignalSensational, Value: round2(v.per1000(n)), Unit: doc.UnitPer1000, Percentile: -1, Evidence: ev, Breakdown: b,
		Note: "loaded words, capitals, exclamation marks and rhetorical questions in the writer's own words"}
}

// commonWords are the words of the tagger's vocabulary (the words seen at
// least three times in its news training text) in lower case: "wrong" is
// one, "usaid" and "sept" are not. A word in capitals that the tagger calls
// a proper noun counts as shouted only when it is a common word, so that
// acronyms (USAID, UNICEF) and abbreviations do not.
func commonWords(m *tagger.Model) map[string]bool {
	out := map[string]bool{}
	for _, w := range m.Vocabulary() {
		if w != "" && w == strings.ToLower(w) {
			out[w] = true
		}
	}
	return out
}

// inAnyQuote marks the words inside quotation marks, scare quotes
// included: "Shame! Shame!" chanted by a crowd is not the writer's
// exclamation, even when no speaker is found.
func (v *view) inAnyQuote() []bool {
	in := make([]bool, len(v.d.Words))
	for _, q := range v.d.Quotes {
		v.mark(q.Span, in)
	}
	return in
}

// headingWords marks the words of sentences written mostly in capitals:
// labels and headings ("FOX NEWS INTERVIEW, SEPT. 15.") are typography,
// not shouting.
func (v *view) headingWords() []bool {
	h := make([]bool, len(v.d.Words))
	i := 0
	for _, s := range v.d.Sentences {
		for i < len(v.d.Words) && v.d.Words[i].Start < s.Start {
			i++
		}
		j, caps, letters := i, 0, 0
		for ; j < len(v.d.Words) && v.d.Words[j].End <= s.End; j++ {
			w := v.d.Words[j]
			t := v.d.Text[w.Start:w.End]
			if !hasLetters(t, 2) {
				continue
			}
			letters++
			if !hasLower(t) {
				caps++
			}
		}
		if letters >= 2 && caps*2 >= letters {
			for k := i; k < j; k++ {
				h[k] = true
			}
		}
		i = j
	}
	return h
}

// speakerLabel reports word i followed by a colon at the start of a
// sentence: a transcript's "TRUMP: Let me just tell you".
func speakerLabel(d *doc.Document, i int) bool {
	if i+1 >= len(d.Words) || d.Text[d.Words[i+1].Start:d.Words[i+1].End] != ":" {
		return false
	}
	return i == 0 || strings.ContainsAny(d.Text[d.Words[i-1].Start:d.Words[i-1].End], ".?!\n") || d.Text[d.Words[i-1].End:d.Words[i].Start] != " "
}

// midSentence reports a word followed by more words of its sentence: an
// exclamation mark inside a name or title ("E! News", "Yahoo! News",
// "Get Me Out of Here! in 2006") rather than at the end of an outburst.
func midSentence(d *doc.Document, i int) bool {
	if i+1 >= len(d.Words) {
		return false
	}
	next := d.Words[i+1]
	if d.Text[d.Words[i].End:next.Start] != " " {
		return false // a new line or paragraph follows
	}
	j := sort.Search(len(d.Sentences), func(j int) bool { return d.Sentences[j].Start >= next.Start })
	if j < len(d.Sentences) && d.Sentences[j].Start == next.Start {
		// The segmenter ends a sentence at "E!" too: a capitalised word
		// with "!" attached, then a proper noun, is taken for a name.
		if i == 0 || d.Words[i-1].End != d.Words[i].Start || next.POS != "NNP" && next.POS != "NNPS" {
			return false
		}
		r, _ := utf8.DecodeRuneInString(d.Text[d.Words[i-1].Start:])
		return unicode.IsUpper(r)
	}
	r, _ := utf8.DecodeRuneInString(d.Text[next.Start:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// hasLower reports a lower-case letter in s.
func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// hasLetters reports at least n letters in s.
func hasLetters(s string, n int) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			if n--; n == 0 {
				return true
			}
		}
	}
	return false
}

// lastWord returns the index of the last word inside span s that is not
// a closing quotation mark, or -1.
func (v *view) lastWord(s doc.Span) int {
	i := sort.Search(len(v.d.Words), func(i int) bool { return v.d.Words[i].End > s.End }) - 1
	for ; i >= 0 && v.d.Words[i].Start >= s.Start; i-- {
		if v.d.Words[i].POS != "''" {
			return i
		}
	}
	return -1
}

// transcriptLine reports a line of an interview transcript or a Q&A,
// whose questions are the interviewer's: "Q: ...", "Paris: Yes, but ...?".
func transcriptLine(t string) bool {
	label, _, ok := strings.Cut(t, ": ")
	if !ok || label == "" || len(label) > 40 {
		return false
	}
	for _, f := range strings.Fields(label) {
		if r, _ := utf8.DecodeRuneInString(f); !unicode.IsUpper(r) {
			return false
		}
	}
	return len(strings.Fields(label)) <= 3
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
	from := 0
	if v.sorted {
		// Only words starting inside s can be inside it.
		from = sort.Search(len(v.d.Words), func(i int) bool { return v.d.Words[i].Start >= s.Start })
	}
	for i := from; i < len(v.d.Words); i++ {
		w := v.d.Words[i]
		if v.sorted && w.Start > s.End {
			break
		}
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
		if q.Kind == doc.QuoteScare {
			ev = append(ev, doc.Evidence{Span: q.Span, Note: "term in quotation marks without a speaker"})
		}
	}
	return doc.Signal{ID: doc.SignalScareQuotes, Value: round2(v.per1000(len(ev))), Unit: doc.UnitPer1000, Percentile: -1, Evidence: ev,
		Breakdown: map[string]float64{"count": float64(len(ev))}}
}

func sortEvidence(ev []doc.Evidence) {
	for i := 1; i < len(ev); i++ {
		for j := i; j > 0 && ev[j].Start < ev[j-1].Start; j-- {
			ev[j], ev[j-1] = ev[j-1], ev[j]
		}
	}
}
