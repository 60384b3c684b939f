package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/fnv1a"
	"github.com/credence-news/credence/internal/signals"
)

const trainSignalsUsage = `credence train signals [--data FILE] [--out FILE] [--reference-only] [--audit FILE]

Trains everything the signals and claims stages use, with the defaults of
their own commands: the clickbait and satire headline models (credence
train headlines), the check-worthiness model (credence train claims), and
then the reference distributions that place each signal among reliable
reporting ("speculation: 97th percentile of reliable reporting"): every
article labelled "reliable" in --data is analysed, and each signal's values
are written, sorted, to --out (embedded in the binary). It also prints the
precision of the hedge and sensational word lists. All of it is
deterministic: run from the repository root, it reproduces the shipped
files.

--audit FILE writes a fixed sample of hits per list (--audit-size, 40) on
the reliable articles, with their context, for judging by hand: the share of hits that
really are the writer's hedging or sensational language is the lists'
precision as a lint's. internal/signals/data/list-audit.tsv holds the judged sample
of the shipped lists (without the context, which quotes the articles:
--audit prints it again; line is the article's line in --data, start the
hit's offset in its cleaned text).`

func cmdTrainSignals(args []string, stdout, stderr io.Writer) error {
	c := newCommand("train signals", trainSignalsUsage, stderr)
	data := c.String("data", "../shared/datasets/articles/train.jsonl", "JSONL `FILE` of labelled articles ({\"label\",\"title\",\"text\"})")
	out := c.String("out", "internal/signals/data/reference.tsv", "reference `FILE` to write")
	refOnly := c.Bool("reference-only", false, "build only the reference distributions, not the headline and claims models")
	audit := c.String("audit", "", "write a sample of the lists' hits on reliable articles to `FILE`, for judging by hand")
	auditSize := c.Int("audit-size", 40, "hits per list in the --audit sample (the first N in a fixed order, so a larger N extends a smaller one)")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if *auditSize < 1 {
		return usagef("train signals: --audit-size must be at least 1, not %d", *auditSize)
	}
	if !*refOnly {
		if err := cmdTrainHeadlines(nil, stdout, stderr); err != nil {
			return err
		}
		if err := cmdTrainClaims(nil, stdout, stderr); err != nil {
			return err
		}
	}
	values, n, prec, err := referenceValues(*data)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s: no article labelled \"reliable\"", *data)
	}
	if err := writeFileAtomic(*out, signals.BuildReference(values, "the reliable articles of ../shared/datasets/articles/train.jsonl")); err != nil {
		return err
	}
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	fmt.Fprintf(stdout, "wrote %s: %d reliable articles, %d signals\n", *out, n, len(ids))
	for _, id := range ids {
		xs := append([]float64(nil), values[id]...)
		sort.Float64s(xs)
		fmt.Fprintf(stdout, "  %-20s median %.3g  90th %.3g\n", id, xs[len(xs)/2], xs[len(xs)*9/10])
	}
	prec.write(stdout)
	if *audit != "" {
		if err := writeFileAtomic(*audit, prec.auditSample(*auditSize)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s: a sample of each list's hits on reliable articles\n", *audit)
	}
	return nil
}

// listPrecision measures each word list as a lint would: how often its
// hits come from unreliable rather than reliable articles, rate per 1,000
// words in each class, so that a term firing on ordinary reporting shows up
// as noise.
type listPrecision struct {
	words map[string]float64            // class -> words analysed
	hits  map[string]map[string]float64 // list -> class -> hits
	terms map[string]map[string][2]float64
	// reliable holds every hit on a reliable article, for the audit sample.
	reliable []auditHit
}

// auditHit is one hit of a list on a reliable article.
type auditHit struct {
	list, note, hit, context string
	line, start              int
}

// auditSample returns n hits of each list, chosen by a hash of their
// article line and offset (a fixed, spread-out sample), as TSV with an
// empty column for the judgement.
func (lp *listPrecision) auditSample(n int) []byte {
	key := func(h auditHit) uint64 { return fnv1a.Hash64(fmt.Sprintf("%s:%d:%d", h.list, h.line, h.start)) }
	hits := append([]auditHit(nil), lp.reliable...)
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].list != hits[j].list {
			return hits[i].list < hits[j].list
		}
		return key(hits[i]) < key(hits[j])
	})
	var b strings.Builder
	b.WriteString("list\tjudgement\tnote\thit\tline\tstart\tcontext\n")
	taken := map[string]int{}
	for _, h := range hits {
		if taken[h.list] == n {
			continue
		}
		taken[h.list]++
		fmt.Fprintf(&b, "%s\t\t%s\t%s\t%d\t%d\t%s\n", h.list, h.note, h.hit, h.line, h.start, h.context)
	}
	return []byte(b.String())
}

func newListPrecision() *listPrecision {
	return &listPrecision{words: map[string]float64{}, hits: map[string]map[string]float64{}, terms: map[string]map[string][2]float64{}}
}

func (lp *listPrecision) add(class string, words int, list string, evidence []string) {
	if lp.hits[list] == nil {
		lp.hits[list] = map[string]float64{}
		lp.terms[list] = map[string][2]float64{}
	}
	for _, e := range evidence {
		lp.hits[list][class]++
		t := lp.terms[list][e]
		if class == "reliable" {
			t[0]++
		} else {
			t[1]++
		}
		lp.terms[list][e] = t
	}
}

func (lp *listPrecision) write(w io.Writer) {
	rel, unrel := lp.words["reliable"], lp.words["unreliable"]
	if rel == 0 || unrel == 0 {
		return
	}
	fmt.Fprintf(w, "list precision (share of hits from unreliable articles, rates per 1,000 words; %0.f reliable and %0.f unreliable words):\n", rel, unrel)
	lists := make([]string, 0, len(lp.hits))
	for l := range lp.hits {
		lists = append(lists, l)
	}
	sort.Strings(lists)
	for _, l := range lists {
		r, u := lp.hits[l]["reliable"]*1000/rel, lp.hits[l]["unreliable"]*1000/unrel
		fmt.Fprintf(w, "  %-12s precision %.2f  (reliable %.2f, unreliable %.2f per 1,000 words)\n", l, u/(r+u), r, u)
		type term struct {
			t    string
			r, u float64
		}
		var ts []term
		for t, c := range lp.terms[l] {
			ts = append(ts, term{t, c[0] * 1000 / rel, c[1] * 1000 / unrel})
		}
		sort.Slice(ts, func(i, j int) bool {
			if ts[i].r != ts[j].r {
				return ts[i].r > ts[j].r
			}
			return ts[i].t < ts[j].t
		})
		var noisy []string
		for _, t := range ts[:min(6, len(ts))] {
			noisy = append(noisy, fmt.Sprintf("%s %.2f/%.2f", t.t, t.r, t.u))
		}
		fmt.Fprintf(w, "    most frequent on reliable copy (reliable/unreliable per 1,000 words): %s\n", strings.Join(noisy, ", "))
	}
}

// auditContext is the hit with up to 60 bytes each side, on one line, the
// hit in brackets.
func auditContext(text string, start, end int) string {
	a, b := max(0, start-60), min(len(text), end+60)
	for a > 0 && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	r := strings.NewReplacer("\n", " | ", "\t", " ")
	return r.Replace(text[a:start]) + "[" + r.Replace(text[start:end]) + "]" + r.Replace(text[end:b])
}

// referenceValues analyses the articles of a JSONL file, collects each
// signal's values on the reliable ones, and measures the word lists'
// precision on all of them.
func referenceValues(path string) (map[string][]float64, int, *listPrecision, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("cannot read %s: %v", path, shortPathError(err))
	}
	defer f.Close()
	values := map[string][]float64{}
	prec := newListPrecision()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		var rec struct {
			Label, Title, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, 0, nil, fmt.Errorf("%s line %d: %v", path, line, err)
		}
		d, err := credence.Document(context.Background(), []byte(rec.Text), credence.Options{Kind: "text", Title: rec.Title})
		if err != nil {
			if credence.IsInputError(err) {
				continue // an empty or junk-only article has no signals to learn from
			}
			return nil, 0, nil, fmt.Errorf("%s line %d: %v", path, line, err)
		}
		class := "unreliable"
		if rec.Label == "reliable" {
			class = "reliable"
		}
		words := 0
		for _, t := range d.Tokens {
			if t.Kind == doc.TokWord || t.Kind == doc.TokNumber {
				words++
			}
		}
		prec.words[class] += float64(words)
		for _, s := range d.Signals {
			switch s.ID {
			case "speculation", "sensational":
				var ev []string
				for _, e := range s.Evidence {
					ev = append(ev, strings.ToLower(d.Text[e.Start:e.End]))
				}
				name := map[string]string{"speculation": "hedges", "sensational": "sensational"}[string(s.ID)]
				prec.add(class, words, name, ev)
				if class == "reliable" {
					for _, e := range s.Evidence {
						prec.reliable = append(prec.reliable, auditHit{name, e.Note, d.Text[e.Start:e.End], auditContext(d.Text, e.Start, e.End), line, e.Start})
					}
				}
			}
		}
		if class != "reliable" {
			continue
		}
		n++
		for _, s := range d.Signals {
			values[string(s.ID)] = append(values[string(s.ID)], s.Value)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, 0, nil, fmt.Errorf("reading %s: %v", path, err)
	}
	return values, n, prec, nil
}
