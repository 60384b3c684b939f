//go:build unix

// Package cputime reads the CPU time the process has used, all threads
// together (the garbage collector's background work included): the
// "per CPU-second" figures of the benchmarks and of `credence batch`.
package cputime

import (
	"syscall"
	"time"
)

// Used is the CPU time (user + system) the process has used so far; 0
// where it cannot be read.
func Used() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
