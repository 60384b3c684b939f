package report

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// The signals as people read them: the most unusual first, each with the
// way it departs from reliable reporting and the way it moved the score;
// the signals that found nothing and those that could not be measured are
// summed up in a line each.

// signalView is the signals section's content, before any formatting.
type signalView struct {
	rows       []signalRow
	none       string // "scare quotes, asides": signals whose value is 0
	unmeasured string // "clickbait, satire headline (no headline)"
}

type signalRow struct {
	id        string
	value     string   // "12.5 per 1,000 words"
	direction string   // "higher than 93% of reliable reporting", "no reference"
	unusual   bool     // within 10 points of either end
	effect    string   // "pulls the score down 4.1", or empty
	evidence  []string // quoted texts, distinct, at most six
}

func buildSignalView(r *Report) signalView {
	var v signalView
	points := map[string]float64{}
	if c := r.Credibility; c != nil && !c.Abstained {
		for _, ct := range c.Contributions {
			points[ct.Factor] += ct.Points
		}
	}
	var ranked, noRef []Signal
	var none []string
	var notes []string
	byNote := map[string][]string{}
	for _, sg := range r.Signals {
		switch {
		case sg.Unmeasured:
			if _, ok := byNote[sg.Note]; !ok {
				notes = append(notes, sg.Note)
			}
			byNote[sg.Note] = append(byNote[sg.Note], signalWords(sg.ID))
		case sg.Value == 0:
			none = append(none, signalWords(sg.ID))
		case sg.Percentile == nil:
			noRef = append(noRef, sg)
		default:
			ranked = append(ranked, sg)
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool {
		return math.Abs(*ranked[i].Percentile-50) > math.Abs(*ranked[j].Percentile-50)
	})
	for _, sg := range append(ranked, noRef...) {
		row := signalRow{id: sg.ID, value: formatValue(sg.Value, sg.Unit), direction: "no reference"}
		if sg.Percentile != nil {
			row.direction = direction(*sg.Percentile)
			row.unusual = math.Abs(*sg.Percentile-50) >= 40
		}
		if p := math.Round(points[sg.ID]*10) / 10; p < 0 {
			row.effect = fmt.Sprintf("pulls the score down %.1f", -p)
		} else if p > 0 {
			row.effect = fmt.Sprintf("pulls the score up %.1f", p)
		}
		if sg.ID != "specificity" && sg.ID != "sourcing" {
			seen := map[string]bool{}
			for _, e := range sg.Evidence {
				t := strings.ToLower(e.Text)
				if !seen[t] && len(row.evidence) < 6 {
					seen[t] = true
					row.evidence = append(row.evidence, "“"+e.Text+"”")
				}
			}
		}
		v.rows = append(v.rows, row)
	}
	v.none = strings.Join(none, ", ")
	groups := make([]string, len(notes))
	for i, note := range notes {
		names := byNote[note]
		g := strings.Join(names, ", ")
		if len(names) >= 4 {
			g = fmt.Sprintf("%d signals", len(names))
		}
		if note != "" {
			g += " (" + note + ")"
		}
		groups[i] = g
	}
	v.unmeasured = strings.Join(groups, "; ")
	return v
}

// signalWords is a signal id in words: "scare-quotes" is "scare quotes".
func signalWords(id string) string { return strings.ReplaceAll(id, "-", " ") }

// direction says where a percentile among reliable reporting stands:
// "higher than 97% of reliable reporting", "lower than 90% of reliable
// reporting".
func direction(p float64) string {
	n := int(math.Round(p))
	switch {
	case n >= 100:
		return "higher than all reliable reporting"
	case n <= 0:
		return "lower than all reliable reporting"
	case n > 50:
		return fmt.Sprintf("higher than %d%% of reliable reporting", n)
	case n < 50:
		return fmt.Sprintf("lower than %d%% of reliable reporting", 100-n)
	}
	return "typical of reliable reporting"
}

// formatValue writes a value in its unit: "12.5 per 1,000 words", "24%",
// "grade 11.8", "3".
func formatValue(v float64, unit string) string {
	val := fmt.Sprintf("%.3g", v)
	switch unit {
	case "per-1000-words":
		return val + " per 1,000 words"
	case "share":
		return fmt.Sprintf("%.0f%%", 100*v)
	case "grade":
		return "grade " + val
	}
	return val
}

// writeSignals shows how the article is written: the most unusual signals
// first, with their direction, their effect on the score and the words
// behind them.
func writeSignals(b *strings.Builder, r *Report, c palette, width int) {
	v := buildSignalView(r)
	if len(v.rows) == 0 && v.none == "" && v.unmeasured == "" {
		return
	}
	fmt.Fprintf(b, "%sHow it is written%s (most unusual first)\n", c.bold, c.reset)
	for _, row := range v.rows {
		col := ""
		if row.unusual {
			col = c.yellow
		}
		line := fmt.Sprintf("  %-19s %s — %s%s%s", row.id, row.value, col, row.direction, c.reset)
		if row.effect != "" {
			line += "; " + row.effect
		}
		if len(row.evidence) > 0 {
			line += ": " + clip(strings.Join(row.evidence, ", "), max(width-visibleLen(line)-2, 30))
		}
		b.WriteString(line + "\n")
	}
	if v.none != "" {
		fmt.Fprintf(b, "  None found: %s\n", v.none)
	}
	if v.unmeasured != "" {
		fmt.Fprintf(b, "  %sNot measured: %s%s\n", c.dim, v.unmeasured, c.reset)
	}
	b.WriteByte('\n')
}

// writeSignalsMarkdown is writeSignals as a Markdown table.
func writeSignalsMarkdown(b *strings.Builder, r *Report) {
	v := buildSignalView(r)
	if len(v.rows) == 0 && v.none == "" && v.unmeasured == "" {
		return
	}
	b.WriteString("## How it is written\n\n")
	if len(v.rows) > 0 {
		b.WriteString("Most unusual first.\n\n| signal | value | among reliable reporting | effect on the score | evidence |\n|---|---|---|---|---|\n")
		for _, row := range v.rows {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mdCell(row.id), mdCell(row.value), mdCell(row.direction),
				mdCell(row.effect), mdCell(clip(strings.Join(row.evidence, ", "), 200)))
		}
		b.WriteString("\n")
	}
	if v.none != "" {
		fmt.Fprintf(b, "None found: %s\n\n", mdEscape(v.none))
	}
	if v.unmeasured != "" {
		fmt.Fprintf(b, "Not measured: %s\n\n", mdEscape(v.unmeasured))
	}
}
