package nav

import (
	"slices"
	"strings"
)

// Update returns the tree Build would make of t's pages with the titles
// and weights of changed, each a page of t (the same file and URL; its
// order list, if an index page's, the same too). It makes new items only
// for the pages that changed, the sections whose entries it orders again,
// and the sections above them, and shares the rest with t, which stays
// as it was: the live preview renames a page in time that does not grow
// with the site. It also returns the sections whose entries it ordered
// again, by URL, sorted: their listing pages change, and so does the
// reading order within the outermost of them (see Outermost and Within).
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
		if v, _ := t.sections.Get(it.URL); it.Section && v == it {
			n.sections.Set(it.URL, c)
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

// Within returns the URLs of the pages below the section at URL u, the
// section's own page left out, in reading order.
func (t *Tree) Within(u string) []string {
	var out []string
	var walk func(s *Item)
	walk = func(s *Item) {
		for _, it := range s.Children {
			if it.HasPage {
				out = append(out, it.URL)
			}
			if it.Section {
				walk(it)
			}
		}
	}
	if s, ok := t.sections.Get(u); ok {
		walk(s)
	}
	return out
}

// Outermost returns the sections of sorted, a sorted list of sections'
// URLs, that are in none of the others.
func Outermost(sorted []string) []string {
	var out []string
	for _, u := range sorted {
		// Folder URLs end in a slash, and the root's is "": a section
		// is in another when that one's URL starts its own.
		if len(out) == 0 || !strings.HasPrefix(u, out[len(out)-1]) {
			out = append(out, u)
		}
	}
	return out
}
