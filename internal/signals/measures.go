package signals

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// readability gives the Flesch–Kincaid grade level as the value, with the
// Flesch reading ease and the Coleman–Liau index in the breakdown.
func readability(v *view) doc.Signal {
	d := v.d
	words, syllables, letters := 0, 0, 0
	for _, t := range d.Tokens {
		if t.Kind != doc.TokWord {
			continue
		}
		words++
		n, l := syllablesLetters(d.Text[t.Start:t.End])
		syllables += n
		letters += l
	}
	sents := len(d.Sentences)
	if words == 0 || sents == 0 {
		return doc.Signal{ID: doc.SignalReadability, Unit: doc.UnitGrade, Percentile: -1}
	}
	wps := float64(words) / float64(sents)
	spw := float64(syllables) / float64(words)
	fk := 0.39*wps + 11.8*spw - 15.59
	ease := 206.835 - 1.015*wps - 84.6*spw
	L := float64(letters) / float64(words) * 100
	S := float64(sents) / float64(words) * 100
	cli := 0.0588*L - 0.296*S - 15.8
	return doc.Signal{ID: doc.SignalReadability, Value: round2(fk), Unit: doc.UnitGrade, Percentile: -1,
		Breakdown: map[string]float64{"flesch_reading_ease": round2(ease), "coleman_liau": round2(cli), "words_per_sentence": round2(wps), "syllables_per_word": round2(spw)},
		Note:      "Flesch–Kincaid grade level"}
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// countSyllables estimates syllables by vowel groups, with the usual
// corrections for a silent final "e" and "-le".
func countSyllables(w string) int {
	n, _ := syllablesLetters(w)
	return n
}

// asciiClass classifies ASCII bytes (either case) for syllablesLetters:
// letterBit for a letter, vowelBit for a vowel (y included).
var asciiClass [utf8.RuneSelf]uint8

const (
	letterBit = 1 << iota
	vowelBit
)

func init() {
	for c := 'a'; c <= 'z'; c++ {
		asciiClass[c], asciiClass[c-'a'+'A'] = letterBit, letterBit
	}
	for _, c := range "aeiouy" {
		asciiClass[c] |= vowelBit
		asciiClass[c-'a'+'A'] |= vowelBit
	}
}

// syllablesLetters returns countSyllables(w) and the number of letters in
// w, in one pass over its runes without building the lower-cased word:
// readability runs it on every word. An ASCII byte costs a table look-up
// and no branch on what it is.
func syllablesLetters(w string) (n, letters int) {
	prevVowel := 0
	for i := 0; i < len(w); {
		// The ASCII run from i, in a loop of its own without calls, so
		// that the counts stay in registers.
		for ; i < len(w) && w[i] < utf8.RuneSelf; i++ {
			k := asciiClass[w[i]]
			letters += int(k & letterBit)
			v := int(k / vowelBit) // 1 for a vowel
			n += v &^ prevVowel    // a vowel group starts
			prevVowel = v
		}
		if i == len(w) {
			break
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		if unicode.IsLetter(r) {
			letters++
		}
		v := 0
		// unicode.ToLower takes a few runes to ASCII ("İ" to "i").
		switch unicode.ToLower(r) {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			v = 1
		}
		n += v &^ prevVowel
		prevVowel = v
	}
	if n > 1 && silentE(w) {
		n--
	}
	if n == 0 {
		n = 1
	}
	return n, letters
}

// silentE reports a word of three runes or more whose last rune,
// lower-cased, is "e" and the one before it not "l". Only "e"/"E" and
// "l"/"L" lower-case to those letters, and an ASCII byte is always a
// rune of its own, so the last two bytes settle it.
func silentE(w string) bool {
	k := len(w)
	return k >= 3 && (w[k-1]|0x20) == 'e' && (w[k-2]|0x20) != 'l' && utf8.RuneCountInString(w) > 2
}

// specificity counts what a reader could check: dates and times, numbers
// and amounts, named places and named people, per 1,000 words. Vague
// stories have few.
func specificity(v *view) doc.Signal {
	counts := map[string]float64{}
	var ev []doc.Evidence
	for _, e := range v.d.Entities {
		kind := ""
		switch e.Type {
		case doc.EntityDate, doc.EntityTime:
			kind = "dates"
		case doc.EntityNumber, doc.EntityMoney, doc.EntityPercent, doc.EntityOrdinal, doc.EntityDuration:
			kind = "numbers"
		case doc.EntityLoc:
			kind = "places"
		case doc.EntityPerson:
			kind = "people"
		default:
			continue
		}
		counts[kind]++
		ev = append(ev, doc.Evidence{Span: e.Span, Note: kind[:len(kind)-1]})
	}
	total := counts["dates"] + counts["numbers"] + counts["places"] + counts["people"]
	b := map[string]float64{}
	for k, c := range counts {
		b[k+"_per_1000_words"] = round2(v.per1000(int(c)))
	}
	return doc.Signal{ID: doc.SignalSpecificity, Value: round2(v.per1000(int(total))), Unit: doc.UnitPer1000, Percentile: -1, Evidence: ev, Breakdown: b,
		Note: "dates, numbers, named places and named people"}
}

// quoteDensity is the share of the article's words inside quotations
// (scare quotes excluded), with the count of quotes.
func quoteDensity(v *view) doc.Signal {
	in := 0
	for i := range v.quoted {
		if v.quoted[i] && v.d.Words[i].POS != "``" && v.d.Words[i].POS != "''" {
			in++
		}
	}
	n := 0
	for _, q := range v.d.Quotes {
		if q.Kind != doc.QuoteScare {
			n++
		}
	}
	share := 0.0
	if len(v.d.Words) > 0 {
		share = float64(in) / float64(len(v.d.Words))
	}
	return doc.Signal{ID: doc.SignalQuoteDensity, Value: round2(share), Unit: doc.UnitShare, Percentile: -1,
		Breakdown: map[string]float64{"quotes": float64(n), "quotes_per_1000_words": round2(v.per1000(n))},
		Note:      "share of words inside quotations"}
}
