package signals

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/credence-news/credence/doc"
)

// reference.tsv holds, for each signal, its values on the reliable
// articles of the shared training set, sorted: the distribution the report
// places an article in ("hedging: 97th percentile of reliable reporting").
// It is written by `credence train signals`.
//
//go:embed data/reference.tsv
var referenceTSV string

// ParseReference reads a reference file: "# comments", then one line per
// signal: id, TAB, comma-separated sorted values.
func ParseReference(data string) (map[string][]float64, error) {
	out := map[string][]float64{}
	for i, line := range strings.Split(data, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		id, vals, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("reference line %d: want id<TAB>values", i+1)
		}
		var xs []float64
		for _, f := range strings.Split(vals, ",") {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return nil, fmt.Errorf("reference line %d: %v", i+1, err)
			}
			xs = append(xs, x)
		}
		if !sort.Float64sAreSorted(xs) {
			return nil, fmt.Errorf("reference line %d: values are not sorted", i+1)
		}
		out[id] = xs
	}
	return out, nil
}

// BuildReference writes a reference file from each signal's values.
func BuildReference(values map[string][]float64, source string) []byte {
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	fmt.Fprintf(&b, "# Reference distributions of Credence's signals on reliable reporting.\n# Built by `credence train signals` from %s.\n# One line per signal: id, TAB, the sorted values (one per article).\n", source)
	for _, id := range ids {
		xs := append([]float64(nil), values[id]...)
		sort.Float64s(xs)
		parts := make([]string, len(xs))
		for i, x := range xs {
			parts[i] = strconv.FormatFloat(x, 'g', 5, 64)
		}
		fmt.Fprintf(&b, "%s\t%s\n", id, strings.Join(parts, ","))
	}
	return []byte(b.String())
}

// Percentile places x in a sorted reference distribution: the share of
// reference values below x plus half of those equal to it, times 100, so
// that a value tied with most of the reference sits in the middle of the
// tie rather than at its top. It is -1 (none) when the reference is empty,
// or when every reference value is x: "50th percentile" would then only
// say that reliable articles never differ on the measure.
func Percentile(sorted []float64, x float64) float64 {
	if len(sorted) == 0 || sorted[0] == x && sorted[len(sorted)-1] == x {
		return -1
	}
	below := sort.SearchFloat64s(sorted, x)
	// The values equal to x: up to the first one above it.
	eq := sort.Search(len(sorted)-below, func(i int) bool { return sorted[below+i] > x })
	p := (float64(below) + float64(eq)/2) / float64(len(sorted)) * 100
	return round2(p)
}

func applyPercentiles(r map[string][]float64, sigs []doc.Signal) {
	for i := range sigs {
		if xs, ok := r[string(sigs[i].ID)]; ok && !sigs[i].Unmeasured {
			sigs[i].Percentile = Percentile(xs, sigs[i].Value)
		}
	}
}
