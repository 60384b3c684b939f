package gazetteer

import (
	"strings"
)

// Lookup finds entries of class c whose name or alias equals s (case rules
// as in matching); for outlets several entries may share a name ("Daily
// Star"). s is split into words like an entry; a leading "the" is dropped
// as in matching. Outlets known only from outlets-seed.tsv are not found
// here: use OutletByDomain.
func (g *Gazetteer) Lookup(c Class, s string) []Entry {
	var buf [16]string
	toks := appendTokens(buf[:0], s)
	off := 0 // the first word of the name proper
	if len(toks) > 1 && isThe(toks[0]) {
		off = 1
	}
	if len(toks) == 0 {
		return nil
	}
	k := g.tab.find(toks[off])
	if k < 0 {
		return nil
	}
	var out []Entry
	var ids []int32
	for j := g.tab.start[k]; j < g.tab.start[k+1]; j++ {
		p := &g.pats[j]
		if p.class != c || len(p.toks) != len(toks)-off || !p.matchWords(toks, off) {
			continue
		}
		dup := false
		for _, id := range ids {
			dup = dup || id == p.entry
		}
		if !dup {
			ids = append(ids, p.entry)
			out = append(out, g.entries[p.entry])
		}
	}
	return out
}

// OutletByDomain finds the outlet entry for a domain, host or URL
// ("www.dailystar.co.uk", "https://www.dailystar.co.uk/news" -> Daily
// Star). It looks the host and then each parent domain ("edition.cnn.com",
// "cnn.com") up in outlets.tsv, and only then, the same way, in
// outlets-seed.tsv. It does not climb to a blog or hosting platform
// ("someone.wordpress.com" is not "wordpress.com").
func (g *Gazetteer) OutletByDomain(host string) (Entry, bool) {
	h := hostOf(host)
	for d := h; d != ""; d = parentDomain(d) {
		if id, ok := g.outletDomain[d]; ok {
			return g.entries[id], true
		}
	}
	for d := h; d != ""; d = parentDomain(d) {
		if i, ok := g.seedDomain[d]; ok {
			return g.seed[i], true
		}
	}
	return Entry{}, false
}

// parentDomain drops the first label of d; it returns "" rather than a
// bare top-level domain or a platform whose subdomains are other sites.
func parentDomain(d string) string {
	i := strings.IndexByte(d, '.')
	if i < 0 {
		return ""
	}
	p := d[i+1:]
	if !strings.Contains(p, ".") || isPlatform(p) {
		return ""
	}
	return p
}

// hostOf reduces a URL or host to a lower-case host name: no scheme, user,
// port, path, query, fragment or trailing dot.
func hostOf(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	s = strings.TrimPrefix(s, "//")
	if i := strings.IndexAny(s, "/?#\\"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(strings.TrimSuffix(s, "."))
}

// platforms are domains whose subdomains belong to different publishers.
var platforms = map[string]bool{
	"wordpress.com": true, "substack.com": true, "medium.com": true,
	"tumblr.com": true, "github.io": true, "weebly.com": true,
	"wixsite.com": true, "livejournal.com": true, "typepad.com": true,
	"blogger.com": true, "over-blog.com": true, "altervista.org": true,
	"home.blog": true, "squarespace.com": true, "webs.com": true,
	"jimdo.com": true, "netlify.app": true, "herokuapp.com": true,
	"sites.google.com": true, "google.com": true, "facebook.com": true,
	"twitter.com": true, "x.com": true, "youtube.com": true,
	"instagram.com": true, "tiktok.com": true, "reddit.com": true,
	"t.me": true, "telegram.me": true, "vk.com": true, "rumble.com": true,
	"bitchute.com": true, "linkedin.com": true, "pinterest.com": true,
}

// isPlatform reports whether d is a blog or hosting platform (including
// every "blogspot.*").
func isPlatform(d string) bool {
	return platforms[d] || strings.HasPrefix(d, "blogspot.")
}
