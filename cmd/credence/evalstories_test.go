package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// eval stories on the sample corpus (in the repository): the JSON holds
// the set's scores, and the sample is clustered without a false link.
func TestEvalStoriesSample(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"eval", "stories", "--sets", "sample", "--json",
		"--sample", "../../examples/corpus/sample.jsonl", "--truth", "../../examples/corpus/sample-truth.jsonl"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res []struct {
		Set    string
		Scores struct {
			N             int
			PairPrecision float64 `json:"pair_precision"`
			PairRecall    float64 `json:"pair_recall"`
		}
		Links struct {
			FalseLinks int `json:"false_links"`
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if len(res) != 1 || res[0].Set != "sample" || res[0].Scores.N != 311 {
		t.Fatalf("unexpected result: %+v", res)
	}
	if s := res[0].Scores; s.PairPrecision < 0.99 || s.PairRecall < 0.78 {
		t.Errorf("pairwise P %.3f R %.3f", s.PairPrecision, s.PairRecall)
	}
}

func TestEvalStoriesUnknownSet(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"eval", "stories", "--sets", "nope"}, nil, &out, &errb); code == 0 || !strings.Contains(errb.String(), "unknown set") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}
