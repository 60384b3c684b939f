// Package linear holds what Credence's small linear models (the headline
// and check-worthiness classifiers) share: the fixed pseudo-random shuffle
// that makes their training deterministic, and the selection of the
// features that explain a score.
package linear

import "math"

// Contribution is one feature's share of a score (weight times value).
type Contribution struct {
	Feature string
	Weight  float64
}

// Shuffler is a splitmix64 generator: fixed, so that a seed gives the same
// training order on every Go release and platform.
type Shuffler uint64

func (s *Shuffler) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// Shuffle permutes order in place (Fisher–Yates).
func (s *Shuffler) Shuffle(order []int) {
	for i := len(order) - 1; i > 0; i-- {
		j := int(s.next() % uint64(i+1))
		order[i], order[j] = order[j], order[i]
	}
}

// TopK keeps the five contributions of largest magnitude, earlier ones
// first among equals (the order a stable sort would give), without sorting
// every feature of the input.
type TopK struct {
	c [5]Contribution
	n int
}

// Add offers a contribution.
func (t *TopK) Add(c Contribution) {
	a := math.Abs(c.Weight)
	i := t.n
	for i > 0 && math.Abs(t.c[i-1].Weight) < a {
		i--
	}
	if i >= len(t.c) {
		return
	}
	end := min(t.n, len(t.c)-1)
	copy(t.c[i+1:end+1], t.c[i:end])
	t.c[i] = c
	if t.n < len(t.c) {
		t.n++
	}
}

// List returns the kept contributions, largest first.
func (t *TopK) List() []Contribution { return append([]Contribution(nil), t.c[:t.n]...) }
