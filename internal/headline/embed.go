package headline

import (
	"bytes"
	_ "embed"
	"sync"
)

// The shipped models, trained by "credence train headlines" (see
// model/MODEL_CARD.md).
var (
	//go:embed model/clickbait.bin.gz
	clickbaitBytes []byte
	//go:embed model/satire.bin.gz
	satireBytes []byte
)

var (
	clickbait = sync.OnceValues(func() (*Model, error) { return loadEmbedded(clickbaitBytes) })
	satire    = sync.OnceValues(func() (*Model, error) { return loadEmbedded(satireBytes) })
)

// loadEmbedded loads an embedded model.
func loadEmbedded(b []byte) (*Model, error) { return Load(bytes.NewReader(b)) }

// Clickbait returns the embedded clickbait model (positive class
// "clickbait", negative "news"), loaded on first use and shared.
func Clickbait() (*Model, error) { return clickbait() }

// Satire returns the embedded satire model (positive class "satire" — The
// Onion — negative "real" — r/NotTheOnion), loaded on first use and shared.
func Satire() (*Model, error) { return satire() }
