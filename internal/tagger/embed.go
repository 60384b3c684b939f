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
	m, err := Load(bytes.NewReader(embedded))
	if err == nil {
		m.moveToHugePages()
	}
	return m, err
})

// Default returns the embedded model, loaded on first use and shared (its
// tables in huge pages where the system offers them).
func Default() (*Model, error) { return loadDefault() }
