package stories

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// ClaimRow is one claim of one article of a story, as the store keeps it.
type ClaimRow struct {
	Article         string  `json:"article"`
	Site            string  `json:"site"`
	Text            string  `json:"text"`
	Checkworthiness float64 `json:"checkworthiness"`
	Mode            string  `json:"mode"`
}

// SharedClaim is a claim that articles of at least two sites make, in
// their own words.
type SharedClaim struct {
	// Text is the representative wording: the one most articles use, then
	// the most check-worthy, then the shortest.
	Text  string   `json:"text"`
	Sites []string `json:"sites"` // sorted
	// Articles counts the articles that make the claim.
	Articles        int     `json:"articles"`
	Checkworthiness float64 `json:"checkworthiness"` // the highest of the wordings
	// Wordings are the distinct (site, text) wordings, by site then text;
	// each row is the first article (by id) with that wording.
	Wordings []ClaimRow `json:"wordings"`
}

// Claims state the same thing when their content-stem sets (numbers
// included) overlap this much: Jaccard, or containment for a claim that
// is a shortened form of the other (a copy that trims a clause). Both
// need a few shared stems, so two short generic sentences do not meet.
const (
	claimJaccard     = 0.5
	claimContainment = 0.8
	claimMinShared   = 3
)

// SharedClaims groups the claims of a story's articles that state the same
// thing, and keeps the groups made by articles of at least two sites.
// Claims are linked when their normalised word sets overlap (see
// claimJaccard); groups are the connected components. The result does not
// depend on the order of the rows: most sites first, then text.
func SharedClaims(claims []ClaimRow) []SharedClaim {
	rows := slices.Clone(claims)
	slices.SortFunc(rows, func(a, b ClaimRow) int {
		return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.Text, b.Text), cmp.Compare(a.Site, b.Site))
	})
	stems := make([][]uint64, len(rows))
	for i, r := range rows {
		stems[i] = sortedSet(contentStems(nil, r.Text))
	}
	u := newUnionFind(len(rows))
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			if sameClaim(stems[i], stems[j]) {
				u.union(i, j)
			}
		}
	}
	var out []SharedClaim
	for _, members := range u.groups() {
		sites := map[string]bool{}
		articles := map[string]bool{}
		for _, i := range members {
			sites[rows[i].Site] = true
			articles[rows[i].Article] = true
		}
		if len(sites) < 2 {
			continue
		}
		c := SharedClaim{Articles: len(articles)}
		for s := range sites {
			c.Sites = append(c.Sites, s)
		}
		slices.Sort(c.Sites)
		// Wordings: one row per (site, text), the first article by id.
		seen := map[[2]string]bool{}
		uses := map[string]int{}
		best := map[string]float64{}
		for _, i := range members {
			r := rows[i]
			uses[r.Text]++
			best[r.Text] = max(best[r.Text], r.Checkworthiness)
			c.Checkworthiness = max(c.Checkworthiness, r.Checkworthiness)
			if k := [2]string{r.Site, r.Text}; !seen[k] {
				seen[k] = true
				c.Wordings = append(c.Wordings, r)
			}
		}
		slices.SortFunc(c.Wordings, func(a, b ClaimRow) int {
			return cmp.Or(cmp.Compare(a.Site, b.Site), cmp.Compare(a.Text, b.Text), cmp.Compare(a.Article, b.Article))
		})
		texts := make([]string, 0, len(uses))
		for t := range uses {
			texts = append(texts, t)
		}
		slices.SortFunc(texts, func(a, b string) int {
			return cmp.Or(cmp.Compare(uses[b], uses[a]), cmp.Compare(best[b], best[a]), cmp.Compare(len(a), len(b)), cmp.Compare(a, b))
		})
		c.Text = texts[0]
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b SharedClaim) int {
		return cmp.Or(cmp.Compare(len(b.Sites), len(a.Sites)), cmp.Compare(a.Text, b.Text))
	})
	return out
}

func sameClaim(a, b []uint64) bool {
	shared := intersect(a, b)
	if shared < claimMinShared {
		return false
	}
	if jaccard(shared, len(a), len(b)) >= claimJaccard {
		return true
	}
	return float64(shared) >= claimContainment*float64(min(len(a), len(b)))
}

// QuoteRow is one quote of one article of a story.
type QuoteRow struct {
	Article string `json:"article"`
	Site    string `json:"site"`
	Speaker string `json:"speaker"` // "" when unattributed
	Text    string `json:"text"`
}

// SpeakerQuotes are the quotes of a story credited to one speaker.
type SpeakerQuotes struct {
	// Speaker is the fullest form of the name the articles use; "" for the
	// unattributed quotes.
	Speaker string       `json:"speaker"`
	Quotes  []QuoteGroup `json:"quotes"`
}

// QuoteGroup is one quotation, as one or more articles carry it.
type QuoteGroup struct {
	// Text is the longest wording (a copy may trim a quote).
	Text     string   `json:"text"`
	Sites    []string `json:"sites"`    // sorted
	Articles []string `json:"articles"` // sorted
}

// quoteJaccard: two wordings of one speaker's quote are one quote when
// their word sets overlap this much, or one holds nearly all of the other
// (a partial quote, a trimmed one).
const (
	quoteJaccard     = 0.8
	quoteContainment = 0.9
)

// QuotesBySpeaker groups a story's quotes by speaker and merges the same
// quotation carried by several articles. Speakers are matched on the name
// without case, spacing or honorifics, and a surname alone ("Haskett")
// joins the full name ("Jeremy Haskett") when exactly one full name in the
// story ends with it. Speakers come in order of the number of quotes (then
// name), the unattributed quotes ("") last; a speaker's quotes by the
// number of sites carrying them, then text.
func QuotesBySpeaker(quotes []QuoteRow) []SpeakerQuotes {
	// Full names (two words or more) by surname, to resolve surnames.
	bySurname := map[string]map[string]bool{}
	for _, q := range quotes {
		if k := speakerKey(q.Speaker); strings.Contains(k, " ") {
			sur := k[strings.LastIndexByte(k, ' ')+1:]
			if bySurname[sur] == nil {
				bySurname[sur] = map[string]bool{}
			}
			bySurname[sur][k] = true
		}
	}
	resolve := func(name string) string {
		k := speakerKey(name)
		if k != "" && !strings.Contains(k, " ") && len(bySurname[k]) == 1 {
			for full := range bySurname[k] {
				return full
			}
		}
		return k
	}
	groups := map[string][]QuoteRow{}
	for _, q := range quotes {
		k := resolve(q.Speaker)
		groups[k] = append(groups[k], q)
	}
	var out []SpeakerQuotes
	for k, rows := range groups {
		out = append(out, SpeakerQuotes{Speaker: displayName(k, rows), Quotes: mergeQuotes(rows)})
	}
	count := func(s SpeakerQuotes) int {
		n := 0
		for _, q := range s.Quotes {
			n += len(q.Articles)
		}
		return n
	}
	slices.SortFunc(out, func(a, b SpeakerQuotes) int {
		if (a.Speaker == "") != (b.Speaker == "") {
			if a.Speaker == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(count(b), count(a)), cmp.Compare(a.Speaker, b.Speaker))
	})
	return out
}

// displayName is the name shown for a speaker group: the longest form the
// rows use that is the full name (not a bare surname that joined it), ties
// broken by text, so the choice does not depend on row order.
func displayName(key string, rows []QuoteRow) string {
	if key == "" {
		return ""
	}
	best, bestFull := "", false
	for _, q := range rows {
		name := strings.Join(strings.Fields(q.Speaker), " ")
		full := speakerKey(name) == key
		switch {
		case full != bestFull:
			if !full {
				continue
			}
		case len(name) < len(best), len(name) == len(best) && name >= best:
			continue
		}
		best, bestFull = name, full
	}
	return best
}

// speakerKey normalises a speaker's name: lower case, single spaces, no
// leading honorific or office, no punctuation.
func speakerKey(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
	for len(words) > 1 && titleWords[words[0]] {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// mergeQuotes merges one speaker's identical and near-identical quotes.
func mergeQuotes(rows []QuoteRow) []QuoteGroup {
	slices.SortFunc(rows, func(a, b QuoteRow) int {
		return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.Text, b.Text), cmp.Compare(a.Site, b.Site))
	})
	words := make([][]uint64, len(rows))
	norm := make([]string, len(rows))
	for i, r := range rows {
		norm[i] = normQuote(r.Text)
		words[i] = sortedSet(wordHashes(norm[i]))
	}
	u := newUnionFind(len(rows))
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			if norm[i] == norm[j] || sameQuote(words[i], words[j]) {
				u.union(i, j)
			}
		}
	}
	var out []QuoteGroup
	for _, members := range u.groups() {
		var g QuoteGroup
		sites, arts := map[string]bool{}, map[string]bool{}
		for _, i := range members {
			r := rows[i]
			t := strings.TrimSpace(r.Text)
			if len(t) > len(g.Text) || (len(t) == len(g.Text) && t < g.Text) {
				g.Text = t
			}
			if !sites[r.Site] {
				sites[r.Site] = true
				g.Sites = append(g.Sites, r.Site)
			}
			if !arts[r.Article] {
				arts[r.Article] = true
				g.Articles = append(g.Articles, r.Article)
			}
		}
		slices.Sort(g.Sites)
		slices.Sort(g.Articles)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b QuoteGroup) int {
		return cmp.Or(cmp.Compare(len(b.Sites), len(a.Sites)), cmp.Compare(a.Text, b.Text))
	})
	return out
}

func sameQuote(a, b []uint64) bool {
	shared := intersect(a, b)
	if shared == 0 {
		return false
	}
	if jaccard(shared, len(a), len(b)) >= quoteJaccard {
		return true
	}
	// A partial quote: nearly all of the shorter one, and not a few words.
	return min(len(a), len(b)) >= 5 && float64(shared) >= quoteContainment*float64(min(len(a), len(b)))
}

// normQuote lower-cases a quote and keeps only its words, single-spaced.
func normQuote(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// wordHashes hashes every word of a normalised quote (stopwords too: a
// quote's exact words are what make it the same quote).
func wordHashes(norm string) []uint64 {
	var out []uint64
	for _, w := range strings.Fields(norm) {
		out = append(out, hashString(w))
	}
	return out
}

// unionFind groups indices; groups come out in order of their least
// member, each sorted, so results follow the (sorted) input order.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(i, j int) {
	a, b := u.find(i), u.find(j)
	if a == b {
		return
	}
	if a > b {
		a, b = b, a
	}
	u[b] = a // the least index is the root
}

func (u unionFind) groups() [][]int {
	index := map[int]int{}
	var out [][]int
	for i := range u {
		r := u.find(i)
		k, ok := index[r]
		if !ok {
			k = len(out)
			index[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}
