// Package clean turns Input.Source into the cleaned article text. It removes
// what generic extractors keep (CMS shortcodes, photo credits, captions,
// social-embed residue, calls to action, link lists, bylines and timestamps
// repeated in the body), lists every removal with its reason, normalises
// whitespace and invisible characters, and keeps a map from the cleaned text
// back to the source.
//
// The rules are data (data/rules.tsv, data/agencies.txt); this file is the
// engine that applies them paragraph by paragraph.
package clean

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/doc"
)

// maxListItems bounds how many link-like lines after a "Related:" heading
// are taken as its list: real lists are short, and a bound keeps a run of
// unpunctuated subheadings from being swallowed.
const maxListItems = 8

// maxTeaserItems bounds how many headlines a teaser label ("DON'T MISS",
// "SEE MORE:") takes after it: teaser blocks hold one to three.
const maxTeaserItems = 3

// unit is a paragraph candidate in the source: a line of plain text or an
// HTML block.
type unit struct {
	doc.Span
	tag        string // HTML block tag, "" for plain text
	blockStart bool   // a blank line (or a block element) comes before it
	removed    bool
}

// Clean fills d.Text, d.Map and d.Removed.
func (rs *Rules) Clean(d *doc.Document) error {
	src := d.Input.Source
	units := splitUnits(d)
	var removed []doc.Removal
	remove := func(s doc.Span, reason doc.RemovalReason, rule string) {
		removed = append(removed, doc.Removal{Span: s, Text: src[s.Start:s.End], Reason: reason, Rule: rule})
	}

	// Shortcodes first: they can span several lines, and what they wrap
	// (an embed URL, a caption) goes with them.
	for _, s := range findShortcodes(src, d.Input.BodyStart) {
		remove(s, "shortcode", "shortcode")
	}
	coveredByShortcode := func(u *unit) bool {
		for _, r := range removed {
			if r.Span.Start <= u.Start && u.End <= r.Span.End {
				return true
			}
		}
		return false
	}

	titleKey := matchKey(d.Meta.Title)
	authorKeys := map[string]bool{}
	for _, a := range d.Meta.Authors {
		if k := matchKey(a); k != "" {
			authorKeys[k] = true
			authorKeys["by "+k] = true
		}
	}

	var para paragraph          // the unit the rules are tried on
	key := make([]byte, 0, 512) // the unit's matchKey (units compared are at most 300 bytes)
	para.lowers.Grow(len(src) - d.Input.BodyStart)
	longest := 0
	for _, u := range units {
		longest = max(longest, u.End-u.Start)
	}
	para.scratch = make([]byte, 0, longest+longest/2) // lower-casing can lengthen a few runes

	inList := 0 // link-list items still allowed after a "Related:" heading
	inNext := 0 // headlines still allowed after a teaser label
	seen := 0   // non-empty units seen so far
	for i := range units {
		u := &units[i]
		t := src[u.Start:u.End]
		seen++
		if coveredByShortcode(u) {
			u.removed = true
			continue
		}
		if inList > 0 {
			// A list item is an <li>, or a link-like line directly under the
			// heading or the previous item (no blank line between), that no
			// other rule claims.
			para.set(t)
			if rs.matchParagraph(&para) == nil && (u.tag == "li" || (looksLikeLink(t) && (!u.blockStart || u.tag != ""))) {
				remove(u.Span, "related-links", "related-item")
				u.removed = true
				inList--
				continue
			}
			inList = 0
		}
		if inNext > 0 {
			// A teaser label's headlines: the first may follow a blank line
			// if it is set as a headline; later ones come directly under it.
			para.set(t)
			adjacent := !u.blockStart || u.tag != ""
			first := inNext == maxTeaserItems
			if rs.matchParagraph(&para) == nil && (titleLike(t) && (first || adjacent) || first && adjacent && looksLikeLink(t)) {
				remove(u.Span, "related-links", "related-headline")
				u.removed = true
				inNext--
				continue
			}
			inNext = 0
		}
		// The unit's matchKey, only computed where a title or author
		// comparison can apply, into a reused buffer: the comparisons
		// below convert it without allocating.
		key = key[:0]
		if len(t) <= 300 && ((seen <= 3 && titleKey != "") || len(authorKeys) > 0) {
			key = appendMatchKey(key, t)
		}
		switch {
		case seen <= 3 && titleKey != "" && string(key) == titleKey && d.Input.Kind != doc.KindText:
			remove(u.Span, "headline", "headline-repeat")
			u.removed = true
			continue
		case len(key) > 0 && authorKeys[string(key)]:
			remove(u.Span, "byline", "byline-author")
			u.removed = true
			continue
		case u.tag == "figcaption":
			remove(u.Span, "caption", "figcaption")
			u.removed = true
			continue
		}
		para.set(t)
		if r := rs.matchParagraph(&para); r != nil {
			remove(u.Span, r.Reason, r.ID)
			u.removed = true
			switch r.Scope {
			case ScopeList:
				inList = maxListItems
			case ScopeNext:
				inNext = maxTeaserItems
			case ScopePrev:
				// The headline a link marker ("Play VIDEO", "READ MORE")
				// belongs to stands right before it.
				if i > 0 && !units[i-1].removed && titleLike(src[units[i-1].Start:units[i-1].End]) {
					p := &units[i-1]
					kept := removed[:0]
					for _, r := range removed { // its inline removals go with it
						if r.Span.Start < p.Start || r.Span.End > p.End {
							kept = append(kept, r)
						}
					}
					removed = kept
					remove(p.Span, "related-links", "related-headline")
					p.removed = true
				}
			}
			continue
		}
		for _, r := range rs.Inline {
			if !r.mayMatch(&para) {
				continue
			}
			for _, m := range r.re.FindAllStringIndex(t, -1) {
				remove(doc.Span{Start: u.Start + m[0], End: u.Start + m[1]}, r.Reason, r.ID)
			}
		}
	}

	sort.SliceStable(removed, func(i, j int) bool { return removed[i].Span.Start < removed[j].Span.Start })
	removed = dropNested(removed)
	// A unit whose letters were all removed inline goes as a whole.
	d.Removed = removed
	build(d, units)
	return nil
}

// matchParagraph returns the first paragraph rule that claims p.
func (rs *Rules) matchParagraph(p *paragraph) *Rule {
	for _, r := range rs.Paragraph {
		if len(p.text) > r.MaxLen || !r.mayMatch(p) {
			continue
		}
		if r.re.MatchString(p.text) {
			return r
		}
	}
	return nil
}

// dropNested removes removals that lie inside an earlier one (an inline
// credit inside a removed caption), so no text is listed twice.
func dropNested(rs []doc.Removal) []doc.Removal {
	out := rs[:0]
	end := -1
	for _, r := range rs {
		if r.Span.End <= end {
			continue
		}
		if r.Span.Start < end { // overlap: keep the earlier, trim this one
			r.Span.Start = end
		}
		out = append(out, r)
		end = r.Span.End
	}
	return out
}

// splitUnits cuts the body part of the source into paragraph candidates.
func splitUnits(d *doc.Document) []unit {
	src := d.Input.Source
	if len(d.Input.Blocks) > 0 {
		units := make([]unit, 0, len(d.Input.Blocks))
		for _, b := range d.Input.Blocks {
			s := trimSpan(src, b.Span)
			if s.Len() > 0 && s.Start >= d.Input.BodyStart {
				units = append(units, unit{Span: s, tag: b.Tag, blockStart: true})
			}
		}
		return units
	}
	units := make([]unit, 0, strings.Count(src, "\n")+1)
	blank := true
	for pos := d.Input.BodyStart; pos < len(src); {
		end := strings.IndexByte(src[pos:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += pos
		}
		s := trimSpan(src, doc.Span{Start: pos, End: end})
		if s.Len() == 0 {
			blank = true
		} else {
			units = append(units, unit{Span: s, blockStart: blank})
			blank = false
		}
		pos = end + 1
	}
	return units
}

// trimSpan narrows s to exclude leading and trailing spaces, including
// no-break and zero-width ones.
func trimSpan(src string, s doc.Span) doc.Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(src[s.Start:s.End])
		if !isSpace(r) && !isInvisible(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(src[s.Start:s.End])
		if !isSpace(r) && !isInvisible(r) {
			break
		}
		s.End -= n
	}
	return s
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u0085':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// isInvisible reports characters that are dropped from the cleaned text:
// zero-width spaces and joiners, word joiners, byte-order marks, soft hyphens,
// direction marks and other control characters.
func isInvisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u180e':
		return true
	}
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r == utf8.RuneError
}

// matchKey folds a short string for equality tests: letters and digits only,
// lower-cased.
func matchKey(s string) string {
	var buf [128]byte // on the stack: one allocation, for the string
	return string(appendMatchKey(buf[:0], s))
}

// appendMatchKey appends matchKey(s) to b.
func appendMatchKey(b []byte, s string) []byte {
	start := len(b)
	gap := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII: no table look-ups
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				gap = true
				continue
			}
			if gap && len(b) > start {
				b = append(b, ' ')
			}
			gap = false
			b = append(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			gap = true
			continue
		}
		if gap && len(b) > start {
			b = append(b, ' ')
		}
		gap = false
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

// titleLike reports a line set as a headline: short, not ending a
// sentence (a final "!" or "?" is a headline's), with no sentence break
// inside, and in Title Case: it starts with a capital or digit and at least
// two thirds of its later words of four letters or more are capitalised.
func titleLike(t string) bool {
	if len(t) > 150 || len(t) < 8 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, "\"'\u201d\u2019)] "))
	switch last {
	case '.', ':', ';', ',', '\u2026':
		return false
	}
	words := strings.Fields(t)
	if len(words) < 2 || len(words) > 20 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimLeft(words[0], "\"'\u2018\u201c([$"))
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	long, capital := 0, 0
	for k, w := range words {
		w = strings.TrimLeft(w, "\"'\u2018\u201c([#")
		if k > 0 && strings.HasSuffix(words[k-1], ".") && len(words[k-1]) > 4 && unicode.IsLower(lastRune(words[k-1][:len(words[k-1])-1])) {
			return false // "... the plan. Officials said": two sentences
		}
		if k == 0 || utf8.RuneCountInString(w) < 4 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		long++
		if unicode.IsUpper(r) {
			capital++
		}
	}
	return long > 0 && capital*3 >= long*2
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// looksLikeLink reports a short headline-like line with no sentence ending:
// an item of a related-links list.
func looksLikeLink(t string) bool {
	if len(t) > 160 || len(t) < 3 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	switch last {
	case '.', '!', ':', ';', ',':
		return false
	}
	return true
}
