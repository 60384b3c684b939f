// Package language is the pipeline stage that adds the language layer: words
// tagged with part of speech and named-entity tags by our own statistical
// tagger (internal/tagger), and the entity mentions built from them, typed
// with the help of the gazetteers (internal/gazetteer), given a canonical
// name that merges the variants inside one article, and, for people, the role
// and affiliation the text gives them.
package language

import (
	"sync"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/internal/datafile"
	"github.com/credence-news/credence/internal/gazetteer"
	"github.com/credence-news/credence/internal/segment"
	"github.com/credence-news/credence/internal/tagger"
)

// scratch holds per-call buffers, reused across documents.
type scratch struct {
	words []tagger.Word
	forms []string
	pos   []string
	ner   []string
	// The document's words, their forms and sentences, and the entity
	// analysis's indexes.
	docWords []doc.Word
	docForms []string
	sentOf   []int32
	ix       indexes
}

var pool = sync.Pool{New: func() any { return new(scratch) }}

// Stage is the language stage with its model, gazetteer and word lists,
// loaded once; it is safe for concurrent use.
type Stage struct {
	tagger *tagger.Model
	gz     *gazetteer.Gazetteer
	seg    *segment.Segmenter

	roleHeads, roleModifiers map[string]bool
	titleRoles               map[string]string // "Sen." -> "senator"
	// outletCues says which outlet names need a cue and what cues are.
	outletCues *outletCues
	// celestial are the names of the Sun, the Moon and the planets.
	celestial map[string]bool
}

// New builds the language stage from the tagger m, the gazetteer gz (the
// tagger's own), the segmenter seg (for the headline) and the role word
// lists read from files.
func New(files *datafile.Set, m *tagger.Model, gz *gazetteer.Gazetteer, seg *segment.Segmenter) (*Stage, error) {
	st := &Stage{tagger: m, gz: gz, seg: seg}
	lists, err := files.ReadStrings(datafile.Text{Name: TitleRolesFile, Shipped: titleRolesTSV},
		datafile.Text{Name: RoleHeadsFile, Shipped: roleHeadsTxt}, datafile.Text{Name: RoleModifiersFile, Shipped: roleModifiersTxt},
		datafile.Text{Name: OutletCuesFile, Shipped: outletCuesTSV}, datafile.Text{Name: OutletWordsFile, Shipped: outletWordsTxt},
		datafile.Text{Name: CelestialFile, Shipped: celestialTxt})
	if err != nil {
		return nil, err
	}
	st.titleRoles = parseTitleRoles(lists[0])
	st.roleHeads, st.roleModifiers = parseWordSet(lists[1]), parseWordSet(lists[2])
	st.outletCues = parseOutletCues(lists[3], lists[4])
	st.celestial = parseWordSet(lists[5])
	return st, nil
}

// Annotate fills d.Words and d.Entities. It reads the segment layer only.
// The tagger is trained on English: for an article in another language
// (d.English() is false) the layer is left empty.
func (st *Stage) Annotate(d *doc.Document) error {
	if !d.English() {
		d.Words, d.Entities, d.TitleWords = nil, nil, nil
		return nil
	}
	m := st.tagger
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)

	words := sc.docWords[:0]
	forms := sc.docForms[:0]
	sentOf := sc.sentOf[:0] // sentence index of each word
	for si, s := range d.Sentences {
		// The tagger's own treebank conversion (clitics split off,
		// quotes as `` and ''), so that words match its training data.
		sc.words = tagger.PTBWords(d.Text, d.Tokens[s.FirstToken:s.EndToken], sc.words[:0])
		n := len(sc.words)
		if n == 0 {
			continue
		}
		sc.tag(m)
		ti := s.FirstToken
		for i, w := range sc.words {
			for ti+1 < s.EndToken && d.Tokens[ti].End <= w.Start {
				ti++
			}
			words = append(words, doc.Word{Span: w.Span, Token: ti, POS: sc.pos[i], NER: sc.ner[i]})
			forms = append(forms, w.Text)
			sentOf = append(sentOf, int32(si))
		}
	}
	sc.docWords, sc.docForms, sc.sentOf = words, forms, sentOf
	d.Words = append(make([]doc.Word, 0, len(words)), words...)
	d.Entities = buildEntities(st, d, forms, sentOf, &sc.ix)
	d.TitleWords = st.tagTitle(d.Meta.Title, sc)
	clear(sc.docWords)
	clear(sc.docForms)
	return nil
}

// tagTitle tags the headline as one sentence (a headline is one, even when
// the segmenter would split it at a colon or question mark). Token is the
// word's index in the headline.
func (st *Stage) tagTitle(title string, sc *scratch) []doc.Word {
	m := st.tagger
	if title == "" {
		return nil
	}
	// The words of tagger.Tokenize's sentences, in one list.
	td := doc.Document{Text: title}
	st.seg.Segment(&td)
	sc.words = sc.words[:0]
	for _, s := range td.Sentences {
		sc.words = tagger.PTBWords(title, td.Tokens[s.FirstToken:s.EndToken], sc.words)
	}
	n := len(sc.words)
	if n == 0 {
		return nil
	}
	sc.tag(m)
	out := make([]doc.Word, n)
	for i, w := range sc.words {
		out[i] = doc.Word{Span: w.Span, Token: i, POS: sc.pos[i], NER: sc.ner[i]}
	}
	return out
}

// tag tags sc.words as one sentence into sc.pos and sc.ner.
func (sc *scratch) tag(m *tagger.Model) {
	sc.forms = sc.forms[:0]
	for _, w := range sc.words {
		sc.forms = append(sc.forms, w.Text)
	}
	sc.pos = grow(sc.pos, len(sc.words))
	sc.ner = grow(sc.ner, len(sc.words))
	// A sentence longer than maxTagWords (a run-on page without full
	// stops) is tagged in pieces: the tagger's scratch grows with the
	// sentence, and took 220 MB for one of a million words.
	for a := 0; a < len(sc.forms); a += maxTagWords {
		b := min(a+maxTagWords, len(sc.forms))
		m.Tag(sc.forms[a:b], sc.pos[a:b], sc.ner[a:b])
	}
}

// maxTagWords is the most words tagged as one sentence; the longest
// sentence in 300 news articles has 185 tokens.
const maxTagWords = 1000

func grow(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
}
