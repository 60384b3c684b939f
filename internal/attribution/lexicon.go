package attribution

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/gazetteer"
	"github.com/credence-news/credence/sources"
)

//go:embed data/cues.tsv
var cuesTSV string

//go:embed data/sources.tsv
var sourcesTSV string

// phrase is a multi-word cue, its words and its kind.
type phrase struct {
	text  string
	parts []string
	kind  string
}

// cueWord is what the cue list holds for one word: the multi-word cues it
// starts and, when ok, its kind as a cue on its own.
type cueWord struct {
	phrases []phrase
	kind    string
	ok      bool
}

// lexicon holds the cue and source-noun lists, parsed once.
type lexicon struct {
	cues    map[string]string         // word form -> kind (speech, report, belief, relay, stance, attitude)
	phrases map[string][]phrase       // first word -> multi-word cues
	nouns   map[string]doc.SourceType // source head noun -> source type
	// words merges cues and phrases for cueAt: one lookup per word.
	words map[string]cueWord
	// passive holds the unattributed-hearsay phrases by first word,
	// longest first.
	passive map[string][][]string
	// gz names roles and outlets; table rates outlets' domains.
	gz    *gazetteer.Gazetteer
	table *sources.Table
}

// File names of the word lists in the data layout.
const (
	CuesFile    = "attribution/cues.tsv"
	SourcesFile = "attribution/sources.tsv"
	PassiveFile = "attribution/passive.txt"
)

// Stage is the attribution stage with its cue, source-noun and hearsay
// lists, the gazetteer and the ratings table, loaded once; it is safe for
// concurrent use.
type Stage struct{ lex *lexicon }

// New builds the attribution stage from the word lists in files, the
// gazetteer gz (roles and outlet names) and the ratings table.
func New(files *datafile.Set, gz *gazetteer.Gazetteer, table *sources.Table) (*Stage, error) {
	lists, err := files.ReadStrings(datafile.Text{Name: CuesFile, Shipped: cuesTSV},
		datafile.Text{Name: SourcesFile, Shipped: sourcesTSV}, datafile.Text{Name: PassiveFile, Shipped: passiveTxt})
	if err != nil {
		return nil, err
	}
	l, err := parseLexicon(lists[0], lists[1])
	if err != nil {
		return nil, fmt.Errorf("attribution word lists: %w", err)
	}
	l.passive, l.gz, l.table = parsePassive(lists[2]), gz, table
	return &Stage{lex: l}, nil
}

func parseLexicon(cues, nouns string) (*lexicon, error) {
	l := &lexicon{cues: map[string]string{}, phrases: map[string][]phrase{}, nouns: map[string]doc.SourceType{}}
	err := eachRow("cues.tsv", cues, func(k, v string) error {
		switch v {
		case "speech", "report", "belief", "relay", "stance", "attitude":
		default:
			return fmt.Errorf("unknown cue kind %q", v)
		}
		if w := strings.Fields(k); len(w) > 1 {
			l.phrases[w[0]] = append(l.phrases[w[0]], phrase{text: k, parts: w})
		}
		l.cues[k] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	l.words = make(map[string]cueWord, len(l.cues))
	for w, ps := range l.phrases {
		for i := range ps {
			ps[i].kind = l.cues[ps[i].text]
		}
		l.words[w] = cueWord{phrases: ps}
	}
	for w, k := range l.cues {
		cw := l.words[w]
		cw.kind, cw.ok = k, true
		l.words[w] = cw
	}
	err = eachRow("sources.tsv", nouns, func(k, v string) error {
		switch v {
		case "anonymous", "vague", "document", "social-media", "official-body", "media-outlet":
		default:
			return fmt.Errorf("unknown source type %q", v)
		}
		l.nouns[k] = doc.SourceType(v)
		return nil
	})
	return l, err
}

func eachRow(name, data string, fn func(k, v string) error) error {
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("%s line %d: want two TAB-separated columns", name, i+1)
		}
		if err := fn(strings.TrimSpace(k), strings.TrimSpace(v)); err != nil {
			return fmt.Errorf("%s line %d: %v", name, i+1, err)
		}
	}
	return nil
}

// cueAt returns the cue starting at word i (a multi-word phrase when one
// fits), its length in words, and its kind. forms are lower-cased words
// (doc.LowerWords), so a word is its own key: lower-casing it again would
// change nothing.
func (l *lexicon) cueAt(forms []string, i int) (n int, kind string) {
	cw, found := l.words[forms[i]]
	if !found {
		return 0, ""
	}
	for _, p := range cw.phrases {
		parts := p.parts
		if i+len(parts) > len(forms) {
			continue
		}
		ok := true
		for k := 1; k < len(parts); k++ {
			if !strings.EqualFold(forms[i+k], parts[k]) {
				ok = false
				break
			}
		}
		if ok {
			return len(parts), p.kind
		}
	}
	if cw.ok {
		return 1, cw.kind
	}
	return 0, ""
}
