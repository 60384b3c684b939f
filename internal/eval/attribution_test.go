package eval

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/shareddata"
)

// bratTextA is the text of the hand-written brat test files. Its curly
// quotes and "Ç" make code-point and byte offsets differ.
const bratTextA = "“We will win,” she said, “and soon.” It is reported that prices rose. According to the mayor, the\nvote is delayed. Ça va."

// bratAnnA has a discontinuous Content (T3), a relation without Source
// (E2), an E line before the T lines it uses, an AnnotatorNotes line, a span
// whose text runs over two lines (T10), a Content2 role (E3), a Discard
// span and an unused Source (T14).
const bratAnnA = "T1\tSource 15 18\tshe\n" +
	"T2\tCue 19 23\tsaid\n" +
	"T3\tContent 0 14;25 36\t“We will win,” “and soon.”\n" +
	"T4\tAttribution 19 23\tsaid\n" +
	"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
	"E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n" +
	"T5\tCue 37 51\tIt is reported\n" +
	"T6\tContent 52 68\tthat prices rose\n" +
	"T7\tAttribution-no-source 37 51\tIt is reported\n" +
	"#1\tAnnotatorNotes T6\tno source here\n" +
	"T8\tSource 83 92\tthe mayor\n" +
	"T9\tCue 70 82\tAccording to\n" +
	"T10\tContent 94 113\tthe\nvote is delayed\n" +
	"T11\tAttribution 70 82\tAccording to\n" +
	"T12\tContent 115 120\tÇa va\n" +
	"E3\tAttribution:T11 Source:T8 Cue:T9 Content:T10 Content2:T12\n" +
	"T13\tDiscard 115 117\tÇa\n" +
	"T14\tSource 0 2\t“W\n"

// bratGoldA is what bratAnnA must parse to.
var bratGoldA = []AttributionSpans{
	{Source: []CharSpan{{15, 18}}, Cue: []CharSpan{{19, 23}}, Content: []CharSpan{{0, 14}, {25, 36}}},
	{Cue: []CharSpan{{37, 51}}, Content: []CharSpan{{52, 68}}},
	{Source: []CharSpan{{83, 92}}, Cue: []CharSpan{{70, 82}}, Content: []CharSpan{{94, 113}, {115, 120}}},
}

// runeSlice returns text[sp] in code points.
func runeSlice(text string, sp CharSpan) string {
	return string([]rune(text)[sp.Start:sp.End])
}

func TestParseBratAttributions(t *testing.T) {
	n := utf8.RuneCountInString(bratTextA)
	got, err := parseBratAttributions(bratAnnA, n)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, bratGoldA) {
		t.Fatalf("parsed\n%+v\nwant\n%+v", got, bratGoldA)
	}
	// The offsets are code points: the spans cover the annotated words.
	for sp, want := range map[CharSpan]string{
		{15, 18}:   "she",
		{25, 36}:   "“and soon.”",
		{83, 92}:   "the mayor",
		{94, 113}:  "the\nvote is delayed",
		{115, 120}: "Ça va",
	} {
		if s := runeSlice(bratTextA, sp); s != want {
			t.Errorf("text%v = %q, want %q", sp, s, want)
		}
	}
	// CRLF line ends give the same relations.
	crlf, err := parseBratAttributions(strings.ReplaceAll(bratAnnA, "\n", "\r\n"), n)
	if err != nil || !reflect.DeepEqual(crlf, bratGoldA) {
		t.Errorf("CRLF: %v, %+v", err, crlf)
	}
	for name, bad := range map[string]string{
		"beyond text":   "T1\tContent 0 500\tx\nE1\tAttribution:T1 Content:T1\n",
		"reversed":      "T1\tContent 9 3\tx\n",
		"bad fragment":  "T1\tContent 0 3;4\tx\n",
		"no offsets":    "T1\tContent\tx\n",
		"unknown span":  "T1\tContent 0 3\tx\nE1\tAttribution:T1 Content:T9\n",
		"bad argument":  "T1\tContent 0 3\tx\nE1\tAttribution:T1 T1\n",
		"duplicate ids": "T1\tContent 0 3\tx\nT1\tCue 4 5\ty\n",
	} {
		if _, err := parseBratAttributions(bad, n); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// writeFiles creates files (path relative to root -> content).
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadPolNeAR(t *testing.T) {
	root := t.TempDir()
	nameA := "usa-today_2016-10-01_test_article"
	writeFiles(t, root, map[string]string{
		"metadata.tsv": "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\n" +
			"dev\t" + nameA + "\tNone\t4b22|d473\tusa-today\t2016-10-01\n" +
			"train\tother\tNone\t4b22\tnyt\t2016-10-02\n",
		"dev/text/" + nameA + ".txt": bratTextA,
		// Two annotators: 4b22 sorts before d473, so its file is used.
		"dev/attributions/" + nameA + "_d473.ann": "T1\tCue 19 23\tsaid\nE1\tAttribution:T1 Cue:T1\n",
		"dev/attributions/" + nameA + "_4b22.ann": bratAnnA,
		// Not in metadata.tsv; an empty annotation file.
		"dev/text/no_meta.txt":              "Nothing is attributed here.",
		"dev/attributions/no_meta_ef2d.ann": "",
	})
	dir := filepath.Join(root, "dev")
	docs, err := LoadPolNeAR(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d docs, want 2", len(docs))
	}
	a, b := docs[1], docs[0] // sorted by name: "no_meta" < "usa-today..."
	if a.Name != nameA || a.Annotator != "4b22" || a.Publisher != "usa-today" || a.Text != bratTextA {
		t.Errorf("doc A = %q annotator %q publisher %q", a.Name, a.Annotator, a.Publisher)
	}
	if !reflect.DeepEqual(a.Gold, bratGoldA) {
		t.Errorf("doc A gold = %+v", a.Gold)
	}
	if b.Name != "no_meta" || b.Annotator != "ef2d" || b.Publisher != "" || len(b.Gold) != 0 {
		t.Errorf("doc B = %+v", b)
	}

	// Without metadata.tsv the publishers are empty.
	if err := os.Remove(filepath.Join(root, "metadata.tsv")); err != nil {
		t.Fatal(err)
	}
	docs, err = LoadPolNeAR(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Publisher != "" {
			t.Errorf("%s: publisher %q without metadata.tsv", d.Name, d.Publisher)
		}
	}

	// An annotation file without text and a malformed one are errors.
	writeFiles(t, root, map[string]string{"dev/attributions/orphan_4b22.ann": ""})
	if _, err := LoadPolNeAR(dir); err == nil {
		t.Error("annotation without text: no error")
	}
	os.Remove(filepath.Join(dir, "attributions", "orphan_4b22.ann"))
	writeFiles(t, root, map[string]string{"dev/attributions/no_meta_0000.ann": "T1\tContent 0 999\tx\n"})
	if _, err := LoadPolNeAR(dir); err == nil {
		t.Error("span beyond the text: no error")
	}
}

// at returns the code-point span of the n-th (from 0) occurrence of sub in
// text.
func at(t *testing.T, text, sub string, n int) CharSpan {
	t.Helper()
	off := 0
	for {
		i := strings.Index(text[off:], sub)
		if i < 0 {
			t.Fatalf("%q: occurrence %d of %q not found", text, n, sub)
		}
		if n == 0 {
			s := utf8.RuneCountInString(text[:off+i])
			return CharSpan{s, s + utf8.RuneCountInString(sub)}
		}
		n--
		off += i + len(sub)
	}
}

func spans(s ...CharSpan) []CharSpan { return s }

// handDocs returns two hand-made documents and predictions for them, with
// the expected figures worked out in TestScoreAttributionByHand.
func handDocs(t *testing.T) ([]PolNeARDoc, map[string][]AttributionSpans) {
	a := "“Prices will rise,” the minister said. According to Le Monde, the café in Zürich closed. Officials denied it."
	b := "Die Bürgermeisterin: „Wir schaffen das.“ Es heißt, man prüfe alles."
	docs := []PolNeARDoc{
		{Name: "a", Publisher: "pubA", Text: a, Gold: []AttributionSpans{
			{Source: spans(at(t, a, "the minister", 0)), Cue: spans(at(t, a, "said", 0)), Content: spans(at(t, a, "“Prices will rise,”", 0))},
			{Source: spans(at(t, a, "Le Monde", 0)), Cue: spans(at(t, a, "According to", 0)), Content: spans(at(t, a, "the café in Zürich closed", 0))},
			{Source: spans(at(t, a, "Officials", 0)), Cue: spans(at(t, a, "denied", 0)), Content: spans(at(t, a, "it", 0))},
		}},
		{Name: "b", Text: b, Gold: []AttributionSpans{
			{Source: spans(at(t, b, "Die Bürgermeisterin", 0)), Cue: spans(at(t, b, ":", 0)), Content: spans(at(t, b, "„Wir schaffen das.“", 0))},
			{Cue: spans(at(t, b, "Es heißt", 0)), Content: spans(at(t, b, "man prüfe alles", 0))}, // no Source
		}},
	}
	pred := map[string][]AttributionSpans{
		a: {
			// Exact after trimming the gold quotes and comma; Source
			// overlaps the gold one by one token.
			{Source: spans(at(t, a, "minister", 0)), Cue: spans(at(t, a, "said", 0)), Content: spans(at(t, a, "Prices will rise", 0))},
			// 4 of the gold's 5 Content tokens: matches, but wrong Source
			// and only half the Cue.
			{Source: spans(at(t, a, "Zürich", 0)), Cue: spans(at(t, a, "According", 0)), Content: spans(at(t, a, "café in Zürich closed.", 0))},
			// 3 of 5 tokens of the same gold: enough on its own, but the
			// previous prediction overlaps more and takes the gold.
			{Source: spans(at(t, a, "Le Monde", 0)), Content: spans(at(t, a, "café in Zürich", 0))},
			// Content outside every gold Content.
			{Content: spans(at(t, a, "Officials denied", 0))},
			// A Cue without Content: not a relation for ContentMatch.
			{Cue: spans(at(t, a, "denied", 0))},
		},
		b: {
			// A Source cutting a word still covers it; a punctuation
			// Cue covers no token.
			{Source: spans(at(t, b, "Bürger", 0)), Cue: spans(at(t, b, ":", 0)), Content: spans(at(t, b, "Wir schaffen das", 0))},
			// Starts inside "man": all 3 tokens, but not exact.
			{Source: spans(at(t, b, "Es", 0)), Cue: spans(at(t, b, "heißt,", 0)), Content: spans(at(t, b, "an prüfe alles.", 0))},
		},
	}
	return docs, pred
}

func mapPredictor(m map[string][]AttributionSpans) Predictor {
	return func(text string) ([]AttributionSpans, error) { return m[text], nil }
}

func checkPRF(t *testing.T, name string, got AttributionPRF, tp, fp, fn float64) {
	t.Helper()
	want := attrPRF([3]int{int(tp), int(fp), int(fn)})
	if got != want {
		t.Errorf("%s = %+v, want TP %v FP %v FN %v", name, got, tp, fp, fn)
	}
	p, r := tp/(tp+fp), tp/(tp+fn)
	if tp > 0 && (got.P != p || got.R != r || got.F1 != 2*p*r/(p+r)) {
		t.Errorf("%s: P %v R %v F1 %v, want %v %v %v", name, got.P, got.R, got.F1, p, r, 2*p*r/(p+r))
	}
}

func TestScoreAttributionByHand(t *testing.T) {
	docs, pred := handDocs(t)
	// Code points, not bytes: "Zürich" starts at code point 74 of a
	// (byte 79), "Bürger" at 4 of b.
	if sp := at(t, docs[0].Text, "Zürich", 0); sp != (CharSpan{74, 80}) {
		t.Fatalf("Zürich at %v", sp)
	}
	s, err := ScoreAttribution(docs, mapPredictor(pred))
	if err != nil {
		t.Fatal(err)
	}
	if s.Docs != 2 || s.GoldRelations != 5 || s.PredRelations != 7 {
		t.Errorf("docs %d gold %d pred %d, want 2 5 7", s.Docs, s.GoldRelations, s.PredRelations)
	}
	// Content tokens. a: gold Prices will rise | the café in Zürich
	// closed | it; predicted Prices will rise, café in Zürich closed,
	// Officials denied. b: all 6 gold tokens predicted ("man" through a
	// span starting inside it).
	checkPRF(t, "ContentToken", s.ContentToken, 7+6, 2, 2)
	// Exact: a: "Prices will rise" right; 3 other spans wrong; "the café
	// in Zürich closed" and "it" missed. b: "Wir schaffen das" right (gold
	// „…“ trimmed), "an prüfe alles" wrong, "man prüfe alles" missed.
	checkPRF(t, "ContentExact", s.ContentExact, 1+1, 3+1, 2+1)
	// Relations: a: 2 of 4 predicted-with-content match (the second
	// prediction on Le Monde's content loses to the first), "it"
	// missed; b: both match.
	checkPRF(t, "ContentMatch", s.ContentMatch, 2+2, 2, 1)
	// Cue tokens: a: said, According right, "to" missed, "denied"
	// right; b: ":" has no token, "heißt" right, "Es" missed.
	checkPRF(t, "CueToken", s.CueToken, 3+1, 0, 1+1)
	// Sources of matched relations with a gold Source: minister (right),
	// Zürich for Le Monde (wrong), Bürger for Die Bürgermeisterin
	// (right); "Es heißt" has no gold Source and is not judged.
	if s.SourceJudged != 3 || s.SourceCorrect != 2 || s.SourceAccuracy != 2.0/3 {
		t.Errorf("source %d/%d = %v, want 2/3", s.SourceCorrect, s.SourceJudged, s.SourceAccuracy)
	}

	if len(s.ByPublisher) != 2 {
		t.Fatalf("ByPublisher has %d entries, want 2", len(s.ByPublisher))
	}
	pa, pu := s.ByPublisher["pubA"], s.ByPublisher[UnknownPublisher]
	if pa == nil || pu == nil {
		t.Fatalf("ByPublisher keys: %v", s.ByPublisher)
	}
	if pa.ByPublisher != nil || pu.ByPublisher != nil {
		t.Error("nested ByPublisher")
	}
	if pa.Docs != 1 || pa.GoldRelations != 3 || pa.PredRelations != 5 {
		t.Errorf("pubA counts %d %d %d", pa.Docs, pa.GoldRelations, pa.PredRelations)
	}
	checkPRF(t, "pubA ContentToken", pa.ContentToken, 7, 2, 2)
	checkPRF(t, "pubA ContentExact", pa.ContentExact, 1, 3, 2)
	checkPRF(t, "pubA ContentMatch", pa.ContentMatch, 2, 2, 1)
	checkPRF(t, "pubA CueToken", pa.CueToken, 3, 0, 1)
	if pa.SourceJudged != 2 || pa.SourceAccuracy != 0.5 {
		t.Errorf("pubA source %d/%d", pa.SourceCorrect, pa.SourceJudged)
	}
	checkPRF(t, "unknown ContentToken", pu.ContentToken, 6, 0, 0)
	checkPRF(t, "unknown ContentExact", pu.ContentExact, 1, 1, 1)
	checkPRF(t, "unknown ContentMatch", pu.ContentMatch, 2, 0, 0)
	checkPRF(t, "unknown CueToken", pu.CueToken, 1, 0, 1)
	if pu.SourceJudged != 1 || pu.SourceAccuracy != 1 {
		t.Errorf("unknown source %d/%d", pu.SourceCorrect, pu.SourceJudged)
	}

	var buf bytes.Buffer
	s.WriteTable(&buf)
	for _, want := range []string{"2 docs, 5 gold relations, 7 predicted", "content-match", "0.667", "pubA", UnknownPublisher} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
	t.Logf("\n%s", buf.String())
}

func TestScoreAttributionMatching(t *testing.T) {
	text := "Er sagte: „Eins zwei drei vier.“ Sie sagte: „Fünf sechs.“"
	gold := []AttributionSpans{
		{Source: spans(at(t, text, "Er", 0)), Content: spans(at(t, text, "Eins zwei drei vier", 0))},
		{Source: spans(at(t, text, "Sie", 0)), Content: spans(at(t, text, "Fünf sechs", 0))},
	}
	docs := []PolNeARDoc{{Name: "m", Text: text, Gold: gold}}
	for _, tc := range []struct {
		name              string
		pred              []AttributionSpans
		tp, fp, fn        float64
		judged, srcRight  int
		tokTP, tokFP, tok float64
	}{
		// Exactly half of the gold's tokens is enough; less is not.
		{"half", []AttributionSpans{{Content: spans(at(t, text, "Eins zwei", 0))}}, 1, 0, 1, 1, 0, 2, 0, 4},
		{"under half", []AttributionSpans{{Content: spans(at(t, text, "vier", 0))}}, 0, 1, 2, 0, 0, 1, 0, 5},
		// One span over both contents matches only one gold (the one
		// with more overlap).
		{"one over two", []AttributionSpans{{Source: spans(at(t, text, "Sie", 0)), Content: spans(at(t, text, "Eins zwei drei vier.“ Sie sagte: „Fünf sechs", 0))}}, 1, 0, 1, 1, 0, 6, 2, 0},
		// Two fragments of one predicted Content count together.
		{"fragments", []AttributionSpans{{Source: spans(at(t, text, "Sie", 0)), Content: spans(at(t, text, "Fünf", 0), at(t, text, "vier", 0), at(t, text, "drei", 0))}}, 1, 0, 1, 1, 0, 3, 0, 3},
		// Two predictions of one gold: one match, one false positive.
		{"two on one", []AttributionSpans{
			{Source: spans(at(t, text, "Sie", 0)), Content: spans(at(t, text, "Fünf sechs", 0))},
			{Source: spans(at(t, text, "Sie", 0)), Content: spans(at(t, text, "sechs", 0))},
		}, 1, 1, 1, 1, 1, 2, 0, 4},
	} {
		s, err := ScoreAttribution(docs, func(string) ([]AttributionSpans, error) { return tc.pred, nil })
		if err != nil {
			t.Fatal(err)
		}
		checkPRF(t, tc.name+" ContentMatch", s.ContentMatch, tc.tp, tc.fp, tc.fn)
		checkPRF(t, tc.name+" ContentToken", s.ContentToken, tc.tokTP, tc.tokFP, tc.tok)
		if s.SourceJudged != tc.judged || s.SourceCorrect != tc.srcRight {
			t.Errorf("%s: source %d/%d, want %d/%d", tc.name, s.SourceCorrect, s.SourceJudged, tc.srcRight, tc.judged)
		}
	}
}

func TestScoreAttributionEdgeCases(t *testing.T) {
	docs, _ := handDocs(t)
	// The gold itself scores 1 everywhere; nothing scores 0.
	checkPerfect(t, docs)
	s, err := ScoreAttribution(docs, func(string) ([]AttributionSpans, error) { return nil, nil })
	if err != nil {
		t.Fatal(err)
	}
	checkPRF(t, "empty ContentToken", s.ContentToken, 0, 0, 13+2)
	checkPRF(t, "empty ContentMatch", s.ContentMatch, 0, 0, 5)
	if s.ContentToken.P != 0 || s.ContentMatch.F1 != 0 || s.SourceAccuracy != 0 || s.SourceJudged != 0 {
		t.Errorf("empty predictor: %+v", s)
	}

	// Spans outside the text and predictor errors are reported.
	n := utf8.RuneCountInString(docs[0].Text)
	for _, sp := range []CharSpan{{-1, 2}, {5, 4}, {0, n + 1}} {
		_, err := ScoreAttribution(docs, func(string) ([]AttributionSpans, error) {
			return []AttributionSpans{{Cue: []CharSpan{sp}}}, nil
		})
		if err == nil {
			t.Errorf("span %v: no error", sp)
		}
	}
	// A span ending at the last code point is fine ("it." ends the text
	// in bytes well after code point n).
	if _, err := ScoreAttribution(docs[:1], func(string) ([]AttributionSpans, error) {
		return []AttributionSpans{{Content: []CharSpan{{0, n}}}}, nil
	}); err != nil {
		t.Error(err)
	}
	boom := errors.New("boom")
	if _, err := ScoreAttribution(docs, func(string) ([]AttributionSpans, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("predictor error: %v", err)
	}
}

func TestAttrTextTokens(t *testing.T) {
	tx := newAttrText("“Zürich’s café—naïve 42_x.” ¡Sí!")
	var got []string
	for i := range tx.tokStart {
		got = append(got, string(tx.runes[tx.tokStart[i]:tx.tokEnd[i]]))
	}
	want := []string{"Zürich", "s", "café", "naïve", "42_x", "Sí"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens %q, want %q", got, want)
	}
	if tx.tokStart[0] != 1 || tx.tokStart[5] != 29 {
		t.Errorf("token offsets %v", tx.tokStart)
	}
	// Overlap by one code point covers a token; touching does not.
	for sp, want := range map[CharSpan][]int{
		{0, 1}:   nil,
		{0, 2}:   {0},
		{7, 8}:   nil, // the apostrophe
		{6, 9}:   {0, 1},
		{8, 15}:  {1, 2},
		{31, 32}: nil, // "!"
		{29, 29}: nil, // empty
	} {
		if got := tx.tokens([]CharSpan{sp}); !reflect.DeepEqual(got, want) {
			t.Errorf("tokens(%v) = %v, want %v", sp, got, want)
		}
	}
	if got := tx.tokens([]CharSpan{{8, 15}, {0, 9}}); !reflect.DeepEqual(got, []int{0, 1, 2}) {
		t.Errorf("union of overlapping spans = %v", got)
	}
	if sp, ok := tx.trim(CharSpan{0, 27}); !ok || sp != (CharSpan{1, 25}) {
		t.Errorf("trim = %v %v", sp, ok)
	}
	if _, ok := tx.trim(CharSpan{26, 28}); ok {
		t.Error("punctuation and space trimmed to something")
	}
}

// checkPerfect checks that predicting the gold relations scores 1 for
// every figure, overall and by publisher.
func checkPerfect(t *testing.T, docs []PolNeARDoc) *AttributionScore {
	t.Helper()
	gold := map[string][]AttributionSpans{}
	for _, d := range docs {
		if _, dup := gold[d.Text]; dup {
			t.Fatalf("two documents with the text of %s", d.Name)
		}
		gold[d.Text] = d.Gold
	}
	s, err := ScoreAttribution(docs, mapPredictor(gold))
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, s *AttributionScore) {
		for _, m := range []struct {
			name string
			p    AttributionPRF
		}{{"ContentToken", s.ContentToken}, {"ContentExact", s.ContentExact}, {"ContentMatch", s.ContentMatch}, {"CueToken", s.CueToken}} {
			if m.p.P != 1 || m.p.R != 1 || m.p.F1 != 1 || m.p.FP != 0 || m.p.FN != 0 {
				t.Errorf("%s gold as prediction: %s = %+v", name, m.name, m.p)
			}
		}
		if s.SourceAccuracy != 1 || s.SourceJudged == 0 {
			t.Errorf("%s gold as prediction: source %d/%d", name, s.SourceCorrect, s.SourceJudged)
		}
		if s.GoldRelations != s.PredRelations {
			t.Errorf("%s: %d gold, %d predicted relations", name, s.GoldRelations, s.PredRelations)
		}
	}
	check("all", s)
	for pub, ps := range s.ByPublisher {
		check(pub, ps)
	}
	return s
}

// polnearDev returns the PolNeAR corpus's dev split (text/, attributions/)
// in the shared data.
func polnearDev(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t, "datasets", "attribution", "polnear", "dev")
}

func TestPolNeARDev(t *testing.T) {
	polnearDevDir := polnearDev(t)
	docs, err := LoadPolNeAR(polnearDevDir)
	if err != nil {
		t.Fatal(err)
	}
	var rels, noSource, noCue, noContent, discContent, contentSpans int
	annotators := map[string]int{}
	publishers := map[string]int{}
	for _, d := range docs {
		annotators[d.Annotator]++
		publishers[d.Publisher]++
		rels += len(d.Gold)
		for _, r := range d.Gold {
			if len(r.Source) == 0 {
				noSource++
			}
			if len(r.Cue) == 0 {
				noCue++
			}
			if len(r.Content) == 0 {
				noContent++
			}
			if len(r.Content) > 1 {
				discContent++
			}
			contentSpans += len(r.Content)
		}
	}
	t.Logf("%d docs, %d relations (%d without Source, %d without Cue, %d without Content, %d with a Content in several spans; %d Content spans)",
		len(docs), rels, noSource, noCue, noContent, discContent, contentSpans)
	t.Logf("annotators used: %v", annotators)
	t.Logf("publishers: %v", publishers)
	if len(docs) != 84 {
		t.Errorf("%d docs, want 84", len(docs))
	}
	// Counted independently from the .ann files (first annotator).
	if rels != 2193 || noSource != 127 {
		t.Errorf("%d relations, %d without Source; want 2193 and 127", rels, noSource)
	}
	if publishers[""] != 0 || len(publishers) != 7 {
		t.Errorf("publishers %v, want 7 and none missing", publishers)
	}
	// Every T span of the chosen files, read in code points, is the text
	// brat recorded (checked on single-line spans of one document).
	d := docs[0]
	ann, err := os.ReadFile(filepath.Join(polnearDevDir, "attributions", d.Name+"_"+d.Annotator+".ann"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, line := range strings.Split(string(ann), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || !strings.HasPrefix(f[0], "T") || strings.Contains(f[1], ";") {
			continue
		}
		var typ string
		var sp CharSpan
		if _, err := fmt.Sscan(f[1], &typ, &sp.Start, &sp.End); err != nil {
			continue
		}
		got := runeSlice(d.Text, sp)
		if strings.Contains(got, "\n") {
			continue // brat continues the text on the next line
		}
		if got != f[2] {
			t.Errorf("%s %s: text %q, brat %q", d.Name, f[0], got, f[2])
		}
		checked++
	}
	if checked == 0 {
		t.Errorf("%s: no span checked", d.Name)
	}

	s := checkPerfect(t, docs)
	if s.GoldRelations != rels || s.Docs != 84 {
		t.Errorf("score has %d docs, %d relations", s.Docs, s.GoldRelations)
	}

	e, err := ScoreAttribution(docs, func(string) ([]AttributionSpans, error) { return nil, nil })
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]float64{
		"ContentToken": e.ContentToken.R, "ContentExact": e.ContentExact.R,
		"ContentMatch": e.ContentMatch.R, "CueToken": e.CueToken.R,
	} {
		if r != 0 {
			t.Errorf("empty predictor: %s recall %v", name, r)
		}
	}
	if e.ContentMatch.FN == 0 || e.PredRelations != 0 || e.SourceJudged != 0 {
		t.Errorf("empty predictor: %+v", e)
	}
}

// saidBaseline predicts every sentence containing the word "said" as the
// Content of a relation without Source or Cue. Sentences end after . ! or
// ? (and closing quotes or brackets) before white space, and at newlines.
func saidBaseline(text string) ([]AttributionSpans, error) {
	r := []rune(text)
	var out []AttributionSpans
	emit := func(s, e int) {
		for s < e && unicode.IsSpace(r[s]) {
			s++
		}
		for e > s && unicode.IsSpace(r[e-1]) {
			e--
		}
		if s == e {
			return
		}
		for _, tok := range Tokenize(string(r[s:e])) {
			if strings.EqualFold(tok, "said") {
				out = append(out, AttributionSpans{Content: []CharSpan{{s, e}}})
				return
			}
		}
	}
	start := 0
	for i := 0; i < len(r); i++ {
		switch {
		case r[i] == '\n':
			emit(start, i)
			start = i + 1
		case r[i] == '.' || r[i] == '!' || r[i] == '?':
			j := i + 1
			for j < len(r) && strings.ContainsRune("\"'”’)]", r[j]) {
				j++
			}
			if j == len(r) || unicode.IsSpace(r[j]) {
				emit(start, j)
				start = j
				i = j - 1
			}
		}
	}
	emit(start, len(r))
	return out, nil
}

// TestPolNeARDevBaselines logs simple baselines (go test -v -run
// Baselines ./eval/) to show the scale of the figures.
func TestPolNeARDevBaselines(t *testing.T) {
	polnearDevDir := polnearDev(t)
	docs, err := LoadPolNeAR(polnearDevDir)
	if err != nil {
		t.Fatal(err)
	}
	gold := map[string][]AttributionSpans{}
	for _, d := range docs {
		var rels []AttributionSpans
		for _, r := range d.Gold {
			rels = append(rels, AttributionSpans{Cue: r.Cue, Content: r.Content})
		}
		gold[d.Text] = rels
	}
	for _, b := range []struct {
		name    string
		p       Predictor
		perfect bool // Content is the gold Content
	}{
		{"(a) sentences with \"said\" as Content, no Source/Cue", saidBaseline, false},
		{"(b) gold Content and Cue, no Source", mapPredictor(gold), true},
	} {
		s, err := ScoreAttribution(docs, b.p)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		s.WriteTable(&buf)
		t.Logf("%s\n%s", b.name, buf.String())
		if !b.perfect && s.ContentMatch.R >= 1 {
			t.Errorf("%s: implausible recall %v", b.name, s.ContentMatch.R)
		}
		if b.perfect && (s.ContentMatch.F1 != 1 || s.SourceAccuracy != 0 || s.SourceJudged == 0) {
			t.Errorf("%s: match F1 %v, source %d/%d", b.name, s.ContentMatch.F1, s.SourceCorrect, s.SourceJudged)
		}
	}
}

// BenchmarkScoreAttribution scores the PolNeAR dev split's gold against
// itself (its speed was once a timed assertion in TestPolNeARDev).
func BenchmarkScoreAttribution(b *testing.B) {
	docs, err := LoadPolNeAR(polnearDev(b))
	if err != nil {
		b.Fatal(err)
	}
	gold := map[string][]AttributionSpans{}
	for _, d := range docs {
		gold[d.Text] = d.Gold
	}
	for b.Loop() {
		if _, err := ScoreAttribution(docs, mapPredictor(gold)); err != nil {
			b.Fatal(err)
		}
	}
}
