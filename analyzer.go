package credence

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/attribution"
	"github.com/credence-news/credence/internal/checkworthy"
	"github.com/credence-news/credence/internal/claims"
	"github.com/credence-news/credence/internal/clean"
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/gazetteer"
	"github.com/credence-news/credence/internal/genre"
	"github.com/credence-news/credence/internal/headline"
	"github.com/credence-news/credence/internal/ingest"
	"github.com/credence-news/credence/internal/language"
	"github.com/credence-news/credence/internal/segment"
	"github.com/credence-news/credence/internal/signals"
	"github.com/credence-news/credence/internal/tagger"
	"github.com/credence-news/credence/internal/verdict"
	"github.com/credence-news/credence/sources"
)

// Config sets up an Analyzer. The zero value uses the shipped rules, lists
// and models with every stage on.
type Config struct {
	// DataDir is a user data folder laid over the shipped files, in the
	// layout `credence data list` prints: DIR/signals/hedges.txt replaces
	// the shipped list, DIR/signals/hedges.extra.txt extends it (.txt and
	// .tsv lists only), DIR/tagger/tagger.bin.gz replaces the model. A
	// file there that Credence does not read is an error, so that a
	// misspelt name does not silently change nothing.
	DataDir string
	// Disable switches stages off by name ("verdict", "claims", "signals",
	// "attribution", "language"). A stage that reads a layer a disabled
	// stage writes is an error at New. Ingest, clean and segment always
	// run.
	Disable []string
	// MaxBytes refuses larger inputs (an *InputError with code
	// "too-large"); 0 means ingest.DefaultMaxBytes.
	MaxBytes int64
}

// Analyzer runs the pipeline with rules, lists and models loaded once. It
// is safe for concurrent use: the loaded data is never written after New.
type Analyzer struct {
	stages   []stage
	engine   *doc.Engine
	maxBytes int64
}

// decl is what a pipeline stage reads and writes.
type decl struct {
	name     string
	reads    []doc.Layer
	writes   doc.Layer
	optional bool // Config.Disable can switch it off
}

// pipeline lists the stages in order with the layers they read and write:
// New checks it against Config.Disable before loading anything.
var pipeline = []decl{
	{"clean", []doc.Layer{doc.LayerInput}, doc.LayerText, false},
	{"segment", []doc.Layer{doc.LayerText}, doc.LayerSegments, false},
	{"language", []doc.Layer{doc.LayerSegments}, doc.LayerWords, true},
	{"attribution", []doc.Layer{doc.LayerSegments, doc.LayerWords}, doc.LayerAttributions, true},
	{"signals", []doc.Layer{doc.LayerSegments, doc.LayerWords, doc.LayerAttributions}, doc.LayerSignals, true},
	{"claims", []doc.Layer{doc.LayerSegments, doc.LayerWords, doc.LayerAttributions, doc.LayerSignals}, doc.LayerClaims, true},
	{"verdict", []doc.Layer{doc.LayerSegments, doc.LayerWords, doc.LayerAttributions, doc.LayerSignals, doc.LayerClaims}, doc.LayerVerdict, true},
}

// stage is one step of the pipeline and how to run it on a document.
type stage struct {
	name string
	run  func(*doc.Document) error
}

// New loads every rule file, list and model, and builds the stage list. A
// missing or malformed file is an error naming it; a stage left reading a
// layer that nothing writes is an error naming both.
func New(cfg Config) (*Analyzer, error) {
	if err := checkStages(cfg.Disable); err != nil {
		return nil, err
	}
	off := func(name string) bool { return slices.Contains(cfg.Disable, name) }
	files, err := datafile.New(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	a := &Analyzer{maxBytes: cfg.MaxBytes}
	if a.maxBytes <= 0 {
		a.maxBytes = ingest.DefaultMaxBytes
	}

	// The models and tables load in parallel: on two cores that halves
	// the wait at start-up. Each load is started only when a stage that
	// needs it is on.
	needLanguage := !off("language") || !off("attribution") || !off("signals") || !off("claims")
	var (
		gz      *gazetteer.Gazetteer
		tm      *tagger.Model
		cb, sat *headline.Model
		cw      *checkworthy.Model
		table   *sources.Table
		vm      *verdict.Model
		genres  *genre.Detector
	)
	var loads loader
	if needLanguage {
		loads.run(func() (err error) {
			if gz, err = gazetteer.Load(files); err != nil {
				return err
			}
			tm, err = tagger.Open(files, gz)
			return err
		})
	}
	if !off("signals") {
		loads.run(func() (err error) { cb, err = headline.OpenClickbait(files); return err })
		loads.run(func() (err error) { sat, err = headline.OpenSatire(files); return err })
	}
	if !off("claims") {
		loads.run(func() (err error) { cw, err = checkworthy.Open(files); return err })
	}
	if !off("attribution") {
		loads.run(func() (err error) { table, err = sources.Open(files); return err })
	}
	if !off("verdict") {
		loads.run(func() (err error) { vm, err = verdict.Open(files); return err })
		loads.run(func() (err error) { genres, err = genre.Open(files); return err })
	}
	rules, err := clean.Open(files)
	if err != nil {
		loads.wait()
		return nil, err
	}
	seg, err := segment.Open(files)
	if err != nil {
		loads.wait()
		return nil, err
	}
	a.stages = append(a.stages,
		stage{name: "clean", run: func(d *doc.Document) error {
			if err := rules.Clean(d); err != nil {
				return err
			}
			if d.Text == "" {
				return &ingest.Error{Code: ingest.CodeNoText, Msg: "no article text left after removing boilerplate"}
			}
			return nil
		}},
		stage{name: "segment", run: func(d *doc.Document) error {
			seg.Segment(d)
			return nil
		}},
	)

	if err := loads.wait(); err != nil {
		return nil, err
	}
	if !off("language") {
		st, err := language.New(files, tm, gz, seg)
		if err != nil {
			return nil, err
		}
		a.stages = append(a.stages, stage{name: "language", run: st.Annotate})
	}
	if !off("attribution") {
		st, err := attribution.New(files, gz, table)
		if err != nil {
			return nil, err
		}
		a.stages = append(a.stages, stage{name: "attribution", run: st.Annotate})
	}
	if !off("signals") {
		st, err := signals.New(files, tm, cb, sat)
		if err != nil {
			return nil, err
		}
		a.stages = append(a.stages, stage{name: "signals", run: func(d *doc.Document) error { st.Annotate(d); return nil }})
	}
	if !off("claims") {
		st := claims.New(cw)
		a.stages = append(a.stages, stage{name: "claims", run: st.Annotate})
	}
	if !off("verdict") {
		st := verdict.New(vm, genres.NotNews)
		a.stages = append(a.stages, stage{name: "verdict", run: func(d *doc.Document) error { st.Annotate(d); return nil }})
	}
	// The stages built must be the declared ones, in order: the checks
	// above were made on the declarations.
	var want, got []string
	for _, d := range pipeline {
		if !off(d.name) {
			want = append(want, d.name)
		}
	}
	for _, st := range a.stages {
		got = append(got, st.name)
	}
	if !slices.Equal(got, want) {
		return nil, fmt.Errorf("internal error: stages %v do not match the pipeline's declarations %v", got, want)
	}
	unused, err := files.Unused()
	if err != nil {
		return nil, fmt.Errorf("data folder %s: %w", cfg.DataDir, err)
	}
	if len(unused) > 0 {
		return nil, fmt.Errorf("data folder %s: %s is not a file Credence reads (see `credence data list`)", cfg.DataDir, unused[0])
	}
	a.engine = buildEngine(a.stages, files.Files())
	return a, nil
}

// ConfigError is a Config that cannot work whatever the data (a stage
// switched off that another needs, an unknown stage): the caller's mistake,
// not a broken file.
type ConfigError struct{ msg string }

func (e *ConfigError) Error() string { return e.msg }

// checkStages checks Config.Disable against the pipeline: only optional
// stages can be switched off, and every stage left on must read only
// layers that a stage before it writes.
func checkStages(disable []string) error {
	var optional []string
	writer := map[doc.Layer]string{}
	for _, d := range pipeline {
		if d.optional {
			optional = append(optional, d.name)
		}
		writer[d.writes] = d.name
	}
	for _, name := range disable {
		if !slices.Contains(optional, name) {
			return &ConfigError{fmt.Sprintf("cannot switch off stage %q: the stages that can be switched off are %s", name, strings.Join(optional, ", "))}
		}
	}
	written := map[doc.Layer]bool{doc.LayerInput: true}
	for _, d := range pipeline {
		if slices.Contains(disable, d.name) {
			continue
		}
		for _, l := range d.reads {
			if !written[l] {
				return &ConfigError{fmt.Sprintf("stage %s reads the %s layer, which stage %s writes, but %s is switched off",
					d.name, l, writer[l], writer[l])}
			}
		}
		written[d.writes] = true
	}
	return nil
}

// buildEngine records the stages and data files behind every report.
func buildEngine(stages []stage, files []datafile.File) *doc.Engine {
	e := &doc.Engine{Version: Version}
	h := sha256.New()
	fmt.Fprintf(h, "credence %s\n", Version)
	for _, st := range stages {
		e.Stages = append(e.Stages, st.name)
		fmt.Fprintf(h, "stage %s\n", st.name)
	}
	for _, f := range files {
		df := doc.DataFile{Name: f.Name, Kind: dataKind(f.Name), SHA256: f.SHA256, Origin: f.Origin, Bytes: f.Bytes}
		if f.Name == sources.FileName && f.Origin == "shipped" {
			df.AsOf = ratingsAsOf
		}
		e.Data = append(e.Data, df)
		fmt.Fprintf(h, "%s %s\n", f.Name, f.SHA256)
	}
	e.Fingerprint = hex.EncodeToString(h.Sum(nil))[:16]
	return e
}

// ratingsAsOf is the newest publication year of the rating sets behind
// the shipped ratings table (Lin et al. 2023; see sources/data/README.md).
const ratingsAsOf = "2023"

func dataKind(name string) string {
	switch {
	case strings.HasSuffix(name, ".bin.gz"):
		return "model"
	case name == sources.FileName, name == signals.ReferenceFile:
		return "table"
	case name == clean.RulesFile, name == genre.CuesFile:
		return "rules"
	}
	return "list"
}

// Engine returns what this analyzer records in every report: its version,
// stages and data files with their hashes.
func (a *Analyzer) Engine() doc.Engine { return *a.engine }

// loader runs loads in parallel; wait returns the error of the first load
// (in the order they were started) that failed, so the error New reports
// does not depend on timing.
type loader struct {
	wg   sync.WaitGroup
	errs []*error
}

func (l *loader) run(load func() error) {
	err := new(error)
	l.errs = append(l.errs, err)
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		*err = load()
	}()
}

func (l *loader) wait() error {
	l.wg.Wait()
	for _, err := range l.errs {
		if *err != nil {
			return *err
		}
	}
	return nil
}
