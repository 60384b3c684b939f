package headline

import "github.com/credence-news/credence/internal/datafile"

// File names of the models in the data layout.
const (
	ClickbaitFile = "headline/clickbait.bin.gz"
	SatireFile    = "headline/satire.bin.gz"
)

// OpenClickbait and OpenSatire load the models from files (the embedded
// models, or a data folder's replacements). An unreadable model is an
// error naming the file.
func OpenClickbait(files *datafile.Set) (*Model, error) {
	return datafile.Open(files, ClickbaitFile, clickbaitBytes, Load)
}

// OpenSatire: see OpenClickbait.
func OpenSatire(files *datafile.Set) (*Model, error) {
	return datafile.Open(files, SatireFile, satireBytes, Load)
}
