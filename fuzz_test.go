package credence_test

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/ingest"
)

// FuzzAnalyze feeds arbitrary bytes to the whole pipeline: it must return a
// report or an error, never panic, and a report's offsets must hold.
// Inputs that look like HTML are analysed as plain text: the HTML extractor
// is third-party code whose WASM regexp engine stalls under the fuzzer's
// coverage instrumentation (HTML robustness is covered by the mutation
// test TestMutatedInputs instead).
func FuzzAnalyze(f *testing.F) {
	files, _ := filepath.Glob("examples/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Headline\n\n[caption id=\"1\"]x[/caption] (Image: AP) Body text here.\n"))
	f.Add([]byte("<p>short</p>"))
	f.Add([]byte(`{"title":"t","text":"Body\u00a0text [embed]x[/embed]."}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		opts := credence.Options{}
		if ingest.Detect(b) == doc.KindHTML {
			opts.Kind = "text"
		}
		rep, err := credence.Analyze(context.Background(), b, opts)
		if err != nil {
			if !credence.IsInputError(err) {
				t.Fatalf("error is not an input error: %v", err)
			}
			return
		}
		if !utf8.ValidString(rep.Text) {
			t.Fatalf("text is not valid UTF-8")
		}
		n := utf8.RuneCountInString(rep.Text)
		for _, s := range rep.Sentences {
			if s.Start < 0 || s.End > n || s.Start > s.End {
				t.Fatalf("sentence [%d,%d) outside text of %d", s.Start, s.End, n)
			}
		}
		for _, r := range rep.Removed {
			if r.At < 0 || r.At > n {
				t.Fatalf("removal at %d outside text of %d", r.At, n)
			}
		}
	})
}

// TestMutatedInputs damages the shipped examples (HTML included) in
// deterministic random ways: byte flips, truncation, cut-out stretches. Every
// result must be a report or an input error, never a panic or another error.
func TestMutatedInputs(t *testing.T) {
	files, err := filepath.Glob("examples/*")
	files = slices.DeleteFunc(files, func(f string) bool {
		st, err := os.Stat(f)
		return err == nil && st.IsDir() // examples/corpus: the batch demo's inputs
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	rng := rand.New(rand.NewSource(7))
	for it := 0; it < 400; it++ {
		name := files[it%len(files)]
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 1+rng.Intn(20); k++ {
			switch i := rng.Intn(len(b)); rng.Intn(3) {
			case 0:
				b[i] = byte(rng.Intn(256))
			case 1:
				b = b[:i]
			case 2:
				if j := rng.Intn(len(b)); i < j {
					b = append(b[:i:i], b[j:]...)
				}
			}
			if len(b) == 0 {
				b = []byte{' '}
			}
		}
		_, err = credence.Analyze(context.Background(), b, credence.Options{})
		if err != nil && !credence.IsInputError(err) {
			t.Errorf("%s mutation %d: %v", name, it, err)
		}
	}
}
