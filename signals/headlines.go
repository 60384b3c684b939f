package signals

import (
	"fmt"
	"strings"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/headline"
)

// headlineModels scores the headline with the clickbait and the
// satire-headline models (package headline). The headline is not part of
// the body text, so there are no evidence spans; the features that moved
// the score most are named in the note.
func headlineModels(d *doc.Document) []doc.Signal {
	var out []doc.Signal
	for _, m := range []struct {
		id   string
		load func() (*headline.Model, error)
	}{{"clickbait", headline.Clickbait}, {"satire-headline", headline.Satire}} {
		s := doc.Signal{ID: m.id, Unit: "probability", Percentile: -1}
		model, err := m.load()
		if err != nil || d.Meta.Title == "" {
			s.Unmeasured = true
			if err != nil {
				s.Note = "model unavailable: " + err.Error()
			} else {
				s.Note = "no headline"
			}
			out = append(out, s)
			continue
		}
		p, top := model.Score(d.Meta.Title)
		s.Value = round3(p)
		var why []string
		for _, c := range top {
			why = append(why, fmt.Sprintf("%s %+.2f", c.Feature, c.Weight))
		}
		s.Note = "headline features: " + strings.Join(why, ", ")
		out = append(out, s)
	}
	return out
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
