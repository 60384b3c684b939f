package tagger

import "github.com/credence-news/credence/internal/gazetteer"

// gazFlags sets flags[i] to the gazetteer's begin/inside bits of words[i]
// (bit 2c: a match of class c begins at word i; bit 2c+1: word i is inside
// one). A model opened by the analyzer uses the analyzer's gazetteer;
// training and the package's own Default use the shipped one.
func (m *Model) gazFlags(words []string, flags []uint32) {
	gz := m.gaz
	if gz == nil {
		gz = gazetteer.Default()
	}
	gz.Flags(words, flags)
}
