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

// warcRecord is one WARC/1.0 response record holding an HTTP response.
func warcRecord(id, uri, contentType, body string) string {
	http := "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body
	return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <" + id + ">\r\nWARC-Date: 2026-03-04T10:00:00Z\r\n" +
		"WARC-Target-URI: " + uri + "\r\nContent-Type: application/http; msgtype=response\r\n" +
		"Content-Length: " + fmt.Sprint(len(http)) + "\r\n\r\n" + http + "\r\n\r\n"
}

// TestBatchListsBadRecordsAndGoesOn runs a folder holding one bad record
// of each kind the issue names beside good ones: every good record is
// stored, every bad one is listed with its position and reason.
func TestBatchListsBadRecordsAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "crawl")
	os.Mkdir(in, 0o755)
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.jsonl", []byte(newsLine(1)+"\n"+`{"id": "cut", "title": "Half a rec`+"\n"+
		`{"id": "empty", "title": "Council meets", "text": "  "}`+"\n"+newsLine(2)+"\n"))
	write("b.csv", []byte("id,title,text,site\n"+
		"csv-1,Ferry cancelled,\"The morning ferry was cancelled on Monday after a fault, the operator said.\n\nPassengers were offered refunds.\",harbourtimes.example\n"+
		"csv-2,Missing its text\n"))
	full := gz([]byte(newsLine(3) + "\n" + newsLine(4) + "\n" + newsLine(5) + "\n"))
	write("c.jsonl.gz", full[:len(full)*2/3])
	page := "<html><head><title>Harbour wall repaired</title></head><body><article><h1>Harbour wall repaired</h1>" +
		"<p>Engineers finished repairs to the harbour wall on Friday, three months after a storm broke a section of it, the port authority said.</p>" +
		"<p>\"The wall is safe again,\" said Ruth Calder, the harbour master. The work cost 1.2 million pounds, according to the authority.</p></article></body></html>"
	write("d.warc", []byte(warcRecord("urn:uuid:0000-page", "https://harbourtimes.example/wall", "text/html; charset=utf-8", page)+
		warcRecord("urn:uuid:0000-photo", "https://harbourtimes.example/wall.jpg", "image/jpeg", "\xff\xd8\xff\xe0 not really a photo")))

	var stdout, stderr bytes.Buffer
	code := run([]string{"batch", in, "--store", filepath.Join(dir, "s.db"), "--errors", filepath.Join(dir, "errors.jsonl"), "--progress", "none"},
		strings.NewReader(""), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var got []string
	f, _ := os.Open(filepath.Join(dir, "errors.jsonl"))
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l struct{ ID, Pos, Kind, Message string }
		json.Unmarshal(sc.Bytes(), &l)
		got = append(got, l.ID+" | "+l.Pos+" | "+l.Kind+" | "+l.Message)
	}
	want := []string{
		"a.jsonl:2 | a.jsonl line 2 | bad-json | not a JSON object: unexpected end of JSON input",
		"empty | a.jsonl line 3 | no-text | JSON record has no article text: give a non-empty \"text\" (or \"html\") field",
		"csv-2 | b.csv row 3 | missing-column | row 3 (line 5) has 2 fields, the header has 4",
		// Cut in its only deflate block: no line of it can be read.
		"c.jsonl.gz:1 | c.jsonl.gz line 1 | truncated | the input ends inside line 1 (unexpected EOF)",
		"urn:uuid:0000-photo | d.warc offset 706 | not-html | the payload is image/jpeg, not HTML: https://harbourtimes.example/wall.jpg",
	}
	for i := range max(len(got), len(want)) {
		g, w := "", ""
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("error %d:\n got %s\nwant %s", i+1, g, w)
		}
	}
	db, err := sqlite.OpenReadOnly(filepath.Join(dir, "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stored []string
	db.Each(context.Background(), func(id string, _ []byte) error {
		stored = append(stored, id)
		return nil
	})
	wantStored := []string{"csv-1", "story-0001", "story-0002", "urn:uuid:0000-page"}
	if !slices.Equal(stored, wantStored) {
		t.Errorf("stored %v, want %v", stored, wantStored)
	}
	if !strings.Contains(stderr.String(), "errors by kind: bad-json 1 · missing-column 1 · no-text 1 · not-html 1 · truncated 1") {
		t.Errorf("the summary does not count the errors by kind:\n%s", stderr.String())
	}
}

// TestStoreCommands batches three articles and reads them back with
// search, show, export, errors and stats.
func TestStoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(newsLine(0)+"\n"+newsLine(1)+"\n"+newsLine(2)+"\n{oops\n"), 0o644)
	cmd := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, e := cmd("batch", in, "--store", db, "--progress", "none"); code != exitOK {
		t.Fatalf("batch: exit %d: %s", code, e)
	}

	code, out, e := cmd("search", "--store", db, "--format", "json", "--site", "northgazette.example", "finance chair")
	if code != exitOK {
		t.Fatalf("search: exit %d: %s", code, e)
	}
	var res struct {
		Query string
		Hits  []struct {
			ID, Site, Snippet string
			Highlights        [][2]int
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Query != "finance chair" || len(res.Hits) != 1 || res.Hits[0].ID != "story-0001" || res.Hits[0].Site != "northgazette.example" {
		t.Fatalf("search hits = %+v, want story-0001 of northgazette.example alone", res.Hits)
	}
	h := res.Hits[0]
	var marked []string
	for _, sp := range h.Highlights {
		marked = append(marked, string([]rune(h.Snippet)[sp[0]:sp[1]]))
	}
	if !slices.Equal(marked, []string{"finance", "chair"}) {
		t.Errorf("highlighted %q in snippet %q, want finance and chair", marked, h.Snippet)
	}

	code, out, _ = cmd("search", "--store", db, "--color", "never", "detour")
	if code != exitOK || !strings.Contains(out, "«detour»") || !strings.Contains(out, "id story-0000") {
		t.Errorf("text search: exit %d\n%s", code, out)
	}
	if code, out, _ = cmd("search", "--store", db, "zebra"); code != exitOK || out != "no matches\n" {
		t.Errorf("search with no hit: exit %d, %q", code, out)
	}
	if code, _, e = cmd("search", "--store", db, `"unclosed`); code != exitError || !strings.HasPrefix(e, "credence: bad search query") {
		t.Errorf("bad query: exit %d, %q", code, e)
	}
	if code, _, e = cmd("search", "--store", db, "--from", "March 3"); code != exitUsage || !strings.Contains(e, `--from must be a date (YYYY-MM-DD), not "March 3"`) {
		t.Errorf("bad date: exit %d, %q", code, e)
	}

	code, out, _ = cmd("show", "--store", db, "--format", "json", "story-0002")
	var rep struct{ ID, Schema string }
	json.Unmarshal([]byte(out), &rep)
	if code != exitOK || rep.ID != "story-0002" || rep.Schema != "credence/report/v1" {
		t.Errorf("show json: exit %d, id %q schema %q", code, rep.ID, rep.Schema)
	}
	code, out, _ = cmd("show", "--store", db, "--format", "text", "--summary", "--color", "never", "story-0002")
	if code != exitOK || !strings.HasPrefix(out, "Carlow council delays vote on bridge repairs for 4 weeks\n") {
		t.Errorf("show text: exit %d\n%s", code, out)
	}
	if code, _, e = cmd("show", "--store", db, "story-9999"); code != exitError ||
		e != `credence: no article with id "story-9999" in `+db+" (credence search lists the ids)\n" {
		t.Errorf("show unknown id: exit %d, %q", code, e)
	}

	code, out, _ = cmd("export", "--store", db)
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct{ ID string }
		json.Unmarshal([]byte(l), &r)
		ids = append(ids, r.ID)
	}
	if code != exitOK || !slices.Equal(ids, []string{"story-0000", "story-0001", "story-0002"}) {
		t.Errorf("export: exit %d, ids %v", code, ids)
	}
	code, out, _ = cmd("errors", "--store", db)
	if code != exitOK || !strings.Contains(out, `"pos":"line 4","kind":"bad-json"`) {
		t.Errorf("errors: exit %d\n%s", code, out)
	}
	code, out, _ = cmd("stats", "--store", db, "--format", "json")
	var st struct {
		Articles, Errors int
		Sites            []struct{ Name string }
	}
	json.Unmarshal([]byte(out), &st)
	if code != exitOK || st.Articles != 3 || st.Errors != 1 || len(st.Sites) != 3 {
		t.Errorf("stats: exit %d, %+v", code, st)
	}
	if code, _, e = cmd("stats", "--store", filepath.Join(dir, "none.db")); code != exitError || !strings.Contains(e, "no store at") {
		t.Errorf("stats without a store: exit %d, %q", code, e)
	}
}

// TestCopiesCommand batches the shipped sample corpus and shows its
// planted chain wire → broadsheet → tabloid → viral rewrite.
func TestCopiesCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the sample corpus")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	cmd := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, e := cmd("batch", "../../examples/corpus/sample.jsonl", "--store", db, "--progress", "none"); code != exitOK {
		t.Fatalf("batch: exit %d: %s", code, e)
	}
	code, out, e := cmd("copies", "--store", db, "--format", "json", "dailyflare-0001")
	if code != exitOK {
		t.Fatalf("copies: exit %d: %s", code, e)
	}
	var res struct {
		Original string
		Copies   []struct {
			ID         string
			Similarity float64
			Changes    []struct{ Kind, Before, After, Note string }
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Original != "presswire-0002" {
		t.Errorf("original = %q, want the wire report presswire-0002", res.Original)
	}
	kinds := map[string][]string{}
	for _, c := range res.Copies {
		for _, ch := range c.Changes {
			kinds[c.ID] = append(kinds[c.ID], ch.Kind)
		}
	}
	for _, id := range []string{"harbourtimes-0001", "dailyflare-0001", "buzzfeedr-0001"} {
		if !slices.Contains(kinds[id], "headline") || !slices.Contains(kinds[id], "sentence-added") {
			t.Errorf("%s: changes %v, want its new headline and added sentences", id, kinds[id])
		}
	}
	if code, _, e = cmd("copies", "--store", db, "nope"); code != exitError || !strings.Contains(e, `no article with id "nope"`) {
		t.Errorf("unknown id: exit %d, %q", code, e)
	}
	if code, _, e = cmd("copies", "--store", db, "--similarity", "0.2", "presswire-0002"); code != exitUsage ||
		!strings.Contains(e, "--similarity must be between 0.4 (the least the store keeps) and 1, not 0.2") {
		t.Errorf("bad similarity: exit %d, %q", code, e)
	}
	code, out, _ = cmd("copies", "--store", db, "--color", "never", "presswire-0001")
	if code == exitOK {
		t.Errorf("--color is not a copies flag, yet exit 0")
	}
	code, out, _ = cmd("copies", "--store", db, "presswire-0002")
	if code != exitOK || !strings.HasPrefix(out, "Original: Harbourton council approves £48m Tidewater Bridge replacement after late-night vote\n") ||
		!strings.Contains(out, "id buzzfeedr-0001") {
		t.Errorf("copies text: exit %d\n%s", code, out)
	}
}
