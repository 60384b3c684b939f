package report

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/ascii"
)

// Marshal returns the report's JSON: the same bytes as json.Marshal(r),
// written without reflection (batch runs encode every report, and
// encoding/json cost about a tenth of the analysis). Strings are escaped
// as encoding/json escapes them (HTML characters as \u003c, \u003e and
// \u0026, invalid UTF-8 as \ufffd, U+2028 and U+2029), floats formatted as
// it formats them. A value encoding/json refuses (NaN, infinity) makes
// Marshal return json.Marshal's own result and error.
// TestMarshalMatchesEncodingJSON holds the two together on every field.
func Marshal(r *Report) ([]byte, error) {
	if r == nil {
		return []byte("null"), nil
	}
	e := encPool.Get().(*encoder)
	e.b, e.bad = e.b[:0], false
	e.report(r)
	if e.bad {
		encPool.Put(e)
		return json.Marshal(r)
	}
	out := append([]byte(nil), e.b...)
	if cap(e.b) <= 1<<20 {
		encPool.Put(e)
	}
	return out, nil
}

var encPool = sync.Pool{New: func() any { return &encoder{b: make([]byte, 0, 64<<10)} }}

type encoder struct {
	b   []byte
	bad bool // a float encoding/json refuses: Marshal falls back to it
}

func (e *encoder) raw(s string) { e.b = append(e.b, s...) }

func (e *encoder) int(n int) { e.b = strconv.AppendInt(e.b, int64(n), 10) }

func (e *encoder) bool(v bool) {
	if v {
		e.raw("true")
	} else {
		e.raw("false")
	}
}

// float is encoding/json's floatEncoder for float64.
func (e *encoder) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		e.bad = true
		e.raw("null")
		return
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b := strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	e.b = b
}

func (e *encoder) floatPtr(f *float64) {
	if f == nil {
		e.raw("null")
		return
	}
	e.float(*f)
}

// jsonSafe marks the ASCII bytes encoding/json writes as they are with
// HTML escaping on (its htmlSafeSet): all but control characters, '"',
// '\\', '<', '>' and '&'.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

const (
	ones  = 0x0101010101010101
	highs = ascii.HighBits
)

// plain8 reports whether the eight bytes of x all are in jsonSafe: none
// is ≥ 0x80 or < 0x20, and none is '"', '&', '<', '>' or '\\' (each test
// is the "has a zero byte" trick; '"' and '&', '<' and '>' differ in one
// bit, so each pair is one test).
func plain8(x uint64) bool {
	lt20 := (x - ones*0x20) &^ x
	y := (x | ones*0x04) ^ (ones * '&') // '"' or '&'
	z := (x | ones*0x02) ^ (ones * '>') // '<' or '>'
	w := x ^ (ones * '\\')
	bad := x | lt20 | (y-ones)&^y | (z-ones)&^z | (w-ones)&^w
	return bad&highs == 0
}

const hexDigits = "0123456789abcdef"

// str writes s as encoding/json's appendString does with escapeHTML on,
// skipping runs of plain ASCII eight bytes at a time.
func (e *encoder) str(s string) {
	dst := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		end := len(s)
		if i+8 <= len(s) {
			if plain8(ascii.Load64(s[i:])) {
				i += 8
				continue
			}
			end = i + 8
		}
		// The eight bytes (or the tail) one at a time, as encoding/json
		// does; a character may run past end.
		for i < end {
			if b := s[i]; b < utf8.RuneSelf {
				if jsonSafe[b] {
					i++
					continue
				}
				dst = append(dst, s[start:i]...)
				switch b {
				case '\\', '"':
					dst = append(dst, '\\', b)
				case '\b':
					dst = append(dst, '\\', 'b')
				case '\f':
					dst = append(dst, '\\', 'f')
				case '\n':
					dst = append(dst, '\\', 'n')
				case '\r':
					dst = append(dst, '\\', 'r')
				case '\t':
					dst = append(dst, '\\', 't')
				default:
					dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
				}
				i++
				start = i
				continue
			}
			c, size := utf8.DecodeRuneInString(s[i:])
			if c == utf8.RuneError && size == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, `\ufffd`...)
				i += size
				start = i
				continue
			}
			if c == '\u2028' || c == '\u2029' {
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
				i += size
				start = i
				continue
			}
			i += size
		}
	}
	dst = append(dst, s[start:]...)
	e.b = append(dst, '"')
}

// strs writes a []string (nil as null).
func (e *encoder) strs(ss []string) {
	if ss == nil {
		e.raw("null")
		return
	}
	e.b = append(e.b, '[')
	for i, s := range ss {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.str(s)
	}
	e.b = append(e.b, ']')
}

func (e *encoder) ints(ns []int) {
	if ns == nil {
		e.raw("null")
		return
	}
	e.b = append(e.b, '[')
	for i, n := range ns {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.int(n)
	}
	e.b = append(e.b, ']')
}

// list writes a slice of structs with each's encoder (nil as null).
func list[T any](e *encoder, xs []T, each func(*encoder, *T)) {
	if xs == nil {
		e.raw("null")
		return
	}
	e.b = append(e.b, '[')
	for i := range xs {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		each(e, &xs[i])
	}
	e.b = append(e.b, ']')
}

func (e *encoder) report(r *Report) {
	e.raw(`{"schema":`)
	e.str(r.Schema)
	if r.ID != "" {
		e.raw(`,"id":`)
		e.str(r.ID)
	}
	e.raw(`,"input":`)
	e.input(&r.Input)
	e.raw(`,"meta":`)
	e.meta(&r.Meta)
	e.raw(`,"text":`)
	e.str(r.Text)
	e.raw(`,"removed":`)
	list(e, r.Removed, (*encoder).removal)
	e.raw(`,"paragraphs":`)
	list(e, r.Paragraphs, (*encoder).span)
	e.raw(`,"sentences":`)
	list(e, r.Sentences, (*encoder).sentence)
	if len(r.Tokens) > 0 {
		e.raw(`,"tokens":`)
		list(e, r.Tokens, (*encoder).token)
	}
	e.raw(`,"entities":`)
	list(e, r.Entities, (*encoder).entity)
	e.raw(`,"quotes":`)
	list(e, r.Quotes, (*encoder).quote)
	e.raw(`,"attributions":`)
	list(e, r.Attributions, (*encoder).attribution)
	e.raw(`,"attitudes":`)
	list(e, r.Attitudes, (*encoder).attitude)
	e.raw(`,"signals":`)
	list(e, r.Signals, (*encoder).signal)
	e.raw(`,"claims":`)
	list(e, r.Claims, (*encoder).claim)
	e.raw(`,"labels":`)
	list(e, r.Labels, (*encoder).label)
	e.raw(`,"credibility":`)
	if r.Credibility == nil {
		e.raw("null")
	} else {
		e.credibility(r.Credibility)
	}
	if len(r.Warnings) > 0 {
		e.raw(`,"warnings":`)
		e.strs(r.Warnings)
	}
	e.raw(`,"stats":`)
	e.stats(&r.Stats)
	e.raw(`,"engine":`)
	if r.Engine == nil {
		e.raw("null")
	} else {
		e.engine(r.Engine)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) engine(x *Engine) {
	e.raw(`{"version":`)
	e.str(x.Version)
	e.raw(`,"fingerprint":`)
	e.str(x.Fingerprint)
	e.raw(`,"stages":`)
	e.strs(x.Stages)
	e.raw(`,"data":`)
	list(e, x.Data, (*encoder).dataFile)
	e.b = append(e.b, '}')
}

func (e *encoder) dataFile(x *DataFile) {
	e.raw(`{"name":`)
	e.str(x.Name)
	e.raw(`,"kind":`)
	e.str(x.Kind)
	e.raw(`,"sha256":`)
	e.str(x.SHA256)
	e.raw(`,"origin":`)
	e.str(x.Origin)
	e.raw(`,"bytes":`)
	e.int(x.Bytes)
	if x.AsOf != "" {
		e.raw(`,"as_of":`)
		e.str(x.AsOf)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) input(x *InputInfo) {
	e.raw(`{"kind":`)
	e.str(x.Kind)
	e.raw(`,"bytes":`)
	e.int(x.Bytes)
	e.raw(`,"sha256":`)
	e.str(x.SHA256)
	e.raw(`,"source":`)
	e.str(x.Source)
	e.b = append(e.b, '}')
}

func (e *encoder) meta(x *Meta) {
	e.raw(`{"title":`)
	e.str(x.Title)
	e.raw(`,"url":`)
	e.str(x.URL)
	e.raw(`,"site":`)
	e.str(x.Site)
	e.raw(`,"authors":`)
	e.strs(x.Authors)
	e.raw(`,"published":`)
	e.str(x.Published)
	e.raw(`,"language":`)
	e.str(x.Language)
	if x.Rating != nil {
		e.raw(`,"rating":`)
		e.rating(x.Rating)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) span(x *Span) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.b = append(e.b, '}')
}

func (e *encoder) removal(x *Removal) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"text":`)
	e.str(x.Text)
	e.raw(`,"reason":`)
	e.str(x.Reason)
	e.raw(`,"rule":`)
	e.str(x.Rule)
	e.raw(`,"at":`)
	e.int(x.At)
	e.b = append(e.b, '}')
}

func (e *encoder) sentence(x *Sentence) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"paragraph":`)
	e.int(x.Paragraph)
	e.raw(`,"tokens":`)
	e.int(x.Tokens)
	e.b = append(e.b, '}')
}

func (e *encoder) token(x *Token) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"kind":`)
	e.str(x.Kind)
	if x.Norm != "" {
		e.raw(`,"norm":`)
		e.str(x.Norm)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) stats(x *Stats) {
	e.raw(`{"chars":`)
	e.int(x.Chars)
	e.raw(`,"words":`)
	e.int(x.Words)
	e.raw(`,"paragraphs":`)
	e.int(x.Paragraphs)
	e.raw(`,"sentences":`)
	e.int(x.Sentences)
	e.raw(`,"removed":`)
	e.int(x.Removed)
	e.raw(`,"normalized":{"spaces":`)
	e.int(x.Normalized.Spaces)
	e.raw(`,"invisible":`)
	e.int(x.Normalized.Invisible)
	e.raw(`}}`)
}

func (e *encoder) entity(x *Entity) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"text":`)
	e.str(x.Text)
	e.raw(`,"type":`)
	e.str(x.Type)
	e.raw(`,"canonical":`)
	e.str(x.Canonical)
	if x.Role != "" {
		e.raw(`,"role":`)
		e.str(x.Role)
	}
	if x.Affiliation != "" {
		e.raw(`,"affiliation":`)
		e.str(x.Affiliation)
	}
	if x.Outlet != "" {
		e.raw(`,"outlet":`)
		e.str(x.Outlet)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) textSpan(x *TextSpan) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"text":`)
	e.str(x.Text)
	e.b = append(e.b, '}')
}

func (e *encoder) textSpanPtr(x *TextSpan) {
	if x == nil {
		e.raw("null")
		return
	}
	e.textSpan(x)
}

func (e *encoder) quote(x *Quote) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"text":`)
	e.str(x.Text)
	e.raw(`,"kind":`)
	e.str(x.Kind)
	e.raw(`,"speaker":`)
	if x.Speaker == nil {
		e.raw("null")
	} else {
		e.source(x.Speaker)
	}
	e.raw(`,"cue":`)
	e.textSpanPtr(x.Cue)
	e.raw(`,"attribution":`)
	e.int(x.Attribution)
	e.b = append(e.b, '}')
}

func (e *encoder) source(x *Source) {
	e.raw(`{"name":`)
	e.str(x.Name)
	e.raw(`,"type":`)
	e.str(x.Type)
	if x.Role != "" {
		e.raw(`,"role":`)
		e.str(x.Role)
	}
	if x.Affiliation != "" {
		e.raw(`,"affiliation":`)
		e.str(x.Affiliation)
	}
	e.raw(`,"entity":`)
	e.int(x.Entity)
	if x.Mention != nil {
		e.raw(`,"mention":`)
		e.textSpan(x.Mention)
	}
	if x.Resolved != "" {
		e.raw(`,"resolved":`)
		e.str(x.Resolved)
	}
	e.raw(`,"confidence":`)
	e.float(x.Confidence)
	if x.Outlet != "" {
		e.raw(`,"outlet":`)
		e.str(x.Outlet)
	}
	if len(x.Candidates) > 0 {
		e.raw(`,"candidates":`)
		e.strs(x.Candidates)
	}
	if x.OutletBasis != "" {
		e.raw(`,"outlet_basis":`)
		e.str(x.OutletBasis)
	}
	if len(x.CandidateRatings) > 0 {
		e.raw(`,"candidate_ratings":`)
		list(e, x.CandidateRatings, (*encoder).rating)
	}
	if x.Rating != nil {
		e.raw(`,"rating":`)
		e.rating(x.Rating)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) rating(x *Rating) {
	e.raw(`{"domain":`)
	e.str(x.Domain)
	e.raw(`,"level":`)
	e.str(x.Level)
	if x.PC1 != nil {
		e.raw(`,"pc1":`)
		e.float(*x.PC1)
	}
	if x.MBFCFactuality != "" {
		e.raw(`,"mbfc_factuality":`)
		e.str(x.MBFCFactuality)
	}
	if x.MBFCBias != "" {
		e.raw(`,"mbfc_bias":`)
		e.str(x.MBFCBias)
	}
	if len(x.OpenSources) > 0 {
		e.raw(`,"opensources":`)
		e.strs(x.OpenSources)
	}
	if len(x.FakeNewsCorpus) > 0 {
		e.raw(`,"fakenewscorpus":`)
		e.strs(x.FakeNewsCorpus)
	}
	e.raw(`,"datasets":`)
	e.strs(x.Datasets)
	e.raw(`,"explain":`)
	e.str(x.Explain)
	e.b = append(e.b, '}')
}

func (e *encoder) attribution(x *Attribution) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"source":`)
	e.source(&x.Source)
	e.raw(`,"cue":`)
	e.textSpanPtr(x.Cue)
	e.raw(`,"content":`)
	e.textSpan(&x.Content)
	e.raw(`,"via":`)
	e.int(x.Via)
	e.raw(`,"quote":`)
	e.int(x.Quote)
	e.b = append(e.b, '}')
}

func (e *encoder) attitude(x *Attitude) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"source":`)
	e.source(&x.Source)
	e.raw(`,"cue":`)
	e.textSpanPtr(x.Cue)
	e.raw(`,"content":`)
	e.textSpan(&x.Content)
	e.b = append(e.b, '}')
}

func (e *encoder) signal(x *Signal) {
	e.raw(`{"id":`)
	e.str(x.ID)
	e.raw(`,"value":`)
	e.float(x.Value)
	e.raw(`,"unit":`)
	e.str(x.Unit)
	e.raw(`,"percentile":`)
	e.floatPtr(x.Percentile)
	e.raw(`,"evidence":`)
	list(e, x.Evidence, (*encoder).evidence)
	if len(x.Breakdown) > 0 {
		e.raw(`,"breakdown":`)
		e.floatMap(x.Breakdown)
	}
	if x.Note != "" {
		e.raw(`,"note":`)
		e.str(x.Note)
	}
	if x.Unmeasured {
		e.raw(`,"unmeasured":true`)
	}
	e.b = append(e.b, '}')
}

// floatMap writes a map's entries in the order of their keys, as
// encoding/json does.
func (e *encoder) floatMap(m map[string]float64) {
	var buf [16]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, strings.Compare)
	e.b = append(e.b, '{')
	for i, k := range keys {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.str(k)
		e.b = append(e.b, ':')
		e.float(m[k])
	}
	e.b = append(e.b, '}')
}

func (e *encoder) evidence(x *Evidence) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"text":`)
	e.str(x.Text)
	e.raw(`,"note":`)
	e.str(x.Note)
	e.b = append(e.b, '}')
}

func (e *encoder) claim(x *Claim) {
	e.raw(`{"in":`)
	e.str(x.In)
	e.raw(`,"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"text":`)
	e.str(x.Text)
	e.raw(`,"checkworthiness":`)
	e.float(x.Checkworthiness)
	e.raw(`,"mode":`)
	e.str(x.Mode)
	e.raw(`,"attribution":`)
	e.int(x.Attribution)
	e.raw(`,"parts":`)
	list(e, x.Parts, (*encoder).claimPart)
	if len(x.Why) > 0 {
		e.raw(`,"why":`)
		e.strs(x.Why)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) claimPart(x *ClaimPart) {
	e.raw(`{"start":`)
	e.int(x.Start)
	e.raw(`,"end":`)
	e.int(x.End)
	e.raw(`,"text":`)
	e.str(x.Text)
	e.raw(`,"kind":`)
	e.str(x.Kind)
	e.b = append(e.b, '}')
}

func (e *encoder) label(x *Label) {
	e.raw(`{"label":`)
	e.str(x.Label)
	e.raw(`,"probability":`)
	e.floatPtr(x.Probability)
	if x.Reason != "" {
		e.raw(`,"reason":`)
		e.str(x.Reason)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) credibility(x *Credibility) {
	e.raw(`{"score":`)
	if x.Score == nil {
		e.raw("null")
	} else {
		e.int(*x.Score)
	}
	e.raw(`,"band":`)
	if x.Band == nil {
		e.raw("null")
	} else {
		e.str(*x.Band)
	}
	e.raw(`,"baseline":`)
	e.float(x.Baseline)
	e.raw(`,"contributions":`)
	list(e, x.Contributions, (*encoder).contribution)
	e.raw(`,"basis":`)
	e.strs(x.Basis)
	e.raw(`,"abstained":`)
	e.bool(x.Abstained)
	if x.Reason != "" {
		e.raw(`,"reason":`)
		e.str(x.Reason)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) contribution(x *Contribution) {
	e.raw(`{"factor":`)
	e.str(x.Factor)
	e.raw(`,"description":`)
	e.str(x.Description)
	e.raw(`,"value":`)
	e.float(x.Value)
	e.raw(`,"unit":`)
	e.str(x.Unit)
	e.raw(`,"points":`)
	e.float(x.Points)
	e.raw(`,"evidence":`)
	list(e, x.Evidence, (*encoder).evidence)
	e.raw(`,"attributions":`)
	e.ints(x.Attributions)
	e.raw(`,"ratings":`)
	list(e, x.Ratings, (*encoder).rating)
	e.b = append(e.b, '}')
}
