package attribution

import (
	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/sources"
)

// annotateNonEnglish is Annotate for an article that is not in English:
// the quote, cue and source lists are English, so there are no quotes and
// no attributions, but the article's own site is rated from its URL, which
// does not depend on the language.
func (st *Stage) annotateNonEnglish(d *doc.Document) error {
	host := sources.Normalize(d.Meta.URL)
	if host == "" {
		return nil
	}
	if r, ok := st.lex.table.Lookup(host); ok {
		d.SiteRating = toDocRating(r)
	}
	return nil
}
