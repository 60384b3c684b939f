package signals

import (
	"sync"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/headline"
	"github.com/credence-news/credence/internal/tagger"
)

// shippedStage is the stage with the shipped lists and models, built once
// for all the tests (the clickbait-set test calls it per headline).
var shippedStage = sync.OnceValue(func() *Stage {
	m, err := tagger.Default()
	if err != nil {
		panic(err)
	}
	cb, _ := headline.Clickbait()
	sat, _ := headline.Satire()
	st, err := New(datafile.Shipped(), m, cb, sat)
	if err != nil {
		panic(err)
	}
	return st
})

// HeadlineAgreement lets the external tests call headlineAgreement on a
// document the real pipeline built, with the shipped lists.
func HeadlineAgreement(d *doc.Document) doc.Signal { return shippedStage().headlineAgreement(d) }

// Annotate runs the stage with the shipped lists and models, for the
// external tests that re-run one stage on a document.
func Annotate(d *doc.Document) { shippedStage().Annotate(d) }
