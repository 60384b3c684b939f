// Package sourcesbuild builds the source-ratings table (package sources)
// from the research rating sets in ../shared/datasets/sources: research
// tooling behind `credence sources build`, not part of the analysis.
package sourcesbuild

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/credence-news/credence/internal/domain"
	"github.com/credence-news/credence/sources"
)

// pc1Decimals is how many decimals of pc1 the table keeps. The value is
// truncated, not rounded, so comparisons against thresholds with at most
// this many decimals (0.7, 0.4) give the same answer as on the full value.
const pc1Decimals = 3

// DatasetStats counts what Build did with one input file.
type DatasetStats struct {
	Entries    int // entries read
	Keys       int // distinct table keys they gave (rows this dataset rates)
	Invalid    int // entries without a usable host name, skipped
	Unlabelled int // entries without any label (empty or "unknown" types), skipped
	Duplicates int // entries that normalised to the key of another entry of the same file (tags merged, other values dropped)
}

// BuildStats summarises a Build.
type BuildStats struct {
	Rows     int // rows in the table
	Sections int // rows keyed by a site section ("domain/path")
	Datasets map[string]DatasetStats
}

// Build reads the source datasets in dir (see sources.Datasets for the files) and
// returns the merged table as deterministic gzip-compressed TSV: the output
// depends only on the input files (and on the Go version's compressor).
func Build(dir string) ([]byte, error) {
	b, _, err := BuildWithStats(dir)
	return b, err
}

// BuildWithStats is Build, also reporting what it did with each file.
//
// Keys are normalised as Normalize does. An entry whose URL keeps a path
// after dropping landing-page parts (index, index.html, home, Main_Page, a lone
// language or edition segment such as /en or /us) rates a section of a site
// rather than the whole site: it gets its own row keyed "host/path", which
// Lookup uses only for URLs under that path. When several entries of one
// file normalise to the same key, their tags are merged, and for pc1 and
// MBFC labels the entry that needed no normalisation wins ("yahoo.com"
// over "m.yahoo.com"), else the smallest raw string, else the first.
func BuildWithStats(dir string) ([]byte, *BuildStats, error) {
	rows := map[string]*buildRow{}
	stats := &BuildStats{Datasets: map[string]DatasetStats{}}
	readers := []struct {
		id   string
		read func(path string) ([]rawEntry, error)
	}{
		{sources.Lin2023, readLin},
		{sources.OpenSources, readOpenSources},
		{sources.BalyEMNLP18, readMBFC},
		{sources.BalyACL2020, readMBFC},
		{sources.FakeNewsCorpus, readFakeNewsCorpus},
	}
	for _, r := range readers {
		d := sources.Datasets[datasetIndex(r.id)]
		path := filepath.Join(dir, d.File)
		entries, err := r.read(path)
		if err != nil {
			return nil, nil, err
		}
		st := DatasetStats{Entries: len(entries)}
		chosen := map[string]rawEntry{}
		for _, e := range entries {
			if e.unlabelled {
				st.Unlabelled++
				continue
			}
			key, exact, ok := tableKey(e.raw)
			if !ok {
				st.Invalid++
				continue
			}
			e.exact = exact
			if prev, dup := chosen[key]; dup {
				st.Duplicates++
				tags := cleanTags(append(slices.Clone(prev.tags), e.tags...)...)
				if !better(e, prev) {
					e = prev
				}
				e.tags = tags
			}
			chosen[key] = e
		}
		st.Keys = len(chosen)
		stats.Datasets[r.id] = st
		for key, e := range chosen {
			row := rows[key]
			if row == nil {
				row = &buildRow{}
				rows[key] = row
			}
			row.datasets[datasetIndex(r.id)] = true
			switch r.id {
			case sources.Lin2023:
				row.pc1 = e.pc1
			case sources.OpenSources:
				row.openSources = e.tags
			case sources.BalyEMNLP18, sources.BalyACL2020:
				// acl2020 is read after emnlp18, so it wins when both rate a key.
				row.fact, row.bias, row.mbfcSource = e.fact, e.bias, r.id
			case sources.FakeNewsCorpus:
				row.fakeNews = e.tags
			}
		}
	}

	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
		if strings.IndexByte(k, '/') >= 0 {
			stats.Sections++
		}
	}
	slices.Sort(keys)
	stats.Rows = len(keys)

	var tsv bytes.Buffer
	writeHeader(&tsv)
	for _, k := range keys {
		r := rows[k]
		var ds []string
		for i, ok := range r.datasets {
			if ok {
				ds = append(ds, sources.Datasets[i].ID)
			}
		}
		fields := []string{k, r.pc1, strings.Join(r.openSources, "|"), r.fact, r.bias, r.mbfcSource,
			strings.Join(r.fakeNews, "|"), strings.Join(ds, "|")}
		tsv.WriteString(strings.Join(fields, "\t"))
		tsv.WriteByte('\n')
	}

	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, nil, err
	}
	// The zero gzip.Header: no name, no comment, modification time 0.
	if _, err := zw.Write(tsv.Bytes()); err != nil {
		return nil, nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	return out.Bytes(), stats, nil
}

func writeHeader(w *bytes.Buffer) {
	w.WriteString("# Credence news-source ratings: one row per domain (a few rows rate a site section, \"domain/path\").\n")
	w.WriteString("# Generated by `credence sources build` (internal/sourcesbuild) from the files below; do not edit by hand.\n")
	w.WriteString("# pc1: Lin et al. 2023 consensus quality in [0,1], truncated to " + strconv.Itoa(pc1Decimals) + " decimals. opensources, fakenewscorpus: tags, \"|\"-separated.\n")
	w.WriteString("# mbfc_factuality (high|mixed|low), mbfc_bias: Media Bias/Fact Check labels via mbfc_source (baly-acl2020 preferred to baly-emnlp18).\n")
	w.WriteString("# datasets: every source file that rates the row.\n")
	for _, d := range sources.Datasets {
		fmt.Fprintf(w, "# %s = %s: %s. Licence: %s.\n", d.ID, d.File, d.Citation, d.Licence)
	}
	w.WriteString(strings.Join(sources.Columns, "\t"))
	w.WriteByte('\n')
}

type buildRow struct {
	pc1         string
	openSources []string
	fact, bias  string
	mbfcSource  string
	fakeNews    []string
	datasets    [5]bool
}

// rawEntry is one entry of an input file.
type rawEntry struct {
	raw        string // the domain or URL as written
	pc1        string
	tags       []string
	fact, bias string
	unlabelled bool
	exact      bool // the raw form needed no normalisation
}

// better reports whether a should replace b for the same key.
func better(a, b rawEntry) bool {
	if a.exact != b.exact {
		return a.exact
	}
	return strings.ToLower(a.raw) < strings.ToLower(b.raw)
}

// tableKey normalises a domain or URL of an input file to its table key:
// the normalised host, plus the canonical path when the entry rates a
// section of a site. exact reports that nothing but case, a trailing slash
// or a scheme had to change.
func tableKey(raw string) (key string, exact, ok bool) {
	host, path := domain.Split(raw)
	if host == "" {
		return "", false, false
	}
	canon := canonicalPath(path)
	key = host + canon
	bare := strings.ToLower(strings.TrimSpace(raw))
	if i := strings.Index(bare, "://"); i >= 0 {
		bare = bare[i+3:]
	}
	exact = strings.TrimRight(bare, "/") == key
	return key, exact, true
}

// canonicalPath reduces a URL path to the section it names: "" for the
// whole site. Landing-page segments are dropped from the end (index, index.*,
// default.*, home, home.*, main_page, amp), then a lone language or edition
// segment (en, english, us, uk, intl, international, ushome, h, wiki).
func canonicalPath(p string) string {
	var segs []string
	for s := range strings.SplitSeq(p, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	for len(segs) > 0 && isLandingSegment(segs[len(segs)-1]) {
		segs = segs[:len(segs)-1]
	}
	if len(segs) == 1 && editionSegments[segs[0]] {
		segs = nil
	}
	if len(segs) == 0 {
		return ""
	}
	return "/" + strings.Join(segs, "/")
}

func isLandingSegment(s string) bool {
	switch s {
	case "index", "home", "main_page", "amp":
		return true
	}
	return strings.HasPrefix(s, "index.") || strings.HasPrefix(s, "default.") || strings.HasPrefix(s, "home.")
}

var editionSegments = map[string]bool{
	"en": true, "english": true, "us": true, "uk": true, "intl": true,
	"international": true, "ushome": true, "h": true, "wiki": true,
}

// tagAliases fixes the spelling variants found in sources.OpenSources.
var tagAliases = map[string]string{
	"fake news":   "fake",
	"unrealiable": "unreliable",
	"satirical":   "satire",
}

// cleanTags trims, lower-cases, fixes known misspellings, drops empty and
// "unknown" tags, and sorts and de-duplicates the rest.
func cleanTags(raw ...string) []string {
	var tags []string
	for _, t := range raw {
		t = strings.ToLower(strings.TrimSpace(t))
		if a, ok := tagAliases[t]; ok {
			t = a
		}
		if t == "" || t == "unknown" {
			continue
		}
		tags = append(tags, t)
	}
	slices.Sort(tags)
	return slices.Compact(tags)
}

func readLin(path string) ([]rawEntry, error) {
	recs, col, err := readCSV(path, ',', "domain", "pc1")
	if err != nil {
		return nil, err
	}
	var out []rawEntry
	for i, rec := range recs {
		s := strings.TrimSpace(rec[col["pc1"]])
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 || v > 1 {
			return nil, fmt.Errorf("%s: line %d: pc1 %q is not a number in [0,1]", path, i+2, s)
		}
		out = append(out, rawEntry{raw: rec[col["domain"]], pc1: truncateDecimal(s, v, pc1Decimals)})
	}
	return out, nil
}

// truncateDecimal cuts the decimal s (whose value is v) to n decimals,
// without rounding and without trailing zeros.
func truncateDecimal(s string, v float64, n int) string {
	if strings.ContainsAny(s, "eE+") || strings.HasPrefix(s, ".") {
		s = strconv.FormatFloat(v, 'f', -1, 64)
	}
	if dot := strings.IndexByte(s, '.'); dot >= 0 {
		if len(s) > dot+1+n {
			s = s[:dot+1+n]
		}
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	if s == "" || s == "-0" {
		s = "0"
	}
	return s
}

func readOpenSources(path string) ([]rawEntry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	var m map[string]struct {
		Type  string `json:"type"`
		Type2 string `json:"2nd type"`
		Type3 string `json:"3rd type"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	out := make([]rawEntry, 0, len(m))
	for domain, v := range m {
		tags := cleanTags(v.Type, v.Type2, v.Type3)
		out = append(out, rawEntry{raw: domain, tags: tags, unlabelled: len(tags) == 0})
	}
	// Map order is random; the choice among duplicates must not be.
	slices.SortFunc(out, func(a, b rawEntry) int { return strings.Compare(a.raw, b.raw) })
	return out, nil
}

func readMBFC(path string) ([]rawEntry, error) {
	recs, col, err := readCSV(path, '\t', "source_url", "fact", "bias")
	if err != nil {
		return nil, err
	}
	var out []rawEntry
	for i, rec := range recs {
		fact := strings.ToLower(strings.TrimSpace(rec[col["fact"]]))
		switch fact {
		case "high", "mixed", "low":
		default:
			return nil, fmt.Errorf("%s: line %d: fact %q is not high, mixed or low", path, i+2, fact)
		}
		bias := strings.ToLower(strings.TrimSpace(rec[col["bias"]]))
		out = append(out, rawEntry{raw: rec[col["source_url"]], fact: fact, bias: bias})
	}
	return out, nil
}

func readFakeNewsCorpus(path string) ([]rawEntry, error) {
	recs, col, err := readCSV(path, ',', "url", "type", "2nd_type", "3rd_type")
	if err != nil {
		return nil, err
	}
	var out []rawEntry
	for _, rec := range recs {
		tags := cleanTags(rec[col["type"]], rec[col["2nd_type"]], rec[col["3rd_type"]])
		out = append(out, rawEntry{raw: rec[col["url"]], tags: tags, unlabelled: len(tags) == 0})
	}
	return out, nil
}

// readCSV reads a delimited file with a header row that must name want
// (other sources.Columns are ignored) and returns the data rows and the column
// index of each wanted name.
func readCSV(path string, comma rune, want ...string) ([][]string, map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = comma
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, nil, fmt.Errorf("%s: empty file", path)
		}
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, w := range want {
		if _, ok := col[w]; !ok {
			return nil, nil, fmt.Errorf("%s: no %q column in the header", path, w)
		}
	}
	recs, err := r.ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	return recs, col, nil
}

// unwrapPath drops the *os.PathError wrapper whose path the caller names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// datasetIndex is the position of the rating set id in sources.Datasets.
func datasetIndex(id string) int {
	return slices.IndexFunc(sources.Datasets, func(d sources.Dataset) bool { return d.ID == id })
}
