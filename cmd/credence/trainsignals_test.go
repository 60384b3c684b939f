package main

import (
	"strings"
	"testing"
)

func TestTrainSignalsAuditSizeMustBePositive(t *testing.T) {
	code, _, errOut := runCLI(t, "", "train", "signals", "--reference-only", "--audit-size", "0")
	if code != exitUsage || !strings.Contains(errOut, "--audit-size must be at least 1, not 0") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
