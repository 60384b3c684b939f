package dedup

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/credence-news/credence/report"
)

// Change is one difference between an original article and a copy of it.
type Change struct {
	// Kind is one of headline, sentence-added, sentence-removed,
	// sentence-reworded, speculation-added, speculation-removed, quote-cut,
	// quote-added, attribution-dropped, attribution-replaced,
	// sensational-added, score.
	Kind string `json:"kind"`
	// Before is the original's text (a sentence, a headline, a quote, a
	// source); After is the copy's.
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
	// Note is one line for people, e.g. "speculation added: “we can
	// probably guess”".
	Note string `json:"note,omitempty"`
}

// Changes says what a copy changed in its original, in the terms of the
// two reports: the headline, the sentences (aligned), the writer's
// speculation, the quotes, who statements are credited to, sensational
// wording and the score. Kinds come in the order listed on Change, and in
// text order within a kind. Identical reports give no changes. It prefers
// leaving a change out to naming one it is not sure of.
func Changes(orig, cp *report.Report) []Change {
	if orig == nil || cp == nil {
		return nil
	}
	a, b := newSide(orig), newSide(cp)
	al := align(a, b)
	var out []Change
	out = append(out, headlineChange(orig, cp)...)
	out = append(out, al.sentenceChanges(a, b)...)
	added, removed := evidenceDelta(al, a, b, "speculation")
	for _, e := range added {
		out = append(out, Change{Kind: "speculation-added", After: e.Text, Note: "speculation added: “" + e.Text + "”"})
	}
	for _, e := range removed {
		out = append(out, Change{Kind: "speculation-removed", Before: e.Text, Note: "speculation removed: “" + e.Text + "”"})
	}
	out = append(out, quoteChanges(a, b)...)
	out = append(out, attributionChanges(al, a, b)...)
	added, _ = evidenceDelta(al, a, b, "sensational")
	for _, e := range added {
		out = append(out, Change{Kind: "sensational-added", After: e.Text, Note: "sensational added: “" + e.Text + "”"})
	}
	out = append(out, scoreChange(orig, cp)...)
	return out
}

// side is one report made ready for comparison: its sentences as words,
// and its whole text as words, to ask whether a passage survives anywhere.
type side struct {
	r     *report.Report
	text  []rune
	sents []sent
	// words is the whole text as normalised words joined by single
	// spaces, with a space at each end so that " a b " finds whole words.
	words string
}

// sent is one sentence: its span and text, and its words normalised.
type sent struct {
	start, end int
	text       string
	words      []string
	key        string // the words joined by spaces
}

func newSide(r *report.Report) *side {
	s := &side{r: r, text: []rune(r.Text)}
	for _, rs := range r.Sentences {
		if rs.Start < 0 || rs.End > len(s.text) || rs.Start >= rs.End {
			continue
		}
		text := strings.TrimSpace(string(s.text[rs.Start:rs.End]))
		w := normWords(text)
		if len(w) == 0 {
			continue // a stray mark; nothing to compare
		}
		s.sents = append(s.sents, sent{start: rs.Start, end: rs.End, text: text, words: w, key: strings.Join(w, " ")})
	}
	s.words = " " + strings.Join(normWords(r.Text), " ") + " "
	return s
}

// contains says whether the words of passage occur, in order and
// together, anywhere in the side's text.
func (s *side) contains(passage string) bool {
	w := normWords(passage)
	return len(w) > 0 && strings.Contains(s.words, " "+strings.Join(w, " ")+" ")
}

// sentenceAt is the index in s.sents of the sentence holding offset at,
// or -1.
func (s *side) sentenceAt(at int) int {
	i := sort.Search(len(s.sents), func(i int) bool { return s.sents[i].end > at })
	if i < len(s.sents) && s.sents[i].start <= at {
		return i
	}
	return -1
}

// normWords splits text into lower-cased words of letters and digits, the
// way the signatures do: quote styles, dashes, punctuation and capitals
// are house style, not a change. An apostrophe does not split a word
// ("council's" is "councils").
func normWords(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
		case r == '%':
			// "78%" and "78 per cent" differ: keep the sign as a word
			flush()
			out = append(out, "%")
		default:
			flush()
		}
	}
	flush()
	return out
}

// alignment pairs the original's sentences with the copy's: pair[i] is
// the copy sentence for original sentence i, or -1; same[i] says the pair
// has the same words.
type alignment struct {
	pair   []int
	same   []bool
	pairOf []int // the inverse of pair over the copy's sentences
}

// align pairs the sentences in two steps. First the longest common
// subsequence of identical sentences anchors the texts (a copy keeps most
// sentences as they were, in order). Then, between two anchors, the
// sentences left over on each side are paired by word overlap, best pair
// first, never crossing: these are rewordings; the rest were added or
// removed. The table is n×m for n and m sentences, a few thousand cells
// for a news article.
func align(a, b *side) *alignment {
	n, m := len(a.sents), len(b.sents)
	al := &alignment{pair: make([]int, n), same: make([]bool, n), pairOf: make([]int, m)}
	for i := range al.pair {
		al.pair[i] = -1
	}
	for j := range al.pairOf {
		al.pairOf[j] = -1
	}
	// lcs[i][j] is the LCS length of a.sents[i:] and b.sents[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a.sents[i].key == b.sents[j].key {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j, gi, gj := 0, 0, 0, 0
	for i < n && j < m {
		switch {
		case a.sents[i].key == b.sents[j].key:
			al.pairGap(a, b, gi, i, gj, j)
			al.pair[i], al.pairOf[j], al.same[i] = j, i, true
			i, j = i+1, j+1
			gi, gj = i, j
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	al.pairGap(a, b, gi, n, gj, m)
	return al
}

// pairGap pairs rewordings among original sentences [i0,i1) and copy
// sentences [j0,j1), which lie between the same two anchors.
func (al *alignment) pairGap(a, b *side, i0, i1, j0, j1 int) {
	if i0 >= i1 || j0 >= j1 {
		return
	}
	type cand struct {
		i, j int
		sim  float64
	}
	var cs []cand
	for i := i0; i < i1; i++ {
		for j := j0; j < j1; j++ {
			if sim, ok := reworded(a.sents[i].words, b.sents[j].words, i1-i0 == 1 && j1-j0 == 1); ok {
				cs = append(cs, cand{i, j, sim})
			}
		}
	}
	sort.SliceStable(cs, func(x, y int) bool { return cs[x].sim > cs[y].sim })
	for _, c := range cs {
		if al.pair[c.i] >= 0 || al.pairOf[c.j] >= 0 || al.crosses(c.i, c.j, i0, i1) {
			continue
		}
		al.pair[c.i], al.pairOf[c.j] = c.j, c.i
	}
}

// crosses says whether pairing i with j would cross a pair already made
// among original sentences [i0,i1): a rewording keeps its place.
func (al *alignment) crosses(i, j, i0, i1 int) bool {
	for k := i0; k < i1; k++ {
		if p := al.pair[k]; p >= 0 && (k < i && p > j || k > i && p < j) {
			return true
		}
	}
	return false
}

// reworded says whether two sentences are one sentence reworded, and how
// alike they are. Most rewordings keep most words (Jaccard ≥ 0.5), or wrap
// the sentence in more words ("According to the Daily Flare, …": nearly
// all of the shorter one's words are kept). A lone sentence replaced by a
// lone sentence in the same place is a rewording on less: 30% of the
// words, or three words of substance, in common.
func reworded(x, y []string, alone bool) (float64, bool) {
	sx := map[string]bool{}
	for _, w := range x {
		sx[w] = true
	}
	sy := map[string]bool{}
	for _, w := range y {
		sy[w] = true
	}
	common, content := 0, 0
	for w := range sx {
		if sy[w] {
			common++
			if len([]rune(w)) >= 5 && !common5[w] {
				content++
			}
		}
	}
	union := len(sx) + len(sy) - common
	jac := float64(common) / float64(union)
	short := min(len(sx), len(sy))
	cover := float64(common) / float64(short)
	switch {
	case jac >= 0.5:
		return jac, true
	case short >= 6 && cover >= 0.8:
		return jac, true
	case alone && (jac >= 0.3 || content >= 3):
		return jac, true
	}
	return jac, false
}

// common5 are frequent words of five letters or more, which two
// unrelated sentences share without being one sentence reworded.
var common5 = map[string]bool{"about": true, "after": true, "again": true, "their": true, "there": true,
	"these": true, "those": true, "which": true, "would": true, "could": true, "should": true, "where": true,
	"while": true, "other": true, "before": true, "being": true, "because": true, "people": true, "years": true}

// kept says whether the copy kept, word for word, every sentence of the
// original that the span [start,end) touches.
func (al *alignment) kept(a *side, start, end int) bool {
	touched := false
	for i, s := range a.sents {
		if s.end > start && s.start < end {
			if !al.same[i] {
				return false
			}
			touched = true
		}
	}
	return touched
}

// sentenceChanges lists the sentences added, removed and reworded.
func (al *alignment) sentenceChanges(a, b *side) []Change {
	var out []Change
	for j, i := range al.pairOf {
		if i < 0 {
			out = append(out, Change{Kind: "sentence-added", After: b.sents[j].text})
		}
	}
	for i, j := range al.pair {
		if j < 0 {
			out = append(out, Change{Kind: "sentence-removed", Before: a.sents[i].text})
		}
	}
	for i, j := range al.pair {
		if j >= 0 && !al.same[i] {
			out = append(out, Change{Kind: "sentence-reworded", Before: a.sents[i].text, After: b.sents[j].text})
		}
	}
	return out
}

// headlineChange names a changed headline, and says whether it was
// sensationalised: the clickbait model scores the copy's headline higher.
func headlineChange(orig, cp *report.Report) []Change {
	if strings.Join(normWords(orig.Meta.Title), " ") == strings.Join(normWords(cp.Meta.Title), " ") {
		return nil
	}
	note := "reworded"
	if v0, ok0 := signalValue(orig, "clickbait"); ok0 {
		if v1, ok1 := signalValue(cp, "clickbait"); ok1 && v1 > v0+0.05 {
			note = "sensationalised"
		}
	}
	return []Change{{Kind: "headline", Before: orig.Meta.Title, After: cp.Meta.Title, Note: note}}
}

// signal finds a signal by id.
func signal(r *report.Report, id string) *report.Signal {
	for i := range r.Signals {
		if r.Signals[i].ID == id {
			return &r.Signals[i]
		}
	}
	return nil
}

func signalValue(r *report.Report, id string) (float64, bool) {
	s := signal(r, id)
	if s == nil || s.Unmeasured {
		return 0, false
	}
	return s.Value, true
}

// evidenceDelta finds a signal's evidence that only one side has. Evidence
// is compared sentence by sentence along the alignment: a sentence the
// copy kept unchanged keeps its evidence (the detector may still see it
// differently in a new context, and that is not the copy's doing); in a
// reworded sentence the evidence texts are compared; an added or removed
// sentence brings or takes all of its evidence.
func evidenceDelta(al *alignment, a, b *side, id string) (added, removed []report.Evidence) {
	ea, eb := bySentence(a, id), bySentence(b, id)
	for j, es := range eb {
		if i := al.pairOf[j]; i < 0 {
			added = append(added, es...)
		} else if !al.same[i] {
			added = append(added, minus(es, ea[i])...)
		}
	}
	for i, es := range ea {
		if j := al.pair[i]; j < 0 {
			removed = append(removed, es...)
		} else if !al.same[i] {
			removed = append(removed, minus(es, eb[j])...)
		}
	}
	return added, removed
}

// bySentence groups a signal's evidence by the sentence it starts in, in
// text order.
func bySentence(s *side, id string) [][]report.Evidence {
	out := make([][]report.Evidence, len(s.sents))
	sig := signal(s.r, id)
	if sig == nil {
		return out
	}
	ev := append([]report.Evidence(nil), sig.Evidence...)
	sort.SliceStable(ev, func(x, y int) bool { return ev[x].Start < ev[y].Start })
	for _, e := range ev {
		// Marks ("!") are left out: a change names words.
		if k := s.sentenceAt(e.Start); k >= 0 && len(normWords(e.Text)) > 0 {
			out[k] = append(out[k], e)
		}
	}
	return out
}

// minus is the evidence in xs whose text ys does not have as often.
func minus(xs, ys []report.Evidence) []report.Evidence {
	have := map[string]int{}
	for _, y := range ys {
		have[evKey(y.Text)]++
	}
	var out []report.Evidence
	for _, x := range xs {
		k := evKey(x.Text)
		if have[k] > 0 {
			have[k]--
			continue
		}
		out = append(out, x)
	}
	return out
}

func evKey(text string) string {
	if w := normWords(text); len(w) > 0 {
		return strings.Join(w, " ")
	}
	return strings.TrimSpace(text)
}

// quoteChanges lists the quotes of the original whose words the copy no
// longer has anywhere (cut), then the copy's quotes whose words the
// original never had (added). A quote of several sentences that the
// other side still has sentence by sentence was split, not cut or added:
// a paragraph (an advert, a "read more" line, a photo caption) put
// between its sentences. Scare quotes and quotes under three words are
// word choice, not quotation, and are left out.
func quoteChanges(a, b *side) []Change {
	var out []Change
	for _, q := range a.r.Quotes {
		if quotable(q) && !holds(b, a, q) {
			note := "quote cut"
			if name := speakerName(q.Speaker); name != "" {
				note = "quote by " + name + " cut"
			}
			out = append(out, Change{Kind: "quote-cut", Before: q.Text, Note: note})
		}
	}
	for _, q := range b.r.Quotes {
		if quotable(q) && !holds(a, b, q) {
			note := "quote added"
			if name := speakerName(q.Speaker); name != "" {
				note = "quote by " + name + " added"
			}
			out = append(out, Change{Kind: "quote-added", After: q.Text, Note: note})
		}
	}
	return out
}

// holds says whether side s has the words of quote q of side from: all
// together, or, for a quote over several sentences of from, each
// sentence's part of it.
func holds(s, from *side, q report.Quote) bool {
	if s.contains(q.Text) {
		return true
	}
	parts := 0
	for _, st := range from.sents {
		if st.end <= q.Start || st.start >= q.End {
			continue
		}
		part := string(from.text[max(st.start, q.Start):min(st.end, q.End)])
		if len(normWords(part)) == 0 {
			continue
		}
		if !s.contains(part) {
			return false
		}
		parts++
	}
	return parts >= 2
}

func quotable(q report.Quote) bool {
	return q.Kind != "scare" && len(normWords(q.Text)) >= 3
}

// speakerName is the name of a known speaker, or "".
func speakerName(s *report.Source) string {
	if s == nil || s.Type == "none" || s.Type == "" {
		return ""
	}
	return s.Name
}

// attributionChanges compares who each statement of the original is
// credited to in the copy. A statement is found in the copy by an
// attribution whose content has nearly the same words. Found with another
// source, it was replaced; not found, but with its words still in the
// copy, it is now stated without a source: dropped. Statements the
// original itself leaves unsourced, and contents under four words, are
// left out: too little to recognise. So are statements whose sentence the
// copy kept word for word: the credit is still there to read, and a
// difference can only be the analysis's.
func attributionChanges(al *alignment, a, b *side) []Change {
	var dropped, replaced []Change
	for _, at := range a.r.Attributions {
		w := normWords(at.Content.Text)
		if len(w) < 4 || at.Source.Type == "none" || at.Source.Name == "" {
			continue
		}
		if al.kept(a, at.Start, at.End) {
			continue
		}
		other, found := sameContent(w, b.r.Attributions)
		switch {
		case found && !sameSource(at.Source, other.Source) && other.Source.Name != "" &&
			!pronoun(at.Source.Name) && !pronoun(other.Source.Name):
			// An unresolved "he" on either side may be the same person.
			replaced = append(replaced, Change{Kind: "attribution-replaced", Before: at.Source.Name, After: other.Source.Name,
				Note: "was " + at.Source.Name + ", now " + other.Source.Name + " (" + other.Source.Type + ")"})
		case !found && b.contains(at.Content.Text):
			dropped = append(dropped, Change{Kind: "attribution-dropped", Before: at.Source.Name, After: at.Content.Text,
				Note: fmt.Sprintf("no longer credited to %s: “%s”", at.Source.Name, at.Content.Text)})
		}
	}
	return append(dropped, replaced...)
}

// pronoun says whether a source's name is only a pronoun.
func pronoun(name string) bool {
	switch strings.Join(normWords(name), " ") {
	case "he", "she", "they", "it", "i", "we", "you", "him", "her", "them":
		return true
	}
	return false
}

// sameContent finds the attribution among as whose content is the
// statement w: the same words, or nearly (a word or two changed, or one
// content inside the other).
func sameContent(w []string, as []report.Attribution) (report.Attribution, bool) {
	key := " " + strings.Join(w, " ") + " "
	best, bestSim := -1, 0.0
	for k, at := range as {
		v := normWords(at.Content.Text)
		if len(v) == 0 {
			continue
		}
		vk := " " + strings.Join(v, " ") + " "
		if vk == key {
			return at, true
		}
		sim, _ := reworded(w, v, false)
		if (len(v) >= 4 && strings.Contains(key, vk) || strings.Contains(vk, key)) && sim < 0.8 {
			sim = 0.8
		}
		if sim >= 0.7 && sim > bestSim {
			best, bestSim = k, sim
		}
	}
	if best < 0 {
		return report.Attribution{}, false
	}
	return as[best], true
}

// sameSource says whether two sources are one: the same type and the same
// name, or one name inside the other ("Councillor Ruth Alder", "Ruth
// Alder").
func sameSource(x, y report.Source) bool {
	nx, ny := strings.Join(normWords(x.Name), " "), strings.Join(normWords(y.Name), " ")
	if nx == ny {
		return true
	}
	if x.Type != y.Type {
		return false
	}
	return strings.Contains(" "+nx+" ", " "+ny+" ") || strings.Contains(" "+ny+" ", " "+nx+" ")
}

// scoreChange names a changed credibility score, with the bands.
func scoreChange(orig, cp *report.Report) []Change {
	x, y := orig.Credibility, cp.Credibility
	if x == nil || y == nil || x.Score == nil || y.Score == nil || *x.Score == *y.Score {
		return nil
	}
	c := Change{Kind: "score", Note: fmt.Sprintf("score %d → %d", *x.Score, *y.Score)}
	if x.Band != nil {
		c.Before = *x.Band
	}
	if y.Band != nil {
		c.After = *y.Band
	}
	return []Change{c}
}
