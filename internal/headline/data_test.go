//go:build data

// Slow tests on the shared data, run with -tags data (as CI does).

package headline

import (
	"path/filepath"
	"testing"

	"github.com/credence-news/credence/internal/shareddata"
)

// TestFeaturesMatchReferenceSharedData is TestFeaturesMatchReference on
// every headline of the shared clickbait and satire sets.
func TestFeaturesMatchReferenceSharedData(t *testing.T) {
	dataDir := shareddata.Dir(t, "datasets", "headlines")
	var heads []string
	for _, f := range []string{"clickbait-train.jsonl", "onion-train.jsonl"} {
		rows, err := ReadJSONL(filepath.Join(dataDir, f), "x")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			heads = append(heads, r.Text)
		}
	}
	matchReference(t, heads)
}
