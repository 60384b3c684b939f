package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/internal/eval"
)

const evalUsage = `credence eval extraction [flags]

Scores article-body extraction exactly as the Zyte article-extraction
benchmark does (\w+ tokens, word 4-gram shingles with counts, per-page
precision and recall averaged over pages, F1 = 2PR/(P+R)).

Credence is run on every page in --pages and its cleaned text is scored
against --gold. With --reference, the outputs of the reference extractors in
that file are scored too, so the scorer can be checked against their
published figures.`

func cmdEval(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && isHelpFlag(args[0]) {
			fmt.Fprintln(stderr, evalGroupUsage)
			return nil
		}
		return usagef("eval: name what to evaluate: extraction, ner, attribution, headlines, claims, articles, findings or stories (see credence eval --help)")
	}
	switch args[0] {
	case "extraction":
		return cmdEvalExtraction(args[1:], stdout, stderr)
	case "ner":
		return cmdEvalNER(args[1:], stdout, stderr)
	case "attribution":
		return cmdEvalAttribution(args[1:], stdout, stderr)
	case "headlines":
		return cmdEvalHeadlines(args[1:], stdout, stderr)
	case "claims":
		return cmdEvalClaims(args[1:], stdout, stderr)
	case "articles":
		return cmdEvalArticles(args[1:], stdout, stderr)
	case "findings":
		return cmdEvalFindings(args[1:], stdout, stderr)
	case "stories":
		return cmdEvalStories(args[1:], stdout, stderr)
	}
	return usagef("eval: unknown evaluation %q (available: extraction, ner, attribution, headlines, claims, articles, findings, stories)", args[0])
}

func cmdEvalExtraction(args []string, stdout, stderr io.Writer) error {
	c := newCommand("eval extraction", evalUsage, stderr)
	pages := c.String("pages", "", "`DIR` of HTML pages named <id>.html (or .html.gz)")
	gold := c.String("gold", "", "ground-truth `FILE` ({id: {articleBody}})")
	ref := c.String("reference", "", "reference-outputs `FILE` ({extractor: {id: {articleBody}}}) to score as well")
	bootstrap := c.Int("bootstrap", 1000, "bootstrap resamples for the 95% intervals (0 turns them off)")
	seed := c.Int64("seed", 1, "random seed of the bootstrap")
	perPage := c.Int("worst", 0, "also list the N pages where Credence scores lowest")
	asJSON := c.Bool("json", false, "print the scores as JSON")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if *pages == "" || *gold == "" {
		return usagef("eval extraction: --pages and --gold are required")
	}
	if *bootstrap == 1 || *bootstrap < 0 {
		return usagef("eval extraction: --bootstrap must be 0 or at least 2")
	}
	goldBodies, err := eval.LoadZyteGold(*gold)
	if err != nil {
		return err
	}
	ids, err := eval.PageIDs(*pages)
	if err != nil {
		return err
	}

	type row struct {
		Name  string               `json:"name"`
		Score eval.ExtractionScore `json:"score"`
	}
	var rows []row
	if *ref != "" {
		refs, err := eval.LoadReferenceOutputs(*ref)
		if err != nil {
			return err
		}
		names := make([]string, 0, len(refs))
		for n := range refs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			s, err := eval.ScoreExtraction(goldBodies, refs[n], *bootstrap, *seed)
			if err != nil {
				return fmt.Errorf("scoring %s: %w", n, err)
			}
			rows = append(rows, row{n, s})
		}
	}

	pred, removals, failures := extractAll(*pages, ids)
	for _, f := range failures {
		fmt.Fprintf(stderr, "credence: page %s: %s\n", f[0], f[1])
	}
	s, err := eval.ScoreExtraction(goldBodies, pred, *bootstrap, *seed)
	if err != nil {
		return fmt.Errorf("scoring credence: %w", err)
	}
	rows = append(rows, row{"credence", s})

	if *asJSON {
		out := map[string]any{"pages": len(ids), "scores": rows, "removals_by_reason": removals, "failed_pages": len(failures)}
		for i := range rows {
			rows[i].Score.PerPage = nil
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(stdout, "%d pages", len(ids))
	if *bootstrap > 0 {
		fmt.Fprintf(stdout, "; ± is the 95%% bootstrap interval over pages (%d resamples, seed %d)", *bootstrap, *seed)
	}
	fmt.Fprintf(stdout, "\n%-16s %-18s %-18s %s\n", "extractor", "precision", "recall", "F1")
	cell := func(v, ci float64) string {
		if *bootstrap == 0 {
			return fmt.Sprintf("%-18.4f", v)
		}
		return fmt.Sprintf("%.4f ± %.3f     ", v, ci)
	}
	for _, r := range rows {
		line := fmt.Sprintf("%-16s %s %s %s", r.Name, cell(r.Score.Precision, r.Score.PrecisionCI),
			cell(r.Score.Recall, r.Score.RecallCI), cell(r.Score.F1, r.Score.F1CI))
		fmt.Fprintln(stdout, strings.TrimRight(line, " "))
	}
	if len(removals) > 0 {
		reasons := make([]string, 0, len(removals))
		for k := range removals {
			reasons = append(reasons, k)
		}
		sort.Strings(reasons)
		parts := make([]string, len(reasons))
		for i, k := range reasons {
			parts[i] = fmt.Sprintf("%s %d", k, removals[k])
		}
		fmt.Fprintf(stdout, "credence removed after extraction: %s\n", strings.Join(parts, ", "))
	}
	if len(failures) > 0 {
		fmt.Fprintf(stdout, "%d pages failed and were scored as empty\n", len(failures))
	}
	if *perPage > 0 {
		pp := append([]eval.PageScore(nil), s.PerPage...)
		sort.Slice(pp, func(i, j int) bool { return f1(pp[i]) < f1(pp[j]) })
		fmt.Fprintf(stdout, "\nlowest-scoring pages:\n")
		for _, p := range pp[:min(*perPage, len(pp))] {
			fmt.Fprintf(stdout, "  %s  P %.3f R %.3f F1 %.3f\n", p.ID, p.Precision, p.Recall, f1(p))
		}
	}
	return nil
}

func f1(p eval.PageScore) float64 {
	if p.Precision+p.Recall == 0 {
		return 0
	}
	return 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
}

// extractAll runs Credence on every page, in parallel, and returns the
// cleaned texts, the count of removals by reason, and the pages that failed
// (scored as empty, as the benchmark does for an extractor that returns
// nothing).
func extractAll(dir string, ids []string) (map[string]string, map[string]int, [][2]string) {
	type result struct {
		id, text string
		reasons  []string
		err      error
	}
	jobs := make(chan string)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				r := result{id: id}
				raw, err := eval.ReadPage(dir, id)
				if err == nil {
					d, derr := credence.Document(context.Background(), raw, credence.Options{Kind: "html"})
					if derr == nil {
						r.text = d.Text
						for _, rm := range d.Removed {
							r.reasons = append(r.reasons, string(rm.Reason))
						}
					}
					err = derr
				}
				r.err = err
				results <- r
			}
		}()
	}
	go func() {
		for _, id := range ids {
			jobs <- id
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pred := make(map[string]string, len(ids))
	removals := map[string]int{}
	var failures [][2]string
	for r := range results {
		pred[r.id] = r.text
		for _, reason := range r.reasons {
			removals[reason]++
		}
		if r.err != nil {
			failures = append(failures, [2]string{r.id, r.err.Error()})
		}
	}
	sort.Slice(failures, func(i, j int) bool { return failures[i][0] < failures[j][0] })
	return pred, removals, failures
}
