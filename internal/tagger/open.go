package tagger

import (
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/gazetteer"
)

// FileName is the model's name in the data layout.
const FileName = "tagger/tagger.bin.gz"

// Open loads the tagger model from files (the embedded model, or a data
// folder's replacement) and has it use the gazetteer gz for its gazetteer
// features. A model that cannot be read is an error naming the file.
func Open(files *datafile.Set, gz *gazetteer.Gazetteer) (*Model, error) {
	m, err := datafile.Open(files, FileName, embedded, Load)
	if err != nil {
		return nil, err
	}
	m.gaz = gz
	return m, nil
}
