package main

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/genre"
	"github.com/credence-news/credence/internal/verdict"
)

// shippedGenre is the not-news detector the shipped analyzer uses, for
// the abstention figures of training and evaluation.
func shippedGenre() verdict.Genre {
	g, err := genre.Open(datafile.Shipped())
	if err != nil {
		panic("the shipped genre cues do not load: " + err.Error())
	}
	return g.NotNews
}

// modelCard writes the verdict model's card: what it was trained on, how
// it was validated, every figure, and what it is not.
func modelCard(m *verdict.Model, arts []*labelled, rs []*foldResult, table, diagram string) string {
	var b strings.Builder
	byCorpus := map[string]map[string]int{}
	var corpora []string
	failed := 0
	for _, a := range arts {
		if byCorpus[a.Dataset] == nil {
			byCorpus[a.Dataset] = map[string]int{}
			corpora = append(corpora, a.Dataset)
		}
		byCorpus[a.Dataset][a.Label]++
		if a.f == nil {
			failed++
		}
	}
	sort.Strings(corpora)
	b.WriteString(`# Model card: the verdict (verdict.bin.gz)

Written by ` + "`credence train verdict`" + `; do not edit by hand. Rerun it from the
repository root to rebuild this card, the model and the reliability diagram
(deterministic: the same data give the same bytes).

## What it does

Two logistic heads over the same features: **P(reliable)** against fake and
satire, and **P(satire)** among the articles that are not reliable, so
P(fake) = (1 − P(reliable)) · (1 − P(satire | not reliable)). The credibility
score is a scorecard over the calibrated log-odds of reliable:
score = 50 + 10 · ln(odds), kept within 0–100 (about 7 points double the
odds), with bands high ≥ 70, mixed 50–69, low 30–49, very low < 30. Every
report lists the contributions, which add up exactly to score − baseline.

Features:
- **dense**: the ` + fmt.Sprint(len(verdict.DenseFeatures)) + ` interpretable figures of the earlier layers (each signal,
  the make-up of the sourcing, how claims are made), log-scaled where they are
  rates or counts and standardised on the training articles;
- **hashed**: word 1–2-grams of the body, title words, character 4-grams of
  the article's distinct words; 2^18 + 2^17 signed buckets, log counts, unit
  length per block;
- **reputation** (added to the calibrated text log-odds, so that the text part
  stands alone): the article's own site rating on −1 (unreliable or satire) /
  0 (mixed) / +1 (reliable), the mean rating of the outlets it relies on, and
  whether the site is listed as satire (for the satire head).

Training: L2-regularised logistic regression by AdaGrad SGD in a fixed order,
stagewise: the dense features and the intercept first (20 epochs), then the
n-grams on what those leave unexplained, with them frozen (20 epochs), so
that the interpretable figures get the credit they can carry. Each dense
weight of the reliable head is kept on the side of zero its meaning gives
(more speculation can only lower the score, more named sourcing only raise
it; readability and hedging inside sources' words may not move it): the
corpora carry artefacts that would otherwise teach, say, that fewer scare
quotes lower it. The L2 strength is chosen among 1e-4, 1e-3 and 1e-2 by
5-fold cross-validation inside the training articles (folds by site or
item), Platt scaling is fitted on that cross-validation's out-of-fold logits,
and the reputation weights on the calibrated out-of-fold log-odds. Each
outer fold's model below is trained, tuned and calibrated without it.

## Data

`)
	fmt.Fprintf(&b, "`%s` (SHA-256 `%s`), %d articles. %d of them have no text (all fake): they are left out of training and of every score below, for the baseline too, since scoring them would reward whichever model learns that an empty text is fake.\n\n", m.Trained.Data, m.Trained.SHA256, len(arts), failed)
	b.WriteString("| corpus | reliable | fake | satire |\n|---|--:|--:|--:|\n")
	for _, c := range corpora {
		fmt.Fprintf(&b, "| %s | %d | %d | %d |\n", c, byCorpus[c]["reliable"], byCorpus[c]["fake"], byCorpus[c]["satire"])
	}
	b.WriteString(`
Labels are the corpora's own (legit/real → reliable). Only golbeck2018 has
satire, and it has no reliable articles; only golbeck2018 and
fakenewsnet-v1/buzzfeed have sites (440 articles), so the site-rating weights
rest on those. ` + "`coaid.jsonl`" + ` is not used: its reliable articles are health
agencies' pages, so it teaches the source, not the writing.

Licences: the corpora are research releases (Pérez-Rosas et al. 2018; Horne &
Adali 2017; Shu et al., FakeNewsNet; Golbeck et al. 2018; see
` + "`../shared/datasets/README.md`" + `). The model holds hashed weights, not text.

## Validation

Two schemes, each beside the baseline of the same folds in the same run: a
TF-IDF word 1–2-gram + multinomial logistic regression (C = 1), as
scikit-learn's defaults build it (` + "`bench/verdict/tfidf_lr.py`" + ` runs scikit-learn
itself on the same folds).
- **leave one corpus out** (loco): train on four corpora, score the fifth;
- **site-disjoint** (sites): five folds by a hash of the site (the registrable
  domain); articles without a site are grouped by FakeNewsAMT pair, else
  alone, so for the three corpora without sites these folds are by article.

Macro-F1 averages the F1 of the classes present in the fold (a fold without
satire averages reliable and fake). "text" is the model without any rating;
"with site" adds the site and cited-outlet ratings. ECE: expected calibration
error of P(reliable), 10 equal bins. AUC: ROC area of P(reliable), reliable
against the rest. "abstained": share of articles the verdict would not judge
(too short, not news, too unlike the training articles); they are scored
anyway, with the probabilities the model gave.

`)
	b.WriteString(table)
	fmt.Fprintf(&b, "\n![reliability diagram](%s)\n\n", filepath.Base(diagram))
	b.WriteString(`**How untouched these figures are.** No number above was fitted on its
own fold, but the figures were seen while the method was designed, and they
guided three choices, made after the first run: the sign constraints (the
unconstrained weights said that fewer scare quotes and less clickbait
lowered the score), the stagewise fit, and replacing the baseline's first
solver (stochastic gradient descent, which stopped short of scikit-learn's
optimum: site-disjoint AUC 0.70 against scikit-learn's 0.81 on the same
folds) by L-BFGS, which gives scikit-learn's figures to 0.001 except on the
golbeck2018 fold (0.270 against 0.238 macro-F1;
` + "`bench/verdict/tfidf_lr.py`" + `). The first run (no sign constraints, one joint
fit), scored then with the 31 empty articles in, beat the same baseline by
+11.3, +5.5, +11.4, +21.2, +13.9 points of macro-F1 leaving out each corpus
and +5.1, +1.2, +2.0, +4.8, +9.3 on the site folds; pooled site-fold AUC
0.845 and ECE 0.036. Leaving the empty articles out (a fix to the scoring,
made last) raised the baseline's figures by up to 3 points.
The constraints cost nothing measurable and make every reason readable.

**Against the issue's targets** (text only): beating the baseline's macro-F1
by 5 points holds on LOCOMARGIN of the leave-one-corpus-out folds and on
SITESMARGIN of the site folds. On the site folds neither model ever finds
satire from the text of an unseen site (100 satire articles from 29 sites),
and macro-F1 averages that zero in; on reliable against the rest the
verdict's ROC-AUC is ahead on every fold. The ROC-AUC target of 0.85 is
POOLEDAUC. ECE is at most 0.05 pooled over the site folds, not on every fold,
and not when a whole corpus is left out: each corpus has its own base rate
(golbeck2018 has no reliable article at all), which no calibration fitted on
the others can know.

`)
	pooled := math.NaN()
	for _, sc := range scoreFolds(rs) {
		if sc.Scheme == "sites" && sc.Fold == "all (pooled)" {
			pooled = sc.Text.AUC
		}
	}
	verdictWord := "not reached"
	if pooled >= 0.85 {
		verdictWord = "reached"
	}
	margin := map[string][2]int{} // folds at least 5 points ahead, folds
	for _, sc := range scoreFolds(rs) {
		if sc.Fold == "all (pooled)" {
			continue
		}
		m := margin[sc.Scheme]
		m[1]++
		if sc.Text.MacroF1-sc.Baseline.MacroF1 >= 0.05 {
			m[0]++
		}
		margin[sc.Scheme] = m
	}
	card := strings.NewReplacer(
		"POOLEDAUC", fmt.Sprintf("%s (%s pooled over the site folds)", verdictWord, f3(pooled)),
		"LOCOMARGIN", fmt.Sprintf("%d of %d", margin["loco"][0], margin["loco"][1]),
		"SITESMARGIN", fmt.Sprintf("%d of %d", margin["sites"][0], margin["sites"][1]),
	).Replace(b.String())
	b.Reset()
	b.WriteString(card)
	b.WriteString("## The model\n\n")
	fmt.Fprintf(&b, "- reliable head: L2 %g, Platt A %.3f B %.3f; site-rating weight %.3f, cited-outlets weight %.3f (log-odds per unit of rating)\n",
		m.Reliable.Lambda, m.Reliable.PlattA, m.Reliable.PlattB, m.Reliable.Site, m.Reliable.Cited)
	fmt.Fprintf(&b, "- satire head: L2 %g, Platt A %.3f B %.3f; satire-listed site weight %.3f\n", m.Satire.Lambda, m.Satire.PlattA, m.Satire.PlattB, m.Satire.SiteSatire)
	fmt.Fprintf(&b, "- abstains below %d words, and below %.1f%% of word features seen in training (the %.1fth percentile of the training articles, each measured against the other inner folds)\n\n",
		m.MinWords, 100*m.MinCoverage, m.MinCoveragePercentile)
	b.WriteString("Dense weights of the reliable head, in score points per standard deviation (positive: toward reliable):\n\n| feature | points per SD |\n|---|--:|\n")
	type fw struct {
		name string
		w    float64
	}
	var ws []fw
	for j, f := range verdict.DenseFeatures {
		ws = append(ws, fw{f.Name, 10 * m.Reliable.PlattA * m.Reliable.Weights[j]})
	}
	sort.SliceStable(ws, func(i, j int) bool { return math.Abs(ws[i].w) > math.Abs(ws[j].w) })
	for _, w := range ws {
		fmt.Fprintf(&b, "| %s | %+.2f |\n", w.name, w.w)
	}
	b.WriteString(`
## Limits

- Trained on 2016–2018 English news (US politics, celebrity gossip, FakeNewsAMT
  imitations): what separates these corpora is partly their topics and
  house styles; the leave-one-corpus-out figures say how much carries over.
- The opinion label is not measured: there is no labelled opinion data.
- The ratings are lists of sites; on golbeck2018 and fakenewsnet the corpora's
  labels and the lists overlap, so the with-site figures there are optimistic.
`)
	return b.String()
}
