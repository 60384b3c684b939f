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

// Wants reports whether Add would keep a contribution of weight w: it
// turns one away when it holds five at least as large. Callers that
// build a contribution's name only when it is wanted skip most of that
// work: an input has hundreds of features and five are kept.
func (t *TopK) Wants(w float64) bool {
	return t.n < len(t.c) || math.Abs(t.c[len(t.c)-1].Weight) < math.Abs(w)
}

// Least returns the smallest magnitude kept (the fifth largest offered,
// counting repeats, or the smallest when fewer were); ok is false when
// nothing was offered.
func (t *TopK) Least() (least float64, ok bool) {
	if t.n == 0 {
		return 0, false
	}
	return math.Abs(t.c[t.n-1].Weight), true
}

// List returns the kept contributions, largest first.
func (t *TopK) List() []Contribution { return append([]Contribution(nil), t.c[:t.n]...) }
