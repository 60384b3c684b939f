//go:build !linux

// bench/scale reads a child's CPU time and peak memory from getrusage and
// /proc, so it measures on Linux only.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "bench/scale: runs on Linux only (it reads /proc and getrusage)")
	os.Exit(2)
}
