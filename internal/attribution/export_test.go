package attribution

import (
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/gazetteer"
	"github.com/credence-news/credence/sources"
)

// Annotate runs the stage with the shipped lists and table, for the
// external tests that re-run one stage on a document.
func Annotate(d *doc.Document) error {
	files := datafile.Shipped()
	gz, err := gazetteer.Load(files)
	if err != nil {
		return err
	}
	table, err := sources.Open(files)
	if err != nil {
		return err
	}
	st, err := New(files, gz, table)
	if err != nil {
		return err
	}
	return st.Annotate(d)
}
