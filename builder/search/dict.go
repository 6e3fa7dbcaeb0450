package search

import "strings"

// A Dict numbers the terms of the pages extracted with it. A page keeps
// its terms as these numbers, and Build looks each distinct term of a
// Dict up once, rather than each term of each entry: on a big site the
// same few thousand words make up nearly all the text, and Build's
// looking them up again and again, with the strings of terms each entry
// kept, was most of its time.
//
// A Dict is not safe for concurrent use: give each goroutine that
// extracts pages a Dict of its own, and use a Dict no more once a Build
// may read the pages extracted with it.
type Dict struct {
	ids   map[string]uint32
	terms []string // by number
	// seen holds, by term number, the number of the last entry that had
	// the term, so that an entry keeps each of its terms once.
	seen  []uint32
	entry uint32   // numbers the entries extracted with the Dict, from 1
	buf   []uint32 // where Extract gathers a page's terms
}

// NewDict returns an empty Dict.
func NewDict() *Dict { return &Dict{ids: make(map[string]uint32)} }

// id returns the number of term t, which it numbers when new. t is copied
// then: it is usually part of a page's text, which the Dict must not keep.
func (d *Dict) id(t string) uint32 {
	if id, ok := d.ids[t]; ok {
		return id
	}
	id := uint32(len(d.terms))
	t = strings.Clone(t)
	d.ids[t] = id
	d.terms = append(d.terms, t)
	d.seen = append(d.seen, 0)
	return id
}

// next starts the terms of a new entry.
func (d *Dict) next() { d.entry++ }

// first reports whether the entry started last has not had term id yet,
// and marks it as had.
func (d *Dict) first(id uint32) bool {
	if d.seen[id] == d.entry {
		return false
	}
	d.seen[id] = d.entry
	return true
}
