package stories

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/credence-news/credence/report"
)

// ent is an entity of a hand-written report: its text (found in the
// article's text), type and canonical name (the text when empty).
type ent struct{ text, typ, canonical string }

// mkReport builds the parts of a report that Extract reads. Texts are
// ASCII, so byte offsets are code-point offsets. Sentences end at ". ".
func mkReport(title, published, text string, ents ...ent) *report.Report {
	rep := &report.Report{Meta: report.Meta{Title: title, Published: published}, Text: text}
	start := 0
	for start < len(text) {
		end := strings.Index(text[start:], ". ")
		if end < 0 {
			end = len(text)
		} else {
			end += start + 1
		}
		rep.Sentences = append(rep.Sentences, report.Sentence{Start: start, End: end})
		start = end + 1
	}
	for _, e := range ents {
		from := 0
		for {
			i := strings.Index(text[from:], e.text)
			if i < 0 {
				break
			}
			c := e.canonical
			if c == "" {
				c = e.text
			}
			rep.Entities = append(rep.Entities, report.Entity{Start: from + i, End: from + i + len(e.text), Text: e.text, Type: e.typ, Canonical: c})
			from += i + len(e.text)
		}
	}
	return rep
}

// Two reports of one invented event, in different words.
func quarryA(published string) *report.Report {
	return mkReport("Kestrel Mining fined £2m over Tarnwell quarry collapse", published,
		"TARNWELL (Press Wire) - Kestrel Mining was fined £2 million on Monday over the collapse of its quarry at Tarnwell, in which two workers were injured. "+
			"Judge Alma Reyes said the company had ignored repeated warnings from inspectors about the unstable quarry face. "+
			"Kestrel Mining said it would appeal against the fine. "+
			"The Health and Safety Executive welcomed the ruling.",
		ent{"TARNWELL", "LOC", "Tarnwell"}, ent{"Press Wire", "MEDIA", ""}, ent{"Kestrel Mining", "ORG", ""}, ent{"Tarnwell", "LOC", ""},
		ent{"Alma Reyes", "PERSON", ""}, ent{"Monday", "DATE", ""}, ent{"£2 million", "MONEY", ""}, ent{"two", "NUMBER", ""},
		ent{"Health and Safety Executive", "ORG", ""})
}

func quarryB(published string) *report.Report {
	return mkReport("Quarry firm to pay £2m after Tarnwell collapse injured two", published,
		"A mining company must pay a £2 million fine after part of its quarry near Tarnwell collapsed and injured two workers, a court ruled. "+
			"Judge Reyes told Kestrel Mining that inspectors' warnings about the quarry face had been ignored for months. "+
			"The firm plans to appeal.",
		ent{"Tarnwell", "LOC", ""}, ent{"Reyes", "PERSON", "Alma Reyes"}, ent{"Kestrel Mining", "ORG", ""}, ent{"£2 million", "MONEY", ""})
}

func TestStoriesRelatedSameEventDifferentWords(t *testing.T) {
	a, b := Extract(quarryA("2026-05-04T10:00:00Z")), Extract(quarryB("2026-05-05"))
	score, ok := Related(a, b)
	if !ok {
		t.Fatalf("two reports of the quarry fine are not related (score %.2f): %+v %+v", score, a, b)
	}
	if !Candidate(a, b) {
		t.Errorf("two reports of the quarry fine are not candidates")
	}
}

func TestStoriesRelatedTenDaysApart(t *testing.T) {
	a, b := Extract(quarryA("2026-05-04T10:00:00Z")), Extract(quarryB("2026-05-14"))
	if _, ok := Related(a, b); ok {
		t.Fatal("reports 10 days apart are related")
	}
	// Four days is inside the window.
	b = Extract(quarryB("2026-05-08T09:00:00+02:00"))
	if _, ok := Related(a, b); !ok {
		t.Fatal("reports 4 days apart are not related")
	}
}

func TestStoriesRelatedUndatedOnlyWithUndated(t *testing.T) {
	dated, undated := Extract(quarryA("2026-05-04")), Extract(quarryB(""))
	if undated.Day != NoDay {
		t.Fatalf("empty date: day %d, want NoDay", undated.Day)
	}
	if _, ok := Related(dated, undated); ok {
		t.Error("a dated and an undated report are related")
	}
	if _, ok := Related(Extract(quarryA("")), undated); !ok {
		t.Error("two undated reports of one event are not related")
	}
	if Candidate(dated, undated) {
		t.Error("a dated and an undated report are candidates")
	}
}

func TestStoriesRelatedOneCommonCountry(t *testing.T) {
	song := mkReport("Portugal wins song contest for second time", "2026-05-17",
		"Portugal won the Eurovision Song Contest in Basel on Saturday night with a ballad sung by Ines Calado. "+
			"The jury votes put Portugal ahead of Sweden by twelve points. "+
			"Calado said she had not expected to win.",
		ent{"Portugal", "LOC", ""}, ent{"Eurovision Song Contest", "MISC", ""}, ent{"Basel", "LOC", ""},
		ent{"Ines Calado", "PERSON", ""}, ent{"Calado", "PERSON", "Ines Calado"}, ent{"Sweden", "LOC", ""})
	fire := mkReport("Wildfire forces thousands from homes in central Portugal", "2026-05-17",
		"A wildfire in central Portugal forced about 3,000 people from their homes on Saturday as strong winds spread the flames across pine forest. "+
			"The civil protection agency said 600 firefighters were at work. "+
			"Prime Minister Rui Moreira visited the command post in Leiria.",
		ent{"Portugal", "LOC", ""}, ent{"Rui Moreira", "PERSON", ""}, ent{"Leiria", "LOC", ""})
	if score, ok := Related(Extract(song), Extract(fire)); ok {
		t.Fatalf("two events sharing only a country are related (score %.2f)", score)
	}
}

func TestStoriesExtract(t *testing.T) {
	f := Extract(quarryA("2026-05-04T10:00:00Z"))
	if f.Day != 20577 {
		t.Errorf("day %d, want 20577 (2026-05-04)", f.Day)
	}
	// Entities: Kestrel Mining and Alma Reyes (strong; a person by
	// surname), Tarnwell (a place, mentioned again after the dateline).
	// Left out: the dates, money and numbers (never), Press Wire (only in
	// the dateline), the Health and Safety Executive (once, after the lead).
	want := map[string]int{"kestrel mining": classOrg, "reyes": classPerson, "tarnwell": classPlace}
	if len(f.Entities) != len(want) {
		t.Errorf("%d entities, want %d", len(f.Entities), len(want))
	}
	for name, class := range want {
		h := weigh(hashString(name)&itemMask | uint64(class))
		if !slices.Contains(f.Entities, h) {
			t.Errorf("entity %q (class %d) missing", name, class)
		}
	}
	// The dateline's words are not terms; the title's are.
	for _, w := range []string{"press", "wire"} {
		if slices.Contains(f.Terms, weigh(hashString(w))) {
			t.Errorf("dateline word %q is a term", w)
		}
	}
	for _, w := range []string{"kestrel", "fin", "tarnwell", "quarry", "collaps"} {
		if !slices.Contains(f.Title, weigh(hashString(w))) {
			t.Errorf("title stem %q missing", w)
		}
	}
	if !slices.IsSorted(f.Entities) || !slices.IsSorted(f.Title) || !slices.IsSorted(f.Terms) {
		t.Error("sets not sorted")
	}
	if g := Extract(quarryA("2026-05-04T10:00:00Z")); !reflect.DeepEqual(f, g) {
		t.Error("Extract is not deterministic")
	}
}

func TestStoriesParseDay(t *testing.T) {
	for in, want := range map[string]int32{
		"1970-01-01":                      0,
		"1970-01-02T00:00:00Z":            1,
		"2026-03-03T18:30:00Z":            20515,
		"2026-03-03":                      20515,
		"2026-03-03T23:30:00-02:00":       20516, // 01:30 UTC the next day
		"2026-03-03T18:30:00.123Z":        20515,
		"2026-03-03 18:30:00":             20515,
		"Tue, 03 Mar 2026 18:30:00 +0000": 20515,
		"March 3, 2026":                   20515,
		"3 March 2026":                    20515,
		"2026-03-03T18:30:00+0100":        20515, // unknown zone form: the date part
		"":                                NoDay,
		"yesterday":                       NoDay,
	} {
		if got := parseDay(in); got != want {
			t.Errorf("parseDay(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestStoriesStem(t *testing.T) {
	for in, want := range map[string]string{
		"strikes": "strik", "striking": "strik", "strike": "strik", "councils": "council", "council's": "council",
		"stopped": "stop", "parties": "party", "bus": "bus", "crisis": "crisis", "1,747": "1747", "4.99": "4.99",
	} {
		got, ok := stemWord([]byte(in))
		if !ok || string(got) != want {
			t.Errorf("stem(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"the", "said", "2026", "7", "an"} {
		if got, ok := stemWord([]byte(in)); ok {
			t.Errorf("stem(%q) = %q, want no content word", in, got)
		}
	}
}

// randomFeatures draws features from small universes, so that random
// pairs often overlap.
func randomFeatures(r *rand.Rand) Features {
	f := Features{Day: NoDay}
	if r.IntN(4) > 0 {
		f.Day = int32(20500 + r.IntN(20))
	}
	// Weights (bits 2–7) are a function of the item, as the table makes
	// them.
	for range r.IntN(8) {
		n := uint64(r.IntN(12))
		f.Entities = append(f.Entities, n<<8|(n*7%64)<<weightShift|uint64(r.IntN(3)))
	}
	for range r.IntN(10) {
		n := uint64(r.IntN(30))
		f.Title = append(f.Title, n<<20|(n*5%64)<<weightShift)
	}
	f.Terms = append(f.Terms, f.Title...)
	for range r.IntN(40) {
		n := uint64(r.IntN(60))
		f.Terms = append(f.Terms, n<<20|(n*5%64)<<weightShift)
	}
	// One class per name, as Extract guarantees.
	slices.SortFunc(f.Entities, func(a, b uint64) int { return int(a>>8) - int(b>>8) })
	f.Entities = slices.CompactFunc(f.Entities, func(a, b uint64) bool { return a>>8 == b>>8 })
	f.Title, f.Terms = sortedSet(f.Title), sortedSet(f.Terms)
	return f
}

func TestStoriesSymmetry(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	related := 0
	for range 20000 {
		a, b := randomFeatures(r), randomFeatures(r)
		sab, okab := Related(a, b)
		sba, okba := Related(b, a)
		if sab != sba || okab != okba {
			t.Fatalf("Related not symmetric: %v,%v vs %v,%v for %+v %+v", sab, okab, sba, okba, a, b)
		}
		if okab {
			related++
		}
		ab := intersect(ProbeKeys(a), IndexKeys(b)) > 0
		ba := intersect(ProbeKeys(b), IndexKeys(a)) > 0
		if ab != ba {
			t.Fatalf("candidacy not symmetric for %+v %+v", a, b)
		}
		if okab && !ab && (len(a.Entities)+len(a.Title) > 0) && intersect(a.Entities, b.Entities)+intersect(a.Title, b.Title) == len(a.Entities)+len(a.Title) {
			t.Fatalf("identical salient sets are not candidates: %+v %+v", a, b)
		}
	}
	if related == 0 {
		t.Fatal("no random pair was related: the test tests nothing")
	}
}

func TestStoriesKeys(t *testing.T) {
	a := Extract(quarryA("2026-05-04"))
	if n := len(IndexKeys(a)); n != lshBands {
		t.Errorf("%d index keys for a dated article, want %d", n, lshBands)
	}
	if n := len(ProbeKeys(a)); n != 3*lshBands {
		t.Errorf("%d probe keys for a dated article, want %d", n, 3*lshBands)
	}
	if intersect(IndexKeys(a), ProbeKeys(a)) != lshBands {
		t.Error("an article does not probe its own index keys")
	}
	// Same salient set: candidates exactly when the time buckets are
	// neighbours, which every pair at most bucketDays apart is.
	for gap := int32(0); gap <= 3*bucketDays; gap++ {
		b := a
		b.Day = a.Day + gap
		if got, want := Candidate(a, b), floorDiv(int64(b.Day), bucketDays)-floorDiv(int64(a.Day), bucketDays) <= 1; got != want || Candidate(b, a) != got {
			t.Errorf("gap %d: candidate %v (and back %v), want %v", gap, got, Candidate(b, a), want)
		}
		if gap <= bucketDays && !Candidate(a, b) {
			t.Errorf("gap %d: not candidates", gap)
		}
	}
	u := a
	u.Day = NoDay
	if n := len(IndexKeys(u)); n != lshBands {
		t.Errorf("%d keys for an undated article, want %d", n, lshBands)
	}
	if len(IndexKeys(Features{Day: 5})) != 0 {
		t.Error("an article with nothing salient has keys")
	}
}

func TestStoriesBytesRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cases := []Features{{Day: NoDay}, {Day: 0}, Extract(quarryA("2026-05-04")), Extract(quarryB(""))}
	for range 200 {
		f := randomFeatures(r)
		f.Terms = append(f.Terms, ^uint64(0)) // the largest hash
		cases = append(cases, f)
	}
	for _, f := range cases {
		b := f.Bytes()
		g, err := FeaturesFrom(b)
		if err != nil || !reflect.DeepEqual(f, g) {
			t.Fatalf("round trip of %+v: %+v, %v", f, g, err)
		}
		// Every truncation is an error, never a panic or a silent success.
		for i := range len(b) {
			if _, err := FeaturesFrom(b[:i]); err == nil {
				t.Fatalf("truncated to %d of %d bytes: no error", i, len(b))
			}
		}
	}
	if _, err := FeaturesFrom(append(Extract(quarryA("")).Bytes(), 0)); err == nil {
		t.Error("trailing byte: no error")
	}
	if n := len(Extract(quarryA("2026-05-04")).Bytes()); n > 400 {
		t.Errorf("encoding is %d bytes", n)
	}
}

func TestStoriesSharedClaims(t *testing.T) {
	rows := []ClaimRow{
		{Article: "a1", Site: "wire.example", Text: "The council approved a 4.99 per cent rise in council tax.", Checkworthiness: 0.9, Mode: "asserted"},
		{Article: "a2", Site: "post.example", Text: "The council approved a 4.99 per cent rise in council tax.", Checkworthiness: 0.9, Mode: "asserted"},
		{Article: "a3", Site: "gazette.example", Text: "Councillors approved a council tax rise of 4.99 per cent on Tuesday.", Checkworthiness: 0.8, Mode: "asserted"},
		{Article: "a1", Site: "wire.example", Text: "The budget was approved by 41 votes to 26.", Checkworthiness: 0.7, Mode: "asserted"},
		{Article: "a3", Site: "gazette.example", Text: "The £812 million budget passed by 41 votes to 26.", Checkworthiness: 0.6, Mode: "asserted"},
		// Said by one site only, in two of its articles: not shared.
		{Article: "a4", Site: "post.example", Text: "Four of the county's 31 libraries will close.", Checkworthiness: 0.5, Mode: "asserted"},
		{Article: "a2", Site: "post.example", Text: "Four of the county's 31 libraries will close.", Checkworthiness: 0.5, Mode: "asserted"},
		// Unrelated.
		{Article: "a3", Site: "gazette.example", Text: "The leader warned of the toughest year yet.", Checkworthiness: 0.4, Mode: "attributed"},
	}
	got := SharedClaims(rows)
	want := []SharedClaim{
		{
			Text:  "The council approved a 4.99 per cent rise in council tax.",
			Sites: []string{"gazette.example", "post.example", "wire.example"}, Articles: 3, Checkworthiness: 0.9,
			Wordings: []ClaimRow{rows[2], rows[1], rows[0]},
		},
		{
			Text:  "The budget was approved by 41 votes to 26.",
			Sites: []string{"gazette.example", "wire.example"}, Articles: 2, Checkworthiness: 0.7,
			Wordings: []ClaimRow{rows[4], rows[3]},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("SharedClaims:\n got %+v\nwant %+v", got, want)
	}
	// The order of the rows does not matter.
	rev := slices.Clone(rows)
	slices.Reverse(rev)
	if !reflect.DeepEqual(SharedClaims(rev), want) {
		t.Error("SharedClaims depends on the order of the rows")
	}
	if SharedClaims(nil) != nil {
		t.Error("no claims: want nil")
	}
}

func TestStoriesQuotesBySpeaker(t *testing.T) {
	rows := []QuoteRow{
		{Article: "a1", Site: "wire.example", Speaker: "Jeremy Haskett", Text: "Every penny of this increase is going on services for the most vulnerable."},
		{Article: "a2", Site: "post.example", Speaker: "Councillor Jeremy  Haskett", Text: "Every penny of this increase is going on services for the most vulnerable"},
		{Article: "a3", Site: "gazette.example", Speaker: "Haskett", Text: "every penny of this increase is going on services"},
		{Article: "a3", Site: "gazette.example", Speaker: "haskett", Text: "I wish we could freeze bills."},
		{Article: "a1", Site: "wire.example", Speaker: "Hazel Brent", Text: "You cannot borrow a library book from a van that comes once a fortnight."},
		// Two Browns: "Brown" alone cannot be resolved.
		{Article: "a2", Site: "post.example", Speaker: "Amy Brown", Text: "We will fight this."},
		{Article: "a3", Site: "gazette.example", Speaker: "Tom Brown", Text: "It is a fair budget."},
		{Article: "a3", Site: "gazette.example", Speaker: "Brown", Text: "Nobody wants this."},
		{Article: "a1", Site: "wire.example", Speaker: "", Text: "toughest year yet"},
		{Article: "a2", Site: "post.example", Speaker: " ", Text: "Toughest year yet"},
	}
	got := QuotesBySpeaker(rows)
	want := []SpeakerQuotes{
		{Speaker: "Councillor Jeremy Haskett", Quotes: []QuoteGroup{
			{Text: "Every penny of this increase is going on services for the most vulnerable.", Sites: []string{"gazette.example", "post.example", "wire.example"}, Articles: []string{"a1", "a2", "a3"}},
			{Text: "I wish we could freeze bills.", Sites: []string{"gazette.example"}, Articles: []string{"a3"}},
		}},
		{Speaker: "Amy Brown", Quotes: []QuoteGroup{{Text: "We will fight this.", Sites: []string{"post.example"}, Articles: []string{"a2"}}}},
		{Speaker: "Brown", Quotes: []QuoteGroup{{Text: "Nobody wants this.", Sites: []string{"gazette.example"}, Articles: []string{"a3"}}}},
		{Speaker: "Hazel Brent", Quotes: []QuoteGroup{{Text: "You cannot borrow a library book from a van that comes once a fortnight.", Sites: []string{"wire.example"}, Articles: []string{"a1"}}}},
		{Speaker: "Tom Brown", Quotes: []QuoteGroup{{Text: "It is a fair budget.", Sites: []string{"gazette.example"}, Articles: []string{"a3"}}}},
		{Speaker: "", Quotes: []QuoteGroup{{Text: "Toughest year yet", Sites: []string{"post.example", "wire.example"}, Articles: []string{"a1", "a2"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("QuotesBySpeaker:\n got %+v\nwant %+v", got, want)
	}
	rev := slices.Clone(rows)
	slices.Reverse(rev)
	if !reflect.DeepEqual(QuotesBySpeaker(rev), want) {
		t.Error("QuotesBySpeaker depends on the order of the rows")
	}
}
