//go:build !unix

// Package cputime reads the CPU time the process has used.
package cputime

import "time"

// Used is 0 here: the CPU clock is not read on this platform, and callers
// leave per-CPU figures out.
func Used() time.Duration { return 0 }
