package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/credence-news/credence/store"
	"github.com/credence-news/credence/store/sqlite"
)

// TestMain lets the test binary run as the credence command, so that a
// test can start it as a process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("CREDENCE_TEST_RUN_CLI") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// cli starts the credence command as a process.
func cli(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CREDENCE_TEST_RUN_CLI=1")
	return cmd
}

// newsLine is one JSONL article: short, but with a quote, a source and
// a claim, so that every stage has work.
func newsLine(i int) string {
	towns := []string{"Ashford", "Brackley", "Carlow", "Dunmore", "Elgin", "Fenwick"}
	people := []string{"Maria Okafor", "James Whitlow", "Priya Nair", "Tomasz Wrobel", "Helen Achebe"}
	town, who := towns[i%len(towns)], people[i%len(people)]
	rec := map[string]string{
		"id":        fmt.Sprintf("story-%04d", i),
		"title":     fmt.Sprintf("%s council delays vote on bridge repairs for %d weeks", town, 2+i%5),
		"site":      []string{"harbourtimes.example", "northgazette.example", "dailyflare.example"}[i%3],
		"published": fmt.Sprintf("2026-03-%02dT09:00:00Z", 1+i%28),
		"text": fmt.Sprintf("The %s town council on Tuesday delayed a vote on repairs to the river bridge, "+
			"which engineers closed in February after finding cracks in two supports.\n\n"+
			"\"We will not rush a decision that costs %d million pounds,\" said %s, the council's finance chair. "+
			"According to a report by the county's highways department, the repairs could take until the autumn.\n\n"+
			"Residents said the detour adds 20 minutes to journeys into the town centre.", town, 3+i%7, who),
	}
	b, _ := json.Marshal(rec)
	return string(b)
}

func readIDs(t *testing.T, path, key string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s holds a line that is not JSON (%v): %.80s", path, err, sc.Text())
		}
		out = append(out, fmt.Sprint(m[key]))
	}
	return out
}

func countLines(path string) int {
	b, _ := os.ReadFile(path)
	return bytes.Count(b, []byte{'\n'})
}

// sameSet reports whether got holds each of want exactly once.
func sameSet(got, want []string) bool {
	g, w := slices.Clone(got), slices.Clone(want)
	sort.Strings(g)
	sort.Strings(w)
	return slices.Equal(g, w)
}

// TestBatchSurvivesKill9 kills a batch run with SIGKILL at several random
// points, reruns the same command each time, and checks that the output
// file, the errors file and the store end up holding every record exactly
// once, and that the store is intact.
func TestBatchSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the command several times")
	}
	dir := t.TempDir()
	const n = 400
	var in strings.Builder
	var want []string
	for i := range n {
		in.WriteString(newsLine(i) + "\n")
		want = append(want, fmt.Sprintf("story-%04d", i))
		switch i {
		case 50:
			in.WriteString(`{"id": "torn", "title": "a line cut short` + "\n") // line 52
		case 120:
			in.WriteString(`{"id": "blank", "title": "No body", "text": ""}` + "\n") // line 123
		case 300:
			in.WriteString(newsLine(7) + "\n") // a duplicate id, line 304
		}
	}
	wantErrs := []string{"line 52", "line 123", "line 304"}
	os.WriteFile(filepath.Join(dir, "in.jsonl"), []byte(in.String()), 0o644)
	args := []string{"batch", "in.jsonl", "-o", "out.jsonl", "--store", "s.db", "--errors", "errors.jsonl", "-j", "2", "--progress", "none"}

	rng := rand.New(rand.NewPCG(15, 9))
	killed := 0
	for round := range 5 {
		// Kill when the output holds at least k lines (0: as soon as it
		// starts, maybe while the models load).
		k := 0
		if round > 0 {
			k = countLines(filepath.Join(dir, "out.jsonl")) + 1 + rng.IntN(n/5)
		}
		cmd := cli(t, dir, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		done := false
	wait:
		for {
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("round %d: the run failed before the kill: %v\n%s", round, err, stderr.String())
				}
				done = true
				break wait
			case <-time.After(5 * time.Millisecond):
				if countLines(filepath.Join(dir, "out.jsonl")) >= k {
					cmd.Process.Signal(syscall.SIGKILL)
					<-exited
					killed++
					break wait
				}
			}
		}
		if done {
			break
		}
	}
	if killed < 3 {
		t.Fatalf("only %d runs were killed mid-way; the corpus is too small for this machine", killed)
	}
	// The last run, to the end.
	out, err := cli(t, dir, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("the resumed run failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "credence batch done") {
		t.Errorf("the resumed run's summary is missing:\n%s", out)
	}
	if got := readIDs(t, filepath.Join(dir, "out.jsonl"), "id"); len(got) != n || !sameSet(got, want) {
		t.Errorf("after %d kills, out.jsonl holds %d reports, want each of the %d records once", killed, len(got), n)
	}
	if got := readIDs(t, filepath.Join(dir, "errors.jsonl"), "pos"); !sameSet(got, wantErrs) {
		t.Errorf("errors.jsonl positions = %v, want %v once each", got, wantErrs)
	}

	db, err := sqlite.OpenReadOnly(filepath.Join(dir, "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(context.Background()); err != nil {
		t.Errorf("integrity check: %v", err)
	}
	var stored []string
	db.Each(context.Background(), func(id string, b []byte) error {
		stored = append(stored, id)
		return nil
	})
	if len(stored) != n || !sameSet(stored, want) {
		t.Errorf("the store holds %d reports, want each of the %d records once", len(stored), n)
	}
	var fails []string
	db.Failures(context.Background(), func(f store.Failure) error {
		fails = append(fails, f.Pos)
		return nil
	})
	if !sameSet(fails, wantErrs) {
		t.Errorf("the store's error list = %v, want %v", fails, wantErrs)
	}
}

// TestBatchSIGTERMFinishesInFlight checks that SIGTERM stops a run
// cleanly (exit code 3, whole lines only) and that rerunning completes it.
func TestBatchSIGTERMFinishesInFlight(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the command")
	}
	dir := t.TempDir()
	const n = 300
	var in strings.Builder
	for i := range n {
		in.WriteString(newsLine(i) + "\n")
	}
	os.WriteFile(filepath.Join(dir, "in.jsonl"), []byte(in.String()), 0o644)
	args := []string{"batch", "in.jsonl", "-o", "out.jsonl", "--store", "s.db", "--progress", "none"}
	cmd := cli(t, dir, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for countLines(filepath.Join(dir, "out.jsonl")) < 20 {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != exitInterrupted {
		if err == nil && countLines(filepath.Join(dir, "out.jsonl")) == n {
			t.Skip("the run ended before the signal arrived")
		}
		t.Fatalf("after SIGTERM: %v (want exit code %d)\n%s", err, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "credence: interrupted: rerun the same command to resume") {
		t.Errorf("stderr lacks the resume hint:\n%s", stderr.String())
	}
	b, _ := os.ReadFile(filepath.Join(dir, "out.jsonl"))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Error("SIGTERM left a torn line")
	}
	first := countLines(filepath.Join(dir, "out.jsonl"))
	out, err := cli(t, dir, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("the resumed run failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("already done %d", first)) {
		t.Errorf("the resumed run did not skip the %d records done:\n%s", first, out)
	}
	if got := readIDs(t, filepath.Join(dir, "out.jsonl"), "id"); len(got) != n {
		t.Errorf("out.jsonl holds %d reports, want %d", len(got), n)
	}
}

// gz compresses b.
func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}
