package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A gold of one article we wrote, scored end to end: the right speaker,
// a speaker given to a title, a scare quote, an attribution, a junk line
// caught and one missed.
func TestEvalFindings(t *testing.T) {
	dir := t.TempDir()
	text := "Senators from both parties praised the budget deal on Friday.\n\n" +
		"“This is a good day for the country,” said Senator Jane Doe, who chairs the committee.\n\n" +
		"Critics of the so-called “experts” were not convinced.\n\n" +
		"Story Continued Below\n\n" +
		"Officials said the House would vote next week.\n\n" +
		"Quiz Of The Week\n"
	arts := `{"id": "a1", "dataset": "mine", "label": "reliable", "title": "Budget deal passes", "text": ` + jsonString(text) + "}\n"
	gold := `{"id": "a1", "split": "dev", "quotes": [` +
		`{"text": "This is a good day for the country,", "kind": "direct", "speaker": "Jane Doe", "speaker_type": "named-person"},` +
		`{"text": "experts", "kind": "scare", "speaker": null}],` +
		`"attributions": [{"anchor": "Senators from both parties praised", "cue": "praised", "source": "Senators from both parties", "type": "vague"},` +
		`{"anchor": "said Senator Jane Doe", "cue": "said", "source": "Jane Doe", "type": "named-person"},` +
		`{"anchor": "Officials said the House would vote", "cue": "said", "source": "Officials", "type": "anonymous"}],` +
		`"junk": ["Story Continued Below", "Quiz Of The Week"], "claims": []}` + "\n"
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	code, out, errOut := runCLI(t, "", "eval", "findings", "--gold", write("gold.jsonl", gold), "--data", write("arts.jsonl", arts))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"quotes found            1.000  (1 of 1 quotations of people's words)",
		"speaker precision       1.000  (1 right of 1 named)",
		"attribution sources     1.000  precision (3 right of 3 listed); recall 1.000 (3 of 3 gold)",
		"source-type accuracy    1.000  (of the right sources)",
		"scare quotes            1.000  precision (1 right of 1 flagged); recall 1.000 (of 1 gold)",
		"junk                    0.500  recall (1 of 2 gold items); precision 1.000 (1 of 1 removals)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, _, errOut = runCLI(t, "", "eval", "findings", "--gold", write("bad.jsonl", `{"id": "nope", "quotes": []}`+"\n"), "--data", filepath.Join(dir, "arts.jsonl"))
	if code != 1 || !strings.Contains(errOut, `article "nope" is not in`) {
		t.Errorf("unknown id: exit %d, %q", code, errOut)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
