package tagger

import (
	"bytes"
	_ "embed"
	"sync"
)

// The shipped model, trained by "credence train tagger" (see
// model/MODEL_CARD.md).
//
//go:embed model/tagger.bin.gz
var embedded []byte

var loadDefault = sync.OnceValues(func() (*Model, error) {
	return Load(bytes.NewReader(embedded))
})

// Default returns the embedded model, loaded on first use and shared.
func Default() (*Model, error) { return loadDefault() }
