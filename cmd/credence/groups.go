package main

// The help of the commands that group subcommands: what each one does, in
// one line, and where its flags are described.

const evalGroupUsage = `credence eval WHAT [flags]

Scores a part of Credence on the shared evaluation data:

  extraction   article-body extraction on the Zyte benchmark (--pages DIR --gold FILE)
  ner          the named-entity recogniser on a gold file, conlleval semantics (--gold FILE)
  attribution  attributions on a PolNeAR split (--gold DIR)
  headlines    the clickbait or satire headline model on a labelled JSONL file (--data FILE)
  claims       leave-one-debate-out MAP of the claims model (--clef FILE)
  articles     the verdict on labelled articles, per corpus; --cv cross-validates beside a baseline (--data FILE)
  findings     quotes, speakers, attributions, scare quotes, junk and claims against a careful reader's gold (--gold FILE)

Run "credence eval WHAT --help" for the flags of one.`

const trainGroupUsage = `credence train WHAT [flags]

Trains a model, or rebuilds a data file, from the shared data:

  tagger      the part-of-speech tagger and named-entity recogniser
  signals     the signals' reference distributions (and, unless --reference-only, the headline and claims models)
  headlines   the clickbait and satire headline models
  claims      the check-worthiness model
  verdict     the verdict model (labels and credibility score), with its model card

Run "credence train WHAT --help" for the flags of one.`

// isHelpFlag reports -h, -help and --help.
func isHelpFlag(s string) bool { return s == "-h" || s == "-help" || s == "--help" }
