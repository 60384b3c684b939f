//go:build amd64 && !purego

package tagger

import "golang.org/x/sys/cpu"

var useAVX2 = cpu.X86.HasAVX2

// sumRowsAVX2 is sumRows over chunks chunks of 8 lanes (rows_amd64.s).
//
//go:noescape
func sumRowsAVX2(dst, init *int32, chunks int, r16 []*int16, r32 []*int32)
