package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/credence-news/credence"
	batchrun "github.com/credence-news/credence/corpus"
	"github.com/credence-news/credence/internal/eval"
	"github.com/credence-news/credence/internal/shareddata"
	"github.com/credence-news/credence/store/sqlite"
)

// zytePages loads the Zyte extraction benchmark's dev pages from the shared
// data, skipping the benchmark when they are absent.
func zytePages(b *testing.B) []article {
	b.Helper()
	dir := filepath.Join(shareddata.Dir(b, "datasets", "extraction", "zyte-benchmark-dev"), "html")
	ids, err := eval.PageIDs(dir)
	if err != nil {
		b.Fatal(err)
	}
	pages := make([]article, 0, len(ids))
	for _, id := range ids {
		raw, err := eval.ReadPage(dir, id)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, article{id, raw})
	}
	if len(pages) == 0 {
		b.Fatalf("no pages in %s", dir)
	}
	return pages
}

// trafilaturaOptions is how ingest called go-trafilatura before issue 15:
// fallback to readability and dom-distiller on, comments excluded.
func trafilaturaOptions() trafilatura.Options {
	return trafilatura.Options{EnableFallback: true, ExcludeComments: true}
}

// extractOnly is go-trafilatura's extraction alone, called as ingest called
// it before issue 15: the page parsed by golang.org/x/net/html (the dev
// pages are all UTF-8, so no decoding), then ExtractDocument.
func extractOnly(b *testing.B, pages []article) {
	for _, p := range pages {
		root, err := html.Parse(bytes.NewReader(p.raw))
		if err != nil {
			b.Fatalf("page %s: %v", p.name, err)
		}
		if _, err := trafilatura.ExtractDocument(root, trafilaturaOptions()); err != nil {
			b.Fatalf("go-trafilatura, page %s: %v", p.name, err)
		}
	}
}

// extractSniffed is go-trafilatura's own entry point, trafilatura.Extract,
// which also sniffs the charset and normalises the text to NFC: slower
// than extractOnly, shown for reference only.
func extractSniffed(b *testing.B, pages []article) {
	for _, p := range pages {
		if _, err := trafilatura.Extract(bytes.NewReader(p.raw), trafilaturaOptions()); err != nil {
			b.Fatalf("go-trafilatura, page %s: %v", p.name, err)
		}
	}
}

// analyseAll is Credence's full analysis of every page: extraction,
// cleaning and every stage through the verdict.
func analyseAll(b *testing.B, pages []article) {
	ctx := context.Background()
	for _, p := range pages {
		if _, err := credence.Analyze(ctx, p.raw, credence.Options{Kind: "html"}); err != nil {
			b.Fatalf("credence, page %s: %v", p.name, err)
		}
	}
}

// BenchmarkHTMLvsTrafilatura is the target of issue 15: Credence's full
// analysis of an HTML page must cost no more CPU than go-trafilatura's
// extraction alone (its fallback on). Both run on the same Zyte dev pages
// (86) in the same process.
//
//   - side-by-side: each op runs go-trafilatura and Credence on every page,
//     page by page in alternating order (so that both see the same load on
//     a shared machine), each timed by the process's CPU clock; it reports
//     both pages/cpu-s and their ratio
//     (credence/trafilatura: ≥ 1 meets the target). This is the figure to
//     quote, since the VM's speed drifts between runs.
//   - trafilatura, credence: each alone, for profiling;
//     trafilatura-Extract: go-trafilatura's Extract on the raw bytes, for
//     reference (its charset sniffing makes it slower than the baseline).
func BenchmarkHTMLvsTrafilatura(b *testing.B) {
	pages := zytePages(b)
	// Load the models and warm the caches before any timing.
	analyseAll(b, pages[:1])
	extractOnly(b, pages[:1])

	b.Run("side-by-side", func(b *testing.B) {
		var traf, cred time.Duration
		timed := func(f func(*testing.B, []article), p []article) time.Duration {
			start := cpuTime()
			f(b, p)
			return cpuTime() - start
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			// Page by page, so both see the same load; who goes first
			// alternates.
			for j := range pages {
				p := pages[j : j+1]
				if (i+j)%2 == 0 {
					traf += timed(extractOnly, p)
					cred += timed(analyseAll, p)
				} else {
					cred += timed(analyseAll, p)
					traf += timed(extractOnly, p)
				}
			}
		}
		if traf <= 0 || cred <= 0 {
			b.Skip("no CPU clock on this platform")
		}
		n := float64(b.N * len(pages))
		b.ReportMetric(n/traf.Seconds(), "trafilatura-pages/cpu-s")
		b.ReportMetric(n/cred.Seconds(), "credence-pages/cpu-s")
		b.ReportMetric(traf.Seconds()/cred.Seconds(), "ratio")
	})
	for _, c := range []struct {
		name string
		run  func(*testing.B, []article)
	}{{"trafilatura", extractOnly}, {"credence", analyseAll}, {"trafilatura-Extract", extractSniffed}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(totalBytes(pages))
			b.ReportAllocs()
			b.ResetTimer()
			clock := startCPU()
			for i := 0; i < b.N; i++ {
				c.run(b, pages)
			}
			if used := cpuTime() - clock.start; used > 0 {
				b.ReportMetric(float64(b.N*len(pages))/used.Seconds(), "pages/cpu-s")
			}
		})
	}
}

// warcOf writes pages as a .warc.gz the way crawlers do (each record its
// own gzip member): HTTP 200 responses with their HTML.
func warcOf(b *testing.B, pages []article) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "pages.warc.gz")
	var out bytes.Buffer
	for i, p := range pages {
		resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(p.raw)) + string(p.raw)
		rec := fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:zyte-%04d>\r\n"+
			"WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Target-URI: https://example.org/%s\r\n"+
			"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", i, p.name, len(resp), resp)
		zw := gzip.NewWriter(&out)
		zw.Write([]byte(rec))
		zw.Close()
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkHTMLFromWARC is the figure as a crawl meets it: the
// Zyte dev pages in a .warc.gz, read and analysed by `credence batch`'s
// runner into a new store, against go-trafilatura's extraction alone of
// the same pages, in the same op (who goes first alternates). ratio ≥ 1
// means the whole batch, store included, costs no more CPU than the
// extraction alone.
func BenchmarkHTMLFromWARC(b *testing.B) {
	pages := zytePages(b)
	warc := warcOf(b, pages)
	a, err := credence.Default()
	if err != nil {
		b.Fatal(err)
	}
	extractOnly(b, pages[:1])
	dir := b.TempDir()
	batch := func(i int) {
		st, err := sqlite.Open(filepath.Join(dir, fmt.Sprintf("s%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		sum, err := batchrun.Run(context.Background(), a, []string{warc}, batchrun.RunOptions{Store: st})
		st.Close()
		if err != nil {
			b.Fatal(err)
		}
		if sum.Analysed != len(pages) {
			b.Fatalf("analysed %d of %d pages (failures %v)", sum.Analysed, len(pages), sum.FailKinds)
		}
	}
	var traf, cred time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := cpuTime()
		if i%2 == 0 {
			extractOnly(b, pages)
			mid := cpuTime()
			batch(i)
			traf, cred = traf+mid-start, cred+cpuTime()-mid
		} else {
			batch(i)
			mid := cpuTime()
			extractOnly(b, pages)
			cred, traf = cred+mid-start, traf+cpuTime()-mid
		}
	}
	if traf <= 0 || cred <= 0 {
		b.Skip("no CPU clock on this platform")
	}
	n := float64(b.N * len(pages))
	b.ReportMetric(n/traf.Seconds(), "trafilatura-pages/cpu-s")
	b.ReportMetric(n/cred.Seconds(), "batch-pages/cpu-s")
	b.ReportMetric(traf.Seconds()/cred.Seconds(), "ratio")
}
