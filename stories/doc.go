// Package stories groups articles about the same event into stories. It is
// pure logic, with no database: the store calls it.
//
//   - Extract reduces an analysed report to Features: the publication day
//     and hashed sets of salient entity names, title stems and lead stems.
//     Bytes and FeaturesFrom encode them for a BLOB.
//   - IndexKeys and ProbeKeys are the LSH keys an article is stored under
//     and looks up (MinHash of entities and title stems × a time bucket);
//     candidacy is symmetric.
//   - Related is the pairwise decision, symmetric and a pure function of
//     the pair. Dated pairs are judged by the IDF-weighted overlap of their
//     title-and-lead stems: each stem and name carries its weight from a
//     fixed, embedded document-frequency table of reference news
//     (df.tsv.gz, MODEL.md, written by `credence train stories`), so
//     sharing "Trump" and "election" weighs little and sharing
//     "Tidewater" or "£48m" a lot.
//   - Stories are the connected components of the vouched links: the
//     strong ones (Link) and those in a triangle of links (Vouched), since
//     single link over Related chains a week of one topic into one story.
//     Cluster does it over a slice; the store keeps it incrementally.
//   - SharedClaims and QuotesBySpeaker summarise a story's claims and
//     quotes from the store's rows.
//
// Figures (credence eval stories; README.md has the details): on the
// sample corpus, a tuning set, pairwise P 1.000 R 0.818, B-cubed P 1.000
// R 0.868; on train.jsonl dated 100 a day, the precision tuning set,
// B-cubed P 0.990 and no story larger than 3; held out, on the CoAID
// stream (COVID-19 pages only), stories over-merge: one of 297 (the
// reference news never saw its vocabulary; 700 before the triangle rule).
package stories
