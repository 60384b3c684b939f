package signals

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// refCountSyllables is countSyllables as it was before it stopped building
// the lower-cased word; the two must agree on every word.
func refCountSyllables(w string) int {
	w = strings.ToLower(w)
	n, prevVowel := 0, false
	runes := []rune(w)
	for _, r := range runes {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	if len(runes) > 2 && runes[len(runes)-1] == 'e' && !strings.HasSuffix(w, "le") && n > 1 {
		n--
	}
	if n == 0 {
		n = 1
	}
	return n
}

func TestCountSyllablesMatchesReference(t *testing.T) {
	words := []string{"", "e", "le", "ale", "table", "TABLE", "Cake", "rhythm", "ÉLÉE", "İle", "\xffle", "e\xff", "queue", "AEIOUY"}
	files, _ := filepath.Glob("../../examples/*")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		words = append(words, strings.FieldsFunc(string(b), func(r rune) bool { return !unicode.IsLetter(r) })...)
	}
	for _, w := range words {
		if got, want := countSyllables(w), refCountSyllables(w); got != want {
			t.Errorf("countSyllables(%q) = %d, want %d", w, got, want)
		}
	}
}
