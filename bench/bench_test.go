// Package bench holds Credence's whole-pipeline benchmarks. The corpus is
// fixed: the articles that ship in examples/ and testdata/heldout/, so the
// figures are comparable between commits. See README.md for how to run them
// and the latest figures.
package bench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/credence-news/credence"
)

type article struct {
	name string
	raw  []byte
}

// corpus loads the fixed benchmark corpus, split by input kind.
func corpus(tb testing.TB) (text, html []article) {
	tb.Helper()
	var files []string
	for _, pat := range []string{"../examples/*", "../testdata/heldout/*"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, m...)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".gold.json") || strings.HasSuffix(f, ".md") {
			continue
		}
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			continue // examples/corpus: the batch demo's inputs
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		a := article{filepath.Base(f), raw}
		if strings.HasSuffix(f, ".html") {
			html = append(html, a)
		} else {
			text = append(text, a)
		}
	}
	if len(text) == 0 || len(html) == 0 {
		tb.Fatalf("benchmark corpus incomplete: %d text/JSON and %d HTML articles", len(text), len(html))
	}
	return text, html
}

func totalBytes(as []article) int64 {
	n := 0
	for _, a := range as {
		n += len(a.raw)
	}
	return int64(n)
}

// cpuClock measures the CPU time a benchmark uses, for the per-core
// figure "articles/cpu-s": articles per second of CPU time, all threads
// (the garbage collector's background workers included). On a shared VM
// it is steadier than the wall-clock articles/s, which other tenants'
// load (CPU steal) moves by ±20%.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{cpuTime()} }

func (c cpuClock) report(b *testing.B, articles int) {
	if used := cpuTime() - c.start; used > 0 && c.start > 0 {
		b.ReportMetric(float64(articles)/used.Seconds(), "articles/cpu-s")
	}
}

// runPipeline analyses every article of the corpus b.N times on one
// goroutine, so articles/s is a per-core figure.
func runPipeline(b *testing.B, as []article) {
	ctx := context.Background()
	b.SetBytes(totalBytes(as))
	b.ReportAllocs()
	b.ResetTimer()
	clock := startCPU()
	for i := 0; i < b.N; i++ {
		for _, a := range as {
			if _, err := credence.Analyze(ctx, a.raw, credence.Options{}); err != nil {
				b.Fatalf("%s: %v", a.name, err)
			}
		}
	}
	clock.report(b, b.N*len(as))
	b.ReportMetric(float64(b.N*len(as))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkPipeline is the whole pipeline per core: plain text and JSON
// records (no extraction), and HTML pages (go-trafilatura extraction first).
func BenchmarkPipeline(b *testing.B) {
	text, html := corpus(b)
	b.Run("text", func(b *testing.B) { runPipeline(b, text) })
	b.Run("html", func(b *testing.B) { runPipeline(b, html) })
}

// BenchmarkPipelineParallel runs the plain-text corpus on all cores
// (GOMAXPROCS goroutines), the shape of a bulk run.
func BenchmarkPipelineParallel(b *testing.B) {
	text, _ := corpus(b)
	ctx := context.Background()
	b.SetBytes(totalBytes(text))
	b.ReportAllocs()
	b.ResetTimer()
	clock := startCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, a := range text {
				if _, err := credence.Analyze(ctx, a.raw, credence.Options{}); err != nil {
					b.Errorf("%s: %v", a.name, err)
					return
				}
			}
		}
	})
	clock.report(b, b.N*len(text))
	b.ReportMetric(float64(b.N*len(text))/b.Elapsed().Seconds(), "articles/s")
}

// TestCorpusAnalyses keeps the corpus honest: every article in it must
// analyse without error, so a benchmark never measures an error path.
func TestCorpusAnalyses(t *testing.T) {
	text, html := corpus(t)
	for _, a := range append(text, html...) {
		rep, err := credence.Analyze(context.Background(), a.raw, credence.Options{})
		if err != nil {
			t.Errorf("%s: %v", a.name, err)
			continue
		}
		if rep.Stats.Sentences < 5 {
			t.Errorf("%s: only %d sentences", a.name, rep.Stats.Sentences)
		}
	}
}

// BenchmarkStages runs the pipeline on the plain-text corpus up to each
// stage in turn, so each stage's cost shows as the drop from the line
// before (the issues set budgets per stage: attribution must not halve the
// throughput of the pipeline before it).
func BenchmarkStages(b *testing.B) {
	text, _ := corpus(b)
	// Each line is an analyzer with the stages after it switched off
	// (clean and segment always run). The analyzers load their models
	// before the timing starts.
	later := []string{"language", "attribution", "signals", "claims", "verdict"}
	for n := 0; n <= len(later); n++ {
		name := "segment"
		if n > 0 {
			name = later[n-1]
		}
		a, err := credence.New(credence.Config{Disable: later[n:]})
		if err != nil {
			b.Fatal(err)
		}
		b.Run("to-"+name, func(b *testing.B) {
			b.SetBytes(totalBytes(text))
			b.ReportAllocs()
			clock := startCPU()
			for i := 0; i < b.N; i++ {
				for _, art := range text {
					if _, err := a.Document(context.Background(), art.raw, credence.Options{}); err != nil {
						b.Fatal(err)
					}
				}
			}
			clock.report(b, b.N*len(text))
			b.ReportMetric(float64(b.N*len(text))/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
