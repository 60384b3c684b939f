package claims_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/doc"
)

func document(t *testing.T, path string) *doc.Document {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := credence.Document(context.Background(), raw, credence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Claims are ranked, carry their checkable parts, and say how the article
// makes them: the wire story's top claim is Orlova's, with its numbers.
func TestWireStoryClaims(t *testing.T) {
	d := document(t, "../../examples/wire-story.txt")
	if len(d.Claims) < 3 {
		t.Fatalf("only %d claims", len(d.Claims))
	}
	for i := 1; i < len(d.Claims); i++ {
		if d.Claims[i].Checkworthiness > d.Claims[i-1].Checkworthiness {
			t.Fatalf("claims not ranked: %v after %v", d.Claims[i].Checkworthiness, d.Claims[i-1].Checkworthiness)
		}
	}
	top := d.Claims[0]
	text := d.Text[top.Start:top.End]
	if !strings.HasPrefix(text, "Orlova said the route carried about 2 million tonnes") || top.Mode != "attributed" || d.Attributions[top.Attribution].Source.Name != "Natalya Orlova" {
		t.Errorf("top claim %q mode %s", text, top.Mode)
	}
	var parts []string
	for _, p := range top.Parts {
		parts = append(parts, string(p.Kind)+":"+d.Text[p.Start:p.End])
	}
	joined := strings.Join(parts, " ")
	for _, want := range []string{"person:Orlova", "number:2 million", "date:last year"} {
		if !strings.Contains(joined, want) {
			t.Errorf("parts %q lack %q", joined, want)
		}
	}
}

// A hedged claim is marked as such.
func TestHedgedClaim(t *testing.T) {
	raw := []byte("Headline\n\nThe company will probably cut 2,000 jobs in Germany by 2026, the biggest reduction in its history.\n")
	d, err := credence.Document(context.Background(), raw, credence.Options{Kind: "text"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Claims) != 1 || d.Claims[0].Mode != "hedged" {
		t.Fatalf("claims = %+v", d.Claims)
	}
}
