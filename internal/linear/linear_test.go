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

// Minimize finds the minimum of a convex quadratic and of a logistic
// loss with L2.
func TestMinimize(t *testing.T) {
	// (x-3)² + 10(y+1)²
	f := func(x, g []float64) float64 {
		g[0] = 2 * (x[0] - 3)
		g[1] = 20 * (x[1] + 1)
		return (x[0]-3)*(x[0]-3) + 10*(x[1]+1)*(x[1]+1)
	}
	x := []float64{0, 0}
	Minimize(f, x, 100, 1e-9)
	if math.Abs(x[0]-3) > 1e-6 || math.Abs(x[1]+1) > 1e-6 {
		t.Errorf("minimum at %v, want [3 -1]", x)
	}
	// One feature, labels 1,1,0 at x = 1,2,-1, L2 1/2·w²: the gradient
	// at the optimum is zero.
	xs, ys := []float64{1, 2, -1}, []float64{1, 1, 0}
	lf := func(w, g []float64) float64 {
		v := 0.5 * w[0] * w[0]
		g[0] = w[0]
		for i := range xs {
			p := 1 / (1 + math.Exp(-w[0]*xs[i]))
			v -= ys[i]*math.Log(p) + (1-ys[i])*math.Log(1-p)
			g[0] += (p - ys[i]) * xs[i]
		}
		return v
	}
	w := []float64{0}
	Minimize(lf, w, 100, 1e-10)
	g := []float64{0}
	lf(w, g)
	if math.Abs(g[0]) > 1e-8 || w[0] <= 0 {
		t.Errorf("w = %v, gradient %v", w, g)
	}
}
