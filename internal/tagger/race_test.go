//go:build race

package tagger

// The race detector makes sync.Pool drop items, so Tag allocates.
const raceEnabled = true
