package headline

import (
	"reflect"
	"testing"

	"github.com/credence-news/credence/internal/linear"
)

// TestFeaturesMatchReference checks features and Score against the
// reference code on hand-picked edge cases (every headline of the shared
// data: TestFeaturesMatchReferenceSharedData, -tags data).
func TestFeaturesMatchReference(t *testing.T) {
	matchReference(t, []string{
		"", "!!!", "’", "7 Things YOU Need To Know?", "Hulu’s ‘Shrill’ Reboot",
		"ÉTÉ İstanbul ǅemal ΣΊΣΥΦΟΣ’S ½ ² ٣ \xff\xfe bad utf8 'quoted' ''", "a a a a a a aa aa",
		"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone",
	})
}

// matchReference checks features and both shipped models' Score against
// the reference code on heads.
func matchReference(t *testing.T, heads []string) {
	t.Logf("%d headlines", len(heads))
	var models []*Model
	for _, load := range []func() (*Model, error){Clickbait, Satire} {
		m, err := load()
		if err != nil {
			t.Fatal(err)
		}
		models = append(models, m)
	}
	for _, h := range heads {
		want := refFeatures(h)
		if got := features(h); !reflect.DeepEqual(got, want) {
			t.Fatalf("features(%q)\n got %v\nwant %v", h, got, want)
		}
		for _, m := range models {
			z := 0.0
			var best linear.TopK
			for _, f := range want {
				w := float64(m.weights[m.bucket(f.name)])
				if w == 0 {
					continue
				}
				c := float64(w * f.value)
				z += c
				best.Add(Contribution{Feature: f.name, Weight: c})
			}
			wantP, wantTop := sigmoid(z), best.List()
			if a, b, ok := m.Calibration(); ok {
				wantP = sigmoid(a*z + b)
				for i := range wantTop {
					wantTop[i].Weight *= a
				}
			}
			p, top := m.Score(h)
			if p != wantP || !reflect.DeepEqual(top, wantTop) {
				t.Fatalf("%s Score(%q) = %v %v, want %v %v", m.name, h, p, top, wantP, wantTop)
			}
		}
	}
}
