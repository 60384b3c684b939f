package eval

import "testing"

func TestSameName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Donald Trump", "Trump", true},
		{"President Trump", "Donald Trump", true},
		{"the Pentagon", "Pentagon", true},
		{"Fox News contributor", "Barry King", false},
		{"Fox News contributor Barry King", "Barry King", true},
		{"Bank", "the Bank of England", true},
		{"FPC", "the Bank of England's financial policy committee", true},
		{"Hillary Clinton", "Bill Clinton", false},
		{"Clinton", "Bill Clinton", true},
		{"Donald Trump Jr.", "Donald Trump", false},
		{"", "Trump", false},
	} {
		if got := SameName(c.a, c.b); got != c.want {
			t.Errorf("SameName(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
