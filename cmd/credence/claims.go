package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/credence-news/credence/internal/checkworthy"
)

const trainClaimsUsage = `credence train claims [--data DIR] [--out FILE]

Trains the check-worthiness model (L2 logistic regression over hashed words
and fact cues; --l2, --min-count and --bigrams override the shipped
configuration) on ClaimBuster (claimbuster-2.5xncs.json in
--data) plus all CLEF-2019 CheckThat! training debates (clef2019-train.csv
in --data) and writes it to --out. With the default flags it reproduces the
shipped model byte for byte.`

const evalClaimsUsage = `credence eval claims --clef FILE.csv [flags]
       credence eval claims --news GOLD.jsonl[,GOLD.jsonl...] [flags]

Scores check-worthiness ranking on CLEF-2019 CheckThat! Task 1 debates:
average precision of each debate's ranking and their mean (MAP).

By default the evaluation is leave-one-debate-out: for every debate in
--clef, a model is trained on ClaimBuster (from --data) minus the sentences
that also occur in that debate (same normalised text or a shared word
6-gram), once alone and once with the other debates of --clef, and ranks the
held-out debate. With --loo=false the debates are ranked by the embedded
model (or --model) instead: use it only on debates the model was not
trained on, such as the CLEF test debates.

With --news, the model (embedded or --model) and the claims stage are
scored on news articles instead: the findings gold (testdata/findings
dev.jsonl and test.jsonl: check-worthy claims per article of --articles,
each an anchor in the title or text, with its mode). Every article's
headline and sentences are ranked; a sentence is relevant when it holds a
gold anchor. MAP is printed per source dataset (the model never trains on
news, so every dataset is unseen: leave-one-source-out), dev and test
apart; then precision, recall and F0.5 of the claims the stage lists, and
the share of listed gold claims whose mode matches the gold's. --sweep
also lists other thresholds on dev (the listing threshold is chosen there;
test is reported, never tuned on).`

const claimBusterFile = "claimbuster-2.5xncs.json"

func cmdTrainClaims(args []string, stdout, stderr io.Writer) error {
	c := newCommand("train claims", trainClaimsUsage, stderr)
	data := c.String("data", "../shared/datasets/claims", "`DIR` with "+claimBusterFile+" and clef2019-train.csv")
	out := c.String("out", "internal/checkworthy/model/claims.bin.gz", "model `FILE` to write")
	def := checkworthy.DefaultConfig()
	l2 := c.Float64("l2", def.L2, "L2 penalty (default: the shipped model's)")
	minCount := c.Int("min-count", def.MinCount, "drop word features of fewer training sentences (default: the shipped model's)")
	bigrams := c.Bool("bigrams", !def.NoBigrams, "train word-bigram features (default: the shipped model's)")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	cfg := def
	cfg.L2, cfg.MinCount, cfg.NoBigrams = *l2, *minCount, !*bigrams
	cb, err := checkworthy.ReadClaimBuster(filepath.Join(*data, claimBusterFile))
	if err != nil {
		return err
	}
	clef, err := checkworthy.ReadCLEF(filepath.Join(*data, "clef2019-train.csv"))
	if err != nil {
		return err
	}
	rows := append(cb, checkworthy.Examples(clef)...)
	if len(rows) == 0 {
		return fmt.Errorf("%s: no training sentences", *data)
	}
	start := time.Now()
	m := checkworthy.Train(rows, cfg)
	fmt.Fprintf(stdout, "trained on %d sentences (%d ClaimBuster, %d CLEF) in %.1fs\n", len(rows), len(cb), len(clef), time.Since(start).Seconds())
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, buf.Len())
	return nil
}

func cmdEvalClaims(args []string, stdout, stderr io.Writer) error {
	c := newCommand("eval claims", evalClaimsUsage, stderr)
	clefPath := c.String("clef", "", "CLEF-2019 Task 1 `FILE.csv` (line_number, speaker, text, label, file_name)")
	data := c.String("data", "../shared/datasets/claims", "`DIR` with "+claimBusterFile+" (leave-one-debate-out training)")
	loo := c.Bool("loo", true, "leave-one-debate-out: train a model per held-out debate")
	model := c.String("model", "", "with --loo=false or --news, model `FILE` (default: the embedded model)")
	news := c.String("news", "", "findings gold `FILES` (comma-separated JSONL) to score the model and stage on news")
	articles := c.String("articles", "../shared/datasets/articles/train.jsonl", "with --news, the articles `FILE` the gold's ids name")
	sweep := c.Bool("sweep", false, "with --news, also list the dev split at other listing thresholds")
	nested := c.Bool("nested", false, "nested leave-one-debate-out of the choice among checkworthy.Candidates (slow: about 2,000 trainings)")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if *news != "" {
		if *clefPath != "" {
			return usagef("eval claims: give --clef or --news, not both")
		}
		return evalClaimsNews(*news, *articles, *model, *sweep, stdout)
	}
	if *clefPath == "" {
		return usagef("eval claims: --clef or --news is required")
	}
	if *nested && !*loo {
		return usagef("eval claims: --nested needs --loo")
	}
	if *loo && *model != "" {
		return usagef("eval claims: --model needs --loo=false")
	}
	clef, err := checkworthy.ReadCLEF(*clefPath)
	if err != nil {
		return err
	}
	if len(clef) == 0 {
		return fmt.Errorf("%s: no sentences", *clefPath)
	}
	w := bufio.NewWriter(stdout)
	if !*loo {
		m, err := loadClaimsModel(*model)
		if err != nil {
			return err
		}
		names, by := checkworthy.Debates(clef)
		var res []checkworthy.DebateAP
		for _, n := range names {
			d := by[n]
			scores, labels := make([]float64, len(d)), make([]bool, len(d))
			pos := 0
			for i, s := range d {
				scores[i], _ = m.Score(s.Text)
				labels[i] = s.Label
				if s.Label {
					pos++
				}
			}
			res = append(res, checkworthy.DebateAP{Debate: n, Sentences: len(d), Positives: pos, AP: checkworthy.AveragePrecision(checkworthy.Rank(scores, labels))})
		}
		fmt.Fprintf(w, "%s: %d sentences, %d debates, ranked by the %s model\n\n", *clefPath, len(clef), len(names), modelName(*model))
		writeDebateAPs(w, res, nil)
		return w.Flush()
	}
	cb, err := checkworthy.ReadClaimBuster(filepath.Join(*data, claimBusterFile))
	if err != nil {
		return err
	}
	start := time.Now()
	if *nested {
		cfgs := checkworthy.Candidates()
		r := checkworthy.NestedLeaveOneDebateOut(cb, clef, cfgs, runtime.GOMAXPROCS(0))
		fmt.Fprintf(w, "%s: %d sentences, %d debates, nested leave-one-debate-out (%.0fs)\n", *clefPath, len(clef), len(r.Outer), time.Since(start).Seconds())
		fmt.Fprintln(w, "Per held-out debate, each configuration is scored by leave-one-debate-out on the other debates")
		fmt.Fprintln(w, "alone; the best is trained on all of them (ClaimBuster deduplicated, the other CLEF debates) and")
		fmt.Fprintln(w, "ranks the held-out debate. plain: a configuration's leave-one-debate-out MAP on all debates.")
		fmt.Fprintln(w)
		for k, c := range cfgs {
			fmt.Fprintf(w, "config %d: %-40s plain MAP %.4f\n", k, c.Describe(), r.Plain[k])
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "%-30s %9s %9s %8s %7s %8s\n", "debate", "sentences", "positives", "removed", "chosen", "AP")
		for d, x := range r.Outer {
			fmt.Fprintf(w, "%-30s %9d %9d %8d %7d %8.4f\n", x.Debate, x.Sentences, x.Positives, x.Removed, r.Chosen[d], x.AP)
		}
		fmt.Fprintf(w, "%-30s %9s %9s %8s %7s %8.4f\n", "nested MAP", "", "", "", "", checkworthy.MeanAP(r.Outer))
		return w.Flush()
	}
	alone := checkworthy.LeaveOneDebateOut(cb, clef, false, checkworthy.DefaultConfig())
	with := checkworthy.LeaveOneDebateOut(cb, clef, true, checkworthy.DefaultConfig())
	fmt.Fprintf(w, "%s: %d sentences, %d debates, leave-one-debate-out (%.1fs)\n", *clefPath, len(clef), len(alone), time.Since(start).Seconds())
	fmt.Fprintln(w, "AP1: trained on ClaimBuster; AP2: on ClaimBuster + the other debates;")
	fmt.Fprintln(w, "removed: ClaimBuster sentences dropped as duplicates of the held-out debate")
	fmt.Fprintln(w)
	writeDebateAPs(w, alone, with)
	return w.Flush()
}

func evalClaimsNews(news, articles, model string, sweep bool, stdout io.Writer) error {
	gold, err := readNewsGold(strings.Split(news, ","))
	if err != nil {
		return err
	}
	if len(gold) == 0 {
		return fmt.Errorf("%s: no gold articles", news)
	}
	arts, _, err := readArticles(articles)
	if err != nil {
		return err
	}
	byID := map[string]*labelled{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	m, err := loadClaimsModel(model)
	if err != nil {
		return err
	}
	scored, err := scoreNews(gold, byID, m)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	fmt.Fprintf(w, "%s: %d gold articles, ranked by the %s model\n\n", news, len(scored), modelName(model))
	writeNewsEval(w, scored, sweep)
	return w.Flush()
}

func modelName(file string) string {
	if file == "" {
		return "embedded"
	}
	return file
}

func writeDebateAPs(w io.Writer, a, b []checkworthy.DebateAP) {
	if b == nil {
		fmt.Fprintf(w, "%-30s %9s %9s %8s\n", "debate", "sentences", "positives", "AP")
		for _, x := range a {
			fmt.Fprintf(w, "%-30s %9d %9d %8.4f\n", x.Debate, x.Sentences, x.Positives, x.AP)
		}
		fmt.Fprintf(w, "%-30s %9s %9s %8.4f\n", "MAP", "", "", checkworthy.MeanAP(a))
		return
	}
	fmt.Fprintf(w, "%-30s %9s %9s %8s %8s %8s\n", "debate", "sentences", "positives", "removed", "AP1", "AP2")
	for i, x := range a {
		fmt.Fprintf(w, "%-30s %9d %9d %8d %8.4f %8.4f\n", x.Debate, x.Sentences, x.Positives, x.Removed, x.AP, b[i].AP)
	}
	fmt.Fprintf(w, "%-30s %9s %9s %8s %8.4f %8.4f\n", "MAP", "", "", "", checkworthy.MeanAP(a), checkworthy.MeanAP(b))
}

// loadClaimsModel returns the model in file, or the embedded one.
func loadClaimsModel(file string) (*checkworthy.Model, error) {
	return loadModelFile(file, checkworthy.Default, checkworthy.Load)
}
