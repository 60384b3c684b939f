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
	return open(files, ClickbaitFile, clickbaitBytes)
}

// OpenSatire: see OpenClickbait.
func OpenSatire(files *datafile.Set) (*Model, error) { return open(files, SatireFile, satireBytes) }

func open(files *datafile.Set, name string, shipped []byte) (*Model, error) {
	b, err := files.Read(name, shipped)
	if err != nil {
		return nil, err
	}
	m, err := loadEmbedded(b)
	if err != nil {
		return nil, files.Errorf(name, "%v", err)
	}
	return m, nil
}
