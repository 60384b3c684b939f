package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/credence-news/credence/internal/eval"
	"github.com/credence-news/credence/internal/tagger"
)

const trainUsage = `credence train tagger [flags]

Trains the part-of-speech tagger and named-entity recogniser on the CoreNLP
silver annotations of PolNeAR (polnear-corenlp-train.tsv in --data), plus
every --gmb'th sentence of GMB (gmb-train.conll in --ner-data; NORP as MISC,
dates and the numeric types it does not annotate masked) and, with --wnut, WNUT-17
(wnut17-train.conll; no POS, dates, numbers and MISC masked). Prints its
scores on polnear-corenlp-dev.tsv and gmb-dev.conll and writes the model to
--out. With the default flags it reproduces the shipped model byte for byte.`

const tagUsage = `credence tag [flags] [FILE|-]

Tags text with the part-of-speech tagger and named-entity recogniser. Raw
text is split into sentences and Penn-Treebank-style tokens and printed one
token per line, "word<TAB>POS<TAB>NER" (IOB2), with a blank line between
sentences. With --conll the input is already tokenised, one token per line
(a blank line between sentences, "-DOCSTART-" lines kept), and each input
line is printed with the POS and NER tags appended, tab-separated, ready for
conlleval.`

const evalNERUsage = `credence eval ner --gold FILE [flags]

Runs the tagger on the words of a gold file and scores its entities with
conlleval's rules (exact match; IOB1 or IOB2 gold). --format conll reads
CoNLL (word first, gold tag last; PER, ORG, LOC, MISC become PERSON, ORG,
LOC, MISC and other predicted types count as O); --format corenlp reads
CoreNLP silver TSV ("#doc" lines, word, lemma, POS, NER, begin, end) and
also scores POS. The format is detected when not given.`

func cmdTrain(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && isHelpFlag(args[0]) {
			fmt.Fprintln(stderr, trainGroupUsage)
			return nil
		}
		return usagef("train: name what to train: tagger, signals, headlines, claims or verdict (see credence train --help)")
	}
	switch args[0] {
	case "tagger":
		return cmdTrainTagger(args[1:], stdout, stderr)
	case "signals":
		return cmdTrainSignals(args[1:], stdout, stderr)
	case "headlines":
		return cmdTrainHeadlines(args[1:], stdout, stderr)
	case "claims":
		return cmdTrainClaims(args[1:], stdout, stderr)
	case "verdict":
		return cmdTrainVerdict(args[1:], stdout, stderr)
	case "stories":
		return cmdTrainStories(args[1:], stdout, stderr)
	}
	return usagef("train: unknown model %q (available: tagger, signals, headlines, claims, verdict)", args[0])
}

func cmdTrainTagger(args []string, stdout, stderr io.Writer) error {
	def := tagger.DefaultConfig()
	c := newCommand("train tagger", trainUsage, stderr)
	data := c.String("data", "../shared/datasets/nlp", "`DIR` with polnear-corenlp-train.tsv and polnear-corenlp-dev.tsv")
	out := c.String("out", "internal/tagger/model/tagger.bin.gz", "model `FILE` to write")
	iters := c.Int("iterations", 0, fmt.Sprintf("training passes of each model (0: the defaults, %d for POS and %d for NER)", def.POSIterations, def.NERIterations))
	seed := c.Uint64("seed", def.Seed, "seed of the shuffling between passes")
	minWeight := c.Float64("min-weight", def.MinWeight, "prune averaged weights smaller than `W` in magnitude (smaller, faster model)")
	nerBeam := c.Int("ner-beam", def.NERBeam, "beam width `K` of NER training and decoding (1: greedy)")
	beamMargin := c.Int("beam-margin", def.BeamMargin, "when decoding, drop beam hypotheses scoring more than `M` below the best (quantised weight units; negative: keep all)")
	outsideMin := c.Int("outside-min-count", def.OutsideMinCount, "words seen at least `N` times and (almost) never in an entity are tagged O without scoring")
	nerData := c.String("ner-data", "../shared/datasets/ner", "`DIR` with gmb-train.conll, gmb-dev.conll and wnut17-train.conll")
	gmbEvery := c.Int("gmb", defaultGMBEvery, "train on every `N`th sentence of gmb-train.conll (0: none)")
	wnut := c.Bool("wnut", defaultWNUT, "train on wnut17-train.conll too")
	domain := c.Bool("domain-features", defaultDomainFeatures, "give the NER model source-specific copies of its features while training (kept: PolNeAR's, added in)")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if *minWeight < 0 {
		return usagef("train tagger: --min-weight must not be negative")
	}
	if *iters < 0 {
		return usagef("train tagger: --iterations must not be negative")
	}
	if *nerBeam < 1 || *nerBeam > 64 {
		return usagef("train tagger: --ner-beam must be between 1 and 64")
	}
	if *gmbEvery < 0 {
		return usagef("train tagger: --gmb must not be negative")
	}
	if *outsideMin < 1 {
		return usagef("train tagger: --outside-min-count must be at least 1")
	}
	train, err := tagger.ReadCoreNLPTSV(filepath.Join(*data, "polnear-corenlp-train.tsv"))
	if err != nil {
		return err
	}
	dev, err := tagger.ReadCoreNLPTSV(filepath.Join(*data, "polnear-corenlp-dev.tsv"))
	if err != nil {
		return err
	}
	var gmbDev []eval.CoNLLSentence
	if *gmbEvery > 0 {
		gmb, err := tagger.ReadNERCoNLL(filepath.Join(*nerData, "gmb-train.conll"), gmbMasked, 1)
		if err != nil {
			return err
		}
		for i := 0; i < len(gmb); i += *gmbEvery {
			s := gmb[i]
			for j, t := range s.NER {
				if strings.HasSuffix(t, "-DATE") { // masked: see gmbMasked
					s.NER[j] = "O"
				}
			}
			train = append(train, s)
		}
		raw, err := os.ReadFile(filepath.Join(*nerData, "gmb-dev.conll"))
		if err != nil {
			return err
		}
		if gmbDev, err = eval.ReadCoNLL(bytes.NewReader(raw)); err != nil {
			return fmt.Errorf("gmb-dev.conll: %w", err)
		}
	}
	if *wnut {
		w, err := tagger.ReadNERCoNLL(filepath.Join(*nerData, "wnut17-train.conll"), wnutMasked, 2)
		if err != nil {
			return err
		}
		train = append(train, w...)
	}
	cfg := def
	cfg.Seed, cfg.MinWeight, cfg.OutsideMinCount, cfg.NERBeam, cfg.BeamMargin = *seed, *minWeight, *outsideMin, *nerBeam, *beamMargin
	cfg.DomainFeatures = *domain
	if *iters > 0 {
		cfg.POSIterations, cfg.NERIterations = *iters, *iters
	}
	start := time.Now()
	m, err := tagger.Train(cfg, train, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained in %.0fs: %s\n", time.Since(start).Seconds(), m.Info())
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n\ndev (%s):\n", *out, buf.Len(), filepath.Join(*data, "polnear-corenlp-dev.tsv"))
	eval.WriteTaggerScores(stdout, eval.EvaluateTagger(m, dev))
	if gmbDev != nil {
		sc, err := scoreCoNLL(m, gmbDev)
		if err != nil {
			return fmt.Errorf("gmb-dev.conll: %w", err)
		}
		fmt.Fprintf(stdout, "\nGMB dev (%s; NORP as MISC, DATE not scored):\n", filepath.Join(*nerData, "gmb-dev.conll"))
		eval.WriteNERTable(stdout, &sc, tagger.EntityTypes)
	}
	return nil
}

// The training mix of the shipped model: every defaultGMBEvery'th GMB
// sentence, and WNUT-17 or not.
const (
	defaultGMBEvery = 4
	defaultWNUT     = true
	// defaultDomainFeatures: see tagger.Config.DomainFeatures.
	defaultDomainFeatures = false
)

// gmbMasked are the types GMB does not annotate, and DATE: GMB's "tim"
// also covers what CoreNLP calls TIME, DURATION and SET, and trained as
// DATE it cost 0.04 F1 on PolNeAR dev's DATE and 0.13 on DURATION; its DATE
// tags are read as O and masked. wnutMasked are the types WNUT-17 does not
// annotate (it has no dates or nationalities, and its MISC is only
// creative works and products).
var (
	gmbMasked  = []string{"DATE", "TIME", "MONEY", "PERCENT", "NUMBER", "ORDINAL", "DURATION", "SET"}
	wnutMasked = []string{"MISC", "DATE", "TIME", "MONEY", "PERCENT", "NUMBER", "ORDINAL", "DURATION", "SET"}
)

// loadTagger returns the model in file, or the embedded one.
func loadTagger(file string) (*tagger.Model, error) {
	return loadModelFile(file, tagger.Default, tagger.Load)
}

func cmdTag(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	c := newCommand("tag", tagUsage, stderr)
	conll := c.Bool("conll", false, "input is CoNLL: one token per line, blank line between sentences")
	column := c.Int("column", 1, "with --conll, the `N`th column (from 1) holds the word")
	model := c.String("model", "", "model `FILE` (default: the embedded model)")
	pos, err := c.parse(args, 1)
	if err != nil {
		return err
	}
	if *column < 1 {
		return usagef("tag: --column must be at least 1")
	}
	if *column != 1 && !*conll {
		return usagef("tag: --column needs --conll")
	}
	name := "-"
	if len(pos) > 0 {
		name = pos[0]
	}
	in, err := readInput(name, stdin, stderr, 256<<20)
	if err != nil {
		return err
	}
	m, err := loadTagger(*model)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	if *conll {
		err = tagCoNLL(m, in, *column-1, w)
	} else {
		for _, s := range tagger.Tokenize(string(in)) {
			words := make([]string, len(s))
			for i, t := range s {
				words[i] = t.Text
			}
			p, n := make([]string, len(words)), make([]string, len(words))
			m.Tag(words, p, n)
			for i := range words {
				fmt.Fprintf(w, "%s\t%s\t%s\n", words[i], p[i], n[i])
			}
			fmt.Fprintln(w)
		}
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}

// tagCoNLL tags one-token-per-line input and prints every line with the
// POS and NER tags appended.
func tagCoNLL(m *tagger.Model, in []byte, col int, w io.Writer) error {
	var lines, words []string
	flush := func() {
		if len(lines) == 0 {
			return
		}
		p, n := make([]string, len(words)), make([]string, len(words))
		m.Tag(words, p, n)
		for i, l := range lines {
			fmt.Fprintf(w, "%s\t%s\t%s\n", l, p[i], n[i])
		}
		lines, words = lines[:0], words[:0]
	}
	for i, l := range strings.Split(string(in), "\n") {
		l = strings.TrimRight(l, "\r")
		f := strings.Fields(l)
		if len(f) == 0 || f[0] == "-DOCSTART-" {
			flush()
			if len(f) > 0 || i < strings.Count(string(in), "\n") {
				fmt.Fprintln(w, l)
			}
			continue
		}
		if col >= len(f) {
			return fmt.Errorf("line %d: %d columns, no column %d", i+1, len(f), col+1)
		}
		lines = append(lines, l)
		words = append(words, f[col])
	}
	flush()
	return nil
}

func cmdEvalNER(args []string, stdout, stderr io.Writer) error {
	c := newCommand("eval ner", evalNERUsage, stderr)
	gold := c.String("gold", "", "gold `FILE`")
	format := c.String("format", "", "gold format: conll or corenlp (default: detected)")
	model := c.String("model", "", "model `FILE` (default: the embedded model)")
	if _, err := c.parse(args, 0); err != nil {
		return err
	}
	if *gold == "" {
		return usagef("eval ner: --gold is required")
	}
	if *format != "" && *format != "conll" && *format != "corenlp" {
		return usagef("eval ner: --format must be conll or corenlp, not %q", *format)
	}
	raw, err := os.ReadFile(*gold)
	if err != nil {
		return err
	}
	if *format == "" {
		*format = detectFormat(raw)
	}
	m, err := loadTagger(*model)
	if err != nil {
		return err
	}
	if *format == "corenlp" {
		sents, err := tagger.ReadCoreNLPTSV(*gold)
		if err != nil {
			return err
		}
		if len(sents) == 0 {
			return fmt.Errorf("%s: no sentences", *gold)
		}
		sc := eval.EvaluateTagger(m, sents)
		fmt.Fprintf(stdout, "%s: %d sentences (CoreNLP silver)\n", *gold, len(sents))
		eval.WriteTaggerScores(stdout, sc)
		return nil
	}
	sents, err := eval.ReadCoNLL(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("%s: %w", *gold, err)
	}
	if len(sents) == 0 {
		return fmt.Errorf("%s: no sentences", *gold)
	}
	sc, err := scoreCoNLL(m, sents)
	if err != nil {
		return fmt.Errorf("%s: %w", *gold, err)
	}
	fmt.Fprintf(stdout, "%s: %d sentences (CoNLL; PER→PERSON, NORP→MISC; ORG, LOC, MISC; other types count as O)\n", *gold, len(sents))
	eval.WriteNERTable(stdout, &sc, tagger.EntityTypes)
	return nil
}

// scoreCoNLL tags the words of CoNLL sentences (word first, gold tag last)
// and scores PERSON, ORG, LOC and MISC: gold PER is PERSON and NORP is MISC;
// other gold and predicted types count as O.
func scoreCoNLL(m *tagger.Model, sents []eval.CoNLLSentence) (eval.NERScore, error) {
	keep := map[string]bool{"PERSON": true, "ORG": true, "LOC": true, "MISC": true}
	var sc eval.NERScore
	for i, s := range sents {
		words, err := s.Column(0)
		if err != nil {
			return sc, fmt.Errorf("sentence %d: %w", i+1, err)
		}
		g, err := s.Column(-1)
		if err != nil || len(s[0]) < 2 {
			return sc, fmt.Errorf("sentence %d: want a word and a tag column", i+1)
		}
		for j, t := range g {
			g[j] = mapCoNLLTag(t)
			if _, typ, ok := strings.Cut(g[j], "-"); ok && !keep[typ] {
				g[j] = "O"
			}
		}
		p := make([]string, len(words))
		m.Tag(words, nil, p)
		for j, t := range p {
			if _, typ, ok := strings.Cut(t, "-"); ok && !keep[typ] {
				p[j] = "O"
			}
		}
		sc.Add(g, p)
	}
	return sc, nil
}

func mapCoNLLTag(t string) string {
	prefix, typ, ok := strings.Cut(t, "-")
	if !ok {
		return t
	}
	switch typ {
	case "PER":
		typ = "PERSON"
	case "LOCATION":
		typ = "LOC"
	case "ORGANIZATION":
		typ = "ORG"
	case "NORP":
		typ = "MISC"
	}
	return prefix + "-" + typ
}

// detectFormat says "corenlp" for CoreNLP silver TSV ("#doc" lines or six
// tab-separated columns) and "conll" otherwise.
func detectFormat(b []byte) string {
	for _, l := range strings.SplitN(string(b), "\n", 50) {
		if strings.HasPrefix(l, "#doc") {
			return "corenlp"
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		if strings.Count(l, "\t") == 5 {
			return "corenlp"
		}
		return "conll"
	}
	return "conll"
}
