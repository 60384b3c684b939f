package signals

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"
)

var fastPathPieces = []string{"a", "B", "Z", "e", "E", "l", "y", "Y", "'", " ", "é", "É", "İ", "K", "Σ", "ß", "\xff", "\xe2\x80", "’", "1", "ǅ", "Ⅻ"}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for k := rng.Intn(10); k >= 0; k-- {
		b.WriteString(fastPathPieces[rng.Intn(len(fastPathPieces))])
	}
	return b.String()
}

func TestToLowerMatchesStrings(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 200000; n++ {
		s := randomText(rng)
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Fatalf("toLower(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestToLowerLongMatchesStrings covers toLower's eight-byte ASCII path:
// long runs of ASCII with other runes between them.
func TestToLowerLongMatchesStrings(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	ascii := []string{"The Quick BROWN fox ", "@[`{ AZaz 09 ", "x", "MIXED case Words.\n"}
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			if rng.Intn(3) == 0 {
				b.WriteString(randomText(rng))
			} else {
				b.WriteString(ascii[rng.Intn(len(ascii))])
			}
		}
		s := b.String()
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Fatalf("toLower(%q) = %q, want %q", s, got, want)
		}
	}
	for c := 0; c < 128; c++ {
		s := strings.Repeat(string(rune(c)), 16)
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Fatalf("toLower(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestSyllablesLettersMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for n := 0; n < 200000; n++ {
		w := randomText(rng)
		letters := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		gotN, gotL := syllablesLetters(w)
		if want := refCountSyllables(w); gotN != want || gotL != letters {
			t.Fatalf("syllablesLetters(%q) = %d, %d, want %d, %d", w, gotN, gotL, want, letters)
		}
	}
}

// TestOnlyASCIILowersToEOrL backs silentE: no rune but "e"/"E" lower-cases
// to "e", and none but "l"/"L" to "l".
func TestOnlyASCIILowersToEOrL(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		switch l := unicode.ToLower(r); {
		case l == 'e' && r != 'e' && r != 'E', l == 'l' && r != 'l' && r != 'L':
			t.Fatalf("unicode.ToLower(%U) = %q", r, l)
		}
	}
}

func TestPercentileMatchesLinearCount(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for n := 0; n < 20000; n++ {
		xs := make([]float64, rng.Intn(20))
		for i := range xs {
			xs[i] = float64(rng.Intn(5))
		}
		for i := 1; i < len(xs); i++ {
			for j := i; j > 0 && xs[j-1] > xs[j]; j-- {
				xs[j-1], xs[j] = xs[j], xs[j-1]
			}
		}
		x := float64(rng.Intn(7) - 1)
		want := -1.0
		if !(len(xs) == 0 || xs[0] == x && xs[len(xs)-1] == x) {
			below := 0
			for below < len(xs) && xs[below] < x {
				below++
			}
			eq := 0
			for below+eq < len(xs) && xs[below+eq] == x {
				eq++
			}
			want = round2((float64(below) + float64(eq)/2) / float64(len(xs)) * 100)
		}
		if got := Percentile(xs, x); got != want {
			t.Fatalf("Percentile(%v, %v) = %v, want %v", xs, x, got, want)
		}
	}
}
