// Package attribution is the pipeline stage that finds who said what and
// where the information comes from: quotations with their speakers, and
// attributions (indirect speech, "according to", "X confirmed that",
// "sources said", and the writer's own unattributed hearsay such as "is
// said to"), each with a typed source, chained when one outlet cites another.
//
// It reads the segment and language layers only. Word lists are data files
// (data/cues.tsv, data/sources.tsv, data/passive.txt).
package attribution

import (
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/credence-news/credence/doc"
)

//go:embed data/passive.txt
var passiveTxt string

// parsePassive reads the hearsay phrases, one a line, into lists keyed by
// their first word, longest first.
func parsePassive(data string) map[string][][]string {
	passive := map[string][][]string{}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		w := strings.Fields(line)
		passive[w[0]] = append(passive[w[0]], w)
	}
	for _, ps := range passive { // longest first
		sort.Slice(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	}
	return passive
}

// analysis is the state of one document's attribution pass.
type analysis struct {
	d        *doc.Document
	lex      *lexicon
	forms    []string // word texts, curly apostrophes folded
	lower    []string
	sentOf   []int // sentence of each word
	entityAt []int // entity index covering each word, or -1
	inQuote  []int // quote index covering each word, or -1
	// quoted marks every word inside any quotation, known before the
	// speakers are looked for: a name inside a quote is not who a pronoun
	// outside it stands for ("Remarry, no," she said).
	quoted []bool
	// fragments are the quotes whose speaker is their sentence's subject:
	// their sentence's own attribution carries them (coveredByQuote).
	fragments map[int]bool
	// lastSpeaker is the entity of the last quote speaker found by name or
	// role (or -1), and quoteSpeakerLookup is set while a quote's speaker
	// is being looked for: a pronoun then prefers the speaker of the
	// quotes around it (pronounChoice).
	lastSpeaker        int
	quoteSpeakerLookup bool
	usedCue            []bool // words already used as the cue of a quote
	// sentFirst and sentEnd are the word range of each sentence index that
	// sentOf holds (sentenceWords)
	sentFirst, sentEnd []int
	// the indexes that resolve looks entities up by (entityIndex)
	ents *entityIndex
	// subjectMemo remembers subjectBefore's answers during one top-level
	// call, so that its recursion over "and"s and commas stays linear
	subjectMemo  map[[2]int][2]int
	subjectDepth int
	keepSubjects bool // keep subjectMemo across calls (indirect, per sentence)
	// attributions found by indirect and passive in each sentence
	perSentence []int
	// quoteIx indexes the quotes by start (coveredByQuote)
	quoteIx *doc.SpanIndex
	// sentences where indirect or passive stopped looking (warnings)
	longSentences, crowdedSentences int
	// blockLookup is set while reading a block quote's cue, which ends the
	// paragraph before the quote rather than the quote's own sentence.
	blockLookup bool
}

// Annotate fills d.Quotes and d.Attributions (and d.SiteRating). It reads
// the language layer. Its cues are English: for an article in another
// language (d.English() is false) it only rates the article's own site.
func (st *Stage) Annotate(d *doc.Document) error {
	if !d.English() {
		return st.annotateNonEnglish(d)
	}
	l := st.lex
	buf := bufPool.Get().(*buffers)
	defer buf.release()
	a := newAnalysis(d, l, buf)
	// The attributions are collected in a reused buffer and copied out
	// once complete.
	given := d.Attributions
	d.Attributions = append(buf.atts[:0], given...)
	raws := mergeContinuations(findQuotes(d, l, a.paragraphForms, buf.raws))
	buf.raws = raws
	a.quotes(raws)
	a.indirect()
	a.passive()
	slices.SortStableFunc(d.Attributions, func(x, y doc.Attribution) int { return cmp.Compare(x.Start, y.Start) })
	a.reindex()
	a.chains()
	a.warn()
	err := a.rate()
	buf.atts = d.Attributions
	if len(d.Attributions) == 0 {
		d.Attributions = given
	} else {
		d.Attributions = append(make([]doc.Attribution, 0, len(d.Attributions)), d.Attributions...)
	}
	return err
}

// warn tells in the document's warnings where the search for attributions
// stopped (maxSentenceWords, maxSentenceAttributions).
func (a *analysis) warn() {
	if a.longSentences > 0 {
		a.d.Warnings = append(a.d.Warnings, fmt.Sprintf("%d sentence(s) longer than %d words were not searched for attributions", a.longSentences, maxSentenceWords))
	}
	if a.crowdedSentences > 0 {
		a.d.Warnings = append(a.d.Warnings, fmt.Sprintf("%d sentence(s) held more than %d attributions; only the first %d of each were searched for", a.crowdedSentences, maxSentenceAttributions, maxSentenceAttributions))
	}
}

// buffers are an analysis's per-word slices and its attribution list,
// reused across documents.
type buffers struct {
	forms []string
	ints  []int
	used  []bool
	quot  []bool
	atts  []doc.Attribution
	raws  []rawQuote
}

var bufPool = sync.Pool{New: func() any { return new(buffers) }}

// release clears what the buffers point to and returns them to the pool.
func (b *buffers) release() {
	clear(b.forms)
	clear(b.atts)
	b.forms, b.atts = b.forms[:0], b.atts[:0]
	bufPool.Put(b)
}

func newAnalysis(d *doc.Document, l *lexicon, buf *buffers) *analysis {
	n := len(d.Words)
	if cap(buf.forms) < n {
		buf.forms = make([]string, n)
	}
	if cap(buf.ints) < 3*n {
		buf.ints = make([]int, 3*n)
	}
	ints := buf.ints[:3*n]
	if cap(buf.used) < n {
		buf.used = make([]bool, n)
	}
	buf.used = buf.used[:n]
	clear(buf.used)
	if cap(buf.quot) < n {
		buf.quot = make([]bool, n)
	}
	buf.quot = buf.quot[:n]
	clear(buf.quot)
	buf.forms = buf.forms[:n]
	a := &analysis{d: d, lex: l, forms: buf.forms, lower: d.LowerWords(),
		sentOf: ints[:n:n], entityAt: ints[n : 2*n : 2*n], inQuote: ints[2*n:], usedCue: buf.used, quoted: buf.quot, lastSpeaker: -1}
	si := 0
	for i, w := range d.Words {
		f := d.Text[w.Start:w.End]
		if hasCurlyApostrophe(f) {
			f = strings.ReplaceAll(f, "\u2019", "'")
		}
		a.forms[i] = f
		for si+1 < len(d.Sentences) && w.Start >= d.Sentences[si].End {
			si++
		}
		a.sentOf[i] = si
		a.entityAt[i] = -1
		a.inQuote[i] = -1
	}
	for ei, e := range d.Entities {
		for k := e.FirstWord; k < e.EndWord && k < n; k++ {
			a.entityAt[k] = ei
		}
	}
	if n > 0 {
		ns := a.sentOf[n-1] + 1
		a.sentFirst, a.sentEnd = make([]int, ns), make([]int, ns)
		for i := n - 1; i >= 0; i-- {
			a.sentFirst[a.sentOf[i]] = i
		}
		for i := range n {
			a.sentEnd[a.sentOf[i]] = i + 1
		}
	}
	return a
}

// hasCurlyApostrophe reports whether w contains ’, looking for its first
// byte before the rune (most words have neither).
func hasCurlyApostrophe(w string) bool {
	i := strings.IndexByte(w, "\u2019"[0])
	return i >= 0 && strings.Contains(w[i:], "\u2019")
}

// paragraphForms returns the lower-case words of paragraph p.
func (a *analysis) paragraphForms(p int) []string {
	ps := a.d.Paragraphs[p]
	i := a.wordAt(ps.Start)
	j := a.wordAt(ps.End)
	return a.lower[i:j]
}

// wordAt returns the index of the first word starting at or after byte b.
func (a *analysis) wordAt(b int) int {
	return sort.Search(len(a.d.Words), func(i int) bool { return a.d.Words[i].Start >= b })
}

// sentenceWords returns the word range of the sentence holding word i
// (the run of words with its sentOf, which never decreases).
func (a *analysis) sentenceWords(i int) (int, int) {
	si := a.sentOf[i]
	return a.sentFirst[si], a.sentEnd[si]
}

func (a *analysis) span(i, j int) doc.Span {
	if i >= j {
		return doc.Span{}
	}
	return doc.Span{Start: a.d.Words[i].Start, End: a.d.Words[j-1].End}
}

func (a *analysis) text(i, j int) string {
	if i >= j {
		return ""
	}
	return oneLine(a.d.Text[a.d.Words[i].Start:a.d.Words[j-1].End])
}

// countFields is len(strings.Fields(s)) without building the fields.
func countFields(s string) int {
	n := 0
	inField := false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

// oneLine is strings.Join(strings.Fields(s), " ") without building the
// fields, and without a copy when s is already on one line with single
// spaces (the usual case for the spans of a sentence).
func oneLine(s string) string {
	if isOneLine(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for f := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

// isOneLine reports whether s has no space at either end and no space
// between words but a single ' '.
func isOneLine(s string) bool {
	prevSpace := true // a space at the start is one too many
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (r != ' ' || prevSpace) {
			return false
		}
		prevSpace = space
	}
	return !prevSpace || s == ""
}

func (a *analysis) isPunct(i int) bool {
	switch a.d.Words[i].POS {
	case ",", ".", ":", "``", "''", "-LRB-", "-RRB-", "#", "$":
		return true
	}
	f := a.forms[i]
	return f == "," || f == "." || f == ":" || f == ";" || f == "\u201c" || f == "\u201d" || f == "\"" || f == "'" || f == "\u2018" || f == "\u2014" || f == "\u2013" || f == "-"
}

// addAttribution records an attribution; one without content (a cue at
// the very end of a paragraph, an empty quotation) is dropped.
func (a *analysis) addAttribution(at doc.Attribution) int {
	if at.Content.Len() <= 0 {
		return -1
	}
	at.Span = cover(at.Source.Span, at.Cue, at.Content)
	a.d.Attributions = append(a.d.Attributions, at)
	return len(a.d.Attributions) - 1
}

// cover is the smallest span holding every non-empty span given.
func cover(spans ...doc.Span) doc.Span {
	out := doc.Span{Start: -1}
	for _, s := range spans {
		if s.End <= s.Start {
			continue
		}
		if out.Start < 0 || s.Start < out.Start {
			out.Start = s.Start
		}
		if s.End > out.End {
			out.End = s.End
		}
	}
	if out.Start < 0 {
		return doc.Span{}
	}
	return out
}

// reindex points each quote at its attribution after sorting.
func (a *analysis) reindex() {
	d := a.d
	for i := range d.Quotes {
		d.Quotes[i].Attribution = -1
	}
	for i, at := range d.Attributions {
		if at.Quote >= 0 {
			d.Quotes[at.Quote].Attribution = i
		}
	}
}
