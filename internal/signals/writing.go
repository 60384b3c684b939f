package signals

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

//go:embed data/hedges.txt
var hedgesTxt string

//go:embed data/presence.tsv
var presenceTSV string

// phraseList maps a first word to the phrases starting with it (longest
// first), each with a kind.
type phraseList map[string][]phrase

type phrase struct {
	words []string
	kind  string
}

func parsePhrases(data string, withKind bool) phraseList {
	pl := phraseList{}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		kind := ""
		if withKind {
			var ok bool
			line, kind, ok = strings.Cut(line, "\t")
			if !ok {
				continue
			}
		}
		w := strings.Fields(strings.ToLower(strings.ReplaceAll(line, "'", " '")))
		// "let's", "you'll": the treebank splits the clitic off.
		pl[w[0]] = append(pl[w[0]], phrase{w, strings.TrimSpace(kind)})
	}
	for _, ps := range pl {
		sort.Slice(ps, func(i, j int) bool { return len(ps[i].words) > len(ps[j].words) })
	}
	return pl
}

// The phrase lists view.match runs on.
const (
	hedgeList = iota
	presenceList
	sensationalList
	numLists
)

type phraseStarts [numLists][]phrase

// phraseIndex holds, for each word that starts a phrase, the phrases it
// starts in every list: newView looks every word up once here rather than
// once per list.
type phraseIndex struct {
	firstWords map[string]*phraseStarts
	// firstShapes are the shapes of firstWords' words: most words are
	// ruled out without a map lookup.
	firstShapes wordShapes
}

func buildPhraseIndex(hedges, presence, sensational string) *phraseIndex {
	var phraseLists [numLists]phraseList
	phraseLists[hedgeList] = parsePhrases(hedges, false)
	phraseLists[presenceList] = parsePhrases(presence, true)
	phraseLists[sensationalList] = parsePhrases(sensational, false)
	ix := &phraseIndex{firstWords: map[string]*phraseStarts{}}
	for l, pl := range phraseLists {
		for w, ps := range pl {
			if ix.firstWords[w] == nil {
				ix.firstWords[w] = new(phraseStarts)
			}
			ix.firstWords[w][l] = ps
			ix.firstShapes.add(w)
		}
	}
	return ix
}

// view is what the writing signals need about the document's words.
type view struct {
	d      *doc.Document
	st     *Stage
	lower  []string
	starts []*phraseStarts // the phrases each word starts; nil if none
	quoted []bool          // inside a quotation (not a scare quote)
	said   []bool          // inside the content of an attributed statement
	words  int             // words and numbers, for rates per 1,000 words
	sorted bool            // d.Words in text order (mark may binary-search)
	// interviewQ marks the paragraphs that are an interviewer's questions
	// and answer the words of the answers (interview.go); both nil when
	// the article is not an interview. The answers are also in said.
	interviewQ []bool
	answer     []bool
	asked      []bool // the words of the interviewer's questions
}

// mark sets dst[i] for the words inside s.
func (v *view) mark(s doc.Span, dst []bool) {
	d, from := v.d, 0
	if v.sorted {
		// Only words starting inside s can be inside it.
		from = sort.Search(len(d.Words), func(i int) bool { return d.Words[i].Start >= s.Start })
	}
	for i := from; i < len(d.Words); i++ {
		w := d.Words[i]
		if v.sorted && w.Start > s.End {
			break
		}
		if w.Start >= s.Start && w.End <= s.End {
			dst[i] = true
		}
	}
}

func (st *Stage) newView(d *doc.Document) *view {
	v := &view{d: d, st: st, lower: d.LowerWords(), quoted: make([]bool, len(d.Words)), said: make([]bool, len(d.Words))}
	ix := st.phrases
	v.starts = make([]*phraseStarts, len(v.lower))
	for i, w := range v.lower {
		if w != "" && ix.firstShapes.has(w) {
			v.starts[i] = ix.firstWords[w]
		}
	}
	v.sorted = sort.SliceIsSorted(d.Words, func(i, j int) bool { return d.Words[i].Start < d.Words[j].Start })
	mark := v.mark
	for _, q := range d.Quotes {
		if q.Kind != doc.QuoteScare {
			mark(q.Span, v.quoted)
		}
	}
	for _, at := range d.Attributions {
		if at.Source.Type != doc.SourceNone {
			mark(at.Content, v.said)
		}
	}
	var answers []bool
	v.interviewQ, answers = interview(v)
	if answers != nil {
		v.answer, v.asked = make([]bool, len(d.Words)), make([]bool, len(d.Words))
		for p, a := range answers {
			if a {
				mark(d.Paragraphs[p], v.answer)
				mark(d.Paragraphs[p], v.said)
			}
			if v.interviewQ[p] {
				mark(d.Paragraphs[p], v.asked)
			}
		}
	}
	for _, t := range d.Tokens {
		if t.Kind == doc.TokWord || t.Kind == doc.TokNumber {
			v.words++
		}
	}
	return v
}

// inAnswer reports word i inside an interview's answer (see interview).
func (v *view) inAnswer(i int) bool { return v.answer != nil && v.answer[i] }

// per1000 is a count as a rate per 1,000 words.
func (v *view) per1000(n int) float64 {
	if v.words == 0 {
		return 0
	}
	return float64(n) * 1000 / float64(v.words)
}

// match finds the phrases of a list (hedgeList, ...) in the words; skip
// filters out hits by context.
func (v *view) match(list int, skip func(i int, p phrase) bool, hit func(i, n int, p phrase)) {
	for i := 0; i < len(v.lower); i++ {
		if v.starts[i] == nil {
			continue
		}
		for _, p := range v.starts[i][list] {
			n := len(p.words)
			if i+n > len(v.lower) {
				continue
			}
			ok := true
			for k := 1; k < n; k++ {
				if v.lower[i+k] != p.words[k] {
					ok = false
					break
				}
			}
			if !ok || (skip != nil && skip(i, p)) {
				continue
			}
			hit(i, n, p)
			i += n - 1
			break
		}
	}
}

func (v *view) span(i, n int) doc.Span {
	return doc.Span{Start: v.d.Words[i].Start, End: v.d.Words[i+n-1].End}
}

// hedging returns the writer's own speculation and the hedges inside
// quoted or attributed words, as two signals.
func hedging(v *view) (writer, attributed doc.Signal) {
	var wEv, aEv []doc.Evidence
	v.match(hedgeList, func(i int, p phrase) bool {
		w := v.d.Words[i]
		// "May" the month: capitalised mid-sentence, or before a number.
		if p.words[0] == "may" && len(p.words) == 1 {
			raw := v.d.Text[w.Start:w.End]
			if raw == "May" && (w.POS == "NNP" || i+1 < len(v.lower) && isNumber(v.lower[i+1])) {
				return true
			}
		}
		if len(p.words) == 1 && i+1 < len(v.lower) {
			switch p.words[0] {
			case "could":
				// "couldn't get out", "could not say": negated ability,
				// not a guess ("could not be independently verified" is
				// a phrase of its own and matches first). "might not"
				// stays a guess.
				if nx := v.lower[i+1]; nx == "n't" || nx == "not" {
					return true
				}
			case "likely":
				// "likely voters": the pollsters' term.
				if v.lower[i+1] == "voters" {
					return true
				}
			case "might":
				// "you might want to": advice.
				if i+2 < len(v.lower) && v.lower[i+1] == "want" && v.lower[i+2] == "to" {
					return true
				}
			case "may":
				// "long may it continue": a wish.
				if i > 0 && v.lower[i-1] == "long" {
					return true
				}
			}
		}
		// "could be seen singing": what a video shows, not a guess.
		if p.words[0] == "could" && i+2 < len(v.lower) && v.lower[i+1] == "be" && (v.lower[i+2] == "seen" || v.lower[i+2] == "heard") {
			return true
		}
		// "suspect" the noun ("an armed suspect") names a person.
		if len(p.words) == 1 && (p.words[0] == "suspect" || p.words[0] == "suspected") && (w.POS == "NN" || w.POS == "NNS" || w.POS == "JJ" && i+1 < len(v.d.Words) && strings.HasPrefix(v.d.Words[i+1].POS, "NN")) {
			return true
		}
		// "could" and "might" as past of "can"/"may" in reported questions
		// are still hedges; modal "may" as permission cannot be told apart
		// and is counted.
		return false
	}, func(i, n int, p phrase) {
		ev := doc.Evidence{Span: v.span(i, n)}
		if v.quoted[i] || v.said[i] {
			ev.Note = "hedge inside a source's words"
			aEv = append(aEv, ev)
			return
		}
		ev.Note = "the writer's own hedge or speculation"
		wEv = append(wEv, ev)
	})
	writer = doc.Signal{ID: doc.SignalSpeculation, Value: v.per1000(len(wEv)), Unit: doc.UnitPer1000, Percentile: -1, Evidence: wEv,
		Breakdown: map[string]float64{"count": float64(len(wEv))}, Note: "hedges and guesses in the writer's own words (outside quotations and attributed statements)"}
	attributed = doc.Signal{ID: doc.SignalAttributedHedging, Value: v.per1000(len(aEv)), Unit: doc.UnitPer1000, Percentile: -1, Evidence: aEv,
		Breakdown: map[string]float64{"count": float64(len(aEv))}, Note: "hedges inside quotations and attributed statements: the sources' uncertainty, not the writer's"}
	return writer, attributed
}

func isNumber(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// writerPresence counts the writer speaking as "I"/"we", addressing the
// reader, and passing judgement, outside quotations and attributed words.
func writerPresence(v *view) doc.Signal {
	var ev []doc.Evidence
	kinds := map[string]float64{}
	v.match(presenceList, func(i int, p phrase) bool {
		if v.quoted[i] || v.said[i] || v.asked != nil && v.asked[i] {
			return true // the interviewer's "you" addresses the interviewee
		}
		// "US" the country is not "us" the writer.
		if p.words[0] == "us" && v.d.Text[v.d.Words[i].Start:v.d.Words[i].End] != "us" {
			return true
		}
		return false
	}, func(i, n int, p phrase) {
		kinds[p.kind]++
		ev = append(ev, doc.Evidence{Span: v.span(i, n), Note: presenceNote[p.kind]})
	})
	total := len(ev)
	kinds["count"] = float64(total)
	return doc.Signal{ID: doc.SignalWriterPresence, Value: v.per1000(total), Unit: doc.UnitPer1000, Percentile: -1, Evidence: ev, Breakdown: kinds,
		Note: "first person, direct address, evaluative words and sarcasm markers outside quotations and attributed statements"}
}

var presenceNote = map[string]string{
	"first-person": "the writer speaks in the first person",
	"address":      "the writer addresses the reader",
	"evaluative":   "the writer's own judgement",
	"sarcasm":      "irony or sarcasm marker",
}

// repeatedWords finds a word written twice in a row ("met met"), a slip
// that edited copy rarely keeps. "had had" and "that that" can be
// grammatical and are not counted.
func repeatedWords(v *view) doc.Signal {
	var ev []doc.Evidence
	for i := 1; i < len(v.lower); i++ {
		w := v.lower[i]
		if w != v.lower[i-1] || !isWord(w) || w == "had" || w == "that" || v.quoted[i] {
			continue
		}
		ev = append(ev, doc.Evidence{Span: v.span(i-1, 2), Note: fmt.Sprintf("%q written twice", v.d.Text[v.d.Words[i].Start:v.d.Words[i].End])})
	}
	return doc.Signal{ID: doc.SignalRepeatedWords, Value: float64(len(ev)), Unit: doc.UnitCount, Percentile: -1, Evidence: ev}
}

func isWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// nameVariants finds a person's name spelt two ways in one article (the
// language layer merges "Zakarova" into "Maria Zakharova"; here the
// difference is the evidence).
func nameVariants(v *view) doc.Signal {
	var ev []doc.Evidence
	for _, e := range v.d.Entities {
		if e.Type != doc.EntityPerson {
			continue
		}
		text := v.d.Text[e.Start:e.End]
		last := lastWord(text)
		canon := lastWord(e.Canonical)
		if last != canon && !strings.Contains(e.Canonical, last) && strings.EqualFold(last[:1], canon[:1]) {
			ev = append(ev, doc.Evidence{Span: e.Span, Note: fmt.Sprintf("spelt %q here but %q elsewhere", last, canon)})
		}
	}
	return doc.Signal{ID: doc.SignalNameVariants, Value: float64(len(ev)), Unit: doc.UnitCount, Percentile: -1, Evidence: ev,
		Note: "people whose names the article spells two ways"}
}

// lastWord is the last of strings.Fields(s), or s when it has none,
// found without building the list.
func lastWord(s string) string {
	f, n := lastField(s)
	if n == 0 {
		return s
	}
	return f
}

// lastField returns the last of strings.Fields(s) and how many fields s
// has, up to 2 (0, 1, or 2 meaning two or more); it reads s forwards, as
// strings.Fields does, so that invalid UTF-8 splits the same.
func lastField(s string) (last string, n int) {
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				last, start = s[start:i], -1
				n = min(n+1, 2)
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		last = s[start:]
		n = min(n+1, 2)
	}
	return last, n
}
