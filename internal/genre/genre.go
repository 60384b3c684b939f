// Package genre tells when an input is not a news article at all — a
// recipe, a product page, a press release, a list of headlines, a terms or
// privacy page — so that the verdict stage can abstain instead of rating
// it as news.
//
// The cues are data (data/cues.tsv, "genre/cues.tsv" in the data layout):
// headings, line starts, phrases, quantities and prices, each belonging to
// one cue of one kind. A kind is called only when its cues add up to
// Threshold points from at least MinCues distinct cues, each cue counting
// once however often it matches, and matches inside quotations not
// counting at all: a news story that quotes a recipe line, a company's
// forward-looking statements or a new privacy policy stays news. Precision
// comes first, because an article wrongly flagged gets no verdict.
//
// Detect reads the cleaned text line by line (a single newline matters:
// ingredient lists and product specifications are one item a line, so the
// lines cleaning joined are found again through the offset map) and costs
// one pass over it; a word is looked up in the pattern map only when a
// bit sieve says it may start a pattern. The title and the URL count as
// cues too, but without evidence spans, which point into Text only.
package genre

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
)

// CuesFile is the cue list's path in the data layout.
const CuesFile = "genre/cues.tsv"

//go:embed data/cues.tsv
var cuesTSV string

// Threshold and MinCues decide: a kind is called when its fired cues are
// worth at least Threshold points and there are at least MinCues of them.
// The weights in cues.tsv are set against these (a strong cue is 3).
const (
	Threshold = 6
	MinCues   = 2
)

// Result is the genre verdict on one document.
type Result struct {
	// NotNews is set when the input is confidently not a news article.
	NotNews bool
	// Kind is what it is instead: "recipe", "product page", "press
	// release", "listing", "legal boilerplate"; empty when NotNews is false.
	Kind string
	// Reason is one plain sentence for the user.
	Reason string
	// Evidence points at the spans of d.Text (byte offsets) that decided it.
	Evidence []doc.Evidence
}

// Detector holds the parsed cue list; it is safe for concurrent use.
type Detector struct {
	kinds []kind
	cues  []cue
	// words holds the phrase, case and start patterns by their first word,
	// lower-cased, so one map lookup per word of text finds the candidates.
	words map[string][]pattern
	// sieve has a bit set for every key of words (see sieveBit): most
	// words of a text are no key, and the bit says so faster than the map.
	sieve [sieveBits / 64]uint64
	lines map[string]int // whole-line pattern -> cue
	heads []head         // "X *" headings
	units map[string]int // unit word -> cue
	price []pattern      // currency signs
	urls  []pattern
	// shortLines is the cue of the short-lines shape, or -1.
	shortLines int
}

type kind struct{ name, phrase string }

type cue struct {
	kind   int
	name   string
	weight int
	min    int
	note   string
}

// pattern is one text pattern of a cue. lead is the number of bytes before
// the first word ("(" in "(NASDAQ:"), which the lookup by word skips.
type pattern struct {
	cue   int
	text  string
	lead  int
	exact bool // case-sensitive
	start bool // must begin a line
}

type head struct {
	prefix string // "about "
	cue    int
}

// Open loads the shipped cue list, or the user's replacement or extension
// of it from the data folder of files.
func Open(files *datafile.Set) (*Detector, error) {
	s, err := files.ReadStrings(datafile.Text{Name: CuesFile, Shipped: cuesTSV})
	if err != nil {
		return nil, err
	}
	d, err := parse(s[0])
	if err != nil {
		return nil, fmt.Errorf("data file %s: %w", files.Where(CuesFile), err)
	}
	return d, nil
}

func parse(data string) (*Detector, error) {
	d := &Detector{words: map[string][]pattern{}, lines: map[string]int{}, units: map[string]int{}, shortLines: -1}
	kinds, cues := map[string]int{}, map[string]int{}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func(format string, args ...any) error {
			return fmt.Errorf("line %d: %s", n+1, fmt.Sprintf(format, args...))
		}
		want := 3
		switch f[0] {
		case "kind":
		case "cue":
			want = 6
		}
		if len(f) != want {
			return nil, bad("%q rows have %d TAB-separated fields, not %d", f[0], want, len(f))
		}
		if f[0] == "kind" {
			if _, dup := kinds[f[1]]; dup {
				return nil, bad("kind %q declared twice", f[1])
			}
			kinds[f[1]] = len(d.kinds)
			d.kinds = append(d.kinds, kind{name: f[1], phrase: f[2]})
			continue
		}
		if f[0] == "cue" {
			k, ok := kinds[f[1]]
			if !ok {
				return nil, bad("cue %q of undeclared kind %q", f[2], f[1])
			}
			if _, dup := cues[f[2]]; dup {
				return nil, bad("cue %q declared twice", f[2])
			}
			w, err1 := strconv.Atoi(f[3])
			m, err2 := strconv.Atoi(f[4])
			if err1 != nil || err2 != nil || w <= 0 || m <= 0 {
				return nil, bad("weight and min must be positive whole numbers, not %q and %q", f[3], f[4])
			}
			cues[f[2]] = len(d.cues)
			d.cues = append(d.cues, cue{kind: k, name: f[2], weight: w, min: m, note: f[5]})
			continue
		}
		c, ok := cues[f[1]]
		if !ok {
			return nil, bad("pattern of undeclared cue %q", f[1])
		}
		p := f[2]
		if p == "" {
			return nil, bad("empty pattern")
		}
		switch f[0] {
		case "line":
			if pre, ok := strings.CutSuffix(p, " *"); ok {
				d.heads = append(d.heads, head{prefix: strings.ToLower(pre) + " ", cue: c})
			} else {
				d.lines[strings.ToLower(p)] = c
			}
		case "start", "phrase", "case":
			exact := f[0] == "case"
			if !exact {
				p = strings.ToLower(p)
			}
			ws, we := nextWord(p, 0)
			if ws < 0 {
				return nil, bad("pattern %q has no word to look it up by", p)
			}
			key := foldASCII(make([]byte, 0, we-ws), p[ws:we])
			d.words[string(key)] = append(d.words[string(key)], pattern{cue: c, text: p, lead: ws, exact: exact, start: f[0] == "start"})
			b := sieveBit(p[ws:we])
			d.sieve[b/64] |= 1 << (b % 64)
		case "unit":
			d.units[strings.ToLower(p)] = c
		case "price":
			d.price = append(d.price, pattern{cue: c, text: p, exact: true})
		case "url":
			d.urls = append(d.urls, pattern{cue: c, text: strings.ToLower(p)})
		case "shape":
			if p != "short-lines" {
				return nil, bad("unknown shape %q (known: short-lines)", p)
			}
			d.shortLines = c
		default:
			return nil, bad("unknown row type %q", f[0])
		}
	}
	return d, nil
}

// maxHits is how many spans of one cue are kept as evidence.
const maxHits = 3

// hits counts one cue's matches and keeps the first spans.
type hits struct {
	n     int
	last  int // start of the last line counted, so a line counts once
	spans [maxHits]doc.Span
}

// scan is the state of one Detect call.
type scan struct {
	d      *Detector
	x      *doc.Document
	quotes []doc.Span
	hits   []hits
	// lines and short count the non-empty lines and those that are short
	// and end without a full stop, for the short-lines shape.
	lines, short int
	shortSpans   []doc.Span
}

// Detect says whether x is confidently not a news article. It reads
// x.Meta (title, URL), x.Text, x.Quotes, and x.Map with x.Input.Source to
// find the source's line breaks; a document built by hand with Text alone
// is read by its own newlines.
func (d *Detector) Detect(x *doc.Document) Result { return d.decide(d.scan(x)) }

// scan counts the matches of every cue in x.
func (d *Detector) scan(x *doc.Document) []hits {
	s := scan{d: d, x: x, hits: make([]hits, len(d.cues)), quotes: quoteSpans(x)}
	for i := range s.hits {
		s.hits[i].last = -1
	}
	t := x.Text
	breaks := lineBreaks(x)
	for ls := 0; ls <= len(t); {
		le := strings.IndexByte(t[ls:], '\n')
		if le < 0 {
			le = len(t)
		} else {
			le += ls
		}
		for len(breaks) > 0 && breaks[0] < ls {
			breaks = breaks[1:]
		}
		if len(breaks) > 0 && breaks[0] < le {
			le = breaks[0]
		}
		s.line(ls, le)
		ls = le + 1
	}
	// The title is a line too ("Terms of Service", "Privacy Policy"), but
	// not in Text: it counts without a span.
	if title := strings.TrimSpace(x.Meta.Title); title != "" && len(title) <= maxLine {
		if c, ok := d.lineCue(title); ok {
			s.hits[c].n++
		}
	}
	if u := strings.ToLower(x.Meta.URL); u != "" {
		for _, p := range d.urls {
			if strings.Contains(u, p.text) {
				s.hits[p.cue].n++
			}
		}
	}
	// A listing is most of at least 8 lines short and unpunctuated; one
	// piece of evidence is enough to show it.
	if c := d.shortLines; c >= 0 && s.lines >= 8 && s.short*10 >= s.lines*7 {
		h := &s.hits[c]
		h.n = 1
		copy(h.spans[:], s.shortSpans)
	}
	return s.hits
}

// points adds up each kind's fired cues: their weights and their number.
func (d *Detector) points(hs []hits) (points, fired []int) {
	points = make([]int, len(d.kinds))
	fired = make([]int, len(d.kinds))
	for i, c := range d.cues {
		if hs[i].n >= c.min {
			points[c.kind] += c.weight
			fired[c.kind]++
		}
	}
	return points, fired
}

// decide picks the kind with the most points among those that pass.
func (d *Detector) decide(hs []hits) Result {
	points, fired := d.points(hs)
	best := -1
	for k := range d.kinds {
		if points[k] >= Threshold && fired[k] >= MinCues && (best < 0 || points[k] > points[best]) {
			best = k
		}
	}
	if best < 0 {
		return Result{}
	}
	// The reason names the strongest cues, in the order of the file
	// among equals; the evidence is every kept span of every fired cue.
	var order []int
	var ev []doc.Evidence
	for i, c := range d.cues {
		if c.kind != best || hs[i].n < c.min {
			continue
		}
		order = append(order, i)
		for _, sp := range hs[i].spans[:min(hs[i].n, maxHits)] {
			if sp.End > sp.Start {
				ev = append(ev, doc.Evidence{Span: sp, Note: c.note})
			}
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return d.cues[order[a]].weight > d.cues[order[b]].weight })
	if len(order) > 3 {
		order = order[:3]
	}
	notes := make([]string, len(order))
	for i, c := range order {
		notes[i] = d.cues[c].note
	}
	sort.SliceStable(ev, func(a, b int) bool { return ev[a].Start < ev[b].Start })
	k := d.kinds[best]
	return Result{NotNews: true, Kind: k.name, Reason: "this reads as " + k.phrase + ": " + join(notes), Evidence: ev}
}

// join lists notes as a sentence does: "a, b and c".
func join(notes []string) string {
	if len(notes) < 2 {
		return strings.Join(notes, "")
	}
	return strings.Join(notes[:len(notes)-1], ", ") + " and " + notes[len(notes)-1]
}

// lineBreaks returns the offsets of the spaces in x.Text that stand for
// a line break of the source, in order. Cleaning joins the lines of a
// paragraph (hard-wrapped text) with a space, but an ingredient list or a
// product's specifications are one item a line, and the cues need those
// lines. Such a space is either copied from a newline, or a join run of
// its own that stands for the gap after the previous line, where the
// source goes on with a newline.
func lineBreaks(x *doc.Document) []int {
	src, t := x.Input.Source, x.Text
	var out []int
	for _, r := range x.Map.Runs {
		if r.Dst+r.N > len(t) || r.Src+r.N > len(src) {
			continue // not a map of this text (a document built by hand)
		}
		if r.Fixed {
			i := r.Src
			for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
				i++
			}
			if r.N == 1 && t[r.Dst] == ' ' && i < len(src) && (src[i] == '\n' || src[i] == '\r') {
				out = append(out, r.Dst)
			}
			continue
		}
		for run, k := src[r.Src:r.Src+r.N], 0; ; {
			j := strings.IndexAny(run[k:], "\n\r")
			if j < 0 {
				break
			}
			k += j
			if t[r.Dst+k] == ' ' {
				out = append(out, r.Dst+k)
			}
			k++
		}
	}
	return out
}

// maxLine is the longest line, in bytes, that can be a heading or button.
const maxLine = 80

// line scans the line t[ls:le].
func (s *scan) line(ls, le int) {
	t, d := s.x.Text, s.d
	for ls < le && isSpace(t[ls]) {
		ls++
	}
	for le > ls && isSpace(t[le-1]) {
		le--
	}
	if ls == le {
		return
	}
	bullet := skipBullet(t, ls, le) // where an ingredient's quantity starts
	body := skipNumber(t, bullet, le)

	// Words: the phrase, case and start patterns.
	var key [32]byte
	words := 0
	for i := ls; ; {
		ws, we := nextWord(t[:le], i)
		if ws < 0 {
			break
		}
		words++
		i = we
		if b := sieveBit(t[ws:we]); we-ws > len(key) || d.sieve[b/64]&(1<<(b%64)) == 0 {
			continue
		}
		for _, p := range d.words[string(foldASCII(key[:0], t[ws:we]))] {
			if p.start && ws != body {
				continue
			}
			start := ws - p.lead
			end := start + len(p.text)
			if start < ls || end > le || !p.matches(t[start:end]) || !boundaryAt(t, end, p.text) {
				continue
			}
			sp := doc.Span{Start: start, End: end}
			if p.start {
				sp = doc.Span{Start: body, End: le} // the step, not just its verb
			}
			s.hit(p.cue, doc.Span{Start: start, End: end}, sp, ls)
		}
	}

	// The whole line: headings, buttons, end marks.
	if le-body <= maxLine {
		if c, ok := d.lineCue(t[body:le]); ok {
			s.hit(c, doc.Span{Start: body, End: le}, doc.Span{Start: body, End: le}, ls)
		}
	}
	// An ingredient line: a quantity and a unit first.
	if c, end, ok := d.quantity(t, bullet, le); ok {
		s.hit(c, doc.Span{Start: bullet, End: end}, doc.Span{Start: bullet, End: le}, ls)
	}
	// Prices on short lines.
	if words <= 12 {
		for _, p := range d.price {
			for i := ls; i < le; {
				j := strings.Index(t[i:le], p.text)
				if j < 0 {
					break
				}
				j += i
				i = j + len(p.text)
				k := i
				if k < le && t[k] == ' ' {
					k++
				}
				if k < le && isDigit(t[k]) && (j == ls || !isWordByte(t[j-1])) {
					for k < le && (isDigit(t[k]) || (t[k] == '.' || t[k] == ',') && k+1 < le && isDigit(t[k+1])) {
						k++
					}
					sp := doc.Span{Start: j, End: k}
					s.hit(p.cue, sp, sp, -1)
				}
			}
		}
	}

	s.lines++
	if words <= 15 && !endsSentence(t[ls:le]) {
		s.short++
		if len(s.shortSpans) < maxHits {
			s.shortSpans = append(s.shortSpans, doc.Span{Start: ls, End: le})
		}
	}
}

// hit records a match of cue c at m (checked against quotations), kept
// as evidence span sp. line is the start of the line when the cue counts
// once a line, else -1.
func (s *scan) hit(c int, m, sp doc.Span, line int) {
	h := &s.hits[c]
	if line >= 0 && h.last == line {
		return
	}
	if inQuote(s.quotes, m) {
		return
	}
	if line >= 0 {
		h.last = line
	}
	if h.n < maxHits {
		h.spans[h.n] = sp
	}
	h.n++
}

// lineCue finds the cue of a whole line: an exact heading or button, or a
// short "X *" heading that does not end like a sentence.
func (d *Detector) lineCue(line string) (int, bool) {
	var buf [maxLine]byte
	if len(line) > maxLine {
		return 0, false
	}
	low := string(foldASCII(buf[:0], line))
	exact := strings.TrimRight(low, " :.")
	if c, ok := d.lines[exact]; ok {
		return c, true
	}
	if endsSentence(line) {
		return 0, false
	}
	for _, h := range d.heads {
		if rest, ok := strings.CutPrefix(low, h.prefix); ok {
			if n := len(strings.Fields(rest)); n >= 1 && n <= 5 {
				return h.cue, true
			}
		}
	}
	return 0, false
}

// quantity reads "2 cups", "1 1/2 tsp", "½ cup", "225 g" at t[i:le] and
// returns the cue of the unit and where the unit ends.
func (d *Detector) quantity(t string, i, le int) (int, int, bool) {
	if len(d.units) == 0 {
		return 0, 0, false
	}
	j, digits := i, false
	for j < le {
		c := t[j]
		switch {
		case isDigit(c):
			digits = true
			j++
		case (c == '/' || c == '.' || c == '-') && digits && j+1 < le && isDigit(t[j+1]):
			j++
		case c == ' ' && digits && j+1 < le && (isDigit(t[j+1]) || t[j+1] >= utf8.RuneSelf):
			j++ // "1 1/2", "1 ½"
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(t[j:le])
			if !unicode.Is(unicode.No, r) { // vulgar fractions: ½ ¼ ¾ ⅓
				goto unit
			}
			digits = true
			j += n
		default:
			goto unit
		}
	}
unit:
	if !digits {
		return 0, 0, false
	}
	for j < le && t[j] == ' ' {
		j++
	}
	ws, we := nextWord(t[:le], j)
	if ws != j || we-ws > 16 {
		return 0, 0, false
	}
	var buf [16]byte
	c, ok := d.units[string(foldASCII(buf[:0], t[ws:we]))]
	return c, we, ok
}

// matches compares the pattern with the text at its place.
func (p pattern) matches(s string) bool {
	if p.exact {
		return s == p.text
	}
	return strings.EqualFold(s, p.text)
}

// boundaryAt reports whether a match of pat ending at end stops at a word
// boundary (patterns ending in punctuation need none).
func boundaryAt(t string, end int, pat string) bool {
	if !isWordByte(pat[len(pat)-1]) || end >= len(t) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t[end:])
	return !isWordRune(r)
}

// quoteSpans returns the quotations' spans sorted by start.
func quoteSpans(x *doc.Document) []doc.Span {
	if len(x.Quotes) == 0 {
		return nil
	}
	out := make([]doc.Span, len(x.Quotes))
	for i, q := range x.Quotes {
		out[i] = q.Span
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// inQuote reports whether m overlaps a quotation. Quotations hardly nest,
// so the one starting last before m's end is the one to check, along with
// a few before it.
func inQuote(quotes []doc.Span, m doc.Span) bool {
	i := sort.Search(len(quotes), func(i int) bool { return quotes[i].Start >= m.End })
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if quotes[j].Overlaps(m) {
			return true
		}
	}
	return false
}

// skipBullet skips a list marker ("-", "*", "•") and its space.
func skipBullet(t string, i, le int) int {
	for _, b := range []string{"- ", "* ", "• ", "· ", "– ", "— "} {
		if strings.HasPrefix(t[i:le], b) {
			i += len(b)
			for i < le && t[i] == ' ' {
				i++
			}
			return i
		}
	}
	return i
}

// skipNumber skips a step number ("1. ", "2) ").
func skipNumber(t string, i, le int) int {
	j := i
	for j < le && j-i < 3 && isDigit(t[j]) {
		j++
	}
	if j == i || j+1 >= le || (t[j] != '.' && t[j] != ')') || t[j+1] != ' ' {
		return i
	}
	j++
	for j < le && t[j] == ' ' {
		j++
	}
	return j
}

// endsSentence reports whether a line ends like a sentence.
func endsSentence(line string) bool {
	line = strings.TrimRight(line, " ")
	if line == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(line)
	switch r {
	case '.', '!', '?', '"', '\u201d', '\u2019', '\'':
		return true
	}
	return false
}

// nextWord finds the next word (letters, digits and marks) in s at or
// after i; ws is -1 when there is none. ASCII bytes take a table lookup,
// since this loop is most of Detect's time.
func nextWord(s string, i int) (ws, we int) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if wordASCII[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	if i >= len(s) {
		return -1, -1
	}
	ws = i
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !wordASCII[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return ws, i
}

// wordASCII marks the ASCII letters and digits.
var wordASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = isWordByte(byte(c))
	}
	return t
}()

const sieveBits = 4096

// sieveBit hashes a word's length and its first, second and last bytes,
// ASCII letters folded, into the sieve.
func sieveBit(w string) uint {
	h := uint(len(w))*131 + lowerByte(w[0])*31 + lowerByte(w[len(w)-1])
	if len(w) > 1 {
		h = h*17 + lowerByte(w[1])
	}
	return h % sieveBits
}

func lowerByte(c byte) uint {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return uint(c)
}

// foldASCII appends s to dst with ASCII letters lower-cased; other bytes
// are kept, so offsets do not move.
func foldASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWordByte(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// NotNews is Detect in the form the verdict stage takes.
func (d *Detector) NotNews(x *doc.Document) (bool, string, []doc.Evidence) {
	r := d.Detect(x)
	return r.NotNews, r.Reason, r.Evidence
}
