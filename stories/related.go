package stories

// Related says whether two articles report the same event, with a score
// (higher is surer; comparable between pairs). It is symmetric and a pure
// function of the two feature values: no corpus statistics, so that a
// store that links articles as they arrive ends with the same stories as
// one rebuilt from scratch.
//
// Stories are the connected components of this relation, so one false
// link merges two stories: every rule asks for more than one piece of
// evidence. The evidence is
//
//   - the day: both dated and at most maxDayGap days apart, or both
//     undated;
//   - shared salient entities, a person or an organisation counting
//     fully and a place, nationality or outlet half (a country or a county
//     is shared by unrelated events all the time);
//   - shared content stems of the titles and leads (Jaccard similarity),
//     and of the titles alone.
func Related(a, b Features) (score float64, ok bool) {
	if !daysClose(a.Day, b.Day) {
		return 0, false
	}
	strong, weak := sharedEntities(a.Entities, b.Entities)
	terms := intersect(a.Terms, b.Terms)
	termJ := jaccard(terms, len(a.Terms), len(b.Terms))
	title := intersect(a.Title, b.Title)
	titleSim := 0.0
	if m := min(len(a.Title), len(b.Title)); m > 0 {
		titleSim = float64(title) / float64(m)
	}
	ents := float64(strong) + 0.5*float64(weak)
	score = ents + 4*termJ + 2*titleSim
	switch {
	case strong >= 2 && termJ >= minTermJWithEntities:
		ok = true
	case ents >= 1.5 && termJ >= minTermJWithOneEntity:
		ok = true
	case title >= 3 && titleSim >= 0.5 && ents >= 1:
		ok = true
	case termJ >= minTermJAlone && terms >= 6:
		ok = true
	}
	return score, ok
}

// Thresholds, tuned on the sample corpus (see README.md).
const (
	maxDayGap             = 4
	minTermJWithEntities  = 0.05
	minTermJWithOneEntity = 0.15
	minTermJAlone         = 0.35
)

// The time buckets of the candidate index must cover the day window.
var _ = [bucketDays - maxDayGap]struct{}{}

func daysClose(a, b int32) bool {
	if a == NoDay || b == NoDay {
		return a == b
	}
	d := int64(a) - int64(b)
	return -maxDayGap <= d && d <= maxDayGap
}

// sharedEntities counts the names two sorted entity sets share, as strong
// (person, organisation) or weak (place, outlet). A name the two articles
// class differently counts at the weaker class.
func sharedEntities(a, b []uint64) (strong, weak int) {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i]&^classMask, b[j]&^classMask
		switch {
		case x < y:
			i++
		case x > y:
			j++
		default:
			if max(a[i]&classMask, b[j]&classMask) == classPlace {
				weak++
			} else {
				strong++
			}
			i++
			j++
		}
	}
	return strong, weak
}

// intersect counts the items two sorted sets share.
func intersect(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

func jaccard(shared, na, nb int) float64 {
	if u := na + nb - shared; u > 0 {
		return float64(shared) / float64(u)
	}
	return 0
}
