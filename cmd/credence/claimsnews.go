package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/checkworthy"
	"github.com/credence-news/credence/internal/claims"
	"github.com/credence-news/credence/internal/eval"
)

// readNewsGold reads findings-gold JSONL files (eval.LoadFindingsGold);
// an article in several files is kept once (its first record).
func readNewsGold(paths []string) ([]eval.FindingsGold, error) {
	var out []eval.FindingsGold
	seen := map[string]bool{}
	for _, p := range paths {
		gold, err := eval.LoadFindingsGold(p)
		if err != nil {
			return nil, err
		}
		for _, g := range gold {
			if !seen[g.ID] {
				seen[g.ID] = true
				out = append(out, g)
			}
		}
	}
	return out, nil
}

// newsItem is one rankable unit of an article: the headline or a body
// sentence, with the model's score, the stage's score and listing, and the
// gold.
type newsItem struct {
	model    float64 // the model's score of the sentence
	stage    float64 // the stage's check-worthiness (-1: not a candidate)
	mode     doc.ClaimMode
	relevant bool
	goldMode string
	text     string
}

// newsArticle is one scored gold article.
type newsArticle struct {
	id, dataset, split string
	items              []newsItem
	missing            int // gold anchors found in neither title nor text
}

// scoreNews analyses every gold article and scores its headline and body
// sentences with m and the claims stage around it.
func scoreNews(gold []eval.FindingsGold, arts map[string]*labelled, m *checkworthy.Model) ([]newsArticle, error) {
	a, err := credence.New(credence.Config{Disable: []string{"verdict"}})
	if err != nil {
		return nil, err
	}
	st := claims.New(m)
	var out []newsArticle
	for _, g := range gold {
		art := arts[g.ID]
		if art == nil {
			return nil, fmt.Errorf("gold article %q is not in the articles file", g.ID)
		}
		d, err := a.Document(context.Background(), []byte(art.Text), credence.Options{Kind: "text", Title: art.Title})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", g.ID, err)
		}
		na := newsArticle{id: g.ID, dataset: art.Dataset, split: g.Split}
		// Items: the headline first, then the sentences.
		title := doc.Span{End: len(d.Meta.Title)}
		spans := []doc.Span{title}
		for _, s := range d.Sentences {
			spans = append(spans, s.Span)
		}
		na.items = make([]newsItem, len(spans))
		for i, sp := range spans {
			src := d.Text
			if i == 0 {
				src = d.Meta.Title
			}
			na.items[i].model, _ = m.Score(src[sp.Start:sp.End])
			na.items[i].text = src[sp.Start:sp.End]
			na.items[i].stage = -1
		}
		if strings.TrimSpace(d.Meta.Title) == "" {
			na.items[0].model = -1
		}
		if c, ok := st.Headline(d); ok {
			na.items[0].stage, na.items[0].mode = c.Checkworthiness, c.Mode
		}
		cands := st.Candidates(d)
		for i := 1; i < len(spans); i++ {
			if k, ok := slices.BinarySearchFunc(cands, spans[i].Start, func(c doc.Claim, s int) int { return cmp.Compare(c.Start, s) }); ok {
				na.items[i].stage, na.items[i].mode = cands[k].Checkworthiness, cands[k].Mode
			}
		}
		for _, c := range g.Claims {
			if c.Anchor == "" {
				continue
			}
			if strings.Contains(d.Meta.Title, c.Anchor) {
				na.items[0].relevant, na.items[0].goldMode = true, c.Mode
				continue
			}
			at := strings.Index(d.Text, c.Anchor)
			if at < 0 {
				na.missing++ // cleaned away or changed by cleaning
				continue
			}
			anchor := doc.Span{Start: at, End: at + len(c.Anchor)}
			for i := 1; i < len(spans); i++ {
				if spans[i].Overlaps(anchor) {
					na.items[i].relevant, na.items[i].goldMode = true, c.Mode
					break
				}
			}
		}
		out = append(out, na)
	}
	return out, nil
}

// newsAP is an article's average precision when its items are ranked by
// score (higher first, ties in article order; items scored below 0 last).
func newsAP(items []newsItem, score func(newsItem) float64) (float64, bool) {
	scores := make([]float64, len(items))
	labels := make([]bool, len(items))
	any := false
	for i, it := range items {
		scores[i], labels[i] = score(it), it.relevant
		any = any || it.relevant
	}
	return checkworthy.AveragePrecision(checkworthy.Rank(scores, labels)), any
}

// listing counts the claims listed at threshold t against the gold.
type listing struct{ listed, hits, relevant, modeOK int }

func (l listing) precision() float64 { return ratio(l.hits, l.listed) }
func (l listing) recall() float64    { return ratio(l.hits, l.relevant) }
func (l listing) f05() float64 {
	p, r := l.precision(), l.recall()
	if p+r == 0 {
		return 0
	}
	return 1.25 * p * r / (0.25*p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// listAt is what the stage lists at body threshold t (the headline by the
// stage's rule), against the gold.
func listAt(arts []newsArticle, t float64) listing {
	var l listing
	for _, a := range arts {
		for i, it := range a.items {
			if it.relevant {
				l.relevant++
			}
			listed := it.stage >= 0 && (i == 0 || it.stage >= t)
			if !listed {
				continue
			}
			l.listed++
			if it.relevant {
				l.hits++
				if string(it.mode) == it.goldMode {
					l.modeOK++
				}
			}
		}
	}
	return l
}

// writeNewsEval prints MAP per dataset and split, and the listing at the
// shipped threshold (and, with sweep, at others) per split.
func writeNewsEval(w io.Writer, arts []newsArticle, sweep bool) {
	splits := []string{"dev", "test"}
	fmt.Fprintf(w, "MAP per article (relevant: the headline or sentences holding a gold anchor).\n")
	fmt.Fprintf(w, "model: every sentence and the headline ranked by the model's score; stage: the claims stage's\n")
	fmt.Fprintf(w, "ranking (candidates by check-worthiness, the headline raised to %.2f, the rest after them)\n\n", claims.HeadlineFloor)
	fmt.Fprintf(w, "%-5s %-36s %8s %6s %8s %8s\n", "split", "dataset (never trained on)", "articles", "claims", "model", "stage")
	for _, sp := range splits {
		by := map[string][]newsArticle{}
		var names []string
		var all []newsArticle
		for _, a := range arts {
			if a.split != sp {
				continue
			}
			if by[a.dataset] == nil {
				names = append(names, a.dataset)
			}
			by[a.dataset] = append(by[a.dataset], a)
			all = append(all, a)
		}
		sort.Strings(names)
		row := func(name string, as []newsArticle) {
			var mm, ms float64
			n, rel := 0, 0
			for _, a := range as {
				apm, ok := newsAP(a.items, func(it newsItem) float64 { return it.model })
				if !ok {
					continue
				}
				aps, _ := newsAP(a.items, func(it newsItem) float64 { return it.stage })
				mm, ms, n = mm+apm, ms+aps, n+1
				for _, it := range a.items {
					if it.relevant {
						rel++
					}
				}
			}
			if n > 0 {
				fmt.Fprintf(w, "%-5s %-36s %8d %6d %8.4f %8.4f\n", sp, name, n, rel, mm/float64(n), ms/float64(n))
			}
		}
		for _, n := range names {
			row(n, by[n])
		}
		row("all", all)
	}
	fmt.Fprintf(w, "\nListed claims (the headline when checkable, sentences from check-worthiness %.2f):\n", claims.MinScore)
	fmt.Fprintf(w, "%-5s %9s %7s %6s %9s %7s %6s %9s\n", "split", "threshold", "listed", "hits", "precision", "recall", "F0.5", "mode acc")
	for _, sp := range splits {
		var as []newsArticle
		for _, a := range arts {
			if a.split == sp {
				as = append(as, a)
			}
		}
		if len(as) == 0 {
			continue
		}
		ts := []float64{claims.MinScore}
		if sweep && sp == "dev" {
			ts = []float64{0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5}
		}
		for _, t := range ts {
			l := listAt(as, t)
			fmt.Fprintf(w, "%-5s %9.2f %7d %6d %9.4f %7.4f %6.4f %9.4f\n", sp, t, l.listed, l.hits, l.precision(), l.recall(), l.f05(), ratio(l.modeOK, l.hits))
		}
	}
	for _, sp := range splits {
		n, listed, hits, modeOK := 0, 0, 0, 0
		for _, a := range arts {
			if a.split != sp || a.items[0].model < 0 {
				continue
			}
			n++
			if h := a.items[0]; h.stage >= 0 {
				listed++
				if h.relevant {
					hits++
					if string(h.mode) == h.goldMode {
						modeOK++
					}
				}
			}
		}
		if n > 0 {
			fmt.Fprintf(w, "%-5s headlines: %d articles, %d listed, %d of them gold claims, %d with the gold's mode\n", sp, n, listed, hits, modeOK)
		}
	}
	missing := 0
	for _, a := range arts {
		missing += a.missing
	}
	if sweep {
		fmt.Fprintf(w, "\ndev: listed gold claims whose mode differs from the gold's (stage → gold):\n")
		for _, a := range arts {
			for i, it := range a.items {
				if a.split == "dev" && it.relevant && it.stage >= 0 && (i == 0 || it.stage >= claims.MinScore) && string(it.mode) != it.goldMode {
					fmt.Fprintf(w, "  %s → %s: %s\n", it.mode, it.goldMode, it.text)
				}
			}
		}
	}
	if missing > 0 {
		fmt.Fprintf(w, "\n%d gold anchors not found in the cleaned text (left out)\n", missing)
	}
}
