package credence_test

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/report"
)

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(report.SchemaJSON))
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("report-v1.json", doc); err != nil {
			schemaErr = err
			return
		}
		schema, schemaErr = c.Compile("report-v1.json")
	})
	if schemaErr != nil {
		t.Fatalf("compiling the report schema: %v", schemaErr)
	}
	return schema
}

func mustAnalyze(t *testing.T, raw []byte) *credence.Report {
	t.Helper()
	rep, err := credence.Analyze(context.Background(), raw, credence.Options{})
	if err != nil {
		t.Fatalf("analyze: %v", err)
	}
	return rep
}

// validateReport checks a report against the JSON Schema and the offset
// invariants the schema cannot express.
func validateReport(t *testing.T, rep *credence.Report) {
	t.Helper()
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := compiledSchema(t).Validate(v); err != nil {
		t.Fatalf("report does not match the schema: %v", err)
	}
	n := len([]rune(rep.Text))
	check := func(what string, start, end int) {
		if start < 0 || end < start || end > n {
			t.Errorf("%s [%d,%d) is outside text of %d code points", what, start, end, n)
		}
	}
	prev := 0
	for i, p := range rep.Paragraphs {
		check("paragraph", p.Start, p.End)
		if p.Start < prev {
			t.Errorf("paragraph %d starts before the previous one ends", i)
		}
		prev = p.End
	}
	for _, s := range rep.Sentences {
		check("sentence", s.Start, s.End)
		p := rep.Paragraphs[s.Paragraph]
		if s.Start < p.Start || s.End > p.End {
			t.Errorf("sentence [%d,%d) lies outside its paragraph [%d,%d)", s.Start, s.End, p.Start, p.End)
		}
	}
	for _, r := range rep.Removed {
		check("removal position", r.At, r.At)
	}
}
