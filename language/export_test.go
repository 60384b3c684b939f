package language

import (
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/gazetteer"
	"github.com/credence-news/credence/internal/tagger"
	"github.com/credence-news/credence/segment"
)

// Annotate runs the stage with the shipped lists and models, for the
// external tests that re-run one stage on a document.
func Annotate(d *doc.Document) error {
	files := datafile.Shipped()
	gz, err := gazetteer.Load(files)
	if err != nil {
		return err
	}
	m, err := tagger.Open(files, gz)
	if err != nil {
		return err
	}
	seg, err := segment.Open(files)
	if err != nil {
		return err
	}
	st, err := New(files, m, gz, seg)
	if err != nil {
		return err
	}
	return st.Annotate(d)
}
