package samplecorpus

import (
	"fmt"
	"strings"
)

// field is one "name: value" line of a section's header, in file order
// (a copy's edits are fields, and their order matters).
type field struct {
	name, value string
	line        int
}

// section is one "[kind key]" block of a data file: its header fields and,
// for stories, its body paragraphs (one paragraph per line, paragraphs
// separated by blank lines).
type section struct {
	kind, key string
	file      string
	line      int
	fields    []field
	paras     []string
}

func (s *section) where() string { return fmt.Sprintf("%s:%d [%s %s]", s.file, s.line, s.kind, s.key) }

// get is the value of the single field name, or "".
func (s *section) get(name string) string {
	for _, f := range s.fields {
		if f.name == name {
			return f.value
		}
	}
	return ""
}

// all is the values of every field name, in order.
func (s *section) all(name string) []string {
	var out []string
	for _, f := range s.fields {
		if f.name == name {
			out = append(out, f.value)
		}
	}
	return out
}

// parseFile reads a data file: lines starting with "#" before a section's
// body are comments; "[kind key]" starts a section; the header is
// "name: value" lines up to the first blank line; the body is the rest, one
// paragraph per non-blank line.
func parseFile(name, data string) ([]*section, error) {
	var out []*section
	var cur *section
	inBody := false
	for i, raw := range strings.Split(data, "\n") {
		ln := i + 1
		line := strings.TrimRight(raw, " \t\r")
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			kk := strings.Fields(line[1 : len(line)-1])
			if len(kk) != 2 {
				return nil, fmt.Errorf("%s:%d: section line %q: want [kind key]", name, ln, line)
			}
			cur = &section{kind: kk[0], key: kk[1], file: name, line: ln}
			out = append(out, cur)
			inBody = false
			continue
		}
		if !inBody && strings.HasPrefix(line, "#") {
			continue
		}
		if cur == nil {
			if line == "" {
				continue
			}
			return nil, fmt.Errorf("%s:%d: text before the first section", name, ln)
		}
		if line == "" {
			if len(cur.fields) > 0 {
				inBody = true
			}
			continue
		}
		if inBody {
			if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
				return nil, fmt.Errorf("%s:%d: body line starts with a space", name, ln)
			}
			cur.paras = append(cur.paras, line)
			continue
		}
		n, v, ok := strings.Cut(line, ":")
		if !ok || n == "" || strings.ContainsAny(n, " \t") {
			return nil, fmt.Errorf("%s:%d: header line %q: want name: value", name, ln, line)
		}
		cur.fields = append(cur.fields, field{name: n, value: strings.TrimSpace(v), line: ln})
	}
	return out, nil
}
