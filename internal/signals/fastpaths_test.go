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
