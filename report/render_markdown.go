package report

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown renders the whole report as a Markdown document: the
// header, warnings, the verdict (with the contributions, labels and the
// site's rating in full), the article and what was removed from it, the
// entities, quotes, sourcing, signals and claims, and the engine. Text
// taken from the article is escaped, in tables "|" too.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(titleOf(r)))
	if line := metaLine(r); line != "" {
		fmt.Fprintf(&b, "_%s_\n\n", mdEscape(line))
	}
	fmt.Fprintf(&b, "%s input, %d bytes · %d paragraphs · %d sentences · %d words · %d removed\n\n",
		r.Input.Kind, r.Input.Bytes, r.Stats.Paragraphs, r.Stats.Sentences, r.Stats.Words, r.Stats.Removed)
	if len(r.Warnings) > 0 {
		b.WriteString("## Warnings\n\n")
		for _, wn := range r.Warnings {
			fmt.Fprintf(&b, "- %s\n", mdEscape(wn))
		}
		b.WriteString("\n")
	}
	if hasVerdict(r) {
		writeVerdictMarkdown(&b, r)
		writeVerdictDetailsMarkdown(&b, r)
	}
	b.WriteString("## Article\n\n")
	runes := []rune(r.Text)
	for _, p := range r.Paragraphs {
		fmt.Fprintf(&b, "%s\n\n", mdBlock(string(runes[p.Start:p.End])))
	}
	b.WriteString("## Removed\n\n")
	if len(r.Removed) == 0 {
		b.WriteString("Nothing was removed.\n\n")
	} else {
		b.WriteString("| reason | rule | text |\n|---|---|---|\n")
		for _, rm := range r.Removed {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", rm.Reason, mdCell(rm.Rule), mdCell(clip(rm.Text, 200)))
		}
		b.WriteString("\n")
	}
	for _, g := range entityGroups(r) {
		fmt.Fprintf(&b, "## %s\n\n", g.title)
		for _, e := range g.items {
			fmt.Fprintf(&b, "- **%s**%s\n", mdEscape(e.name), mdEscape(e.detail()))
		}
		b.WriteString("\n")
	}
	writeQuotesMarkdown(&b, r)
	writeSourcingMarkdown(&b, r)
	writeSignalsMarkdown(&b, r)
	writeClaimsMarkdown(&b, r)
	if e := r.Engine; e != nil {
		fmt.Fprintf(&b, "_credence %s, engine fingerprint `%s` (%d data files)._\n", mdEscape(e.Version), e.Fingerprint, len(e.Data))
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// writeQuotesMarkdown lists the quotations with their speakers, and the
// scare quotes in a line.
func writeQuotesMarkdown(b *strings.Builder, r *Report) {
	var scare []string
	n := 0
	for _, q := range r.Quotes {
		if q.Kind == "scare" {
			scare = append(scare, "‘"+q.Text+"’")
			continue
		}
		if n == 0 {
			b.WriteString("## Quotes\n\n| speaker | kind | cue | quote |\n|---|---|---|---|\n")
		}
		n++
		who := "speaker unknown"
		if q.Speaker != nil {
			who = sourceLabel(q.Speaker)
		}
		cue := ""
		if q.Cue != nil {
			cue = q.Cue.Text
		}
		fmt.Fprintf(b, "| %s | %s | %s | “%s” |\n", mdCell(who), q.Kind, mdCell(cue), mdCell(clip(q.Text, 300)))
	}
	if n > 0 {
		b.WriteString("\n")
	}
	if len(scare) > 0 {
		fmt.Fprintf(b, "Scare quotes: %s\n\n", mdEscape(strings.Join(scare, ", ")))
	}
}

// writeSourcingMarkdown lists every attribution: its source, the source's
// type, the cue, the outlet's rating, the attribution it is known through,
// and what is attributed.
func writeSourcingMarkdown(b *strings.Builder, r *Report) {
	if len(r.Attributions) == 0 {
		return
	}
	b.WriteString("## Sourcing\n\n")
	if sum := sourcingSummary(r); sum != "" {
		fmt.Fprintf(b, "%s.\n\n", mdEscape(sum))
	}
	b.WriteString("| # | source | type | cue | outlet rating | via | statement |\n|---|---|---|---|---|---|---|\n")
	for i, at := range r.Attributions {
		s := at.Source
		name := s.Name
		switch {
		case s.Type == "none":
			name = "unattributed"
		case name == "":
			name = "(unnamed)"
		}
		if s.Role != "" {
			role := s.Role
			if s.Affiliation != "" {
				role += ", " + s.Affiliation
			}
			name += " (" + role + ")"
		}
		cue := ""
		if at.Cue != nil {
			cue = at.Cue.Text
		}
		rating := ""
		switch {
		case s.Rating != nil:
			rating = s.Rating.Domain + " (" + s.Rating.Level + ")"
		case s.Outlet != "":
			rating = s.Outlet + " (unrated)"
		case len(s.Candidates) > 0:
			rating = "ambiguous: " + candidateList(&s)
		}
		if s.Outlet != "" && len(s.Candidates) > 1 && s.OutletBasis != "" {
			rating += "; by " + s.OutletBasis + ", of " + candidateList(&s)
		}
		via := ""
		if at.Via >= 0 && at.Via < len(r.Attributions) {
			via = fmt.Sprintf("%d. %s", at.Via+1, r.Attributions[at.Via].Source.Name)
		}
		fmt.Fprintf(b, "| %d | %s | %s | %s | %s | %s | %s |\n", i+1, mdCell(name), s.Type, mdCell(cue), mdCell(rating), mdCell(via), mdCell(clip(at.Content.Text, 200)))
	}
	b.WriteString("\n")
}

// writeClaimsMarkdown lists every check-worthy claim with how it is made.
func writeClaimsMarkdown(b *strings.Builder, r *Report) {
	if len(r.Claims) == 0 {
		return
	}
	b.WriteString("## Check-worthy claims\n\n| checkworthiness | mode | claim |\n|---|---|---|\n")
	for _, cl := range r.Claims {
		how := cl.Mode
		if cl.Attribution >= 0 && cl.Attribution < len(r.Attributions) {
			how += " to " + r.Attributions[cl.Attribution].Source.Name
		}
		if cl.In == "title" {
			how = "headline, " + how
		}
		fmt.Fprintf(b, "| %.2f | %s | %s |\n", cl.Checkworthiness, mdCell(how), mdCell(clip(cl.Text, 300)))
	}
	b.WriteString("\n")
}

var mdReplacer = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`)

// mdEscape escapes the characters that would make inline Markdown of
// plain text.
func mdEscape(s string) string { return mdReplacer.Replace(s) }

// mdCell is text for a table cell: escaped, "|" too, on one line.
func mdCell(s string) string {
	return strings.ReplaceAll(mdEscape(strings.Join(strings.Fields(s), " ")), "|", `\|`)
}

// mdBlock escapes a paragraph of text, and what would make it a list
// item, a numbered item or a heading underline at its start.
func mdBlock(s string) string {
	s = mdEscape(s)
	switch {
	case strings.HasPrefix(s, "- "), strings.HasPrefix(s, "+ "), strings.HasPrefix(s, "="), strings.HasPrefix(s, "---"):
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return s[:i] + `\` + s[i:]
	}
	return s
}
