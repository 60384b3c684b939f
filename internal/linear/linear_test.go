package linear

import (
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
