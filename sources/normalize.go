package sources

import "github.com/credence-news/credence/internal/domain"

// Normalize returns the host of a domain or URL in the form the table keys
// use: lower-case, without scheme, user, port, path, query or fragment,
// without a trailing dot and without a leading "www.", "m." or "amp."
// (stripped only while what remains is more than a registry suffix, so
// "m.co.uk" stays as it is). It returns "" when no valid host name is
// found. Internationalised names are not converted to punycode: a host with
// non-ASCII letters is not valid here.
//
//	Normalize("https://WWW.DailyStar.co.uk:443/news/x?y#z") == "dailystar.co.uk"
func Normalize(hostOrURL string) string { return domain.Normalize(hostOrURL) }

// RegistrableDomain returns the part of a normalised host that a registrant
// controls: the public suffix plus one label ("news.bbc.co.uk" →
// "bbc.co.uk"). Public suffixes are those of the Public Suffix List and a
// few hosting platforms whose subdomains belong to different publishers
// (substack.com, wordpress.com, medium.com, ...). It returns "" when host
// is itself a public suffix and host unchanged for an IPv4 address.
func RegistrableDomain(host string) string { return domain.RegistrableDomain(host) }
