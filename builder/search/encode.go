package search

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
)

// AppendBinary appends p to b in a form Dict.Decode reads back, with its
// terms as words rather than the numbers of its Dict: a build cache keeps
// the pages of one build for the next, whose Dicts number terms anew.
func (p *Page) AppendBinary(b []byte) ([]byte, error) {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(p.URL)
	str(p.Title)
	b = binary.AppendUvarint(b, uint64(len(p.Entries)))
	for _, e := range p.Entries {
		for _, s := range [...]string{e.ID, e.Title, e.Section, e.Text, e.Code, e.Key} {
			str(s)
		}
		b = binary.AppendUvarint(b, uint64(e.lo))
		b = binary.AppendUvarint(b, uint64(e.hi))
	}
	b = binary.AppendUvarint(b, uint64(len(p.terms)))
	for _, t := range p.terms {
		b = append(b, byte(t&3))
		str(p.dict.terms[t>>2])
	}
	return b, nil
}

var errDecode = errors.New("search: malformed page data")

// Decode reads a page AppendBinary wrote, numbering its terms in d.
func (d *Dict) Decode(data []byte) (*Page, error) {
	r := decoder{data: data}
	p := &Page{dict: d}
	p.URL, p.Title = r.str(), r.str()
	n := r.count(8) // an entry takes at least 8 bytes
	p.Entries = make([]Entry, 0, n)
	for range n {
		var e Entry
		e.ID, e.Title, e.Section, e.Text, e.Code, e.Key = r.str(), r.str(), r.str(), r.str(), r.str(), r.str()
		d.keys(&e)
		e.lo, e.hi = uint32(r.uint()), uint32(r.uint())
		p.Entries = append(p.Entries, e)
	}
	n = r.count(2)
	p.terms = make([]uint32, 0, n)
	for range n {
		f := uint32(r.byte())
		t := r.str()
		if f > fieldTitle {
			r.err = errDecode
		}
		if r.err != nil {
			break
		}
		p.terms = append(p.terms, d.id(t)<<2|f)
	}
	if r.err == nil && len(r.data) > 0 {
		r.err = errDecode
	}
	for _, e := range p.Entries {
		if e.lo > e.hi || int(e.hi) > len(p.terms) {
			r.err = errDecode
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return p, nil
}

// decoder reads what AppendBinary wrote; its first error sticks.
type decoder struct {
	data []byte
	err  error
}

func (r *decoder) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.err = errDecode
		return 0
	}
	r.data = r.data[n:]
	return v
}

// count reads a number of items, each at least size bytes long, which
// the rest of the data must be able to hold: a corrupt count must not
// make a huge slice.
func (r *decoder) count(size int) int {
	v := r.uint()
	if v > uint64(len(r.data)/size+1) {
		r.err = errDecode
		return 0
	}
	return int(v)
}

func (r *decoder) byte() byte {
	if r.err != nil || len(r.data) == 0 {
		r.err = errDecode
		return 0
	}
	c := r.data[0]
	r.data = r.data[1:]
	return c
}

func (r *decoder) str() string {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.data)) {
		r.err = errDecode
		return ""
	}
	s := strings.Clone(string(r.data[:n]))
	r.data = r.data[n:]
	return s
}

// equal reports whether p and q hold the same entries and terms, for
// tests: their Dicts may number the terms differently.
func (p *Page) equal(q *Page) bool {
	if p.URL != q.URL || p.Title != q.Title || len(p.Entries) != len(q.Entries) || len(p.terms) != len(q.terms) {
		return false
	}
	for i := range p.Entries {
		a, b := p.Entries[i], q.Entries[i]
		if a.ID != b.ID || a.Title != b.Title || a.Section != b.Section || a.Text != b.Text || a.Code != b.Code || a.Key != b.Key ||
			a.lo != b.lo || a.hi != b.hi || p.keyTerm(i) != q.keyTerm(i) || p.wholeTerm(i) != q.wholeTerm(i) {
			return false
		}
	}
	return slices.EqualFunc(p.terms, q.terms, func(a, b uint32) bool {
		return a&3 == b&3 && p.dict.terms[a>>2] == q.dict.terms[b>>2]
	})
}
