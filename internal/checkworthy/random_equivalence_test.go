package checkworthy

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestFeaturesMatchReferenceRandom compares Features with the reference on
// random strings of the pieces the tokenizer treats specially.
func TestFeaturesMatchReferenceRandom(t *testing.T) {
	pieces := []string{"a", "B", "7", "'", "’", ".", ",", "%", "$", "?", " ", "é", "É", "İ", "Σ", "ǅ", "½", "²", "٣",
		"\xff", "\xe2\x80", "\xe2\x80\x99", "than", "the", "est", "ed", "We", "1990", "s", "-", "\u00a0"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 100000; n++ {
		var b strings.Builder
		for k := rng.Intn(16); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := Features(s), refFeatures(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Features(%q)\n got %q\nwant %q", s, got, want)
		}
	}
}
