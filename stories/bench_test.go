package stories

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/report"
)

// sampleReports analyses the first n articles of the sample corpus (in
// the repository, not the shared data).
func sampleReports(tb testing.TB, n int) []*report.Report {
	tb.Helper()
	f, err := os.Open("../examples/corpus/sample.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	var out []*report.Report
	for sc.Scan() && (n <= 0 || len(out) < n) {
		var r struct{ ID, URL, Site, Published, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatal(err)
		}
		rep, err := credence.Analyze(context.Background(), []byte(r.Text),
			credence.Options{Kind: "text", Title: r.Title, URL: r.URL, Site: r.Site, Published: r.Published})
		if err != nil {
			tb.Fatal(err)
		}
		rep.ID = r.ID
		out = append(out, rep)
	}
	return out
}

// BenchmarkExtract: one typical article (sample-corpus articles are
// 250–500 words). The target is ≤ 30 µs an article.
func BenchmarkExtract(b *testing.B) {
	reps := sampleReports(b, 20)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Extract(reps[i%len(reps)])
	}
}

func BenchmarkRelated(b *testing.B) {
	reps := sampleReports(b, 20)
	fs := make([]Features, len(reps))
	for i, r := range reps {
		fs[i] = Extract(r)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Related(fs[i%len(fs)], fs[(i*7+3)%len(fs)])
	}
}

func BenchmarkKeys(b *testing.B) {
	reps := sampleReports(b, 20)
	fs := make([]Features, len(reps))
	for i, r := range reps {
		fs[i] = Extract(r)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		IndexKeys(fs[i%len(fs)])
	}
}
