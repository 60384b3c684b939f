package stories

// Stories are not the connected components of Related itself. Single link
// over a pairwise relation percolates: in a week of news about one topic
// (a pandemic, an election) each article is wrongly related to a few
// others, and a few wrong links an article chain the whole week into one
// "story" (on the dated CoAID stream, 700 articles). So a link joins two
// articles into one story only when it is vouched for:
//
//   - it is strong (Link's strong: the two share most of their title and
//     lead, weighted by informativeness), or
//   - it lies in a triangle: a third article is related to both.
//
// Reports of one event that three or more outlets covered are related to
// each other, so their links form triangles; a wrong link between two
// topics rarely has a third article related to both ends. Two reports of
// an event nobody else covered are joined only by a strong link.
//
// A story is then a connected component of the vouched links: a pure
// function of the set of articles (Link is a pure function of the pair,
// and the candidates are symmetric), so the store can keep it
// incrementally and get what a rebuild gets.

// Edge is a related pair of articles (by index or rid), A < B.
type Edge struct {
	A, B   int64
	Strong bool
}

// Vouched returns the edges that join stories: the strong ones and those
// in a triangle of edges.
func Vouched(edges []Edge) []Edge {
	adj := map[int64]map[int64]bool{}
	add := func(a, b int64) {
		if adj[a] == nil {
			adj[a] = map[int64]bool{}
		}
		adj[a][b] = true
	}
	for _, e := range edges {
		add(e.A, e.B)
		add(e.B, e.A)
	}
	var out []Edge
	for _, e := range edges {
		if e.Strong || inTriangle(adj, e.A, e.B) {
			out = append(out, e)
		}
	}
	return out
}

// inTriangle reports whether a and b have a common neighbour.
func inTriangle(adj map[int64]map[int64]bool, a, b int64) bool {
	na, nb := adj[a], adj[b]
	if len(na) > len(nb) {
		na, nb = nb, na
	}
	for c := range na {
		if c != a && c != b && nb[c] {
			return true
		}
	}
	return false
}

// Clusters are the stories of a set of articles.
type Clusters struct {
	// Of gives each article's story: the index of the story's first article.
	Of []int
	// Candidates counts the distinct candidate pairs the keys proposed,
	// Links those Related accepted, and Vouched the links that join
	// stories (strong, or in a triangle).
	Candidates, Links, Vouched int
	// Linked lists the vouched pairs (i < j).
	Linked [][2]int
}

// Cluster groups articles into stories, as the store does.
func Cluster(fs []Features) Clusters {
	byKey := map[uint64][]int{}
	for i, f := range fs {
		for _, k := range IndexKeys(f) {
			byKey[k] = append(byKey[k], i)
		}
	}
	var c Clusters
	var edges []Edge
	seen := map[[2]int]bool{}
	for i, f := range fs {
		for _, k := range ProbeKeys(f) {
			for _, j := range byKey[k] {
				if j <= i || seen[[2]int{i, j}] {
					continue
				}
				seen[[2]int{i, j}] = true
				c.Candidates++
				if strong, ok := Link(f, fs[j]); ok {
					c.Links++
					edges = append(edges, Edge{int64(i), int64(j), strong})
				}
			}
		}
	}
	u := newUnionFind(len(fs))
	for _, e := range Vouched(edges) {
		c.Vouched++
		c.Linked = append(c.Linked, [2]int{int(e.A), int(e.B)})
		u.union(int(e.A), int(e.B))
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
