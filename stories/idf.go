package stories

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/credence-news/credence/internal/fnv1a"
	"github.com/credence-news/credence/report"
)

// Informativeness. Two reports of one event share the rare words of the
// event ("Tidewater", "£48m", "7-5"); two unrelated reports of one week
// share common ones ("said", "Trump", "police"). Each stem and entity name
// carries a weight, its inverse document frequency in a fixed reference
// news corpus (df.tsv.gz, written by `credence train stories`, described
// in MODEL.md), so that Related can weigh shared evidence by how much it
// says. The table is fixed and embedded: Related stays a pure function of
// the pair, with no statistics gathered at run time.
//
// A weight is quantised to 6 bits (weightLevels per unit of IDF) and kept
// in bits 2–7 of the item's hash, next to the entity class in bits 0–1:
// the weight travels with the hash, costs nothing to store, and a set
// sorted by hash stays sorted by name. Items are compared with the low
// byte cleared (itemMask).
const (
	weightShift  = 2
	weightMax    = 63
	weightLevels = 8 // quantisation steps per unit of IDF: weight = q/8
	itemMask     = ^uint64(0xff)
)

//go:embed df.tsv.gz
var dfFile []byte

// dfTable is the decoded reference table: the number of documents and each
// key's quantised IDF (keys absent from the table get unseenWeight).
type dfTable struct {
	docs         int
	q            map[uint64]uint8
	unseenWeight uint8
}

var loadDF = sync.OnceValue(func() *dfTable {
	t, err := readDF(bytes.NewReader(dfFile))
	if err != nil {
		panic("stories: embedded df.tsv.gz: " + err.Error())
	}
	return t
})

// readDF reads a table written by DFBuilder.WriteTo.
func readDF(r io.Reader) (*dfTable, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(zr)
	t := &dfTable{q: map[uint64]uint8{}}
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if strings.HasPrefix(l, "#") {
			if n, ok := strings.CutPrefix(l, "# docs "); ok {
				if t.docs, err = strconv.Atoi(n); err != nil || t.docs < 1 {
					return nil, fmt.Errorf("line %d: bad document count", line)
				}
			}
			continue
		}
		key, n, ok := strings.Cut(l, "\t")
		df, err := strconv.Atoi(n)
		if !ok || err != nil || df < 1 || t.docs == 0 {
			return nil, fmt.Errorf("line %d: want key<TAB>df after a '# docs N' line", line)
		}
		t.q[fnv1a.Hash64(key)&itemMask] = quantIDF(t.docs, df)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if t.docs == 0 {
		return nil, fmt.Errorf("no '# docs N' line")
	}
	// A key the table does not list was seen in at most minDF-1 documents:
	// rare, as rare as the table can say.
	t.unseenWeight = quantIDF(t.docs, 1)
	return t, nil
}

// quantIDF is the quantised IDF ln((N+1)/(df+1)) of a key in df of N
// documents.
func quantIDF(docs, df int) uint8 {
	idf := math.Log(float64(docs+1) / float64(df+1))
	return uint8(min(weightMax, max(0, math.Round(idf*weightLevels))))
}

// weigh puts the weight of a hashed key (stem or entity name) into bits
// 2–7 of the hash, keeping the class bits.
func weigh(h uint64) uint64 {
	t := loadDF()
	q, ok := t.q[h&itemMask]
	if !ok {
		q = t.unseenWeight
	}
	return h&itemMask | uint64(q)<<weightShift | h&classMask
}

// weightOf is the weight an item's hash carries.
func weightOf(h uint64) int { return int(h>>weightShift) & weightMax }

// IDF returns the weight the embedded table gives a word or name, as the
// stems of Features carry it: ln((N+1)/(df+1)), quantised to 1/8.
func IDF(word string) float64 {
	var buf [64]byte
	key := strings.ToLower(word)
	if len(key) <= len(buf) {
		if s, ok := stemWord(lowerInto(buf[:0], word)); ok {
			key = string(s)
		}
	}
	return float64(weightOf(weigh(fnv1a.Hash64(key)))) / weightLevels
}

// DFBuilder counts document frequencies of the keys Features hash (content
// stems and entity names) over a reference corpus, for the embedded table.
// Its output depends only on the documents added, not on their order.
type DFBuilder struct {
	docs int
	df   map[string]int
}

// NewDFBuilder returns an empty builder.
func NewDFBuilder() *DFBuilder { return &DFBuilder{df: map[string]int{}} }

// Add counts one analysed document: the content stems of its title and
// text and the keys of its entity names, each once.
func (b *DFBuilder) Add(rep *report.Report) {
	seen := map[string]bool{}
	visit := func(stem []byte) { seen[string(stem)] = true }
	eachStem(rep.Meta.Title, visit)
	eachStem(rep.Text, visit)
	for _, e := range rep.Entities {
		class, ok := entityClass(e.Type)
		if !ok {
			continue
		}
		if key := entityKey(e.Canonical, class); key != "" {
			seen[key] = true
		}
	}
	b.docs++
	for k := range seen {
		b.df[k]++
	}
}

// Docs is the number of documents added.
func (b *DFBuilder) Docs() int { return b.docs }

// WriteTo writes the table, gzipped: a header, then "key<TAB>df" for every
// key in at least minDF documents (keys with no tab or newline), sorted by
// key. The bytes are the same for the same documents.
func (b *DFBuilder) WriteTo(w io.Writer, minDF int) (int64, error) {
	keys := make([]string, 0, len(b.df))
	for k, n := range b.df {
		if n >= max(1, minDF) && !strings.ContainsAny(k, "\t\n\r") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "# credence story document frequencies: key<TAB>documents, keys in at least %d documents\n", max(1, minDF))
	fmt.Fprintf(bw, "# docs %d\n", b.docs)
	for _, k := range keys {
		bw.WriteString(k)
		bw.WriteByte('\t')
		bw.WriteString(strconv.Itoa(b.df[k]))
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}
