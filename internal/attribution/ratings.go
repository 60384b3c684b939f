package attribution

import (
	"slices"
	"sort"
	"strings"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/gazetteer"
	"github.com/credence-news/credence/sources"
)

// rate attaches reputations: each media-outlet source gets the rating of
// its domain, and the article's own domain (from its URL) is rated the same
// way. An outlet name several outlets share ("Daily Star": British,
// Lebanese, Bangladeshi) is settled, in order, by the article's own
// country (its domain), by the one candidate whose country the article
// mentions (a country, a city in it or its nationality), and otherwise by
// prominence: the candidate that the most rating datasets rate (see
// prominence). The source keeps every candidate with its own rating.
func (a *analysis) rate() error {
	table, gz := a.lex.table, a.lex.gz
	siteCountry := ""
	if host := sources.Normalize(a.d.Meta.URL); host != "" {
		if r, ok := table.Lookup(host); ok {
			a.d.SiteRating = toDocRating(r)
		}
		if e, ok := gz.OutletByDomain(host); ok {
			siteCountry = e.Country
		}
		if siteCountry == "" {
			siteCountry = countryOfTLD(host)
		}
	}
	// The countries the article mentions settle only an ambiguous outlet
	// name; they are looked up when the first one needs them.
	var mentioned map[string]bool
	type cacheKey struct{ name, outlet string }
	var cache map[cacheKey]doc.Source
	fix := func(s *doc.Source) {
		if s == nil || s.Type != doc.SourceMediaOutlet {
			return
		}
		key := cacheKey{s.Name, s.Outlet}
		if done, ok := cache[key]; ok {
			s.Outlet, s.Candidates, s.Rating, s.OutletBasis = done.Outlet, done.Candidates, done.Rating, done.OutletBasis
			s.CandidateRatings = done.CandidateRatings
			return
		}
		if s.Outlet == "" {
			var domains, byMention []string
			var kept []gazetteer.Entry // the entries whose domains are in domains
			settled := ""
			for _, e := range gz.Lookup(gazetteer.Outlet, s.Name) {
				if e.Domain == "" || slices.Contains(domains, e.Domain) {
					continue
				}
				domains = append(domains, e.Domain)
				kept = append(kept, e)
				if siteCountry != "" && e.Country == siteCountry {
					settled = e.Domain
				}
			}
			if len(domains) > 1 && settled == "" {
				if mentioned == nil {
					mentioned = a.mentionedCountries(gz)
				}
				for _, e := range kept {
					if mentioned[e.Country] {
						byMention = append(byMention, e.Domain)
					}
				}
			}
			sort.Strings(domains)
			switch {
			case len(domains) == 1:
				s.Outlet, s.OutletBasis = domains[0], doc.BasisName
			case settled != "":
				s.Outlet, s.OutletBasis, s.Candidates = settled, doc.BasisSiteCountry, domains
			case len(byMention) == 1:
				s.Outlet, s.OutletBasis, s.Candidates = byMention[0], doc.BasisMentionedCountry, domains
			case len(domains) > 1:
				s.Candidates = domains
				// The article's places name two candidates' countries:
				// prominence chooses between those; none: among all.
				pool := domains
				if len(byMention) > 1 {
					pool = byMention
				}
				if best := mostProminent(table, pool); best != "" {
					s.Outlet, s.OutletBasis = best, doc.BasisProminence
				}
			}
			s.CandidateRatings = candidateRatings(table, s.Candidates)
		} else if s.OutletBasis == "" {
			s.OutletBasis = doc.BasisName
		}
		if s.Outlet != "" {
			if r, ok := table.Lookup(s.Outlet); ok {
				s.Rating = toDocRating(r)
			}
		}
		if cache == nil {
			cache = map[cacheKey]doc.Source{}
		}
		cache[key] = *s
	}
	for i := range a.d.Attributions {
		fix(&a.d.Attributions[i].Source)
	}
	for i := range a.d.Quotes {
		fix(a.d.Quotes[i].Speaker)
	}
	return nil
}

// prominence is how widely a domain is rated: the number of the rating
// datasets (Lin et al. 2023, MBFC, OpenSources, FakeNewsCorpus) that list
// it, 0 for an unrated one. Raters cover the outlets that readers and
// fact-checkers meet most (Lin et al. start from the domains people share
// and visit), so among outlets of one name the most rated one is the one
// an English-language article most likely cites: of the three "Daily
// Star"s only dailystar.co.uk is rated.
func prominence(table *sources.Table, domain string) int {
	if r, ok := table.Lookup(domain); ok {
		return len(r.Datasets)
	}
	return 0
}

// mostProminent is the domain of pool with the strictly highest
// prominence, or "" when none is rated or two tie.
func mostProminent(table *sources.Table, pool []string) string {
	best, bestN, tie := "", 0, false
	for _, d := range pool {
		switch n := prominence(table, d); {
		case n > bestN:
			best, bestN, tie = d, n, false
		case n == bestN:
			tie = true
		}
	}
	if tie || bestN == 0 {
		return ""
	}
	return best
}

// candidateRatings are the ratings of the candidates that are rated, in
// the candidates' order.
func candidateRatings(table *sources.Table, candidates []string) []doc.Rating {
	var out []doc.Rating
	for _, d := range candidates {
		if r, ok := table.Lookup(d); ok {
			out = append(out, *toDocRating(r))
		}
	}
	return out
}

func toDocRating(r sources.Rating) *doc.Rating {
	return &doc.Rating{
		Domain: r.Domain, Level: doc.Level(r.Level), PC1: r.PC1, HasPC1: r.HasPC1,
		MBFCFactuality: r.MBFCFactuality, MBFCBias: r.MBFCBias,
		OpenSources: r.OpenSources, FakeNewsCorpus: r.FakeNewsCorpus,
		Datasets: r.Datasets, Explain: r.Explain(),
	}
}

// countryOfTLD reads a country from a country-code domain ending.
func countryOfTLD(host string) string {
	i := strings.LastIndexByte(host, '.')
	if i < 0 {
		return ""
	}
	tld := strings.ToUpper(host[i+1:])
	switch {
	case tld == "UK":
		return "GB"
	case len(tld) == 2:
		return tld
	}
	return ""
}

// mentionedCountries collects the countries the article names: as a
// country, a city in it, or its nationality.
func (a *analysis) mentionedCountries(gz *gazetteer.Gazetteer) map[string]bool {
	out := map[string]bool{}
	done := map[string]bool{} // canonical names looked up already
	for _, e := range a.d.Entities {
		if e.Type != doc.EntityLoc && e.Type != doc.EntityNORP || done[e.Canonical] {
			continue
		}
		done[e.Canonical] = true
		for _, c := range []gazetteer.Class{gazetteer.Country, gazetteer.City, gazetteer.Demonym} {
			for _, en := range gz.Lookup(c, e.Canonical) {
				if en.Country != "" {
					out[en.Country] = true
				}
			}
		}
	}
	return out
}
