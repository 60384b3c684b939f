package eval

// Findings scoring against a careful reader's gold (testdata/findings).
//
// The gold names each finding by short strings copied from the article's
// text (see testdata/findings/GUIDELINES.md), not by offsets, so annotators
// could work from the text alone. The scorer finds each string in the
// article's source text (the text cleaning starts from) and maps Credence's
// spans, which are in the cleaned text, back to the source through the
// document's offset map. Everything is compared in source byte offsets.
//
// What is counted:
//
//   - Quotes found: gold quotations of people's words (direct, partial,
//     block, document) that some Credence quote overlaps by at least half of
//     both lengths.
//   - Speakers: a speaker is "given" when Credence names one (any source
//     type but vague, anonymous and none). It is right when the matched gold
//     quote's speaker is the same name (see SameName). Precision is right /
//     given, over every Credence quote, so a speaker given to a quote the
//     reader saw as a title, or to text the reader saw as no quote at all,
//     counts against it. Recall is right / gold quotes with a named speaker.
//   - Attribution sources: each Credence attribution (but those to a
//     pronoun or role left unresolved, which name nobody) is placed in the
//     sentence of its cue (its content when it has no cue). It is right when
//     a gold attribution of that sentence has the same source: the same name,
//     or both unnamed (vague or anonymous), or both the writer's own hearsay
//     (type none). Source-type accuracy is over the right ones.
//   - Scare quotes: Credence quotes of kind scare against gold quotes of
//     kind scare.
//   - Junk: a gold junk item is caught when removals cover at least half of
//     it; a removal is right when it overlaps a gold junk item. Removals of a
//     heading that repeats the title are left out (the reader was told not
//     to list the title). Wrong removals are listed: they may be lost text.
//   - Claims: a listed claim is right when its sentence holds a gold claim's
//     anchor; its mode is compared with the gold mode.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/credence-news/credence/doc"
)

// FindingsGold is one article of the careful-reader gold.
type FindingsGold struct {
	ID           string            `json:"id"`
	Split        string            `json:"split"`
	Quotes       []GoldQuote       `json:"quotes"`
	Attributions []GoldAttribution `json:"attributions"`
	Junk         []string          `json:"junk"`
	Claims       []GoldClaim       `json:"claims"`
	Notes        string            `json:"notes,omitempty"`
}

// GoldQuote is one quotation: its words, kind and speaker.
type GoldQuote struct {
	Text        string  `json:"text"`
	Kind        string  `json:"kind"`
	Speaker     *string `json:"speaker"`
	SpeakerType string  `json:"speaker_type,omitempty"`
}

// GoldAttribution is one statement credited to a source.
type GoldAttribution struct {
	Anchor string  `json:"anchor"`
	Cue    string  `json:"cue,omitempty"`
	Source *string `json:"source"`
	Type   string  `json:"type"`
}

// GoldClaim is one check-worthy sentence.
type GoldClaim struct {
	Anchor string `json:"anchor"`
	Mode   string `json:"mode"`
}

// LoadFindingsGold reads a findings gold file (JSON lines).
func LoadFindingsGold(path string) ([]FindingsGold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []FindingsGold
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g FindingsGold
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&g); err != nil {
			return nil, fmt.Errorf("%s line %d: %v", path, line, err)
		}
		if g.ID == "" {
			return nil, fmt.Errorf("%s line %d: no id", path, line)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no gold records", path)
	}
	return out, nil
}

// speechKinds are the gold quote kinds that have a speaker.
var speechKinds = map[string]bool{"direct": true, "partial": true, "block": true, "document": true}

// FindingsCounts are the tallies of one or more articles.
type FindingsCounts struct {
	Articles int `json:"articles"`

	GoldQuotes   int `json:"gold_quotes"`   // gold quotations of people's words
	QuotesFound  int `json:"quotes_found"`  // of those, overlapped by a Credence quote
	GoldSpeakers int `json:"gold_speakers"` // gold quotes with a named speaker
	// SpeakersGiven counts Credence quotes with a named speaker,
	// SpeakersRight those whose gold quote has that speaker.
	SpeakersGiven int `json:"speakers_given"`
	SpeakersRight int `json:"speakers_right"`

	GoldAttributions  int `json:"gold_attributions"`
	AttributionsFound int `json:"attributions_found"` // gold ones with a right Credence attribution
	Attributions      int `json:"attributions"`       // Credence attributions with a source
	Unresolved        int `json:"unresolved"`         // Credence attributions to a pronoun left unresolved
	SourcesRight      int `json:"sources_right"`
	TypesRight        int `json:"types_right"` // of SourcesRight

	// ByConfidence tallies the named speakers given, by their confidence
	// (to two decimals): [right, given]. It is what the confidences are
	// calibrated on.
	ByConfidence map[string][2]int `json:"by_confidence,omitempty"`

	GoldScare  int `json:"gold_scare"`
	Scare      int `json:"scare"`       // Credence scare quotes
	ScareRight int `json:"scare_right"` // on a gold scare quote

	GoldJunk    int `json:"gold_junk"`
	JunkCaught  int `json:"junk_caught"`
	Removals    int `json:"removals"`
	RemovalsHit int `json:"removals_right"`

	GoldClaims   int `json:"gold_claims"`   // in the body (the headline is scored apart)
	ClaimsFound  int `json:"claims_found"`  // gold body claims listed
	Claims       int `json:"claims"`        // listed claims
	ClaimsRight  int `json:"claims_right"`  // listed claims on a gold claim
	ClaimModeHit int `json:"claim_mode_ok"` // of ClaimsRight, same mode
}

// Add adds o to c.
func (c *FindingsCounts) Add(o FindingsCounts) {
	c.Articles += o.Articles
	c.GoldQuotes += o.GoldQuotes
	c.QuotesFound += o.QuotesFound
	c.GoldSpeakers += o.GoldSpeakers
	c.SpeakersGiven += o.SpeakersGiven
	c.SpeakersRight += o.SpeakersRight
	c.GoldAttributions += o.GoldAttributions
	c.AttributionsFound += o.AttributionsFound
	c.Attributions += o.Attributions
	c.Unresolved += o.Unresolved
	c.SourcesRight += o.SourcesRight
	c.TypesRight += o.TypesRight
	for k, v := range o.ByConfidence {
		if c.ByConfidence == nil {
			c.ByConfidence = map[string][2]int{}
		}
		w := c.ByConfidence[k]
		c.ByConfidence[k] = [2]int{w[0] + v[0], w[1] + v[1]}
	}
	c.GoldScare += o.GoldScare
	c.Scare += o.Scare
	c.ScareRight += o.ScareRight
	c.GoldJunk += o.GoldJunk
	c.JunkCaught += o.JunkCaught
	c.Removals += o.Removals
	c.RemovalsHit += o.RemovalsHit
	c.GoldClaims += o.GoldClaims
	c.ClaimsFound += o.ClaimsFound
	c.Claims += o.Claims
	c.ClaimsRight += o.ClaimsRight
	c.ClaimModeHit += o.ClaimModeHit
}

// FindingsError is one disagreement with the gold, for reading.
type FindingsError struct {
	Kind string `json:"kind"` // "speaker", "missed-speaker", "source", "scare", "junk-missed", "removed", ...
	Text string `json:"text"` // the text in question
	Got  string `json:"got,omitempty"`
	Want string `json:"want,omitempty"`
}

// ScoreFindings compares one analysed article with its gold. source is the
// text the article was analysed from (d.Input.Source).
func ScoreFindings(g FindingsGold, d *doc.Document) (FindingsCounts, []FindingsError) {
	sc := &findingsScorer{g: g, d: d, src: d.Input.Source, loc: newLocator(d.Input.Source)}
	sc.c.Articles = 1
	quoteOK := sc.quotes()
	sc.attributions(quoteOK)
	sc.junk()
	sc.claims()
	return sc.c, sc.errs
}

// findingsScorer holds one article's scoring: its gold, its analysis, the
// locator of gold strings in the source, and the tallies so far.
type findingsScorer struct {
	g    FindingsGold
	d    *doc.Document
	src  string
	loc  *locator
	c    FindingsCounts
	errs []FindingsError
}

// quotes scores quotations, speakers and scare quotes, and returns for
// each Credence quote whether its speaker is the reader's.
func (sc *findingsScorer) quotes() []bool {
	g, d, src, loc := sc.g, sc.d, sc.src, sc.loc
	c, errs := &sc.c, &sc.errs
	// Gold quotes, located.
	type gq struct {
		GoldQuote
		at    doc.Span
		found bool
	}
	gqs := make([]gq, 0, len(g.Quotes))
	for _, q := range g.Quotes {
		at, ok := loc.find(q.Text)
		if !ok {
			continue // in the title, or not in this text: unscorable
		}
		gqs = append(gqs, gq{GoldQuote: q, at: at})
		if speechKinds[q.Kind] {
			c.GoldQuotes++
			if q.Speaker != nil && *q.Speaker != "" {
				c.GoldSpeakers++
			}
		}
		if q.Kind == "scare" {
			c.GoldScare++
		}
	}
	speakerRight := make([]bool, len(gqs))
	// quoteOK[i]: Credence quote i has the speaker the reader gives (or, for
	// an unnamed speaker, is unnamed where the reader's is too).
	quoteOK := make([]bool, len(d.Quotes))
	var given []int // quotes with a named speaker
	for qi, q := range d.Quotes {
		at := d.Map.SourceSpan(q.Span)
		// The gold quote it stands for: the one it overlaps most, among
		// those it covers at least half of, or that cover at least half of
		// it (Credence may join the paragraphs of a long quotation, or
		// split a quotation the reader kept whole). Every gold quote it
		// covers at least half of is found.
		best, bestOv := -1, 0
		var covered []int
		for i := range gqs {
			ov := overlap(at, gqs[i].at)
			if ov == 0 || 2*ov < gqs[i].at.Len() && 2*ov < at.Len() {
				continue
			}
			if ov > bestOv {
				best, bestOv = i, ov
			}
			if 2*ov >= gqs[i].at.Len() && speechKinds[gqs[i].Kind] {
				covered = append(covered, i)
				if !gqs[i].found {
					gqs[i].found = true
					c.QuotesFound++
				}
			}
		}
		text := src[at.Start:at.End]
		if q.Kind == doc.QuoteScare {
			c.Scare++
			if best >= 0 && gqs[best].Kind == "scare" {
				c.ScareRight++
			} else {
				want := "no quote"
				if best >= 0 {
					want = gqs[best].Kind
				}
				*errs = append(*errs, FindingsError{Kind: "scare", Text: text, Got: "scare", Want: want})
			}
		}
		if !namedSource(q.Speaker) {
			quoteOK[qi] = q.Speaker != nil && best >= 0 && speechKinds[gqs[best].Kind] && (gqs[best].Speaker == nil || *gqs[best].Speaker == "") &&
				(gqs[best].SpeakerType == "vague" || gqs[best].SpeakerType == "anonymous")
			continue
		}
		c.SpeakersGiven++
		got := q.Speaker.Name
		given = append(given, qi)
		switch {
		case best < 0:
			*errs = append(*errs, FindingsError{Kind: "speaker", Text: text, Got: got, Want: "(not a quotation)"})
		case gqs[best].Speaker == nil || *gqs[best].Speaker == "":
			*errs = append(*errs, FindingsError{Kind: "speaker", Text: text, Got: got, Want: "(none: " + gqs[best].Kind + " " + gqs[best].SpeakerType + ")"})
		case SameName(got, *gqs[best].Speaker):
			quoteOK[qi] = true
			if speakerRight[best] {
				c.SpeakersGiven-- // a second Credence quote over the same gold quote: counted once
				break
			}
			// Right for every gold quote it covers that has this speaker
			// (a quotation of several paragraphs the reader split).
			c.SpeakersGiven--
			for _, i := range append(covered, best) {
				if !speakerRight[i] && gqs[i].Speaker != nil && SameName(got, *gqs[i].Speaker) {
					speakerRight[i] = true
					c.SpeakersRight++
					c.SpeakersGiven++
				}
			}
		default:
			*errs = append(*errs, FindingsError{Kind: "speaker", Text: text, Got: got + " [" + string(q.Speaker.Resolved) + "]", Want: *gqs[best].Speaker})
		}
	}
	for _, qi := range given {
		if c.ByConfidence == nil {
			c.ByConfidence = map[string][2]int{}
		}
		k := fmt.Sprintf("%.2f", d.Quotes[qi].Speaker.Confidence)
		v := c.ByConfidence[k]
		v[1]++
		if quoteOK[qi] {
			v[0]++
		}
		c.ByConfidence[k] = v
	}
	for i, q := range gqs {
		if speechKinds[q.Kind] && q.Speaker != nil && *q.Speaker != "" && !speakerRight[i] {
			kind := "missed-speaker"
			if !q.found {
				kind = "missed-quote"
			}
			*errs = append(*errs, FindingsError{Kind: kind, Text: q.Text, Want: *q.Speaker})
		}
	}

	return quoteOK
}

// attributions scores attribution sources and types, sentence by sentence.
func (sc *findingsScorer) attributions(quoteOK []bool) {
	g, d, src, loc := sc.g, sc.d, sc.src, sc.loc
	c, errs := &sc.c, &sc.errs
	type ga struct {
		GoldAttribution
		at    doc.Span
		found bool
	}
	gas := make([]ga, 0, len(g.Attributions))
	for _, x := range g.Attributions {
		at, ok := loc.find(x.Anchor)
		if !ok {
			continue
		}
		gas = append(gas, ga{GoldAttribution: x, at: at})
		c.GoldAttributions++
	}
	for _, x := range d.Attributions {
		if namesNobody(x.Source) {
			// "he said" or "the coach said" left unresolved: it credits
			// nobody by name, so it is neither right nor wrong about one.
			c.Unresolved++
			continue
		}
		c.Attributions++
		pos := x.Cue
		if pos.Len() == 0 {
			pos = x.Content
		}
		if pos.Len() == 0 {
			pos = x.Span
		}
		sent := sentenceOf(d, pos.Start)
		ssrc := d.Map.SourceSpan(sent)
		right, typeOK := -1, false
		var wants []string
		for i := range gas {
			if !ssrc.Overlaps(gas[i].at) {
				continue
			}
			wants = append(wants, goldSourceString(gas[i].GoldAttribution))
			if sameSource(x.Source, gas[i].GoldAttribution) {
				if right < 0 || !gas[right].found && gas[i].found {
					right = i
				}
				if string(x.Source.Type) == gas[i].Type {
					right, typeOK = i, true
				}
			}
		}
		text := src[ssrc.Start:ssrc.End]
		if right < 0 && x.Quote >= 0 && x.Quote < len(quoteOK) && quoteOK[x.Quote] {
			// A quotation's attribution with no cue in its own sentence
			// (a quote continuing the last speaker's words): the reader
			// listed it as a quote, not as an attribution; it is right
			// when its speaker is.
			c.SourcesRight++
			c.TypesRight++
			continue
		}
		if right >= 0 {
			c.SourcesRight++
			if !gas[right].found {
				gas[right].found = true
				c.AttributionsFound++
			}
			if typeOK {
				c.TypesRight++
			} else {
				*errs = append(*errs, FindingsError{Kind: "source-type", Text: text, Got: sourceString(x.Source), Want: goldSourceString(gas[right].GoldAttribution)})
			}
			continue
		}
		want := "(no attribution in this sentence)"
		if len(wants) > 0 {
			want = strings.Join(wants, " | ")
		}
		got := sourceString(x.Source)
		if x.Cue.Len() > 0 {
			got += " · " + d.Text[x.Cue.Start:x.Cue.End]
		}
		*errs = append(*errs, FindingsError{Kind: "source", Text: text, Got: got, Want: want})
	}
	for _, x := range gas {
		if !x.found {
			*errs = append(*errs, FindingsError{Kind: "missed-attribution", Text: x.Anchor, Want: goldSourceString(x.GoldAttribution)})
		}
	}

}

// junk scores removals against the reader's junk.
func (sc *findingsScorer) junk() {
	g, d, src, loc := sc.g, sc.d, sc.src, sc.loc
	c, errs := &sc.c, &sc.errs
	var junk []doc.Span
	for _, j := range g.Junk {
		if at, ok := loc.find(j); ok {
			junk = append(junk, at)
		}
	}
	c.GoldJunk = len(junk)
	for _, j := range junk {
		cov := 0
		for _, r := range d.Removed {
			cov += overlap(r.Span, j)
		}
		if 2*cov >= j.Len() {
			c.JunkCaught++
		} else {
			*errs = append(*errs, FindingsError{Kind: "junk-missed", Text: src[j.Start:j.End]})
		}
	}
	for _, r := range d.Removed {
		if r.Reason == doc.RemovedHeadline || strings.TrimSpace(r.Text) == "" {
			continue
		}
		c.Removals++
		hit := false
		for _, j := range junk {
			if r.Span.Overlaps(j) {
				hit = true
				break
			}
		}
		if hit {
			c.RemovalsHit++
		} else {
			*errs = append(*errs, FindingsError{Kind: "removed", Text: r.Text, Got: string(r.Reason) + " (" + r.Rule + ")"})
		}
	}

}

// claims scores the listed body claims and their modes (the headline's
// claim, whose offsets are in the title, is scored by eval claims --news).
func (sc *findingsScorer) claims() {
	g, d, src, loc := sc.g, sc.d, sc.src, sc.loc
	c, errs := &sc.c, &sc.errs
	type gc struct {
		GoldClaim
		at    doc.Span
		found bool
	}
	var gcs []gc
	for _, x := range g.Claims {
		if at, ok := loc.find(x.Anchor); ok {
			gcs = append(gcs, gc{GoldClaim: x, at: at})
		}
	}
	c.GoldClaims = len(gcs)
	for _, cl := range d.Claims {
		if cl.Headline {
			continue
		}
		c.Claims++
		at := d.Map.SourceSpan(cl.Span)
		hit := -1
		for i := range gcs {
			if at.Overlaps(gcs[i].at) {
				hit = i
				break
			}
		}
		if hit < 0 {
			*errs = append(*errs, FindingsError{Kind: "claim", Text: src[at.Start:at.End], Got: string(cl.Mode), Want: "(not check-worthy)"})
			continue
		}
		c.ClaimsRight++
		if !gcs[hit].found {
			gcs[hit].found = true
			c.ClaimsFound++
		}
		if string(cl.Mode) == gcs[hit].Mode {
			c.ClaimModeHit++
		} else {
			*errs = append(*errs, FindingsError{Kind: "claim-mode", Text: src[at.Start:at.End], Got: string(cl.Mode), Want: gcs[hit].Mode})
		}
	}
}

func namedSource(s *doc.Source) bool {
	if s == nil || s.Name == "" {
		return false
	}
	switch s.Type {
	case doc.SourceVague, doc.SourceAnonymous, doc.SourceNone:
		return false
	}
	// A role without a name ("the coach", unresolved, or a quote continuing
	// its words) names nobody: it is neither a right nor a wrong name.
	return s.Entity >= 0 || s.Type == doc.SourceNamedPerson && s.Resolved == doc.ResolvedName ||
		s.Type != doc.SourceNamedPerson && s.Resolved != doc.ResolvedGeneric
}

// namesNobody reports a source that is a pronoun or a role left
// unresolved ("he", "the coach"): the report does not claim who it is.
func namesNobody(s doc.Source) bool {
	if s.Entity >= 0 {
		return false
	}
	return s.Resolved == doc.ResolvedPronoun || s.Type == doc.SourceNamedPerson &&
		(s.Resolved == doc.ResolvedGeneric || s.Resolved == doc.ResolvedContinuation && s.Role != "")
}

func sameSource(s doc.Source, g GoldAttribution) bool {
	switch g.Type {
	case "none":
		return s.Type == doc.SourceNone
	case "vague", "anonymous":
		return s.Type == doc.SourceVague || s.Type == doc.SourceAnonymous
	}
	switch s.Type {
	case doc.SourceVague, doc.SourceAnonymous, doc.SourceNone:
		return false
	}
	return g.Source != nil && SameName(s.Name, *g.Source)
}

func sourceString(s doc.Source) string {
	if s.Name == "" {
		return string(s.Type)
	}
	return s.Name + " (" + string(s.Type) + ")"
}

func goldSourceString(g GoldAttribution) string {
	if g.Source == nil {
		return g.Type
	}
	return *g.Source + " (" + g.Type + ")"
}

// sentenceOf is the sentence of d holding byte offset at of Text (the
// nearest one when at falls between sentences).
func sentenceOf(d *doc.Document, at int) doc.Span {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > at })
	if i == len(d.Sentences) {
		if i == 0 {
			return doc.Span{Start: at, End: at}
		}
		i--
	}
	return d.Sentences[i].Span
}

func overlap(a, b doc.Span) int {
	s, e := max(a.Start, b.Start), min(a.End, b.End)
	if e > s {
		return e - s
	}
	return 0
}

// locator finds gold strings in the source text: the k-th gold string
// equal to an earlier one is the k-th occurrence, so repeated phrases map
// to different places.
type locator struct {
	src  string
	next map[string]int // where to search for the next occurrence
}

func newLocator(src string) *locator { return &locator{src: src, next: map[string]int{}} }

func (l *locator) find(s string) (doc.Span, bool) {
	if strings.TrimSpace(s) == "" {
		return doc.Span{}, false
	}
	from := l.next[s]
	i := strings.Index(l.src[from:], s)
	if i < 0 {
		if from == 0 {
			return doc.Span{}, false
		}
		// More gold copies than occurrences: reuse the first.
		i, from = strings.Index(l.src, s), 0
	}
	at := doc.Span{Start: from + i, End: from + i + len(s)}
	l.next[s] = at.End
	return at, true
}

// SameName reports whether two names name the same source as far as text
// can tell: equal after dropping case, punctuation, a leading "the",
// honorifics and titles, or one a word-suffix of the other ("Trump",
// "Donald Trump"; not "Fox News contributor", "Barry King").
//
// An organisation may also be named by the words before its "of" ("the
// Bank" for "the Bank of England") or by its initials ("FPC" for "the
// financial policy committee").
func SameName(a, b string) bool {
	x, y := nameWords(a), nameWords(b)
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	if len(x) > len(y) {
		x, y = y, x
	}
	if suffixOf(x, y) {
		return true
	}
	// The part of the longer name before "of": "bank" in "bank of england".
	for k, w := range y {
		if w == "of" && k > 0 && suffixOf(x, y[:k]) {
			return true
		}
	}
	// Initials: "fpc" for "... financial policy committee".
	if len(x) == 1 && len(x[0]) >= 2 {
		var ini []byte
		for _, w := range y {
			if w != "of" && w != "and" && w != "for" {
				ini = append(ini, w[0])
			}
		}
		return strings.HasSuffix(string(ini), x[0])
	}
	return false
}

// suffixOf reports whether the words x end the words y.
func suffixOf(x, y []string) bool {
	if len(x) > len(y) {
		return false
	}
	off := len(y) - len(x)
	for i := range x {
		if x[i] != y[off+i] {
			return false
		}
	}
	return true
}

var nameTitles = map[string]bool{
	"the": true, "mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true,
	"president": true, "sen": true, "senator": true, "rep": true, "representative": true, "gov": true,
	"governor": true, "prof": true, "professor": true, "rev": true, "gen": true, "general": true,
	"judge": true, "justice": true, "secretary": true, "former": true, "vice": true, "first": true, "lady": true,
}

func nameWords(s string) []string {
	s = strings.NewReplacer("\u2019s", "", "'s", "", "\u2019", "'").Replace(strings.ToLower(s))
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
	for len(f) > 1 && nameTitles[f[0]] {
		f = f[1:]
	}
	return f
}
