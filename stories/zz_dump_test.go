package stories

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/credence-news/credence"
)

func TestZZDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	gold := map[string]string{}
	f, _ := os.Open("../examples/corpus/sample-truth.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r struct {
			ID    string
			Event *string
			Role  string
		}
		json.Unmarshal(sc.Bytes(), &r)
		if r.Event != nil {
			gold[r.ID] = *r.Event
		} else {
			gold[r.ID] = "own:" + r.ID
		}
	}
	f, _ = os.Open("../examples/corpus/sample.jsonl")
	sc = bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var ids []string
	var fs []Features
	for sc.Scan() {
		var r struct{ ID, URL, Site, Published, Title, Text string }
		json.Unmarshal(sc.Bytes(), &r)
		rep, _ := credence.Analyze(context.Background(), []byte(r.Text), credence.Options{Kind: "text", Title: r.Title, URL: r.URL, Site: r.Site, Published: r.Published})
		ids = append(ids, r.ID)
		fs = append(fs, Extract(rep))
	}
	out, _ := os.Create("/tmp/pairs.tsv")
	defer out.Close()
	fmt.Fprintln(out, "a\tb\tsame\tdays\tstrong\tweak\tterms\ttermJ\ttitle\ttitleSim\tcand\tna\tnb")
	for i := range fs {
		for j := i + 1; j < len(fs); j++ {
			a, b := fs[i], fs[j]
			d := int(a.Day) - int(b.Day)
			if d < 0 {
				d = -d
			}
			s, w := sharedEntities(a.Entities, b.Entities)
			tm := intersect(a.Terms, b.Terms)
			tj := jaccard(tm, len(a.Terms), len(b.Terms))
			ti := intersect(a.Title, b.Title)
			ts := 0.0
			if m := min(len(a.Title), len(b.Title)); m > 0 {
				ts = float64(ti) / float64(m)
			}
			c := 0
			if Candidate(a, b) {
				c = 1
			}
			fmt.Fprintf(out, "%s\t%s\t%v\t%d\t%d\t%d\t%d\t%.3f\t%d\t%.3f\t%d\t%d\t%d\n", ids[i], ids[j], gold[ids[i]] == gold[ids[j]], d, s, w, tm, tj, ti, ts, c, len(a.Terms), len(b.Terms))
		}
	}
}
