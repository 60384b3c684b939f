//go:build data

// Slow tests on the shared data, run with -tags data (as CI does).

package checkworthy

import "testing"

// TestLeaveOneDebateOut checks the figure of the model card: MAP >= 0.20
// on the CLEF-2019 training debates, each held out in turn.
func TestLeaveOneDebateOut(t *testing.T) {
	cb, clef := loadData(t)
	for _, with := range []bool{false, true} {
		r := LeaveOneDebateOut(cb, clef, with, DefaultConfig())
		if len(r) != 19 {
			t.Fatalf("%d debates, want 19", len(r))
		}
		if m := MeanAP(r); m < 0.20 {
			t.Errorf("withCLEF=%v: leave-one-debate-out MAP %.4f < 0.20", with, m)
		} else {
			t.Logf("withCLEF=%v: leave-one-debate-out MAP %.4f", with, m)
		}
	}
}
