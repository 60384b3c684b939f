package clean

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/credence-news/credence/doc"

	"github.com/credence-news/credence/internal/ascii"
)

//go:embed data/rules.tsv
var rulesTSV string

//go:embed data/agencies.txt
var agenciesTxt string

// Scope says how a rule's pattern applies to a paragraph.
type Scope uint8

// Scopes, as named in rules.tsv.
const (
	ScopeLine   Scope = iota // the whole paragraph matches
	ScopeStart               // the paragraph starts with the pattern
	ScopeEnd                 // the paragraph ends with the pattern
	ScopeInline              // each match inside a paragraph
	ScopeList                // a list heading: the paragraph and the link items after it
	ScopeNext                // a teaser label: the paragraph and the headlines after it
	ScopePrev                // a link marker: the paragraph and the headline before it
)

var scopeNames = map[string]Scope{"line": ScopeLine, "start": ScopeStart, "end": ScopeEnd, "inline": ScopeInline, "list": ScopeList, "next": ScopeNext, "prev": ScopePrev}

// Rule is one compiled cleaning rule.
type Rule struct {
	ID      string
	Reason  doc.RemovalReason
	Scope   Scope
	MaxLen  int
	Needles []string // lower-case; any one must occur for the rule to be tried
	Pattern string   // as written, before macro expansion
	re      *regexp.Regexp
	anyOf   string // runes one of which every match contains; "" if none is known
	// needlePairs[i] are the bytePairs bits of Needles[i]
	needlePairs [][]uint16
	// Strings one of which every match contains (nil if none is known),
	// and the bytePairs bits of their lower-cased forms.
	anyString      []string
	anyStringPairs [][]uint16
}

// Rules is a compiled rule set.
type Rules struct {
	Paragraph []*Rule // line, start, end and list rules, in file order
	Inline    []*Rule
}

var compileDefault = sync.OnceValues(func() (*Rules, error) { return ParseRules(rulesTSV, agenciesTxt) })

// DefaultRules returns the embedded rule set, compiled once per process,
// for tools and tests; the Analyzer compiles its own with Open.
func DefaultRules() (*Rules, error) { return compileDefault() }

// ParseRules compiles a rules file (see data/rules.tsv for the format) with
// the agency list that the {agency} macro expands to.
func ParseRules(tsv, agencies string) (*Rules, error) {
	macros := buildMacros(agencies)
	rs := &Rules{}
	seen := map[string]bool{}
	for i, line := range strings.Split(tsv, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := splitTabs(line)
		if len(f) != 6 {
			return nil, fmt.Errorf("rules line %d: want 6 tab-separated fields (id reason scope maxlen needles pattern), got %d", i+1, len(f))
		}
		scope, ok := scopeNames[f[2]]
		if !ok {
			return nil, fmt.Errorf("rules line %d: unknown scope %q", i+1, f[2])
		}
		maxLen, err := 1<<31-1, error(nil)
		if f[3] != "-" {
			maxLen, err = strconv.Atoi(f[3])
		}
		if err != nil || maxLen <= 0 {
			return nil, fmt.Errorf("rules line %d: maxlen %q is not a positive number or -", i+1, f[3])
		}
		if seen[f[0]] {
			return nil, fmt.Errorf("rules line %d: duplicate rule id %q", i+1, f[0])
		}
		seen[f[0]] = true
		r := &Rule{ID: f[0], Reason: doc.RemovalReason(f[1]), Scope: scope, MaxLen: maxLen, Pattern: f[5]}
		if f[4] != "-" {
			for _, n := range strings.Split(f[4], "|") {
				if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
					r.Needles = append(r.Needles, n)
				}
			}
		}
		expr := expandMacros(f[5], macros)
		switch scope {
		case ScopeLine, ScopeList, ScopeNext, ScopePrev:
			expr = `^(?:` + expr + `)$`
		case ScopeStart:
			expr = `^(?:` + expr + `)`
		case ScopeEnd:
			expr = `(?:` + expr + `)$`
		}
		r.re, err = regexp.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("rules line %d (%s): %v", i+1, r.ID, err)
		}
		r.anyOf = requiredRunes(expr)
		r.anyString = requiredStrings(expr)
		for _, n := range r.Needles {
			r.needlePairs = append(r.needlePairs, pairBits(n))
		}
		for _, s := range r.anyString {
			r.anyStringPairs = append(r.anyStringPairs, pairBits(strings.ToLower(s)))
		}
		if scope == ScopeInline {
			rs.Inline = append(rs.Inline, r)
		} else {
			rs.Paragraph = append(rs.Paragraph, r)
		}
	}
	return rs, nil
}

func splitTabs(line string) []string {
	var f []string
	for _, p := range strings.Split(line, "\t") {
		if p != "" {
			f = append(f, p)
		}
	}
	return f
}

func buildMacros(agencies string) map[string]string {
	var names []string
	for _, l := range strings.Split(agencies, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		names = append(names, l)
	}
	// Longest first, so "Getty Images" wins over "Getty".
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(n), " ", `{s}+`)
	}
	s := `[\s\x{00a0}\x{2007}\x{2009}\x{202f}\x{200b}]`
	m := map[string]string{
		"{s}":       s,
		"{q}":       `["'\x{2018}\x{2019}\x{201c}\x{201d}\x{2032}\x{00ab}\x{00bb}]`,
		"{dash}":    `[-\x{2010}\x{2011}\x{2012}\x{2013}\x{2014}\x{2015}]`,
		"{agency}":  `(?:` + strings.Join(quoted, "|") + `)\b`,
		"{name}":    `(?:\p{Lu}[\p{L}'\x{2019}.\-]*(?:{s}+(?:(?:de|da|van|von|der|del|la|le|bin|al|el|di)\b{s}+)?\p{Lu}[\p{L}'\x{2019}.\-]*){0,3})`,
		"{month}":   `(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`,
		"{weekday}": `(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b`,
		"{date}":    `(?:\d{1,2}(?:st|nd|rd|th)?{s}+{month}\.?,?{s}+\d{4}|{month}\.?{s}+\d{1,2}(?:st|nd|rd|th)?,?{s}+\d{4}|\d{4}-\d{2}-\d{2}(?:T[\d:.+Z-]+)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4})`,
		"{time}":    `(?:\d{1,2}[:.]\d{2}(?:{s}*(?i:am|pm|a\.m\.|p\.m\.))?|\d{1,2}{s}*(?i:am|pm|a\.m\.|p\.m\.))(?:{s}*(?:GMT|BST|EST|EDT|UTC|ET|PT|PST|PDT|CET|CEST))?`,
	}
	return m
}

// expandMacros replaces {macro}s until none is left (macros may use macros).
func expandMacros(expr string, m map[string]string) string {
	for i := 0; i < 4 && strings.Contains(expr, "{"); i++ {
		for k, v := range m {
			expr = strings.ReplaceAll(expr, k, v)
		}
	}
	return expr
}

// paragraph is a unit of text as the rules see it, with what the
// prefilters look at computed once per unit.
type paragraph struct {
	text  string
	lower string    // strings.ToLower(text)
	head  string    // lower without leading brackets, quotes and spaces
	pairs bytePairs // of lower
	// lowers holds the lower-cased units one after another: lower is a
	// slice of its String (which later writes never change), so a
	// document's units share one buffer instead of a string each.
	lowers  strings.Builder
	scratch []byte // a unit lower-cased, on its way to lowers
}

func (p *paragraph) set(t string) {
	if t == p.text {
		return // the same unit again (a list item tried twice)
	}
	p.text = t
	start := p.lowers.Len()
	p.scratch = ascii.AppendLower(p.scratch[:0], t)
	p.lowers.Write(p.scratch)
	p.lower = p.lowers.String()[start:]
	p.head = strings.TrimLeft(p.lower, "([\"'\u2018\u201c ")
	p.pairs.fill(p.lower)
}

// containsAny reports whether the text holds one of set, whose bytePairs
// bits (of the lower-cased strings, which the lower-cased text holds if
// the text holds them) are pairs.
func (p *paragraph) containsAny(set []string, pairs [][]uint16) bool {
	for i, s := range set {
		if p.pairs.hasAll(pairs[i]) && strings.Contains(p.text, s) {
			return true
		}
	}
	return false
}

// pairBits are the bytePairs bits of s.
func pairBits(s string) []uint16 {
	var bits []uint16
	for k := 0; k+1 < len(s); k++ {
		bits = append(bits, pairBit(s[k], s[k+1]))
	}
	return bits
}

// bytePairs is a Bloom filter of the pairs of adjacent bytes of a string. A
// needle can only occur in the string if all its pairs do, which rules out
// most needles of most rules without scanning the paragraph for each.
type bytePairs [64]uint64 // 4096 bits

func pairBit(a, b byte) uint16 { return (uint16(a)<<5 ^ uint16(b)) & 4095 }

func (f *bytePairs) fill(s string) {
	*f = bytePairs{}
	if len(s) == 0 {
		return
	}
	// One load per byte, carrying the previous one; k>>6 < 64 needs no
	// bounds check.
	prev := s[0]
	for i := 1; i < len(s); i++ {
		c := s[i]
		k := pairBit(prev, c)
		f[k>>6] |= 1 << (k & 63)
		prev = c
	}
}

func (f *bytePairs) hasAll(bits []uint16) bool {
	for _, k := range bits {
		if f[k/64]&(1<<(k%64)) == 0 {
			return false
		}
	}
	return true
}

// mayMatch reports whether the rule can match p: p has one of the runes
// and one of the strings the pattern requires, and one of the needles.
func (r *Rule) mayMatch(p *paragraph) bool {
	if r.anyOf != "" && !containsAnyRune(p.text, r.anyOf) {
		return false
	}
	if r.anyString != nil && !p.containsAny(r.anyString, r.anyStringPairs) {
		return false
	}
	return r.hasNeedle(p)
}

// containsAnyRune is strings.ContainsAny, as one fast IndexRune scan per
// rune of chars: strings.ContainsAny decodes every rune of s when chars is
// not all ASCII.
func containsAnyRune(s, chars string) bool {
	for _, c := range chars {
		if strings.ContainsRune(s, c) {
			return true
		}
	}
	return false
}

// hasNeedle reports whether lower (already lower-cased) holds any needle.
// A needle written "^word" must start the paragraph (after any opening
// bracket or quote), which is much more selective for start-anchored rules.
func (r *Rule) hasNeedle(p *paragraph) bool {
	if len(r.Needles) == 0 {
		return true
	}
	lower := p.lower
	for i, n := range r.Needles {
		if n[0] == '^' {
			if strings.HasPrefix(p.head, n[1:]) {
				return true
			}
		} else if p.pairs.hasAll(r.needlePairs[i]) && strings.Contains(lower, n) {
			return true
		}
	}
	return false
}
