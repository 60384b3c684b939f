package segment

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/credence-news/credence/internal/datafile"
)

// The word lists live in data files so that editors can tune them without
// touching code; they are embedded at build time and parsed once, when the
// package is initialised.

//go:embed data/abbreviations.txt
var abbreviationsData string

//go:embed data/starters.txt
var startersData string

//go:embed data/tlds.txt
var tldsData string

// abbrClass says how the period of a known abbreviation behaves.
type abbrClass uint8

const (
	abbrUnknown      abbrClass = iota // not in the list
	abbrNever                         // the period never ends a sentence
	abbrCanEnd                        // ends a sentence before a sentence starter
	abbrBeforeNumber                  // an abbreviation only before a number
)

var abbrMarkers = map[string]abbrClass{
	"never":   abbrNever,
	"can-end": abbrCanEnd,
	"number":  abbrBeforeNumber,
}

type lexicon struct {
	abbrev   map[string]abbrClass // keyed without the final period
	starters map[string]struct{}
	tlds     map[string]struct{}
}

func mustLoadLexicon() *lexicon {
	l, err := loadLexicon(abbreviationsData, startersData, tldsData)
	if err != nil {
		panic("segment: " + err.Error())
	}
	return l
}

func loadLexicon(abbrevs, starters, tlds string) (*lexicon, error) {
	l := &lexicon{
		abbrev:   make(map[string]abbrClass),
		starters: make(map[string]struct{}),
		tlds:     make(map[string]struct{}),
	}
	err := eachLine("abbreviations.txt", abbrevs, func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want \"abbreviation marker\", got %q", strings.Join(f, " "))
		}
		cls, ok := abbrMarkers[f[1]]
		if !ok {
			return fmt.Errorf("unknown marker %q for %q", f[1], f[0])
		}
		if strings.HasSuffix(f[0], ".") {
			return fmt.Errorf("%q: write abbreviations without the final period", f[0])
		}
		if _, dup := l.abbrev[f[0]]; dup {
			return fmt.Errorf("duplicate abbreviation %q", f[0])
		}
		l.abbrev[f[0]] = cls
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := eachLine("starters.txt", starters, oneWord(l.starters)); err != nil {
		return nil, err
	}
	if err := eachLine("tlds.txt", tlds, oneWord(l.tlds)); err != nil {
		return nil, err
	}
	return l, nil
}

func oneWord(set map[string]struct{}) func([]string) error {
	return func(f []string) error {
		if len(f) != 1 {
			return fmt.Errorf("want one word, got %q", strings.Join(f, " "))
		}
		set[f[0]] = struct{}{}
		return nil
	}
}

// eachLine calls fn with the whitespace-separated fields of every line that
// is not blank or a # comment.
func eachLine(name, data string, fn func([]string) error) error {
	for n, line := range strings.Split(data, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n+1, err)
		}
	}
	return nil
}

// File names of the word lists in the data layout.
const (
	AbbreviationsFile = "segment/abbreviations.txt"
	StartersFile      = "segment/starters.txt"
	TLDsFile          = "segment/tlds.txt"
)

// Open builds a Segmenter from files (the shipped word lists, or a data
// folder's replacements or extensions). A malformed list is an error
// naming the file.
func Open(files *datafile.Set) (*Segmenter, error) {
	lists, err := files.ReadStrings(datafile.Text{Name: AbbreviationsFile, Shipped: abbreviationsData},
		datafile.Text{Name: StartersFile, Shipped: startersData}, datafile.Text{Name: TLDsFile, Shipped: tldsData})
	if err != nil {
		return nil, err
	}
	l, err := loadLexicon(lists[0], lists[1], lists[2])
	if err != nil {
		return nil, fmt.Errorf("segment word lists: %w", err)
	}
	return &Segmenter{lex: l}, nil
}
