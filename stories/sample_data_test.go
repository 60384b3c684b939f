//go:build data

package stories

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/credence-news/credence/internal/eval"
)

// The sample corpus's pairwise precision and recall must stay at or above
// the floors the thresholds reached when they were tuned on it (README.md;
// `credence eval stories --sets sample,sample-undated` prints the figures).
// Run with: go test -tags data ./stories/
func TestStoriesSampleCorpusFloors(t *testing.T) {
	reps := sampleReports(t, 0)
	gold := map[string]string{}
	f, err := os.Open("../examples/corpus/sample-truth.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r struct {
			ID    string
			Event *string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		gold[r.ID] = "own:" + r.ID
		if r.Event != nil {
			gold[r.ID] = "event:" + *r.Event
		}
	}
	for _, tc := range []struct {
		name              string
		undated           bool
		precision, recall float64
	}{
		{"dated", false, 0.99, 0.80},
		{"undated", true, 0.99, 0.86},
	} {
		fs := make([]Features, len(reps))
		labels := make([]string, len(reps))
		for i, r := range reps {
			fs[i] = Extract(r)
			if tc.undated {
				fs[i].Day = NoDay
			}
			labels[i] = gold[r.ID]
		}
		s := eval.ScoreClusters(Cluster(fs).Of, labels)
		t.Logf("%s: pairwise P %.3f R %.3f; B-cubed P %.3f R %.3f; %d clusters", tc.name, s.PairPrecision, s.PairRecall, s.BCubedPrecision, s.BCubedRecall, s.Clusters)
		if s.PairPrecision < tc.precision || s.PairRecall < tc.recall {
			t.Errorf("%s: pairwise P %.3f R %.3f, floors %.2f and %.2f", tc.name, s.PairPrecision, s.PairRecall, tc.precision, tc.recall)
		}
	}
}
