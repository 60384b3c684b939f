package tagger

import "unsafe"

// Summing score vectors.
//
// The fast path (fast.go) scores a token by adding up a dozen rows of
// precomputed weights: int16 rows of the vocabulary's words and int32 rows
// of the dense tables. Added one element at a time, that was about a
// fifth of the tagger's instructions, so on amd64 with AVX2 the rows are
// added eight lanes at a time (rows_amd64.s), the sums kept in a register
// until every row is in. The integers are the same either way
// (TestSumRowsMatchesGeneric).
//
// The vector code reads and writes whole 8-lane chunks: a row is read up
// to rowPad elements past its end (so every table ends in padding), and
// writes the destination up to the rounded-up length (scoreCap).

// rowPad is how many elements every weight table has after its last row.
const rowPad = 16

// scoreCap is the capacity a score vector of n classes needs.
func scoreCap(n int) int { return (n + 7) &^ 7 }

// sumRows sets dst[i] = init[i] + the i-th element of every row of r16
// and r32, for i < len(dst). dst and init may be the same slice. Each row
// needs scoreCap(len(dst)) readable elements; the vector code runs when
// dst and init have capacity scoreCap(len(dst)) (the tagger's scratch
// does), the element-by-element code otherwise.
func sumRows(dst, init []int32, r16 []*int16, r32 []*int32) {
	if c := scoreCap(len(dst)); useAVX2 && len(dst) > 0 && cap(dst) >= c && cap(init) >= c {
		sumRowsAVX2(&dst[0], &init[0], c/8, r16, r32)
		return
	}
	sumRowsGeneric(dst, init, r16, r32)
}

// sumRowsGeneric is sumRows one element at a time.
func sumRowsGeneric(dst, init []int32, r16 []*int16, r32 []*int32) {
	n := len(dst)
	copy(dst, init[:n])
	for _, p := range r16 {
		add16(dst, unsafe.Slice(p, n))
	}
	for _, p := range r32 {
		add32(dst, unsafe.Slice(p, n))
	}
}

// add16 adds the int16 vector v to sc.
func add16(sc []int32, v []int16) {
	v = v[:len(sc)]
	for i, x := range v {
		sc[i] += int32(x)
	}
}

// add32 adds the int32 vector v to sc.
func add32(sc []int32, v []int32) {
	v = v[:len(sc)]
	for i, x := range v {
		sc[i] += x
	}
}
