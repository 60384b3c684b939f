package tagger

import (
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/fnv1a"
)

// Features are 48-bit hashes: FNV-1a over a string's bytes for the parts
// that come from words, combined with a template id and the other parts by
// a 64-bit finaliser (MurmurHash3's fmix64). Everything is fixed, so the
// same sentence gives the same features in every process and on every
// platform, and a model file is reproducible.

const (
	keyBits = 48
	keyMask = 1<<keyBits - 1
)

func fmix64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

// f1, f2 and f3 make the key of template t with one, two or three values.
func f1(t, a uint64) uint64 {
	return fmix64(t*0x9e3779b97f4a7c15^a) & keyMask
}

func f2(t, a, b uint64) uint64 {
	return fmix64(fmix64(t*0x9e3779b97f4a7c15^a)^(b*0xc2b2ae3d27d4eb4f+1)) & keyMask
}

func f3(t, a, b, c uint64) uint64 {
	return fmix64(fmix64(fmix64(t*0x9e3779b97f4a7c15^a)^(b*0xc2b2ae3d27d4eb4f+1))^(c*0x165667b19e3779f9+2)) & keyMask
}

// Feature templates. The numbers are part of the model format.
const (
	tBias = iota + 1
	tWord
	tLower
	tShape
	tShort
	tPre1
	tPre2
	tPre3
	tPre4
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tCap
	tFirstCap
	tLowerM1
	tLowerM2
	tLowerP1
	tLowerP2
	tShapeM1
	tShapeM2
	tShapeP1
	tShapeP2
	tSuf3M1
	tSuf3P1
	tPrev1
	tPrev12
	tPrev1Word
	tPrev1Shape
	tPrev1Suf3
	tLowerBigramM1
	tLowerBigramP1
	tShape3
	tPOS
	tPOSM1
	tPOSM2
	tPOSP1
	tPOSP2
	tPOSBigramM1
	tPOSBigramP1
	tPOSWord
	tGaz
	tGazCap
	tLex
	tWordP1Shape // unused, as tBigramP12
	tShortM1
	tShortP1
	tPrev1POS
	tCluster
	tPre5
	tPre6
	tSuf5
	tSuf6
	tDisjL
	tDisjR
	tLowerP1Shape // unused, as tBigramP12
	tPrev1P1Shape
	tClusterFine
	tClusterM1
	tClusterP1
	tPrev1Cluster
	tCap3
	tLexM1
	tLexP1
	tTitleCap
	tPrev1Next
	tBigramP12 // unused since the beam model: no gain for their cost
	tBigramM21 // unused, as tBigramP12
	tPrev2Word
	tLexDom
	tLexDomM1P1 // unused, as tBigramP12
)

// Token-level hashes of padding positions before and after the sentence.
var (
	padStart = fnv1a.Hash64("-START-")
	padEnd   = fnv1a.Hash64("-END-")
)

// Capitalisation classes.
const (
	capNone  = iota // no letters
	capLower        // all lower case
	capInit         // Xxxx
	capAll          // XXXX (two or more letters)
	capOne          // X
	capMixed        // iPhone, McDonald
)

// tok is everything about a token that features need, computed once per
// token. The affix hashes come last and apart: the fast path (fast.go)
// reads them only for words outside the vocabulary, so a vocabulary
// word's token copies only its tokCore.
type tok struct {
	tokCore
	pre, suf [6]uint64
}

type tokCore struct {
	word, lower, shape, short uint64
	cluster                   uint64
	cap                       uint8
	pos                       uint8
	title                     uint8 // 1 when the sentence is written in title case (a headline)
	gaz                       uint32
	lex                       uint32
	// Run time only (prepare): the POS tag dictionary's class + 1 (0: not
	// in it), whether the word is in the NER's outside list, and the index
	// of its short shape among the frequent ones (fast.go; noShape if not).
	tagdict uint8
	outside bool
	shapeK  uint8
}

// normWord maps the usual raw-text spellings of brackets and quotes to the
// Penn Treebank tokens the training data uses. open tracks straight double
// quotes: the first in a sentence opens, the next closes.
func normWord(w string, open *bool) string {
	if len(w) > 3 {
		return w
	}
	switch w {
	case "(":
		return "-LRB-"
	case ")":
		return "-RRB-"
	case "[":
		return "-LSB-"
	case "]":
		return "-RSB-"
	case "{":
		return "-LCB-"
	case "}":
		return "-RCB-"
	case "“", "``":
		*open = true
		return "``"
	case "”", "''":
		*open = false
		return "''"
	case "—", "–":
		return "--"
	case "…":
		return "..."
	case "‘":
		return "`"
	case "’":
		return "'"
	case `"`:
		if *open {
			*open = false
			return "''"
		}
		*open = true
		return "``"
	}
	return w
}

// fillTok computes t from word w (already normalised). buf is scratch and
// is returned, possibly grown.
func fillTok(t *tok, w string, buf []byte) []byte {
	t.word = fnv1a.Hash64(w) & keyMask
	// Lower-case form, rune boundaries for prefixes and suffixes.
	buf = buf[:0]
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	upper, lower, letters := 0, 0, 0
	firstUpper := false
	if ascii {
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case c >= 'A' && c <= 'Z':
				if i == 0 {
					firstUpper = true
				}
				upper++
				letters++
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z':
				lower++
				letters++
			}
			buf = append(buf, c)
		}
	} else {
		first := true
		for _, r := range w {
			switch {
			case unicode.IsUpper(r):
				if first {
					firstUpper = true
				}
				upper++
				letters++
				r = unicode.ToLower(r)
			case unicode.IsLetter(r):
				lower++
				letters++
			}
			first = false
			buf = utf8.AppendRune(buf, r)
		}
	}
	n := len(buf)
	t.lower = fnv1a.Hash64(buf) & keyMask
	// Prefixes of 1-4 runes.
	end := 0
	for k := 0; k < len(t.pre); k++ {
		if end < n {
			_, sz := utf8.DecodeRune(buf[end:])
			end += sz
		}
		t.pre[k] = fnv1a.Hash64(buf[:end])
	}
	start := n
	for k := 0; k < len(t.suf); k++ {
		if start > 0 {
			_, sz := utf8.DecodeLastRune(buf[:start])
			start -= sz
		}
		t.suf[k] = fnv1a.Hash64(buf[start:n])
	}
	switch {
	case letters == 0:
		t.cap = capNone
	case upper == 0:
		t.cap = capLower
	case upper == 1 && letters == 1:
		t.cap = capOne
	case lower == 0:
		t.cap = capAll
	case firstUpper && upper == 1:
		t.cap = capInit
	default:
		t.cap = capMixed
	}
	// Shapes: the long one keeps up to four repeats of a character class
	// ("Xxxxx" for "Moscow", "dddd" for "2016"), the short one none
	// ("Xx", "d").
	buf = buf[:n]
	var last byte
	run := 0
	long := n
	for _, r := range w {
		var c byte
		switch {
		case r < utf8.RuneSelf:
			b := byte(r)
			switch {
			case b >= 'A' && b <= 'Z':
				c = 'X'
			case b >= 'a' && b <= 'z':
				c = 'x'
			case b >= '0' && b <= '9':
				c = 'd'
			default:
				c = b
			}
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = 'o'
		}
		if c == last {
			run++
		} else {
			run = 1
			last = c
		}
		if run <= 4 {
			buf = append(buf, c)
		}
	}
	t.shape = fnv1a.Hash64(buf[long:])
	short := len(buf)
	last = 0
	for _, c := range buf[long:short] {
		if c != last {
			buf = append(buf, c)
			last = c
		}
	}
	t.short = fnv1a.Hash64(buf[short:])
	return buf
}

// padTok is the token before the start or after the end of a sentence.
func padTok(h uint64) tok {
	t := tok{tokCore: tokCore{word: h, lower: h, shape: h, short: h, cluster: h & 0xffff_ffff}}
	for k := range t.pre {
		t.pre[k], t.suf[k] = h, h
	}
	t.pos = noTag
	return t
}

// noTag is the class id of "no previous tag" (before the sentence).
const noTag = 255

// The features of a token fall into three groups, so that run time can
// score most of them without a table probe per feature (see fast.go):
//
//   - word features depend on one word only: the token's own (part vSelf),
//     or a neighbour's at a fixed offset (vM2, vM1, vP1, vP2), or a word
//     in the four-word bags on either side (vDisjL, vDisjR). For the
//     words of the model's vocabulary their summed weights are computed
//     once, when the model is loaded.
//   - table features have a small domain (tags, capitalisation classes):
//     their weights are laid out in dense tables at load time.
//   - the rest (word pairs, a word with a tag) are probed per token.
//
// Training sees the union of the groups: posFeatures and nerFeatures.

// Parts of the word features, by where the word is relative to the token.
const (
	vSelf = iota
	vM2
	vM1
	vP1
	vP2
	vDisjL // a word three or four to the left (bag of words)
	vDisjR
	numParts
)

// posParts is the number of word-feature parts the POS model has (it has
// no bags of words).
const posParts = vDisjL

// posWordFeatures appends the POS model's features of word t in part.
func posWordFeatures(dst []uint64, t *tok, part int) []uint64 {
	switch part {
	case vSelf:
		dst = selfFeatures(dst, t)
	case vM1:
		dst = append(dst, f1(tLowerM1, t.lower), f1(tSuf3M1, t.suf[2]), f1(tShortM1, t.short))
	case vM2:
		dst = append(dst, f1(tLowerM2, t.lower))
	case vP1:
		dst = append(dst, f1(tLowerP1, t.lower), f1(tSuf3P1, t.suf[2]), f1(tShortP1, t.short), f1(tClusterP1, t.cluster>>16))
	case vP2:
		dst = append(dst, f1(tLowerP2, t.lower))
	}
	return dst
}

// selfFeatures appends the features of the token's own word that both
// models have: the word, its shape, its affixes of one to four letters and
// its clusters.
func selfFeatures(dst []uint64, t *tok) []uint64 {
	return append(dst,
		f1(tWord, t.word),
		f1(tLower, t.lower),
		f1(tShape, t.shape),
		f1(tPre1, t.pre[0]),
		f1(tPre2, t.pre[1]),
		f1(tPre3, t.pre[2]),
		f1(tPre4, t.pre[3]),
		f1(tSuf1, t.suf[0]),
		f1(tSuf2, t.suf[1]),
		f1(tSuf3, t.suf[2]),
		f1(tSuf4, t.suf[3]),
		f1(tCluster, t.cluster&0xffff),
		f1(tClusterFine, t.cluster>>16),
	)
}

// posTableFeatures appends the POS model's table features: the bias, the
// capitalisation of a sentence's first word and the previous two tags.
func posTableFeatures(dst []uint64, first uint64, cap, p1, p2 uint8) []uint64 {
	return append(dst,
		f1(tBias, 0),
		f2(tFirstCap, first, uint64(cap)),
		f1(tPrev1, uint64(p1)),
		f2(tPrev12, uint64(p1), uint64(p2)),
	)
}

// posPairFeatures appends the rest of the POS model's features of token i.
func posPairFeatures(dst []uint64, ts []tok, i int, p1 uint8) []uint64 {
	t, n1 := &ts[i], &ts[i+1]
	return append(dst,
		f2(tPrev1Word, uint64(p1), t.lower),
		f2(tLowerBigramP1, t.lower, n1.lower),
	)
}

// posFeatures appends the POS model's features of token i (index into the
// padded slice ts, real tokens start at 2) given the previous two tags.
func posFeatures(dst []uint64, ts []tok, i int, p1, p2 uint8) []uint64 {
	dst = posWordFeatures(dst, &ts[i], vSelf)
	dst = posWordFeatures(dst, &ts[i-2], vM2)
	dst = posWordFeatures(dst, &ts[i-1], vM1)
	dst = posWordFeatures(dst, &ts[i+1], vP1)
	dst = posWordFeatures(dst, &ts[i+2], vP2)
	dst = posTableFeatures(dst, isFirst(i), ts[i].cap, p1, p2)
	return posPairFeatures(dst, ts, i, p1)
}

func isFirst(i int) uint64 {
	if i == 2 {
		return 1
	}
	return 0
}

// lexBits appends one feature of template tmpl per entity-type bit of a
// lexicon entry.
func lexBits(dst []uint64, tmpl uint64, x uint32) []uint64 {
	x &= 0x8000ffff
	for x != 0 {
		b := uint64(bitsTrailing(x))
		x &= x - 1
		dst = append(dst, f1(tmpl, b))
	}
	return dst
}

// nerWordFeatures appends the NER model's features of word t in part.
func nerWordFeatures(dst []uint64, t *tok, part int) []uint64 {
	switch part {
	case vSelf:
		dst = selfFeatures(dst, t)
		dst = append(dst,
			f1(tShort, t.short),
			f1(tPre5, t.pre[4]),
			f1(tPre6, t.pre[5]),
			f1(tSuf5, t.suf[4]),
			f1(tSuf6, t.suf[5]),
			f1(tLexDom, uint64(t.lex>>16)),
		)
		dst = lexBits(dst, tLex, t.lex)
	case vM1:
		dst = append(dst, f1(tLowerM1, t.lower), f1(tShapeM1, t.shape), f1(tClusterM1, t.cluster>>16), f1(tDisjL, t.lower))
		dst = lexBits(dst, tLexM1, t.lex)
	case vM2:
		dst = append(dst, f1(tLowerM2, t.lower), f1(tShapeM2, t.shape), f1(tDisjL, t.lower))
	case vP1:
		dst = append(dst, f1(tLowerP1, t.lower), f1(tShapeP1, t.shape), f1(tClusterP1, t.cluster>>16), f1(tDisjR, t.lower))
		dst = lexBits(dst, tLexP1, t.lex)
	case vP2:
		dst = append(dst, f1(tLowerP2, t.lower), f1(tShapeP2, t.shape), f1(tDisjR, t.lower))
	case vDisjL:
		dst = append(dst, f1(tDisjL, t.lower))
	case vDisjR:
		dst = append(dst, f1(tDisjR, t.lower))
	}
	return dst
}

// nerTableFeatures appends the NER model's features of token i that have a
// small domain and do not depend on the previous tags: the bias, the POS
// tags around it, the capitalisation classes and the headline flag.
func nerTableFeatures(dst []uint64, ts []tok, i int) []uint64 {
	t := &ts[i]
	m1, m2, n1, n2 := &ts[i-1], &ts[i-2], &ts[i+1], &ts[i+2]
	first := isFirst(i)
	return append(dst,
		f1(tBias, 0),
		f2(tFirstCap, first, uint64(t.cap)),
		f1(tPOS, uint64(t.pos)),
		f1(tPOSM1, uint64(m1.pos)),
		f1(tPOSM2, uint64(m2.pos)),
		f1(tPOSP1, uint64(n1.pos)),
		f1(tPOSP2, uint64(n2.pos)),
		f2(tPOSBigramM1, uint64(m1.pos), uint64(t.pos)),
		f2(tPOSBigramP1, uint64(t.pos), uint64(n1.pos)),
		f3(tCap3, uint64(m1.cap), uint64(t.cap), uint64(n1.cap)),
		f3(tTitleCap, uint64(t.title), uint64(t.cap), first),
	)
}

// nerPrevTableFeatures appends the NER model's small-domain features of
// the previous tags.
func nerPrevTableFeatures(dst []uint64, pos, p1, p2 uint8) []uint64 {
	return append(dst,
		f1(tPrev1, uint64(p1)),
		f2(tPrev12, uint64(p1), uint64(p2)),
		f2(tPrev1POS, uint64(p1), uint64(pos)),
	)
}

// nerPairFeatures appends the NER model's features of token i that
// combine two or three words, a word and a tag, or the gazetteer's
// matches; none depends on the previous tags.
func nerPairFeatures(dst []uint64, ts []tok, i int, gaz bool) []uint64 {
	t := &ts[i]
	m1, n1 := &ts[i-1], &ts[i+1]
	dst = append(dst, nerShape3(m1, t, n1))
	return nerPairRest(dst, ts, i, gaz)
}

// nerShape3 is the feature of the short shapes of the words around and at
// the token.
func nerShape3(m1, t, n1 *tok) uint64 {
	return f3(tShape3, m1.short, t.short, n1.short)
}

// nerPrevShape pairs the previous tag with the short shapes of the token
// and the next word.
func nerPrevShape(t, n1 *tok, p1 uint8) uint64 {
	return f3(tPrev1P1Shape, uint64(p1), t.short, n1.short)
}

// nerPairRest appends nerPairFeatures but the shape triple.
func nerPairRest(dst []uint64, ts []tok, i int, gaz bool) []uint64 {
	t := &ts[i]
	m1, n1 := &ts[i-1], &ts[i+1]
	dst = append(dst,
		f2(tLowerBigramM1, m1.lower, t.lower),
		f2(tLowerBigramP1, t.lower, n1.lower),
		f2(tPOSWord, uint64(t.pos), t.lower),
	)
	if gaz {
		first := isFirst(i)
		for off := -1; off <= 1; off++ {
			g := ts[i+off].gaz
			for g != 0 {
				b := uint64(bitsTrailing(g))
				g &= g - 1
				dst = append(dst, f2(tGaz, uint64(off+1), b))
				if off == 0 {
					dst = append(dst, f3(tGazCap, b, uint64(t.cap), first))
				}
			}
		}
	}
	return dst
}

// nerPrevPairFeatures appends the NER model's features that combine the
// previous tags with words.
func nerPrevPairFeatures(dst []uint64, ts []tok, i int, p1, p2 uint8) []uint64 {
	t, n1 := &ts[i], &ts[i+1]
	dst = nerPrevWordFeatures(dst, t, p1)
	return append(dst,
		nerPrev2Word(t, p1, p2),
		nerPrevNext(n1, p1),
		nerPrevShape(t, n1, p1),
	)
}

// nerPrevWordFeatures appends the features that pair the previous tag
// with the token's own word.
func nerPrevWordFeatures(dst []uint64, t *tok, p1 uint8) []uint64 {
	return append(dst,
		f2(tPrev1Word, uint64(p1), t.lower),
		f2(tPrev1Shape, uint64(p1), t.short),
		f2(tPrev1Cluster, uint64(p1), t.cluster>>16),
	)
}

// nerPrev2Word pairs the previous two tags with the token's word.
func nerPrev2Word(t *tok, p1, p2 uint8) uint64 {
	return f3(tPrev2Word, uint64(p1), uint64(p2), t.lower)
}

// nerPrevNext pairs the previous tag with the next word n1.
func nerPrevNext(n1 *tok, p1 uint8) uint64 {
	return f2(tPrev1Next, uint64(p1), n1.lower)
}

// nerFeatures appends the NER model's features of token i given the
// previous two NER tags; ts[*].pos hold the POS tags.
func nerFeatures(dst []uint64, ts []tok, i int, p1, p2 uint8, gaz bool) []uint64 {
	dst = nerWordFeatures(dst, &ts[i], vSelf)
	dst = nerWordFeatures(dst, &ts[i-2], vM2)
	dst = nerWordFeatures(dst, &ts[i-1], vM1)
	dst = nerWordFeatures(dst, &ts[i+1], vP1)
	dst = nerWordFeatures(dst, &ts[i+2], vP2)
	// The bags of words reach four words out; padding beyond the two pad
	// tokens is left out.
	for d := 3; d <= 4; d++ {
		if j := i - d; j >= 0 {
			dst = nerWordFeatures(dst, &ts[j], vDisjL)
		}
		if j := i + d; j < len(ts) {
			dst = nerWordFeatures(dst, &ts[j], vDisjR)
		}
	}
	dst = nerTableFeatures(dst, ts, i)
	dst = nerPrevTableFeatures(dst, ts[i].pos, p1, p2)
	dst = nerPairFeatures(dst, ts, i, gaz)
	return nerPrevPairFeatures(dst, ts, i, p1, p2)
}
