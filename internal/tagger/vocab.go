package tagger

// Vocabulary returns the model's vocabulary: the training words seen at
// least vocabMinCount times, in their training spelling, most frequent
// first. Other stages use it as a list of ordinary English words (the
// signals stage tells a shouted "WRONG" from an acronym by it).
func (m *Model) Vocabulary() []string { return append([]string(nil), m.vocab...) }
