// Package domain normalises news domains and URLs to the keys of the
// ratings table: the host, its registrable domain under the Public Suffix
// List (with a few blogging platforms whose subdomains are publishers), and
// the path of a rated site section. Package sources and the table's builder
// share it.
package domain

import (
	"strings"

	"golang.org/x/net/publicsuffix"
)

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
	host, _ := Split(hostOrURL)
	return host
}

// Split returns the normalised host and the lower-cased path of s (without
// query and fragment; "" or starting with "/"). host is "" when s holds no
// valid host name.
func Split(s string) (host, path string) {
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
	if !ValidHost(host) {
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

// ValidHost accepts dot-separated, non-empty labels of ASCII letters,
// digits, '-' and '_'.
func ValidHost(h string) bool {
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
// "bbc.co.uk", "edition.cnn.com" → "cnn.com"). Public suffixes are those of
// the Public Suffix List (golang.org/x/net/publicsuffix, both its ICANN and
// its private sections, so "someone.blogspot.com" and "someone.github.io"
// are registrable domains of their own) and the hosting platforms of
// platformSuffixes, whose subdomains belong to different publishers
// (substack.com, wordpress.com, medium.com, ...). It returns "" when host is
// itself a public suffix and host unchanged for an IPv4 address.
func RegistrableDomain(host string) string {
	if isIPv4(host) {
		return host
	}
	if host == "" || strings.IndexByte(host, '.') < 0 {
		return ""
	}
	suffix, _ := publicSuffix(host)
	if len(suffix) >= len(host) {
		return ""
	}
	// The label before the suffix, and the suffix.
	rest := host[:len(host)-len(suffix)-1]
	return host[strings.LastIndexByte(rest, '.')+1:]
}

// isRegistrySuffix reports whether h is a top-level domain (one label) or
// a multi-label registry suffix such as "co.uk": one in the ICANN section
// of the Public Suffix List. Hosting platforms such as "blogspot.com" are
// names in their own right, so not included.
func isRegistrySuffix(h string) bool {
	if strings.IndexByte(h, '.') < 0 {
		return true
	}
	suffix, icann := publicSuffix(h)
	return icann && suffix == h
}

// publicSuffix returns the public suffix of host, and whether it is an
// ICANN (registry) suffix rather than a private one: the longer of the
// Public Suffix List's suffix and a listed hosting platform the host is or
// ends with.
func publicSuffix(host string) (suffix string, icann bool) {
	suffix, icann = publicsuffix.PublicSuffix(host)
	for start := 0; len(host)-start > len(suffix); {
		if platformSuffixes[host[start:]] {
			return host[start:], false
		}
		dot := strings.IndexByte(host[start:], '.')
		if dot < 0 {
			break
		}
		start += dot + 1
	}
	return suffix, icann
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

// platformSuffixes are blog and site-hosting platforms whose subdomains
// are separate publishers, so that "someone.substack.com" never inherits
// the rating of substack.com, but which the Public Suffix List does not
// list. Checked against golang.org/x/net v0.47.0: blogspot.com, github.io,
// wixsite.com, altervista.org, netlify.app and herokuapp.com are in its
// private section and need no entry here; the country-code blogspot
// domains (blogspot.co.uk, ...) were removed from it in 2024 and are kept.
var platformSuffixes = func() map[string]bool {
	const platforms = `
blogspot.co.uk blogspot.ca blogspot.com.au blogspot.com.br blogspot.de blogspot.fr blogspot.in blogspot.it blogspot.jp blogspot.mx blogspot.com.es
wordpress.com wp.com substack.com medium.com tumblr.com typepad.com weebly.com livejournal.com
over-blog.com over-blog.it home.blog
`
	m := make(map[string]bool, 32)
	for _, s := range strings.Fields(platforms) {
		m[s] = true
	}
	return m
}()
