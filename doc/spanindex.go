package doc

import (
	"math"
	"sort"
)

// SpanIndex finds, among a list of spans, those that overlap or contain a
// given span without scanning the whole list: the list's indexes ordered by
// start, with the greatest end so far. Stages use it where comparing every
// span with every other made large articles quadratic.
type SpanIndex struct {
	order  []int
	starts []int
	maxEnd []int
}

// NewSpanIndex indexes the n spans span(0), ..., span(n-1).
func NewSpanIndex(n int, span func(i int) Span) *SpanIndex {
	ix := &SpanIndex{order: make([]int, n), starts: make([]int, n), maxEnd: make([]int, n)}
	for i := range n {
		ix.order[i] = i
	}
	sort.SliceStable(ix.order, func(x, y int) bool { return span(ix.order[x]).Start < span(ix.order[y]).Start })
	end := math.MinInt
	for k, i := range ix.order {
		sp := span(i)
		ix.starts[k] = sp.Start
		end = max(end, sp.End)
		ix.maxEnd[k] = end
	}
	return ix
}

// Containing calls f, until it returns false, with the index of every span
// that starts at or before s.Start and ends at or after s.End, and perhaps
// with others that start at or before s.Start: f must check. The order is
// not the list's.
func (ix *SpanIndex) Containing(s Span, f func(i int) bool) {
	k := sort.SearchInts(ix.starts, s.Start+1) - 1
	for ; k >= 0 && ix.maxEnd[k] >= s.End; k-- {
		if !f(ix.order[k]) {
			return
		}
	}
}

// Overlapping calls f, until it returns false, with the index of every span
// that starts before s.End and ends after s.Start (every span that
// Overlaps s, empty ones inside s included), and perhaps with others: f
// must check. The order is not the list's.
func (ix *SpanIndex) Overlapping(s Span, f func(i int) bool) {
	k := sort.SearchInts(ix.starts, s.End) - 1
	for ; k >= 0 && ix.maxEnd[k] > s.Start; k-- {
		if !f(ix.order[k]) {
			return
		}
	}
}

// AnyOverlapping reports whether any span of the index Overlaps s, the
// spans being span(i): AnyOverlaps through the index.
func (ix *SpanIndex) AnyOverlapping(s Span, span func(i int) Span) bool {
	found := false
	ix.Overlapping(s, func(i int) bool {
		found = span(i).Overlaps(s)
		return !found
	})
	return found
}
