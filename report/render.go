package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// TextOptions control the terminal rendering.
type TextOptions struct {
	Color bool // ANSI colours (only when writing to a terminal)
	Width int  // wrap width; 0 means 80
}

type palette struct{ bold, dim, red, yellow, cyan, reset string }

func colors(on bool) palette {
	if !on {
		return palette{}
	}
	return palette{"\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[0m"}
}

// WriteText renders the report for a terminal: the header, the verdict,
// the cleaned article with each removal shown where it stood, the
// quotes, sourcing, signals, claims and entities, and a summary.
func WriteText(w io.Writer, r *Report, o TextOptions) error {
	c := colors(o.Color)
	width := o.Width
	if width <= 0 {
		width = 80
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s%s\n", c.bold, titleOf(r), c.reset)
	if line := metaLine(r); line != "" {
		fmt.Fprintf(&b, "%s%s%s\n", c.dim, line, c.reset)
	}
	fmt.Fprintf(&b, "%s%s input, %d bytes · %d paragraphs · %d sentences · %d words · %d removed%s\n",
		c.dim, r.Input.Kind, r.Input.Bytes, r.Stats.Paragraphs, r.Stats.Sentences, r.Stats.Words, r.Stats.Removed, c.reset)
	// Warnings come first: they say how far to read what follows (an
	// article in another language has no entities, sourcing or claims).
	for _, wn := range r.Warnings {
		fmt.Fprintf(&b, "%swarning:%s %s\n", c.yellow, c.reset, wn)
	}
	b.WriteByte('\n')
	// The verdict opens the report; the details follow.
	if hasVerdict(r) {
		writeVerdictText(&b, r, c)
		b.WriteByte('\n')
	}

	runes := []rune(r.Text)
	rm := sortedRemovals(r)
	k := 0
	for _, p := range r.Paragraphs {
		for k < len(rm) && rm[k].At <= p.Start {
			fmt.Fprintf(&b, "  %s✂ %-15s %s%s\n\n", c.red, rm[k].Reason, clip(rm[k].Text, width-20), c.reset)
			k++
		}
		var para strings.Builder
		pos := p.Start
		for k < len(rm) && rm[k].At < p.End {
			para.WriteString(string(runes[pos:rm[k].At]))
			fmt.Fprintf(&para, "%s⟦✂ %s: %s⟧%s", c.red, rm[k].Reason, clip(rm[k].Text, 40), c.reset)
			pos = rm[k].At
			k++
		}
		para.WriteString(string(runes[pos:p.End]))
		wrap(&b, para.String(), width, "  ")
		b.WriteByte('\n')
	}
	for ; k < len(rm); k++ {
		fmt.Fprintf(&b, "  %s✂ %-15s %s%s\n\n", c.red, rm[k].Reason, clip(rm[k].Text, width-20), c.reset)
	}
	writeSourcing(&b, r, c, width)
	writeSignals(&b, r, c, width)
	writeClaims(&b, r, c, width)
	for _, g := range entityGroups(r) {
		fmt.Fprintf(&b, "%s%s%s\n", c.bold, g.title, c.reset)
		for _, e := range g.items {
			fmt.Fprintf(&b, "  %s%s%s\n", c.cyan, e.name, c.reset+e.detail())
		}
		b.WriteByte('\n')
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(&b, "%sRemoved:%s %s\n", c.bold, c.reset, reasonSummary(r))
	} else {
		fmt.Fprintf(&b, "%sRemoved:%s nothing\n", c.bold, c.reset)
	}
	if n := r.Stats.Normalized; n.Spaces+n.Invisible > 0 {
		fmt.Fprintf(&b, "%sNormalised:%s %d Unicode spaces, %d invisible characters\n", c.bold, c.reset, n.Spaces, n.Invisible)
	}
	if e := r.Engine; e != nil {
		fmt.Fprintf(&b, "%sEngine:%s credence %s, fingerprint %s (%d data files; credence data list)\n", c.dim, c.reset, e.Version, e.Fingerprint, len(e.Data))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func titleOf(r *Report) string {
	if r.Meta.Title == "" {
		return "(no title)"
	}
	return r.Meta.Title
}

func metaLine(r *Report) string {
	var parts []string
	if r.Meta.Site != "" {
		parts = append(parts, r.Meta.Site)
	}
	if len(r.Meta.Authors) > 0 {
		parts = append(parts, "by "+strings.Join(r.Meta.Authors, ", "))
	}
	if r.Meta.Published != "" {
		parts = append(parts, r.Meta.Published)
	}
	if r.Meta.Language != "" {
		parts = append(parts, "language "+r.Meta.Language)
	}
	if r.Meta.URL != "" {
		parts = append(parts, r.Meta.URL)
	}
	return strings.Join(parts, " · ")
}

func sortedRemovals(r *Report) []Removal {
	rm := append([]Removal(nil), r.Removed...)
	sort.SliceStable(rm, func(i, j int) bool { return rm[i].At < rm[j].At })
	return rm
}

func reasonSummary(r *Report) string {
	counts := map[string]int{}
	var order []string
	for _, rm := range r.Removed {
		if counts[rm.Reason] == 0 {
			order = append(order, rm.Reason)
		}
		counts[rm.Reason]++
	}
	parts := make([]string, len(order))
	for i, reason := range order {
		parts[i] = fmt.Sprintf("%d %s", counts[reason], reason)
	}
	return strings.Join(parts, ", ")
}

// clip shortens s to at most n runes on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if n < 10 {
		n = 10
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// wrap writes s word-wrapped to width, each line prefixed by indent. Escape
// sequences are not counted, so coloured markers do not skew the width.
func wrap(b *strings.Builder, s string, width int, indent string) {
	line := 0
	b.WriteString(indent)
	for i, word := range strings.Fields(s) {
		n := visibleLen(word)
		if i > 0 {
			if line+1+n > width-len(indent) {
				b.WriteString("\n" + indent)
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(word)
		line += n
	}
	b.WriteByte('\n')
}

func visibleLen(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			if r == 'm' {
				esc = false
			}
		default:
			n++
		}
	}
	return n
}

// entityGroup is one kind of entity in the rendered summary.
type entityGroup struct {
	title string
	items []*entitySummary
}

// entitySummary is one entity (all mentions with one canonical name).
type entitySummary struct {
	name, role, affiliation, outlet string
	mentions                        int
}

func (e *entitySummary) detail() string {
	var parts []string
	if e.role != "" {
		r := e.role
		if e.affiliation != "" {
			r += ", " + e.affiliation
		}
		parts = append(parts, r)
	} else if e.affiliation != "" {
		parts = append(parts, e.affiliation)
	}
	if e.outlet != "" {
		parts = append(parts, e.outlet)
	}
	s := ""
	if len(parts) > 0 {
		s = " — " + strings.Join(parts, "; ")
	}
	if e.mentions > 1 {
		s += fmt.Sprintf(" (%d mentions)", e.mentions)
	}
	return s
}

// entityGroupOrder names the entity types shown in summaries, in order.
var entityGroupOrder = []struct{ typ, title string }{
	{"PERSON", "People"},
	{"ORG", "Organisations"},
	{"MEDIA", "News outlets"},
	{"LOC", "Places"},
	{"NORP", "Nationalities and groups"},
	{"MISC", "Other names"},
}

// entityGroups merges mentions by canonical name, in order of first mention.
func entityGroups(r *Report) []entityGroup {
	var out []entityGroup
	for _, g := range entityGroupOrder {
		byName := map[string]*entitySummary{}
		var items []*entitySummary
		for _, e := range r.Entities {
			if e.Type != g.typ {
				continue
			}
			s, ok := byName[e.Canonical]
			if !ok {
				s = &entitySummary{name: e.Canonical}
				byName[e.Canonical] = s
				items = append(items, s)
			}
			s.mentions++
			if s.role == "" && e.Role != "" {
				s.role, s.affiliation = e.Role, e.Affiliation
			}
			if s.outlet == "" {
				s.outlet = e.Outlet
			}
		}
		if len(items) > 0 {
			out = append(out, entityGroup{g.title, items})
		}
	}
	return out
}

// writeSourcing lists who said what and where the information comes from.
func writeSourcing(b *strings.Builder, r *Report, c palette, width int) {
	var said []Quote
	for _, q := range r.Quotes {
		if q.Kind != "scare" {
			said = append(said, q)
		}
	}
	if len(said) > 0 {
		fmt.Fprintf(b, "%sQuotes%s\n", c.bold, c.reset)
		for _, q := range said {
			who := c.yellow + "speaker unknown" + c.reset
			if q.Speaker != nil {
				who = c.cyan + sourceLabel(q.Speaker) + c.reset
			}
			fmt.Fprintf(b, "  %s [%s]: “%s”\n", who, q.Kind, clip(q.Text, width-30))
		}
		b.WriteByte('\n')
	}
	var scare []string
	for _, q := range r.Quotes {
		if q.Kind == "scare" {
			scare = append(scare, "‘"+q.Text+"’")
		}
	}
	if len(scare) > 0 {
		fmt.Fprintf(b, "%sScare quotes:%s %s\n\n", c.bold, c.reset, strings.Join(scare, ", "))
	}
	if len(r.Attributions) > 0 {
		fmt.Fprintf(b, "%sSourcing%s", c.bold, c.reset)
		if sum := sourcingSummary(r); sum != "" {
			b.WriteString(" — " + sum)
		}
		b.WriteString("\n")
		for i, at := range r.Attributions {
			if at.Quote >= 0 {
				continue // shown with the quotes
			}
			cue := ""
			if at.Cue != nil {
				cue = at.Cue.Text
			}
			src := sourceLabel(&at.Source)
			col := c.cyan
			if at.Source.Type == "none" {
				src, col = "unattributed", c.yellow
			}
			via := ""
			if at.Via >= 0 && at.Via < len(r.Attributions) {
				via = fmt.Sprintf(" %s(via %s)%s", c.dim, sourceLabel(&r.Attributions[at.Via].Source), c.reset)
			}
			fmt.Fprintf(b, "  %2d. %s%s%s%s · %q: %s\n", i+1, col, src, c.reset, via, cue, clip(at.Content.Text, width-40))
		}
		b.WriteByte('\n')
	}
}

// sourcingSummary counts the statements by kind of source, from the
// sourcing signal's breakdown; empty when there is no such signal.
func sourcingSummary(r *Report) string {
	for _, sg := range r.Signals {
		if sg.ID != "sourcing" || sg.Unmeasured {
			continue
		}
		bd := sg.Breakdown
		noun := "statements"
		if bd["statements"] == 1 {
			noun = "statement"
		}
		return fmt.Sprintf("%.0f %s: %.0f named first-hand, %.0f from other outlets, %.0f second-hand, %.0f anonymous, %.0f vague, %.0f unattributed; %.0f%% of sentences attributed",
			bd["statements"], noun, bd["named"], bd["outlet"], bd["second-hand"], bd["anonymous"], bd["vague"], bd["unattributed"], 100*bd["attributed_sentence_share"])
	}
	return ""
}

// sourceLabel is a one-line description of a source.
func sourceLabel(s *Source) string {
	name := s.Name
	if name == "" {
		name = "(unnamed)"
	}
	var extra []string
	if s.Role != "" {
		r := s.Role
		if s.Affiliation != "" {
			r += ", " + s.Affiliation
		}
		extra = append(extra, r)
	}
	extra = append(extra, s.Type)
	if s.Resolved == "pronoun" || s.Resolved == "role" || s.Resolved == "continuation" {
		extra = append(extra, "via "+s.Resolved)
	}
	if s.Outlet != "" {
		o := s.Outlet
		if s.Rating != nil {
			o += " rated " + s.Rating.Level
		}
		if len(s.Candidates) > 1 && s.OutletBasis != "" {
			o += " by " + s.OutletBasis + ", of " + candidateList(s)
		}
		extra = append(extra, o)
	} else if len(s.Candidates) > 0 {
		extra = append(extra, "ambiguous: "+candidateList(s))
	}
	return name + " (" + strings.Join(extra, "; ") + ")"
}

// writeClaims lists the most check-worthy claims with how they are made.
func writeClaims(b *strings.Builder, r *Report, c palette, width int) {
	if len(r.Claims) == 0 {
		return
	}
	fmt.Fprintf(b, "%sCheck-worthy claims%s\n", c.bold, c.reset)
	for i, cl := range r.Claims {
		if i == 8 {
			fmt.Fprintf(b, "  … %d more\n", len(r.Claims)-i)
			break
		}
		how := cl.Mode
		if cl.Attribution >= 0 && cl.Attribution < len(r.Attributions) {
			how += " to " + r.Attributions[cl.Attribution].Source.Name
		}
		if cl.In == "title" {
			how = "headline, " + how
		}
		fmt.Fprintf(b, "  %.2f %s[%s]%s %s\n", cl.Checkworthiness, c.dim, how, c.reset, clip(cl.Text, width-24))
	}
	b.WriteByte('\n')
}

// candidateList names an ambiguous outlet's candidates with the ratings of
// the rated ones: "dailystar.co.uk (mixed) or thedailystar.net".
func candidateList(s *Source) string {
	parts := make([]string, len(s.Candidates))
	for i, d := range s.Candidates {
		parts[i] = d
		for _, r := range s.CandidateRatings {
			if r.Domain == d {
				parts[i] += " (" + r.Level + ")"
			}
		}
	}
	return strings.Join(parts, " or ")
}
