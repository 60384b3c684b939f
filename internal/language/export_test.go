package language

import (
	"sync"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/gazetteer"
	"github.com/credence-news/credence/internal/segment"
	"github.com/credence-news/credence/internal/tagger"
)

// Annotate runs the stage with the shipped lists and models, for the
// external tests that re-run one stage on a document.
func Annotate(d *doc.Document) error {
	st, err := shippedStage()
	if err != nil {
		return err
	}
	return st.Annotate(d)
}

// shippedStage is the stage with the shipped lists and models, built once.
var shippedStage = sync.OnceValues(func() (*Stage, error) {
	files := datafile.Shipped()
	gz, err := gazetteer.Load(files)
	if err != nil {
		return nil, err
	}
	m, err := tagger.Open(files, gz)
	if err != nil {
		return nil, err
	}
	seg, err := segment.Open(files)
	if err != nil {
		return nil, err
	}
	return New(files, m, gz, seg)
})
