package main

import (
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/eval"
	"github.com/credence-news/credence/internal/shareddata"
)

// TestPolNeARDev guards the attribution figures of issue 4 on the PolNeAR
// dev split: content-span F1 (token overlap) and source accuracy on matched
// relations. The floors sit just under the measured figures (0.752 and
// 0.929) so that a regression fails the build.
func TestPolNeARDev(t *testing.T) {
	dir := shareddata.Dir(t, "datasets", "attribution", "polnear", "dev")
	docs, err := eval.LoadPolNeAR(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := eval.ScoreAttribution(docs, predictAttributions)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("content-token F1 %.3f, source accuracy %.3f", s.ContentToken.F1, s.SourceAccuracy)
	if s.ContentToken.F1 < 0.745 || s.SourceAccuracy < 0.90 {
		t.Errorf("content-token F1 %.3f (floor 0.745), source accuracy %.3f (floor 0.90)", s.ContentToken.F1, s.SourceAccuracy)
	}
}

func TestEvalAttributionCommand(t *testing.T) {
	code, _, errOut := runCLI(t, "", "eval", "attribution")
	if code != exitUsage || !strings.Contains(errOut, "--gold is required") {
		t.Errorf("no --gold: exit %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "eval", "attribution", "--gold", t.TempDir())
	if code != exitError || errOut == "" || strings.Count(errOut, "\n") != 1 {
		t.Errorf("empty dir: exit %d %q", code, errOut)
	}
}
