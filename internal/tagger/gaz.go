package tagger

import "github.com/credence-news/credence/internal/gazetteer"

// gazFlags sets flags[i] to the gazetteer's begin/inside bits of words[i]
// (bit 2c: a match of class c begins at word i; bit 2c+1: word i is inside
// one).
func gazFlags(words []string, flags []uint32) {
	gazetteer.Default().Flags(words, flags)
}
