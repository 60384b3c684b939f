package gazetteer

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// tokenizeReference is tokenize as first written: spaces put around the
// marks, strings.Fields, then the trailing marks split off.
func tokenizeReference(s string) []string {
	var out []string
	marks := strings.NewReplacer("/", " / ", "+", " + ", "\u2013", " -- ", "\u2014", " -- ")
	for _, w := range strings.Fields(marks.Replace(s)) {
		var tail []string
		for {
			switch {
			case len(w) > 1 && (w[len(w)-1] == ',' || w[len(w)-1] == '!' || w[len(w)-1] == '?'):
				tail = append(tail, w[len(w)-1:])
				w = w[:len(w)-1]
				continue
			case len(w) > 2 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S")):
				tail = append(tail, w[len(w)-2:])
				w = w[:len(w)-2]
				continue
			case len(w) > 1 && strings.HasSuffix(w, "'"):
				tail = append(tail, "'")
				w = w[:len(w)-1]
				continue
			}
			break
		}
		out = append(out, w)
		for i := len(tail) - 1; i >= 0; i-- {
			out = append(out, tail[i])
		}
	}
	return out
}

func TestTokenizeMatchesReference(t *testing.T) {
	pieces := []string{"a", "B", "'", "'s", "'S", ",", "!", "?", "/", "+", "\u2013", "\u2014", " ", "\t", "\u00a0", "\u2003", "\n",
		"é", "\xe2\x80", "\xe2", "\x93", "\xff", "x'", "Côte", "U.S.", "--", "-"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 200000; n++ {
		var b strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		got, want := tokenize(s), tokenizeReference(s)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("tokenize(%q) = %q, want %q", s, got, want)
		}
	}
}
