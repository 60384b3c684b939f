package claims

import (
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/checkworthy"
	"github.com/credence-news/credence/internal/datafile"
)

// Annotate runs the stage with the shipped model, for the external tests
// that re-run one stage on a document.
func Annotate(d *doc.Document) error {
	m, err := checkworthy.Open(datafile.Shipped())
	if err != nil {
		return err
	}
	return New(m).Annotate(d)
}
