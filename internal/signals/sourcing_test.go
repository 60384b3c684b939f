package signals_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
)

func sourcing(t *testing.T, path string) (*doc.Document, doc.Signal) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := credence.Document(context.Background(), raw, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Signals {
		if s.ID == "sourcing" {
			return d, s
		}
	}
	t.Fatal("no sourcing signal")
	return nil, doc.Signal{}
}

// The viral rewrite leans on another outlet, second-hand relays and the
// writer's own hearsay; the wire story rests on named, first-hand sources.
func TestSourcingSeparatesViralFromWire(t *testing.T) {
	d, viral := sourcing(t, "../../examples/viral-rewrite.txt")
	_, wire := sourcing(t, "../../examples/wire-story.txt")
	if !(viral.Value < 0.4 && wire.Value > 0.7) {
		t.Errorf("named first-hand share: viral %.2f, wire %.2f", viral.Value, wire.Value)
	}
	if viral.Breakdown["unattributed"] < 4 || wire.Breakdown["unattributed"] != 0 {
		t.Errorf("unattributed: viral %v, wire %v", viral.Breakdown["unattributed"], wire.Breakdown["unattributed"])
	}
	if viral.Breakdown["second-hand"] < 1 || viral.Breakdown["outlet"] < 2 {
		t.Errorf("viral outlet/second-hand counts: %v", viral.Breakdown)
	}
	if !strings.Contains(viral.Note, "RIA Novosti (unreliable)") || !strings.Contains(viral.Note, "Daily Star (mixed)") {
		t.Errorf("note = %q", viral.Note)
	}
	var notes []string
	for _, e := range viral.Evidence {
		notes = append(notes, d.Text[e.Start:e.End]+" — "+e.Note)
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{"has been spotted — unattributed", "is said to — unattributed", "RIA Novosti, known only via Daily Star"} {
		if !strings.Contains(joined, want) {
			t.Errorf("evidence lacks %q:\n%s", want, joined)
		}
	}
	if viral.Unit != "share" || viral.Percentile < 0 || viral.Percentile > 50 || wire.Percentile < 50 {
		t.Errorf("unit %q; percentiles: viral %v (want below the median of reliable reporting), wire %v", viral.Unit, viral.Percentile, wire.Percentile)
	}
}
