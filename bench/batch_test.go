package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/internal/shareddata"
	"github.com/credence-news/credence/report"
)

// batchStep keeps every batchStep-th article of the shared corpora, in the
// order bench/batchcorpus cycles them (train, CoAID, the FakeNewsCorpus
// sample): about 100 articles in the proportions of a batch run.
const batchStep = 47

// batchRecords returns the sample of the shared corpora that
// BenchmarkBatch analyses, each record encoded as bench/batchcorpus writes
// it (id, title, text, url, published).
func batchRecords(tb testing.TB) [][]byte {
	tb.Helper()
	dir := shareddata.Dir(tb, "datasets", "articles")
	type article struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Text      string `json:"text"`
		URL       string `json:"url,omitempty"`
		Published string `json:"published,omitempty"`
	}
	var recs [][]byte
	i := 0
	for _, name := range []string{"train.jsonl", "coaid.jsonl", "fakenewscorpus-sample.jsonl"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<26)
		for sc.Scan() {
			if i%batchStep == 0 {
				var a article
				if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
					tb.Fatalf("%s: %v", name, err)
				}
				b, err := json.Marshal(a)
				if err != nil {
					tb.Fatal(err)
				}
				recs = append(recs, b)
			}
			i++
		}
		f.Close()
	}
	return recs
}

var (
	batchOnce     sync.Once
	batchRecs     [][]byte
	batchAnalyzer *credence.Analyzer
	batchErr      error
)

// BenchmarkBatch is the per-record work of `credence batch` (corpus.Run's
// workers) on one goroutine: Analyze a JSON record, then encode its report
// as they do (report.Marshal: json.Marshal's bytes), over a sample of the
// shared corpora (needs ../shared). An op is the whole sample (about 100
// articles).
func BenchmarkBatch(b *testing.B) {
	// The records and the analyzer are made once per process: the
	// benchmark function runs more than once (b.N = 1 first), and
	// bench/instructions.sh subtracts a 1x run from an (N+1)x run.
	batchOnce.Do(func() {
		batchRecs = batchRecords(b)
		batchAnalyzer, batchErr = credence.New(credence.Config{})
	})
	if batchErr != nil {
		b.Fatal(batchErr)
	}
	recs, a := batchRecs, batchAnalyzer
	ctx := context.Background()
	opts := credence.Options{Kind: "json"}
	n := 0
	for _, r := range recs {
		n += len(r)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	clock := startCPU()
	out := 0
	for i := 0; i < b.N; i++ {
		for _, r := range recs {
			rep, err := a.Analyze(ctx, r, opts)
			if err != nil {
				b.Fatal(err)
			}
			j, err := report.Marshal(rep)
			if err != nil {
				b.Fatal(err)
			}
			out += len(j)
		}
	}
	clock.report(b, b.N*len(recs))
	b.ReportMetric(float64(b.N*len(recs))/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(out)/float64(b.N*len(recs)), "report-bytes/article")
}
