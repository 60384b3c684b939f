package sources

import "github.com/credence-news/credence/internal/datafile"

// FileName is the ratings table's name in the data layout.
const FileName = "sources/ratings.tsv.gz"

// Open loads the ratings table from files (the embedded table, or a data
// folder's replacement built with `credence sources build`). An unreadable
// table is an error naming the file.
func Open(files *datafile.Set) (*Table, error) { return datafile.Open(files, FileName, embedded, Load) }
