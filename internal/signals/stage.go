package signals

import (
	"fmt"

	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/headline"
	"github.com/credence-news/credence/internal/tagger"
)

// File names of the word lists and the reference in the data layout.
const (
	HedgesFile      = "signals/hedges.txt"
	PresenceFile    = "signals/presence.tsv"
	SensationalFile = "signals/sensational.txt"
	AgreementFile   = "signals/agreement.tsv"
	ReferenceFile   = "signals/reference.tsv"
)

// Stage is the signals stage with its word lists, reference distributions
// and headline models, loaded once; it is safe for concurrent use.
type Stage struct {
	phrases *phraseIndex
	agree   agreeClasses
	common  map[string]bool      // the tagger's lower-case vocabulary
	ref     map[string][]float64 // signal id -> sorted reliable values
	// clickbait and satire score the headline.
	clickbait, satire *headline.Model
}

// New builds the signals stage from the lists in files, the tagger m (its
// vocabulary tells acronyms from shouted words) and the headline models.
func New(files *datafile.Set, m *tagger.Model, clickbait, satire *headline.Model) (*Stage, error) {
	lists, err := files.ReadStrings(datafile.Text{Name: HedgesFile, Shipped: hedgesTxt},
		datafile.Text{Name: PresenceFile, Shipped: presenceTSV}, datafile.Text{Name: SensationalFile, Shipped: sensationalTxt},
		datafile.Text{Name: AgreementFile, Shipped: agreementTSV}, datafile.Text{Name: ReferenceFile, Shipped: referenceTSV})
	if err != nil {
		return nil, err
	}
	ref, err := ParseReference(lists[4])
	if err != nil {
		return nil, fmt.Errorf("data file %s: %w", files.Where(ReferenceFile), err)
	}
	return &Stage{
		phrases:   buildPhraseIndex(lists[0], lists[1], lists[2]),
		agree:     parseAgreement(lists[3]),
		common:    commonWords(m),
		ref:       ref,
		clickbait: clickbait,
		satire:    satire,
	}, nil
}
