package ascii

import (
	"math/rand"
	"strings"
	"testing"
)

var pieces = []string{"a", "B", "Z", "e", "E", "l", "y", "Y", "'", " ", "é", "É", "İ", "K", "Σ", "ß", "\xff", "\xe2\x80", "’", "1", "ǅ", "Ⅻ"}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for k := rng.Intn(10); k >= 0; k-- {
		b.WriteString(pieces[rng.Intn(len(pieces))])
	}
	return b.String()
}

func checkLower(t *testing.T, s string) {
	t.Helper()
	want := strings.ToLower(s)
	if got := ToLower(s); got != want {
		t.Fatalf("ToLower(%q) = %q, want %q", s, got, want)
	}
	if got := string(AppendLower([]byte("x"), s)); got != "x"+want {
		t.Fatalf("AppendLower(x, %q) = %q, want %q", s, got, "x"+want)
	}
}

func TestLowerIsStringsToLower(t *testing.T) {
	for _, s := range []string{
		"", "plain ascii", "Mixed CASE Text", "Curly ‘quotes’ and “DOUBLE” — DASHES",
		"ÉCOLE İstanbul \u212Aelvin ſ ΣΑΣ", "bad \xff\xfe UTF-8 \xe2\x80", "\xe2\xe2\x80\x99x", "\ufffd OK",
	} {
		checkLower(t, s)
	}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 200000; n++ {
		checkLower(t, randomText(rng))
	}
}

// The eight-byte path: long runs of ASCII with other runes between them,
// and every ASCII byte repeated.
func TestLowerLongIsStringsToLower(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	runs := []string{"The Quick BROWN fox ", "@[`{ AZaz 09 ", "x", "MIXED case Words.\n"}
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			if rng.Intn(3) == 0 {
				b.WriteString(randomText(rng))
			} else {
				b.WriteString(runs[rng.Intn(len(runs))])
			}
		}
		checkLower(t, b.String())
	}
	for c := 0; c < 128; c++ {
		checkLower(t, strings.Repeat(string(rune(c)), 16))
	}
}

func TestIsASCII(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, "short": true, "exactly8": true, "a longer ASCII line of text": true,
		"café": false, "0123456789abcdé": false, "é0123456789abcd": false, "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x80": false,
	} {
		if got := IsASCII(s); got != want {
			t.Errorf("IsASCII(%q) = %v, want %v", s, got, want)
		}
	}
}

// FoldKey agrees with strings.EqualFold: equal keys exactly for strings
// equal under case folding, on the fast and the slow path.
func TestFoldKeyMatchesEqualFold(t *testing.T) {
	words := []string{"Lavrov", "LAVROV", "lavrov", "Kelvin", "\u212aelvin", "kelvin", "straße", "STRASSE", "Σίσυφος", "ΣΊΣΥΦΟΣ", "σίσυφοσ", "Zoë", "ZOË", "zoe", "S", "ſ", "s", "a-1", "A-1", ""}
	for _, a := range words {
		for _, b := range words {
			if got, want := FoldKey(a) == FoldKey(b), strings.EqualFold(a, b); got != want {
				t.Errorf("FoldKey(%q) == FoldKey(%q) is %t; EqualFold says %t", a, b, got, want)
			}
		}
	}
}
