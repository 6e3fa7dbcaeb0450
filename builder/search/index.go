package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"
)

// Sizes of the index; see the package doc.
const (
	// ChunkSize is the size, in bytes, at which the terms are cut into
	// shards: a query loads a shard or two for each of its words, and the
	// entry file lists every shard, so it weighs a shard's size against
	// the length of that list.
	ChunkSize = 12 << 10
	// MaxPostings caps the entries a term lists, keeping the best.
	MaxPostings = 1000
	// MaxEntries caps the entries of a page the index can tell apart.
	MaxEntries = 1 << 20
)

// File is a file of the index.
type File struct {
	Name string // slash path from the site root: "search/t3.1a2b3c4d.js"
	Data []byte
}

// Index is the built index.
type Index struct {
	Entry string // the name of the one file pages load, which loads the rest
	Files []File // the entry file, the directory and bucket files, the term shards in order, the page files in order
	// Kept names the page files an index made by State.Update has as
	// the last index had them, which are not in Files.
	Kept []string
}

// posting is an entry a term occurs in, ordered by page, then entry:
// page<<32 | entry<<8 | flags.
type posting uint64

func newPosting(page, entry, flags int) posting {
	return posting(uint64(page)<<32 | uint64(entry)<<8 | uint64(flags))
}

func (p posting) page() int  { return int(p >> 32) }
func (p posting) entry() int { return int(p>>8) & (MaxEntries - 1) }
func (p posting) flags() int { return int(p & 0xff) }

// Flags of a posting beside its field (flags&3): flagKey marks the entry
// whose key is the term, flagWhole the entry whose title is the term.
const (
	flagKey   = 4
	flagWhole = 8
	flagBits  = 4 // how far postings shift the entry left of the flags
)

// Build makes the index of pages, in reading order, which breaks ties
// between equally good results. The files depend only on the pages and
// their order. Entries of a page beyond MaxEntries are left out.
func Build(pages []*Page) Index {
	x, _ := BuildState(pages)
	return x
}

// BuildState is Build, also returning the state of the index, from which
// State.Update makes the index of the same pages with a few changed.
func BuildState(pages []*Page) (Index, *State) {
	return BuildStateFrom(len(pages), func(i int) *Page { return pages[i] })
}

// BuildStateFrom is BuildState for n pages that page returns, each once,
// in order. The index takes what it needs of a page's bucket of pages
// and lets them go before it asks for the next: a caller that holds no
// other reference to them has their memory back as the index is built,
// rather than all of it once it is done. On a big site the pages' entries
// are the most memory a build holds then.
func BuildStateFrom(n int, page func(i int) *Page) (Index, *State) {
	var c collector
	st := &State{urls: make([]string, n)}
	var files []File
	bucketPages := make([]*Page, 0, PageBucket)
	for lo := 0; lo < n; lo += PageBucket {
		bucketPages = bucketPages[:0]
		for i := lo; i < min(lo+PageBucket, n); i++ {
			p := page(i)
			st.urls[i] = p.URL
			c.add(i, p)
			bucketPages = append(bucketPages, p)
		}
		f, h := bucket(lo, bucketPages)
		files = append(files, f...)
		st.buckets = append(st.buckets, h)
	}
	clear(bucketPages)
	terms, lists := stemLists(c.terms, c.lists)
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return compare(terms[a], terms[b]) })
	st.terms, st.lists = make([]string, len(terms)), make([]list, len(terms))
	for i, j := range order {
		st.terms[i], st.lists[i] = terms[j], lists[j]
	}
	return st.index(files, nil), st
}

// A collector gathers the terms of pages, in the order they are first
// met, and the list of each.
//
// Pages come in reading order, entries in page order, and an entry has
// each term once, so the postings of every term arrive in order and are
// encoded as they come: a few bytes each. Terms are numbered across the
// site as they are first met, one lookup for each term of a Dict rather
// than for each term of each entry. Only terms of the pages are: a Dict
// may know terms of pages no longer in the site.
type collector struct {
	post   map[string]int32  // term → its number in terms and lists
	global map[*Dict][]int32 // each Dict's numbers → the site's, -1 when not met yet
	terms  []string
	lists  []list
}

// add gathers the terms of p, page pi of the index, the page after those
// added before.
func (c *collector) add(pi int, p *Page) {
	if c.post == nil {
		c.post, c.global = make(map[string]int32), make(map[*Dict][]int32)
	}
	d := p.dict
	g, ok := c.global[d]
	if !ok && d != nil {
		g = make([]int32, len(d.terms))
		for i := range g {
			g[i] = -1
		}
		c.global[d] = g
	}
	p.postings(pi, func(id uint32, x posting) {
		i := g[id]
		if i < 0 {
			t := d.terms[id]
			var ok bool
			if i, ok = c.post[t]; !ok {
				i = int32(len(c.terms))
				c.post[t] = i
				c.terms = append(c.terms, t)
				c.lists = append(c.lists, list{})
			}
			g[id] = i
		}
		c.lists[i].add(x)
	})
}

// postings calls f with the postings of p, page pi of the index, in
// order, each with the number of its term in p's Dict.
func (p *Page) postings(pi int, f func(id uint32, x posting)) {
	d := p.dict
	for ei, e := range p.Entries[:min(len(p.Entries), MaxEntries)] {
		for _, x := range p.terms[e.lo:e.hi] {
			flags := int(x & 3)
			switch x>>2 + 1 {
			case e.key:
				flags |= flagKey
			case e.whole:
				flags |= flagWhole
			}
			f(x>>2, newPosting(pi, ei, flags))
		}
		// A key or page title of several words is a term of its own.
		// (Those of headings would make the index a quarter bigger,
		// and the entry file every query loads with it.)
		if e.key > 0 && strings.Contains(d.terms[e.key-1], " ") {
			f(e.key-1, newPosting(pi, ei, fieldTitle|flagKey))
		}
		if e.whole > 0 && ei == 0 && strings.Contains(d.terms[e.whole-1], " ") {
			f(e.whole-1, newPosting(pi, ei, fieldTitle|flagWhole))
		}
	}
}

// index returns the files of the index of st: the entry file, the term
// shards, then pages, the page files made anew. dirty holds, sorted,
// the places of the terms whose lists changed since the last index, or
// where the terms removed were. A shard the last index had with the same
// terms, none of them dirty, is not made again: its name is in the
// Index's Kept, and its hash is the one st kept.
func (st *State) index(pages []File, dirty []int) Index {
	var (
		files  []File
		kept   []string
		seps   []string
		hashes strings.Builder
		shards []shard
	)
	old := st.shards
	// A shard's size is known without making it: its terms joined by
	// "|" and their lists by ",", cut once it reaches ChunkSize.
	for lo := 0; lo < len(st.terms); {
		hi, size := lo, 0
		for hi < len(st.terms) && size < ChunkSize {
			if hi > lo {
				size += 2
			}
			size += len(st.terms[hi]) + len(st.lists[hi].capped())
			hi++
		}
		n := len(shards)
		prev := ""
		if lo > 0 {
			prev = st.terms[lo-1]
		}
		seps = append(seps, separator(prev, st.terms[lo], lo == 0))
		sh := shard{first: st.terms[lo], last: st.terms[hi-1], n: hi - lo}
		for len(dirty) > 0 && dirty[0] < lo {
			dirty = dirty[1:]
		}
		if n < len(old) && old[n].first == sh.first && old[n].last == sh.last && old[n].n == sh.n && (len(dirty) == 0 || dirty[0] >= hi) {
			sh.hash = old[n].hash
			kept = append(kept, shardName(n, sh.hash))
		} else {
			data := st.shardJS(n, lo, hi)
			sh.hash = hash(data)
			files = append(files, File{Name: shardName(n, sh.hash), Data: data})
		}
		hashes.WriteString(sh.hash)
		shards = append(shards, sh)
		lo = hi
	}
	st.shards = shards
	// The directory of the shards, and the hashes of the page files'
	// buckets, are in files of DirShards and DirBuckets each, which the
	// entry lists: the entry stays small whatever the size of the site.
	h := hashes.String()
	var dirs []File
	var groupSeps []string
	var dirHashes strings.Builder
	for lo := 0; lo < len(seps); lo += DirShards {
		hi := min(lo+DirShards, len(seps))
		g := lo / DirShards
		data := fmt.Appendf(nil, "%s.dir(%d,%s,%s);\n", Var, g, quote(strings.Join(seps[lo:hi], "|")), quote(h[8*lo:8*hi]))
		dh := hash(data)
		dirHashes.WriteString(dh)
		groupSeps = append(groupSeps, seps[lo])
		dirs = append(dirs, File{Name: fmt.Sprintf("search/d%d.%s.js", g, dh), Data: data})
	}
	var bucketHashes strings.Builder
	for lo := 0; lo < len(st.buckets); lo += DirBuckets {
		hi := min(lo+DirBuckets, len(st.buckets))
		k := lo / DirBuckets
		data := fmt.Appendf(nil, "%s.pages(%d,%s);\n", Var, k, quote(strings.Join(st.buckets[lo:hi], "")))
		fh := hash(data)
		bucketHashes.WriteString(fh)
		dirs = append(dirs, File{Name: fmt.Sprintf("search/f%d.%s.js", k, fh), Data: data})
	}
	dir := struct {
		V int    `json:"v"`
		N int    `json:"n"`
		G int    `json:"g"`
		S string `json:"s"`
		H string `json:"h"`
		B int    `json:"b"`
		K int    `json:"k"`
		F string `json:"f"`
	}{format, len(seps), DirShards, strings.Join(groupSeps, "|"), dirHashes.String(), PageBucket, DirBuckets, bucketHashes.String()}
	data := append([]byte("window."+Var+"="), marshal(dir)...)
	data = append(data, ";\n"...)
	entry := File{Name: EntryName, Data: data}
	return Index{Entry: entry.Name, Files: slices.Concat([]File{entry}, dirs, files, pages), Kept: kept}
}

// shard is what a State keeps of a term shard of the last index: its
// first and last terms, how many, and the hash in its name.
type shard struct {
	first, last string
	n           int
	hash        string
}

// shardName names shard n, whose content hashes to h.
func shardName(n int, h string) string { return fmt.Sprintf("search/t%d.%s.js", n, h) }

// shardJS returns the file of shard n, which holds terms lo to hi-1.
func (st *State) shardJS(n, lo, hi int) []byte {
	var names, lists strings.Builder
	nameSize, listSize := 0, 0
	for i := lo; i < hi; i++ {
		nameSize += 1 + len(st.terms[i])
		listSize += 1 + len(st.lists[i].capped())
	}
	names.Grow(nameSize)
	lists.Grow(listSize)
	for i := lo; i < hi; i++ {
		if i > lo {
			names.WriteByte('|')
			lists.WriteByte(',')
		}
		names.WriteString(st.terms[i])
		lists.Write(st.lists[i].capped())
	}
	return fmt.Appendf(nil, "%s.add(%d,%s,%s);\n", Var, n, quote(names.String()), quote(lists.String()))
}

// bucket returns the files of pages, the bucket of page files starting
// at page lo, and the hash they share (see PageBucket): a hash of them
// all.
func bucket(lo int, pages []*Page) ([]File, string) {
	data := make([][]byte, len(pages))
	all := sha256.New()
	for i, p := range pages {
		data[i] = pageJS(lo+i, p)
		fmt.Fprintf(all, "%d\n", len(data[i]))
		all.Write(data[i])
	}
	h := hex.EncodeToString(all.Sum(nil)[:4])
	files := make([]File, len(pages))
	for i := range pages {
		files[i] = File{Name: pageName(lo + i), Data: data[i]}
	}
	return files, h
}

// pageName names the file of page i.
func pageName(i int) string { return fmt.Sprintf("search/p%d.js", i) }

// separator returns the shortest prefix of t that sorts after prev: what
// the directory needs to tell the shard starting at t from the one before.
func separator(prev, t string, first bool) string {
	if first {
		return ""
	}
	for i := range t {
		if i > 0 && compare(t[:i], prev) > 0 {
			return t[:i]
		}
	}
	return t
}

// list is the postings of a term, encoded as they come.
type list struct {
	enc  []byte
	page int // of the last posting
	n    int
	// top is the list capped (see capped), once made: a State keeps it,
	// so that an update makes again only the changed lists' (a big
	// site has thousands of lists over MaxPostings).
	top []byte
}

func (l *list) add(p posting) {
	l.enc = appendNum(l.enc, p.page()-l.page)
	l.enc = appendNum(l.enc, p.entry()<<flagBits|p.flags())
	l.page = p.page()
	l.n++
}

// all yields the postings of the list, flags and all, in order.
func (l *list) all() iter.Seq[posting] {
	return func(yield func(posting) bool) {
		for s, page := l.enc, 0; len(s) > 0; {
			var d, x int
			d, s = readNum(s)
			x, s = readNum(s)
			page += d
			if !yield(newPosting(page, x>>flagBits, x&(1<<flagBits-1))) {
				return
			}
		}
	}
}

// stemLists returns the lists of the stems of terms that more than one
// form of a word has, or a form other than the stem: each entry that has
// any of its forms once, with the best field it has one in. A stem's
// term and list are added to terms and lists.
func stemLists(terms []string, lists []list) ([]string, []list) {
	forms := make(map[string][]int32) // stem → its words' numbers
	for i, t := range terms {
		if len(t) >= 3 && isASCIIWord(t) {
			st := Stem(t)
			forms[st] = append(forms[st], int32(i))
		}
	}
	var ps []posting
	for st, words := range forms {
		if len(words) == 1 && terms[words[0]] == st {
			continue // the word itself lists its entries
		}
		var l list
		l, ps = stemList(ps, func(yield func(*list) bool) {
			for _, i := range words {
				if !yield(&lists[i]) {
					return
				}
			}
		})
		terms = append(terms, StemTerm(st))
		lists = append(lists, l)
	}
	return terms, lists
}

// stemList returns the list of a stem whose forms' lists are forms, and
// ps, memory it may reuse.
func stemList(ps []posting, forms iter.Seq[*list]) (list, []posting) {
	ps = ps[:0]
	for l := range forms {
		ps = slices.AppendSeq(ps, l.all())
	}
	for i := range ps {
		ps[i] &^= flagKey | flagWhole // of the word, not the stem
	}
	slices.Sort(ps) // by entry, then field: the best last
	var l list
	for i, p := range ps {
		if i+1 == len(ps) || ps[i+1]>>8 != p>>8 {
			l.add(p)
		}
	}
	return l, ps
}

func isASCIIWord(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < 'a' || t[i] > 'z' {
			return false
		}
	}
	return true
}

// capped returns the encoded list, keeping the best MaxPostings: the
// entry whose title the term is, the row whose key it is, then by field,
// then in reading order.
func (l *list) capped() []byte {
	if l.n <= MaxPostings {
		return l.enc
	}
	if l.top == nil {
		l.top = l.cap()
	}
	return l.top
}

// cap returns the capped encoding of a list of more than MaxPostings.
func (l *list) cap() []byte {
	// The best are those of the highest flags: all postings with flags
	// above some t, and the first of those with flags t. Two passes over
	// the list find and keep them, in the list's order, without sorting
	// the list (a common word's lists 10,000s of postings).
	var count [1 << flagBits]int
	for p := range l.all() {
		count[p.flags()]++
	}
	t, keep := len(count)-1, MaxPostings // keep: how many of flags t
	for count[t] < keep {
		keep -= count[t]
		t--
	}
	var c list
	c.enc = append(make([]byte, 0, len(l.enc)*MaxPostings/l.n+16), '*')
	for p := range l.all() {
		if f := p.flags(); f > t || f == t && keep > 0 {
			if f == t {
				keep--
			}
			c.add(p)
		}
	}
	return c.enc
}

const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// appendNum appends n ≥ 0, five bits a character, least significant first.
func appendNum(b []byte, n int) []byte {
	for n >= 32 {
		b = append(b, digits[32|n&31])
		n >>= 5
	}
	return append(b, digits[n])
}

// digitOf is the value of each character of digits.
var digitOf = func() (v [256]byte) {
	for i := range len(digits) {
		v[digits[i]] = byte(i)
	}
	return v
}()

// readNum reads a number appendNum wrote at the start of s.
func readNum(s []byte) (n int, rest []byte) {
	for i, shift := 0, 0; i < len(s); i, shift = i+1, shift+5 {
		d := int(digitOf[s[i]])
		n |= (d & 31) << shift
		if d < 32 {
			return n, s[i+1:]
		}
	}
	panic("search: postings end inside a number") // appendNum wrote them
}

// pageJS returns the page file of page i.
func pageJS(i int, p *Page) []byte {
	type entry struct {
		A string `json:"a,omitempty"`
		T string `json:"t"`
		S string `json:"s,omitempty"`
		X string `json:"x,omitempty"`
		C string `json:"c,omitempty"`
		K string `json:"k,omitempty"`
	}
	v := struct {
		U string  `json:"u"`
		T string  `json:"t"`
		E []entry `json:"e"`
	}{U: p.URL, T: p.Title, E: make([]entry, 0, len(p.Entries))}
	for _, e := range p.Entries {
		v.E = append(v.E, entry{e.ID, e.Title, e.Section, e.Text, e.Code, e.Key})
	}
	return fmt.Appendf(nil, "%s.page(%d,%s);\n", Var, i, marshal(v))
}

// marshal encodes v as JSON with <, > and & escaped as \u003c and so on,
// so no "</script>" or "<!--" can appear in a script, nor U+2028.
func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings and ints only: cannot fail
	}
	return b
}

func quote(s string) []byte { return marshal(s) }

// hash returns the first 8 hex digits of data's SHA-256, as asset names have.
func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:4])
}
