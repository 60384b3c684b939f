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

const evalFindingsUsage = `credence eval findings --gold FILE [flags]

Scores Credence's findings against a careful reader's gold
(testdata/findings/dev.jsonl and test.jsonl; the guidelines are in
testdata/findings/GUIDELINES.md): quotes found, speaker precision and
recall, attribution source precision and recall, source-type accuracy,
scare-quote precision and recall, junk precision and recall, and claims.
The articles are read from --data by the gold's ids. --errors lists every
disagreement, for reading.`

func cmdEvalFindings(args []string, stdout, stderr io.Writer) error {
	c := newCommand("eval findings", evalFindingsUsage, stderr)
	gold := c.String("gold", "", "gold `FILE` (JSON lines)")
	data := c.String("data", "../shared/datasets/articles/train.jsonl", "articles `FILE` the gold's ids refer to")
	showErrors := c.Bool("errors", false, "list every disagreement with the gold")
	asJSON := c.Bool("json", false, "print the scores as JSON")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if *gold == "" {
		return usagef("eval findings: --gold is required")
	}
	golds, err := eval.LoadFindingsGold(*gold)
	if err != nil {
		return err
	}
	arts, _, err := readArticles(*data)
	if err != nil {
		return err
	}
	byID := make(map[string]*labelled, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	for _, g := range golds {
		if byID[g.ID] == nil {
			return fmt.Errorf("%s: article %q is not in %s", *gold, g.ID, *data)
		}
	}
	an, err := credence.New(credence.Config{})
	if err != nil {
		return err
	}
	type result struct {
		counts eval.FindingsCounts
		errs   []eval.FindingsError
		err    error
	}
	res := make([]result, len(golds))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				art := byID[golds[i].ID]
				opts := credence.Options{Kind: "text", Title: art.Title, URL: art.URL}
				if art.URL == "" && art.Domain != "" {
					opts.Site = art.Domain
				}
				d, err := an.Document(context.Background(), []byte(art.Text), opts)
				if err != nil {
					res[i].err = err
					continue
				}
				res[i].counts, res[i].errs = eval.ScoreFindings(golds[i], d)
			}
		}()
	}
	for i := range golds {
		next <- i
	}
	close(next)
	wg.Wait()

	var total eval.FindingsCounts
	bySet := map[string]*eval.FindingsCounts{}
	for i, r := range res {
		if r.err != nil {
			return fmt.Errorf("%s: %v", golds[i].ID, r.err)
		}
		total.Add(r.counts)
		ds := byID[golds[i].ID].Dataset + " " + byID[golds[i].ID].Label
		if bySet[ds] == nil {
			bySet[ds] = &eval.FindingsCounts{}
		}
		bySet[ds].Add(r.counts)
	}
	if *asJSON {
		out := struct {
			Gold      string                          `json:"gold"`
			Total     findingsScores                  `json:"total"`
			ByDataset map[string]findingsScores       `json:"by_dataset"`
			Errors    map[string][]eval.FindingsError `json:"errors,omitempty"`
		}{Gold: *gold, Total: scoresOf(total), ByDataset: map[string]findingsScores{}}
		for k, v := range bySet {
			out.ByDataset[k] = scoresOf(*v)
		}
		if *showErrors {
			out.Errors = map[string][]eval.FindingsError{}
			for i, r := range res {
				if len(r.errs) > 0 {
					out.Errors[golds[i].ID] = r.errs
				}
			}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if *showErrors {
		for i, r := range res {
			if len(r.errs) == 0 {
				continue
			}
			fmt.Fprintf(stdout, "## %s\n", golds[i].ID)
			for _, e := range r.errs {
				fmt.Fprintf(stdout, "  %-18s %q", e.Kind, clip(e.Text, 110))
				if e.Got != "" {
					fmt.Fprintf(stdout, "  got: %s", e.Got)
				}
				if e.Want != "" {
					fmt.Fprintf(stdout, "  want: %s", e.Want)
				}
				fmt.Fprintln(stdout)
			}
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, "%s: %d articles\n\n", *gold, total.Articles)
	printFindings(stdout, "all", total)
	keys := make([]string, 0, len(bySet))
	for k := range bySet {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var confs []string
	for k := range total.ByConfidence {
		confs = append(confs, k)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(confs)))
	fmt.Fprintln(stdout, "\nnamed speakers by confidence (right of given):")
	for _, k := range confs {
		v := total.ByConfidence[k]
		fmt.Fprintf(stdout, "  %s  %d of %d\n", k, v[0], v[1])
	}
	fmt.Fprintln(stdout, "\nby dataset and label:")
	for _, k := range keys {
		s := scoresOf(*bySet[k])
		fmt.Fprintf(stdout, "  %-44s speakers P %s R %s   sources P %s   scare P %s   junk R %s\n", k, fp3(s.SpeakerPrecision), fp3(s.SpeakerRecall), fp3(s.SourcePrecision), fp3(s.ScarePrecision), fp3(s.JunkRecall))
	}
	return nil
}

// findingsScores are the ratios of FindingsCounts; nil when undefined.
type findingsScores struct {
	eval.FindingsCounts
	QuotesFound      *float64 `json:"quotes_found_share"`
	SpeakerPrecision *float64 `json:"speaker_precision"`
	SpeakerRecall    *float64 `json:"speaker_recall"`
	SourcePrecision  *float64 `json:"source_precision"`
	SourceRecall     *float64 `json:"source_recall"`
	TypeAccuracy     *float64 `json:"source_type_accuracy"`
	ScarePrecision   *float64 `json:"scare_precision"`
	ScareRecall      *float64 `json:"scare_recall"`
	JunkPrecision    *float64 `json:"junk_precision"`
	JunkRecall       *float64 `json:"junk_recall"`
	ClaimPrecision   *float64 `json:"claim_precision"`
	ClaimRecall      *float64 `json:"claim_recall"`
	ClaimModeAcc     *float64 `json:"claim_mode_accuracy"`
}

func ratioOrNil(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}

func scoresOf(c eval.FindingsCounts) findingsScores {
	return findingsScores{
		FindingsCounts:   c,
		QuotesFound:      ratioOrNil(c.QuotesFound, c.GoldQuotes),
		SpeakerPrecision: ratioOrNil(c.SpeakersRight, c.SpeakersGiven),
		SpeakerRecall:    ratioOrNil(c.SpeakersRight, c.GoldSpeakers),
		SourcePrecision:  ratioOrNil(c.SourcesRight, c.Attributions),
		SourceRecall:     ratioOrNil(c.AttributionsFound, c.GoldAttributions),
		TypeAccuracy:     ratioOrNil(c.TypesRight, c.SourcesRight),
		ScarePrecision:   ratioOrNil(c.ScareRight, c.Scare),
		ScareRecall:      ratioOrNil(c.ScareRight, c.GoldScare),
		JunkPrecision:    ratioOrNil(c.RemovalsHit, c.Removals),
		JunkRecall:       ratioOrNil(c.JunkCaught, c.GoldJunk),
		ClaimPrecision:   ratioOrNil(c.ClaimsRight, c.Claims),
		ClaimRecall:      ratioOrNil(c.ClaimsFound, c.GoldClaims),
		ClaimModeAcc:     ratioOrNil(c.ClaimModeHit, c.ClaimsRight),
	}
}

func fp3(p *float64) string {
	if p == nil {
		return "  –  "
	}
	return fmt.Sprintf("%.3f", *p)
}

func printFindings(w io.Writer, name string, c eval.FindingsCounts) {
	s := scoresOf(c)
	fmt.Fprintf(w, "quotes found            %s  (%d of %d quotations of people's words)\n", fp3(s.QuotesFound), c.QuotesFound, c.GoldQuotes)
	fmt.Fprintf(w, "speaker precision       %s  (%d right of %d named)\n", fp3(s.SpeakerPrecision), c.SpeakersRight, c.SpeakersGiven)
	fmt.Fprintf(w, "speaker recall          %s  (of %d gold quotes with a named speaker)\n", fp3(s.SpeakerRecall), c.GoldSpeakers)
	fmt.Fprintf(w, "attribution sources     %s  precision (%d right of %d listed); recall %s (%d of %d gold)\n", fp3(s.SourcePrecision), c.SourcesRight, c.Attributions, fp3(s.SourceRecall), c.AttributionsFound, c.GoldAttributions)
	fmt.Fprintf(w, "source-type accuracy    %s  (of the right sources)\n", fp3(s.TypeAccuracy))
	fmt.Fprintf(w, "scare quotes            %s  precision (%d right of %d flagged); recall %s (of %d gold)\n", fp3(s.ScarePrecision), c.ScareRight, c.Scare, fp3(s.ScareRecall), c.GoldScare)
	fmt.Fprintf(w, "junk                    %s  recall (%d of %d gold items); precision %s (%d of %d removals)\n", fp3(s.JunkRecall), c.JunkCaught, c.GoldJunk, fp3(s.JunkPrecision), c.RemovalsHit, c.Removals)
	fmt.Fprintf(w, "claims                  %s  precision (%d of %d listed); recall %s (of %d gold, body); mode accuracy %s\n", fp3(s.ClaimPrecision), c.ClaimsRight, c.Claims, fp3(s.ClaimRecall), c.GoldClaims, fp3(s.ClaimModeAcc))
	_ = name
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
