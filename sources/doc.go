// Package sources says how reputable a news outlet is, from public
// domain-rating datasets, with provenance.
//
// The ratings come from five files (see Datasets): the Lin et al. 2023
// consensus quality score pc1, OpenSources tags, Media Bias/Fact Check
// factuality and bias labels as published by Baly et al. 2018 and 2020,
// and the FakeNewsCorpus website types. Build merges them into one table,
// shipped gzip-compressed in data/ratings.tsv.gz and embedded in the
// binary; Default loads it once, and Table.Lookup finds the rating of a
// host or URL, falling back from a subdomain to its registrable domain
// (by the Public Suffix List, with the blog-hosting platforms it lacks, so
// "someone.substack.com" never takes substack.com's rating).
//
// # Keys
//
// Rows are keyed by normalised host (see Normalize): "reuters.com",
// "news.harvard.edu". A few dataset entries rate a section of a site rather
// than the whole site ("newyorker.com/humor/borowitz-report",
// "facebook.com/<page>", "abc.net.au/news"). Each keeps its own "host/path"
// row, which Lookup returns only for URLs under that path, so a section's
// rating never passes for the site's (The New Yorker is not satire, Facebook
// is not an Italian rumour page). Landing-page paths (/en, /index.html,
// /home) are not sections. pc1 is stored truncated to 3 decimals.
//
// # Level
//
// Every Rating carries a one-word summary, Level, derived by these rules in
// order ("tags" are the OpenSources and FakeNewsCorpus tags together):
//
//  1. unrated: no pc1, no MBFC factuality and no tags.
//  2. unreliable: a red-flag tag: fake, conspiracy, junksci or hate.
//  3. satire: a satire tag (a site tagged both satire and fake is
//     unreliable by rule 2).
//  4. Otherwise the evidence is weighed. Good evidence: pc1 >= 0.7, MBFC
//     factuality high. Bad evidence: pc1 < 0.4, MBFC factuality low, an
//     unreliable or rumor tag. Good evidence only gives reliable, bad
//     evidence only gives unreliable, and both (a conflict) or neither (pc1
//     in [0.4, 0.7), MBFC mixed, or only tags such as bias, political,
//     clickbait or state) give mixed.
//
// The OpenSources "reliable" tag is not used as evidence: it is rare (9
// domains) and inconsistently applied. Rating.Explain states the evidence
// and the rule that decided the level.
package sources
