package checkworthy

import (
	"bytes"
	_ "embed"
	"sync"
)

// The shipped model, trained by "credence train claims" (see
// model/MODEL_CARD.md).
//
//go:embed model/claims.bin.gz
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loaded on first use and shared.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(bytes.NewReader(embedded))
	})
	return defaultModel, defaultErr
}
