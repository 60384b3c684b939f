package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/eval"
	"github.com/credence-news/credence/internal/verdict"
)

const evalArticlesUsage = `credence eval articles --data FILE [--cv loco,sites] [--json FILE] [--folds-out FILE] [--predictions FILE] [--extra-train FILE]

Scores the verdict on labelled articles (JSONL: id, dataset, label
reliable|fake|satire, title, text, url, domain), per corpus (the dataset
field): accuracy, macro-F1 over the classes present, per-class precision,
recall and F1, ROC-AUC of P(reliable) for reliable against the rest, the
expected calibration error of P(reliable) (10 bins) and the abstention
rate, for the text alone and with the site ratings.

Without --cv it scores the shipped model: on the file it was trained on,
those figures are in-sample. With --cv it scores the method instead:
leave-one-corpus-out (loco) and site-disjoint (sites) cross-validation,
each fold's model trained, tuned and calibrated without that fold, beside
a TF-IDF + logistic regression baseline on the same folds. --folds-out
writes each article's folds for bench/verdict/tfidf_lr.py; --predictions
writes every held-out prediction; --extra-train FILE adds other labelled
articles to the training side of every fold (never scored), to see whether
more data helps.`

func cmdEvalArticles(args []string, stdout, stderr io.Writer) error {
	c := newCommand("eval articles", evalArticlesUsage, stderr)
	data := c.String("data", "../shared/datasets/articles/train.jsonl", "labelled articles `FILE` (JSONL)")
	cv := c.String("cv", "", "cross-validate with these `SCHEMES` (loco, sites; comma-separated) instead of scoring the shipped model")
	jsonOut := c.String("json", "", "also write every figure as JSON to `FILE`")
	foldsOut := c.String("folds-out", "", "write each article's folds to `FILE` (JSONL)")
	predsOut := c.String("predictions", "", "with --cv, write every held-out prediction to `FILE` (JSONL), for error analysis")
	extraTrain := c.String("extra-train", "", "with --cv, add the labelled articles of `FILE` to the training side of every fold (never scored; on the site folds, only those of other sites)")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	var schemes []string
	if *cv != "" {
		for _, s := range strings.Split(*cv, ",") {
			if s != "loco" && s != "sites" {
				return usagef("eval articles: --cv takes loco and sites, not %q", s)
			}
			schemes = append(schemes, s)
		}
	}
	arts, info, err := loadAnalysed(*data, stderr)
	if err != nil {
		return err
	}
	if *foldsOut != "" {
		if err := writeFolds(*foldsOut, arts); err != nil {
			return err
		}
	}
	if len(schemes) == 0 {
		return evalShipped(analysed(arts), *jsonOut, stdout)
	}
	var extra []*labelled
	if *extraTrain != "" {
		if extra, _, err = loadAnalysed(*extraTrain, stderr); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "adding %d articles of %s to the training side of every fold\n", len(analysed(extra)), *extraTrain)
	}
	var all []*foldResult
	for _, s := range schemes {
		fmt.Fprintf(stderr, "cross-validating: %s\n", s)
		all = append(all, crossValidate(arts, extra, s, info)...)
	}
	fmt.Fprint(stdout, cvTable(all))
	if *predsOut != "" {
		if err := writePredictions(*predsOut, all); err != nil {
			return err
		}
	}
	if *jsonOut != "" {
		return writeCVJSON(*jsonOut, all)
	}
	return nil
}

// evalShipped scores the shipped analyzer's verdict per corpus.
// arts are the analysed articles.
func evalShipped(arts []*labelled, jsonOut string, stdout io.Writer) error {
	text, site, err := shippedPredictions(arts)
	if err != nil {
		return err
	}
	corpora := map[string][]int{}
	var names []string
	for i, a := range arts {
		if corpora[a.Dataset] == nil {
			names = append(names, a.Dataset)
		}
		corpora[a.Dataset] = append(corpora[a.Dataset], i)
	}
	sort.Strings(names)
	names = append(names, "all")
	for i := range arts {
		corpora["all"] = append(corpora["all"], i)
	}
	type row struct {
		Corpus string             `json:"corpus"`
		Text   eval.ArticleScores `json:"text_only"`
		Site   eval.ArticleScores `json:"with_site"`
	}
	var rows []row
	fmt.Fprintln(stdout, "| corpus | n | accuracy text | macro-F1 text | macro-F1 with site | AUC text | AUC with site | ECE text | ECE with site | abstained |")
	fmt.Fprintln(stdout, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, n := range names {
		var t, s []eval.ArticlePrediction
		for _, i := range corpora[n] {
			t, s = append(t, text[i]), append(s, site[i])
		}
		r := row{n, eval.ScoreArticles(t), eval.ScoreArticles(s)}
		rows = append(rows, r)
		fmt.Fprintf(stdout, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %.1f%% |\n", n, r.Text.N, f3(r.Text.Accuracy), f3(r.Text.MacroF1), f3(r.Site.MacroF1),
			f3(r.Text.AUC), f3(r.Site.AUC), f3(r.Text.ECE), f3(r.Site.ECE), 100*r.Text.Abstention)
	}
	fmt.Fprintln(stdout, "\nPer class, text only (precision / recall / F1, support):\n\n| corpus | reliable | fake | satire |\n|---|---|---|---|")
	for _, r := range rows {
		fmt.Fprintf(stdout, "| %s |", r.Corpus)
		for _, c := range eval.ArticleClasses {
			p := r.Text.PerClass[c]
			fmt.Fprintf(stdout, " %s / %s / %s (%d) |", f3(p.P), f3(p.R), f3(p.F1), p.Support)
		}
		fmt.Fprintln(stdout)
	}
	if jsonOut != "" {
		return writeJSONFile(jsonOut, rows)
	}
	return nil
}

// shippedPredictions runs the shipped verdict model on every analysed article: the
// text-only predictions ignore every rating, the others add the site's
// and the cited outlets'.
func shippedPredictions(arts []*labelled) (text, site []eval.ArticlePrediction, err error) {
	m, err := verdict.Open(datafile.Shipped())
	if err != nil {
		return nil, nil, err
	}
	for _, a := range arts {
		p := m.Predict(a.f)
		abst := m.Abstain(a.facts, a.f, p) != ""
		var tp, sp [3]float64
		tp[0], tp[1], tp[2] = p.Probabilities(false)
		sp[0], sp[1], sp[2] = p.Probabilities(true)
		text = append(text, eval.ArticlePrediction{Gold: a.Label, P: tp, Abstained: abst})
		site = append(site, eval.ArticlePrediction{Gold: a.Label, P: sp, Abstained: abst})
	}
	return text, site, nil
}

func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(b, '\n'))
}

// writePredictions writes each fold's held-out predictions, one article a
// line: its id, corpus, gold label, fold, and the three models'
// probabilities (reliable, fake, satire).
func writePredictions(path string, rs []*foldResult) error {
	var b strings.Builder
	for _, r := range rs {
		for i, a := range r.Arts {
			line, err := json.Marshal(map[string]any{"id": a.ID, "dataset": a.Dataset, "label": a.Label, "scheme": r.Scheme, "fold": r.Fold,
				"text": r.Text[i].P, "with_site": r.Site[i].P, "baseline": r.Baseline[i].P, "abstained": r.Text[i].Abstained})
			if err != nil {
				return err
			}
			b.Write(line)
			b.WriteByte('\n')
		}
	}
	return writeFileAtomic(path, []byte(b.String()))
}
