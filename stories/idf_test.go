package stories

import (
	"bytes"
	"reflect"
	"testing"
)

// The embedded table ranks words by how much they say: common news words
// and names weigh little, rare names and numbers (unseen) the most.
func TestStoriesIDFOrder(t *testing.T) {
	for _, pair := range [][2]string{
		{"president", "Trump"}, {"Trump", "Tidewater"}, {"government", "quarry"},
		{"million", "£48m"}, {"police", "Haskett"}, {"10", "1747"},
	} {
		if lo, hi := IDF(pair[0]), IDF(pair[1]); lo >= hi {
			t.Errorf("IDF(%q) = %.2f, not below IDF(%q) = %.2f", pair[0], lo, pair[1], hi)
		}
	}
	if w := IDF("Tidewater"); w < 7 {
		t.Errorf("an unseen name weighs %.2f", w)
	}
}

// Two reports within a day share names and words. Sharing a rare name and
// numbers links them; sharing only common names and words does not.
func TestStoriesWeightedEvidence(t *testing.T) {
	rareA := mkReport("Tidewater Freight to pay £48m over Quenby crash", "2026-05-04",
		"Tidewater Freight will pay £48m in compensation after the Quenby rail crash, the company said on Monday. "+
			"The freight train derailed at Quenby junction in March, spilling 1,747 tonnes of gravel. "+
			"Chief executive Dana Whitlock said the payment settled every claim.",
		ent{"Tidewater Freight", "ORG", ""}, ent{"Quenby", "LOC", ""}, ent{"Dana Whitlock", "PERSON", ""})
	rareB := mkReport("Quenby derailment: freight firm agrees £48m settlement", "2026-05-05",
		"The operator of the train that derailed at Quenby agreed a £48m settlement with residents. "+
			"Tidewater Freight said the 1,747 tonnes of gravel had been cleared. "+
			"Whitlock apologised again.",
		ent{"Quenby", "LOC", ""}, ent{"Tidewater Freight", "ORG", ""}, ent{"Whitlock", "PERSON", "Dana Whitlock"})
	if sc, ok := Related(Extract(rareA), Extract(rareB)); !ok {
		t.Errorf("two reports sharing rare names and numbers are not related (score %.2f)", sc)
	}
	commonA := mkReport("Trump says Clinton campaign will lose the election", "2026-05-04",
		"Donald Trump said on Monday that the Clinton campaign would lose the presidential election. "+
			"The Republican candidate told supporters in Ohio that the polls were wrong. "+
			"Hillary Clinton did not respond.",
		ent{"Donald Trump", "PERSON", ""}, ent{"Clinton", "PERSON", "Hillary Clinton"}, ent{"Hillary Clinton", "PERSON", ""},
		ent{"Republican", "NORP", ""}, ent{"Ohio", "LOC", ""})
	commonB := mkReport("Clinton campaign attacks Trump over tax plan", "2026-05-05",
		"The Clinton campaign said on Tuesday that Donald Trump's tax plan would help the rich. "+
			"Hillary Clinton told supporters that the Republican candidate had no plan for the economy. "+
			"The Trump campaign called the claim false.",
		ent{"Clinton", "PERSON", "Hillary Clinton"}, ent{"Donald Trump", "PERSON", ""}, ent{"Hillary Clinton", "PERSON", ""},
		ent{"Republican", "NORP", ""}, ent{"Trump", "PERSON", "Donald Trump"})
	fa, fb := Extract(commonA), Extract(commonB)
	if sc, ok := Related(fa, fb); ok {
		t.Errorf("two reports sharing only common names and words are related (score %.2f)", sc)
	}
	// Unweighted, the same pair shares two persons and a third of its
	// stems: the previous rule linked it.
	e := measure(fa, fb)
	if e.strong < 2 || e.termJ < 0.15 {
		t.Errorf("the common pair shares %d persons and stem Jaccard %.2f: the test no longer tests the weighting", e.strong, e.termJ)
	}
}

// The builder's output depends on the documents only: the same bytes
// whatever the order, and it reads back.
func TestStoriesDFBuilderDeterministic(t *testing.T) {
	docs := []struct{ title, text string }{
		{"Quarry fine", "Kestrel Mining was fined over the quarry collapse at Tarnwell. The company said it would appeal."},
		{"Council vote", "The council voted to close the library. The company that runs it said it would appeal."},
		{"Rail crash", "A freight train derailed at Quenby. The company said 1,747 tonnes of gravel spilled."},
	}
	build := func(order []int) []byte {
		b := NewDFBuilder()
		for _, i := range order {
			b.Add(mkReport(docs[i].title, "", docs[i].text, ent{"Kestrel Mining", "ORG", ""}))
		}
		var buf bytes.Buffer
		if _, err := b.WriteTo(&buf, 1); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	x, y := build([]int{0, 1, 2}), build([]int{2, 0, 1})
	if !bytes.Equal(x, y) {
		t.Fatal("the table depends on the order of the documents")
	}
	tab, err := readDF(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	if tab.docs != 3 {
		t.Errorf("%d documents, want 3", tab.docs)
	}
	// "appeal" is in two of three documents, "quarry" in one.
	if got, want := tab.q[hashString("appeal")&itemMask], quantIDF(3, 2); got != want {
		t.Errorf("appeal: %d, want %d", got, want)
	}
	if tab.q[hashString("appeal")&itemMask] >= tab.q[hashString("quarry")&itemMask] {
		t.Error("a word in two documents weighs no less than one in one")
	}
	if _, ok := tab.q[hashString("kestrel mining")&itemMask]; !ok {
		t.Error("the entity key is not in the table")
	}
	if _, err := readDF(bytes.NewReader([]byte("not gzip"))); err == nil {
		t.Error("a malformed table reads")
	}
}

// Features stored by the previous release (version 1, no weights) read
// back weighed, equal to features extracted anew.
func TestStoriesFeaturesVersion1(t *testing.T) {
	f := Extract(quarryA("2026-05-04"))
	old := f
	strip := func(set []uint64) []uint64 {
		out := make([]uint64, len(set))
		for i, h := range set {
			out[i] = h &^ (weightMax << weightShift)
		}
		return out
	}
	old.Entities, old.Title, old.Terms = strip(f.Entities), strip(f.Title), strip(f.Terms)
	b := old.Bytes()
	b[0] = encodingUnweighed
	g, err := FeaturesFrom(b)
	if err != nil || !reflect.DeepEqual(f, g) {
		t.Fatalf("version 1: %+v, %v; want %+v", g, err, f)
	}
	b[0] = 3
	if _, err := FeaturesFrom(b); err == nil {
		t.Error("version 3 reads")
	}
}
