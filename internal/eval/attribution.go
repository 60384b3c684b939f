package eval

// Attribution scoring on PolNeAR (Newell, Margolin & Ruths, LREC 2018).
//
// An attribution relation links a Source ("the Daily Star", "sources"), a
// Cue ("according to", "confirmed", "said") and a Content (what is
// attributed). Every part is a list of character spans; all offsets are
// Unicode code points into the article text (not bytes), [Start, End).
//
// # Data (LoadPolNeAR)
//
// A PolNeAR split directory holds text/<name>.txt and
// attributions/<name>_<annotator>.ann in brat standoff format:
//
//	T3	Content 315 448;463 553	“One of the things ...” “Yesterday, ...”
//	E2	Attribution:T8 Content:T7 Cue:T6 Source:T5
//
// Each E line is one relation. Its arguments are read by role (not by the
// type of the T line they point to): Source, Cue, Content and Content2 (a
// second content span, merged into Content). The trigger (Attribution or
// Attribution-no-source) and other roles are ignored, as are T lines not
// used by any relation (Discard, Discuss, ...), AnnotatorNotes (#) and the
// continuation lines brat writes when a span's text contains a newline.
// Discontinuous spans ("start end;start end") become several CharSpans;
// each part's spans are sorted by Start. A relation may lack any part
// (PolNeAR has relations without a Source, and a few without a Cue or a
// Content).
//
// When an article was annotated by several annotators, LoadPolNeAR uses
// exactly one file: the one whose annotator id (the part of the file name
// after the last '_') sorts first as a string. The publisher comes from
// ../metadata.tsv (columns "filename" and "publisher") when that file
// exists; otherwise Publisher is empty.
//
// # Scoring (ScoreAttribution)
//
// Texts are tokenised over code points into \w+ runs (letters, numbers and
// '_', the same word characters as Tokenize). A token belongs to a set of
// spans when it shares at least one code point with one of them, so a span
// cutting a word in half still covers that word. Punctuation-only spans
// (such as the Cue ":" that PolNeAR uses for quotes introduced by a colon)
// cover no token.
//
//   - ContentToken: per document, the tokens covered by any gold Content
//     span against those covered by any predicted Content span; TP, FP and
//     FN are summed over documents (micro average). CueToken is the same
//     for Cue spans.
//   - ContentExact: every Content span is trimmed at both ends of white
//     space and punctuation (unicode.IsSpace, unicode.IsPunct; curly quotes
//     are punctuation); spans that trim to nothing are dropped. A predicted
//     span is correct when it has the same offsets as a gold span; matching
//     is one-to-one (multisets), so the fragments of a discontinuous Content
//     count separately.
//   - ContentMatch: relations are compared by the tokens of their Content
//     (all fragments together). A predicted relation can match a gold one
//     when they share at least half of the gold Content's tokens
//     (2*overlap >= gold tokens, overlap > 0). Pairs are matched one-to-one,
//     greedily: largest overlap first, then smallest gold+predicted size
//     (highest Dice), then input order. Relations whose Content covers no
//     token cannot match and are left out on both sides, so
//     P = matched/predicted-with-content and R = matched/gold-with-content.
//   - SourceAccuracy: over matched relations whose gold Source covers at
//     least one token (SourceJudged of them), the share whose predicted
//     Source covers at least one of those tokens (SourceCorrect).
//
// P is 0 when nothing was predicted, R is 0 when there is no gold, F1 is 0
// when P+R is 0, and SourceAccuracy is 0 when SourceJudged is 0.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CharSpan is a span of text in Unicode code points, [Start, End).
type CharSpan struct{ Start, End int }

// AttributionSpans is one attribution relation. Any part may be empty.
type AttributionSpans struct {
	Source, Cue, Content []CharSpan
}

// PolNeARDoc is one annotated PolNeAR article.
type PolNeARDoc struct {
	Name      string // file name without .txt
	Publisher string // from metadata.tsv; empty when unknown
	Text      string
	Annotator string // id of the annotator whose relations are in Gold
	Gold      []AttributionSpans
}

// Predictor finds the attribution relations of a text. Spans are in code
// points into text.
type Predictor func(text string) ([]AttributionSpans, error)

// AttributionPRF holds counts and precision, recall and F1. (The name PRF
// is taken in this package by the NER scorer.)
type AttributionPRF struct {
	TP, FP, FN float64
	P, R, F1   float64
}

// AttributionScore is the score of a Predictor on a set of documents. See
// the comment at the top of attribution.go for the definitions.
type AttributionScore struct {
	Docs, GoldRelations, PredRelations int

	ContentToken AttributionPRF // tokens in gold vs predicted Content spans
	ContentExact AttributionPRF // trimmed Content spans with identical offsets
	ContentMatch AttributionPRF // relations matched by >= 50% of the gold Content's tokens
	CueToken     AttributionPRF // tokens in gold vs predicted Cue spans

	SourceAccuracy float64 // SourceCorrect / SourceJudged
	SourceJudged   int     // matched relations whose gold Source covers a token
	SourceCorrect  int     // ... whose predicted Source shares a token with it

	// ByPublisher has the same figures for each publisher (documents with
	// no publisher under "(unknown)"); its scores have no ByPublisher.
	ByPublisher map[string]*AttributionScore
}

// UnknownPublisher is the ByPublisher key of documents without publisher.
const UnknownPublisher = "(unknown)"

// LoadPolNeAR reads one PolNeAR split directory (such as .../polnear/dev).
// Documents are sorted by name. For an article with several annotators'
// files it uses only the annotator whose id sorts first. Every .ann file
// must have a text and every text at least one .ann file.
func LoadPolNeAR(dir string) ([]PolNeARDoc, error) {
	textDir := filepath.Join(dir, "text")
	annDir := filepath.Join(dir, "attributions")
	texts, err := os.ReadDir(textDir)
	if err != nil {
		return nil, err
	}
	anns, err := os.ReadDir(annDir)
	if err != nil {
		return nil, err
	}
	annotator := map[string]string{} // article name -> first annotator
	for _, e := range anns {
		fn := e.Name()
		if e.IsDir() || !strings.HasSuffix(fn, ".ann") {
			continue
		}
		base := strings.TrimSuffix(fn, ".ann")
		i := strings.LastIndexByte(base, '_')
		if i <= 0 || i == len(base)-1 {
			return nil, fmt.Errorf("%s: annotation file name is not <name>_<annotator>.ann", filepath.Join(annDir, fn))
		}
		name, ann := base[:i], base[i+1:]
		if cur, ok := annotator[name]; !ok || ann < cur {
			annotator[name] = ann
		}
	}
	publisher, err := readPolNeARPublishers(filepath.Join(dir, "..", "metadata.tsv"))
	if err != nil {
		return nil, err
	}
	var docs []PolNeARDoc
	seen := map[string]bool{}
	for _, e := range texts {
		fn := e.Name()
		if e.IsDir() || !strings.HasSuffix(fn, ".txt") {
			continue
		}
		name := strings.TrimSuffix(fn, ".txt")
		ann, ok := annotator[name]
		if !ok {
			return nil, fmt.Errorf("%s: no annotation file in %s", filepath.Join(textDir, fn), annDir)
		}
		seen[name] = true
		raw, err := os.ReadFile(filepath.Join(textDir, fn))
		if err != nil {
			return nil, err
		}
		if !utf8.Valid(raw) {
			return nil, fmt.Errorf("%s: not valid UTF-8", filepath.Join(textDir, fn))
		}
		annPath := filepath.Join(annDir, name+"_"+ann+".ann")
		annRaw, err := os.ReadFile(annPath)
		if err != nil {
			return nil, err
		}
		gold, err := parseBratAttributions(string(annRaw), utf8.RuneCount(raw))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", annPath, err)
		}
		docs = append(docs, PolNeARDoc{
			Name:      name,
			Publisher: publisher[name],
			Text:      string(raw),
			Annotator: ann,
			Gold:      gold,
		})
	}
	for name, ann := range annotator {
		if !seen[name] {
			return nil, fmt.Errorf("%s: no text %s", filepath.Join(annDir, name+"_"+ann+".ann"), filepath.Join(textDir, name+".txt"))
		}
	}
	slices.SortFunc(docs, func(a, b PolNeARDoc) int { return strings.Compare(a.Name, b.Name) })
	return docs, nil
}

// readPolNeARPublishers maps the filename column of metadata.tsv to the
// publisher column. A missing file gives an empty map.
func readPolNeARPublishers(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	out := map[string]string{}
	fileCol, pubCol := -1, -1
	line := 0
	for sc.Scan() {
		line++
		cols := strings.Split(strings.TrimSuffix(sc.Text(), "\r"), "\t")
		if line == 1 {
			for i, c := range cols {
				switch strings.TrimSpace(c) {
				case "filename":
					fileCol = i
				case "publisher":
					pubCol = i
				}
			}
			if fileCol < 0 || pubCol < 0 {
				return nil, fmt.Errorf("%s: header has no filename and publisher columns", path)
			}
			continue
		}
		if len(cols) <= max(fileCol, pubCol) {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			return nil, fmt.Errorf("%s:%d: %d columns, want at least %d", path, line, len(cols), max(fileCol, pubCol)+1)
		}
		out[strings.TrimSuffix(cols[fileCol], ".txt")] = cols[pubCol]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// bratIDLine reports whether line starts with prefix, digits and a tab
// ("T12\t"), returning the text after the tab.
func bratIDLine(line string, prefix byte) (string, string, bool) {
	if len(line) < 3 || line[0] != prefix {
		return "", "", false
	}
	i := 1
	for i < len(line) && '0' <= line[i] && line[i] <= '9' {
		i++
	}
	if i == 1 || i == len(line) || line[i] != '\t' {
		return "", "", false
	}
	return line[:i], line[i+1:], true
}

// parseBratAttributions reads the relations (E lines) of a brat standoff
// file whose text has nRunes code points.
func parseBratAttributions(ann string, nRunes int) ([]AttributionSpans, error) {
	lines := strings.Split(ann, "\n")
	spans := map[string][]CharSpan{}
	for n, line := range lines {
		line = strings.TrimSuffix(line, "\r")
		id, rest, ok := bratIDLine(line, 'T')
		if !ok {
			continue
		}
		head, _, _ := strings.Cut(rest, "\t")
		_, offs, ok := strings.Cut(head, " ")
		if !ok {
			return nil, fmt.Errorf("line %d: no offsets in %q", n+1, line)
		}
		var frags []CharSpan
		for _, frag := range strings.Split(offs, ";") {
			f := strings.Fields(frag)
			if len(f) != 2 {
				return nil, fmt.Errorf("line %d: bad offsets %q", n+1, offs)
			}
			s, err1 := strconv.Atoi(f[0])
			e, err2 := strconv.Atoi(f[1])
			if err1 != nil || err2 != nil || s < 0 || e < s || e > nRunes {
				return nil, fmt.Errorf("line %d: bad span %q for a text of %d code points", n+1, frag, nRunes)
			}
			frags = append(frags, CharSpan{s, e})
		}
		if _, dup := spans[id]; dup {
			return nil, fmt.Errorf("line %d: duplicate id %s", n+1, id)
		}
		spans[id] = frags
	}
	var rels []AttributionSpans
	for n, line := range lines {
		line = strings.TrimSuffix(line, "\r")
		_, rest, ok := bratIDLine(line, 'E')
		if !ok {
			continue
		}
		var rel AttributionSpans
		for _, arg := range strings.Fields(rest) {
			role, ref, ok := strings.Cut(arg, ":")
			if !ok {
				return nil, fmt.Errorf("line %d: bad argument %q", n+1, arg)
			}
			frags, ok := spans[ref]
			if !ok {
				return nil, fmt.Errorf("line %d: %s refers to unknown span %s", n+1, role, ref)
			}
			switch strings.TrimRight(role, "0123456789") {
			case "Source":
				rel.Source = append(rel.Source, frags...)
			case "Cue":
				rel.Cue = append(rel.Cue, frags...)
			case "Content":
				rel.Content = append(rel.Content, frags...)
			}
		}
		for _, part := range [][]CharSpan{rel.Source, rel.Cue, rel.Content} {
			slices.SortStableFunc(part, func(a, b CharSpan) int { return a.Start - b.Start })
		}
		rels = append(rels, rel)
	}
	return rels, nil
}

// attrCounts are the additive counts behind an AttributionScore.
type attrCounts struct {
	docs, gold, pred                        int
	contentTok, contentExact, match, cueTok [3]int // TP, FP, FN
	srcJudged, srcCorrect                   int
}

func (c *attrCounts) add(d *attrCounts) {
	c.docs += d.docs
	c.gold += d.gold
	c.pred += d.pred
	for i := range 3 {
		c.contentTok[i] += d.contentTok[i]
		c.contentExact[i] += d.contentExact[i]
		c.match[i] += d.match[i]
		c.cueTok[i] += d.cueTok[i]
	}
	c.srcJudged += d.srcJudged
	c.srcCorrect += d.srcCorrect
}

func attrPRF(c [3]int) AttributionPRF {
	p := AttributionPRF{TP: float64(c[0]), FP: float64(c[1]), FN: float64(c[2])}
	if c[0]+c[1] > 0 {
		p.P = p.TP / (p.TP + p.FP)
	}
	if c[0]+c[2] > 0 {
		p.R = p.TP / (p.TP + p.FN)
	}
	if p.P+p.R > 0 {
		p.F1 = 2 * p.P * p.R / (p.P + p.R)
	}
	return p
}

func (c *attrCounts) score() *AttributionScore {
	s := &AttributionScore{
		Docs:          c.docs,
		GoldRelations: c.gold,
		PredRelations: c.pred,
		ContentToken:  attrPRF(c.contentTok),
		ContentExact:  attrPRF(c.contentExact),
		ContentMatch:  attrPRF(c.match),
		CueToken:      attrPRF(c.cueTok),
		SourceJudged:  c.srcJudged,
		SourceCorrect: c.srcCorrect,
	}
	if c.srcJudged > 0 {
		s.SourceAccuracy = float64(c.srcCorrect) / float64(c.srcJudged)
	}
	return s
}

// ScoreAttribution runs predict on every document and scores its relations
// against the gold ones. It returns an error when predict fails or returns
// a span outside the text.
func ScoreAttribution(docs []PolNeARDoc, predict Predictor) (*AttributionScore, error) {
	var total attrCounts
	byPub := map[string]*attrCounts{}
	for i := range docs {
		d := &docs[i]
		pred, err := predict(d.Text)
		if err != nil {
			return nil, fmt.Errorf("%s: predictor: %w", d.Name, err)
		}
		c, err := scoreAttributionDoc(d, pred)
		if err != nil {
			return nil, err
		}
		total.add(&c)
		pub := d.Publisher
		if pub == "" {
			pub = UnknownPublisher
		}
		if byPub[pub] == nil {
			byPub[pub] = &attrCounts{}
		}
		byPub[pub].add(&c)
	}
	s := total.score()
	s.ByPublisher = make(map[string]*AttributionScore, len(byPub))
	for pub, c := range byPub {
		s.ByPublisher[pub] = c.score()
	}
	return s, nil
}

// attrText is a text as code points with its \w+ tokens.
type attrText struct {
	runes    []rune
	tokStart []int // code-point offset of each token's first rune
	tokEnd   []int // and one past its last
}

func newAttrText(text string) *attrText {
	t := &attrText{runes: []rune(text)}
	start := -1
	for i, r := range t.runes {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			t.tokStart = append(t.tokStart, start)
			t.tokEnd = append(t.tokEnd, i)
			start = -1
		}
	}
	if start >= 0 {
		t.tokStart = append(t.tokStart, start)
		t.tokEnd = append(t.tokEnd, len(t.runes))
	}
	return t
}

// tokens returns the sorted indices of the tokens sharing at least one
// code point with one of spans.
func (t *attrText) tokens(spans []CharSpan) []int {
	var out []int
	for _, sp := range spans {
		if sp.End <= sp.Start {
			continue
		}
		// First token ending after sp.Start.
		i, _ := slices.BinarySearch(t.tokEnd, sp.Start+1)
		for ; i < len(t.tokStart) && t.tokStart[i] < sp.End; i++ {
			out = append(out, i)
		}
	}
	if len(spans) > 1 {
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}

// mark sets bit in marks for every token of spans.
func (t *attrText) mark(marks []uint8, bit uint8, spans []CharSpan) {
	for _, i := range t.tokens(spans) {
		marks[i] |= bit
	}
}

func attrIsTrim(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }

// trim removes white space and punctuation at both ends of sp; ok is false
// when nothing is left.
func (t *attrText) trim(sp CharSpan) (CharSpan, bool) {
	for sp.Start < sp.End && attrIsTrim(t.runes[sp.Start]) {
		sp.Start++
	}
	for sp.End > sp.Start && attrIsTrim(t.runes[sp.End-1]) {
		sp.End--
	}
	return sp, sp.Start < sp.End
}

// attrIntersect counts the common elements of two sorted lists.
func attrIntersect(a, b []int) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

func scoreAttributionDoc(d *PolNeARDoc, pred []AttributionSpans) (attrCounts, error) {
	c := attrCounts{docs: 1, gold: len(d.Gold), pred: len(pred)}
	t := newAttrText(d.Text)
	n := len(t.runes)
	for _, rel := range pred {
		for _, part := range [][]CharSpan{rel.Source, rel.Cue, rel.Content} {
			for _, sp := range part {
				if sp.Start < 0 || sp.End < sp.Start || sp.End > n {
					return c, fmt.Errorf("%s: predicted span [%d, %d) outside a text of %d code points", d.Name, sp.Start, sp.End, n)
				}
			}
		}
	}
	for _, rel := range d.Gold {
		for _, part := range [][]CharSpan{rel.Source, rel.Cue, rel.Content} {
			for _, sp := range part {
				if sp.Start < 0 || sp.End < sp.Start || sp.End > n {
					return c, fmt.Errorf("%s: gold span [%d, %d) outside a text of %d code points", d.Name, sp.Start, sp.End, n)
				}
			}
		}
	}

	// Token overlap of Content and Cue.
	const goldContent, predContent, goldCue, predCue = 1, 2, 4, 8
	marks := make([]uint8, len(t.tokStart))
	for _, rel := range d.Gold {
		t.mark(marks, goldContent, rel.Content)
		t.mark(marks, goldCue, rel.Cue)
	}
	for _, rel := range pred {
		t.mark(marks, predContent, rel.Content)
		t.mark(marks, predCue, rel.Cue)
	}
	for _, m := range marks {
		attrCountBits(&c.contentTok, m&goldContent != 0, m&predContent != 0)
		attrCountBits(&c.cueTok, m&goldCue != 0, m&predCue != 0)
	}

	// Exact (trimmed) Content spans, one-to-one.
	goldExact := map[CharSpan]int{}
	nGoldExact := 0
	for _, rel := range d.Gold {
		for _, sp := range rel.Content {
			if sp, ok := t.trim(sp); ok {
				goldExact[sp]++
				nGoldExact++
			}
		}
	}
	for _, rel := range pred {
		for _, sp := range rel.Content {
			sp, ok := t.trim(sp)
			if !ok {
				continue
			}
			if goldExact[sp] > 0 {
				goldExact[sp]--
				c.contentExact[0]++
			} else {
				c.contentExact[1]++
			}
		}
	}
	c.contentExact[2] = nGoldExact - c.contentExact[0]

	// Relations matched by Content tokens.
	type rel struct {
		content, source []int
	}
	toRels := func(rs []AttributionSpans) []rel {
		var out []rel
		for _, r := range rs {
			ct := t.tokens(r.Content)
			if len(ct) == 0 {
				continue
			}
			out = append(out, rel{ct, t.tokens(r.Source)})
		}
		return out
	}
	golds, preds := toRels(d.Gold), toRels(pred)
	type pair struct{ g, p, overlap, size int }
	var pairs []pair
	for gi, g := range golds {
		for pi, p := range preds {
			if p.content[0] > g.content[len(g.content)-1] || g.content[0] > p.content[len(p.content)-1] {
				continue
			}
			o := attrIntersect(g.content, p.content)
			if o > 0 && 2*o >= len(g.content) {
				pairs = append(pairs, pair{gi, pi, o, len(g.content) + len(p.content)})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if a.overlap != b.overlap {
			return b.overlap - a.overlap
		}
		if a.size != b.size {
			return a.size - b.size
		}
		if a.g != b.g {
			return a.g - b.g
		}
		return a.p - b.p
	})
	goldUsed := make([]bool, len(golds))
	predUsed := make([]bool, len(preds))
	matched := 0
	for _, pr := range pairs {
		if goldUsed[pr.g] || predUsed[pr.p] {
			continue
		}
		goldUsed[pr.g], predUsed[pr.p] = true, true
		matched++
		if gs := golds[pr.g].source; len(gs) > 0 {
			c.srcJudged++
			if attrIntersect(gs, preds[pr.p].source) > 0 {
				c.srcCorrect++
			}
		}
	}
	c.match = [3]int{matched, len(preds) - matched, len(golds) - matched}
	return c, nil
}

func attrCountBits(c *[3]int, gold, pred bool) {
	switch {
	case gold && pred:
		c[0]++
	case pred:
		c[1]++
	case gold:
		c[2]++
	}
}

// WriteTable writes the overall figures and a table by publisher.
func (s *AttributionScore) WriteTable(w io.Writer) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d docs, %d gold relations, %d predicted relations\n\n", s.Docs, s.GoldRelations, s.PredRelations)
	fmt.Fprintf(&b, "%-14s %6s %6s %6s %7s %7s %7s\n", "metric", "P", "R", "F1", "TP", "FP", "FN")
	for _, m := range []struct {
		name string
		p    AttributionPRF
	}{
		{"content-token", s.ContentToken},
		{"content-exact", s.ContentExact},
		{"content-match", s.ContentMatch},
		{"cue-token", s.CueToken},
	} {
		fmt.Fprintf(&b, "%-14s %6.3f %6.3f %6.3f %7s %7s %7s\n", m.name, m.p.P, m.p.R, m.p.F1,
			attrCount(m.p.TP), attrCount(m.p.FP), attrCount(m.p.FN))
	}
	fmt.Fprintf(&b, "%-14s %6.3f (%d of %d matched relations with a gold source)\n",
		"source-acc", s.SourceAccuracy, s.SourceCorrect, s.SourceJudged)
	if len(s.ByPublisher) > 0 {
		pubs := make([]string, 0, len(s.ByPublisher))
		width := len("publisher")
		for p := range s.ByPublisher {
			pubs = append(pubs, p)
			width = max(width, utf8.RuneCountInString(p))
		}
		slices.Sort(pubs)
		b.WriteString("\n")
		head := []string{"docs", "gold", "pred", "ctokF1", "exactF1", "matchP", "matchR", "matchF1", "cueF1", "srcAcc", "judged"}
		fmt.Fprintf(&b, "%-*s", width, "publisher")
		for _, h := range head {
			fmt.Fprintf(&b, " %7s", h)
		}
		b.WriteString("\n")
		for _, p := range pubs {
			ps := s.ByPublisher[p]
			fmt.Fprintf(&b, "%-*s %7d %7d %7d %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7d\n",
				width+len(p)-utf8.RuneCountInString(p), p, ps.Docs, ps.GoldRelations, ps.PredRelations,
				ps.ContentToken.F1, ps.ContentExact.F1, ps.ContentMatch.P, ps.ContentMatch.R, ps.ContentMatch.F1,
				ps.CueToken.F1, ps.SourceAccuracy, ps.SourceJudged)
		}
	}
	w.Write(b.Bytes())
}

// attrCount formats a count held in a float64.
func attrCount(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}
