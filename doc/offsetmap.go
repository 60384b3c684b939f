package doc

import "sort"

// OffsetMap maps byte offsets in the cleaned text back to byte offsets in the
// source it was cleaned from. Cleaning copies the source in runs (dropping
// removed pieces, zero-width characters and surplus whitespace in between),
// and rewrites a few characters in place with a same-position replacement
// (a no-break space becomes a space); so a list of runs, each "cleaned
// [Dst, Dst+N) came from source [Src, Src+N)", holds the whole map. A rewritten
// character whose cleaned form differs in byte length from the original gets
// a run of its own with Fixed set: every cleaned byte in it maps to Src.
type OffsetMap struct {
	Runs []Run
}

// Run is one stretch of the map.
type Run struct {
	Dst, Src, N int
	// Fixed marks a replaced character: all of [Dst, Dst+N) maps to Src, and
	// SrcN is the length of the original character in the source.
	Fixed bool
	SrcN  int
}

// Add appends a run, merging it with the previous one when both are
// contiguous copies.
func (m *OffsetMap) Add(dst, src, n int) {
	if n <= 0 {
		return
	}
	if k := len(m.Runs); k > 0 {
		last := &m.Runs[k-1]
		if !last.Fixed && last.Dst+last.N == dst && last.Src+last.N == src {
			last.N += n
			return
		}
	}
	m.grow()
	m.Runs = append(m.Runs, Run{Dst: dst, Src: src, N: n})
}

// grow gives an empty map room for a typical article's runs (a few dozen),
// so that it does not regrow from one run up.
func (m *OffsetMap) grow() {
	if cap(m.Runs) == 0 {
		m.Runs = make([]Run, 0, 32)
	}
}

// AddReplaced records that the n cleaned bytes at dst stand for the srcN
// source bytes at src.
func (m *OffsetMap) AddReplaced(dst, src, n, srcN int) {
	if n == srcN {
		m.Add(dst, src, n)
		return
	}
	m.grow()
	m.Runs = append(m.Runs, Run{Dst: dst, Src: src, N: n, Fixed: true, SrcN: srcN})
}

// Source returns the source offset of cleaned offset dst. An offset at the end
// of a run (an exclusive end) maps to the end of that run's source, so spans
// map to spans: Source(s.Start), Source(s.End) cover the original of s.
func (m *OffsetMap) Source(dst int) int {
	runs := m.Runs
	if len(runs) == 0 {
		return dst
	}
	// The run that holds dst, if any.
	i := sort.Search(len(runs), func(i int) bool { return runs[i].Dst+runs[i].N > dst })
	if i < len(runs) && runs[i].Dst <= dst {
		r := runs[i]
		if r.Fixed {
			return r.Src
		}
		return r.Src + (dst - r.Dst)
	}
	// dst is an exclusive end: it maps to the end of the run before it.
	if i == 0 {
		return runs[0].Src
	}
	r := runs[i-1]
	return r.srcEnd() + (dst - r.Dst - r.N)
}

// SourceSpan maps a cleaned span to the source span it came from. The start
// maps forward and the end maps backward, so a span that ends exactly where a
// gap (a removal) begins does not swallow the gap.
func (m *OffsetMap) SourceSpan(s Span) Span {
	start := m.Source(s.Start)
	if s.End == s.Start {
		return Span{start, start}
	}
	end := m.Source(s.End-1) + 1
	// Extend over a multi-byte character at the end.
	runs := m.Runs
	i := sort.Search(len(runs), func(i int) bool { return runs[i].Dst+runs[i].N > s.End-1 })
	if i < len(runs) && runs[i].Fixed && s.End-1 >= runs[i].Dst {
		end = runs[i].Src + runs[i].SrcN
	}
	return Span{start, end}
}

func (r Run) srcEnd() int {
	if r.Fixed {
		return r.Src + r.SrcN
	}
	return r.Src + r.N
}

// Dest returns the cleaned offset at which source offset src lies or, when
// src was removed, where the text after it continues: the smallest cleaned
// offset whose source is at or after src.
func (m *OffsetMap) Dest(src int) int {
	runs := m.Runs
	i := sort.Search(len(runs), func(i int) bool { return runs[i].srcEnd() > src })
	if i == len(runs) {
		if len(runs) == 0 {
			return 0
		}
		r := runs[len(runs)-1]
		return r.Dst + r.N
	}
	r := runs[i]
	if src <= r.Src || r.Fixed {
		return r.Dst
	}
	return r.Dst + (src - r.Src)
}
