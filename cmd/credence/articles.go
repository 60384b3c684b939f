package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/internal/eval"
	"github.com/credence-news/credence/internal/fnv1a"
	"github.com/credence-news/credence/internal/verdict"
	"github.com/credence-news/credence/sources"
)

// labelled is one labelled record of an articles JSONL file.
type labelled struct {
	ID, Dataset, Label, Title, Text, URL, Domain string
	line                                         int

	f     *verdict.Features
	facts verdict.Facts
	err   error // the article could not be analysed (empty after cleaning)
}

// readArticles reads labelled articles; it returns the file's SHA-256 for
// the model card.
func readArticles(path string) ([]*labelled, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("cannot read %s: %v", path, shortPathError(err))
	}
	sum := sha256.Sum256(b)
	var out []*labelled
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		a := &labelled{line: line}
		var rec struct{ ID, Dataset, Label, Title, Text, URL, Domain string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, "", fmt.Errorf("%s line %d: %v", path, line, err)
		}
		a.ID, a.Dataset, a.Label, a.Title, a.Text, a.URL, a.Domain = rec.ID, rec.Dataset, rec.Label, rec.Title, rec.Text, rec.URL, rec.Domain
		if a.Dataset == "" {
			a.Dataset = "(no dataset)"
		}
		switch a.Label {
		case "reliable", "fake", "satire":
		default:
			return nil, "", fmt.Errorf("%s line %d: label %q: want reliable, fake or satire", path, line, a.Label)
		}
		if a.ID == "" {
			a.ID = fmt.Sprintf("%s:%d", path, line)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, "", fmt.Errorf("%s: %v", path, err)
	}
	if len(out) == 0 {
		return nil, "", fmt.Errorf("%s: no articles", path)
	}
	return out, hex.EncodeToString(sum[:]), nil
}

// analyzeArticles runs the pipeline up to the claims on every article, in
// parallel, and keeps the verdict's features and facts.
func analyzeArticles(arts []*labelled, genre verdict.Genre, progress io.Writer) error {
	a, err := credence.New(credence.Config{Disable: []string{"verdict"}})
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	next := make(chan *labelled)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for art := range next {
				opts := credence.Options{Kind: "text", Title: art.Title, URL: art.URL}
				if art.URL == "" && art.Domain != "" {
					opts.Site = art.Domain
				}
				d, err := a.Document(context.Background(), []byte(art.Text), opts)
				if err != nil {
					art.err = err
					continue
				}
				art.f = verdict.Extract(d)
				art.facts = verdict.FactsOf(d, genre)
			}
		}()
	}
	for i, art := range arts {
		next <- art
		if progress != nil && (i+1)%500 == 0 {
			fmt.Fprintf(progress, "analysed %d of %d articles\n", i+1, len(arts))
		}
	}
	close(next)
	wg.Wait()
	return nil
}

// groupKey keeps related articles in one fold: articles of one site, and
// the two halves of a FakeNewsAMT pair (biz01.fake / biz01.legit: the fake
// imitates the legit one). Articles with neither are their own group.
func groupKey(a *labelled) string {
	if a.Domain != "" {
		return "site:" + sources.RegistrableDomain(a.Domain)
	}
	if strings.HasSuffix(a.Dataset, "fakeNewsDataset") {
		id := a.ID
		if i := strings.LastIndex(id, ":"); i >= 0 {
			id = id[i+1:]
		}
		if item, _, ok := strings.Cut(id, "."); ok {
			return "item:" + item
		}
	}
	return "id:" + a.ID
}

// siteFolds is the number of site-disjoint folds.
const siteFolds = 5

// foldsOf returns each article's fold in a scheme: "loco" (the corpus it
// belongs to) or "sites" (a hash of its group, 0..4).
func foldsOf(arts []*labelled, scheme string) []string {
	out := make([]string, len(arts))
	for i, a := range arts {
		if scheme == "loco" {
			out[i] = a.Dataset
		} else {
			out[i] = fmt.Sprint(fnv1a.Hash32(groupKey(a)) % siteFolds)
		}
	}
	return out
}

func examples(arts []*labelled) []verdict.Example {
	var ex []verdict.Example
	for _, a := range arts {
		if a.f != nil {
			ex = append(ex, verdict.Example{ID: a.ID, Label: a.Label, Group: groupKey(a), F: a.f})
		}
	}
	return ex
}

// foldResult holds one fold's predictions by every model compared.
type foldResult struct {
	Scheme, Fold string
	Arts         []*labelled
	Text, Site   []eval.ArticlePrediction // the verdict, text only and with the ratings
	Baseline     []eval.ArticlePrediction // TF-IDF + logistic regression
	Model        *verdict.Model
}

// crossValidate trains on all folds but one and predicts that one, for
// every fold of the scheme, two folds at a time. Articles that could not be
// analysed (no text) are left out of training and scoring for every model,
// the baseline included: train.jsonl has 31, all fake, and scoring them
// would reward whichever model learns that an empty text is fake.
//
// extra articles, when given, join the training side of every fold (for
// every model) and are never scored; on the site folds only those whose own
// site fold is not the held-out one, so that the folds stay site-disjoint.
func crossValidate(arts, extra []*labelled, scheme string, info verdict.TrainInfo) []*foldResult {
	arts, extra = analysed(arts), analysed(extra)
	folds := foldsOf(arts, scheme)
	extraFolds := foldsOf(extra, scheme)
	var names []string
	seen := map[string]bool{}
	for _, f := range folds {
		if !seen[f] {
			seen[f] = true
			names = append(names, f)
		}
	}
	sort.Strings(names)
	results := make([]*foldResult, len(names))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for k, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var train, test []*labelled
			for i, a := range arts {
				if folds[i] == name {
					test = append(test, a)
				} else {
					train = append(train, a)
				}
			}
			for i, a := range extra {
				if extraFolds[i] != name {
					train = append(train, a)
				}
			}
			results[k] = runFold(scheme, name, train, test, info)
		}()
	}
	wg.Wait()
	return results
}

func runFold(scheme, name string, train, test []*labelled, info verdict.TrainInfo) *foldResult {
	m := verdict.Train(examples(train), info)
	r := &foldResult{Scheme: scheme, Fold: name, Arts: test, Model: m}
	var trText, trLabel, teText []string
	for _, a := range train {
		trText = append(trText, a.Title+"\n"+a.Text)
		trLabel = append(trLabel, a.Label)
	}
	for _, a := range test {
		teText = append(teText, a.Title+"\n"+a.Text)
	}
	base := eval.TFIDFBaseline(trText, trLabel, teText)
	for i, a := range test {
		r.Baseline = append(r.Baseline, eval.ArticlePrediction{Gold: a.Label, P: base[i]})
		p := m.Predict(a.f)
		abst := m.Abstain(a.facts, a.f, p) != ""
		var tp, sp [3]float64
		tp[0], tp[1], tp[2] = p.Probabilities(false)
		sp[0], sp[1], sp[2] = p.Probabilities(true)
		r.Text = append(r.Text, eval.ArticlePrediction{Gold: a.Label, P: tp, Abstained: abst})
		r.Site = append(r.Site, eval.ArticlePrediction{Gold: a.Label, P: sp, Abstained: abst})
	}
	return r
}

// analysed keeps the articles that could be analysed.
func analysed(arts []*labelled) []*labelled {
	var out []*labelled
	for _, a := range arts {
		if a.f != nil {
			out = append(out, a)
		}
	}
	return out
}

// countUnanalysed says how many articles had no text left to analyse.
func countUnanalysed(arts []*labelled, w io.Writer) {
	n := 0
	for _, a := range arts {
		if a.f == nil {
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(w, "%d of %d articles could not be analysed (no article text): they are left out of training and of every score\n", n, len(arts))
	}
}

// loadAnalysed reads labelled articles and analyses them: the step train
// verdict and eval articles share. It fails when no article has text to
// analyse, and says how many had none; the articles that could not be
// analysed are kept (their folds are still written) with no features.
func loadAnalysed(path string, progress io.Writer) ([]*labelled, verdict.TrainInfo, error) {
	arts, sum, err := readArticles(path)
	if err != nil {
		return nil, verdict.TrainInfo{}, err
	}
	if err := analyzeArticles(arts, shippedGenre(), progress); err != nil {
		return nil, verdict.TrainInfo{}, err
	}
	if len(analysed(arts)) == 0 {
		return nil, verdict.TrainInfo{}, fmt.Errorf("%s: no article could be analysed", path)
	}
	countUnanalysed(arts, progress)
	return arts, trainInfo(path, sum, arts), nil
}
