package sources

import "strings"

// Normalize returns the host of a domain or URL in the form the table keys
// use: lower-case, without scheme, user, port, path, query or fragment,
// without a trailing dot and without a leading "www.", "m." or "amp."
// (stripped only while what remains is more than a registry suffix, so
// "m.co.uk" stays as it is). It returns "" when no valid host name is
// found. Internationalised names are not converted to punycode: a host with
// non-ASCII letters is not valid here.
//
//	Normalize("https://WWW.DailyStar.co.uk:443/news/x?y#z") == "dailystar.co.uk"
func Normalize(hostOrURL string) string {
	host, _ := split(hostOrURL)
	return host
}

// split returns the normalised host and the lower-cased path of s (without
// query and fragment; "" or starting with "/"). host is "" when s holds no
// valid host name.
func split(s string) (host, path string) {
	s = strings.TrimSpace(s)
	if needsFolding(s) {
		s = fold(s)
	}
	if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
		s = s[i+3:]
	} else if strings.HasPrefix(s, "//") {
		s = s[2:]
	}
	host = s
	if i := indexDelim(s, true); i >= 0 {
		host, path = s[:i], s[i:]
		if j := indexDelim(path, false); j >= 0 {
			path = path[:j]
		}
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && allDigits(host[i+1:]) {
		host = host[:i]
	}
	host = strings.Trim(host, ".")
	host = stripPrefixes(host)
	if !validHost(host) {
		return "", ""
	}
	return host, path
}

// indexDelim returns the index of the first '?' or '#' (or '/' too, when
// slash is set) in s, or -1.
func indexDelim(s string, slash bool) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '?' || c == '#' || slash && c == '/' {
			return i
		}
	}
	return -1
}

// needsFolding reports whether s has upper-case ASCII letters or inner
// white space (as in "Silver-Coin-Investor. com").
func needsFolding(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

func fold(s string) string {
	if strings.ContainsAny(s, " \t\n\r") {
		s = strings.Join(strings.Fields(s), "")
	}
	return strings.ToLower(s)
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validHost accepts dot-separated, non-empty labels of ASCII letters,
// digits, '-' and '_'.
func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	prev := byte('.')
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
		case c == '.':
			if prev == '.' {
				return false
			}
		default:
			return false
		}
		prev = c
	}
	return true
}

var strippedPrefixes = [...]string{"www.", "m.", "amp."}

// stripPrefixes removes leading "www.", "m." and "amp." labels while the
// rest is more than a registry suffix ("m.co.uk" is kept).
func stripPrefixes(h string) string {
	for {
		stripped := false
		for _, p := range strippedPrefixes {
			if rest, ok := strings.CutPrefix(h, p); ok && strings.IndexByte(rest, '.') > 0 && !isRegistrySuffix(rest) {
				h, stripped = rest, true
				break
			}
		}
		if !stripped {
			return h
		}
	}
}

// RegistrableDomain returns the part of a normalised host that a registrant
// controls: the public suffix plus one label ("news.bbc.co.uk" →
// "bbc.co.uk", "edition.cnn.com" → "cnn.com"). Public suffixes are the
// top-level domain or one of a small embedded list of multi-label suffixes
// (co.uk, com.au, co.jp, com.br, ...) and blog-hosting platforms whose
// subdomains belong to different publishers (blogspot.com, wordpress.com,
// substack.com, ...). It returns "" when host is itself a public suffix and
// host unchanged for an IPv4 address.
func RegistrableDomain(host string) string {
	if isIPv4(host) {
		return host
	}
	if host == "" || strings.IndexByte(host, '.') < 0 {
		return ""
	}
	if _, ok := publicSuffixes[host]; ok {
		return ""
	}
	// The longest listed suffix is the tail after the leftmost dot that
	// matches; the registrable domain adds the label before it.
	start := 0
	for {
		dot := strings.IndexByte(host[start:], '.')
		if dot < 0 {
			break
		}
		if _, ok := publicSuffixes[host[start+dot+1:]]; ok {
			return host[start:]
		}
		start += dot + 1
	}
	// Not listed: the suffix is the top-level domain.
	last := strings.LastIndexByte(host, '.')
	return host[strings.LastIndexByte(host[:last], '.')+1:]
}

// isRegistrySuffix reports whether h is a top-level domain (one label) or
// a listed multi-label registry suffix such as "co.uk" (hosting platforms
// such as "blogspot.com" are names in their own right, so not included).
func isRegistrySuffix(h string) bool {
	if strings.IndexByte(h, '.') < 0 {
		return true
	}
	platform, ok := publicSuffixes[h]
	return ok && !platform
}

func isIPv4(h string) bool {
	parts, digits := 1, 0
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c == '.':
			if digits == 0 {
				return false
			}
			parts, digits = parts+1, 0
		case '0' <= c && c <= '9' && digits < 3:
			digits++
		default:
			return false
		}
	}
	return parts == 4 && digits > 0
}

// publicSuffixes is a small extract of the Public Suffix List
// (publicsuffix.org): the multi-label suffixes under which news sites are
// commonly registered, plus blog and site-hosting platforms whose
// subdomains are separate publishers (so that "someone.blogspot.com" never
// inherits the rating of blogspot.com).
//
// The value is true for a hosting platform.
var publicSuffixes = func() map[string]bool {
	const registries = `
ac.uk co.uk gov.uk ltd.uk me.uk net.uk nhs.uk org.uk plc.uk police.uk sch.uk
asn.au com.au edu.au gov.au id.au net.au org.au
ac.nz co.nz geek.nz gen.nz govt.nz iwi.nz maori.nz net.nz org.nz school.nz
ac.jp ad.jp co.jp ed.jp go.jp gr.jp lg.jp ne.jp or.jp
art.br com.br edu.br gov.br jor.br net.br org.br
ac.in co.in edu.in firm.in gen.in gov.in ind.in net.in nic.in org.in res.in
ac.cn com.cn edu.cn gov.cn net.cn org.cn
com.hk edu.hk gov.hk idv.hk net.hk org.hk
com.tw edu.tw gov.tw idv.tw net.tw org.tw
ac.kr co.kr go.kr ne.kr or.kr re.kr
com.sg edu.sg gov.sg net.sg org.sg
com.my edu.my gov.my net.my org.my
ac.id co.id go.id net.id or.id web.id
com.ph edu.ph gov.ph net.ph org.ph
co.th go.th in.th or.th ac.th
com.vn edu.vn gov.vn net.vn org.vn
com.pk edu.pk gov.pk net.pk org.pk
com.bd gov.bd com.np gov.np com.lk gov.lk
ac.za co.za gov.za net.za org.za web.za
com.ng edu.ng gov.ng net.ng org.ng
ac.ke co.ke go.ke or.ke com.gh gov.gh
com.eg edu.eg gov.eg org.eg
com.sa edu.sa gov.sa net.sa org.sa com.qa gov.qa com.lb org.lb
ac.il co.il gov.il muni.il net.il org.il
av.tr bel.tr com.tr edu.tr gen.tr gov.tr net.tr org.tr
com.ua gov.ua in.ua net.ua org.ua
com.mx edu.mx gob.mx net.mx org.mx
com.ar gob.ar net.ar org.ar
com.co edu.co gov.co net.co org.co
com.pe gob.pe org.pe com.ve gob.ve com.ec gob.ec gob.cl com.uy gub.uy
com.es edu.es gob.es nom.es org.es
com.gr gov.gr org.gr com.cy com.mt
ac.at co.at gv.at or.at
com.pl gov.pl net.pl org.pl
gouv.fr gov.it
`
	const platforms = `
blogspot.com blogspot.co.uk blogspot.ca blogspot.com.au blogspot.com.br blogspot.de blogspot.fr blogspot.in blogspot.it blogspot.jp blogspot.mx blogspot.com.es
wordpress.com wp.com substack.com medium.com tumblr.com typepad.com weebly.com wixsite.com livejournal.com
altervista.org over-blog.com over-blog.it github.io netlify.app herokuapp.com home.blog
`
	m := make(map[string]bool, 300)
	for _, s := range strings.Fields(registries) {
		m[s] = false
	}
	for _, s := range strings.Fields(platforms) {
		m[s] = true
	}
	return m
}()
