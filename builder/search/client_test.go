package search

import (
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
	seps   []string
	hashes string
	pages  string // the hashes of the page files' buckets, 8 digits each
	bucket int    // page files a hash
	loaded map[string]bool
	bytes  int
	parsed map[int][2][]string // shards read so far: terms, postings
}

// maxChunks is how many shards search.js loads for the words a prefix
// could be the start of (SPAN in search.js), shortChunks for a prefix of
// one or two characters.
const (
	maxChunks   = 2
	shortChunks = 1
)

// maxResults is how many results search.js shows, and loads pages for.
const maxResults = 10

var (
	dirJS   = regexp.MustCompile(`^window\.` + Var + `=(\{.*\});\n$`)
	chunkJS = regexp.MustCompile(`^` + Var + `\.add\((\d+),("[^"]*"),("[^"]*")\);\n$`)
	pageRe  = regexp.MustCompile(`^` + Var + `\.page\((\d+),(\{.*\})\);\n$`)
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
		V       int
		S, H, F string
		B       int
	}
	if err := json.Unmarshal(m[1], &dir); err != nil {
		t.Fatalf("entry %s: %v", x.Entry, err)
	}
	if dir.S != "" || dir.H != "" {
		c.seps = strings.Split(dir.S, "|")
	}
	c.hashes, c.pages, c.bucket = dir.H, dir.F, dir.B
	if dir.V != format || dir.B < 1 {
		t.Fatalf("entry: format %d, bucket %d", dir.V, dir.B)
	}
	if len(c.hashes) != 8*len(c.seps) {
		t.Fatalf("entry: %d shards, %d hash digits", len(c.seps), len(c.hashes))
	}
	return c
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
// for a word (not a number), which may be the start of longer ones, the
// next ones while their terms may start with it, up to maxChunks. complete
// is false when more could.
func (c *client) chunks(word string) (ids []int, complete bool) {
	i := c.find(word)
	if i < 0 {
		return nil, true
	}
	ids = []int{i}
	if IsNumber(word) {
		return ids, true
	}
	span := maxChunks
	if len(utf16.Encode([]rune(word))) < 3 {
		span = shortChunks
	}
	for i+1 < len(c.seps) && strings.HasPrefix(c.seps[i+1], word) {
		if len(ids) == span {
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
		ps = append(ps, newPosting(page, x>>3, x&7))
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
	page, entry  int
	count, score int
}

// query runs q as search.js does, up to loading the pages of the results
// it shows, and returns them.
func (c *client) query(q string) []hit {
	words := Terms(q)
	if len(words) == 0 {
		return nil
	}
	key := strings.Join(words, " ")
	words = slices.Compact(slices.Sorted(slices.Values(words)))
	type match struct{ count, score int }
	all := make(map[posting]*match) // by page and entry, flags 0
	var required []map[posting]bool
	keys := make(map[posting]bool)
	if len(words) > 1 {
		if ps, _, ok := c.postings(key); ok {
			for _, p := range ps {
				if p.flags()&flagKey != 0 {
					keys[p&^0xff] = true
				}
			}
		}
	}
	for _, w := range words {
		ids, complete := c.chunks(w)
		best := make(map[posting]int)
		for _, i := range ids {
			terms, lists := c.chunk(i)
			for j, t := range terms {
				exact := t == w
				if !exact && (IsNumber(w) || !strings.HasPrefix(t, w) || strings.Contains(t, " ")) {
					continue
				}
				ps, capped := decode(c.t, lists[j])
				if capped {
					complete = false
				}
				for _, p := range ps {
					sc := [4]int{fieldCode: 1, fieldText: 2, fieldSection: 4, fieldTitle: 10}[p.flags()&3]
					if exact && p.flags()&3 == fieldTitle {
						sc = 12
					}
					if exact && len(words) == 1 && p.flags()&flagKey != 0 {
						keys[p&^0xff] = true
					}
					e := p &^ 0xff
					best[e] = max(best[e], sc)
				}
			}
		}
		for e, sc := range best {
			m := all[e]
			if m == nil {
				m = &match{}
				all[e] = m
			}
			m.count++
			m.score += sc
		}
		if complete {
			seen := make(map[posting]bool, len(best))
			for e := range best {
				seen[e] = true
			}
			required = append(required, seen)
		}
	}
	var hits []hit
	pick := func(need int, req []map[posting]bool) {
	next:
		for e, m := range all {
			if m.count < need {
				continue
			}
			for _, r := range req {
				if !r[e] {
					continue next
				}
			}
			sc := m.score
			if keys[e] {
				sc += 1000
			}
			hits = append(hits, hit{e.page(), e.entry(), m.count, sc})
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
		if a.count != b.count {
			return b.count - a.count
		}
		if a.score != b.score {
			return b.score - a.score
		}
		if a.page != b.page {
			return a.page - b.page
		}
		return a.entry - b.entry
	})
	hits = hits[:min(len(hits), maxResults)]
	for _, h := range hits {
		b := h.page / c.bucket
		name := fmt.Sprintf("search/p%d.%s.js", h.page, c.pages[8*b:8*b+8])
		if m := pageRe.FindSubmatch(c.load(name)); m == nil || string(m[1]) != fmt.Sprint(h.page) {
			c.t.Fatalf("%s does not call %s.page(%d, ...): %.100s", name, Var, h.page, c.files[name])
		}
	}
	return hits
}
