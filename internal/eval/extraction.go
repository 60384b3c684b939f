// Package eval holds evaluation scorers for Credence components.
//
// # Article-body extraction (Zyte benchmark)
//
// The extraction scorer (extraction.go) reimplements the scoring of the Zyte article-extraction
// benchmark (github.com/scrapinghub/article-extraction-benchmark,
// evaluate.py) so that Go extractors can be scored on the benchmark's
// files without Python. The point estimates are bit-for-bit the ones
// evaluate.py computes:
//
//   - Text is tokenised like Python 3's re.findall(r'\w+', text): a word
//     character is a Unicode letter (Lu, Ll, Lt, Lm, Lo), a Unicode number
//     (Nd, Nl, No; i.e. str.isdecimal/isdigit/isnumeric) or '_'. Combining
//     marks (Mn, Mc, Me) are not word characters, so "नमस्ते" splits at its
//     vowel signs exactly as it does in Python. See Tokenize.
//   - Each text becomes a multiset of word 4-gram shingles; a text with 1–3
//     tokens gives a single shingle of those tokens and an empty text none.
//   - Per page, tp/fp/fn are the multiset intersection and differences of
//     the gold and predicted shingles, normalised to sum to 1 (when > 0).
//   - Precision is the mean per-page precision over pages with tp+fp > 0,
//     recall the mean per-page recall over pages with tp+fn > 0 (means are
//     computed exactly and rounded once, like Python's statistics.mean),
//     and F1 = 2PR/(P+R).
//   - The 95% confidence half-widths are 1.96 × the sample standard
//     deviation of the metric over bootstrap resamples of the pages.
//
// Differences from evaluate.py, all in cases where it raises or is
// non-deterministic:
//
//   - Bootstrap resampling uses a PCG generator seeded by the caller, so the
//     confidence intervals are reproducible (evaluate.py uses the unseeded
//     Python global RNG; its intervals differ from run to run anyway).
//   - F1 is 0 when P+R == 0 (evaluate.py raises ZeroDivisionError).
//   - Bootstrap resamples in which precision or recall is undefined (no page
//     with tp+fp > 0, resp. tp+fn > 0) are skipped and not counted
//     (evaluate.py would raise StatisticsError). When precision or recall is
//     undefined on the full set of pages, ScoreExtraction returns an error,
//     like evaluate.py.
//   - The Unicode tables are Go's (unicode.Version, 15.0.0 for Go 1.26),
//     which classify every code point exactly like CPython 3.12's \w.
//     Older Pythons (e.g. 3.11, Unicode 14) do not treat letters added in
//     later Unicode versions as word characters; 3.13 (Unicode 15.1) knows
//     some letters Go does not yet. This only matters for text using
//     recently encoded characters.
//
// The benchmark's files are read with LoadZyteGold, LoadZyteGoldPages,
// LoadZyteOutput, LoadReferenceOutputs, PageIDs, ReadPage and ReadPages.
// The development copy of the benchmark (86 pages) lives outside the
// repository, in the shared datasets (extraction/zyte-benchmark-dev).
package eval

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ShingleSize is the n of the word n-gram shingles used by the benchmark.
const ShingleSize = 4

// shingleSep joins the tokens of a shingle into a map key. It is not a word
// character, so it never occurs inside a token and keys are unambiguous.
const shingleSep = "\x00"

// PageScore is the score of one page. TP, FP and FN are normalised so that
// TP+FP+FN == 1, except for pages where both texts are empty (all zero).
// Precision and Recall are the per-page scores as defined by evaluate.py;
// Precision only counts towards the mean when TP+FP > 0 and Recall only
// when TP+FN > 0.
type PageScore struct {
	ID                string
	TP, FP, FN        float64
	Precision, Recall float64
}

// ExtractionScore is the benchmark score of an extractor over a set of
// pages. PrecisionCI, RecallCI and F1CI are the half-widths of the 95%
// bootstrap confidence intervals (zero when no bootstrap was requested);
// Bootstrap is the number of resamples they are computed from. PerPage is
// sorted by ID.
type ExtractionScore struct {
	Pages                       int
	Precision, Recall, F1       float64
	PrecisionCI, RecallCI, F1CI float64
	Bootstrap                   int
	PerPage                     []PageScore
}

// isWordRune reports whether r is matched by \w in a Python 3 str pattern:
// str.isalnum() (letters Lu/Ll/Lt/Lm/Lo; isdecimal/isdigit/isnumeric, which
// for code points means categories Nd/Nl/No) or '_'.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokenize splits text into maximal runs of word characters, like Python
// 3's re.findall(r'\w+', text). Tokens are substrings of text. Invalid
// UTF-8 bytes are treated as non-word characters.
func Tokenize(text string) []string {
	var tokens []string
	start := -1
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 {
				r = -1 // invalid byte: not a word character
			}
		}
		if r >= 0 && isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			tokens = append(tokens, text[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		tokens = append(tokens, text[start:])
	}
	return tokens
}

// Shingles returns the multiset of word n-gram shingles of text as
// evaluate.py's _all_shingles builds it: the n-grams of Tokenize(text); a
// text with 1..n-1 tokens gives one shingle of all its tokens, an empty
// text none. Keys are the tokens joined by "\x00". n must be positive.
func Shingles(text string, n int) map[string]int {
	return shingleCounts(Tokenize(text), n)
}

func shingleCounts(tokens []string, n int) map[string]int {
	if n < 1 {
		panic("eval: shingle size must be positive")
	}
	if len(tokens) == 0 {
		return map[string]int{}
	}
	count := max(1, len(tokens)-n+1)
	counts := make(map[string]int, count)
	var b strings.Builder
	for i := range count {
		b.Reset()
		for j, tok := range tokens[i:min(i+n, len(tokens))] {
			if j > 0 {
				b.WriteString(shingleSep)
			}
			b.WriteString(tok)
		}
		counts[b.String()]++
	}
	return counts
}

// MatchShingles computes evaluate.py's string_shingle_matching(true, pred):
// the normalised TP, FP and FN of the 4-gram shingles of pred against
// those of gold. Unless both texts are empty, tp+fp+fn == 1.
func MatchShingles(gold, pred string) (tp, fp, fn float64) {
	itp, ifp, ifn := matchCounts(gold, pred)
	tp, fp, fn = float64(itp), float64(ifp), float64(ifn)
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

// shingleKey identifies a shingle by the interned ids of its tokens; a
// shingle of fewer than ShingleSize tokens is padded with -1.
type shingleKey [ShingleSize]int32

// matchCounts returns the raw (unnormalised) shingle tp, fp and fn. It is
// equivalent to comparing Shingles(gold) and Shingles(pred) but interns
// tokens so that no per-shingle string is built.
func matchCounts(gold, pred string) (tp, fp, fn int) {
	intern := make(map[string]int32)
	ids := func(text string) []int32 {
		toks := Tokenize(text)
		out := make([]int32, len(toks))
		for i, t := range toks {
			id, ok := intern[t]
			if !ok {
				id = int32(len(intern))
				intern[t] = id
			}
			out[i] = id
		}
		return out
	}
	g, p := ids(gold), ids(pred)
	counts := make(map[shingleKey][2]int, max(len(g), len(p)))
	add := func(toks []int32, side int) {
		if len(toks) == 0 {
			return
		}
		for i := range max(1, len(toks)-ShingleSize+1) {
			k := shingleKey{-1, -1, -1, -1}
			copy(k[:], toks[i:min(i+ShingleSize, len(toks))])
			c := counts[k]
			c[side]++
			counts[k] = c
		}
	}
	add(g, 0)
	add(p, 1)
	for _, c := range counts {
		tp += min(c[0], c[1])
		fn += max(0, c[0]-c[1])
		fp += max(0, c[1]-c[0])
	}
	return tp, fp, fn
}

// PrecisionScore is evaluate.py's precision_score: 1 if fp == fn == 0, 0
// if tp == fp == 0, else tp/(tp+fp).
func PrecisionScore(tp, fp, fn float64) float64 {
	if fp == 0 && fn == 0 {
		return 1
	}
	if tp == 0 && fp == 0 {
		return 0
	}
	return tp / (tp + fp)
}

// RecallScore is evaluate.py's recall_score: 1 if fp == fn == 0, 0 if
// tp == fn == 0, else tp/(tp+fn).
func RecallScore(tp, fp, fn float64) float64 {
	if fp == 0 && fn == 0 {
		return 1
	}
	if tp == 0 && fn == 0 {
		return 0
	}
	return tp / (tp + fn)
}

// ErrIDMismatch is wrapped by the error ScoreExtraction returns when the
// predicted ids differ from the gold ids.
var ErrIDMismatch = errors.New("prediction ids do not match gold ids")

// ScoreExtraction scores predicted article bodies against gold ones (both
// keyed by page id) exactly like evaluate.py's evaluate(). As there, the two
// id sets must be equal; otherwise the error (wrapping ErrIDMismatch) tells
// how many ids are missing from pred and how many are extra, with an
// example of each. A missing body should be given as "" (evaluate.py treats
// a missing or null articleBody as empty).
//
// bootstrap is the number of bootstrap resamples for the confidence
// intervals (evaluate.py's default is 1000); 0 disables them, and 1 is
// rejected since a standard deviation needs two samples. seed makes the
// resampling deterministic.
func ScoreExtraction(gold, pred map[string]string, bootstrap int, seed int64) (ExtractionScore, error) {
	if err := checkIDs(gold, pred); err != nil {
		return ExtractionScore{}, err
	}
	if bootstrap < 0 || bootstrap == 1 {
		return ExtractionScore{}, fmt.Errorf("eval: bootstrap must be 0 or at least 2, got %d", bootstrap)
	}
	if len(gold) == 0 {
		return ExtractionScore{}, errors.New("eval: no pages to score")
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	pages := make([]PageScore, len(ids))
	for i, id := range ids {
		tp, fp, fn := MatchShingles(gold[id], pred[id])
		pages[i] = PageScore{
			ID: id, TP: tp, FP: fp, FN: fn,
			Precision: PrecisionScore(tp, fp, fn),
			Recall:    RecallScore(tp, fp, fn),
		}
	}
	m := new(meaner)
	p, r, f, ok := aggregate(pages, nil, m)
	if !ok {
		return ExtractionScore{}, errors.New("eval: precision or recall undefined: " +
			"no page has a non-empty prediction, or no page has a non-empty gold text")
	}
	res := ExtractionScore{Pages: len(pages), Precision: p, Recall: r, F1: f, PerPage: pages}
	if bootstrap == 0 {
		return res, nil
	}

	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	idx := make([]int, len(pages))
	var ps, rs, fs []float64
	for range bootstrap {
		for i := range idx {
			idx[i] = rng.IntN(len(pages))
		}
		if p, r, f, ok := aggregate(pages, idx, m); ok {
			ps, rs, fs = append(ps, p), append(rs, r), append(fs, f)
		}
	}
	res.Bootstrap = len(ps)
	if len(ps) >= 2 {
		res.PrecisionCI = 1.96 * stdev(ps)
		res.RecallCI = 1.96 * stdev(rs)
		res.F1CI = 1.96 * stdev(fs)
	}
	return res, nil
}

// checkIDs returns an error wrapping ErrIDMismatch unless gold and pred
// have the same keys.
func checkIDs(gold, pred map[string]string) error {
	var missing, extra []string
	for id := range gold {
		if _, ok := pred[id]; !ok {
			missing = append(missing, id)
		}
	}
	for id := range pred {
		if _, ok := gold[id]; !ok {
			extra = append(extra, id)
		}
	}
	if len(missing) == 0 && len(extra) == 0 {
		return nil
	}
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d gold ids missing from prediction (e.g. %q)",
			len(missing), len(gold), slices.Min(missing)))
	}
	if len(extra) > 0 {
		parts = append(parts, fmt.Sprintf("%d prediction ids not in gold (e.g. %q)",
			len(extra), slices.Min(extra)))
	}
	return fmt.Errorf("eval: %w: %s", ErrIDMismatch, strings.Join(parts, "; "))
}

// aggregate computes evaluate.py's metrics_from_tp_fp_fns over pages[idx]
// (all pages when idx is nil). ok is false when precision or recall has no
// eligible page.
func aggregate(pages []PageScore, idx []int, m *meaner) (p, r, f float64, ok bool) {
	n := len(pages)
	if idx != nil {
		n = len(idx)
	}
	m.reset()
	for i := range n {
		pg := &pages[i]
		if idx != nil {
			pg = &pages[idx[i]]
		}
		if pg.TP+pg.FP > 0 {
			m.add(0, pg.Precision)
		}
	}
	p, okP := m.mean(0)
	for i := range n {
		pg := &pages[i]
		if idx != nil {
			pg = &pages[idx[i]]
		}
		if pg.TP+pg.FN > 0 {
			m.add(1, pg.Recall)
		}
	}
	r, okR := m.mean(1)
	if !okP || !okR {
		return 0, 0, 0, false
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f, true
}

// meaner computes correctly rounded means of float64 values, like Python's
// statistics.mean, which sums exactly (as fractions) and rounds once. Every
// finite float64 is an integer multiple of 2^-1074, so the values are
// accumulated exactly as big integers in units of 2^-1074.
type meaner struct {
	sum   [2]big.Int
	n     [2]int
	tmp   big.Int
	denom big.Int
	q     big.Rat
}

func (m *meaner) reset() {
	for i := range m.sum {
		m.sum[i].SetInt64(0)
		m.n[i] = 0
	}
}

func (m *meaner) add(slot int, v float64) {
	if v == 0 {
		m.n[slot]++
		return
	}
	frac, exp := math.Frexp(v) // v = frac × 2^exp, 0.5 <= |frac| < 1
	mant := int64(math.Ldexp(frac, 53))
	shift := exp - 53 + 1074 // v = mant × 2^(exp-53) = (mant << shift) × 2^-1074
	m.tmp.SetInt64(mant)
	if shift >= 0 {
		m.tmp.Lsh(&m.tmp, uint(shift))
	} else {
		// Subnormal v: mant has -shift trailing zero bits.
		m.tmp.Rsh(&m.tmp, uint(-shift))
	}
	m.sum[slot].Add(&m.sum[slot], &m.tmp)
	m.n[slot]++
}

func (m *meaner) mean(slot int) (float64, bool) {
	if m.n[slot] == 0 {
		return 0, false
	}
	m.denom.SetInt64(int64(m.n[slot]))
	m.denom.Lsh(&m.denom, 1074)
	m.q.SetFrac(&m.sum[slot], &m.denom)
	f, _ := m.q.Float64()
	return f, true
}

// stdev is the sample standard deviation (n-1 denominator) of xs, len >= 2.
func stdev(xs []float64) float64 {
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss, comp float64
	for _, x := range xs {
		d := x - mean
		ss += d * d
		comp += d
	}
	ss -= comp * comp / float64(len(xs))
	return math.Sqrt(ss / float64(len(xs)-1))
}

// ZyteGoldPage is one entry of the benchmark's ground-truth.json.
type ZyteGoldPage struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// LoadZyteGoldPages reads the benchmark's ground-truth.json,
// {id: {"articleBody": ..., "url": ...}}. A missing or null articleBody is
// read as "".
func LoadZyteGoldPages(path string) (map[string]ZyteGoldPage, error) {
	var pages map[string]ZyteGoldPage
	if err := readJSON(path, &pages); err != nil {
		return nil, err
	}
	return pages, nil
}

// LoadZyteGold reads the benchmark's ground-truth.json and returns
// id -> articleBody.
func LoadZyteGold(path string) (map[string]string, error) {
	pages, err := LoadZyteGoldPages(path)
	if err != nil {
		return nil, err
	}
	gold := make(map[string]string, len(pages))
	for id, p := range pages {
		gold[id] = p.ArticleBody
	}
	return gold, nil
}

type bodyOnly struct {
	ArticleBody string `json:"articleBody"`
}

// LoadZyteOutput reads one extractor's output file in the benchmark's
// format (output/<name>.json: {id: {"articleBody": ...}}) and returns
// id -> articleBody. A missing or null articleBody is read as "".
func LoadZyteOutput(path string) (map[string]string, error) {
	var raw map[string]bodyOnly
	if err := readJSON(path, &raw); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(raw))
	for id, b := range raw {
		out[id] = b.ArticleBody
	}
	return out, nil
}

// LoadReferenceOutputs reads reference-outputs.json,
// {extractor: {id: {"articleBody": ...}}}, and returns
// extractor -> id -> articleBody.
func LoadReferenceOutputs(path string) (map[string]map[string]string, error) {
	var raw map[string]map[string]bodyOnly
	if err := readJSON(path, &raw); err != nil {
		return nil, err
	}
	out := make(map[string]map[string]string, len(raw))
	for name, pages := range raw {
		m := make(map[string]string, len(pages))
		for id, b := range pages {
			m[id] = b.ArticleBody
		}
		out[name] = m
	}
	return out, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("eval: parsing %s: %w", path, err)
	}
	return nil
}

// PageIDs lists the page ids in a benchmark html/ directory, sorted: the
// names of files "<id>.html" or "<id>.html.gz". An id present in both forms
// is an error. Other files and subdirectories are ignored.
func PageIDs(dir string) ([]string, error) {
	files, err := pageFiles(dir)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(files))
	for id := range files {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// ReadPage reads the HTML of page id from a benchmark html/ directory,
// from "<id>.html" or, failing that, "<id>.html.gz" (decompressed).
func ReadPage(dir, id string) ([]byte, error) {
	if id == "" || strings.ContainsAny(id, `/\`) {
		return nil, fmt.Errorf("eval: invalid page id %q", id)
	}
	path := filepath.Join(dir, id+".html")
	if _, err := os.Stat(path); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("eval: %w", err)
		}
		path += ".gz"
	}
	return readPageFile(path)
}

// ReadPages reads every page of a benchmark html/ directory (see PageIDs)
// and returns id -> HTML bytes, decompressing .html.gz files.
func ReadPages(dir string) (map[string][]byte, error) {
	files, err := pageFiles(dir)
	if err != nil {
		return nil, err
	}
	pages := make(map[string][]byte, len(files))
	for id, path := range files {
		data, err := readPageFile(path)
		if err != nil {
			return nil, err
		}
		pages[id] = data
	}
	return pages, nil
}

// pageFiles maps page id -> file path for the pages of dir.
func pageFiles(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	files := make(map[string]string, len(entries))
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		var id string
		switch {
		case strings.HasSuffix(name, ".html"):
			id = strings.TrimSuffix(name, ".html")
		case strings.HasSuffix(name, ".html.gz"):
			id = strings.TrimSuffix(name, ".html.gz")
		default:
			continue
		}
		if id == "" {
			continue
		}
		if prev, dup := files[id]; dup {
			return nil, fmt.Errorf("eval: page %q is stored twice in %s: %s and %s",
				id, dir, filepath.Base(prev), name)
		}
		files[id] = filepath.Join(dir, name)
	}
	return files, nil
}

func readPageFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("eval: %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("eval: reading %s: %w", path, err)
	}
	return data, nil
}
