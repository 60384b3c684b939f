package doc

import (
	"math/rand"
	"slices"
	"testing"
)

// The index finds every span a scan of the whole list finds: Containing
// every span that contains s, Overlapping every span that overlaps it, on
// random lists in and out of start order, empty spans included.
func TestSpanIndexMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := range 500 {
		n := rng.Intn(30)
		spans := make([]Span, n)
		for i := range spans {
			s := rng.Intn(100)
			spans[i] = Span{Start: s, End: s + rng.Intn(20)}
		}
		if round%2 == 0 {
			slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
		}
		ix := NewSpanIndex(n, func(i int) Span { return spans[i] })
		for range 20 {
			s0 := rng.Intn(110)
			q := Span{Start: s0, End: s0 + rng.Intn(15)}
			var want, got []int
			for i, sp := range spans {
				if sp.Start <= q.Start && sp.End >= q.End {
					want = append(want, i)
				}
			}
			ix.Containing(q, func(i int) bool {
				if sp := spans[i]; sp.Start <= q.Start && sp.End >= q.End {
					got = append(got, i)
				}
				return true
			})
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d: Containing(%v) = %v, want %v (spans %v)", round, q, got, want, spans)
			}
			want, got = want[:0], got[:0]
			for i, sp := range spans {
				if sp.Overlaps(q) {
					want = append(want, i)
				}
			}
			ix.Overlapping(q, func(i int) bool {
				if spans[i].Overlaps(q) {
					got = append(got, i)
				}
				return true
			})
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d: Overlapping(%v) = %v, want %v", round, q, got, want)
			}
			if any := ix.AnyOverlapping(q, func(i int) Span { return spans[i] }); any != (len(want) > 0) {
				t.Fatalf("round %d: AnyOverlapping(%v) = %v", round, q, any)
			}
		}
	}
}
