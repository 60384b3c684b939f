package stories

// Clustering is the store's job (incrementally, in SQL); Cluster does the
// same over a slice, for evaluation and for rebuilding from scratch.

// Clusters are the stories of a set of articles: the connected components
// of Related over the candidate pairs of IndexKeys and ProbeKeys.
type Clusters struct {
	// Of gives each article's story: the index of the story's first article.
	Of []int
	// Candidates counts the distinct candidate pairs the keys proposed, and
	// Links those Related accepted.
	Candidates, Links int
	// Linked lists the accepted pairs (i < j), in the order found.
	Linked [][2]int
}

// Cluster groups articles into stories.
func Cluster(fs []Features) Clusters {
	byKey := map[uint64][]int{}
	for i, f := range fs {
		for _, k := range IndexKeys(f) {
			byKey[k] = append(byKey[k], i)
		}
	}
	u := newUnionFind(len(fs))
	var c Clusters
	seen := map[[2]int]bool{}
	for i, f := range fs {
		for _, k := range ProbeKeys(f) {
			for _, j := range byKey[k] {
				if j <= i || seen[[2]int{i, j}] {
					continue
				}
				seen[[2]int{i, j}] = true
				c.Candidates++
				if _, ok := Related(f, fs[j]); ok {
					c.Links++
					c.Linked = append(c.Linked, [2]int{i, j})
					u.union(i, j)
				}
			}
		}
	}
	c.Of = make([]int, len(fs))
	for i := range fs {
		c.Of[i] = u.find(i)
	}
	return c
}

// Candidate reports whether two articles are candidates of each other:
// whether they share an index key.
func Candidate(a, b Features) bool {
	ka, kb := ProbeKeys(a), IndexKeys(b)
	return intersect(ka, kb) > 0
}
