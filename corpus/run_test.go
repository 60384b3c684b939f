package corpus

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/store"
)

var testAnalyzer = sync.OnceValues(func() (*credence.Analyzer, error) { return credence.New(credence.Config{}) })

func analyzer(t testing.TB) *credence.Analyzer {
	t.Helper()
	a, err := testAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// memStore is a store.Store in memory, counting writes.
type memStore struct {
	mu     sync.Mutex
	arts   map[string]store.Article
	fails  map[string]store.Failure
	writes int
}

func newMemStore() *memStore {
	return &memStore{arts: map[string]store.Article{}, fails: map[string]store.Failure{}}
}

func (m *memStore) State(_ context.Context, id string) (store.State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.arts[id]
	return store.State{Found: ok, Hash: a.Hash, Engine: a.Engine, Input: a.Input, Pos: a.Pos}, nil
}

func (m *memStore) Empty(context.Context) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.arts) == 0, nil
}

func (m *memStore) FailureAt(_ context.Context, input, pos string) (store.Failure, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.fails[input+"\x00"+pos]
	return f, ok, nil
}

func (m *memStore) Write(_ context.Context, arts []store.Article, fails []store.Failure) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.writes++
	for _, a := range arts {
		if !json.Valid(a.JSON) {
			return fmt.Errorf("invalid JSON for %s", a.ID)
		}
		m.arts[a.ID] = a
		delete(m.fails, a.Input+"\x00"+a.Pos)
	}
	for _, f := range fails {
		m.fails[f.Input+"\x00"+f.Pos] = f
	}
	return nil
}

func (m *memStore) Report(_ context.Context, id string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.arts[id]
	if !ok {
		return nil, store.ErrNotFound
	}
	return a.JSON, nil
}

func (m *memStore) Search(context.Context, store.Query) ([]store.Hit, error) { return nil, nil }
func (m *memStore) Each(context.Context, func(string, []byte) error) error   { return nil }
func (m *memStore) Failures(context.Context, func(store.Failure) error) error {
	return nil
}
func (m *memStore) Copies(context.Context, string, float64) ([]store.Copy, error) { return nil, nil }
func (m *memStore) Stats(context.Context) (store.Stats, error)                    { return store.Stats{}, nil }
func (m *memStore) Close() error                                                  { return nil }

// The corpus-wide queries are the store's business, not the runner's.
func (m *memStore) Stories(context.Context, store.StoryQuery) ([]store.StoryRow, error) {
	return nil, nil
}
func (m *memStore) Story(context.Context, string) (store.Story, error) {
	return store.Story{}, store.ErrNotFound
}
func (m *memStore) Sites(context.Context, store.SiteQuery) ([]store.SiteRow, error) { return nil, nil }
func (m *memStore) Site(context.Context, string) (store.SiteProfile, error) {
	return store.SiteProfile{}, store.ErrNotFound
}
func (m *memStore) Rebuild(context.Context, func(int, int)) error { return nil }
func (m *memStore) SetIndexing(bool)                              {}
func (m *memStore) IndexesCurrent(context.Context) (bool, error)  { return true, nil }

// articles writes a JSONL corpus of n short articles, with the lines
// given in bad spliced in after the first two.
func articles(t *testing.T, dir string, n int, bad ...string) string {
	t.Helper()
	var b strings.Builder
	for i := range n {
		if i == 2 {
			for _, l := range bad {
				b.WriteString(l + "\n")
			}
		}
		rec := map[string]string{
			"id":    fmt.Sprintf("a%03d", i),
			"title": fmt.Sprintf("Council approves budget number %d", i),
			"text": fmt.Sprintf("The city council approved budget number %d on Tuesday, the mayor said.\n\n"+
				"\"This is a good day for the town,\" said Mayor Ana Ruiz, who proposed it in March.", i),
		}
		line, _ := json.Marshal(rec)
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// lines reads a JSONL file as the values of field key.
func lines(t *testing.T, path, key string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s: a line is not JSON: %v", path, err)
		}
		out = append(out, fmt.Sprint(m[key]))
	}
	return out
}

func ids(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("a%03d", i))
	}
	return out
}

func TestRunWritesEveryRecordOnceAndListsBadOnes(t *testing.T) {
	dir := t.TempDir()
	in := articles(t, dir, 6,
		`{"id": "broken", "title": "cut off`,
		`{"id": "a000", "title": "Same id", "text": "A different article that reuses the id of the first."}`,
		`{"id": "empty", "title": "Nothing", "text": "   "}`,
	)
	out, errs := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "errors.jsonl")
	st := newMemStore()
	sum, err := Run(context.Background(), analyzer(t), []string{in}, RunOptions{Workers: 2, Output: out, Errors: errs, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Records != 9 || sum.Analysed != 6 || sum.Failed != 3 || sum.Skipped != 0 {
		t.Errorf("summary = %+v, want 9 records: 6 analysed, 3 failed", sum.Progress)
	}
	want := map[string]int{KindBadJSON: 1, KindDuplicateID: 1, "no-text": 1}
	if fmt.Sprint(sum.FailKinds) != fmt.Sprint(want) {
		t.Errorf("failures by kind = %v, want %v", sum.FailKinds, want)
	}
	if got := lines(t, out, "id"); !slices.Equal(got, ids(6)) {
		t.Errorf("output ids = %v, want %v in input order", got, ids(6))
	}
	if got := lines(t, errs, "pos"); !slices.Equal(got, []string{"line 3", "line 4", "line 5"}) {
		t.Errorf("error positions = %v", got)
	}
	if got := lines(t, errs, "kind"); !slices.Equal(got, []string{KindBadJSON, KindDuplicateID, "no-text"}) {
		t.Errorf("error kinds = %v", got)
	}
	if len(st.arts) != 6 || len(st.fails) != 3 {
		t.Errorf("store holds %d articles and %d failures, want 6 and 3", len(st.arts), len(st.fails))
	}
	if got := st.fails[in+"\x00line 4"].Message; got != `id "a000" was already used by an earlier record of this run` {
		t.Errorf("duplicate message = %q", got)
	}

	// The same command again does nothing new.
	sum, err = Run(context.Background(), analyzer(t), []string{in}, RunOptions{Workers: 2, Output: out, Errors: errs, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Analysed != 0 || sum.Skipped != 6 || sum.Failed != 3 {
		t.Errorf("rerun = %+v, want 6 skipped and the 3 failures again", sum.Progress)
	}
	if got := lines(t, out, "id"); !slices.Equal(got, ids(6)) {
		t.Errorf("after the rerun, output ids = %v", got)
	}
	if got := lines(t, errs, "pos"); len(got) != 3 {
		t.Errorf("after the rerun, the errors file has %d lines, want 3", len(got))
	}
}

func TestRunResumesAfterStopAndTornTail(t *testing.T) {
	dir := t.TempDir()
	in := articles(t, dir, 12)
	out := filepath.Join(dir, "out.jsonl")
	st := newMemStore()
	stop := make(chan struct{})
	n := 0
	sum, err := Run(context.Background(), analyzer(t), []string{in}, RunOptions{
		Workers: 2, Output: out, Store: st, Stop: stop, CommitRecords: 1,
		Progress: func(p Progress) {
			if n++; n == 3 {
				close(stop)
			}
		}, ProgressEvery: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Records >= 12 {
		t.Fatalf("stop did not interrupt: %+v", sum)
	}
	first := lines(t, out, "id")
	if !slices.Equal(first, ids(len(first))) || len(first) != sum.Analysed {
		t.Fatalf("interrupted output = %v, want the first %d ids", first, sum.Analysed)
	}
	// A crash mid-line leaves a torn tail; the store lost its last commit.
	f, _ := os.OpenFile(out, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"schema":"credence/report/v1","id":"a0`)
	f.Close()
	delete(st.arts, first[len(first)-1])

	sum, err = Run(context.Background(), analyzer(t), []string{in}, RunOptions{Workers: 2, Output: out, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Interrupted || sum.Records != 12 {
		t.Errorf("resumed run = %+v", sum)
	}
	if got := lines(t, out, "id"); !slices.Equal(got, ids(12)) {
		t.Errorf("resumed output ids = %v, want each of the 12 once, in order", got)
	}
	if len(st.arts) != 12 {
		t.Errorf("store holds %d articles, want 12", len(st.arts))
	}
	// The record the store lost but the file held was analysed again for
	// the store only.
	if sum.Skipped != len(first)-1 {
		t.Errorf("skipped %d, want %d", sum.Skipped, len(first)-1)
	}
}

func TestRunRefusesAnotherEnginesFile(t *testing.T) {
	dir := t.TempDir()
	in := articles(t, dir, 1)
	out := filepath.Join(dir, "out.jsonl")
	os.WriteFile(out, []byte(`{"schema":"credence/report/v1","id":"x","engine":{"version":"0.1.0","fingerprint":"0123456789abcdef"}}`+"\n"), 0o644)
	_, err := Run(context.Background(), analyzer(t), []string{in}, RunOptions{Output: out})
	want := out + " holds reports from engine 0123456789abcdef, and this is engine " + analyzer(t).Engine().Fingerprint +
		": write to a new file (or delete it) so that one file holds one engine's reports"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

func TestRunAnalysesAgainWhenContentChanges(t *testing.T) {
	dir := t.TempDir()
	in := articles(t, dir, 3)
	st := newMemStore()
	if _, err := Run(context.Background(), analyzer(t), []string{in}, RunOptions{Store: st}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(in)
	os.WriteFile(in, []byte(strings.Replace(string(b), "budget number 1 on", "budget number 1 late on", 1)), 0o644)
	sum, err := Run(context.Background(), analyzer(t), []string{in}, RunOptions{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Analysed != 1 || sum.Skipped != 2 {
		t.Errorf("after editing one record: %+v, want 1 analysed and 2 skipped", sum.Progress)
	}
	if !strings.Contains(string(st.arts["a001"].JSON), "late on") {
		t.Error("the store kept the old report of the edited record")
	}
}
