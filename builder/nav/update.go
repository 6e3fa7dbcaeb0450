package nav

import "slices"

// Update returns the tree Build would make of t's pages with the titles
// and weights of changed, each a page of t (the same file and URL; its
// order list, if an index page's, the same too). It makes new items only
// for the pages that changed, the sections whose entries it orders again,
// and the sections above them, and shares the rest with t, which stays
// as it was: the live preview renames a page in time that does not grow
// with the site. It also returns the sections whose entries it ordered
// again, by URL, sorted: their listing pages change, and so may the
// reading order within them (see Moves).
// ok is false when a page of changed is not one of t.
func (t *Tree) Update(changed []Page) (n *Tree, sorted []string, ok bool) {
	n = &Tree{root: t.root, byURL: t.byURL.Clone(), sections: t.sections.Clone(), unlisted: t.unlisted}
	copies := make(map[*Item]*Item) // t's items → n's
	var made []*Item                // t's items copied, in the order copied
	copyOf := func(it *Item) *Item {
		if c, ok := copies[it]; ok {
			return c
		}
		c := new(Item)
		*c = *it
		copies[it] = c
		made = append(made, it)
		if v, _ := t.byURL.Get(it.URL); v == it {
			n.byURL.Set(it.URL, c)
		}
		if it.Section {
			if v, _ := t.sections.Get(it.URL); v == it {
				n.sections.Set(it.URL, c)
			}
		}
		if it == t.root {
			n.root = c
		}
		return c
	}
	resort := make(map[*Item]bool) // t's sections whose entries change order
	for _, p := range changed {
		var it *Item
		if p.Index {
			it, _ = t.sections.Get(p.URL)
		} else {
			it, _ = t.byURL.Get(p.URL)
		}
		if it == nil || !it.HasPage || it.Section != p.Index || it.URL != p.URL {
			return nil, nil, false
		}
		if it.Title == p.Title && it.Weight == p.Weight {
			continue
		}
		c := copyOf(it)
		c.Title, c.Weight = p.Title, p.Weight
		if s := t.parent(it); s != nil {
			resort[s] = true
		}
	}
	// Each item copied is an entry of its section's copy, up to the root.
	for i := 0; i < len(made); i++ {
		if s := t.parent(made[i]); s != nil {
			copyOf(s)
		}
	}
	for _, it := range made {
		c := copies[it]
		if !it.Section {
			continue
		}
		c.Children = slices.Clone(it.Children)
		for i, e := range c.Children {
			if ec, ok := copies[e]; ok {
				c.Children[i] = ec
			}
		}
		if resort[it] {
			sortNav(c.Children)
		}
	}
	for s := range resort {
		sorted = append(sorted, s.URL)
	}
	slices.Sort(sorted)
	return n, sorted, true
}

// A Move is a run of the reading order that Update changed: the pages
// Was lists, in reading order, are in the same places in the order Is
// lists.
type Move struct{ Was, Is []string }

// Moves returns the runs of the reading order that n, which t.Update
// made, orders otherwise than t, for the sections Update reported: in
// each, the pages below the entries listed in other places. The runs of
// sections in others come first: find where each run's Was starts in
// t's order, then put each Is there, in turn, so that a section's run
// that holds another's puts the latter's where it now is.
func Moves(t, n *Tree, sorted []string) []Move {
	var out []Move
	for _, u := range slices.Backward(sorted) { // a section's sections sort after it
		s, _ := t.sections.Get(u)
		c, _ := n.sections.Get(u)
		if s == nil || c == nil || len(s.Children) != len(c.Children) {
			continue // Update keeps every section and its entries
		}
		a, b := s.Children, c.Children
		same := func(i int) bool { return a[i].URL == b[i].URL && a[i].Section == b[i].Section }
		lo, hi := 0, len(a)
		for lo < hi && same(lo) {
			lo++
		}
		for hi > lo && same(hi-1) {
			hi--
		}
		if lo < hi {
			out = append(out, Move{Was: pagesOf(a[lo:hi]), Is: pagesOf(b[lo:hi])})
		}
	}
	return out
}

// pagesOf returns the URLs of the pages of entries and below them, in
// reading order.
func pagesOf(entries []*Item) []string {
	var out []string
	var walk func(entries []*Item)
	walk = func(entries []*Item) {
		for _, it := range entries {
			if it.HasPage {
				out = append(out, it.URL)
			}
			if it.Section {
				walk(it.Children)
			}
		}
	}
	walk(entries)
	return out
}
