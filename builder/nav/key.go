package nav

import "encoding/binary"

// AppendView appends to b what the navigation of the page or section at
// URL at shows of the tree (see At), as bytes that differ when it
// differs: each entry listed, with every field View.Items gives a theme
// but the links, which follow from the URLs, and the entries left out
// before and after each list. A build keeps a page's HTML when these
// bytes are those it was made with: the title of a page in another
// section does not make every page again.
func (t *Tree) AppendView(b []byte, at string) []byte {
	cur := t.Lookup(at)
	b = binary.AppendUvarint(b, uint64(len(at)))
	b = append(b, at...)
	return appendOpen(b, t.root, t.way(cur))
}

// appendOpen appends what the view shows of open section s: the window
// of its entries that view.open lists, and the next section on way open.
func appendOpen(b []byte, s *Item, way []*Item) []byte {
	lo, hi := openWindow(s, way)
	b = AppendEntry(b, s)
	b = binary.AppendUvarint(b, uint64(lo))
	b = binary.AppendUvarint(b, uint64(hi))
	b = binary.AppendUvarint(b, uint64(len(s.Children)))
	for _, c := range s.Children[lo:hi] {
		if opens(c, way) {
			b = append(b, 'o')
			b = appendOpen(b, c, way[1:])
		} else {
			b = append(b, 'c')
			b = AppendEntry(b, c)
		}
	}
	return append(b, 'e')
}

// AppendEntry appends the fields of n that a page shows of it: those
// Item.shallow copies.
func AppendEntry(b []byte, n *Item) []byte {
	for _, s := range [...]string{n.Title, n.URL} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	flags := byte(0)
	if n.HasPage {
		flags |= 1
	}
	if n.Section {
		flags |= 2
	}
	b = append(b, flags)
	b = binary.AppendVarint(b, int64(n.Weight))
	return binary.AppendUvarint(b, uint64(n.Pages))
}

// AppendListing appends what listing page l shows, as AppendView does
// for a navigation.
func AppendListing(b []byte, l *Listing) []byte {
	for _, n := range [...]int{l.Page, l.Pages, l.First, l.Last, l.Total, len(l.Items)} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	for _, s := range [...]string{l.Prev, l.Next} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, it := range l.Items {
		b = AppendEntry(b, it)
	}
	return b
}
