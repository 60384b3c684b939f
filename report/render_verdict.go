package report

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// The verdict as people read it: the score and band, the labels, the site's
// own rating, what the score rests on, and the strongest reasons pulling it
// down and up. Text and Markdown open with it; --summary prints only it.

// maxReasons is how many reasons each way the verdict block lists.
const maxReasons = 4

// verdictView is the verdict block's content, before any formatting.
type verdictView struct {
	headline string // "Credibility 34/100 (low)", "Credibility: not judged — why"
	labels   string // empty when there are none
	site     string
	basis    string // empty when there is no credibility
	down, up []Contribution
}

func buildVerdictView(r *Report) verdictView {
	v := verdictView{labels: labelLine(r.Labels), site: siteLine(r)}
	c := r.Credibility
	switch {
	case c == nil:
		v.headline = "Credibility: not judged — no verdict in this report"
		return v
	case c.Abstained || c.Score == nil:
		v.headline = "Credibility: not judged"
		if c.Reason != "" {
			v.headline += " — " + c.Reason
		}
	default:
		band := ""
		if c.Band != nil {
			band = " (" + *c.Band + ")"
		}
		v.headline = fmt.Sprintf("Credibility %d/100%s", *c.Score, band)
	}
	v.basis = basisLine(c.Basis)
	if c.Abstained {
		return v // the contributions of an abstained score mean nothing
	}
	byMagnitude := append([]Contribution(nil), c.Contributions...)
	sort.SliceStable(byMagnitude, func(i, j int) bool { return math.Abs(byMagnitude[i].Points) > math.Abs(byMagnitude[j].Points) })
	for _, ct := range byMagnitude {
		switch {
		case ct.Points < 0 && len(v.down) < maxReasons:
			v.down = append(v.down, ct)
		case ct.Points > 0 && len(v.up) < maxReasons:
			v.up = append(v.up, ct)
		}
	}
	return v
}

// labelOrder is the order labels are shown in: the distribution, then the
// independent ones.
var labelOrder = []string{"reliable", "fake", "satire", "clickbait", "opinion"}

// labelLine is "reliable 20%, fake 75%, satire 5%; clickbait 62%; opinion
// unmeasured (no headline)": the reliable/fake/satire distribution first
// (as one "reliable, fake, satire unmeasured (why)" when all three are
// for one reason), then each independent label.
func labelLine(labels []Label) string {
	if len(labels) == 0 {
		return ""
	}
	ordered := make([]Label, 0, len(labels))
	for _, name := range labelOrder {
		for _, l := range labels {
			if l.Label == name {
				ordered = append(ordered, l)
			}
		}
	}
	for _, l := range labels {
		if !contains(labelOrder, l.Label) {
			ordered = append(ordered, l)
		}
	}
	var dist, other []Label
	for _, l := range ordered {
		if l.Label == "reliable" || l.Label == "fake" || l.Label == "satire" {
			dist = append(dist, l)
		} else {
			other = append(other, l)
		}
	}
	var groups []string
	if len(dist) > 0 {
		allUnmeasured := len(dist) > 1
		for _, l := range dist {
			allUnmeasured = allUnmeasured && l.Probability == nil && l.Reason == dist[0].Reason
		}
		if allUnmeasured {
			names := make([]string, len(dist))
			for i, l := range dist {
				names[i] = l.Label
			}
			groups = append(groups, strings.Join(names, ", ")+" "+unmeasured(dist[0].Reason))
		} else {
			parts := make([]string, len(dist))
			for i, l := range dist {
				parts[i] = labelValue(l)
			}
			groups = append(groups, strings.Join(parts, ", "))
		}
	}
	for _, l := range other {
		groups = append(groups, labelValue(l))
	}
	return strings.Join(groups, "; ")
}

func labelValue(l Label) string {
	if l.Probability == nil {
		return l.Label + " " + unmeasured(l.Reason)
	}
	return l.Label + " " + percent(*l.Probability)
}

func unmeasured(reason string) string {
	if reason == "" {
		return "unmeasured"
	}
	return "unmeasured (" + reason + ")"
}

// percent writes a probability as a whole percentage.
func percent(p float64) string { return fmt.Sprintf("%.0f%%", 100*p) }

// siteLine says what site the article is from and how that site is rated.
func siteLine(r *Report) string {
	name := r.Meta.Site
	rt := r.Meta.Rating
	if rt == nil {
		if name == "" {
			name = "unknown"
		}
		if r.Meta.URL == "" {
			return name + " — no URL, so no rating"
		}
		return name + " — not rated"
	}
	if name == "" || strings.EqualFold(name, rt.Domain) {
		name = rt.Domain
	} else {
		name += " (" + rt.Domain + ")"
	}
	if rt.Level == "unrated" || rt.Level == "" {
		return name + " — not rated"
	}
	s := name + " rated " + rt.Level
	if rt.Explain != "" {
		s += " — " + rt.Explain
	}
	return s
}

var basisWords = map[string]string{
	"text":          "the article's text",
	"site-rating":   "its site's rating",
	"cited-outlets": "the ratings of the outlets it relies on",
}

func basisLine(basis []string) string {
	parts := make([]string, len(basis))
	for i, b := range basis {
		parts[i] = basisWords[b]
		if parts[i] == "" {
			parts[i] = b
		}
	}
	return strings.Join(parts, ", ")
}

// formatPoints writes signed points with one decimal: "−8.2", "+3.0".
func formatPoints(p float64) string {
	if p < 0 {
		return fmt.Sprintf("−%.1f", -p)
	}
	return fmt.Sprintf("+%.1f", p)
}

// contributionEvidence is what a contribution rests on, briefly: the first
// two evidence texts in quotes, the sources of the first two attributions,
// the first two ratings' domains and levels; "…" when there is more.
func contributionEvidence(r *Report, ct Contribution) []string {
	var out []string
	more := false
	seen := map[string]bool{}
	add := func(s string, n *int) {
		if seen[s] {
			return
		}
		if *n == 2 {
			more = true
			return
		}
		seen[s] = true
		out = append(out, s)
		*n++
	}
	n := 0
	for _, e := range ct.Evidence {
		add("“"+clip(e.Text, 40)+"”", &n)
	}
	n = 0
	for _, i := range ct.Attributions {
		if i < 0 || i >= len(r.Attributions) {
			continue
		}
		src := r.Attributions[i].Source
		name := src.Name
		if src.Type == "none" {
			name = "unattributed"
		} else if name == "" {
			name = src.Type
		}
		add(name, &n)
	}
	n = 0
	for _, rt := range ct.Ratings {
		add(rt.Domain+" ("+rt.Level+")", &n)
	}
	if more {
		out = append(out, "…")
	}
	return out
}

// reasonLine is a contribution in plain words: its description and what
// it rests on.
func reasonLine(r *Report, ct Contribution) string {
	s := ct.Description
	if s == "" {
		s = ct.Factor
	}
	if ev := contributionEvidence(r, ct); len(ev) > 0 {
		s += ": " + strings.Join(ev, ", ")
	}
	return s
}

// writeVerdictText writes the verdict block for a terminal.
func writeVerdictText(b *strings.Builder, r *Report, c palette) {
	v := buildVerdictView(r)
	fmt.Fprintf(b, "%s%s%s\n", c.bold, v.headline, c.reset)
	if v.labels != "" {
		fmt.Fprintf(b, "  Labels: %s\n", v.labels)
	}
	fmt.Fprintf(b, "  Site: %s\n", v.site)
	if v.basis != "" {
		fmt.Fprintf(b, "  Based on: %s\n", v.basis)
	}
	for _, side := range []struct {
		title string
		items []Contribution
		col   string
	}{{"Pulling the score down", v.down, c.red}, {"Pulling the score up", v.up, c.cyan}} {
		if len(side.items) == 0 {
			continue
		}
		fmt.Fprintf(b, "  %s:\n", side.title)
		for _, ct := range side.items {
			fmt.Fprintf(b, "    %s%5s%s  %s\n", side.col, formatPoints(ct.Points), c.reset, reasonLine(r, ct))
		}
	}
}

// writeVerdictMarkdown writes the verdict block as Markdown, under a
// "## Verdict" heading.
func writeVerdictMarkdown(b *strings.Builder, r *Report) {
	v := buildVerdictView(r)
	fmt.Fprintf(b, "## Verdict\n\n**%s**\n\n", mdEscape(v.headline))
	if v.labels != "" {
		fmt.Fprintf(b, "- Labels: %s\n", mdEscape(v.labels))
	}
	fmt.Fprintf(b, "- Site: %s\n", mdEscape(v.site))
	if v.basis != "" {
		fmt.Fprintf(b, "- Based on: %s\n", mdEscape(v.basis))
	}
	b.WriteString("\n")
	for _, side := range []struct {
		title string
		items []Contribution
	}{{"Pulling the score down", v.down}, {"Pulling the score up", v.up}} {
		if len(side.items) == 0 {
			continue
		}
		fmt.Fprintf(b, "%s:\n\n", side.title)
		for _, ct := range side.items {
			fmt.Fprintf(b, "- **%s** %s\n", formatPoints(ct.Points), mdEscape(reasonLine(r, ct)))
		}
		b.WriteString("\n")
	}
}

// writeVerdictDetailsMarkdown writes the contributions table, the labels
// and the site's rating in full.
func writeVerdictDetailsMarkdown(b *strings.Builder, r *Report) {
	if c := r.Credibility; c != nil && len(c.Contributions) > 0 {
		b.WriteString("### Contributions\n\n")
		if c.Abstained {
			b.WriteString("The verdict abstained: these factors did not make a score.\n\n")
		}
		fmt.Fprintf(b, "Baseline %s; the points add up to the score.\n\n", trimFloat(c.Baseline))
		b.WriteString("| factor | value | points | evidence |\n|---|---|---|---|\n")
		for _, ct := range c.Contributions {
			desc := ct.Factor
			if ct.Description != "" {
				desc = ct.Factor + ": " + ct.Description
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mdCell(desc), mdCell(formatValue(ct.Value, ct.Unit)),
				formatPoints(ct.Points), mdCell(strings.Join(contributionEvidence(r, ct), ", ")))
		}
		b.WriteString("\n")
	}
	if len(r.Labels) > 0 {
		b.WriteString("### Labels\n\n| label | probability | note |\n|---|---|---|\n")
		for _, l := range r.Labels {
			p := "unmeasured"
			if l.Probability != nil {
				p = percent(*l.Probability)
			}
			fmt.Fprintf(b, "| %s | %s | %s |\n", mdCell(l.Label), p, mdCell(l.Reason))
		}
		b.WriteString("\n")
	}
	if rt := r.Meta.Rating; rt != nil {
		b.WriteString("### Site rating\n\n")
		fmt.Fprintf(b, "- Domain: %s\n- Level: %s\n", mdEscape(rt.Domain), mdEscape(rt.Level))
		if rt.PC1 != nil {
			fmt.Fprintf(b, "- pc1: %s\n", trimFloat(*rt.PC1))
		}
		if rt.MBFCFactuality != "" || rt.MBFCBias != "" {
			fmt.Fprintf(b, "- MBFC: factuality %s, bias %s\n", mdEscape(orNone(rt.MBFCFactuality)), mdEscape(orNone(rt.MBFCBias)))
		}
		if len(rt.OpenSources) > 0 {
			fmt.Fprintf(b, "- OpenSources: %s\n", mdEscape(strings.Join(rt.OpenSources, ", ")))
		}
		if len(rt.FakeNewsCorpus) > 0 {
			fmt.Fprintf(b, "- FakeNewsCorpus: %s\n", mdEscape(strings.Join(rt.FakeNewsCorpus, ", ")))
		}
		if len(rt.Datasets) > 0 {
			fmt.Fprintf(b, "- Datasets: %s\n", mdEscape(strings.Join(rt.Datasets, ", ")))
		}
		if rt.Explain != "" {
			fmt.Fprintf(b, "- Why: %s\n", mdEscape(rt.Explain))
		}
		b.WriteString("\n")
	}
}

func orNone(s string) string {
	if s == "" {
		return "none given"
	}
	return s
}

// trimFloat writes a number with at most three significant decimals.
func trimFloat(f float64) string { return fmt.Sprintf("%.4g", f) }

// hasVerdict reports whether a full rendering shows the verdict block:
// when the report has a verdict, or at least the site's rating.
func hasVerdict(r *Report) bool {
	return r.Credibility != nil || len(r.Labels) > 0 || r.Meta.Rating != nil
}

// WriteSummaryText writes only the headline and the verdict block, for a
// terminal (credence analyze --summary --format text).
func WriteSummaryText(w io.Writer, r *Report, o TextOptions) error {
	c := colors(o.Color)
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s%s\n", c.bold, titleOf(r), c.reset)
	if line := metaLine(r); line != "" {
		fmt.Fprintf(&b, "%s%s%s\n", c.dim, line, c.reset)
	}
	b.WriteByte('\n')
	writeVerdictText(&b, r, c)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteSummaryMarkdown writes only the headline and the verdict block as
// Markdown (credence analyze --summary --format markdown).
func WriteSummaryMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(titleOf(r)))
	if line := metaLine(r); line != "" {
		fmt.Fprintf(&b, "_%s_\n\n", mdEscape(line))
	}
	writeVerdictMarkdown(&b, r)
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// Summary is the verdict part of a report (credence analyze --summary
// with JSON): the schema id, the input, the metadata (with the site's
// rating), the labels and the credibility, each as in the full report.
type Summary struct {
	Schema      string       `json:"schema"`
	Input       InputInfo    `json:"input"`
	Meta        Meta         `json:"meta"`
	Labels      []Label      `json:"labels"`
	Credibility *Credibility `json:"credibility"`
}

// Summary returns the verdict part of the report.
func (r *Report) Summary() *Summary {
	labels := r.Labels
	if labels == nil {
		labels = []Label{}
	}
	return &Summary{Schema: r.Schema, Input: r.Input, Meta: r.Meta, Labels: labels, Credibility: r.Credibility}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
