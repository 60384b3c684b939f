package clean

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
)

// maxRequiredRunes bounds the prefilter sets worth keeping: a set of many
// runes (say every capital letter) is in nearly every paragraph and only
// costs a scan.
const maxRequiredRunes = 8

// requiredRunes derives from a rule's pattern a set of runes at least one of
// which every match contains, or "" if it finds no small one. Matching a
// paragraph against it (strings.ContainsAny) is a single pass, far cheaper
// than the regexp, and since the set is implied by the pattern, rejecting a
// paragraph without one never changes what the rule matches. Rules whose
// matches must end in "(…)" or "| Agency" are then skipped on the ordinary
// paragraph at the price of one scan.
func requiredRunes(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	set, ok := required(re)
	if !ok || len(set) > maxRequiredRunes {
		return ""
	}
	return string(set)
}

// required returns runes one of which every match of re contains, and
// whether there is such a set.
func required(re *syntax.Regexp) ([]rune, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, false
		}
		r := re.Rune[0]
		if re.Flags&syntax.FoldCase == 0 {
			return []rune{r}, true
		}
		set := []rune{r}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			set = append(set, f)
		}
		return set, true
	case syntax.OpCharClass:
		var set []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= maxRequiredRunes {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				set = append(set, r)
			}
			if len(set) > maxRequiredRunes {
				return nil, false
			}
		}
		return set, len(set) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil, false
	case syntax.OpConcat:
		// Every part must match: any part's set will do; take the smallest.
		var best []rune
		found := false
		for _, sub := range re.Sub {
			if set, ok := required(sub); ok && (!found || len(set) < len(best)) {
				best, found = set, true
			}
		}
		return best, found
	case syntax.OpAlternate:
		// One branch matches: the union of the branches' sets, if each has one.
		var union []rune
		for _, sub := range re.Sub {
			set, ok := required(sub)
			if !ok {
				return nil, false
			}
			for _, r := range set {
				if !strings.ContainsRune(string(union), r) {
					union = append(union, r)
				}
			}
		}
		return union, len(union) > 0
	}
	// Empty matches, anchors, any character, star and quest: nothing is
	// required.
	return nil, false
}

// maxLiterals bounds the literal sets requiredStrings works with.
const maxLiterals = 256

// literals is what requiredStrings knows about a sub-pattern: sets of
// strings, nil when unknown.
type literals struct {
	exact  []string // every string it can match
	prefix []string // every match starts with one of these
	req    []string // every match contains one of these
}

// requiredStrings derives from a rule's pattern a set of strings at least
// one of which every match contains, or nil. It
// finds what the rune sets miss: a pattern that must match one of a list of
// names ({agency}) requires one of those names, though none of their
// letters in particular. Like requiredRunes it only ever rejects paragraphs
// the pattern cannot match.
func requiredStrings(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	set := literalsOf(re).best()
	if !usable(set) {
		return nil
	}
	return set
}

// best is the most selective set known to be required.
func (l literals) best() []string {
	var b []string
	for _, set := range [][]string{l.exact, l.prefix, l.req} {
		if better(set, b) {
			b = set
		}
	}
	return b
}

// usable reports a set that can serve as a requirement: not empty and
// without the empty string (which every text contains).
func usable(set []string) bool {
	return len(set) > 0 && !slices.Contains(set, "")
}

// better reports whether set a is likely the more selective requirement:
// longer strings, then fewer of them.
func better(a, b []string) bool {
	if !usable(a) {
		return false
	}
	if !usable(b) {
		return true
	}
	if ma, mb := min(minLen(a), 4), min(minLen(b), 4); ma != mb {
		return ma > mb
	}
	return len(a) < len(b)
}

func minLen(set []string) int {
	m := len(set[0])
	for _, s := range set[1:] {
		m = min(m, len(s))
	}
	return m
}

func literalsOf(re *syntax.Regexp) literals {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			// Case variants multiply; the first rune's variants will do.
			set, ok := required(re)
			if !ok {
				return literals{}
			}
			var first []string
			for _, r := range set {
				first = append(first, string(r))
			}
			return literals{prefix: first, req: first}
		}
		lit := []string{string(re.Rune)}
		return literals{exact: lit, prefix: lit}
	case syntax.OpCharClass:
		set, ok := required(re)
		if !ok {
			return literals{}
		}
		var exact []string
		for _, r := range set {
			exact = append(exact, string(r))
		}
		return literals{exact: exact, prefix: exact}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		empty := []string{""}
		return literals{exact: empty, prefix: empty}
	case syntax.OpCapture:
		return literalsOf(re.Sub[0])
	case syntax.OpQuest:
		sub := literalsOf(re.Sub[0])
		var l literals
		if sub.exact != nil && len(sub.exact) < maxLiterals {
			l.exact = union(sub.exact, []string{""})
		}
		if sub.prefix != nil && len(sub.prefix) < maxLiterals {
			l.prefix = union(sub.prefix, []string{""})
		}
		return l
	case syntax.OpPlus:
		sub := literalsOf(re.Sub[0])
		return literals{prefix: sub.prefix, req: sub.best()}
	case syntax.OpRepeat:
		if re.Min >= 1 {
			sub := literalsOf(re.Sub[0])
			return literals{prefix: sub.prefix, req: sub.best()}
		}
		return literals{}
	case syntax.OpConcat:
		return concatLiterals(re.Sub)
	case syntax.OpAlternate:
		var l literals
		for k, sub := range re.Sub {
			sl := literalsOf(sub)
			if k == 0 {
				l = literals{exact: sl.exact, prefix: sl.prefix, req: sl.best()}
				continue
			}
			l.exact = unionIfKnown(l.exact, sl.exact)
			l.prefix = unionIfKnown(l.prefix, sl.prefix)
			if b := sl.best(); usable(b) {
				l.req = unionIfKnown(l.req, b)
			} else {
				l.req = nil
			}
		}
		return l
	}
	// Star, any character, no match: nothing known.
	return literals{}
}

// concatLiterals multiplies out runs of parts with exact sets ("A" then "P"
// or "FP" gives "AP" or "AFP"), each run extended by the prefixes of the
// part after it; each such run, and each other part's requirement, is a
// candidate requirement of the whole.
func concatLiterals(subs []*syntax.Regexp) literals {
	var out literals
	run := []string{""}
	leading := true // run starts at the start of the concatenation
	consider := func(set []string) {
		if better(set, out.req) {
			out.req = set
		}
	}
	for _, sub := range subs {
		l := literalsOf(sub)
		if l.exact != nil && len(run)*len(l.exact) <= maxLiterals {
			run = product(run, l.exact)
			continue
		}
		// The run ends here.
		end := run
		if l.prefix != nil && len(run)*len(l.prefix) <= maxLiterals {
			end = product(run, l.prefix)
		}
		consider(end)
		if leading {
			out.prefix = end
			leading = false
		}
		consider(l.best())
		run = []string{""}
		if l.exact != nil { // too many to multiply: start a new run with it
			run = l.exact
		}
	}
	if leading {
		out.exact, out.prefix = run, run
	}
	consider(run)
	return out
}

func unionIfKnown(a, b []string) []string {
	if a == nil || b == nil || len(a)+len(b) > maxLiterals {
		return nil
	}
	return union(a, b)
}

func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
