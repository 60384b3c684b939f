// Package ascii holds word-at-a-time fast paths for text that is mostly
// ASCII: lower-casing and the "is it all ASCII" test. Several stages
// lower-case whole articles or paragraphs, so they share these rather
// than each keep its own.
package ascii

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
)

// HighBits has the top bit of each byte of a word: a word of ASCII bytes
// has none of them.
const HighBits = 0x8080808080808080

// Load64 returns the first eight bytes of s as a little-endian word (one
// load).
func Load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// IsASCII reports whether s has no byte of a multi-byte character, eight
// bytes at a time.
func IsASCII(s string) bool {
	var or uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		or |= Load64(s[i:])
	}
	for ; i < len(s); i++ {
		or |= uint64(s[i])
	}
	return or&HighBits == 0
}

// ToLower is strings.ToLower, faster on text that is mostly but not
// wholly ASCII (strings.ToLower maps every rune of such text through
// unicode.ToLower). It returns s itself when nothing changes.
func ToLower(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s)+8)
	copy(b, s[:i])
	return string(AppendLower(b, s[i:]))
}

// AppendLower appends strings.ToLower(s) to dst, byte for byte: ASCII is
// lower-cased eight bytes at a time, other runes through unicode.ToLower,
// and an invalid byte becomes U+FFFD, as strings.Map makes it.
func AppendLower(dst []byte, s string) []byte {
	i := 0
	for i < len(s) {
		if i+8 <= len(s) {
			if x := Load64(s[i:]); x&HighBits == 0 {
				dst = binary.LittleEndian.AppendUint64(dst, lower8(x))
				i += 8
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += size
	}
	return dst
}

// lower8 lower-cases the eight ASCII bytes of x (each below 0x80) at
// once: a byte's top bit is set by adding 0x80-'A' when it is 'A' or
// above, and by adding 0x80-'Z'-1 when it is above 'Z' (no sum carries
// into the next byte); the capitals get 0x20 added.
func lower8(x uint64) uint64 {
	const ones = 0x0101010101010101
	geA := x + (0x80-'A')*ones
	gtZ := x + (0x80-'Z'-1)*ones
	upper := geA &^ gtZ & HighBits
	return x | upper>>2
}

// FoldKey maps each rune of s to the least rune of its case-folding orbit,
// so that two strings have the same key exactly when strings.EqualFold
// holds. ASCII text, the common case, takes a fast path: the least rune of
// an ASCII letter's orbit is its upper case ('k' → 'K', though the Kelvin
// sign is in the orbit too, it is greater).
func FoldKey(s string) string {
	if IsASCII(s) {
		b := make([]byte, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			b[i] = c
		}
		return string(b)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}
