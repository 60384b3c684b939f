package tagger

import "math/bits"

func bitsTrailing(x uint32) int { return bits.TrailingZeros32(x) }
