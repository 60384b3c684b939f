package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// The model file is gzip-compressed. Inside: the magic string, a format
// version, the training info, feature switches, the tag names, the POS tag
// dictionary, the entity lexicon and the two weight tables. Keys are
// sorted and delta-coded; each table stores per feature the entry count,
// then all classes, then all weights (zig-zag varints of the quantised
// averaged weights), which gzip compresses well.

const (
	fileMagic   = "credence-tagger\n"
	fileVersion = 2 // 2 added the vocabulary
)

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// WriteTo writes the model file (gzip-compressed) to w. The bytes depend
// only on the model.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	e := encoder{w: bw}
	e.bytes([]byte(fileMagic))
	e.uvarint(fileVersion)
	e.string(m.info)
	var flags uint64
	if m.useGaz {
		flags |= 1
	}
	if m.useLex {
		flags |= 2
	}
	if m.nerBeam > 1 {
		flags |= uint64(m.nerBeam) << 3
	}
	flags |= uint64(m.beamMargin) << 10
	e.uvarint(flags)
	e.strings(m.posTags)
	e.strings(m.nerTags)
	e.keyMap(len(m.tagdict), func(yield func(uint64, uint64)) {
		for k, v := range m.tagdict {
			yield(k, uint64(v))
		}
	})
	e.keyMap(len(m.lex), func(yield func(uint64, uint64)) {
		for k, v := range m.lex {
			yield(k, uint64(v))
		}
	})
	e.keyMap(len(m.clusters), func(yield func(uint64, uint64)) {
		for k, v := range m.clusters {
			yield(k, uint64(v))
		}
	})
	e.keyMap(len(m.outside), func(yield func(uint64, uint64)) {
		for k := range m.outside {
			yield(k, 1)
		}
	})
	e.linear(m.pos)
	e.linear(m.ner)
	e.uvarint(uint64(len(m.vocab)))
	for _, w := range m.vocab {
		e.string(w)
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	if e.err == nil {
		e.err = zw.Close()
	}
	return cw.n, e.err
}

type encoder struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) uvarint(v uint64) {
	e.bytes(binary.AppendUvarint(e.buf[:0], v))
}

func (e *encoder) string(s string) {
	e.uvarint(uint64(len(s)))
	e.bytes([]byte(s))
}

func (e *encoder) strings(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.string(s)
	}
}

// keyMap writes a map from keys to small values, sorted by key.
func (e *encoder) keyMap(n int, all func(func(uint64, uint64))) {
	type kv struct{ k, v uint64 }
	kvs := make([]kv, 0, n)
	all(func(k, v uint64) { kvs = append(kvs, kv{k, v}) })
	slices.SortFunc(kvs, func(a, b kv) int {
		if a.k < b.k {
			return -1
		}
		if a.k > b.k {
			return 1
		}
		return 0
	})
	e.uvarint(uint64(len(kvs)))
	prev := uint64(0)
	for _, x := range kvs {
		e.uvarint(x.k - prev)
		prev = x.k
	}
	for _, x := range kvs {
		e.uvarint(x.v)
	}
}

func (e *encoder) linear(l *linear) {
	e.uvarint(uint64(l.nClasses))
	e.uvarint(uint64(len(l.keys)))
	prev := uint64(0)
	for _, k := range l.keys {
		e.uvarint(k - prev)
		prev = k
	}
	l.each(func(_ uint64, es []int32) { e.uvarint(uint64(len(es))) })
	l.each(func(_ uint64, es []int32) {
		for _, x := range es {
			e.bytes([]byte{uint8(x)})
		}
	})
	l.each(func(_ uint64, es []int32) {
		for _, x := range es {
			e.bytes(binary.AppendVarint(e.buf[:0], int64(x>>8)))
		}
	})
}

// each calls f with every feature key and its entries, in key order.
func (l *linear) each(f func(key uint64, entries []int32)) {
	off := 1
	for _, k := range l.keys {
		n := int(l.w[off])
		f(k, l.w[off+1:off+1+n])
		off += 1 + n
	}
}

// Load reads a model file written by WriteTo.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tagger: model file: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("tagger: model file: %w", err)
	}
	d := decoder{b: data}
	if !bytes.HasPrefix(data, []byte(fileMagic)) {
		return nil, errors.New("tagger: not a tagger model file")
	}
	d.b = d.b[len(fileMagic):]
	version := d.uvarint()
	if version != 1 && version != fileVersion {
		return nil, fmt.Errorf("tagger: model file version %d, want %d", version, fileVersion)
	}
	m := &Model{}
	m.info = d.string()
	flags := d.uvarint()
	m.useGaz, m.useLex = flags&1 != 0, flags&2 != 0
	if b := flags >> 3 & 127; b > 64 {
		d.fail()
	} else {
		m.nerBeam = int(b)
	}
	if mg := flags >> 10; mg > 1<<30 {
		d.fail()
	} else {
		m.beamMargin = int64(mg)
	}
	m.posTags = d.strings()
	m.nerTags = d.strings()
	if len(m.posTags) == 0 || len(m.posTags) > 250 || len(m.nerTags) != 1+2*len(EntityTypes) {
		d.fail()
	}
	m.tagdict = map[uint64]uint8{}
	d.keyMap(func(k, v uint64) {
		if v >= uint64(len(m.posTags)) {
			d.fail()
		}
		m.tagdict[k] = uint8(v)
	})
	m.lex = map[uint64]uint32{}
	d.keyMap(func(k, v uint64) { m.lex[k] = uint32(v) })
	m.clusters = map[uint64]uint32{}
	d.keyMap(func(k, v uint64) { m.clusters[k] = uint32(v) })
	m.outside = map[uint64]bool{}
	d.keyMap(func(k, v uint64) { m.outside[k] = true })
	m.pos = d.linear(len(m.posTags))
	m.ner = d.linear(len(m.nerTags))
	if version >= 2 {
		n := d.count(1 << 22)
		m.vocab = make([]string, 0, n)
		for range n {
			m.vocab = append(m.vocab, d.string())
		}
	}
	if d.err != nil {
		return nil, fmt.Errorf("tagger: model file: %w", d.err)
	}
	if len(d.b) != 0 {
		return nil, errors.New("tagger: model file: trailing data")
	}
	m.buildFast()
	m.setClosed()
	return m, nil
}

type decoder struct {
	b   []byte
	err error
}

var errCorrupt = errors.New("corrupt or truncated")

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) count(max int) int {
	v := d.uvarint()
	if v > uint64(max) || v > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	n := d.count(1 << 20)
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) strings() []string {
	n := d.count(1 << 10)
	out := make([]string, 0, n)
	for range n {
		out = append(out, d.string())
	}
	return out
}

func (d *decoder) keyMap(f func(k, v uint64)) {
	n := d.count(1 << 26)
	keys := make([]uint64, n)
	prev := uint64(0)
	for i := range keys {
		prev += d.uvarint()
		keys[i] = prev
	}
	for _, k := range keys {
		v := d.uvarint()
		if d.err != nil {
			return
		}
		f(k, v)
	}
}

func (d *decoder) linear(nClasses int) *linear {
	if v := d.uvarint(); v != uint64(nClasses) {
		d.fail()
		return nil
	}
	n := d.count(1 << 28)
	keys := make([]uint64, n)
	prev := uint64(0)
	for i := range keys {
		prev += d.uvarint()
		if prev > keyMask {
			d.fail()
		}
		keys[i] = prev
	}
	counts := make([]int, n)
	total := 0
	for i := range counts {
		counts[i] = d.count(nClasses)
		total += counts[i]
	}
	if d.err != nil || total > len(d.b) {
		d.fail()
		return nil
	}
	classes := d.b[:total]
	d.b = d.b[total:]
	l := newLinear(nClasses, n)
	l.w = make([]int32, 1, 1+n+total)
	l.keys = make([]uint64, 0, n)
	entries := make([]int32, 0, nClasses)
	ci := 0
	for i, k := range keys {
		entries = entries[:0]
		for range counts[i] {
			c := classes[ci]
			ci++
			w := d.varint()
			if int(c) >= nClasses || w < -(1<<23) || w >= 1<<23 {
				d.fail()
				return nil
			}
			entries = append(entries, int32(w)<<8|int32(c))
		}
		l.add(k, entries)
	}
	return l
}
