package checkworthy

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestAveragePrecision(t *testing.T) {
	cases := []struct {
		r    []bool
		want float64
	}{
		{[]bool{true, false, true, false}, (1 + 2.0/3) / 2},
		{[]bool{false, true}, 0.5},
		{[]bool{true, true, false}, 1},
		{[]bool{false, false, false, true}, 0.25},
		{[]bool{false, true, false, true, true}, (1.0/2 + 2.0/4 + 3.0/5) / 3},
		{[]bool{false, false}, 0},
		{nil, 0},
	}
	for _, c := range cases {
		if got := AveragePrecision(c.r); !near(got, c.want) {
			t.Errorf("AveragePrecision(%v) = %v, want %v", c.r, got, c.want)
		}
	}
	got := MAP([][]bool{{true, false, true, false}, {false, true}})
	if want := (5.0/6 + 0.5) / 2; !near(got, want) {
		t.Errorf("MAP = %v, want %v", got, want)
	}
	if MAP(nil) != 0 {
		t.Error("MAP(nil) != 0")
	}
}

func TestRank(t *testing.T) {
	// Ties keep input order: the relevant item at index 2 ties with index 1.
	got := Rank([]float64{0.1, 0.5, 0.5, 0.9}, []bool{true, false, true, false})
	want := []bool{false, false, true, true}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Rank = %v, want %v", got, want)
		}
	}
	if ap := AveragePrecision(got); !near(ap, (1.0/3+2.0/4)/2) {
		t.Errorf("AP = %v", ap)
	}
}

func TestFeatures(t *testing.T) {
	fs := strings.Join(Features("Unemployment fell to 3.5 percent in 2019, the lowest since Obama took office."), " ")
	for _, want := range []string{"w:#0.0", "cue:number", "cue:percent", "cue:year", "cue:superlative", "cue:name", "cue:past", "cue:comparative", "w:unemployment", "b:to_#0.0"} {
		if !strings.Contains(" "+fs+" ", " "+want+" ") {
			t.Errorf("features lack %s: %s", want, fs)
		}
	}
	fs = strings.Join(Features("Do you think we should, maybe, talk more than them?"), " ")
	for _, want := range []string{"cue:question", "cue:hedge", "cue:we", "cue:comparative"} {
		if !strings.Contains(" "+fs+" ", " "+want+" ") {
			t.Errorf("features lack %s: %s", want, fs)
		}
	}
	if got := Normalize("  We're 9 million -- jobs SHORT of that!"); got != "we re 9 million jobs short of that" {
		t.Errorf("Normalize = %q", got)
	}
}

func TestDefaultScores(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	high := []string{
		"Unemployment fell to 3.5 percent last year, the lowest in 50 years.",
		"We have lost 700,000 manufacturing jobs since 2001.",
		"The national debt has doubled to $20 trillion under this administration.",
	}
	low := []string{
		"Thank you all for coming tonight.",
		"I think that's a great question.",
		"What would you do about it?",
	}
	for _, h := range high {
		ph, top := m.Score(h)
		if ph < 0.5 {
			t.Errorf("Score(%q) = %.3f, want >= 0.5", h, ph)
		}
		if len(top) == 0 || len(top) > 5 {
			t.Errorf("Score(%q): %d contributions", h, len(top))
		}
		for i := 1; i < len(top); i++ {
			if math.Abs(top[i].Weight) > math.Abs(top[i-1].Weight) {
				t.Errorf("contributions not sorted: %v", top)
			}
		}
		for _, l := range low {
			if pl, _ := m.Score(l); pl >= ph || pl > 0.3 {
				t.Errorf("Score(%q) = %.3f, not below 0.3 and Score(%q) = %.3f", l, pl, h, ph)
			}
		}
	}
}

func synthetic() []Example {
	var rows []Example
	facts := []string{"Taxes rose by 12 percent in 2010.", "We built 300 new schools last year.", "The deficit is the largest in history at $1.4 trillion.", "Crime fell more than 20 percent since 1990."}
	chat := []string{"Thank you so much.", "I think we should talk about that.", "Is that right?", "Well, let me say this."}
	for i := 0; i < 20; i++ {
		rows = append(rows, Example{facts[i%len(facts)], true}, Example{chat[i%len(chat)], false})
	}
	return rows
}

func TestTrainDeterministicAndRoundTrip(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Bits = 12
	var a, b bytes.Buffer
	n, err := Train(synthetic(), cfg).WriteTo(&a)
	if err != nil || n != int64(a.Len()) {
		t.Fatalf("WriteTo = %d, %v (wrote %d)", n, err, a.Len())
	}
	if _, err := Train(synthetic(), cfg).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings on the same data differ")
	}
	m := Train(synthetic(), cfg)
	l, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Taxes rose by 40 percent.", "Thank you."} {
		p1, _ := m.Score(s)
		p2, _ := l.Score(s)
		if p1 != p2 {
			t.Errorf("loaded model scores %q %v, trained %v", s, p2, p1)
		}
	}
	if pf, _ := m.Score("Spending rose by 15 percent in 2012."); pf < 0.5 {
		t.Errorf("synthetic model: fact scored %.3f", pf)
	}
	if pc, _ := m.Score("Thank you, I think so."); pc > 0.5 {
		t.Errorf("synthetic model: chat scored %.3f", pc)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(strings.NewReader("not gzip")); err == nil {
		t.Error("Load accepted junk")
	}
	var buf bytes.Buffer
	cfg := DefaultConfig()
	cfg.Bits = 10
	Train(synthetic(), cfg).WriteTo(&buf)
	if _, err := Load(bytes.NewReader(buf.Bytes()[:buf.Len()/2])); err == nil {
		t.Error("Load accepted a truncated model")
	}
}

func TestReaders(t *testing.T) {
	dir := t.TempDir()
	cb := filepath.Join(dir, "cb.json")
	os.WriteFile(cb, []byte(`[{"sentence_id":1,"label":1,"text":"Taxes rose."},{"sentence_id":2,"label":0,"text":"Hello."}]`), 0o644)
	ex, err := ReadClaimBuster(cb)
	if err != nil || len(ex) != 2 || !ex[0].Label || ex[1].Label || ex[1].Text != "Hello." {
		t.Fatalf("ReadClaimBuster = %v, %v", ex, err)
	}
	os.WriteFile(cb, []byte(`[{"sentence_id":1,"label":2,"text":"x"}]`), 0o644)
	if _, err := ReadClaimBuster(cb); err == nil || !strings.Contains(err.Error(), "item 1") {
		t.Errorf("bad label: err = %v", err)
	}
	clef := filepath.Join(dir, "c.csv")
	os.WriteFile(clef, []byte("line_number,speaker,text,label,file_name\n1,A,\"Hi, all.\",0,d1.tsv\n2,B,Taxes rose 5%.,1,d1.tsv\n1,C,Yes.,0,d2.tsv\n"), 0o644)
	s, err := ReadCLEF(clef)
	if err != nil || len(s) != 3 || s[0].Text != "Hi, all." || !s[1].Label || s[2].Debate != "d2.tsv" || s[1].Speaker != "B" {
		t.Fatalf("ReadCLEF = %+v, %v", s, err)
	}
	names, by := Debates(s)
	if len(names) != 2 || len(by["d1.tsv"]) != 2 {
		t.Errorf("Debates = %v", names)
	}
	os.WriteFile(clef, []byte("line_number,text,label\n1,x,0\n"), 0o644)
	if _, err := ReadCLEF(clef); err == nil || !strings.Contains(err.Error(), `"speaker"`) {
		t.Errorf("missing column: err = %v", err)
	}
}

func loadData(t *testing.T) ([]Example, []CLEFSentence) {
	t.Helper()
	dataDir := shareddata.Dir(t, "datasets", "claims")
	cb, err := ReadClaimBuster(filepath.Join(dataDir, "claimbuster-2.5xncs.json"))
	if err != nil {
		t.Fatal(err)
	}
	clef, err := ReadCLEF(filepath.Join(dataDir, "clef2019-train.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return cb, clef
}

// TestShippedModelReproduces retrains the shipped model and compares bytes.
func TestShippedModelReproduces(t *testing.T) {
	cb, clef := loadData(t)
	var buf bytes.Buffer
	if _, err := Train(append(cb, Examples(clef)...), DefaultConfig()).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embedded) {
		t.Fatal("retraining does not reproduce model/claims.bin.gz: run credence train claims")
	}
}
