package doc

import (
	"reflect"
	"testing"
)

// Add merges a run into the previous one only when both are plain copies
// contiguous in the cleaned text and in the source; empty runs are dropped;
// AddReplaced with equal lengths is a plain copy, otherwise a Fixed run that
// nothing merges into.
func TestOffsetMapAdd(t *testing.T) {
	var m OffsetMap
	m.Add(0, 0, 3)
	m.Add(3, 3, 2)            // contiguous: merged
	m.Add(5, 7, 1)            // source gap: new run
	m.Add(6, 8, 0)            // empty: ignored
	m.Add(6, 8, -1)           // negative: ignored
	m.AddReplaced(6, 8, 1, 1) // same length: a copy, merged
	m.AddReplaced(7, 9, 1, 3) // a 3-byte character replaced by 1 byte
	m.Add(8, 12, 1)           // after a Fixed run: never merged into it
	m.Add(9, 13, 1)           // merged with the previous copy
	m.AddReplaced(10, 14, 2, 0)
	m.AddReplaced(12, 14, 2, 0) // Fixed runs do not merge with each other
	m.Add(14, 14, 1)
	want := []Run{
		{Dst: 0, Src: 0, N: 5},
		{Dst: 5, Src: 7, N: 2},
		{Dst: 7, Src: 9, N: 1, Fixed: true, SrcN: 3},
		{Dst: 8, Src: 12, N: 2},
		{Dst: 10, Src: 14, N: 2, Fixed: true, SrcN: 0},
		{Dst: 12, Src: 14, N: 2, Fixed: true, SrcN: 0},
		{Dst: 14, Src: 14, N: 1},
	}
	if !reflect.DeepEqual(m.Runs, want) {
		t.Errorf("Runs = %+v\nwant   %+v", m.Runs, want)
	}
}

// sampleMap is the map of cleaning
//
//	source  "Héllo\u00a0world. [ad] Bye."   (24 bytes)
//	cleaned "Héllo world. Bye."             (18 bytes)
//
// The no-break space (2 bytes at 6) became a space (1 byte at 6); "[ad] "
// (source [15,20)) was removed.
func sampleMap() (src, dst string, m OffsetMap) {
	src = "Héllo\u00a0world. [ad] Bye."
	dst = "Héllo world. Bye."
	m.Add(0, 0, 6)            // "Héllo"
	m.AddReplaced(6, 6, 1, 2) // no-break space -> space
	m.Add(7, 8, 6)            // "world."
	m.Add(13, 14, 1)          // " " (merges with "world.")
	m.Add(14, 20, 4)          // "Bye."
	return src, dst, m
}

func TestSampleMapRuns(t *testing.T) {
	src, dst, m := sampleMap()
	if len(src) != 24 || len(dst) != 18 {
		t.Fatalf("fixture lengths %d, %d", len(src), len(dst))
	}
	want := []Run{
		{Dst: 0, Src: 0, N: 6},
		{Dst: 6, Src: 6, N: 1, Fixed: true, SrcN: 2},
		{Dst: 7, Src: 8, N: 7},
		{Dst: 14, Src: 20, N: 4},
	}
	if !reflect.DeepEqual(m.Runs, want) {
		t.Fatalf("Runs = %+v, want %+v", m.Runs, want)
	}
	// Every copied byte maps to the same byte in the source.
	for _, r := range m.Runs {
		if !r.Fixed && dst[r.Dst:r.Dst+r.N] != src[r.Src:r.Src+r.N] {
			t.Errorf("run %+v: %q != %q", r, dst[r.Dst:r.Dst+r.N], src[r.Src:r.Src+r.N])
		}
	}
}

// Source maps run starts, offsets inside runs (including inside a replaced
// character), offsets right after a gap, and exclusive ends: the end of the
// text maps to the end of the source, and offsets past it extrapolate.
func TestOffsetMapSource(t *testing.T) {
	_, _, m := sampleMap()
	cases := []struct{ dst, src int }{
		{0, 0},   // "H", start of the first run
		{1, 1},   // "é"
		{2, 2},   // inside "é" (continuation byte)
		{5, 5},   // "o"
		{6, 6},   // the replaced space: its source character
		{7, 8},   // "w", start of a run after the replaced character
		{12, 13}, // "."
		{13, 14}, // the kept space before the removed "[ad] "
		{14, 20}, // "B": after the gap, the run's start (not the gap's start)
		{17, 23}, // last "."
		{18, 24}, // end of the text: end of the source
		{20, 26}, // past the end: extrapolated from the last run
	}
	for _, c := range cases {
		if got := m.Source(c.dst); got != c.src {
			t.Errorf("Source(%d) = %d, want %d", c.dst, got, c.src)
		}
	}
}

// SourceSpan maps spans to the source they came from: a span ending right
// before a gap stops at the gap instead of swallowing it, and a span ending
// on a replaced character covers the whole original character.
func TestOffsetMapSourceSpan(t *testing.T) {
	src, dst, m := sampleMap()
	cases := []struct {
		in, want Span
		text     string // src[want]
	}{
		{Span{0, 18}, Span{0, 24}, "Héllo\u00a0world. [ad] Bye."},
		{Span{0, 6}, Span{0, 6}, "Héllo"},
		{Span{1, 3}, Span{1, 3}, "é"},
		{Span{7, 13}, Span{8, 14}, "world."},
		{Span{7, 14}, Span{8, 15}, "world. "},     // ends just before the gap [15,20)
		{Span{13, 14}, Span{14, 15}, " "},         // the space before the gap
		{Span{6, 7}, Span{6, 8}, "\u00a0"},        // the replaced space: both bytes
		{Span{0, 7}, Span{0, 8}, "Héllo\u00a0"},   // ends on the replaced character
		{Span{6, 12}, Span{6, 13}, "\u00a0world"}, // starts on it
		{Span{14, 18}, Span{20, 24}, "Bye."},      // starts after the gap
		{Span{13, 18}, Span{14, 24}, " [ad] Bye."},
		{Span{5, 5}, Span{5, 5}, ""},
		{Span{14, 14}, Span{20, 20}, ""}, // empty span after the gap maps forward
	}
	for _, c := range cases {
		got := m.SourceSpan(c.in)
		if got != c.want {
			t.Errorf("SourceSpan(%v) [%q] = %v, want %v", c.in, dst[c.in.Start:c.in.End], got, c.want)
			continue
		}
		if s := src[got.Start:got.End]; s != c.text {
			t.Errorf("SourceSpan(%v) selects %q, want %q", c.in, s, c.text)
		}
	}
}

// Dest maps kept source offsets to where they are in the cleaned text, and
// removed ones (the gap, the second byte of the replaced character) to
// where the text continues; offsets at or past the end map to the end.
func TestOffsetMapDest(t *testing.T) {
	_, _, m := sampleMap()
	cases := []struct{ src, dst int }{
		{0, 0},
		{1, 1},
		{5, 5},
		{6, 6},   // the no-break space: the space that replaced it
		{7, 6},   // its second byte: the same space
		{8, 7},   // "w"
		{14, 13}, // the kept space
		{15, 14}, // "[" (removed): where "Bye." continues
		{19, 14}, // the removed space
		{20, 14}, // "B"
		{23, 17}, // "."
		{24, 18}, // end of the source: end of the text
		{99, 18}, // past the end
	}
	for _, c := range cases {
		if got := m.Dest(c.src); got != c.dst {
			t.Errorf("Dest(%d) = %d, want %d", c.src, got, c.dst)
		}
	}
}

// Dest and Source are inverse on every kept source byte of the sample.
func TestOffsetMapRoundTrip(t *testing.T) {
	src, _, m := sampleMap()
	for s := 0; s < len(src); s++ {
		if (s >= 15 && s < 20) || s == 7 { // removed, or the tail of the replaced character
			continue
		}
		if got := m.Source(m.Dest(s)); got != s {
			t.Errorf("Source(Dest(%d)) = %d", s, got)
		}
	}
}

// The paragraph separator cleaning inserts is a Fixed run with a 0-length
// source: both its bytes map to where the next paragraph starts, its source
// span is empty, and spans around it keep their own source.
func TestOffsetMapInsertedSeparator(t *testing.T) {
	// source "One.\n\n\nTwo." -> cleaned "One.\n\nTwo."
	src := "One.\n\n\nTwo."
	var m OffsetMap
	m.Add(0, 0, 4)
	m.AddReplaced(4, 7, 2, 0)
	m.Add(6, 7, 4)
	srcCases := []struct{ dst, src int }{{3, 3}, {4, 7}, {5, 7}, {6, 7}, {9, 10}, {10, 11}}
	for _, c := range srcCases {
		if got := m.Source(c.dst); got != c.src {
			t.Errorf("Source(%d) = %d, want %d", c.dst, got, c.src)
		}
	}
	spanCases := []struct{ in, want Span }{
		{Span{0, 4}, Span{0, 4}},   // "One."
		{Span{4, 6}, Span{7, 7}},   // the separator: no source text
		{Span{0, 6}, Span{0, 7}},   // "One.\n\n": up to the next paragraph
		{Span{6, 10}, Span{7, 11}}, // "Two."
		{Span{4, 10}, Span{7, 11}},
	}
	for _, c := range spanCases {
		got := m.SourceSpan(c.in)
		if got != c.want {
			t.Errorf("SourceSpan(%v) = %v (%q), want %v", c.in, got, src[got.Start:got.End], c.want)
		}
	}
	destCases := []struct{ src, dst int }{
		{3, 3},   // "."
		{4, 4},   // removed newlines: the separator
		{6, 4},   //
		{7, 6},   // "T"
		{11, 10}, // end
	}
	for _, c := range destCases {
		if got := m.Dest(c.src); got != c.dst {
			t.Errorf("Dest(%d) = %d, want %d", c.src, got, c.dst)
		}
	}
}

// A map whose first run starts after source offset 0 (a removed prefix, as
// when a headline line is skipped): offsets before it map to its start.
func TestOffsetMapRemovedPrefix(t *testing.T) {
	var m OffsetMap
	m.Add(0, 10, 5)
	if got := m.Dest(0); got != 0 {
		t.Errorf("Dest(0) = %d, want 0", got)
	}
	if got := m.Dest(12); got != 2 {
		t.Errorf("Dest(12) = %d, want 2", got)
	}
	if got := m.Source(0); got != 10 {
		t.Errorf("Source(0) = %d, want 10", got)
	}
	if got := m.SourceSpan(Span{0, 5}); got != (Span{10, 15}) {
		t.Errorf("SourceSpan = %v", got)
	}
}

// The empty map (nothing was cleaned out of an empty text): Source and
// SourceSpan are the identity; Dest is 0, the only offset an empty text has.
func TestOffsetMapEmpty(t *testing.T) {
	var m OffsetMap
	for _, x := range []int{0, 1, 7} {
		if got := m.Source(x); got != x {
			t.Errorf("Source(%d) = %d, want %d", x, got, x)
		}
		if got := m.Dest(x); got != 0 {
			t.Errorf("Dest(%d) = %d, want 0", x, got)
		}
	}
	if got := m.SourceSpan(Span{2, 5}); got != (Span{2, 5}) {
		t.Errorf("SourceSpan({2,5}) = %v", got)
	}
	if got := m.SourceSpan(Span{3, 3}); got != (Span{3, 3}) {
		t.Errorf("SourceSpan({3,3}) = %v", got)
	}
}

// Span.Len and TokenKind names, which the report prints.
func TestSpanAndTokenKind(t *testing.T) {
	if n := (Span{3, 10}).Len(); n != 7 {
		t.Errorf("Len = %d", n)
	}
	names := map[TokenKind]string{
		TokWord: "word", TokNumber: "number", TokPunct: "punct", TokSymbol: "symbol",
		TokURL: "url", TokEmail: "email", TokHandle: "handle", TokHashtag: "hashtag", TokenKind(99): "unknown",
	}
	for k, want := range names {
		if got := k.String(); got != want {
			t.Errorf("TokenKind(%d).String() = %q, want %q", k, got, want)
		}
	}
}
