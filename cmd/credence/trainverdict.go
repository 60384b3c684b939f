package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/credence-news/credence/internal/eval"
	"github.com/credence-news/credence/internal/verdict"
)

const trainVerdictUsage = `credence train verdict [--data FILE] [--out FILE] [--card FILE] [--diagram FILE]

Trains the verdict model on labelled articles (JSONL: id, dataset, label
reliable|fake|satire, title, text, url, domain): every article is analysed
with the shipped pipeline, then both heads (reliable against the rest;
satire among the rest) are fitted with their L2 strength and calibration
chosen by cross-validation inside the training data. Before the final fit
it scores the method honestly: leave-one-corpus-out and site-disjoint
cross-validation, beside a TF-IDF + logistic regression baseline on the
same folds, text only and with the site ratings. It writes the model
(--out), its model card with every figure (--card) and the reliability
diagram of the held-out predictions (--diagram, SVG). Deterministic: run
from the repository root it reproduces the shipped files.`

func cmdTrainVerdict(args []string, stdout, stderr io.Writer) error {
	c := newCommand("train verdict", trainVerdictUsage, stderr)
	data := c.String("data", "../shared/datasets/articles/train.jsonl", "labelled articles `FILE` (JSONL)")
	out := c.String("out", "internal/verdict/data/verdict.bin.gz", "model `FILE` to write")
	card := c.String("card", "internal/verdict/data/MODEL_CARD.md", "model card `FILE` to write")
	diagram := c.String("diagram", "internal/verdict/data/reliability.svg", "reliability diagram `FILE` to write (SVG)")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	arts, info, err := loadAnalysed(*data, stderr)
	if err != nil {
		return err
	}
	var all []*foldResult
	for _, scheme := range []string{"loco", "sites"} {
		fmt.Fprintf(stderr, "cross-validating: %s\n", scheme)
		all = append(all, crossValidate(arts, nil, scheme, info)...)
	}
	fmt.Fprintln(stderr, "training the final model on every article")
	m := verdict.Train(examples(arts), info)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	table := cvTable(all)
	fmt.Fprint(stdout, table)
	if err := writeFileAtomic(*diagram, []byte(reliabilitySVG(all))); err != nil {
		return err
	}
	if err := writeFileAtomic(*card, []byte(modelCard(m, arts, all, table, *diagram))); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes), %s and %s\n", *out, buf.Len(), *card, *diagram)
	return nil
}

func trainInfo(path, sum string, arts []*labelled) verdict.TrainInfo {
	// The file's name and hash, not its path: the model must not depend on
	// where the data was mounted.
	info := verdict.TrainInfo{Data: filepath.Base(path), SHA256: sum, Labels: map[string]int{}}
	for _, a := range arts {
		if a.f != nil {
			info.Articles++
			info.Labels[a.Label]++
		}
	}
	return info
}

// scored is one fold's figures for the three models.
type scored struct {
	Scheme   string             `json:"scheme"`
	Fold     string             `json:"fold"`
	Text     eval.ArticleScores `json:"text_only"`
	Site     eval.ArticleScores `json:"with_site"`
	Baseline eval.ArticleScores `json:"baseline"`
}

func scoreFolds(rs []*foldResult) []scored {
	var out []scored
	for _, r := range rs {
		out = append(out, scored{r.Scheme, r.Fold, eval.ScoreArticles(r.Text), eval.ScoreArticles(r.Site), eval.ScoreArticles(r.Baseline)})
	}
	// The pooled held-out predictions of each scheme.
	for _, scheme := range []string{"loco", "sites"} {
		var t, s, b []eval.ArticlePrediction
		for _, r := range rs {
			if r.Scheme == scheme {
				t, s, b = append(t, r.Text...), append(s, r.Site...), append(b, r.Baseline...)
			}
		}
		if len(t) > 0 {
			out = append(out, scored{scheme, "all (pooled)", eval.ScoreArticles(t), eval.ScoreArticles(s), eval.ScoreArticles(b)})
		}
	}
	return out
}

func f3(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", x)
}

// cvTable renders the cross-validation figures as markdown.
func cvTable(rs []*foldResult) string {
	var b strings.Builder
	b.WriteString("| scheme | held-out fold | n | macro-F1 text | macro-F1 with site | macro-F1 baseline | text − baseline | AUC text | AUC with site | AUC baseline | ECE text | ECE with site | ECE baseline | accuracy text | abstained |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, s := range scoreFolds(rs) {
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %+.1f | %s | %s | %s | %s | %s | %s | %s | %.1f%% |\n",
			s.Scheme, s.Fold, s.Text.N, f3(s.Text.MacroF1), f3(s.Site.MacroF1), f3(s.Baseline.MacroF1),
			100*(s.Text.MacroF1-s.Baseline.MacroF1), f3(s.Text.AUC), f3(s.Site.AUC), f3(s.Baseline.AUC),
			f3(s.Text.ECE), f3(s.Site.ECE), f3(s.Baseline.ECE), f3(s.Text.Accuracy), 100*s.Text.Abstention)
	}
	b.WriteString("\nPer class, text only (precision / recall / F1):\n\n| scheme | held-out fold | reliable | fake | satire |\n|---|---|---|---|---|\n")
	for _, s := range scoreFolds(rs) {
		fmt.Fprintf(&b, "| %s | %s |", s.Scheme, s.Fold)
		for _, c := range eval.ArticleClasses {
			p := s.Text.PerClass[c]
			fmt.Fprintf(&b, " %s / %s / %s (%d) |", f3(p.P), f3(p.R), f3(p.F1), p.Support)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// reliabilitySVG draws the reliability diagram of P(reliable), text only,
// for the pooled held-out predictions of each scheme.
func reliabilitySVG(rs []*foldResult) string {
	const w, h, pad = 420, 420, 50
	x := func(v float64) float64 { return pad + v*(w-2*pad) }
	y := func(v float64) float64 { return h - pad - v*(h-2*pad) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", w, h, w, h)
	b.WriteString(`<title>Reliability of P(reliable), text only, held-out predictions</title>` + "\n")
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#888"/>`+"\n", pad, pad, w-2*pad, h-2*pad)
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#bbb" stroke-dasharray="4 3"/>`+"\n", x(0), y(0), x(1), y(1))
	for i := 0; i <= 10; i += 2 {
		v := float64(i) / 10
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%.1f</text>`+"\n", x(v), h-pad+16, v)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%.1f</text>`+"\n", pad-6, y(v)+4, v)
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">mean predicted P(reliable)</text>`+"\n", w/2, h-12)
	fmt.Fprintf(&b, `<text x="14" y="%d" text-anchor="middle" transform="rotate(-90 14 %d)">share reliable</text>`+"\n", h/2, h/2)
	styles := map[string][2]string{"loco": {"#c0392b", "leave one corpus out"}, "sites": {"#2471a3", "site-disjoint folds"}}
	ly := pad + 14
	for _, scheme := range []string{"loco", "sites"} {
		var p []float64
		var pos []bool
		for _, r := range rs {
			if r.Scheme != scheme {
				continue
			}
			for _, a := range r.Text {
				p = append(p, a.P[0])
				pos = append(pos, a.Gold == "reliable")
			}
		}
		n, mp, rate := eval.ReliabilityBins(p, pos, 10)
		st := styles[scheme]
		var pts []string
		for i := range n {
			if n[i] == 0 {
				continue
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(mp[i]), y(rate[i])))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"><title>%s: %d articles, mean P %.2f, %.2f reliable</title></circle>`+"\n",
				x(mp[i]), y(rate[i]), 2+math.Sqrt(n[i])/3, st[0], st[1], int(n[i]), mp[i], rate[i])
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="1.5"/>`+"\n", strings.Join(pts, " "), st[0])
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="%s">%s (ECE %s)</text>`+"\n", pad+8, ly, st[0], st[1], f3(eval.ECE(p, pos, 10)))
		ly += 15
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// writeCVJSON writes every fold's figures.
func writeCVJSON(path string, rs []*foldResult) error {
	return writeJSONFile(path, scoreFolds(rs))
}

// writeFolds writes each article's folds, for bench/verdict/tfidf_lr.py.
func writeFolds(path string, arts []*labelled) error {
	loco, sites := foldsOf(arts, "loco"), foldsOf(arts, "sites")
	var b bytes.Buffer
	for i, a := range arts {
		var s int
		fmt.Sscan(sites[i], &s)
		line, _ := json.Marshal(map[string]any{"id": a.ID, "loco": loco[i], "sites": s})
		b.Write(line)
		b.WriteByte('\n')
	}
	return writeFileAtomic(path, b.Bytes())
}
