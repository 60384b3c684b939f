package genre

import (
	"fmt"
	"strings"

	"github.com/credence-news/credence/doc"
)

// Near describes the kinds x scores points for, fired cues with their
// counts, for logging near misses: "press release 4 (ticker×1 announce×1)".
func (d *Detector) Near(x *doc.Document, least int) string {
	hs := d.scan(x)
	points, _ := d.points(hs)
	var out []string
	for k, kd := range d.kinds {
		if points[k] < least {
			continue
		}
		var cs []string
		for i, c := range d.cues {
			if c.kind == k && hs[i].n >= c.min {
				cs = append(cs, fmt.Sprintf("%s×%d", c.name, hs[i].n))
			}
		}
		out = append(out, fmt.Sprintf("%s %d (%s)", kd.name, points[k], strings.Join(cs, " ")))
	}
	return strings.Join(out, "; ")
}
