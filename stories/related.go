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
	th := &dated
	if a.Day == NoDay {
		th = &undated
	}
	ok = (strong >= 2 && termJ >= th.twoPeople) ||
		(ents >= 1.5 && termJ >= th.entities) ||
		(ents >= 1 && termJ >= th.oneEntity) ||
		(termJ >= th.termsAlone && terms >= 6) ||
		(title >= 3 && titleSim >= 0.5 && ents >= 1 && termJ >= th.title)
	return score, ok
}

// thresholds are the least Jaccard similarity of title-and-lead stems each
// rule asks for, with the entity evidence it names:
type thresholds struct {
	twoPeople  float64 // two shared persons or organisations
	entities   float64 // entity weight ≥ 1.5 (one strong and one weak, or three weak)
	oneEntity  float64 // entity weight ≥ 1 (one strong, or two weak)
	termsAlone float64 // no entity needed (at least 6 shared stems)
	title      float64 // three shared title stems, half the shorter title, weight ≥ 1
}

// Tuned on the sample corpus (see README.md), with a margin: each
// threshold sits above the least value that kept every link right. Undated
// pairs have no day window to vouch for them, and unrelated reports
// months apart share places, bodies and words: they need more (tuned on
// the sample corpus with its dates removed).
var (
	dated   = thresholds{twoPeople: 0.05, entities: 0.10, oneEntity: 0.12, termsAlone: 0.20, title: 0}
	undated = thresholds{twoPeople: 0.08, entities: 0.15, oneEntity: 0.20, termsAlone: 0.30, title: 0.10}
)

// maxDayGap is the most days two dated reports of one event may be apart.
const maxDayGap = 4

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
