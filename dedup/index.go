package dedup

import (
	"encoding/binary"
	"sort"

	"github.com/credence-news/credence/internal/fnv1a"
)

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
	buf   []byte
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
	for b := range ix.bands {
		key := ix.bandKey(sig[b*ix.p.Rows : (b+1)*ix.p.Rows])
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

func (ix *Index) bandKey(rows []uint32) uint64 {
	ix.buf = ix.buf[:0]
	for _, v := range rows {
		ix.buf = binary.LittleEndian.AppendUint32(ix.buf, v)
	}
	return fnv1a.Hash64(ix.buf)
}
