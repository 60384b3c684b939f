package doc

import (
	"cmp"
	"math"
	"slices"
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
	// One array behind the three lists: a stage builds several indexes
	// per document.
	buf := make([]int, 3*n)
	ix := &SpanIndex{order: buf[:n:n], starts: buf[n : 2*n : 2*n], maxEnd: buf[2*n:]}
	sorted := true
	for i := range n {
		ix.order[i] = i
		if i > 0 && span(i).Start < span(i-1).Start {
			sorted = false
		}
	}
	if !sorted { // most lists (sentences, attributions) are in start order already
		slices.SortStableFunc(ix.order, func(x, y int) int { return cmp.Compare(span(x).Start, span(y).Start) })
	}
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
