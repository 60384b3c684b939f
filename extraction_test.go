package credence_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/markusmobius/go-trafilatura"

	"github.com/credence-news/credence"
)

// TestHTMLCleaningRemovesWhatTheExtractorKeeps shows the point of the news
// cleaning on top of go-trafilatura: on the shipped tabloid page the
// extractor keeps a photo credit, a caption shortcode, tweet residue and a
// call to action; Credence removes and lists each.
func TestHTMLCleaningRemovesWhatTheExtractorKeeps(t *testing.T) {
	raw, err := os.ReadFile("examples/tabloid-page.html")
	if err != nil {
		t.Fatal(err)
	}
	res, err := trafilatura.Extract(strings.NewReader(string(raw)), trafilatura.Options{EnableFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	d, err := credence.Document(context.Background(), raw, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ junk, reason string }{
		{"Photo: John Doe/AP", "photo-credit"},
		{`[caption id="attachment_123"`, "shortcode"},
		{"pic.twitter.com/", "social-embed"},
		{"Read more: Millions urged to check their smoke alarms", "call-to-action"},
	} {
		if !strings.Contains(res.ContentText, c.junk) {
			t.Errorf("go-trafilatura no longer keeps %q; pick another example", c.junk)
		}
		if strings.Contains(d.Text, c.junk) {
			t.Errorf("credence text still holds %q", c.junk)
		}
		found := false
		for _, r := range d.Removed {
			found = found || (strings.Contains(r.Text, c.junk) && string(r.Reason) == c.reason)
		}
		if !found {
			t.Errorf("removed lacks %s %q", c.reason, c.junk)
		}
	}
	want := map[string]string{"title": "'Miracle' sleep spray pulled from sale after shoppers report dizziness and blurred vision", "site": "The Daily Rattle", "published": "2025-03-03", "language": "en"}
	got := map[string]string{"title": d.Meta.Title, "site": d.Meta.Site, "published": d.Meta.Published, "language": d.Meta.Language}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("meta %s = %q, want %q", k, got[k], v)
		}
	}
	if len(d.Meta.Authors) != 1 || d.Meta.Authors[0] != "Jane Smith" {
		t.Errorf("authors = %q", d.Meta.Authors)
	}
}
