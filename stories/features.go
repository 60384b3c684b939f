package stories

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/fnv1a"
	"github.com/credence-news/credence/report"
)

// NoDay is Features.Day when the publication date is unknown.
const NoDay int32 = -1 << 31

// Features are what story clustering knows of one article. They are a pure
// function of the report, small (a few hundred bytes encoded) and compared
// pair by pair by Related.
type Features struct {
	// Day is the publication day, days since 1970-01-01 (UTC), or NoDay.
	Day int32
	// Entities are the hashed names of the article's salient named
	// entities, sorted, without repeats. The two low bits of each hash are
	// its class (classPerson, classOrg, classPlace): sharing a person or an
	// organisation says more than sharing a place.
	Entities []uint64
	// Title are the hashed stems of the title's content words, sorted.
	Title []uint64
	// Terms are the hashed stems of the content words of the title and the
	// lead (the first sentences), sorted: the title and lead say what the
	// event is, while later paragraphs drift into background.
	Terms []uint64
}

// Entity classes, kept in the two low bits of an entity hash.
const (
	classPerson = 0
	classOrg    = 1 // organisations and other named things (MISC)
	classPlace  = 2 // places, nationalities and groups, news outlets
	classMask   = 3
)

// Extraction limits. The lead is the first leadSentences sentences: enough
// to hold the who-what-where of a news report, short enough that copies
// which cut the end of an article keep it whole.
const (
	leadSentences = 3
	maxEntities   = 24
	maxTerms      = 64
)

//go:embed stopwords.txt
var stopwordsFile string

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(stopwordsFile, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

// Extract computes the story features of one analysed article.
func Extract(rep *report.Report) Features {
	f := Features{Day: parseDay(rep.Meta.Published)}
	f.Entities = salientEntities(rep)
	f.Title = sortedSet(contentStems(nil, rep.Meta.Title))
	terms := contentStems(nil, rep.Meta.Title)
	body, _ := stripDateline(lead(rep))
	terms = contentStems(terms, body)
	f.Terms = sortedSet(terms)
	if len(f.Terms) > maxTerms {
		// Keep the title's stems and the lead's first ones would need
		// positions; the smallest hashes are an unbiased, deterministic
		// sample that two copies of one lead share.
		f.Terms = f.Terms[:maxTerms]
	}
	return f
}

// parseDay reads the day of a date in the forms reports and feeds carry:
// RFC 3339 (with or without fractional seconds or zone), YYYY-MM-DD,
// "YYYY-MM-DD HH:MM:SS", RFC 1123 and a few spelled-out forms. A time with
// a zone is converted to UTC first, so one instant is one day everywhere.
func parseDay(s string) int32 {
	s = strings.TrimSpace(s)
	if s == "" {
		return NoDay
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return int32(t.UTC().Unix() / 86400)
		}
	}
	// A date with a time part we do not know: the leading YYYY-MM-DD.
	if len(s) > 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return int32(t.Unix() / 86400)
		}
	}
	return NoDay
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"2006/01/02",
}

// salientEntities keeps the named entities that say what the article is
// about: those in the lead or mentioned at least twice, at most
// maxEntities of them (most mentioned first). A passing mention deep in
// the text is background, and two articles sharing background is how
// single link chains unrelated events together.
func salientEntities(rep *report.Report) []uint64 {
	leadEnd := 0
	if n := min(leadSentences, len(rep.Sentences)); n > 0 {
		leadEnd = rep.Sentences[n-1].End
	}
	// The dateline's town is where the agency filed from, not what the
	// story is about: it counts only if mentioned again.
	_, leadStart := stripDateline(lead(rep))
	type ent struct {
		hash     uint64
		mentions int
		first    int
	}
	var ents []ent
	index := map[uint64]int{}
	for _, e := range rep.Entities {
		class, ok := entityClass(e.Type)
		if !ok {
			continue
		}
		key := entityKey(e.Canonical, class)
		if key == "" {
			continue
		}
		class = demote(e.Canonical, key, class)
		// One name is one entity whatever class the tagger gave each
		// mention ("Lenshire" ORG here, LOC there): the weakest class
		// wins, as in Related, since a tagger that once calls a name a
		// place is more often right than not; no set holds a name twice,
		// and a set sorted by hash is sorted by name hash too.
		name := fnv1a.Hash64(key) & itemMask
		if i, seen := index[name]; seen {
			ents[i].mentions++
			ents[i].hash = name | uint64(max(class, int(ents[i].hash&classMask)))
			continue
		}
		index[name] = len(ents)
		ents = append(ents, ent{hash: name | uint64(class), mentions: 1, first: e.Start})
	}
	kept := ents[:0]
	for _, e := range ents {
		if (e.first >= leadStart && e.first < leadEnd) || e.mentions >= 2 {
			kept = append(kept, e)
		}
	}
	slices.SortStableFunc(kept, func(a, b ent) int {
		if a.mentions != b.mentions {
			return b.mentions - a.mentions
		}
		return a.first - b.first
	})
	if len(kept) > maxEntities {
		kept = kept[:maxEntities]
	}
	out := make([]uint64, len(kept))
	for i, e := range kept {
		out[i] = weigh(e.hash)
	}
	return sortedSet(out)
}

// entityClass maps a report entity type to a class; dates, times and
// numbers are not names and are left out.
func entityClass(t string) (int, bool) {
	switch t {
	case "PERSON":
		return classPerson, true
	case "ORG", "MISC":
		return classOrg, true
	case "LOC", "GPE", "NORP", "MEDIA", "FAC":
		return classPlace, true
	}
	return 0, false
}

// entityKey normalises a canonical name for hashing: lower case, single
// spaces, no leading "the", no possessive. A person is keyed by the
// surname alone, so that "Councillor Jeremy Haskett", "Jeremy Haskett" and
// "Haskett" in three articles are one person. Junk (no letter, a stopword,
// one letter) gives "".
func entityKey(name string, class int) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' && r != '\''
	})
	for len(words) > 0 && (words[0] == "the" || titleWords[words[0]]) {
		words = words[1:]
	}
	for i, w := range words {
		words[i] = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	}
	if len(words) == 0 {
		return ""
	}
	if class == classPerson {
		words = words[len(words)-1:]
	}
	key := strings.Join(words, " ")
	if utf8.RuneCountInString(key) < 2 || stopwords[key] || !strings.ContainsFunc(key, unicode.IsLetter) {
		return ""
	}
	return key
}

// demote weakens two kinds of names to the place class. A person known by
// one word only (the text never gave a full name) is as often a tagging
// slip ("Heath" of "Brindle Heath") as a mononym. And a standing public
// body (a council, an agency, a police force, a court, a ministry) is in
// the news every week about unrelated things, like a place: it is the
// setting of an event, not what makes it one.
func demote(canonical, key string, class int) int {
	switch class {
	case classPerson:
		if len(strings.Fields(canonical)) < 2 {
			return classPlace
		}
	case classOrg:
		for _, w := range strings.Fields(key) {
			if publicBodyWords[w] {
				return classPlace
			}
		}
	}
	return class
}

var publicBodyWords = map[string]bool{
	"council": true, "councils": true, "agency": true, "service": true, "services": true, "police": true,
	"constabulary": true, "department": true, "ministry": true, "government": true, "court": true,
	"parliament": true, "congress": true, "senate": true, "house": true, "office": true, "executive": true,
	"authority": true, "commission": true, "committee": true, "nhs": true, "army": true, "navy": true,
	"party": true, "union": true, "administration": true, "assembly": true, "cabinet": true,
}

// titleWords are honorifics and offices that may lead a canonical name.
var titleWords = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true, "lord": true, "lady": true,
	"prof": true, "professor": true, "councillor": true, "cllr": true, "president": true, "minister": true,
	"senator": true, "sen": true, "rep": true, "gov": true, "governor": true, "mayor": true, "judge": true,
	"king": true, "queen": true, "prince": true, "princess": true, "pope": true, "gen": true, "general": true,
	"chief": true, "inspector": true, "detective": true, "sergeant": true, "captain": true, "officer": true,
}

// lead returns the first leadSentences sentences of the text (the whole
// text when it has no sentence layer).
func lead(rep *report.Report) string {
	n := min(leadSentences, len(rep.Sentences))
	if n == 0 {
		if len(rep.Text) > 600 {
			return rep.Text[:600]
		}
		return rep.Text
	}
	// Sentence offsets are code points; walk the runes up to the end.
	end := rep.Sentences[n-1].End
	i, cp := 0, 0
	for i < len(rep.Text) && cp < end {
		_, size := utf8.DecodeRuneInString(rep.Text[i:])
		i += size
		cp++
	}
	return rep.Text[:i]
}

// stripDateline drops a wire dateline ("HARBOURTON (Press Wire) - ",
// "KELLBRIDGE, Lenshire (Press Wire) - ", "LONDON (Reuters) — "): every
// report of one agency from one town carries one, so sharing it says
// nothing of the event. It returns the rest and the dateline's length in
// code points.
func stripDateline(s string) (string, int) {
	open := strings.Index(s, " (")
	if open <= 0 || open > 40 {
		return s, 0
	}
	// The dateline starts with a town in capitals.
	first := s[:open]
	if i := strings.IndexAny(first, ", "); i > 0 {
		first = first[:i]
	}
	if len(first) < 2 || strings.ContainsFunc(first, unicode.IsLower) || strings.ContainsAny(s[:open], ".!?\n") {
		return s, 0
	}
	close := strings.Index(s[open:], ") ")
	if close < 0 || close > 40 {
		return s, 0
	}
	rest := strings.TrimLeft(s[open+close+2:], " ")
	for _, dash := range []string{"- ", "– ", "— ", "-- "} {
		if strings.HasPrefix(rest, dash) {
			cut := len(s) - len(rest) + len(dash)
			return s[cut:], utf8.RuneCountInString(s[:cut])
		}
	}
	return s, 0
}

// contentStems appends the hashed, weighted stems of the content words of
// s (see eachStem).
func contentStems(dst []uint64, s string) []uint64 {
	eachStem(s, func(stem []byte) { dst = append(dst, weigh(fnv1a.Hash64(stem))) })
	return dst
}

// eachStem calls fn with the stem of each content word of s: words of at
// least three letters that are not stopwords, and numbers other than years
// ("4.99", "812"), which two reports of one event share. The stem is only
// valid during the call.
func eachStem(s string, fn func(stem []byte)) {
	var buf [64]byte
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		start := i
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				i += size
				continue
			}
			// Keep "4.99", "1,747" and "council's" whole.
			if (r == '.' || r == ',' || r == '\'' || r == '’') && i+size < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+size:])
				if unicode.IsLetter(next) || unicode.IsDigit(next) {
					i += size
					continue
				}
			}
			break
		}
		w := s[start:i]
		if len(w) > len(buf) {
			continue
		}
		word := lowerInto(buf[:0], w)
		if stem, ok := stemWord(word); ok {
			fn(stem)
		}
	}
}

// lowerInto lower-cases w into buf (ASCII fast path) and folds the typographic
// apostrophe to ASCII.
func lowerInto(buf []byte, w string) []byte {
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
		case r == '’':
			buf = append(buf, '\'')
		default:
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
	}
	return buf
}

// stemWord returns the stem of a lower-case word, or false for a word that
// is not a content word. The stemmer is a light suffix stripper (plural,
// possessive, -ing, -ed, a final e): enough that "strike", "strikes" and "striking"
// meet, and cheap; it never has to produce a real word, only the same stem
// for the variants of one.
func stemWord(w []byte) ([]byte, bool) {
	if n := len(w); n >= 2 && w[n-2] == '\'' && w[n-1] == 's' {
		w = w[:n-2]
	}
	for len(w) > 0 && (w[len(w)-1] == '\'' || w[len(w)-1] == '.' || w[len(w)-1] == ',') {
		w = w[:len(w)-1]
	}
	digits := 0
	for _, c := range w {
		if '0' <= c && c <= '9' {
			digits++
		}
	}
	if digits > 0 {
		// Numbers: drop separators so "1,747" and "1747" meet; skip years
		// and small counts, which every article has.
		num := strings.ReplaceAll(string(w), ",", "")
		if digits == len(w) && len(w) == 4 && (w[0] == '1' || w[0] == '2') {
			return nil, false
		}
		if len(num) < 2 {
			return nil, false
		}
		return []byte(num), true
	}
	if len(w) < 3 || stopwords[string(w)] {
		return nil, false
	}
	return stem(w), true
}

func stem(w []byte) []byte {
	n := len(w)
	has := func(suf string) bool { return n > len(suf)+2 && string(w[n-len(suf):]) == suf }
	switch {
	case has("ies"):
		return append(w[:n-3], 'y')
	case has("sses"):
		return w[:n-2]
	case has("ss"), has("us"), has("is"):
		return w
	case has("s"):
		w, n = w[:n-1], n-1
	}
	switch {
	case has("ing"):
		w = w[:n-3]
	case has("ed"):
		w = w[:n-2]
	case n > 3 && w[n-1] == 'e':
		// "strike", "strikes", "striking" and "struck"... the first three
		// all become "strik", as "fine" and "fined" become "fin".
		return w[:n-1]
	default:
		return w
	}
	// Undouble: "stopped" → "stopp" → "stop".
	n = len(w)
	if n > 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		w = w[:n-1]
	}
	return w
}

func hashString(s string) uint64 { return fnv1a.Hash64(s) }

// sortedSet sorts hs and removes repeats, in place.
func sortedSet(hs []uint64) []uint64 {
	slices.Sort(hs)
	return slices.Compact(hs)
}

// Encoding: a version byte, the day as a zigzag varint, then each set as a
// count and the deltas between its sorted hashes, as uvarints. Sorted
// 64-bit hashes are spread evenly, so the deltas save little; the count
// prefix and the version keep the format extensible. Version 2 hashes carry
// their IDF weight in bits 2–7 (idf.go); version 1 hashes did not, and
// FeaturesFrom weighs them on reading, so features stored by the previous
// release compare with new ones exactly as if extracted anew.
const (
	encodingVersion   = 2
	encodingUnweighed = 1
)

// Bytes encodes the features for storage.
func (f Features) Bytes() []byte {
	b := make([]byte, 0, 8+9*(len(f.Entities)+len(f.Title)+len(f.Terms)))
	b = append(b, encodingVersion)
	b = binary.AppendVarint(b, int64(f.Day))
	for _, set := range [][]uint64{f.Entities, f.Title, f.Terms} {
		b = binary.AppendUvarint(b, uint64(len(set)))
		prev := uint64(0)
		for _, h := range set {
			b = binary.AppendUvarint(b, h-prev)
			prev = h
		}
	}
	return b
}

var errEncoding = errors.New("stories: bad features encoding")

// FeaturesFrom decodes features written by Bytes.
func FeaturesFrom(b []byte) (Features, error) {
	var f Features
	if len(b) == 0 || (b[0] != encodingVersion && b[0] != encodingUnweighed) {
		return f, errEncoding
	}
	version := b[0]
	b = b[1:]
	day, n := binary.Varint(b)
	if n <= 0 || day < -1<<31 || day >= 1<<31 {
		return f, errEncoding
	}
	f.Day = int32(day)
	b = b[n:]
	sets := [3]*[]uint64{&f.Entities, &f.Title, &f.Terms}
	for _, set := range sets {
		count, n := binary.Uvarint(b)
		if n <= 0 || count > uint64(len(b)) {
			return Features{}, errEncoding
		}
		b = b[n:]
		var out []uint64
		if count > 0 {
			out = make([]uint64, count)
		}
		prev := uint64(0)
		for i := range out {
			d, n := binary.Uvarint(b)
			if n <= 0 || (i > 0 && d == 0) {
				return Features{}, errEncoding
			}
			b = b[n:]
			prev += d
			out[i] = prev
		}
		*set = out
	}
	if len(b) != 0 {
		return Features{}, errEncoding
	}
	if version == encodingUnweighed {
		for _, set := range sets {
			for i, h := range *set {
				(*set)[i] = weigh(h)
			}
			*set = sortedSet(*set)
		}
	}
	return f, nil
}
