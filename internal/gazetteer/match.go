package gazetteer

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Match is a gazetteer hit over words [Start, End).
type Match struct {
	Start, End int
	Class      Class
	Entry      int32 // index of the entry; see Gazetteer.Entry
}

// Entry describes a gazetteer entry.
type Entry struct {
	Class   Class
	Name    string // canonical name (empty for outlet-seed domains without a known name)
	Country string // ISO 3166-1 alpha-2 where known
	Domain  string // outlets: the outlet's web domain
	// Extra is class-specific: the capital for a country, the country (or
	// region) name for a demonym, the kind of region ("US state"), the
	// source codes for an outlet known only from outlets-seed.tsv.
	Extra string
}

// Entry returns the entry a match refers to. When several entries of a
// class share the matched words (outlets called "Daily Star"), the match
// names the first one listed; Lookup returns them all.
func (g *Gazetteer) Entry(m Match) Entry {
	return g.entries[m.Entry]
}

// Flags needs two bits per class in a uint32: at most 16 classes.
var _ [32 - 2*NumClasses]struct{}

// Flags sets flags[i] for each word i: bit 2*c is set when a match of class
// c BEGINS at word i, bit 2*c+1 when word i is INSIDE (not first word of) a
// match of class c. Longest match per class wins; different classes may
// overlap. flags must have len(words); it is zeroed first. No allocations.
// It panics if flags is shorter than words.
func (g *Gazetteer) Flags(words []string, flags []uint32) {
	flags = flags[:len(words)]
	clear(flags)
	var next [NumClasses]int
	var hits [NumClasses]Match
	for i := range words {
		n := g.matchAt(words, i, &next, &hits)
		for _, m := range hits[:n] {
			flags[m.Start] |= 1 << (2 * uint(m.Class))
			in := uint32(1) << (2*uint(m.Class) + 1)
			for k := m.Start + 1; k < m.End; k++ {
				flags[k] |= in
			}
		}
	}
}

// Matches returns all longest non-overlapping-per-class matches, ordered by
// Start then Class. They are appended to dst, as strconv.AppendInt does:
// pass dst[:0] to reuse a buffer, nil for a new one. With room in dst it
// does not allocate.
func (g *Gazetteer) Matches(words []string, dst []Match) []Match {
	var next [NumClasses]int
	var hits [NumClasses]Match
	for i := range words {
		n := g.matchAt(words, i, &next, &hits)
		dst = append(dst, hits[:n]...)
	}
	return dst
}

// matchAt finds, for each class whose previous match ended at or before
// word i, the longest match starting at i. It stores them in hits in class
// order, advances next for each, and returns how many it found.
func (g *Gazetteer) matchAt(words []string, i int, next *[NumClasses]int, hits *[NumClasses]Match) int {
	w := words[i]
	k := g.tab.find(w)
	if k < 0 {
		return 0
	}
	// The patterns of a group start with a few spellings of one folded
	// word ("New", "new"); test w against each once. Case-insensitive
	// patterns match the first word by the lookup itself.
	var ok, caps uint32
	for f, form := range g.tab.forms[g.tab.formStart[k]:g.tab.formStart[k+1]] {
		switch {
		case w == form:
			ok |= 1 << f
		case equalFoldASCII(w, form) && allCaps(w):
			ok |= 1 << f
			caps |= 1 << f
		}
	}
	if ok == 0 && !g.tab.anyFold[k] {
		return 0 // "new" starts no pattern, though "New" does
	}
	// Most patterns fail on the second word; its length rules most of
	// them out before any comparison (all spellings of a token have the
	// same length in bytes).
	len1 := -1
	if i+1 < len(words) {
		len1 = len(words[i+1])
	}
	n := 0
	var done uint32
	for j := g.tab.start[k]; j < g.tab.start[k+1]; j++ {
		p := &g.pats[j]
		c := p.class
		if done&(1<<c) != 0 || i < next[c] || len(p.toks) > 1 && int(p.len1) != len1 {
			continue
		}
		if !p.fold && ok&(1<<p.form) == 0 || !p.matchRest(words, i, !p.fold && caps&(1<<p.form) != 0) {
			continue
		}
		done |= 1 << c
		end := i + len(p.toks)
		next[c] = end
		hits[n] = Match{Start: i, End: end, Class: c, Entry: p.entry}
		n++
	}
	return n
}

// matchRest reports whether the pattern, whose first word is known to
// match words[i] (in capitals when caps), matches the words after it and
// the "the" before it when it needs one.
func (p *pattern) matchRest(words []string, i int, caps bool) bool {
	if i+len(p.toks) > len(words) {
		return false
	}
	for k := 1; k < len(p.toks); k++ {
		w, t := words[i+k], p.toks[k]
		if w == t {
			continue
		}
		if !equalFoldASCII(w, t) {
			return false
		}
		if !p.fold {
			if !allCaps(w) {
				return false
			}
			caps = true
		}
	}
	// A short all-caps word alone is more often an acronym ("AI", "MAY")
	// than a shouted name.
	if caps && len(p.toks) == 1 && len(words[i]) < 4 {
		return false
	}
	return !p.needThe || i > 0 && equalFoldASCII(words[i-1], "the")
}

// matchWords reports whether the pattern matches words from i on by the
// rules of matching: each word exactly, up to case for a case-insensitive
// pattern, or as an all-caps word for a cased one.
func (p *pattern) matchWords(words []string, i int) bool {
	if i >= len(words) {
		return false
	}
	w, t := words[i], p.toks[0]
	caps := false
	if w != t {
		if !equalFoldASCII(w, t) || !p.fold && !allCaps(w) {
			return false
		}
		caps = !p.fold
	}
	return p.matchRest(words, i, caps)
}

// equalFoldASCII reports whether a and b are equal up to ASCII case.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if isUpperASCII(x) {
			x += 'a' - 'A'
		}
		if isUpperASCII(y) {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// allCaps reports whether w has an upper-case letter and no lower-case one.
func allCaps(w string) bool {
	upper := false
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				return false
			case 'A' <= c && c <= 'Z':
				upper = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper = true
		}
		i += size
	}
	return upper
}

// table is an open-addressing hash table from a first word, folded to ASCII
// lower case, to its group of patterns. It hashes and compares the word
// while folding it, so a lookup neither allocates nor copies.
type table struct {
	mask  uint32
	slots []uint64 // 0: empty; else hash<<32 | key index+1
	keys  []string
	start []int32 // group k is pats[start[k]:start[k+1]]
	// forms[formStart[k]:formStart[k+1]] are the distinct spellings of the
	// first words of group k; pattern.form indexes them.
	forms     []string
	formStart []int32
	anyFold   []bool // group k has case-insensitive patterns
	maxLen    int
	// shape has a bit set for the length, first and last byte of every
	// key (see shapeBit): a test without a loop that rules out most
	// words before they are hashed.
	shape [1 << 15 / 64]uint64
}

// shapeBit indexes table.shape by a word's length (mod 32) and its first
// and last bytes folded like foldHash (mod 32). w must not be empty.
func shapeBit(w string) uint32 {
	return uint32(len(w)&31)<<10 | uint32((w[0]|0x20)&31)<<5 | uint32((w[len(w)-1]|0x20)&31)
}

// maxForms is the most first-word spellings a group may have.
const maxForms = 32

const hashPrime = 0x9e3779b97f4a7c15

func (t *table) build(keys []string, start []int32, pats []pattern) error {
	size := 1
	for size < 2*len(keys) {
		size <<= 1
	}
	t.mask = uint32(size - 1)
	t.slots = make([]uint64, size)
	t.keys = keys
	t.start = start
	t.formStart = make([]int32, 0, len(keys)+1)
	t.anyFold = make([]bool, len(keys))
	for k, key := range keys {
		t.maxLen = max(t.maxLen, len(key))
		h := foldHash(key)
		b := shapeBit(key)
		t.shape[b/64] |= 1 << (b % 64)
		j := h & t.mask
		for t.slots[j] != 0 {
			j = (j + 1) & t.mask
		}
		t.slots[j] = uint64(h)<<32 | uint64(k+1)

		first := int32(len(t.forms))
		t.formStart = append(t.formStart, first)
		for i := start[k]; i < start[k+1]; i++ {
			p := &pats[i]
			t.anyFold[k] = t.anyFold[k] || p.fold
			f := -1
			for x, form := range t.forms[first:] {
				if form == p.toks[0] {
					f = x
				}
			}
			if f < 0 {
				f = len(t.forms) - int(first)
				if f == maxForms {
					return fmt.Errorf("more than %d spellings of first word %q", maxForms, key)
				}
				t.forms = append(t.forms, p.toks[0])
			}
			p.form = uint8(f)
		}
	}
	t.formStart = append(t.formStart, int32(len(t.forms)))
	return nil
}

// foldHash hashes w in a way that ignores ASCII case: every byte is OR-ed
// with 0x20, which maps A-Z to a-z (and merges a few other byte pairs, so
// equal hashes are checked with foldedEqual). It packs eight bytes into a
// word per multiplication and has no data-dependent branches.
func foldHash(w string) uint32 {
	h := uint64(len(w)) * hashPrime
	for len(w) > 8 {
		x := uint64(w[0]|0x20)<<56 | uint64(w[1]|0x20)<<48 | uint64(w[2]|0x20)<<40 | uint64(w[3]|0x20)<<32 |
			uint64(w[4]|0x20)<<24 | uint64(w[5]|0x20)<<16 | uint64(w[6]|0x20)<<8 | uint64(w[7]|0x20)
		h = (h ^ x) * hashPrime
		w = w[8:]
	}
	var x uint64
	for i := 0; i < len(w); i++ {
		x = x<<8 | uint64(w[i]|0x20)
	}
	h = (h ^ x) * hashPrime
	return uint32(h >> 32)
}

// find returns the group of the word's folded form, or -1.
func (t *table) find(w string) int {
	if len(w) == 0 || len(w) > t.maxLen || len(t.slots) == 0 {
		return -1
	}
	if b := shapeBit(w); t.shape[b/64]&(1<<(b%64)) == 0 {
		return -1
	}
	h := foldHash(w)
	for j := h & t.mask; ; j = (j + 1) & t.mask {
		s := t.slots[j]
		if s == 0 {
			return -1
		}
		if uint32(s>>32) == h {
			if k := int(uint32(s)) - 1; foldedEqual(t.keys[k], w) {
				return k
			}
		}
	}
}

// foldedEqual reports whether w folded to ASCII lower case equals key.
func foldedEqual(key, w string) bool {
	if len(key) != len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isUpperASCII(c) {
			c += 'a' - 'A'
		}
		if c != key[i] {
			return false
		}
	}
	return true
}
