package samplecorpus

import (
	"fmt"
	"strings"
)

// Edit kinds. Every kind but headline and add-paragraph replaces the one
// occurrence of Before in the body with After; Before never crosses a
// paragraph break.
const (
	// KindHeadline replaces the title: Before is the parent's title, After
	// the copy's.
	KindHeadline = "headline"
	// KindReword replaces a word, phrase or sentence with other words that
	// say much the same (a synonym, a house-style substitution, a
	// sensationalised phrase). After is never empty.
	KindReword = "reword"
	// KindReattribute changes who a statement or quote is credited to
	// (a named official becomes "sources" or "officials", or the outlet):
	// Before holds the old attribution, After the new one.
	KindReattribute = "reattribute"
	// KindCutQuote removes a direct quote: Before is the text removed (a
	// whole paragraph or sentence holding the quote), After what took its
	// place (usually empty; sometimes a paraphrase without quote marks).
	KindCutQuote = "cut-quote"
	// KindRemoveSentence removes one sentence (After is empty). When the
	// sentence was its paragraph, the paragraph goes too.
	KindRemoveSentence = "remove-sentence"
	// KindRemoveParagraph removes a whole paragraph that holds no direct
	// quote (After is empty): how syndicated copies are cut to length.
	KindRemoveParagraph = "remove-paragraph"
	// KindAddParagraph inserts After as a new paragraph at Position (the
	// index it has once inserted, counting from 0, in the body as it is at
	// that step). Before is empty.
	KindAddParagraph = "add-paragraph"
)

// Kinds lists every edit kind.
var Kinds = []string{KindHeadline, KindReword, KindReattribute, KindCutQuote, KindRemoveSentence, KindRemoveParagraph, KindAddParagraph}

// Edit is one change a copy made to the article it was derived from. A
// copy's edits, applied in order to its parent's title and paragraphs with
// Apply, give the copy's title and paragraphs exactly.
type Edit struct {
	Kind   string `json:"kind"`
	Before string `json:"before"`
	After  string `json:"after"`
	// Position is the paragraph index of an add-paragraph edit.
	Position *int `json:"position,omitempty"`
}

// Apply applies one edit to a title and body paragraphs and returns the
// new ones (paras is not modified). It fails when the edit does not fit:
// Before missing or found more than once, a bad position.
func Apply(title string, paras []string, e Edit) (string, []string, error) {
	out := append([]string(nil), paras...)
	switch e.Kind {
	case KindHeadline:
		if title != e.Before {
			return "", nil, fmt.Errorf("headline: title is %q, not %q", title, e.Before)
		}
		if e.After == "" {
			return "", nil, fmt.Errorf("headline: empty new title")
		}
		return e.After, out, nil
	case KindAddParagraph:
		if e.Position == nil || *e.Position < 0 || *e.Position > len(out) {
			return "", nil, fmt.Errorf("add-paragraph: bad position")
		}
		if e.Before != "" || e.After == "" || strings.Contains(e.After, "\n") {
			return "", nil, fmt.Errorf("add-paragraph: want empty before and a one-paragraph after")
		}
		p := *e.Position
		out = append(out[:p], append([]string{e.After}, out[p:]...)...)
		return title, out, nil
	case KindReword, KindReattribute, KindCutQuote, KindRemoveSentence, KindRemoveParagraph:
	default:
		return "", nil, fmt.Errorf("unknown edit kind %q", e.Kind)
	}
	if e.Before == "" {
		return "", nil, fmt.Errorf("%s: empty before", e.Kind)
	}
	if (e.Kind == KindRemoveSentence || e.Kind == KindRemoveParagraph) && e.After != "" {
		return "", nil, fmt.Errorf("%s: after must be empty", e.Kind)
	}
	if e.Kind == KindReword && e.After == "" {
		return "", nil, fmt.Errorf("reword: empty after")
	}
	n, at := 0, -1
	for i, p := range out {
		if c := strings.Count(p, e.Before); c > 0 {
			n += c
			at = i
		}
	}
	if n != 1 {
		return "", nil, fmt.Errorf("%s: %q found %d times", e.Kind, e.Before, n)
	}
	p := out[at]
	i := strings.Index(p, e.Before)
	if e.Kind == KindRemoveParagraph && p != e.Before {
		return "", nil, fmt.Errorf("remove-paragraph: %q is not a whole paragraph", e.Before)
	}
	left, right := p[:i], p[i+len(e.Before):]
	if e.After == "" && strings.HasSuffix(left, " ") && strings.HasPrefix(right, " ") {
		right = right[1:]
	}
	p = strings.TrimSpace(left + e.After + right)
	if p == "" {
		out = append(out[:at], out[at+1:]...)
	} else {
		out[at] = p
	}
	return title, out, nil
}

// ApplyAll applies edits in order.
func ApplyAll(title string, paras []string, edits []Edit) (string, []string, error) {
	for i, e := range edits {
		var err error
		title, paras, err = Apply(title, paras, e)
		if err != nil {
			return "", nil, fmt.Errorf("edit %d: %w", i+1, err)
		}
	}
	return title, paras, nil
}
