package checkworthy

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
)

// ReadClaimBuster reads the ClaimBuster JSON data set: an array of
// {"sentence_id", "label", "text"} objects, label 1 = check-worthy.
func ReadClaimBuster(path string) ([]Example, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw []struct {
		Text  *string `json:"text"`
		Label *int    `json:"label"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]Example, 0, len(raw))
	for i, r := range raw {
		if r.Text == nil || r.Label == nil || (*r.Label != 0 && *r.Label != 1) {
			return nil, fmt.Errorf("%s: item %d: want \"text\" and a 0/1 \"label\"", path, i+1)
		}
		out = append(out, Example{Text: *r.Text, Label: *r.Label == 1})
	}
	return out, nil
}

// CLEFSentence is one line of a CLEF CheckThat! 2019 Task 1 debate.
type CLEFSentence struct {
	Debate  string // file_name
	Line    int
	Speaker string
	Text    string
	Label   bool
}

// ReadCLEF reads the CLEF-2019 CSV (header line_number, speaker, text,
// label, file_name; columns found by name).
func ReadCLEF(path string) ([]CLEFSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, need := range []string{"line_number", "speaker", "text", "label", "file_name"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: no %q column", path, need)
		}
	}
	var out []CLEFSentence
	for n := 2; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, err := strconv.Atoi(rec[col["line_number"]])
		if err != nil {
			return nil, fmt.Errorf("%s: record %d: bad line_number %q", path, n, rec[col["line_number"]])
		}
		lab := rec[col["label"]]
		if lab != "0" && lab != "1" {
			return nil, fmt.Errorf("%s: record %d: label %q is not 0 or 1", path, n, lab)
		}
		out = append(out, CLEFSentence{Debate: rec[col["file_name"]], Line: line, Speaker: rec[col["speaker"]], Text: rec[col["text"]], Label: lab == "1"})
	}
	return out, nil
}

// Examples returns the sentences as training examples.
func Examples(s []CLEFSentence) []Example {
	out := make([]Example, len(s))
	for i, x := range s {
		out[i] = Example{Text: x.Text, Label: x.Label}
	}
	return out
}
