package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
)

// State is what Update needs of an index to make the index of the same
// pages with a few of them changed: each page's URL, every term's whole
// list of postings (before capping), the hash of each bucket of page
// files, and where the last index cut its shards and their hashes, so
// that a shard whose terms' lists did not change is not made again (a
// build that changed one page made and hashed every shard, 8 MB at
// 10,000 pages, to find the few that changed). It holds none of the
// pages' texts, so a build that changed one page need not read every
// page's extract to make its index again.
type State struct {
	urls    []string
	terms   []string // sorted as the shards are cut (compare): words, keys and titles, stems
	lists   []list   // of each term, not capped
	buckets []string // the hash each bucket's page files have in their names
	shards  []shard  // of the last index, in order
}

// A Change is a page Update makes again.
type Change struct {
	Page     int   // its place in reading order
	Old, New *Page // its extract in the last index, and now
}

// Update makes the index Build would make of the pages of st's index with
// changes made, and makes st the state of the new index. A changed page
// keeps its URL and place: the index of pages added, removed or moved is
// Build's to make. page returns the extract of page i, which did not
// change, for the other page files of a bucket that has a change.
//
// The index's Files are its entry, directory and bucket files, its term
// shards that changed and the page files of the buckets with a change;
// Kept names the other shards and the page files of the other buckets,
// which the last index has with the same names and bytes.
// An error leaves st as it was.
func (st *State) Update(changes []Change, page func(i int) (*Page, error)) (Index, error) {
	changes = slices.Clone(changes)
	slices.SortFunc(changes, func(a, b Change) int { return a.Page - b.Page })
	gone := make(map[int]bool, len(changes))
	for _, c := range changes {
		switch {
		case c.Page < 0 || c.Page >= len(st.urls):
			return Index{}, fmt.Errorf("search: change of page %d of an index of %d", c.Page, len(st.urls))
		case gone[c.Page]:
			return Index{}, fmt.Errorf("search: two changes of page %d", c.Page)
		case c.Old == nil || c.New == nil || c.Old.URL != st.urls[c.Page] || c.New.URL != st.urls[c.Page]:
			return Index{}, fmt.Errorf("search: page %d is not %s in both indexes", c.Page, st.urls[c.Page])
		}
		gone[c.Page] = true
	}
	// The pages of the buckets to make again, read before st changes.
	buckets := make(map[int][]*Page)
	for _, c := range changes {
		b := c.Page / PageBucket
		if buckets[b] != nil {
			continue
		}
		lo := b * PageBucket
		pages := make([]*Page, min(lo+PageBucket, len(st.urls))-lo)
		for i := range pages {
			if gone[lo+i] {
				continue // its New, below
			}
			p, err := page(lo + i)
			if err != nil {
				return Index{}, err
			}
			if p.URL != st.urls[lo+i] {
				return Index{}, fmt.Errorf("search: page %d is not %s in both indexes", lo+i, st.urls[lo+i])
			}
			pages[i] = p
		}
		buckets[b] = pages
	}
	for _, c := range changes {
		buckets[c.Page/PageBucket][c.Page%PageBucket] = c.New
	}

	// The lists of the terms whose postings on the changed pages changed:
	// without the postings of those pages, with their new ones, in page
	// order as Build would have added them. A term with the postings it
	// had keeps its list: an edit changes a few of a page's terms, and
	// splicing the lists of all of them, long ones of common words too,
	// was most of an update.
	was := make(map[string][]posting)
	for _, c := range changes {
		c.Old.postings(c.Page, func(id uint32, x posting) {
			t := c.Old.dict.terms[id]
			was[t] = append(was[t], x)
		})
	}
	added := make(map[string][]posting)
	for _, c := range changes {
		c.New.postings(c.Page, func(id uint32, x posting) {
			t := c.New.dict.terms[id]
			added[t] = append(added[t], x)
		})
	}
	for t, ps := range was {
		if now, ok := added[t]; !ok {
			added[t] = nil
		} else if slices.Equal(now, ps) {
			delete(added, t)
		}
	}
	words := make(map[string]*list, len(added))
	for t, ps := range added {
		var l list
		if i, ok := st.find(t); ok {
			l = st.lists[i].splice(gone, ps)
			if bytes.Equal(l.enc, st.lists[i].enc) {
				continue // as it was: its shard need not change
			}
		} else {
			for _, p := range ps {
				l.add(p)
			}
		}
		words[t] = &l
	}
	st.apply(words)

	// The stems of those words, from all their forms' lists.
	stems := make(map[string]*list)
	var ps []posting
	for t := range words {
		if len(t) < 3 || !isASCIIWord(t) {
			continue
		}
		s := Stem(t)
		if _, ok := stems[StemTerm(s)]; ok {
			continue
		}
		var forms []*list
		var only string
		for i := st.lower(s[:len(s)-1]); i < len(st.terms) && strings.HasPrefix(st.terms[i], s[:len(s)-1]); i++ {
			if w := st.terms[i]; len(w) >= 3 && isASCIIWord(w) && Stem(w) == s {
				forms = append(forms, &st.lists[i])
				only = w
			}
		}
		l := new(list)
		if len(forms) > 1 || len(forms) == 1 && only != s {
			*l, ps = stemList(ps, slices.Values(forms))
		}
		if i, ok := st.find(StemTerm(s)); ok && bytes.Equal(l.enc, st.lists[i].enc) {
			stems[StemTerm(s)] = nil // as it was
			continue
		}
		stems[StemTerm(s)] = l
	}
	maps.DeleteFunc(stems, func(_ string, l *list) bool { return l == nil })
	st.apply(stems)
	// The places of the terms whose lists changed: the shards to make
	// again.
	var dirty []int
	for _, set := range []map[string]*list{words, stems} {
		for t := range set {
			dirty = append(dirty, st.lower(t))
		}
	}
	slices.Sort(dirty)

	var files []File
	for _, b := range slices.Sorted(maps.Keys(buckets)) {
		f, h := bucket(b*PageBucket, buckets[b])
		files = append(files, f...)
		st.buckets[b] = h
	}
	x := st.index(files, dirty)
	for b := range st.buckets {
		if buckets[b] != nil {
			continue
		}
		for i := b * PageBucket; i < min((b+1)*PageBucket, len(st.urls)); i++ {
			x.Kept = append(x.Kept, pageName(i))
		}
	}
	return x, nil
}

// splice returns l without the postings of the pages gone and with ps,
// which are in page order, each where Build would have added it. The
// runs of postings between them are copied as they are encoded: a word
// on every page has a posting a page, and encoding them all again for
// each changed page was most of an update.
func (l *list) splice(gone map[int]bool, ps []posting) list {
	out := list{enc: make([]byte, 0, len(l.enc)+8*len(ps))}
	run, runN, runLast := -1, 0, 0 // the pending run: its start in l.enc, postings, last page
	flush := func(end int) {
		if run >= 0 {
			out.enc = append(out.enc, l.enc[run:end]...)
			out.page, out.n = runLast, out.n+runN
			run, runN = -1, 0
		}
	}
	prev := 0 // the page of the posting of l before this one
	for pos := 0; pos < len(l.enc); {
		start := pos
		d, rest := readNum(l.enc[pos:])
		x, rest := readNum(rest)
		pos = len(l.enc) - len(rest)
		page := prev + d
		last := out.page
		if run >= 0 {
			last = runLast
		}
		switch {
		case gone[page]:
			flush(start)
		case len(ps) > 0 && ps[0].page() < page || last != prev:
			// Its delta changes: after new postings, or after one gone.
			flush(start)
			for len(ps) > 0 && ps[0].page() < page {
				out.add(ps[0])
				ps = ps[1:]
			}
			out.add(newPosting(page, x>>flagBits, x&(1<<flagBits-1)))
		default:
			if run < 0 {
				run = start
			}
			runN++
			runLast = page
		}
		prev = page
	}
	flush(len(l.enc))
	for _, p := range ps {
		out.add(p)
	}
	return out
}

// URLs returns the URLs of the pages of st's index, in order, which the
// caller must not change.
func (st *State) URLs() []string { return st.urls }

// lower returns the place of the first term of st not before t.
func (st *State) lower(t string) int {
	return sort.Search(len(st.terms), func(i int) bool { return compare(st.terms[i], t) >= 0 })
}

// find returns the place of term t in st, and whether st has it.
func (st *State) find(t string) (int, bool) {
	i := st.lower(t)
	return i, i < len(st.terms) && st.terms[i] == t
}

// apply sets the lists of the terms of set, removing those whose list is
// empty. The lists of terms st has are set in place, and a few terms
// added or removed move the others along: making st's terms and lists
// anew, tens of MB on a big site, was a third of an update. More go in
// one pass over st's terms.
func (st *State) apply(set map[string]*list) {
	keys := slices.SortedFunc(maps.Keys(set), compare)
	moves := 0
	for _, t := range keys {
		if i, ok := st.find(t); ok && set[t].n > 0 {
			st.lists[i] = *set[t]
		} else if ok || set[t].n > 0 {
			moves++
		}
	}
	if moves <= maxMoves {
		for _, t := range keys {
			switch i, ok := st.find(t); {
			case ok && set[t].n == 0:
				st.terms, st.lists = slices.Delete(st.terms, i, i+1), slices.Delete(st.lists, i, i+1)
			case !ok && set[t].n > 0:
				st.terms, st.lists = slices.Insert(st.terms, i, t), slices.Insert(st.lists, i, *set[t])
			}
		}
		return
	}
	terms := make([]string, 0, len(st.terms)+len(keys))
	lists := make([]list, 0, len(st.terms)+len(keys))
	i := 0
	for _, t := range keys {
		for ; i < len(st.terms) && compare(st.terms[i], t) < 0; i++ {
			terms, lists = append(terms, st.terms[i]), append(lists, st.lists[i])
		}
		if i < len(st.terms) && st.terms[i] == t {
			i++
		}
		if l := set[t]; l.n > 0 {
			terms, lists = append(terms, t), append(lists, *l)
		}
	}
	st.terms = append(terms, st.terms[i:]...)
	st.lists = append(lists, st.lists[i:]...)
}

// maxMoves is how many terms apply adds or removes one at a time.
const maxMoves = 16

// stateHeader starts an encoded State; a change of the encoding or of
// what it means must change it.
const stateHeader = "kettudocs search state 3\n"

// AppendBinary appends st to b in the form DecodeState reads.
func (st *State) AppendBinary(b []byte) ([]byte, error) {
	buf := bytes.NewBuffer(b)
	_, err := st.WriteTo(buf)
	return buf.Bytes(), err
}

// WriteTo writes st to w in the form DecodeState reads, a piece at a
// time: a big site's state is tens of MB, and making it whole in memory
// before writing it, the memory new to the process, was a tenth of a
// rebuild that changed one page.
func (st *State) WriteTo(w io.Writer) (int64, error) {
	var n int64
	b := make([]byte, 0, 64<<10)
	flush := func() error {
		m, err := w.Write(b)
		n += int64(m)
		b = b[:0]
		return err
	}
	// full writes b out once it holds most of its 64 kB.
	full := func() error {
		if len(b) < 48<<10 {
			return nil
		}
		return flush()
	}
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = append(b, stateHeader...)
	b = binary.AppendUvarint(b, uint64(len(st.urls)))
	for _, u := range st.urls {
		str(u)
		if err := full(); err != nil {
			return n, err
		}
	}
	for _, h := range st.buckets {
		str(h)
	}
	b = binary.AppendUvarint(b, uint64(len(st.terms)))
	for i, t := range st.terms {
		str(t)
		l := &st.lists[i]
		b = binary.AppendUvarint(b, uint64(len(l.enc)))
		b = append(b, l.enc...)
		if l.n > MaxPostings {
			top := l.capped()
			b = binary.AppendUvarint(b, uint64(len(top)))
			b = append(b, top...)
		}
		if err := full(); err != nil {
			return n, err
		}
	}
	b = binary.AppendUvarint(b, uint64(len(st.shards)))
	for _, sh := range st.shards {
		b = binary.AppendUvarint(b, uint64(sh.n))
		b = append(b, sh.hash...)
	}
	return n, flush()
}

var errState = errors.New("search: malformed index state")

// DecodeState reads a State AppendBinary wrote, checking all of it: a
// State read back is one an index could have, or an error.
func DecodeState(data []byte) (*State, error) {
	data, ok := bytes.CutPrefix(data, []byte(stateHeader))
	if !ok {
		return nil, errState
	}
	r := decoder{data: data}
	st := &State{}
	n := r.count(1)
	st.urls = make([]string, 0, n)
	for range n {
		st.urls = append(st.urls, r.str())
	}
	for range (n + PageBucket - 1) / PageBucket {
		h := r.str()
		if len(h) != 8 || strings.Trim(h, "0123456789abcdef") != "" {
			r.err = errState
		}
		st.buckets = append(st.buckets, h)
	}
	n = r.count(2)
	st.terms = make([]string, 0, n)
	st.lists = make([]list, 0, n)
	for i := range n {
		t := r.str()
		size := r.uint()
		if r.err != nil || size > uint64(len(r.data)) || i > 0 && compare(st.terms[i-1], t) >= 0 {
			return nil, errState
		}
		enc := r.data[:size:size] // an append to the list must not write over the next
		r.data = r.data[size:]
		l, ok := checkList(enc, len(st.urls))
		if !ok {
			return nil, errState
		}
		if l.n > MaxPostings {
			size := r.uint()
			if r.err != nil || size < 2 || size > uint64(len(r.data)) || r.data[0] != '*' {
				return nil, errState
			}
			top := r.data[:size:size]
			r.data = r.data[size:]
			if c, ok := checkList(top[1:], len(st.urls)); !ok || c.n != MaxPostings {
				return nil, errState
			}
			l.top = top
		}

		st.terms = append(st.terms, t)
		st.lists = append(st.lists, l)
	}
	// The shards of the last index, which cover the terms in order.
	lo := 0
	for range r.count(9) {
		n := int(r.uint())
		if r.err != nil || n < 1 || n > len(st.terms)-lo || len(r.data) < 8 {
			return nil, errState
		}
		h := string(r.data[:8])
		r.data = r.data[8:]
		if strings.Trim(h, "0123456789abcdef") != "" {
			return nil, errState
		}
		st.shards = append(st.shards, shard{first: st.terms[lo], last: st.terms[lo+n-1], n: n, hash: h})
		lo += n
	}
	if r.err != nil || len(r.data) > 0 || lo != len(st.terms) {
		return nil, errState
	}
	return st, nil
}

// isDigit tells the characters appendNum writes.
var isDigit = func() (v [256]bool) {
	for i := range len(digits) {
		v[digits[i]] = true
	}
	return v
}()

// checkList returns the list whose encoding is enc, if enc is one that
// list.add could have written of postings on pages below pages.
func checkList(enc []byte, pages int) (list, bool) {
	l := list{enc: enc}
	var nums, num, shift int
	for _, c := range enc {
		if !isDigit[c] || shift > 30 {
			return list{}, false
		}
		num |= int(digitOf[c]&31) << shift
		shift += 5
		if digitOf[c] >= 32 {
			continue
		}
		if nums%2 == 0 {
			l.page += num
		} else if num>>flagBits >= MaxEntries {
			return list{}, false
		}
		nums++
		num, shift = 0, 0
	}
	l.n = nums / 2
	return l, shift == 0 && nums%2 == 0 && nums > 0 && l.page < pages
}
