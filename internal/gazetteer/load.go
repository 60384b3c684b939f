package gazetteer

import (
	_ "embed" // data files
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/datafile"
)

// The data files, embedded as strings so that loading copies nothing.
var (
	//go:embed data/countries.tsv
	countriesData string
	//go:embed data/regions.tsv
	regionsData string
	//go:embed data/cities.txt
	citiesData string
	//go:embed data/intl_orgs.tsv
	intlOrgsData string
	//go:embed data/gov_bodies.tsv
	govBodiesData string
	//go:embed data/roles.txt
	rolesData string
	//go:embed data/outlets.tsv
	outletsData string
	//go:embed data/titles.txt
	titlesData string
	//go:embed data/given_names.txt
	givenNamesData string
	//go:embed data/org_suffixes.txt
	orgSuffixesData string
	//go:embed data/parties.tsv
	partiesData string
	//go:embed data/outlets-seed.tsv
	outletsSeedData string

	dataFiles = map[string]*string{
		"countries.tsv": &countriesData, "regions.tsv": &regionsData,
		"cities.txt": &citiesData, "intl_orgs.tsv": &intlOrgsData,
		"gov_bodies.tsv": &govBodiesData, "roles.txt": &rolesData,
		"outlets.tsv": &outletsData, "titles.txt": &titlesData,
		"given_names.txt": &givenNamesData, "org_suffixes.txt": &orgSuffixesData,
		"parties.tsv": &partiesData, "outlets-seed.tsv": &outletsSeedData,
	}
)

// maxPatternLen is the longest entry, in words, that the matcher accepts.
const maxPatternLen = 12

// Gazetteer is a set of name lists compiled for matching. The zero value is
// not usable; get one from Default.
type Gazetteer struct {
	entries []Entry

	// pats are all match patterns, grouped by the folded form of their
	// first word; within a group sorted by class, then longest first, then
	// file order. tab maps a folded first word to its group.
	pats []pattern
	tab  table

	outletDomain map[string]int32 // outlets.tsv: domain -> entry
	seed         []Entry          // outlets-seed.tsv
	seedDomain   map[string]int32 // outlets-seed.tsv: domain -> seed entry

	// conflicts lists patterns that two different entries of one class
	// share, for the data-quality test.
	conflicts []string
}

// pattern is one surface form of an entry as a word sequence.
type pattern struct {
	toks    []string // words as written (lower-cased when fold)
	entry   int32
	class   Class
	fold    bool  // case-insensitive (roles)
	needThe bool  // must follow "the"/"The"/"THE" (entries "The X" of one word)
	form    uint8 // index of toks[0] among its group's first-word spellings
	len1    uint8 // len(toks[1]) in bytes, when there is a second word
}

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
)

// Default returns the embedded gazetteer, loaded once per process (safe for
// concurrent use). The pipeline does not use it: the Analyzer loads its own
// with Load; Default serves training, evaluation and tests.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := load()
		if err != nil {
			// The data is embedded and checked by the tests: an error
			// here is a bug in this package, not in the input.
			panic("gazetteer: " + err.Error())
		}
		defaultG = g
	})
	return defaultG
}

// read returns a data file: the embedded one, or the data folder's
// replacement or extension of it. Its name in the data layout is
// "gazetteer/" + name.
func (b *builder) read(name string) (string, error) {
	p, ok := dataFiles[name]
	if !ok {
		return "", fmt.Errorf("no data file %s", name)
	}
	s, err := b.files.ReadString("gazetteer/"+name, *p)
	if err != nil {
		return "", err
	}
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("gazetteer/%s: not valid UTF-8", name)
	}
	return s, nil
}

// eachRecord calls fn with the tab-separated fields of every line of a data
// file that is not blank or a comment (first non-space character '#'),
// checking that the line has minFields to maxFields fields (at most 8).
// Fields are trimmed of surrounding spaces; fn must not keep the slice.
func eachRecord(name, data string, minFields, maxFields int, fn func(f []string) error) error {
	var buf [8]string
	for n := 1; data != ""; n++ {
		var line string
		line, data, _ = strings.Cut(data, "\n")
		line = strings.TrimRight(line, "\r")
		t := strings.TrimSpace(line)
		if t == "" || t[0] == '#' {
			continue
		}
		f := buf[:0]
		for rest, more := line, true; more; {
			var field string
			field, rest, more = strings.Cut(rest, "\t")
			if len(f) == len(buf) {
				return fmt.Errorf("%s:%d: too many tab-separated fields", name, n)
			}
			f = append(f, strings.TrimSpace(field))
		}
		if len(f) < minFields || len(f) > maxFields {
			if minFields == maxFields {
				return fmt.Errorf("%s:%d: want %d tab-separated fields, got %d", name, n, minFields, len(f))
			}
			return fmt.Errorf("%s:%d: want %d to %d tab-separated fields, got %d", name, n, minFields, maxFields, len(f))
		}
		if f[0] == "" {
			return fmt.Errorf("%s:%d: empty name", name, n)
		}
		if maxFields > 2 && strings.Contains(f[0], "|") {
			return fmt.Errorf("%s:%d: aliases belong in the second column, not in the name %q", name, n, f[0])
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return nil
}

// names splits a "|"-separated alias field; empty parts are an error.
func names(field string) ([]string, error) {
	if field == "" {
		return nil, nil
	}
	parts := strings.Split(field, "|")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return nil, fmt.Errorf("empty name in %q", field)
		}
		parts[i] = p
	}
	return parts, nil
}

// checkISO checks an ISO 3166-1 alpha-2 field (may be empty).
func checkISO(s string) error {
	if s == "" {
		return nil
	}
	if len(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' {
		return fmt.Errorf("country %q is not an ISO 3166 alpha-2 code", s)
	}
	return nil
}

// builder collects entries and patterns while the files are read.
type builder struct {
	g      *Gazetteer
	seen   map[string]int32    // class + pattern key -> first entry
	onForm func(Class, string) // if set, called with every surface form (tests)
	files  *datafile.Set
}

// add records an entry with its surface forms (the first is usually its
// name) and returns its index.
func (b *builder) add(e Entry, forms []string) (int32, error) {
	id := int32(len(b.g.entries))
	b.g.entries = append(b.g.entries, e)
	for _, s := range forms {
		if err := b.addForm(e.Class, id, s); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// addForm adds the patterns of one surface form: the form itself and its
// spelling variants.
func (b *builder) addForm(c Class, id int32, s string) error {
	if b.onForm != nil {
		b.onForm(c, s)
	}
	if strings.ContainsAny(s, "()[]{}\"\u201c\u201d") {
		return fmt.Errorf("%q: brackets and double quotes are not allowed in names", s)
	}
	toks := tokenize(s)
	needThe := false
	if len(toks) > 1 && isThe(toks[0]) {
		toks = toks[1:]
		needThe = len(toks) == 1
	}
	if len(toks) == 0 {
		return fmt.Errorf("empty form %q", s)
	}
	if len(toks) > maxPatternLen {
		return fmt.Errorf("%q has %d words, more than %d", s, len(toks), maxPatternLen)
	}
	for _, t := range toks {
		if len(t) > 200 {
			return fmt.Errorf("%q: word longer than 200 bytes", s)
		}
	}
	fold := c == Role
	if fold {
		for i, t := range toks {
			toks[i] = strings.ToLower(t)
		}
	}
	b.addPattern(pattern{toks: toks, entry: id, class: c, fold: fold, needThe: needThe})
	if dottedClass(c) {
		if v, ok := mapToks(toks, undot); ok {
			b.addPattern(pattern{toks: v, entry: id, class: c, needThe: needThe})
		}
		if v, ok := mapToks(toks, dot); ok {
			b.addPattern(pattern{toks: v, entry: id, class: c, needThe: needThe})
		}
	}
	if v, ok := mapToks(toks, curlyApostrophe); ok {
		b.addPattern(pattern{toks: v, entry: id, class: c, fold: fold, needThe: needThe})
	}
	if !fold {
		// All-caps input is matched against the entry by ASCII case
		// folding; other letters need an upper-cased pattern of their own.
		if v, ok := mapToks(toks, upperNonASCII); ok {
			b.addPattern(pattern{toks: v, entry: id, class: c, needThe: needThe})
		}
	}
	return nil
}

func (b *builder) addPattern(p pattern) {
	if len(p.toks) > 1 {
		p.len1 = uint8(len(p.toks[1])) // at most 200 bytes (addForm)
	}
	var sb strings.Builder
	sb.WriteByte(byte(p.class))
	if p.needThe {
		sb.WriteString("the ")
	}
	sb.WriteString(strings.Join(p.toks, " "))
	k := sb.String()
	if prev, ok := b.seen[k]; ok {
		if prev == p.entry {
			return // the same entry spelled twice (e.g. "the US" and "US")
		}
		pe, e := b.g.entries[prev], b.g.entries[p.entry]
		if p.class != Outlet || pe.Domain == e.Domain {
			b.g.conflicts = append(b.g.conflicts, fmt.Sprintf("%v %q: %q and %q", p.class, k[1:], pe.Name, e.Name))
		}
	} else {
		b.seen[k] = p.entry
	}
	b.g.pats = append(b.g.pats, p)
}

// dottedClass reports whether a class gets "U.S."/"US" spelling variants.
func dottedClass(c Class) bool {
	switch c {
	case Country, Region, City, IntlOrg, GovBody, Outlet, Party:
		return true
	}
	return false
}

func isThe(s string) bool { return s == "the" || s == "The" || s == "THE" }

// mapToks applies f to every token and reports whether any changed.
func mapToks(toks []string, f func(string) string) ([]string, bool) {
	var out []string
	for i, t := range toks {
		if u := f(t); u != t {
			if out == nil {
				out = append([]string(nil), toks...)
			}
			out[i] = u
		}
	}
	return out, out != nil
}

// undot turns a dotted abbreviation of single letters into capitals:
// "U.S." -> "US", "N.Y." -> "NY". Other words are returned unchanged.
func undot(s string) string {
	if len(s) < 4 || len(s)%2 != 0 {
		return s
	}
	var b [16]byte
	n := 0
	for i := 0; i < len(s); i += 2 {
		if !isUpperASCII(s[i]) || s[i+1] != '.' || n == len(b) {
			return s
		}
		b[n] = s[i]
		n++
	}
	return string(b[:n])
}

// dot turns an acronym of two to four capitals into its dotted spelling:
// "UN" -> "U.N.", "FBI" -> "F.B.I.". Other words are returned unchanged.
func dot(s string) string {
	if len(s) < 2 || len(s) > 4 {
		return s
	}
	for i := 0; i < len(s); i++ {
		if !isUpperASCII(s[i]) {
			return s
		}
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		b.WriteByte('.')
	}
	return b.String()
}

func curlyApostrophe(s string) string { return strings.ReplaceAll(s, "'", "\u2019") }

func upperNonASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.ToUpper(s)
		}
	}
	return s
}

func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }

// tokenize splits a name into words the way the language layer splits news
// text (Penn Treebank style): at spaces and around "/", "+" and dashes
// (written "--"), with a possessive "'s", a trailing apostrophe ("Workers'")
// and a trailing comma, "!" or "?" split off. Periods stay on their word
// ("U.S.", "St.", "Calif."). TestDataQuality checks that the segmenter
// agrees on every entry; brackets and double quotes, which the treebank
// rewrites, are not allowed in entries.
func tokenize(s string) []string { return appendTokens(nil, s) }

// appendTokens appends the words of s, as tokenize splits them, to out.
// The words are substrings of s (or constants for the marks), so with room
// in out it does not allocate. It splits as strings.Fields would after
// putting spaces around the marks that are always words of their own
// ("/", "+", and dashes written as the treebank does, "--"), without
// building that string.
func appendTokens(out []string, s string) []string {
	start := -1 // start of the current word, -1 between words
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		mark := ""
		switch r {
		case '/':
			mark = "/"
		case '+':
			mark = "+"
		case '\u2013', '\u2014':
			mark = "--"
		}
		if mark != "" || unicode.IsSpace(r) {
			if start >= 0 {
				out = appendWord(out, s[start:i])
				start = -1
			}
			if mark != "" {
				out = append(out, mark)
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		out = appendWord(out, s[start:])
	}
	return out
}

// appendWord appends w with a trailing comma, "!", "?", possessive "'s"
// and apostrophe split off.
func appendWord(out []string, w string) []string {
	n := len(out)
	for {
		switch {
		case len(w) > 1 && (w[len(w)-1] == ',' || w[len(w)-1] == '!' || w[len(w)-1] == '?'):
			out = append(out, w[len(w)-1:])
			w = w[:len(w)-1]
			continue
		case len(w) > 2 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S")):
			out = append(out, w[len(w)-2:])
			w = w[:len(w)-2]
			continue
		case len(w) > 1 && strings.HasSuffix(w, "'"):
			out = append(out, "'")
			w = w[:len(w)-1]
			continue
		}
		break
	}
	out = append(out, w)
	// The split-off parts came last first.
	for i, j := n, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// load reads and compiles the embedded data files.
func load() (*Gazetteer, error) { return loadWith(datafile.Shipped(), nil) }

// Load reads and compiles the gazetteer's data files from files (the
// shipped lists with a user data folder laid over them).
func Load(files *datafile.Set) (*Gazetteer, error) { return loadWith(files, nil) }

// loadWith is Load, calling onForm (if not nil) with every surface form.
func loadWith(files *datafile.Set, onForm func(Class, string)) (*Gazetteer, error) {
	g := &Gazetteer{
		entries:      make([]Entry, 0, 8192),
		pats:         make([]pattern, 0, 12288),
		outletDomain: make(map[string]int32, 1024),
	}
	b := &builder{g: g, seen: make(map[string]int32, 12288), onForm: onForm, files: files}
	steps := []func(*builder) error{
		loadCountries, loadRegions, loadCities, loadIntlOrgs, loadGovBodies,
		loadRoles, loadOutlets, loadTitles, loadGivenNames, loadOrgSuffixes,
		loadParties, loadSeed,
	}
	for _, step := range steps {
		if err := step(b); err != nil {
			return nil, err
		}
	}
	if err := g.compile(); err != nil {
		return nil, err
	}
	return g, nil
}

// simpleFile loads a names-per-line file of class c: "name|alias..." with an
// optional second tab-separated field holding the ISO country code.
func simpleFile(b *builder, file string, c Class, withCountry bool) error {
	data, err := b.read(file)
	if err != nil {
		return err
	}
	maxF := 1
	if withCountry {
		maxF = 2
	}
	return eachRecord(file, data, 1, maxF, func(f []string) error {
		forms, err := names(f[0])
		if err != nil {
			return err
		}
		e := Entry{Class: c, Name: forms[0]}
		if len(f) > 1 {
			if err := checkISO(f[1]); err != nil {
				return err
			}
			e.Country = f[1]
		}
		if c == Role {
			for _, s := range forms {
				if s != strings.ToLower(s) {
					return fmt.Errorf("role %q: write roles in lower case", s)
				}
			}
		}
		_, err = b.add(e, forms)
		return err
	})
}

func loadCountries(b *builder) error {
	const file = "countries.tsv"
	data, err := b.read(file)
	if err != nil {
		return err
	}
	// name, aliases, demonyms, capital, iso2
	return eachRecord(file, data, 5, 5, func(f []string) error {
		aliases, err := names(f[1])
		if err != nil {
			return err
		}
		dems, err := names(f[2])
		if err != nil {
			return err
		}
		if err := checkISO(f[4]); err != nil {
			return err
		}
		if _, err := b.add(Entry{Class: Country, Name: f[0], Country: f[4], Extra: f[3]}, append([]string{f[0]}, aliases...)); err != nil {
			return err
		}
		if len(dems) > 0 {
			if _, err := b.add(Entry{Class: Demonym, Name: dems[0], Country: f[4], Extra: f[0]}, dems); err != nil {
				return err
			}
		}
		return nil
	})
}

func loadRegions(b *builder) error {
	const file = "regions.tsv"
	data, err := b.read(file)
	if err != nil {
		return err
	}
	// name, aliases, demonyms, iso2, kind
	return eachRecord(file, data, 5, 5, func(f []string) error {
		aliases, err := names(f[1])
		if err != nil {
			return err
		}
		dems, err := names(f[2])
		if err != nil {
			return err
		}
		if err := checkISO(f[3]); err != nil {
			return err
		}
		if f[4] == "" {
			return fmt.Errorf("region %q: empty kind", f[0])
		}
		if _, err := b.add(Entry{Class: Region, Name: f[0], Country: f[3], Extra: f[4]}, append([]string{f[0]}, aliases...)); err != nil {
			return err
		}
		if len(dems) > 0 {
			if _, err := b.add(Entry{Class: Demonym, Name: dems[0], Country: f[3], Extra: f[0]}, dems); err != nil {
				return err
			}
		}
		return nil
	})
}

func loadCities(b *builder) error      { return simpleFile(b, "cities.txt", City, true) }
func loadRoles(b *builder) error       { return simpleFile(b, "roles.txt", Role, false) }
func loadTitles(b *builder) error      { return simpleFile(b, "titles.txt", Title, false) }
func loadGivenNames(b *builder) error  { return simpleFile(b, "given_names.txt", GivenName, false) }
func loadOrgSuffixes(b *builder) error { return simpleFile(b, "org_suffixes.txt", OrgSuffix, false) }

// nameAliasCountry loads a file of "name, aliases, iso2" records.
func nameAliasCountry(b *builder, file string, c Class) error {
	data, err := b.read(file)
	if err != nil {
		return err
	}
	return eachRecord(file, data, 3, 3, func(f []string) error {
		aliases, err := names(f[1])
		if err != nil {
			return err
		}
		if err := checkISO(f[2]); err != nil {
			return err
		}
		_, err = b.add(Entry{Class: c, Name: f[0], Country: f[2]}, append([]string{f[0]}, aliases...))
		return err
	})
}

func loadGovBodies(b *builder) error { return nameAliasCountry(b, "gov_bodies.tsv", GovBody) }
func loadParties(b *builder) error   { return nameAliasCountry(b, "parties.tsv", Party) }

func loadIntlOrgs(b *builder) error {
	const file = "intl_orgs.tsv"
	data, err := b.read(file)
	if err != nil {
		return err
	}
	// name, aliases (optional)
	return eachRecord(file, data, 1, 2, func(f []string) error {
		var aliases []string
		if len(f) > 1 {
			if aliases, err = names(f[1]); err != nil {
				return err
			}
		}
		_, err := b.add(Entry{Class: IntlOrg, Name: f[0]}, append([]string{f[0]}, aliases...))
		return err
	})
}

func loadOutlets(b *builder) error {
	const file = "outlets.tsv"
	data, err := b.read(file)
	if err != nil {
		return err
	}
	// name, aliases, domain, iso2
	return eachRecord(file, data, 4, 4, func(f []string) error {
		aliases, err := names(f[1])
		if err != nil {
			return err
		}
		if err := checkISO(f[3]); err != nil {
			return err
		}
		doms, err := names(f[2])
		if err != nil {
			return err
		}
		if len(doms) == 0 {
			return fmt.Errorf("outlet %q: no domain", f[0])
		}
		for _, dom := range doms {
			if !looksLikeDomain(dom) {
				return fmt.Errorf("outlet %q: %q does not look like a domain", f[0], dom)
			}
			if _, dup := b.g.outletDomain[dom]; dup {
				return fmt.Errorf("outlet %q: domain %q listed twice", f[0], dom)
			}
		}
		id, err := b.add(Entry{Class: Outlet, Name: f[0], Country: f[3], Domain: doms[0]}, append([]string{f[0]}, aliases...))
		if err != nil {
			return err
		}
		for _, dom := range doms {
			b.g.outletDomain[dom] = id
		}
		return nil
	})
}

// loadSeed reads outlets-seed.tsv (domain, name, sources) into the domain
// index only: its names are derived from URL slugs and too noisy to match
// in text.
func loadSeed(b *builder) error {
	const file = "outlets-seed.tsv"
	data, err := b.read(file)
	if err != nil {
		return err
	}
	n := strings.Count(data, "\n")
	g := b.g
	g.seed = make([]Entry, 0, n)
	g.seedDomain = make(map[string]int32, n)
	return eachRecord(file, data, 3, 3, func(f []string) error {
		if !looksLikeDomain(f[0]) {
			return fmt.Errorf("%q does not look like a domain", f[0])
		}
		if _, dup := g.seedDomain[f[0]]; dup {
			return fmt.Errorf("domain %q listed twice", f[0])
		}
		g.seedDomain[f[0]] = int32(len(g.seed))
		g.seed = append(g.seed, Entry{Class: Outlet, Name: f[1], Domain: f[0], Extra: f[2]})
		return nil
	})
}

// compile groups the patterns by folded first word and builds the table.
func (g *Gazetteer) compile() error {
	keys := make([]string, len(g.pats))
	for i, p := range g.pats {
		keys[i] = foldString(p.toks[0])
	}
	idx := make([]int, len(g.pats))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		pa, pb := &g.pats[a], &g.pats[b]
		if c := strings.Compare(keys[a], keys[b]); c != 0 {
			return c
		}
		if pa.class != pb.class {
			return int(pa.class) - int(pb.class)
		}
		if len(pa.toks) != len(pb.toks) {
			return len(pb.toks) - len(pa.toks)
		}
		return a - b // file order
	})
	pats := make([]pattern, len(idx))
	var groupKeys []string
	var groupStart []int32
	for j, i := range idx {
		pats[j] = g.pats[i]
		if j == 0 || keys[i] != keys[idx[j-1]] {
			groupKeys = append(groupKeys, keys[i])
			groupStart = append(groupStart, int32(j))
		}
	}
	groupStart = append(groupStart, int32(len(pats)))
	g.pats = pats
	return g.tab.build(groupKeys, groupStart, pats)
}

// foldString lower-cases ASCII letters only, the key fold of the table.
func foldString(s string) string {
	for i := 0; i < len(s); i++ {
		if isUpperASCII(s[i]) {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if isUpperASCII(b[j]) {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// looksLikeDomain reports whether s is a lower-case host name with at least
// two labels and an alphabetic top-level label ("dailystar.co.uk").
func looksLikeDomain(s string) bool {
	if len(s) < 4 || len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
