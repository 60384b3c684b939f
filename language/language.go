// Package language is the pipeline stage that adds the language layer: words
// tagged with part of speech and named-entity tags by our own statistical
// tagger (language/tagger), and the entity mentions built from them, typed
// with the help of the gazetteers (language/gazetteer), given a canonical
// name that merges the variants inside one article, and, for people, the role
// and affiliation the text gives them.
package language

import (
	"sync"

	"github.com/credence-news/credence/doc"
	"github.com/credence-news/credence/language/gazetteer"
	"github.com/credence-news/credence/language/tagger"
)

// scratch holds per-call buffers, reused across documents.
type scratch struct {
	words []doc.Word
	forms []string
	pos   []string
	ner   []string
}

var pool = sync.Pool{New: func() any { return new(scratch) }}

// Annotate fills d.Words and d.Entities. It reads the segment layer only.
func Annotate(d *doc.Document) error {
	m, err := tagger.Default()
	if err != nil {
		return err
	}
	gz := gazetteer.Default()
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)

	words := make([]doc.Word, 0, len(d.Tokens)+len(d.Tokens)/8)
	forms := make([]string, 0, cap(words))
	sentOf := make([]int32, 0, cap(words)) // sentence index of each word
	for si, s := range d.Sentences {
		sc.words, sc.forms = PTBWords(d.Text, d.Tokens, s.FirstToken, s.EndToken, sc.words, sc.forms)
		n := len(sc.words)
		if n == 0 {
			continue
		}
		sc.pos = grow(sc.pos, n)
		sc.ner = grow(sc.ner, n)
		m.Tag(sc.forms, sc.pos, sc.ner)
		for i := range sc.words {
			w := sc.words[i]
			w.POS, w.NER = sc.pos[i], sc.ner[i]
			words = append(words, w)
			forms = append(forms, sc.forms[i])
			sentOf = append(sentOf, int32(si))
		}
	}
	d.Words = words
	d.Entities = buildEntities(d, forms, sentOf, gz)
	return nil
}

func grow(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
}
