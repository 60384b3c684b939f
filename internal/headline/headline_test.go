package headline

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
)

// synthetic is a small hand-written training set.
func synthetic() []Example {
	bait := []string{
		"You Won't Believe What This Dog Did Next",
		"17 Photos That Will Make You Feel Old",
		"This Is The Best Thing You'll See Today",
		"Here's Why Everyone Is Talking About This Sandwich",
		"21 Things Only Cat Owners Will Understand",
		"Can You Guess Which Celebrity This Is?",
		"This Woman's Reaction Will Make Your Day",
		"10 Reasons You Should Never Skip Breakfast",
	}
	news := []string{
		"Russia and Kazakhstan agree to double grain rail capacity",
		"Central bank raises interest rates by a quarter point",
		"Parliament approves budget after lengthy debate",
		"Floods kill at least 12 in northern Italy",
		"Oil prices fall as OPEC output rises",
		"Court upholds conviction of former mayor",
		"Senate committee delays vote on defence bill",
		"Earthquake of magnitude 6.1 strikes off Japan coast",
	}
	var rows []Example
	for i := range bait {
		rows = append(rows, Example{bait[i], true}, Example{news[i], false})
	}
	return rows
}

func smallConfig() Config {
	cfg := DefaultConfig()
	cfg.Name, cfg.Positive, cfg.Negative = "clickbait", "clickbait", "news"
	cfg.HashBits = 18
	return cfg
}

func TestTrainDeterministicAndRoundTrip(t *testing.T) {
	var a, b bytes.Buffer
	m := Train(synthetic(), smallConfig())
	if _, err := m.WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	if _, err := Train(synthetic(), smallConfig()).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings on the same data gave different bytes")
	}
	l, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	l.WriteTo(&c)
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("Load then WriteTo changed the bytes")
	}
	for _, h := range []string{"You Won't Believe What This Senator Said Next", "Floods kill 3 in Spain"} {
		p1, _ := m.Score(h)
		p2, _ := l.Score(h)
		if p1 != p2 {
			t.Errorf("%q: %v before saving, %v after", h, p1, p2)
		}
	}
	if p, _ := m.Score("You Won't Believe What This Senator Said Next"); p < 0.5 {
		t.Errorf("synthetic model: clickbait headline scored %.2f", p)
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("hello"), {0x1f, 0x8b, 8, 0}} {
		if _, err := Load(bytes.NewReader(b)); !errors.Is(err, errFormat) {
			t.Errorf("Load(%q) = %v, want errFormat", b, err)
		}
	}
	var buf bytes.Buffer
	Train(synthetic(), smallConfig()).WriteTo(&buf)
	// a truncated gzip stream must fail, not panic
	if _, err := Load(bytes.NewReader(buf.Bytes()[:buf.Len()/2])); err == nil {
		t.Error("Load of a truncated model succeeded")
	}
}

func TestFoldRule(t *testing.T) {
	// FNV-1a 32 of "" is 2166136261; 2166136261 % 5 == 1.
	if got := Fold(""); got != 1 {
		t.Errorf(`Fold("") = %d, want 1`, got)
	}
	if Fold("Breaking NEWS") != Fold("breaking news") {
		t.Error("Fold depends on case")
	}
	n := 0
	for _, r := range synthetic() {
		if IsTest(r.Text) != (Fold(r.Text) == 0) {
			t.Fatal("IsTest disagrees with Fold")
		}
		if IsTest(r.Text) {
			n++
		}
	}
	tr, te := Split(synthetic())
	if len(te) != n || len(tr)+len(te) != len(synthetic()) {
		t.Errorf("Split: %d train, %d test; want %d test", len(tr), len(te), n)
	}
}

func TestFeatures(t *testing.T) {
	names := map[string]bool{}
	for _, f := range features("7 Things YOU Need To Know?") {
		names[f.name] = true
	}
	for _, want := range []string{"7", "things", "need to", "chars:<th", "cue:starts-with-number", "cue:question-mark", "cue:you", "cue:all-caps-word", "cue:words=6"} {
		if !names[want] {
			t.Errorf("missing feature %q", want)
		}
	}
	if ws, _ := words("Hulu’s ‘Shrill’ Reboot"); strings.Join(ws, "|") != "hulu's|shrill|reboot" {
		t.Errorf("words = %q", ws)
	}
}

func TestReadJSONL(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "x.jsonl")
		os.WriteFile(p, []byte(s), 0o644)
		return p
	}
	rows, err := ReadJSONL(write(`{"text": "A", "label": "clickbait"}`+"\n\n"+`{"text": "B", "label": "news"}`+"\n"), "clickbait")
	if err != nil || len(rows) != 2 || !rows[0].Positive || rows[1].Positive {
		t.Fatalf("rows %v, err %v", rows, err)
	}
	for in, want := range map[string]string{
		`{"text": "A"`:               "x.jsonl:1: unexpected end of JSON input",
		`{"label": "news"}`:          `x.jsonl:1: missing or empty "text"`,
		`{"text": "A", "label": ""}`: `x.jsonl:1: missing or empty "label"`,
		"{\"text\":\"A\",\"label\":\"a\"}\n{\"text\":\"B\",\"label\":\"b\"}\n{\"text\":\"C\",\"label\":\"c\"}": `x.jsonl:3: a third label "c": want two classes`,
	} {
		_, err := ReadJSONL(write(in), "a")
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("%s: error %v, want …%s", in, err, want)
		}
	}
}

func TestShippedModels(t *testing.T) {
	cb, err := Clickbait()
	if err != nil {
		t.Fatal(err)
	}
	sat, err := Satire()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Clickbait(); again != cb {
		t.Error("Clickbait() loaded twice")
	}
	for _, c := range []struct {
		m        *Model
		text     string
		min, max float64
	}{
		// Calibrated on article titles (mostly not clickbait), the model
		// is less sure of clickbait than on its own set.
		{cb, "You Won't Believe What This Senator Said Next", 0.6, 1},
		{cb, "17 Things Only People Who Grew Up In The '90s Will Understand", 0.9, 1},
		{cb, "Russia and Kazakhstan agree to double grain rail capacity", 0, 0.1},
		{cb, "European Central Bank holds rates steady amid inflation worries", 0, 0.1},
		{sat, "Area Man Passionate Defender Of What He Imagines Constitution To Be", 0.5, 1},
		// Calibrated on article titles (almost never satire), an Onion
		// headline can sit just under 0.5.
		{sat, "Nation's Dogs Vow To Keep Barking At Nothing", 0.4, 1},
	} {
		p, top := c.m.Score(c.text)
		if p < c.min || p > c.max {
			t.Errorf("%s(%q) = %.3f, want in [%.1f, %.1f]; top %v", c.m.Name(), c.text, p, c.min, c.max, top)
		}
		if len(top) != 5 {
			t.Errorf("%q: %d contributions, want 5", c.text, len(top))
		}
		for i := 1; i < len(top); i++ {
			if abs(top[i].Weight) > abs(top[i-1].Weight) {
				t.Errorf("%q: contributions not sorted by |weight|: %v", c.text, top)
			}
		}
	}
	if len(cb.TopFeatures()) == 0 || cb.TopFeatures()[0].Weight <= 0 {
		t.Errorf("clickbait top features: %v", cb.TopFeatures())
	}
	for _, name := range []string{"clickbait.bin.gz", "satire.bin.gz"} {
		if fi, err := os.Stat(filepath.Join("model", name)); err != nil || fi.Size() > 5<<20 {
			t.Errorf("model/%s: %v, size over 5 MB or missing", name, err)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestShippedHeldOut checks the shipped models on the held-out fifth of the
// shared data (fold 0, never trained or tuned on).
func TestShippedHeldOut(t *testing.T) {
	dataDir := shareddata.Dir(t, "datasets", "headlines")
	for _, c := range []struct {
		file, positive string
		model          func() (*Model, error)
		min            float64
	}{
		{"clickbait-train.jsonl", "clickbait", Clickbait, clickbaitHeldOut - 0.01},
		{"onion-train.jsonl", "satire", Satire, satireHeldOut - 0.01},
	} {
		rows, err := ReadJSONL(filepath.Join(dataDir, c.file), c.positive)
		if err != nil {
			t.Fatal(err)
		}
		_, test := Split(rows)
		m, err := c.model()
		if err != nil {
			t.Fatal(err)
		}
		sc := Evaluate(m, test)
		t.Logf("%s: held-out fifth %d: accuracy %.4f F1 %.4f", c.positive, sc.N, sc.Accuracy(), sc.F1())
		if sc.Accuracy() < c.min {
			t.Errorf("%s: held-out accuracy %.4f < %.4f", c.positive, sc.Accuracy(), c.min)
		}
	}
}

// satireHeldOut is the satire model's held-out accuracy measured when it
// was trained (see model/MODEL_CARD.md).
// Both are calibrated on article titles, where satire and clickbait are
// rarer than in their own sets: precision first, at a cost in accuracy on
// their own sets.
const satireHeldOut, clickbaitHeldOut = 0.7359, 0.8813
