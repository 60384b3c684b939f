//go:build linux

// Command scale generates large and hostile inputs and measures how the
// credence CLI's CPU time, peak memory and report size grow with them.
//
//	go run ./bench/scale -bin /tmp/credence                 # every shape
//	go run ./bench/scale -bin /tmp/credence -shapes runon,quotes -sizes 256K,2M
//	go run ./bench/scale -gen DIR                           # write the inputs only
//
// Inputs are generated deterministically: "news" concatenates the articles
// of ../shared/datasets/articles/*.jsonl when present (read at run time, never
// copied into the repository), else the articles shipped in examples/ and
// testdata/heldout/; the hostile shapes are built from short templates
// written here. See bench/README.md.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A shape builds an input of about n bytes.
type shape struct {
	name  string
	sizes string // default sizes
	what  string
	build func(n int) []byte
}

var shapes = []shape{
	{"news", "1M,2M,4M,8M", "varied news articles, concatenated paragraphs", news},
	{"runon", hostile, `one run-on sentence: "the officials reported that" repeated`, runon},
	{"names", hostile, `"John SmithN Jones of Acme Corp said" repeated, no full stop`, names},
	{"paras", hostile, "short paragraphs that each name the same person", paras},
	{"quotes", hostile, `"…," he said. quotes, ten to a paragraph`, quotes},
	{"bigpara", hostile, "varied news sentences in one giant paragraph", bigpara},
	{"nested", hostile, "nested and unbalanced quotation marks, one paragraph", nested},
	{"headline", hostile, "a huge headline (one line) above a short body", headline},
	{"entities", hostile, "thousands of distinct people and organisations", entities},
	{"longtok", hostile, "long tokens (4 KB words, URLs) between short sentences", longtok},
	{"parens", hostile, "many and deeply nested parentheses, one paragraph", parens},
	{"andsaid", hostile, `"and said" repeated without a subject, one sentence a paragraph`, andsaid},
	{"saidsaid", hostile, `"X said Y said Z said …" chains in short sentences`, saidsaid},
}

const hostile = "256K,512K,1M,2M"

func main() {
	bin := flag.String("bin", "", "the credence binary to measure")
	genDir := flag.String("gen", "", "write the inputs to `DIR` and stop")
	only := flag.String("shapes", "", "comma-separated shapes (default: all)")
	sizes := flag.String("sizes", "", "comma-separated sizes, e.g. 256K,1M (default: per shape)")
	timeout := flag.Duration("timeout", 60*time.Second, "CPU-time limit per run (the run is killed and marked >)")
	maxBytes := flag.String("max-bytes", "64M", "--max-bytes passed to the CLI")
	keep := flag.Bool("keep", false, "keep the generated inputs and reports (printed)")
	maxRSS := flag.Int("max-rss", 4096, "peak-memory limit per run in `MB` (the run is killed and marked >)")
	flag.Parse()
	if *bin == "" && *genDir == "" {
		fmt.Fprintln(os.Stderr, "scale: give -bin BINARY (or -gen DIR)")
		os.Exit(2)
	}
	want := map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		if s != "" {
			want[s] = true
		}
	}
	dir := *genDir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "credence-scale-"); err != nil {
			fatal(err)
		}
		if !*keep {
			defer os.RemoveAll(dir)
		} else {
			fmt.Fprintln(os.Stderr, "inputs and reports in", dir)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		fatal(err)
	}
	var fixed float64
	if *bin != "" {
		// The fixed cost of a run (loading the models): the least CPU time
		// of three runs on a one-paragraph article. "net s/MB" leaves it out.
		in := filepath.Join(dir, "fixed.txt")
		if err := os.WriteFile(in, []byte(fixedArticle), 0o644); err != nil {
			fatal(err)
		}
		fixed = -1
		for range 3 {
			r := measure(*bin, in, in+".json", *maxBytes, *timeout, *maxRSS)
			if r.err != "" {
				fatal(fmt.Errorf("%s on a small article: %s", *bin, r.err))
			}
			if fixed < 0 || r.cpu < fixed {
				fixed = r.cpu
			}
		}
		fmt.Printf("fixed cost per run (one short article, least of 3): %.2f CPU s\n", fixed)
		fmt.Printf("%-9s %6s %8s %8s %9s %8s %12s %9s\n", "shape", "size", "CPU s", "CPU s/MB", "net s/MB", "RSS MB", "report B", "report/in")
	}
	for _, sh := range shapes {
		if len(want) > 0 && !want[sh.name] {
			continue
		}
		ss := sh.sizes
		if *sizes != "" {
			ss = *sizes
		}
		for _, s := range strings.Split(ss, ",") {
			n, err := parseSize(s)
			if err != nil {
				fatal(err)
			}
			in := filepath.Join(dir, fmt.Sprintf("%s-%s.txt", sh.name, s))
			if err := os.WriteFile(in, sh.build(n), 0o644); err != nil {
				fatal(err)
			}
			if *bin == "" {
				continue
			}
			r := measure(*bin, in, in+".json", *maxBytes, *timeout, *maxRSS)
			if !*keep {
				os.Remove(in)
				os.Remove(in + ".json")
			}
			r.print(sh.name, s, fixed)
		}
	}
}

const fixedArticle = `Council approves new library hours

The town council voted on Tuesday to open the central library on Sundays from next month, its leader, Maria Jones, said. "Families asked for this," she told reporters.
`

type result struct {
	in, out  int64
	cpu      float64
	rss      float64 // MB
	timedOut bool    // past the CPU-time limit
	tooBig   bool    // past the memory limit
	err      string
	cpuPerMB float64
	outPerIn float64
}

func measure(bin, in, out, maxBytes string, limit time.Duration, maxRSS int) result {
	st, _ := os.Stat(in)
	r := result{in: st.Size()}
	cmd := exec.Command(bin, "analyze", "--compact", "--max-bytes", maxBytes, "-o", out, in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Poll the child's CPU time (utime+stime from /proc) against the limit,
	// so that a loaded machine does not kill a run that is merely waiting.
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	var err error
wait:
	for {
		select {
		case err = <-done:
			break wait
		case <-tick.C:
			if procCPU(cmd.Process.Pid) > limit.Seconds() {
				r.timedOut = true
				cmd.Process.Kill()
			}
			if procRSS(cmd.Process.Pid) > maxRSS {
				r.tooBig = true
				cmd.Process.Kill()
			}
		}
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.cpu = tv(ru.Utime) + tv(ru.Stime)
		r.rss = float64(ru.Maxrss) / 1024
	}
	if err != nil && !r.timedOut && !r.tooBig {
		r.err = strings.TrimSpace(stderr.String())
		if r.err == "" {
			r.err = err.Error()
		}
	}
	if fi, e := os.Stat(out); e == nil && !r.timedOut && !r.tooBig && r.err == "" {
		r.out = fi.Size()
	}
	mb := float64(r.in) / (1 << 20)
	r.cpuPerMB = r.cpu / mb
	if r.in > 0 {
		r.outPerIn = float64(r.out) / float64(r.in)
	}
	return r
}

func (r result) print(name, size string, fixed float64) {
	mark, rssMark := "", ""
	if r.timedOut || r.tooBig {
		mark = ">"
	}
	if r.tooBig {
		rssMark = ">"
	}
	net := (r.cpu - fixed) / (float64(r.in) / (1 << 20))
	line := fmt.Sprintf("%-9s %6s %8s %8s %9s %8s", name, size,
		mark+strconv.FormatFloat(r.cpu, 'f', 2, 64), mark+strconv.FormatFloat(r.cpuPerMB, 'f', 2, 64),
		mark+strconv.FormatFloat(net, 'f', 2, 64), rssMark+strconv.FormatFloat(r.rss, 'f', 0, 64))
	switch {
	case r.timedOut || r.tooBig:
		line += fmt.Sprintf(" %12s %9s", "-", "-")
	case r.err != "":
		line += "  error: " + firstLine(r.err)
	default:
		line += fmt.Sprintf(" %12d %9.2f", r.out, r.outPerIn)
	}
	fmt.Println(line)
}

// procCPU is the CPU time used so far by pid, in seconds (Linux /proc; 0
// elsewhere, where only the final rusage counts).
func procCPU(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		s = s[i+1:]
	}
	f := strings.Fields(s)
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseFloat(f[11], 64)
	k, _ := strconv.ParseFloat(f[12], 64)
	return (u + k) / 100 // USER_HZ
}

// procRSS is the resident memory of pid in MB (Linux /proc; 0 elsewhere).
func procRSS(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.Atoi(f[0])
				return kb / 1024
			}
		}
	}
	return 0
}

func tv(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func parseSize(s string) (int, error) {
	s = strings.TrimSpace(s)
	mul := 1
	switch {
	case strings.HasSuffix(s, "K"):
		mul, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mul, s = 1<<20, strings.TrimSuffix(s, "M")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int(f * float64(mul)), nil
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "scale:", err)
	os.Exit(1)
}

// ---- inputs ----

// fill repeats piece(i) for i = 0, 1, ... until the body holds n bytes, after
// a headline line and a blank line.
func fill(title string, n int, piece func(i int) string) []byte {
	var b bytes.Buffer
	b.Grow(n + 256)
	b.WriteString(title)
	b.WriteString("\n\n")
	for i := 0; b.Len() < n; i++ {
		b.WriteString(piece(i))
	}
	b.WriteString("\n")
	return b.Bytes()
}

var articleCache [][]string // paragraphs of each article

// articles returns the paragraphs of the source articles, the datasets'
// when present, else the repository's.
func articles() [][]string {
	if articleCache != nil {
		return articleCache
	}
	root := repoRoot()
	for _, f := range []string{"train.jsonl", "coaid.jsonl", "fakenewscorpus-sample.jsonl"} {
		fh, err := os.Open(filepath.Join(root, "..", "shared", "datasets", "articles", f))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var rec struct{ Title, Text string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && len(rec.Text) > 200 {
				articleCache = append(articleCache, paragraphs(rec.Title+"\n\n"+rec.Text))
			}
		}
		fh.Close()
	}
	if len(articleCache) > 0 {
		return articleCache
	}
	var files []string
	for _, g := range []string{"examples/*.txt", "testdata/heldout/*.txt", "examples/*.json", "testdata/heldout/*.json"} {
		m, _ := filepath.Glob(filepath.Join(root, g))
		files = append(files, m...)
	}
	sort.Strings(files)
	for _, f := range files {
		if strings.HasSuffix(f, ".gold.json") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		s := string(b)
		if strings.HasSuffix(f, ".json") {
			var rec struct{ Title, Text string }
			if json.Unmarshal(b, &rec) != nil {
				continue
			}
			s = rec.Title + "\n\n" + rec.Text
		}
		articleCache = append(articleCache, paragraphs(s))
	}
	if len(articleCache) == 0 {
		fatal(fmt.Errorf("no source articles found under %s", root))
	}
	return articleCache
}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func repoRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		p := filepath.Dir(d)
		if p == d {
			return dir
		}
		d = p
	}
}

// newsParas yields the paragraphs of every article in turn; on later passes
// over the corpus the numbers in them change, so that repeats are not exact.
func newsParas() func() string {
	arts := articles()
	a, p, pass := 0, 0, 0
	return func() string {
		for p >= len(arts[a]) {
			a, p = a+1, 0
			if a == len(arts) {
				a, pass = 0, pass+1
			}
		}
		s := arts[a][p]
		p++
		if pass > 0 {
			s = strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return '0' + (r-'0'+rune(pass))%10
				}
				return r
			}, s)
		}
		return s
	}
}

func news(n int) []byte {
	next := newsParas()
	return fill("Varied news, concatenated", n, func(int) string { return next() + "\n\n" })
}

func bigpara(n int) []byte {
	next := newsParas()
	return fill("One giant paragraph", n, func(int) string { return next() + " " })
}

func runon(n int) []byte {
	b := fill("Officials report", n, func(int) string { return "the officials reported that " })
	return append(bytes.TrimRight(b, " \n"), ".\n"...)
}

func names(n int) []byte {
	return fill("Names", n, func(i int) string { return fmt.Sprintf("John Smith%d Jones of Acme Corp said ", i) })
}

func paras(n int) []byte {
	return fill("Smith speaks", n, func(i int) string {
		return "John Smith said the plan would work.\n\n"
	})
}

func quotes(n int) []byte {
	return fill("Quotes", n, func(i int) string {
		s := `"We will win," he said.`
		if i%10 == 9 {
			return s + "\n\n"
		}
		return s + " "
	})
}

func nested(n int) []byte {
	return fill("Nested", n, func(i int) string {
		switch i % 4 {
		case 0:
			return `"He said 'she told me "they said 'it is so' and left" at noon' today," Smith said. `
		case 1:
			return `“Open “quote “never closed ‘single ‘also `
		case 2:
			return `"a" "b" " c " '' "" `
		}
		return `« Nested « guillemets » said » Jones. `
	})
}

func headline(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "Minister %d says the plan will work ", i)
	}
	b.WriteString("\n\nThe minister spoke on Monday. \"It works,\" she said.\n")
	return b.Bytes()
}

var syll = []string{"ka", "lo", "mi", "ren", "dor", "vis", "tal", "bun", "per", "sa", "go", "ne", "lis", "tor", "ma", "qui"}

func word(i int) string {
	var s strings.Builder
	for k := 0; k < 3; k++ {
		s.WriteString(syll[i%len(syll)])
		i /= len(syll)
	}
	w := s.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

func entities(n int) []byte {
	return fill("Entities", n, func(i int) string {
		s := fmt.Sprintf("%s %s of %s Corp met %s %s in %s, the %s Ministry said.",
			word(i), word(i*7+3), word(i*13+5), word(i*3+1), word(i*11+2), word(i*5+4), word(i*17+6))
		if i%8 == 7 {
			return s + "\n\n"
		}
		return s + " "
	})
}

func longtok(n int) []byte {
	long := strings.Repeat("abcdefgh", 512)
	return fill("Long tokens", n, func(i int) string {
		switch i % 3 {
		case 0:
			return long + " " + word(i) + " said. "
		case 1:
			return "See https://example.com/" + long[:2000] + "?q=" + strconv.Itoa(i) + " for more. "
		}
		return "Numbers " + strings.Repeat("1234567890", 200) + ".\n\n"
	})
}

func parens(n int) []byte {
	return fill("Parens", n, func(i int) string {
		if i%2 == 0 {
			return strings.Repeat("(", 20) + "Smith said (reportedly) " + strings.Repeat(")", 19) + " "
		}
		return "The plan (which (he said) (she said) would work) failed [citation] {x}. "
	})
}

func andsaid(n int) []byte {
	return fill("And said", n, func(i int) string {
		return "and then " + strings.Repeat("and said ", 100) + "so.\n\n"
	})
}

func saidsaid(n int) []byte {
	return fill("Said", n, func(i int) string {
		return fmt.Sprintf("Ann%[1]d said Bob%[1]d said Carl%[1]d told Dan%[1]d that Eve%[1]d claimed the deal was done. ", i%1000)
	})
}
