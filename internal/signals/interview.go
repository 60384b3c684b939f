package signals

import "strings"

// Interviews printed as questions and answers without quotation marks
// ("Have you started boxing?" / "I'm not there yet. I'm getting my back
// strong.") hold the interviewee's words in the answers and the
// interviewer's questions between them: neither is the writer's
// rhetoric. The answers count as attributed words (view.said), so that
// their hedges are the source's, their "I" is not the writer's presence,
// and their "crazy" is not the writer's sensationalism; the questions are
// not rhetorical questions.
//
// A question paragraph is one sentence ending in "?" that addresses
// "you"; an answer paragraph follows it, is not a question, does not open
// with a quotation mark and speaks in the first person. An article is an
// interview when it has at least minInterviewPairs such pairs, so that a
// column's "How can you support this man?" followed by the writer's "I"
// does not make one.
const minInterviewPairs = 3

// interview returns, for each paragraph, whether it is an interviewer's
// question and whether it is part of an answer.
func interview(v *view) (question, answer []bool) {
	d := v.d
	n := len(d.Paragraphs)
	if n == 0 {
		return nil, nil
	}
	sents := make([]int, n) // sentences per paragraph
	for _, s := range d.Sentences {
		if s.Paragraph >= 0 && s.Paragraph < n {
			sents[s.Paragraph]++
		}
	}
	// Words of each paragraph, for the pronoun tests.
	you, first := make([]bool, n), make([]bool, n)
	p := 0
	for i, w := range d.Words {
		for p < n && d.Paragraphs[p].End <= w.Start {
			p++
		}
		if p == n {
			break
		}
		switch v.lower[i] {
		case "you", "your", "yourself":
			you[p] = true
		case "i", "me", "my", "we", "our", "us":
			first[p] = true
		}
	}
	text := func(p int) string {
		return strings.TrimSpace(d.Text[d.Paragraphs[p].Start:d.Paragraphs[p].End])
	}
	opensQuote := func(t string) bool {
		return strings.HasPrefix(t, "\"") || strings.HasPrefix(t, "“") || strings.HasPrefix(t, "'") || strings.HasPrefix(t, "‘")
	}
	isQ := func(p int) bool {
		t := text(p)
		return sents[p] == 1 && you[p] && strings.HasSuffix(t, "?") && !opensQuote(t)
	}
	question = make([]bool, n)
	pairs := 0
	for p := 0; p+1 < n; p++ {
		if isQ(p) && !isQ(p+1) && first[p+1] && !opensQuote(text(p+1)) && !strings.HasSuffix(text(p+1), "?") {
			question[p] = true
			pairs++
		}
	}
	if pairs < minInterviewPairs {
		return nil, nil
	}
	// An answer runs from the paragraph after a question to the next
	// question; after the last question, one paragraph only (the article
	// may close in the writer's voice).
	answer = make([]bool, n)
	last := -1
	for p := range n {
		if question[p] {
			last = p
		}
	}
	for p := 0; p < n; p++ {
		if !question[p] {
			continue
		}
		for q := p + 1; q < n && !question[q] && !isQ(q); q++ {
			answer[q] = true
			if p == last {
				break
			}
		}
	}
	return question, answer
}
