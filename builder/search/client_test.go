package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"
)

// client reads an index as search.js does, loading files only as a query
// needs them, and counts what it loads: the Go twin of search.js's loading
// rules, so tests can hold the bytes of a query to a budget.
type client struct {
	t      testing.TB
	files  map[string][]byte
	seps   []string // of every shard, from every directory file
	hashes string
	groups []string // the first separator of each directory file
	// dirNames and bucketNames name the directory and bucket files.
	dirNames, bucketNames []string
	pages                 string // the hashes of the page files' buckets, 8 digits each
	bucket                int    // page files a hash
	loaded                map[string]bool
	bytes                 int
	parsed                map[int][2][]string // shards read so far: terms, postings
}

// maxChunks is how many shards search.js loads for the words a prefix
// could be the start of (SPAN in search.js), shortChunks for a prefix of
// one or two characters.
const (
	maxChunks   = 2
	shortChunks = 1
)

// maxResults is how many results search.js shows, and loads pages for;
// maxWords how many words of a query it looks up, the longest.
const (
	maxResults = 10
	maxWords   = 5
)

// uniqInOrder returns the words without repeats, in the order they come.
func uniqInOrder(words []string) []string {
	var out []string
	for _, w := range words {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

var (
	dirJS        = regexp.MustCompile(`^window\.` + Var + `=(\{.*\});\n$`)
	chunkJS      = regexp.MustCompile(`^` + Var + `\.add\((\d+),("[^"]*"),("[^"]*")\);\n$`)
	dirFileJS    = regexp.MustCompile(`^` + Var + `\.dir\((\d+),("[^"]*"),("[^"]*")\);\n$`)
	bucketFileJS = regexp.MustCompile(`^` + Var + `\.pages\((\d+),("[^"]*")\);\n$`)
	pageRe       = regexp.MustCompile(`^` + Var + `\.page\((\d+),(\{.*\})\);\n$`)
)

func newClient(t testing.TB, x Index) *client {
	t.Helper()
	c := &client{t: t, files: make(map[string][]byte), loaded: make(map[string]bool), parsed: make(map[int][2][]string)}
	for _, f := range x.Files {
		if _, dup := c.files[f.Name]; dup {
			t.Fatalf("two files named %s", f.Name)
		}
		c.files[f.Name] = f.Data
	}
	m := dirJS.FindSubmatch(c.load(x.Entry))
	if m == nil {
		t.Fatalf("entry %s does not set window.%s: %.100s", x.Entry, Var, c.files[x.Entry])
	}
	var dir struct {
		V, N, G, B, K int
		S, H, F       string
	}
	if err := json.Unmarshal(m[1], &dir); err != nil {
		t.Fatalf("entry %s: %v", x.Entry, err)
	}
	if dir.V != format || dir.B < 1 || dir.G != DirShards || dir.K != DirBuckets {
		t.Fatalf("entry: format %d, bucket %d, %d shards a directory, %d buckets a file", dir.V, dir.B, dir.G, dir.K)
	}
	c.bucket = dir.B
	if dir.S != "" || dir.H != "" {
		c.groups = strings.Split(dir.S, "|")
	}
	if len(dir.H) != 8*len(c.groups) || len(c.groups) != (dir.N+DirShards-1)/DirShards {
		t.Fatalf("entry: %d shards, %d directory files, %d hash digits", dir.N, len(c.groups), len(dir.H))
	}
	// The whole directory, read without counting: query counts the
	// directory files it needs as search.js loads them (prepare).
	for g := range c.groups {
		name := fmt.Sprintf("search/d%d.%s.js", g, dir.H[8*g:8*g+8])
		c.dirNames = append(c.dirNames, name)
		m := dirFileJS.FindSubmatch(c.files[name])
		if m == nil || string(m[1]) != fmt.Sprint(g) {
			t.Fatalf("%s does not call %s.dir(%d, ...): %.100s", name, Var, g, c.files[name])
		}
		var seps, hashes string
		if json.Unmarshal(m[2], &seps) != nil || json.Unmarshal(m[3], &hashes) != nil {
			t.Fatalf("%s: not two strings", name)
		}
		ss := strings.Split(seps, "|")
		if ss[0] != c.groups[g] || len(hashes) != 8*len(ss) || len(ss) > DirShards || g+1 < len(c.groups) && len(ss) != DirShards {
			t.Fatalf("%s: %d separators, %d hash digits, first %q (the entry says %q)", name, len(ss), len(hashes), ss[0], c.groups[g])
		}
		c.seps = append(c.seps, ss...)
		c.hashes += hashes
	}
	if len(c.seps) != dir.N {
		t.Fatalf("directory files list %d shards, the entry %d", len(c.seps), dir.N)
	}
	for k := 0; k < len(dir.F)/8; k++ {
		name := fmt.Sprintf("search/f%d.%s.js", k, dir.F[8*k:8*k+8])
		c.bucketNames = append(c.bucketNames, name)
		m := bucketFileJS.FindSubmatch(c.files[name])
		var hashes string
		if m == nil || string(m[1]) != fmt.Sprint(k) || json.Unmarshal(m[2], &hashes) != nil {
			t.Fatalf("%s does not call %s.pages(%d, ...): %.100s", name, Var, k, c.files[name])
		}
		c.pages += hashes
	}
	return c
}

// prepare loads the directory files search.js loads before it looks up
// terms: each term's and the ones beside it.
func (c *client) prepare(terms []string) {
	for _, t := range terms {
		g := sort.Search(len(c.groups), func(i int) bool { return compare(c.groups[i], t) > 0 }) - 1
		for _, x := range []int{g - 1, g, g + 1} {
			if x >= 0 && x < len(c.groups) {
				c.load(c.dirNames[x])
			}
		}
	}
}

func (c *client) load(name string) []byte {
	data, ok := c.files[name]
	if !ok {
		c.t.Fatalf("the index has no file %s", name)
	}
	if !c.loaded[name] {
		c.loaded[name] = true
		c.bytes += len(data)
	}
	return data
}

// find returns the shard that holds term if any does: the last whose
// separator sorts before or at it.
func (c *client) find(term string) int {
	return sort.Search(len(c.seps), func(i int) bool { return compare(c.seps[i], term) > 0 }) - 1
}

// chunk loads shard i and returns its terms and their postings.
func (c *client) chunk(i int) (terms, lists []string) {
	if p, ok := c.parsed[i]; ok {
		return p[0], p[1]
	}
	name := fmt.Sprintf("search/t%d.%s.js", i, c.hashes[8*i:8*i+8])
	m := chunkJS.FindSubmatch(c.load(name))
	if m == nil || m[1] == nil || string(m[1]) != fmt.Sprint(i) {
		c.t.Fatalf("%s does not call %s.add(%d, ...): %.100s", name, Var, i, c.files[name])
	}
	var names, posts string
	if err := json.Unmarshal(m[2], &names); err != nil {
		c.t.Fatal(err)
	}
	if err := json.Unmarshal(m[3], &posts); err != nil {
		c.t.Fatal(err)
	}
	terms, lists = strings.Split(names, "|"), strings.Split(posts, ",")
	if len(terms) != len(lists) {
		c.t.Fatalf("%s: %d terms, %d lists", name, len(terms), len(lists))
	}
	c.parsed[i] = [2][]string{terms, lists}
	return terms, lists
}

// chunks returns the shards a query word needs: the one that holds it, and
// for the last word (not a number), which may be the start of longer
// ones, the next ones while their terms may start with it, up to
// maxChunks. complete is false when more could.
func (c *client) chunks(word string, last bool) (ids []int, complete bool) {
	i := c.find(word)
	if i < 0 {
		return nil, true
	}
	ids = []int{i}
	if IsNumber(word) {
		return ids, true
	}
	span := maxChunks
	if len(utf16.Encode([]rune(word))) < 3 || !last {
		span = shortChunks
	}
	for i+1 < len(c.seps) && strings.HasPrefix(c.seps[i+1], word) {
		if len(ids) == span || strings.HasPrefix(c.seps[i+1], word+" ") {
			return ids, false
		}
		i++
		ids = append(ids, i)
	}
	return ids, true
}

// decode reads a list of postings.
func decode(t testing.TB, s string) (ps []posting, capped bool) {
	capped = strings.HasPrefix(s, "*")
	s = strings.TrimPrefix(s, "*")
	num := func() int {
		n, shift := 0, 0
		for {
			if s == "" {
				t.Fatalf("postings end inside a number")
			}
			d := strings.IndexByte(digits, s[0])
			if d < 0 {
				t.Fatalf("postings: %q is not a digit", s[0])
			}
			s = s[1:]
			n |= (d & 31) << shift
			shift += 5
			if d < 32 {
				return n
			}
		}
	}
	page := 0
	for s != "" {
		page += num()
		x := num()
		ps = append(ps, newPosting(page, x>>flagBits, x&(1<<flagBits-1)))
	}
	return ps, capped
}

// postings returns the list of term, loading its shard.
func (c *client) postings(term string) (ps []posting, capped, ok bool) {
	i := c.find(term)
	if i < 0 {
		return nil, false, false
	}
	terms, lists := c.chunk(i)
	j, found := slices.BinarySearchFunc(terms, term, compare)
	if !found {
		return nil, false, false
	}
	ps, capped = decode(c.t, lists[j])
	return ps, capped, true
}

// hit is a result of a query.
type hit struct {
	page, entry        int
	tier, count, score int
	title              int // words matched in the title
}

// match is what a word found: the best score and field of each entry, as
// page<<32 | entry<<8.
type match struct {
	best     map[posting][2]int
	complete bool
}

// take adds the entries of list to m with quality q, and reports whether
// the list is complete.
func (c *client) take(m *match, list string, q int) bool {
	ps, capped := decode(c.t, list)
	for _, p := range ps {
		f := p.flags() & 3
		sc := [4]int{fieldCode: 1, fieldText: 2, fieldSection: 3, fieldTitle: 10}[f] * q
		if b, ok := m.best[p&^0xff]; !ok || b[0] < sc {
			m.best[p&^0xff] = [2]int{sc, f}
		}
	}
	return !capped
}

// each calls fn with each term of shard i and its list, if i is a shard.
func (c *client) each(i int, fn func(t, list string)) {
	if i < 0 {
		return
	}
	terms, lists := c.chunk(i)
	for j, t := range terms {
		fn(t, lists[j])
	}
}

// typos is how many typos a word may have.
func typos(w string) int {
	switch n := len(utf16.Encode([]rune(w))); {
	case IsNumber(w) || n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// near reports whether a and b are at most k edits apart, counting in
// UTF-16 code units as search.js does (optimal string alignment).
func near(a, b string, k int) bool {
	x, y := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	if abs(len(x)-len(y)) > k {
		return false
	}
	var pp []int
	p := make([]int, len(y)+1)
	for j := range p {
		p[j] = j
	}
	for i := 1; i <= len(x); i++ {
		c := make([]int, len(y)+1)
		c[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			c[j] = min(p[j]+1, c[j-1]+1, p[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				c[j] = min(c[j], pp[j-2]+1)
			}
		}
		pp, p = p, c
	}
	return p[len(y)] <= k
}

func abs(n int) int { return max(n, -n) }

// query runs q as search.js does, up to loading the pages of the results
// it shows, and returns them.
func (c *client) query(q string) []hit {
	words := Terms(q)
	if len(words) == 0 {
		return nil
	}
	key, last := strings.Join(words, " "), words[len(words)-1]
	if len(words) > 1 {
		words = slices.DeleteFunc(words, func(w string) bool { return len(utf16.Encode([]rune(w))) == 1 && !IsNumber(w) })
	}
	words = slices.Compact(slices.Sorted(slices.Values(words)))
	if len(words) > maxWords { // the longest, as search.js keeps them
		keep := slices.Clone(uniqInOrder(Terms(q)))
		slices.SortStableFunc(keep, func(a, b string) int {
			return len(utf16.Encode([]rune(b))) - len(utf16.Encode([]rune(a)))
		})
		words = slices.DeleteFunc(words, func(w string) bool { return !slices.Contains(keep[:maxWords], w) })
	}
	prep := append([]string{key}, words...)
	for _, w := range words {
		if !IsNumber(w) && len(utf16.Encode([]rune(w))) >= 4 {
			prep = append(prep, StemTerm(Stem(w)))
		}
	}
	c.prepare(prep)
	found := make([]*match, len(words))
	stems := make([]string, len(words)) // the stems not looked up yet
	byStem := func(m *match, st string) {
		c.each(c.find(st), func(t, list string) {
			if t == st {
				m.complete = c.take(m, list, 5) && m.complete
			}
		})
	}
	for wi, w := range words {
		ids, complete := c.chunks(w, w == last)
		m := &match{best: make(map[posting][2]int), complete: complete}
		for _, i := range ids {
			c.each(i, func(t, list string) {
				switch {
				case t == w:
					m.complete = c.take(m, list, 6) && m.complete
				case !IsNumber(w) && strings.HasPrefix(t, w) && !strings.ContainsAny(t, " \t"):
					m.complete = c.take(m, list, 4) && m.complete
				}
			})
		}
		if st := StemTerm(Stem(w)); !IsNumber(w) && len(utf16.Encode([]rune(w))) >= 4 {
			if w == last || slices.Contains(ids, c.find(st)) {
				byStem(m, st)
			} else {
				stems[wi] = st
			}
		}
		found[wi] = m
	}
	// A word that matches nothing: its stem, then typos.
	for wi, w := range words {
		m, k, i := found[wi], typos(w), c.find(w)
		if len(m.best) > 0 {
			continue
		}
		near3 := []int{i - 1, i, i + 1}
		if k == 0 {
			near3 = nil
		}
		near3 = slices.DeleteFunc(near3, func(si int) bool { return si < 0 || si >= len(c.seps) })
		for _, si := range near3 {
			c.chunk(si) // search.js loads them with the stem's shard, at once
		}
		if stems[wi] != "" {
			byStem(m, stems[wi])
			stems[wi] = ""
		}
		if len(m.best) > 0 {
			continue
		}
		for _, si := range near3 {
			c.each(si, func(t, list string) {
				if !strings.ContainsAny(t, " \t") && !IsNumber(t) && near(t, w, k) {
					c.take(m, list, 2)
				}
			})
		}
	}
	rank := func() []hit {
		all := make(map[posting]*hit)
		get := func(e posting) *hit {
			h := all[e]
			if h == nil {
				h = &hit{page: e.page(), entry: e.entry()}
				all[e] = h
			}
			return h
		}
		var required []*match
		for _, m := range found {
			for e, b := range m.best {
				h := get(e)
				h.count++
				h.score += b[0]
				if b[1] == fieldTitle {
					h.title++
				}
			}
			if m.complete {
				required = append(required, m)
			}
		}
		// The entry whose key or title is the query has every word.
		if ps, _, ok := c.postings(key); ok {
			for _, p := range ps {
				if p.flags()&(flagKey|flagWhole) == 0 {
					continue
				}
				h := get(p &^ 0xff)
				switch {
				case p.flags()&flagKey != 0:
					h.tier = 5
				case p.entry() == 0:
					h.tier = 4
				default:
					h.tier = 3
				}
				h.count, h.title = len(words), len(words)
				h.score = max(h.score, 60*len(words))
			}
		}
		var hits []hit
		pick := func(need int, req []*match) {
		next:
			for e, h := range all {
				if h.count < need && h.tier <= 2 {
					continue
				}
				if h.tier == 0 && h.title == len(words) {
					h.tier = 1
					if h.entry == 0 {
						h.tier = 2
					}
				}
				for _, r := range req {
					if _, ok := r.best[e]; !ok && h.tier <= 2 {
						continue next
					}
				}
				hits = append(hits, *h)
			}
		}
		if len(required) > 0 {
			pick(0, required)
		} else {
			pick(len(words), nil)
			if len(hits) == 0 {
				pick(0, nil) // every word capped: rank by how many match
			}
		}
		slices.SortFunc(hits, func(a, b hit) int {
			return cmp.Or(b.tier-a.tier, b.count-a.count, b.score-a.score, a.page-b.page, a.entry-b.entry)
		})
		return hits
	}
	hits := rank()
	if len(hits) == 0 { // the stems not looked up yet may find an entry with every word
		for wi, m := range found {
			if stems[wi] != "" {
				byStem(m, stems[wi])
			}
		}
		hits = rank()
	}
	hits = hits[:min(len(hits), maxResults)]
	for _, h := range hits {
		b := h.page / c.bucket
		c.load(c.bucketNames[b/DirBuckets])
		// search.js loads it with its bucket's hash as a query.
		if h := c.pages[8*b : 8*b+8]; strings.Trim(h, "0123456789abcdef") != "" {
			c.t.Fatalf("bucket %d's hash %q", b, h)
		}
		name := fmt.Sprintf("search/p%d.js", h.page)
		if m := pageRe.FindSubmatch(c.load(name)); m == nil || string(m[1]) != fmt.Sprint(h.page) {
			c.t.Fatalf("%s does not call %s.page(%d, ...): %.100s", name, Var, h.page, c.files[name])
		}
	}
	return hits
}
