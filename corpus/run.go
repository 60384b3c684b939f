package corpus

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/report"
	"github.com/credence-news/credence/store"
)

// RunOptions configure Run.
type RunOptions struct {
	// Workers analyse in parallel; 0 means GOMAXPROCS.
	Workers int
	// Output is a JSONL file of reports, one per record, each with its
	// "id" ("" for none). An existing file is resumed: the ids it holds
	// are not written again, and a torn last line is cut off.
	Output string
	// Errors is a JSONL file of the records that could not be analysed
	// ("" for none), resumed the same way (keyed by input and position).
	Errors string
	// Store receives reports and failures (nil for none).
	Store store.Store
	// Read configures the readers.
	Read ReadOptions
	// Stop, when closed, stops reading: the records already read are
	// finished and written, and Run returns with Summary.Interrupted.
	Stop <-chan struct{}
	// Progress, when set, is called from the writer about every
	// ProgressEvery (default 1 s).
	Progress      func(Progress)
	ProgressEvery time.Duration
	// CommitEvery bounds how many records a store transaction holds and
	// how long the files go unsynced (defaults 256 records, 1 s).
	CommitRecords int
	CommitEvery   time.Duration
}

// Progress is a running count, for progress bars.
type Progress struct {
	Records  int // records read and settled (analysed, skipped or failed)
	Analysed int
	Skipped  int // already done by an earlier run with the same content and engine
	Failed   int
	Bytes    int64 // input bytes consumed so far (compressed bytes for gzip)
	Elapsed  time.Duration
}

// Summary is what a run did.
type Summary struct {
	Progress
	FailKinds   map[string]int // failures by kind
	Labels      map[string]int // analysed reports by most probable label
	Bands       map[string]int // analysed reports by credibility band ("abstained" when it abstained)
	Interrupted bool           // Stop was closed before the inputs ended
}

// disposition is what the reader side decided for a record.
type disposition uint8

const (
	analyse disposition = iota
	skip                // done in every sink
	fail                // could not be read, or a duplicate id
)

// job is one record on its way through the workers to the writer.
type job struct {
	rec   Record
	hash  string
	what  disposition
	toOut bool // the output file does not hold it yet
	fail  *RecordError

	// filled by the worker
	rep   *credence.Report
	json  []byte
	label string
	band  string
	done  chan struct{}
}

// Run analyses every record of inputs with a and writes the reports to
// the sinks in opts, in input order. It is resumable: records already in
// every sink (with the same content hash and engine, for the store) are
// skipped, so rerunning an interrupted command finishes the work with
// every record written exactly once. A record that cannot be read or
// analysed is a failure, listed with its position and reason, and the run
// goes on. Run's error is for what stops the whole run: an input that
// cannot be opened, a sink that cannot be written.
func Run(ctx context.Context, a *credence.Analyzer, inputs []string, opts RunOptions) (Summary, error) {
	start := time.Now()
	sum := Summary{FailKinds: map[string]int{}, Labels: map[string]int{}, Bands: map[string]int{}}
	if opts.Output == "" && opts.Store == nil {
		return sum, errors.New("batch needs somewhere to write: an output file, a store, or both")
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.CommitRecords <= 0 {
		opts.CommitRecords = 256
	}
	if opts.CommitEvery <= 0 {
		opts.CommitEvery = time.Second
	}
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = time.Second
	}
	engine := a.Engine().Fingerprint
	// A new store holds nothing to skip: asking it about each record
	// would cost a query per record for nothing.
	st := opts.Store
	if st != nil {
		empty, err := st.Empty(ctx)
		if err != nil {
			return sum, fmt.Errorf("store: %w", err)
		}
		if empty {
			st = nil
		}
	}

	var out, errs *jsonlSink
	var err error
	if opts.Output != "" {
		if out, err = openReports(opts.Output, engine); err != nil {
			return sum, err
		}
		defer out.close()
	}
	if opts.Errors != "" {
		if errs, err = openFailures(opts.Errors); err != nil {
			return sum, err
		}
		defer errs.close()
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var bytesRead countingBytes
	ro := opts.Read
	ro.Counter = &bytesRead

	// The reader decides each record's disposition, in input order, and
	// queues it; order (bounded) is what the writer consumes, so reading
	// runs at most 2×workers records ahead of writing.
	jobs := make(chan *job)
	order := make(chan *job, 2*opts.Workers)
	var readErr error
	go func() {
		defer close(order)
		defer close(jobs)
		seen := newIDSet()
		for rec, err := range Read(ctx, inputs, ro) {
			if err != nil {
				readErr = err
				cancel()
				return
			}
			if opts.Stop != nil {
				select {
				case <-opts.Stop:
					return
				default:
				}
			}
			j := &job{rec: rec, done: make(chan struct{})}
			if err := settle(ctx, j, seen, out, st, opts.Store != nil, engine); err != nil {
				readErr = err
				cancel()
				return
			}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			if j.what != analyse {
				close(j.done)
				continue
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				work(ctx, a, j)
				close(j.done)
			}
		}()
	}

	// The writer: this goroutine.
	w := writer{opts: opts, out: out, errs: errs, engine: engine, sum: &sum, start: start, bytes: &bytesRead}
	w.lastCommit, w.lastProgress = time.Now(), time.Now()
	var writeErr error
	for j := range order {
		select {
		case <-j.done:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		if writeErr = w.add(ctx, j); writeErr != nil {
			cancel()
			break
		}
	}
	cancel()
	// Drain what is left so the reader and workers can end.
	for range order {
	}
	wg.Wait()
	if writeErr == nil {
		writeErr = w.flush(ctx)
	} else {
		w.waitStore() // the first error is the one to report
	}
	sum.Elapsed = time.Since(start)
	sum.Bytes = bytesRead.Load()
	if writeErr != nil {
		return sum, writeErr
	}
	if readErr != nil {
		return sum, readErr
	}
	if opts.Stop != nil {
		select {
		case <-opts.Stop:
			sum.Interrupted = true
		default:
		}
	}
	if err := ctx.Err(); err != nil && !sum.Interrupted {
		if pe := context.Cause(ctx); pe != nil && !errors.Is(pe, context.Canceled) {
			return sum, pe
		}
	}
	return sum, nil
}

// settle decides what to do with a record before any analysis.
// st is nil when the store, if any, was empty at the start (toStore says
// whether there is one).
func settle(ctx context.Context, j *job, seen *idSet, out *jsonlSink, st store.Store, toStore bool, engine string) error {
	r := &j.rec
	if r.Err != nil {
		j.what, j.fail = fail, r.Err
		return nil
	}
	if !seen.add(r.ID) {
		j.what, j.fail = fail, &RecordError{Kind: KindDuplicateID, Msg: fmt.Sprintf("id %q was already used by an earlier record of this run", r.ID)}
		return nil
	}
	j.hash = r.Hash()
	j.toOut = out != nil && !out.has(r.ID)
	inStore := !toStore
	if st != nil {
		s, err := st.State(ctx, r.ID)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		inStore = s.Found && s.Hash == j.hash && s.Engine == engine
	}
	if !j.toOut && inStore {
		j.what = skip
		return nil
	}
	j.what = analyse
	return nil
}

// work analyses one record and encodes its report, on a worker.
func work(ctx context.Context, a *credence.Analyzer, j *job) {
	rep, err := a.Analyze(ctx, j.rec.Data, j.rec.Options)
	if err != nil {
		j.what = fail
		kind := "internal"
		var ie *credence.InputError
		if errors.As(err, &ie) {
			kind = string(ie.Code)
		} else if ctx.Err() != nil {
			kind = "interrupted"
		}
		j.fail = &RecordError{Kind: kind, Msg: oneLine(err.Error())}
		return
	}
	rep.ID = j.rec.ID
	b, err := report.Marshal(rep) // json.Marshal's bytes, without reflection
	if err != nil {
		j.what = fail
		j.fail = &RecordError{Kind: "internal", Msg: "cannot encode the report: " + err.Error()}
		return
	}
	j.rep, j.json = rep, b
	j.label, j.band = labelAndBand(rep)
}

// labelAndBand are the summary's keys for a report.
func labelAndBand(rep *credence.Report) (label, band string) {
	best := -1.0
	for _, l := range rep.Labels {
		switch l.Label {
		case "reliable", "fake", "satire":
			if l.Probability != nil && *l.Probability > best {
				best, label = *l.Probability, l.Label
			}
		}
	}
	if c := rep.Credibility; c != nil {
		if c.Band != nil {
			band = *c.Band
		}
		if c.Abstained {
			band = "abstained"
		}
	}
	if label == "" {
		label = "no label"
	}
	if band == "" {
		band = "no band"
	}
	return label, band
}

// writer commits settled records to the sinks in batches.
type writer struct {
	opts      RunOptions
	out, errs *jsonlSink
	engine    string
	sum       *Summary
	start     time.Time
	bytes     *countingBytes

	arts         []store.Article
	fails        []store.Failure
	pending      int
	lastCommit   time.Time
	lastProgress time.Time
	storeDone    chan error // the store write in flight, if any
}

func (w *writer) add(ctx context.Context, j *job) error {
	s := w.sum
	s.Records++
	switch j.what {
	case skip:
		s.Skipped++
	case fail:
		s.Failed++
		s.FailKinds[j.fail.Kind]++
		f := store.Failure{Input: j.rec.Input, Pos: j.rec.Pos, ID: j.rec.ID, Hash: j.hash, Engine: w.engine,
			Kind: j.fail.Kind, Message: j.fail.Msg, At: time.Now().UTC()}
		if j.fail.Kind == "interrupted" {
			// Not the record's fault: it is left for the rerun.
			s.Failed--
			s.FailKinds[j.fail.Kind]--
			if s.FailKinds[j.fail.Kind] == 0 {
				delete(s.FailKinds, j.fail.Kind)
			}
			s.Records--
			return nil
		}
		if w.opts.Store != nil {
			w.fails = append(w.fails, f)
		}
		if w.errs != nil && !w.errs.has(f.Input+"\x00"+f.Pos) {
			if err := w.errs.writeFailure(f); err != nil {
				return err
			}
		}
	case analyse:
		s.Analysed++
		s.Labels[j.label]++
		s.Bands[j.band]++
		if w.opts.Store != nil {
			w.arts = append(w.arts, store.Article{ID: j.rec.ID, Hash: j.hash, Engine: w.engine,
				Input: j.rec.Input, Pos: j.rec.Pos, Report: j.rep, JSON: j.json})
		}
		if j.toOut {
			if err := w.out.writeLine(j.json); err != nil {
				return err
			}
		}
	}
	w.pending++
	now := time.Now()
	if w.pending >= w.opts.CommitRecords || now.Sub(w.lastCommit) >= w.opts.CommitEvery {
		if err := w.commit(ctx); err != nil {
			return err
		}
	}
	if w.opts.Progress != nil && now.Sub(w.lastProgress) >= w.opts.ProgressEvery {
		w.progress()
	}
	return nil
}

func (w *writer) progress() {
	w.lastProgress = time.Now()
	p := w.sum.Progress
	p.Elapsed = time.Since(w.start)
	p.Bytes = w.bytes.Load()
	w.opts.Progress(p)
}

// commit makes what was added durable: the files are flushed and synced
// before the store commits, so a crash between the two leaves records in
// the files that the store lacks, which a rerun writes to the store only.
// The store writes in the background while the next batch gathers (one
// write at a time): a store transaction takes long enough that waiting for
// it would leave the workers idle.
func (w *writer) commit(ctx context.Context) error {
	w.lastCommit = time.Now()
	if w.pending == 0 {
		return nil
	}
	for _, f := range []*jsonlSink{w.out, w.errs} {
		if f != nil {
			if err := f.sync(); err != nil {
				return err
			}
		}
	}
	if err := w.waitStore(); err != nil {
		return err
	}
	if w.opts.Store != nil && (len(w.arts) > 0 || len(w.fails) > 0) {
		arts, fails := w.arts, w.fails
		w.arts, w.fails = make([]store.Article, 0, len(arts)), nil
		w.storeDone = make(chan error, 1)
		go func() {
			// Not cancelled by ctx: what was analysed is worth keeping.
			w.storeDone <- w.opts.Store.Write(context.WithoutCancel(ctx), arts, fails)
		}()
	}
	w.pending = 0
	if w.opts.Progress != nil && time.Since(w.lastProgress) >= w.opts.ProgressEvery {
		w.progress()
	}
	return nil
}

// waitStore waits for the store write in flight, if any.
func (w *writer) waitStore() error {
	if w.storeDone == nil {
		return nil
	}
	err := <-w.storeDone
	w.storeDone = nil
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// flush commits what is pending and waits for the store.
func (w *writer) flush(ctx context.Context) error {
	err := w.commit(ctx)
	if werr := w.waitStore(); err == nil {
		err = werr
	}
	return err
}

// SortedCounts lists a count map most first, then by name.
func SortedCounts(m map[string]int) []store.Count {
	var out []store.Count
	for k, v := range m {
		out = append(out, store.Count{Name: k, Count: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
