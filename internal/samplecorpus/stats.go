package samplecorpus

import (
	"fmt"
	"strings"
)

// Stats are the corpus' counts, as examples/corpus/README.md gives them.
func (c *Corpus) Stats() [][2]string {
	sites := map[string]bool{}
	for _, a := range c.Articles {
		sites[a.Site] = true
	}
	roles := map[string]int{}
	events := map[string]bool{}
	kinds := map[string]int{}
	copiesPerEvent := map[string]int{}
	inEvent, edits, deep, maxDepth := 0, 0, 0, 0
	for _, t := range c.Truth {
		roles[t.Role]++
		if t.Event != nil {
			events[*t.Event] = true
			inEvent++
			if t.Role == RoleCopy {
				copiesPerEvent[*t.Event]++
			}
		}
		for _, e := range t.Edits {
			kinds[e.Kind]++
			edits++
		}
		if t.Role == RoleCopy && t.Depth >= 3 {
			deep++
		}
		maxDepth = max(maxDepth, t.Depth)
	}
	chained := 0
	for _, n := range copiesPerEvent {
		if n >= 2 {
			chained++
		}
	}
	originals := 0
	for _, r := range originalRoles {
		originals += roles[r]
	}
	row := func(k string, v int) [2]string { return [2]string{k, fmt.Sprint(v)} }
	out := [][2]string{
		row("articles", len(c.Articles)),
		row("sites", len(sites)),
		row("events", len(events)),
		row("articles about an event", inEvent),
		row("articles written on their own", originals),
	}
	for _, r := range originalRoles {
		out = append(out, row("— "+r, roles[r]))
	}
	out = append(out,
		row("copies with hand-made edits (copy)", roles[RoleCopy]),
		row("syndicated pick-ups (syndicated)", roles[RoleSyndicated]),
		row("exact duplicates (duplicate)", roles[RoleDuplicate]),
		row("events with two or more hand-edited copies", chained),
		row("copies three or more steps from their root", deep),
		row("longest chain (steps)", maxDepth),
		row("edits", edits),
	)
	for _, k := range Kinds {
		out = append(out, row("— "+k, kinds[k]))
	}
	return out
}

// StatsTable is Stats as Markdown table rows.
func (c *Corpus) StatsTable() string {
	var b strings.Builder
	b.WriteString("| count | n |\n| --- | ---: |\n")
	for _, r := range c.Stats() {
		fmt.Fprintf(&b, "| %s | %s |\n", r[0], r[1])
	}
	return b.String()
}

// EventsTable is the events as Markdown table rows: id, what happened, and
// how many articles report it.
func (c *Corpus) EventsTable() string {
	n := map[string]int{}
	for _, t := range c.Truth {
		if t.Event != nil {
			n[*t.Event]++
		}
	}
	var b strings.Builder
	b.WriteString("| event | what happened | articles |\n| --- | --- | ---: |\n")
	for _, e := range c.Events {
		fmt.Fprintf(&b, "| `%s` | %s | %d |\n", e[0], e[1], n[e[0]])
	}
	return b.String()
}
