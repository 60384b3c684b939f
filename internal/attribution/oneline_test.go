package attribution

import (
	"strings"
	"testing"
)

func TestOneLine(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\u00a0b", "a\u2003 b", "\n", "ab cd ef", "a\xffb c", "é è"} {
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	}
}
