package corpus

import (
	"bufio"
	"compress/gzip"
	"io"
)

// gzipMembers decompresses a gzip stream of one or more members (like
// gzip.Reader's multistream mode) and remembers where each member starts,
// so a WARC record that starts a member (one gzip member per record, as
// crawlers write .warc.gz) can be given by its offset in the compressed
// file: the offset WARC tools (CDX indexes, warcio) seek to.
type gzipMembers struct {
	cr     *countingReader
	br     *bufio.Reader // over cr: gzip reads it byte-exactly
	zr     *gzip.Reader
	out    int64         // decompressed bytes so far
	starts []memberStart // members not yet looked up, in order
	eof    bool
}

type memberStart struct{ compressed, decompressed int64 }

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// newGzipMembers starts reading the gzip stream in r.
func newGzipMembers(r io.Reader) (*gzipMembers, error) {
	g := &gzipMembers{cr: &countingReader{r: r}}
	g.br = bufio.NewReaderSize(g.cr, 64<<10)
	zr, err := gzip.NewReader(g.br)
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	g.zr = zr
	g.starts = append(g.starts, memberStart{0, 0})
	return g, nil
}

func (g *gzipMembers) pos() int64 { return g.cr.n - int64(g.br.Buffered()) }

func (g *gzipMembers) Read(p []byte) (int, error) {
	for {
		if g.eof {
			return 0, io.EOF
		}
		n, err := g.zr.Read(p)
		g.out += int64(n)
		if err != io.EOF {
			return n, err
		}
		// The end of a member: another one, or the end of the stream.
		if _, perr := g.br.Peek(1); perr != nil {
			g.eof = true
			if perr != io.EOF {
				return n, perr
			}
			return n, io.EOF
		}
		start := memberStart{g.pos(), g.out}
		if err := g.zr.Reset(g.br); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return n, err
		}
		g.zr.Multistream(false)
		g.starts = append(g.starts, start)
		if n > 0 {
			return n, nil
		}
	}
}

// compressedAt is the compressed offset of the member that starts at the
// decompressed offset off, if one does. Offsets must be asked in
// increasing order: members before off are forgotten.
func (g *gzipMembers) compressedAt(off int64) (int64, bool) {
	i := 0
	for i < len(g.starts) && g.starts[i].decompressed < off {
		i++
	}
	g.starts = g.starts[i:]
	if len(g.starts) > 0 && g.starts[0].decompressed == off {
		return g.starts[0].compressed, true
	}
	return 0, false
}

func (g *gzipMembers) Close() error { return g.zr.Close() }
