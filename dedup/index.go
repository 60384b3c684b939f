package dedup

import (
	"encoding/binary"
	"sort"

	"github.com/credence-news/credence/internal/fnv1a"
)

// StoreThreshold is the least estimated similarity a store keeps a pair
// at: below Default.Threshold, so that a user can ask for looser copies
// (--similarity 0.4) without re-indexing.
const StoreThreshold = 0.4

// Index holds signatures and finds, for each one added, the earlier ones
// that are near-duplicates of it. Adding is incremental: the matches of a
// text do not depend on what is added after it, so indexing a corpus in
// batches gives the same pairs as indexing it at once. Not safe for
// concurrent use.
type Index struct {
	p     Params
	ids   []string
	sigs  []Signature
	bands []map[uint64][]int32 // band → bucket key → positions in ids
}

// NewIndex makes an empty index.
func NewIndex(p Params) *Index {
	ix := &Index{p: p, bands: make([]map[uint64][]int32, p.Bands)}
	for i := range ix.bands {
		ix.bands[i] = map[uint64][]int32{}
	}
	return ix
}

// Match is a near-duplicate found for a text: an earlier id and the
// estimated similarity.
type Match struct {
	ID         string
	Similarity float64
}

// Add indexes sig under id and returns the earlier texts whose estimated
// similarity reaches the threshold, most similar first (then in the order
// they were added). A nil signature (a text too short to shingle) matches
// nothing and is not indexed.
func (ix *Index) Add(id string, sig Signature) []Match {
	if len(sig) != ix.p.Bands*ix.p.Rows {
		return nil
	}
	pos := int32(len(ix.ids))
	seen := map[int32]bool{}
	var out []Match
	var order []int32
	for b, key := range ix.p.BandKeys(sig) {
		for _, other := range ix.bands[b][key] {
			if seen[other] {
				continue
			}
			seen[other] = true
			if s := Similarity(sig, ix.sigs[other]); s >= ix.p.Threshold {
				out = append(out, Match{ID: ix.ids[other], Similarity: s})
				order = append(order, other)
			}
		}
		ix.bands[b][key] = append(ix.bands[b][key], pos)
	}
	rank := make(map[string]int32, len(out))
	for i, m := range out {
		rank[m.ID] = order[i]
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Similarity != out[j].Similarity {
			return out[i].Similarity > out[j].Similarity
		}
		return rank[out[i].ID] < rank[out[j].ID]
	})
	ix.ids = append(ix.ids, id)
	ix.sigs = append(ix.sigs, sig)
	return out
}

// Len is the number of texts indexed.
func (ix *Index) Len() int { return len(ix.ids) }

// BandKeys are a signature's LSH bucket keys, one per band: two
// signatures that agree on a band's rows have the same key for it. A store
// keeps them to find candidates without holding every signature in memory.
func (p Params) BandKeys(sig Signature) []uint64 {
	if len(sig) != p.Bands*p.Rows {
		return nil
	}
	keys := make([]uint64, p.Bands)
	buf := make([]byte, 0, 4*p.Rows)
	for b := range keys {
		buf = buf[:0]
		for _, v := range sig[b*p.Rows : (b+1)*p.Rows] {
			buf = binary.LittleEndian.AppendUint32(buf, v)
		}
		keys[b] = fnv1a.Hash64(buf)
	}
	return keys
}

// StoreKeys are a signature's LSH bucket keys for a store that keeps all
// bands in one index: the band's number is mixed into its key, so one
// integer column serves every band. Nil for a signature of another length.
func (p Params) StoreKeys(sig Signature) []int64 {
	keys := p.BandKeys(sig)
	if keys == nil {
		return nil
	}
	out := make([]int64, len(keys))
	for b, k := range keys {
		out[b] = int64(mix(k ^ (uint64(b+1) * 0x9e3779b97f4a7c15)))
	}
	return out
}

// Key is a 64-bit hash of a signature: equal signatures have equal keys
// (a store groups exact twins by it).
func (s Signature) Key() int64 {
	return int64(fnv1a.Hash64(s.Bytes()))
}
