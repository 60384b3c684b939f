package credence

import (
	"context"
	"iter"
	"runtime"
	"sync"

	"github.com/credence-news/credence/report"
)

// Item is one input to AnalyzeAll: the article's bytes and its options.
type Item struct {
	Input   []byte
	Options Options
}

// Result is AnalyzeAll's answer for one item: its index in the input
// sequence (from 0) and either its report or the error that stopped it.
type Result struct {
	Index  int
	Report *Report
	Err    error
}

// AnalyzeAll analyses a sequence of articles on workers goroutines (0
// means GOMAXPROCS) and yields one Result per item, in input order. At
// most 2×workers items are read ahead of the one being yielded, so memory
// stays bounded however long the sequence is. An item's error (bad input,
// say) is its Result's Err and does not stop the others. Stopping the
// iteration early, or cancelling ctx, stops the workers; after a
// cancellation the remaining items are not read, and the iteration ends
// with a Result whose Err is ctx.Err().
//
// This is the engine batch runs, the server and workers share.
func (a *Analyzer) AnalyzeAll(ctx context.Context, items iter.Seq[Item], workers int) iter.Seq[Result] {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return func(yield func(Result) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type job struct {
			i    int
			item Item
			out  chan Result
		}
		jobs := make(chan job)
		// order holds each item's answer channel in input order; its
		// capacity bounds how far reading runs ahead of yielding.
		order := make(chan chan Result, 2*workers)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					r := Result{Index: j.i}
					if err := ctx.Err(); err != nil {
						r.Err = err
					} else {
						r.Report, r.Err = a.analyzeItem(ctx, j.item)
					}
					j.out <- r
				}
			}()
		}
		go func() {
			defer close(order)
			defer close(jobs)
			i := 0
			for item := range items {
				out := make(chan Result, 1)
				select {
				case order <- out:
				case <-ctx.Done():
					return
				}
				select {
				case jobs <- job{i, item, out}:
				case <-ctx.Done():
					out <- Result{Index: i, Err: ctx.Err()}
					return
				}
				i++
			}
		}()
		defer wg.Wait()
		defer cancel()
		for out := range order {
			r := <-out
			if !yield(r) {
				return
			}
			if r.Err != nil && r.Err == ctx.Err() {
				return
			}
		}
		if err := ctx.Err(); err != nil {
			yield(Result{Index: -1, Err: err})
		}
	}
}

func (a *Analyzer) analyzeItem(ctx context.Context, it Item) (*report.Report, error) {
	return a.Analyze(ctx, it.Input, it.Options)
}
