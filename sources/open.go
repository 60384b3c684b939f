package sources

import (
	"bytes"

	"github.com/credence-news/credence/internal/datafile"
)

// FileName is the ratings table's name in the data layout.
const FileName = "sources/ratings.tsv.gz"

// Open loads the ratings table from files (the embedded table, or a data
// folder's replacement built with `credence sources build`). An unreadable
// table is an error naming the file.
func Open(files *datafile.Set) (*Table, error) {
	b, err := files.Read(FileName, embedded)
	if err != nil {
		return nil, err
	}
	t, err := Load(bytes.NewReader(b))
	if err != nil {
		return nil, files.Errorf(FileName, "%v", err)
	}
	return t, nil
}
