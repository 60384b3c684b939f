package tagger

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSumRowsMatchesGeneric checks sumRows, and sumRowsGeneric, against
// sums written out here index by index, for the tagger's class counts and
// others, with rows that start anywhere in a table (so that reads run past
// a row's end into the next row or the padding), negative weights, and dst
// and init the same slice or not. Where the machine has AVX2 (and the
// build is not -tags purego) sumRows runs the vector code; elsewhere both
// run the element-by-element code, which the reference still checks.
func TestSumRowsMatchesGeneric(t *testing.T) {
	t.Logf("vector code: %v", useAVX2)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 7, 8, 9, 25, 45, 64} {
		w16 := make([]int16, 40*n+rowPad)
		w32 := make([]int32, 40*n+rowPad)
		for i := range w16 {
			w16[i] = int16(rng.IntN(1<<16) - 1<<15)
			w32[i] = int32(rng.Uint32())
		}
		for trial := range 200 {
			var r16 []*int16
			var r32 []*int32
			var o16, o32 []int
			for range rng.IntN(10) {
				o := rng.IntN(39*n + 1)
				o16 = append(o16, o)
				r16 = append(r16, &w16[o])
			}
			for range rng.IntN(7) {
				o := rng.IntN(40) * n
				o32 = append(o32, o)
				r32 = append(r32, &w32[o])
			}
			init := make([]int32, n, scoreCap(n))
			for i := range init {
				init[i] = int32(rng.Uint32())
			}
			want := make([]int32, n)
			for i := range want {
				want[i] = init[i]
				for _, o := range o16 {
					want[i] += int32(w16[o+i])
				}
				for _, o := range o32 {
					want[i] += w32[o+i]
				}
			}
			generic := make([]int32, n)
			sumRowsGeneric(generic, init, r16, r32)
			if !slices.Equal(generic, want) {
				t.Fatalf("n=%d, %d int16 and %d int32 rows: generic sums\n%v\nwant\n%v", n, len(r16), len(r32), generic, want)
			}
			got := make([]int32, n, scoreCap(n))
			if trial%2 == 0 {
				sumRows(got, init, r16, r32)
			} else {
				got = slices.Clone(init)[:n:n]
				got = append(make([]int32, 0, scoreCap(n)), got...)
				sumRows(got, got, r16, r32)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d, %d int16 and %d int32 rows (vector code %v): sums\n%v\nwant\n%v", n, len(r16), len(r32), useAVX2, got, want)
			}
		}
	}
}

// A feature's dense row (linear.addDense) scores what its entries do: for
// every feature of the shipped models, scored alone and together with
// others, into scratch with and without room for the vector code.
func TestDenseRowsScoreTheirEntries(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []*linear{m.pos, m.ner} {
		n := l.nClasses
		dense := 0
		var keys []uint64
		var want []int32
		l.each(func(key uint64, entries []int32) {
			keys = append(keys, key)
			row := make([]int32, n)
			for _, e := range entries {
				row[uint8(e)] += e >> 8
			}
			want = append(want, row...)
		})
		offs := make([]uint32, 64)
		for i, k := range keys {
			if l.lookup(k)&denseFlag != 0 {
				dense++
			}
			for _, c := range []int{n, scoreCap(n)} {
				got := make([]int32, n, c)
				l.score([]uint64{k}, offs, got)
				if !slices.Equal(got, want[i*n:(i+1)*n]) {
					t.Fatalf("feature %x (%d classes, capacity %d): score %v, entries %v", k, n, c, got, want[i*n:(i+1)*n])
				}
			}
		}
		// 40 features at once: more dense rows than one sumRows call takes.
		for start := 0; start+40 <= len(keys); start += 997 {
			got := make([]int32, n, scoreCap(n))
			l.score(keys[start:start+40], offs, got)
			sum := make([]int32, n)
			for i := start; i < start+40; i++ {
				for c := range n {
					sum[c] += want[i*n+c]
				}
			}
			if !slices.Equal(got, sum) {
				t.Fatalf("features %d..%d: score %v, entries %v", start, start+39, got, sum)
			}
		}
		if dense == 0 {
			t.Errorf("%d classes: no dense rows", n)
		}
		t.Logf("%d classes: %d of %d features dense", n, dense, len(keys))
	}
}
