package domain

import "testing"

// Public suffixes come from the Public Suffix List, ICANN and private
// sections, plus the platform overrides it lacks.
func TestRegistrableDomainPSL(t *testing.T) {
	tests := []struct{ in, want string }{
		// ICANN suffixes the old hand-kept extract lacked.
		{"www.lanacion.com.py", "lanacion.com.py"},
		{"deportes.elnuevodiario.com.ni", "elnuevodiario.com.ni"},
		{"com.py", ""},
		// Private section of the PSL: each subdomain is its own site.
		{"someone.github.io", "someone.github.io"},
		{"a.b.someone.github.io", "someone.github.io"},
		{"mysite.netlify.app", "mysite.netlify.app"},
		{"shop.someone.blogspot.com", "someone.blogspot.com"},
		{"github.io", ""},
		// Platform overrides (not in the PSL).
		{"someone.substack.com", "someone.substack.com"},
		{"news.someone.substack.com", "someone.substack.com"},
		{"someone.medium.com", "someone.medium.com"},
		{"someone.tumblr.com", "someone.tumblr.com"},
		{"someone.blogspot.co.uk", "someone.blogspot.co.uk"},
		{"substack.com", ""},
		{"wordpress.com", ""},
		// Names that merely end like a platform are not under it.
		{"notsubstack.com", "notsubstack.com"},
		{"www.mysubstack.com", "mysubstack.com"},
	}
	for _, tt := range tests {
		if got := RegistrableDomain(tt.in); got != tt.want {
			t.Errorf("RegistrableDomain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"m.com.py", "m.com.py"},             // an ICANN suffix is never stripped to
		{"www.substack.com", "substack.com"}, // a platform is a name in its own right
		{"www.github.io", "github.io"},       // so is a private PSL suffix
		{"amp.someone.github.io", "someone.github.io"},
	} {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
