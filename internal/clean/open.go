package clean

import "github.com/credence-news/credence/internal/datafile"

// File names of the rules and the agency list in the data layout.
const (
	RulesFile    = "clean/rules.tsv"
	AgenciesFile = "clean/agencies.txt"
)

// Open compiles the cleaning rules from files (the shipped rules and
// agency list, or a data folder's replacements or extensions). A rule that
// does not compile is an error naming the file.
func Open(files *datafile.Set) (*Rules, error) {
	tsv, err := files.ReadString(RulesFile, rulesTSV)
	if err != nil {
		return nil, err
	}
	agencies, err := files.ReadString(AgenciesFile, agenciesTxt)
	if err != nil {
		return nil, err
	}
	rs, err := ParseRules(tsv, agencies)
	if err != nil {
		return nil, files.Errorf(RulesFile, "%v", err)
	}
	return rs, nil
}
