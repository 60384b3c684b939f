package sources

// Dataset identifiers, as they appear in Rating.Datasets, Rating.MBFCSource
// and the table's datasets column.
const (
	Lin2023        = "lin2023"
	OpenSources    = "opensources"
	BalyEMNLP18    = "baly-emnlp18"
	BalyACL2020    = "baly-acl2020"
	FakeNewsCorpus = "fakenewscorpus"
)

// Dataset describes one input of the table: where it comes from and on what
// terms.
type Dataset struct {
	ID       string // Lin2023, OpenSources, ...
	File     string // file name in the data directory
	Short    string // short citation used by Rating.Explain
	Citation string
	Licence  string
}

// Datasets lists the rating sets the table is built from (by
// `credence sources build`), in the order of Rating.Datasets.
var Datasets = []Dataset{
	{Lin2023, "lin2023-domain-pc1.csv", "Lin et al. 2023",
		"Lin H., Lasser J., Lewandowsky S., Cole R., Gully A., Rand D. G., Pennycook G. (2023). High level of correspondence across different news domain quality rating sets. PNAS Nexus 2(9), pgad286. doi:10.1093/pnasnexus/pgad286 (github.com/hauselin/domain-quality-ratings)",
		"free reuse with citation of the paper (authors' terms)"},
	{OpenSources, "opensources.json", "OpenSources",
		"OpenSources (opensources.co, 2017), curated list of credible and non-credible online information sources",
		"LGPL-3.0"},
	{BalyEMNLP18, "mbfc-baly-emnlp18.tsv", "Baly et al. 2018",
		"Baly R., Karadzhov G., Alexandrov D., Glass J., Nakov P. (2018). Predicting Factuality of Reporting and Bias of News Media Sources. EMNLP 2018 (github.com/ramybaly/News-Media-Reliability); labels from Media Bias/Fact Check (mediabiasfactcheck.com)",
		"no licence stated by the authors; the labels are Media Bias/Fact Check's"},
	{BalyACL2020, "mbfc-baly-acl2020.tsv", "Baly et al. 2020",
		"Baly R., Karadzhov G., An J., Kwak H., Dinkov Y., Ali A., Glass J., Nakov P. (2020). What Was Written vs. Who Read It: News Media Profiling Using Text Analysis and Social Media Context. ACL 2020 (github.com/ramybaly/News-Media-Reliability); labels from Media Bias/Fact Check (mediabiasfactcheck.com)",
		"no licence stated by the authors; the labels are Media Bias/Fact Check's"},
	{FakeNewsCorpus, "fakenewscorpus-websites.csv", "FakeNewsCorpus",
		"FakeNewsCorpus websites.csv (M. Szpakowski, github.com/several27/FakeNewsCorpus), OpenSources-style types for 1,001 domains",
		"Apache-2.0 (as listed for FakeNewsCorpus in the datasets README)"},
}

func datasetIndex(id string) int {
	for i, d := range Datasets {
		if d.ID == id {
			return i
		}
	}
	return -1
}

// Columns are the columns of the table file, after its "#" comment lines.
var Columns = []string{"domain", "pc1", "opensources", "mbfc_factuality", "mbfc_bias", "mbfc_source", "fakenewscorpus", "datasets"}
