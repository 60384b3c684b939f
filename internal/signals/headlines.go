package signals

import (
	"fmt"
	"math"
	"strconv"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/headline"
)

// headlineModels scores the headline with the clickbait and the
// satire-headline models (package headline). The headline is not part of
// the body text, so there are no evidence spans; the features that moved
// the score most are named in the note.
func (st *Stage) headlineModels(d *doc.Document) []doc.Signal {
	var out []doc.Signal
	var feats headline.Features // extracted once, for both models
	extracted := false
	defer func() {
		if extracted {
			feats.Release()
		}
	}()
	for _, m := range []struct {
		id    doc.SignalID
		model *headline.Model
	}{{"clickbait", st.clickbait}, {"satire-headline", st.satire}} {
		s := doc.Signal{ID: m.id, Unit: doc.UnitProbability, Percentile: -1}
		model := m.model
		if d.Meta.Title == "" {
			s.Unmeasured, s.Note = true, "no headline"
			out = append(out, s)
			continue
		}
		if !extracted {
			feats, extracted = headline.Extract(d.Meta.Title), true
		}
		p, top := feats.Score(model)
		s.Value = round3(p)
		s.Note = headlineNote(top)
		out = append(out, s)
	}
	return out
}

// headlineNote is "headline features: " and the contributions as
// fmt.Sprintf("%s %+.2f") would give them, joined by ", ", built in one
// buffer.
func headlineNote(top []headline.Contribution) string {
	const prefix = "headline features: "
	size := len(prefix)
	for _, c := range top {
		size += len(c.Feature) + 16
	}
	buf := make([]byte, 0, size)
	buf = append(buf, prefix...)
	for i, c := range top {
		if i > 0 {
			buf = append(buf, ", "...)
		}
		buf = append(buf, c.Feature...)
		buf = append(buf, ' ')
		buf = appendSigned2(buf, c.Weight)
	}
	return string(buf)
}

// appendSigned2 appends x as fmt's "%+.2f" formats it.
func appendSigned2(buf []byte, x float64) []byte {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return fmt.Appendf(buf, "%+.2f", x)
	}
	if !math.Signbit(x) {
		buf = append(buf, '+')
	}
	return strconv.AppendFloat(buf, x, 'f', 2, 64)
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
