// Package dedup finds articles that share most of their text: MinHash
// signatures over word shingles of the cleaned text, and an incremental
// LSH index that proposes candidates, checked against the estimated
// Jaccard similarity. It is the first step of copy chains (issue 16);
// the dependency survey measured this hand-written approach at recall
// 0.994 on planted near-duplicates, 3.5× faster than the maintained
// libraries (which are 7–10 years old).
//
// Everything is deterministic: the same text gives the same signature in
// every process and on every platform, so signatures can be stored.
package dedup

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Params shape the signatures and the index. The zero value is not
// usable; start from Default.
type Params struct {
	Shingle int // words per shingle
	Bands   int // LSH bands
	Rows    int // signature values per band; Bands×Rows is the signature length
	// Threshold is the estimated Jaccard similarity of shingle sets at or
	// above which two texts are near-duplicates.
	Threshold float64
}

// Default: 5-word shingles, 128 values in 32 bands of 4. A pair at
// Jaccard 0.5 becomes a candidate with probability 1-(1-0.5⁴)³² ≈ 0.87,
// at 0.6 with 0.98, at 0.7 with 0.9995; a pair at 0.2 with 0.05.
var Default = Params{Shingle: 5, Bands: 32, Rows: 4, Threshold: 0.5}

// Signature is a text's MinHash signature: for each of Bands×Rows hash
// functions, the least hash of its shingles. A text with fewer words than
// a shingle has no signature (nil).
type Signature []uint32

// Sign computes the signature of text under p.
func (p Params) Sign(text string) Signature {
	words := wordHashes(text)
	n := len(words) - p.Shingle + 1
	if n < 1 {
		return nil
	}
	k := p.Bands * p.Rows
	sig := make(Signature, k)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	// One-permutation hashing (Li, Owen and Zhang 2012): one hash per
	// shingle, its low bits choosing one of the k bins and its high bits
	// the value kept if it is the bin's least. O(shingles + k) instead of
	// O(shingles × k).
	for i := 0; i < n; i++ {
		h := uint64(fnv1aOffset)
		for _, w := range words[i : i+p.Shingle] {
			h = w ^ bits.RotateLeft64(h, 23)
		}
		m := mix(h)
		bin := int(m % uint64(k))
		if v := uint32(m >> 32); v < sig[bin] {
			sig[bin] = v
		}
	}
	// Densification by rotation (Shrivastava and Li 2014): an empty bin
	// takes the value of the next non-empty one to its right, offset by
	// the distance, so that two texts agree on it exactly when they
	// agree on the bin it borrows from.
	empty := make([]bool, k)
	for i, v := range sig {
		empty[i] = v == ^uint32(0)
	}
	for i := range sig {
		if !empty[i] {
			continue
		}
		for d := 1; d < k; d++ {
			if j := (i + d) % k; !empty[j] {
				sig[i] = sig[j] + uint32(d)*0x9e3779b9
				break
			}
		}
	}
	return sig
}

const fnv1aOffset = 14695981039346656037

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Similarity estimates the Jaccard similarity of the shingle sets of two
// signatures: the share of hash functions on which they agree. Signatures
// of different lengths, or none, are 0.
func Similarity(a, b Signature) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// wordHashes splits text into words of letters and digits, lower-cased
// (what a copy keeps when it changes punctuation, quotes or capitals), and
// returns the 64-bit FNV-1a hash of each word's UTF-8 bytes, without
// making the words.
func wordHashes(text string) []uint64 {
	out := make([]uint64, 0, len(text)/5)
	const prime = 1099511628211
	h, in := uint64(fnv1aOffset), false
	var enc [utf8.UTFMax]byte
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			h = (h ^ uint64(r)) * prime
			in = true
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			h = (h ^ uint64(r+'a'-'A')) * prime
			in = true
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			n := utf8.EncodeRune(enc[:], unicode.ToLower(r))
			for _, c := range enc[:n] {
				h = (h ^ uint64(c)) * prime
			}
			in = true
		case r == '\'' || r == '’':
			// "council's" and "councils" stay one word
		default:
			if in {
				out = append(out, h)
				h, in = fnv1aOffset, false
			}
		}
	}
	if in {
		out = append(out, h)
	}
	return out
}

// Bytes encodes a signature for storage (little-endian uint32s).
func (s Signature) Bytes() []byte {
	b := make([]byte, 0, 4*len(s))
	for _, v := range s {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// SignatureFrom decodes Bytes.
func SignatureFrom(b []byte) Signature {
	s := make(Signature, len(b)/4)
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s
}
