package linear

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestTopKKeepsLargestStable(t *testing.T) {
	var k TopK
	for i, w := range []float64{0.1, -2, 0.5, 2, 0.5, -0.05, 1, 3} {
		k.Add(Contribution{Feature: string(rune('a' + i)), Weight: w})
	}
	got := k.List()
	want := []Contribution{{"h", 3}, {"b", -2}, {"d", 2}, {"g", 1}, {"c", 0.5}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TopK = %v, want %v", got, want)
	}
}

func TestShuffleIsFixed(t *testing.T) {
	s := Shuffler(1)
	order := []int{0, 1, 2, 3, 4, 5}
	s.Shuffle(order)
	s2 := Shuffler(1)
	order2 := []int{0, 1, 2, 3, 4, 5}
	s2.Shuffle(order2)
	if !reflect.DeepEqual(order, order2) || reflect.DeepEqual(order, []int{0, 1, 2, 3, 4, 5}) {
		t.Errorf("shuffle = %v / %v", order, order2)
	}
}

// Wants says what Add would keep, and Least is the smallest magnitude
// kept: checked against Add on random weights with many ties.
func TestTopKWantsAndLeast(t *testing.T) {
	var k TopK
	if _, ok := k.Least(); ok {
		t.Fatal("Least of an empty TopK is ok")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 5000 {
		w := float64(rng.IntN(9)-4) / 2
		before := k.List()
		want := k.Wants(w)
		k.Add(Contribution{Feature: fmt.Sprint(n), Weight: w})
		if kept := !reflect.DeepEqual(before, k.List()); kept != want {
			t.Fatalf("weight %v offered to %v: Wants %v, Add kept it %v", w, before, want, kept)
		}
		l := k.List()
		if least, ok := k.Least(); !ok || least != math.Abs(l[len(l)-1].Weight) {
			t.Fatalf("Least of %v = %v, %v", l, least, ok)
		}
	}
}
