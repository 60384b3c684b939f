package signals

import (
	"regexp"
	"strings"

	"github.com/credence-news/credence/doc"
)

// strayMarkupRE finds HTML tags and character entities left in the text:
// copy pasted from a CMS without being rendered.
var strayMarkupRE = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]{0,200})?/?>|&(#[0-9]{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});`)

// strayMarkup counts leftover markup, a sign the article was copied and
// never edited.
func strayMarkup(d *doc.Document) doc.Signal {
	var ev []doc.Evidence
	// Two byte searches rather than strings.ContainsAny, which looks at
	// the text a byte at a time: most articles have neither byte.
	if strings.IndexByte(d.Text, '<') < 0 && strings.IndexByte(d.Text, '&') < 0 {
		return doc.Signal{ID: doc.SignalStrayMarkup, Unit: doc.UnitCount, Percentile: -1}
	}
	for _, m := range strayMarkupRE.FindAllStringIndex(d.Text, -1) {
		ev = append(ev, doc.Evidence{Span: doc.Span{Start: m[0], End: m[1]}, Note: "markup left in the text"})
	}
	return doc.Signal{ID: doc.SignalStrayMarkup, Value: float64(len(ev)), Unit: doc.UnitCount, Percentile: -1, Evidence: ev}
}
