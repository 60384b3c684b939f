//go:build !unix

package main

import "time"

// cpuTime is not measured here: the summary then leaves the per-CPU rate out.
func cpuTime() time.Duration { return 0 }
