package stories

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/credence-news/credence"
)

func TestZZDebug(t *testing.T) {
	ids := strings.Split(os.Getenv("IDS"), ",")
	if len(ids) < 2 {
		t.Skip()
	}
	f, _ := os.Open("../examples/corpus/sample.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	for sc.Scan() {
		var r struct{ ID, URL, Site, Published, Title, Text string }
		json.Unmarshal(sc.Bytes(), &r)
		if !want[r.ID] {
			continue
		}
		rep, _ := credence.Analyze(context.Background(), []byte(r.Text), credence.Options{Kind: "text", Title: r.Title, URL: r.URL, Site: r.Site, Published: r.Published})
		fmt.Println("==", r.ID, r.Title)
		leadEnd := rep.Sentences[min(2, len(rep.Sentences)-1)].End
		cnt := map[string]int{}
		first := map[string]int{}
		for _, e := range rep.Entities {
			c, ok := entityClass(e.Type)
			if !ok {
				continue
			}
			k := entityKey(e.Canonical, c)
			key := fmt.Sprintf("%s/%d", k, c)
			if _, ok := first[key]; !ok {
				first[key] = e.Start
			}
			cnt[key]++
		}
		for k, n := range cnt {
			if n >= 2 || first[k] < leadEnd {
				fmt.Printf("  %s x%d\n", k, n)
			}
		}
		b, _ := stripDateline(lead(rep)); fmt.Println("  LEAD:", b)
		fe := Extract(rep)
		fmt.Println("  ", len(fe.Entities), len(fe.Title), len(fe.Terms))
	}
}
