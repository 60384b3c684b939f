package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// Byte classes for the ASCII fast path. Almost all news text is ASCII, so the
// scanner decides most bytes with one table lookup and only decodes runes
// for the rest.
const (
	cSpace   uint8 = 1 << iota // skipped between tokens
	cLetter                    // A-Z a-z
	cDigit                     // 0-9
	cUpper                     // A-Z
	cSymbol                    // tokenized as doc.TokSymbol rather than TokPunct
	cURLStop                   // cannot appear in a URL
	cLocal                     // can appear in the local part of an e-mail address
)

// The table covers all 256 byte values, so indexing it with any byte is safe;
// bytes of multi-byte runes have no class.
var ascii = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			t[c] = cSpace | cURLStop
		case 'a' <= c && c <= 'z':
			t[c] = cLetter | cLocal
		case 'A' <= c && c <= 'Z':
			t[c] = cLetter | cUpper | cLocal
		case '0' <= c && c <= '9':
			t[c] = cDigit | cLocal
		case c < ' ' || c == 0x7f:
			t[c] = cSymbol | cURLStop
		}
	}
	for _, c := range "$%&*+<=>^|~#@" {
		t[c] |= cSymbol
	}
	for _, c := range "\"<>\\^`{|}" {
		t[c] |= cURLStop
	}
	for _, c := range "._%+-" {
		t[c] |= cLocal
	}
	return t
}()

func isASCIIAlnum(c byte) bool  { return c < utf8.RuneSelf && ascii[c]&(cLetter|cDigit) != 0 }
func isASCIILetter(c byte) bool { return c < utf8.RuneSelf && ascii[c]&cLetter != 0 }
func isASCIIDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isASCIIUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }

// isSpaceRune reports whether r separates tokens. Zero-width spaces and the
// byte order mark count: they are invisible and never part of a word.
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\ufeff'
}

// scanner turns the text of one paragraph into tokens. src is the document
// text cut at the end of the paragraph, so offsets stay absolute while no
// look-ahead can cross into the next paragraph.
type scanner struct {
	src  string
	toks []doc.Token
	lex  *lexicon
}

func (s *scanner) emit(start, end int, kind doc.TokenKind) {
	s.toks = append(s.toks, doc.Token{Span: doc.Span{Start: start, End: end}, Kind: kind})
}

func (s *scanner) emitNorm(start, end int, kind doc.TokenKind, norm string) {
	s.toks = append(s.toks, doc.Token{Span: doc.Span{Start: start, End: end}, Norm: norm, Kind: kind})
}

// emitWord emits a word or number; curly says it holds a typographic
// apostrophe, the only case in which it needs a Norm (and an allocation).
func (s *scanner) emitWord(start, end int, kind doc.TokenKind, curly bool) {
	if curly {
		s.emitNorm(start, end, kind, foldQuotes(s.src[start:end]))
		return
	}
	s.emit(start, end, kind)
}

// scan tokenizes s.src from i to its end.
func (s *scanner) scan(i int) {
	src := s.src
	for i < len(src) {
		c := src[i]
		if c < utf8.RuneSelf {
			switch f := ascii[c]; {
			case f&cSpace != 0:
				i++
			case f&cLetter != 0:
				i = s.word(i)
			case f&cDigit != 0:
				i = s.number(i)
			default:
				i = s.asciiPunct(i)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			// A run of invalid bytes becomes one symbol token: it is not
			// space, so it must be covered, and it is certainly not a word.
			j := i + 1
			for j < len(src) && src[j] >= utf8.RuneSelf {
				if r, n := utf8.DecodeRuneInString(src[j:]); r != utf8.RuneError || n != 1 {
					break
				}
				j++
			}
			s.emit(i, j, doc.TokSymbol)
			i = j
		case isSpaceRune(r):
			i += size
		case r == 'ʼ':
			// U+02BC is a letter to Unicode but an apostrophe to readers.
			i = s.otherRune(i, r, size)
		case unicode.IsLetter(r) || unicode.Is(unicode.M, r):
			i = s.word(i)
		case unicode.IsNumber(r):
			i = s.number(i)
		default:
			i = s.otherRune(i, r, size)
		}
	}
}

// word scans a token that starts with a letter: a plain word, or a URL,
// e-mail address, dotted abbreviation or known abbreviation with its period.
// The special shapes are only tried where the plain word stops at a
// character that could continue them, so ordinary words cost one pass.
func (s *scanner) word(start int) int {
	src := s.src
	switch src[start] {
	case 'h', 'H', 'w', 'W':
		if end := schemeURL(src, start); end > 0 {
			s.emit(start, end, doc.TokURL)
			return end
		}
	}
	end, curly, _ := wordRun(src, start)
	if end == start {
		// Cannot happen for a letter or mark, but guarantee progress.
		_, size := utf8.DecodeRuneInString(src[start:])
		s.emit(start, start+size, doc.TokSymbol)
		return start + size
	}
	if end < len(src) {
		switch src[end] {
		case '.':
			if e := email(src, start); e > 0 {
				s.emit(start, e, doc.TokEmail)
				return e
			}
			if e := domainURL(s.lex, src, start); e > 0 {
				s.emit(start, e, doc.TokURL)
				return e
			}
			if e := dotted(src, start); e > 0 {
				// "U.S.-led" is one hyphenated word.
				if e < len(src) && src[e] == '-' {
					if e2, c2, _ := wordRun(src, e); e2 > e {
						s.emitWord(start, e2, doc.TokWord, c2)
						return e2
					}
				}
				s.emit(start, e, doc.TokWord)
				return e
			}
			if cls, ok := s.lex.abbrev[src[start:end]]; ok && abbrevPeriod(src, end, cls) {
				s.emitWord(start, end+1, doc.TokWord, curly)
				return end + 1
			}
		case '@', '_', '+', '%':
			if e := email(src, start); e > 0 {
				s.emit(start, e, doc.TokEmail)
				return e
			}
		}
	}
	s.emitWord(start, end, doc.TokWord, curly)
	return end
}

// abbrevPeriod reports whether the period at src[dot] belongs to the known
// abbreviation before it.
func abbrevPeriod(src string, dot int, cls abbrClass) bool {
	j := dot + 1
	if j < len(src) && src[j] == '.' {
		return false // "etc..." is a word and an ellipsis
	}
	if cls != abbrBeforeNumber {
		return true
	}
	for j < len(src) && src[j] == ' ' {
		j++
	}
	if strings.HasPrefix(src[j:], "\u00a0") {
		j += len("\u00a0")
	}
	return j < len(src) && isASCIIDigit(src[j])
}

// wordRun returns the end of the word starting at i: letters, digits and
// combining marks, joined by an internal hyphen ("well-known", "COVID-19"),
// an apostrophe before a letter ("don't", "O’Brien", "Russia's") or an
// ampersand between capitals ("AT&T"). curly reports a typographic
// apostrophe; hyphenLetter reports a hyphen followed by a letter, which
// makes "10-year-old" a word rather than a number.
func wordRun(src string, i int) (end int, curly, hyphenLetter bool) {
	for i < len(src) {
		c := src[i]
		if c < utf8.RuneSelf {
			if ascii[c]&(cLetter|cDigit) != 0 {
				i++
				continue
			}
			switch c {
			case '-':
				if ok, letter := alnumAt(src, i+1); ok {
					hyphenLetter = hyphenLetter || letter
					i++
					continue
				}
			case '\'':
				if letterAt(src, i+1) {
					i++
					continue
				}
			case '&':
				if i > 0 && isASCIIUpper(src[i-1]) && i+1 < len(src) && isASCIIUpper(src[i+1]) {
					i++
					continue
				}
			}
			return i, curly, hyphenLetter
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case r == '’' || r == 'ʼ':
			if !letterAt(src, i+size) {
				return i, curly, hyphenLetter
			}
			curly = true
		case r == '\u2010' || r == '\u2011': // Unicode hyphen, non-breaking hyphen
			ok, letter := alnumAt(src, i+size)
			if !ok {
				return i, curly, hyphenLetter
			}
			hyphenLetter = hyphenLetter || letter
		case r == utf8.RuneError && size == 1:
			return i, curly, hyphenLetter
		case unicode.IsLetter(r), unicode.IsNumber(r), unicode.Is(unicode.M, r):
		case r == '\u200c' || r == '\u200d' || r == '\u00ad':
			// Zero-width (non-)joiners and soft hyphens sit inside words.
		default:
			return i, curly, hyphenLetter
		}
		i += size
	}
	return i, curly, hyphenLetter
}

// letterAt reports whether a letter starts at src[i].
func letterAt(src string, i int) bool {
	if i >= len(src) {
		return false
	}
	if c := src[i]; c < utf8.RuneSelf {
		return ascii[c]&cLetter != 0
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	return r != 'ʼ' && unicode.IsLetter(r)
}

// alnumAt reports whether a letter or digit starts at src[i], and which.
func alnumAt(src string, i int) (ok, letter bool) {
	if i >= len(src) {
		return false, false
	}
	if c := src[i]; c < utf8.RuneSelf {
		f := ascii[c]
		return f&(cLetter|cDigit) != 0, f&cLetter != 0
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	if r != 'ʼ' && unicode.IsLetter(r) {
		return true, true
	}
	return unicode.IsNumber(r), false
}

// number scans a token that starts with a digit. Its core is digits with
// internal separators: decimals "3.5", thousands "1,000", times "10:30" and
// "10.30", dates and fractions "9/11". Letters glued on ("3.5bn", "10th",
// "1990s") stay in the same TokNumber; a hyphen before a letter
// ("10-year-old") makes the whole token a TokWord.
func (s *scanner) number(start int) int {
	src := s.src
	i := start
	if isASCIIDigit(src[i]) {
		i = digits(src, i)
		for i+1 < len(src) && isASCIIDigit(src[i+1]) {
			switch src[i] {
			case '.', ':', '/':
				i = digits(src, i+1)
				continue
			case ',':
				// Only a group of exactly three digits: "1,000" but "1,2".
				if j := digits(src, i+1); j-(i+1) == 3 {
					i = j
					continue
				}
			}
			break
		}
	}
	end, curly, hyphenLetter := wordRun(src, i)
	if end == start {
		_, size := utf8.DecodeRuneInString(src[start:])
		end = start + size
	}
	kind := doc.TokNumber
	if hyphenLetter {
		kind = doc.TokWord
	}
	s.emitWord(start, end, kind, curly)
	return end
}

func digits(src string, i int) int {
	for i < len(src) && isASCIIDigit(src[i]) {
		i++
	}
	return i
}

// asciiPunct scans an ASCII punctuation mark or symbol at src[i].
func (s *scanner) asciiPunct(i int) int {
	src := s.src
	c := src[i]
	switch c {
	case '.':
		j := run(src, i, '.', '.')
		if j-i == 1 && strings.HasPrefix(src[i:], ". . .") {
			j = i + len(". . .") // spaced ellipsis, as some agencies write it
		}
		s.emit(i, j, doc.TokPunct)
		return j
	case '-':
		j := run(src, i, '-', '-') // "--" is a dash
		s.emit(i, j, doc.TokPunct)
		return j
	case '?', '!':
		j := run(src, i, '?', '!') // "?!", "!!!"
		s.emit(i, j, doc.TokPunct)
		return j
	case '@':
		j := i + 1
		for j < len(src) && (isASCIIAlnum(src[j]) || src[j] == '_') {
			j++
		}
		if j > i+1 {
			s.emit(i, j, doc.TokHandle)
			return j
		}
	case '#':
		if j := hashtag(src, i); j > 0 {
			s.emit(i, j, doc.TokHashtag)
			return j
		}
	case '`':
		s.emitNorm(i, i+1, doc.TokPunct, "'")
		return i + 1
	}
	kind := doc.TokPunct
	if ascii[c]&cSymbol != 0 {
		kind = doc.TokSymbol
	}
	s.emit(i, i+1, kind)
	return i + 1
}

// run returns the end of the run of bytes a or b starting at i.
func run(src string, i int, a, b byte) int {
	for i < len(src) && (src[i] == a || src[i] == b) {
		i++
	}
	return i
}

// hashtag returns the end of the hashtag at src[i] ('#'), or 0. Like social
// networks, it wants at least one letter: "#1" is a symbol and a number.
func hashtag(src string, i int) int {
	j, letter := i+1, false
	for j < len(src) {
		c := src[j]
		if c < utf8.RuneSelf {
			if ascii[c]&cLetter != 0 {
				letter = true
			} else if ascii[c]&cDigit == 0 && c != '_' {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(src[j:])
		if unicode.IsLetter(r) {
			letter = true
		} else if !unicode.IsNumber(r) && !unicode.Is(unicode.M, r) {
			break
		}
		j += size
	}
	if !letter {
		return 0
	}
	return j
}

// otherRune scans a non-ASCII rune that starts neither a word nor a number.
func (s *scanner) otherRune(i int, r rune, size int) int {
	end := i + size
	switch r {
	case '‘', '’', '‚', '‛', '′', '´', 'ʼ':
		s.emitNorm(i, end, doc.TokPunct, "'")
		return end
	case '“', '”', '„', '‟', '″':
		s.emitNorm(i, end, doc.TokPunct, `"`)
		return end
	case '‰', '‱', '§', '¶', '†', '‡', '•', '※':
		// Unicode calls these punctuation; readers treat them as symbols.
		s.emit(i, end, doc.TokSymbol)
		return end
	}
	if unicode.IsPunct(r) {
		s.emit(i, end, doc.TokPunct)
		return end
	}
	// Symbols, emoji and anything else visible. Keep an emoji sequence
	// (modifiers, variation selectors, ZWJ joins, flag pairs) in one token.
	regional := isRegionalIndicator(r)
	for end < len(s.src) {
		r2, n := utf8.DecodeRuneInString(s.src[end:])
		switch {
		case unicode.Is(unicode.M, r2), r2 >= 0x1f3fb && r2 <= 0x1f3ff:
			end += n
			continue
		case r2 == '\u200d':
			if r3, n3 := utf8.DecodeRuneInString(s.src[end+n:]); n3 > 0 && r3 != utf8.RuneError && unicode.IsSymbol(r3) {
				end += n + n3
				continue
			}
		case regional && isRegionalIndicator(r2):
			end += n
			regional = false // a flag is exactly two indicators
			continue
		}
		break
	}
	s.emit(i, end, doc.TokSymbol)
	return end
}

func isRegionalIndicator(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// schemeURL returns the end of a URL at src[start] that begins with
// "http://", "https://" or "www.", or 0.
func schemeURL(src string, start int) int {
	rest := src[start:]
	var n int
	switch {
	case hasPrefixFold(rest, "https://"):
		n = len("https://")
	case hasPrefixFold(rest, "http://"):
		n = len("http://")
	case hasPrefixFold(rest, "www."):
		n = len("www.")
	default:
		return 0
	}
	if n >= len(rest) || !isASCIIAlnum(rest[n]) {
		return 0
	}
	return urlEnd(src, start+n)
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; prefix is lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// urlEnd returns the end of the URL whose host or path continues at src[i].
// A URL runs to the next space or character that cannot appear in one, less
// trailing punctuation that belongs to the sentence ("see x.com/a." or
// "(at x.com/a)"), keeping closing brackets that have an opening partner in
// the URL ("en.wikipedia.org/wiki/Foo_(bar)").
func urlEnd(src string, i int) int {
	start := i
	for i < len(src) {
		c := src[i]
		if c < utf8.RuneSelf {
			if ascii[c]&cURLStop != 0 {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)) {
			break
		}
		i += size
	}
	for i > start {
		switch src[i-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			i--
			continue
		case ')':
			if strings.Count(src[start:i], "(") < strings.Count(src[start:i], ")") {
				i--
				continue
			}
		case ']':
			if strings.Count(src[start:i], "[") < strings.Count(src[start:i], "]") {
				i--
				continue
			}
		}
		break
	}
	return i
}

// labels scans dot-separated DNS labels ([A-Za-z0-9-]+) from i. It returns
// the end, the number of labels and where the last one starts. A trailing
// period is not consumed: "example.com." ends a sentence.
func labels(src string, i int) (end, n, last int) {
	for {
		j := i
		for j < len(src) && (isASCIIAlnum(src[j]) || src[j] == '-') {
			j++
		}
		if j == i {
			return i, n, last
		}
		n, last = n+1, i
		if j+1 < len(src) && src[j] == '.' && isASCIIAlnum(src[j+1]) {
			i = j + 1
			continue
		}
		return j, n, last
	}
}

// domainURL returns the end of a schemeless URL at src[start]
// ("pic.twitter.com/abc", "bbc.co.uk"), or 0. The last label must be in
// tlds.txt, which keeps "U.S" and "e.g" out.
func domainURL(lex *lexicon, src string, start int) int {
	end, n, last := labels(src, start)
	if n < 2 || (end < len(src) && src[end] >= utf8.RuneSelf) {
		return 0
	}
	if _, ok := lex.tlds[src[last:end]]; !ok {
		return 0
	}
	if end < len(src) && src[end] == '/' {
		end = urlEnd(src, end)
	}
	return end
}

// email returns the end of an e-mail address at src[start], or 0.
func email(src string, start int) int {
	i := start
	for i < len(src) && src[i] < utf8.RuneSelf && ascii[src[i]]&cLocal != 0 {
		i++
	}
	if i == start || i >= len(src) || src[i] != '@' || src[i-1] == '.' {
		return 0
	}
	end, n, last := labels(src, i+1)
	if n < 2 || end-last < 2 {
		return 0
	}
	for j := last; j < end; j++ {
		if !isASCIILetter(src[j]) {
			return 0
		}
	}
	return end
}

// dotted returns the end of a dotted abbreviation at src[start] — two or more
// segments of one or two ASCII letters, each followed by a period ("U.S.",
// "a.m.", "Ph.D.", "e.g.") — or 0. Without the final period it is accepted
// only when all segments are single letters ("U.S"), so that a missing space
// ("is.A") is not read as an abbreviation.
func dotted(src string, start int) int {
	i, segs, single := start, 0, true
	for {
		j := i
		for j < len(src) && isASCIILetter(src[j]) {
			j++
		}
		n := j - i
		if n == 0 || n > 2 || (j < len(src) && (isASCIIDigit(src[j]) || src[j] >= utf8.RuneSelf)) {
			// Not a segment: the abbreviation, if any, ended at the last period.
			if segs >= 2 && i > start && src[i-1] == '.' {
				return i
			}
			return 0
		}
		segs++
		single = single && n == 1
		if j < len(src) && src[j] == '.' {
			i = j + 1
			if i < len(src) && isASCIILetter(src[i]) {
				continue
			}
			if segs >= 2 {
				return i
			}
			return 0
		}
		if segs >= 2 && single {
			return j
		}
		return 0
	}
}

// foldQuotes returns s with typographic quotes and apostrophes replaced by
// ASCII ones. It copies bytes, so invalid UTF-8 survives unchanged.
func foldQuotes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '‘', '’', '‚', '‛', '′', '´', 'ʼ', '`':
			b.WriteByte('\'')
		case '“', '”', '„', '‟', '″':
			b.WriteByte('"')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
