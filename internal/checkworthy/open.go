package checkworthy

import "github.com/credence-news/credence/internal/datafile"

// FileName is the model's name in the data layout.
const FileName = "checkworthy/claims.bin.gz"

// Open loads the check-worthiness model from files (the embedded model,
// or a data folder's replacement). An unreadable model is an error naming
// the file.
func Open(files *datafile.Set) (*Model, error) { return datafile.Open(files, FileName, embedded, Load) }
