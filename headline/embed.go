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

type lazy struct {
	once sync.Once
	m    *Model
	err  error
}

func (l *lazy) get(b []byte) (*Model, error) {
	l.once.Do(func() { l.m, l.err = Load(bytes.NewReader(b)) })
	return l.m, l.err
}

var clickbait, satire lazy

// Clickbait returns the embedded clickbait model (positive class
// "clickbait", negative "news"), loaded on first use and shared.
func Clickbait() (*Model, error) { return clickbait.get(clickbaitBytes) }

// Satire returns the embedded satire model (positive class "satire" — The
// Onion — negative "real" — r/NotTheOnion), loaded on first use and shared.
func Satire() (*Model, error) { return satire.get(satireBytes) }
