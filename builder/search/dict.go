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
	// slots is a hash table of the terms, open addressing with linear
	// probing: a term's number+1, or 0 for an empty slot. Its length is
	// a power of two, at least twice the number of terms. A table of our
	// own, rather than a map, hashes a word as it lowers it, without
	// making the lowered string: looking up every word of every page was
	// 8% of a build.
	// Each slot holds the term's hash too, hash<<32 | number+1, so that
	// a probe reads the slot alone until the hashes match: the table and
	// the terms are too big for the processor's cache on a big site.
	slots []uint64
	terms []string // by term number
	// seen holds, by term number, the number of the last entry that had
	// the term, so that an entry keeps each of its terms once.
	seen  []uint32
	entry uint32   // numbers the entries extracted with the Dict, from 1
	buf   []uint32 // where Extract gathers a page's terms
}

// NewDict returns an empty Dict.
func NewDict() *Dict { return &Dict{slots: make([]uint64, 1024)} }

// id returns the number of term t, lower case already, which it numbers
// when new.
func (d *Dict) id(t string) uint32 { return d.lookup(t, false) }

// idUpper returns the number of the ASCII term t lowered: t has capitals.
func (d *Dict) idUpper(t string) uint32 { return d.lookup(t, true) }

// lookup returns the number of t, lowered first when lower (t is ASCII
// then), numbering it when new. A new term is copied: t is usually part
// of a page's text, which the Dict must not keep.
func (d *Dict) lookup(t string, lower bool) uint32 {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(t); i++ {
		c := t[i]
		if lower && 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint32(c)) * 16777619
	}
	mask := uint32(len(d.slots) - 1)
	i := h & mask
	for ; d.slots[i] != 0; i = (i + 1) & mask {
		if slot := d.slots[i]; uint32(slot>>32) == h {
			if id := uint32(slot) - 1; equalLower(d.terms[id], t, lower) {
				return id
			}
		}
	}
	id := uint32(len(d.terms))
	if lower {
		t = strings.ToLower(t)
	} else {
		t = strings.Clone(t)
	}
	d.terms = append(d.terms, t)
	d.seen = append(d.seen, 0)
	d.slots[i] = uint64(h)<<32 | uint64(id+1)
	if 2*len(d.terms) > len(d.slots) {
		d.grow()
	}
	return id
}

// equalLower reports whether term is t, lowered first when lower.
func equalLower(term, t string, lower bool) bool {
	if !lower {
		return term == t
	}
	if len(term) != len(t) {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if term[i] != c {
			return false
		}
	}
	return true
}

// grow doubles the table.
func (d *Dict) grow() {
	old := d.slots
	d.slots = make([]uint64, 2*len(old))
	mask := uint32(len(d.slots) - 1)
	for _, slot := range old {
		if slot == 0 {
			continue
		}
		i := uint32(slot>>32) & mask
		for d.slots[i] != 0 {
			i = (i + 1) & mask
		}
		d.slots[i] = slot
	}
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
