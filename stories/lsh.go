package stories

import "github.com/credence-news/credence/internal/fnv1a"

// Candidate generation. Every article is stored under a few keys and looks
// up the same keys; two articles are candidates when they share one. A
// key joins a MinHash value of the article's salient set (its entities and
// title stems) with a time bucket:
//
//   - MinHash: for each of lshBands hash functions, the salient item with
//     the least hash. Two articles share that value with probability equal
//     to the Jaccard similarity J of their sets, so they become candidates
//     with probability 1-(1-J)^lshBands: 0.81 at J = 0.1, 0.97 at 0.2,
//     0.997 at 0.3. One value a band (no AND of rows) because independent
//     reports of one event share few words; Related does the checking.
//   - Time: days are cut into buckets of bucketDays; an article is stored
//     under the keys of its own bucket b and looks up those of b-1, b and
//     b+1. A probes a key B is stored under exactly when |bA-bB| ≤ 1,
//     which is symmetric and holds for every pair at most bucketDays
//     apart, so no pair Related accepts is lost to the time cut. Undated
//     articles share one bucket of their own.
//
// So a dated article is stored under lshBands = 16 keys (each a row in
// the store's index) and looks up 48; an undated one 16 and 16. The
// candidate relation is symmetric by construction.
const (
	lshBands   = 16
	bucketDays = 4 // = maxDayGap: the smallest that covers the window, and the fewest candidates
)

// undatedBucket is the time bucket of every undated article; it is never
// the bucket of a dated one (see bucketKey).
const undatedBucket = int64(1)<<21 - bucketOffset

// bucketKey puts the time bucket in the key's high bits (22 bits, offset so
// that buckets from about 9,500 BC to AD 13,000 are positive and ordered)
// above 40 bits of the band's hash. Keys then sort by time: a store's
// index of them stays hot where the news is (the last days), and looking
// up a new article's keys reads a few pages near the end of the index
// rather than pages all over an index of years of articles. A key also
// stays positive as an SQLite integer.
func bucketKey(b int64, h uint64) uint64 {
	return uint64(b+bucketOffset)<<40 | h&(1<<40-1)
}

const bucketOffset = 1 << 20

// IndexKeys are the keys an article is stored under in the candidate index.
func IndexKeys(f Features) []uint64 { return lshKeys(f, 0, 0) }

// ProbeKeys are the keys an article looks up in the candidate index to find
// its candidates: those of its own time bucket and of the two beside it
// (see above), so candidacy is symmetric.
func ProbeKeys(f Features) []uint64 { return lshKeys(f, -1, 1) }

// lshKeys are the keys of f's MinHash values in the time buckets from its
// own plus lo to its own plus hi (the one undated bucket when undated).
func lshKeys(f Features, lo, hi int64) []uint64 {
	mins := minHashes(f)
	if mins == nil {
		return nil
	}
	var buckets []int64
	if f.Day == NoDay {
		buckets = []int64{undatedBucket}
	} else {
		b := floorDiv(int64(f.Day), bucketDays)
		for d := lo; d <= hi; d++ {
			buckets = append(buckets, b+d)
		}
	}
	keys := make([]uint64, 0, len(buckets)*lshBands)
	for _, b := range buckets {
		for band, m := range mins {
			keys = append(keys, bucketKey(b, mix(m^uint64(band)*0x9e3779b97f4a7c15)))
		}
	}
	return sortedSet(keys)
}

// minHashes returns, for each band, the salient item whose hash under that
// band's function is least (nil for an article with no salient item).
// Items are the entity names (class bits cleared, so a name is one item
// whatever its class) and the title stems.
func minHashes(f Features) []uint64 {
	if len(f.Entities) == 0 && len(f.Title) == 0 {
		return nil
	}
	mins := make([]uint64, lshBands)
	best := make([]uint64, lshBands)
	for i := range best {
		best[i] = ^uint64(0)
	}
	visit := func(item uint64) {
		for band := range mins {
			h := mix(item ^ bandSeeds[band])
			if h < best[band] || (h == best[band] && item < mins[band]) {
				best[band], mins[band] = h, item
			}
		}
	}
	// Common items ("trump", "coronavirus", "people" in a title) would be
	// the least hash of thousands of articles a week and make every one of
	// them a candidate of every other; Related never links on them alone.
	// So only informative items are drawn, unless an article has none.
	n := 0
	for _, e := range f.Entities {
		if weightOf(e) >= minKeyWeight {
			visit(e&itemMask | 1<<62) // entity names and words never collide; weights and classes aside
			n++
		}
	}
	for _, t := range f.Title {
		if weightOf(t) >= minKeyWeight {
			visit(t & itemMask &^ (1 << 62))
			n++
		}
	}
	if n == 0 {
		for _, e := range f.Entities {
			visit(e&itemMask | 1<<62)
		}
		for _, t := range f.Title {
			visit(t & itemMask &^ (1 << 62))
		}
	}
	return mins
}

// minKeyWeight is the least weight (IDF × weightLevels) of an item the
// candidate keys are drawn from: IDF 2.5, a word in about one reference
// document of twelve.
const minKeyWeight = 20

var bandSeeds = func() [lshBands]uint64 {
	var s [lshBands]uint64
	for i := range s {
		s[i] = fnv1a.Hash64(string(rune('a'+i)) + "-story-band")
	}
	return s
}()

// mix is the splitmix64 finaliser: a fast bijective scrambler, so
// mix(item ^ seed) behaves as an independent hash function per seed.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
