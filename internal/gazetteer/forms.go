package gazetteer

import (
	"slices"

	"github.com/credence-news/credence/internal/datafile"
)

// OutletForms returns every surface form under which an outlet of
// outlets.tsv is matched in text (names and aliases, as written, without
// the dotted and all-caps variants the matcher adds), sorted and without
// repeats.
func OutletForms(files *datafile.Set) ([]string, error) {
	var forms []string
	_, err := loadWith(files, func(c Class, s string) {
		if c == Outlet {
			forms = append(forms, s)
		}
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(forms)
	return slices.Compact(forms), nil
}
