package nav

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kettu/kettudocs/builder/internal/cowmap"
)

// The navigation of a page lists only the way to it: the top level, and
// the entries of each section on the way down, each list cut to a window
// around the entry on the way. Every page's navigation then costs the
// same however big the site or a section grows; the rest of a section is
// one link away, on its listing pages.
const (
	// navWindow is the most entries one list of a page's navigation shows.
	navWindow = 25
	// listingSize is the most entries one listing page shows.
	listingSize = 100
)

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Item is an entry of the navigation: a page, or a section (a folder)
// with the pages and sections below it.
//
// In a page's navigation (PageData.Nav), the children of a section are
// listed only when it is Open, on the way to the page, and then only a
// window of them: Before and After say how many are left out, and link to
// the listing page where they are.
type Item struct {
	Title    string
	URL      string // site-relative URL path; a section's is its folder's
	HasPage  bool   // a Markdown page; false for a folder without an index page, whose page the build makes
	Weight   int
	Children []*Item
	Section  bool // a folder
	Pages    int  // for a section, the pages below it, at any depth

	// Set in a page's navigation only.
	Href    string    // the link to URL from the page
	Current bool      // the page itself (for a section, its Overview entry)
	TOC     []Heading // the page's headings, on its Current entry
	Open    bool      // a section on the way to the current page: Children are listed
	Before  *More     // entries left out before Children, or nil
	After   *More     // entries left out after Children, or nil

	// dir is the URL of its section, which Tree.parent finds: not a
	// pointer to it, so that a Tree made by Update shares the items it
	// does not change with the Tree before, each section's entries too.
	dir  string
	name string // its name in its folder: "intro.md", "gateway/"
	rank int    // its place in its folder's order list, from 1; 0 when not listed
	page int    // with HasPage, its page's place in what Build was given
}

// More stands for the entries of a section that a page's navigation
// leaves out.
type More struct {
	Count int    // how many
	URL   string // the listing page that shows the first of them
	Href  string // the link to URL from the page
}

// IsSection reports whether the item is a folder.
func (n *Item) IsSection() bool { return n.Section }

// Listing is one page of the list of a section's entries. A section page
// shows one when its section has more entries than its navigation shows,
// and the pages the build makes for a section (folders without an index
// page, and the listing's second and later pages) show nothing else.
type Listing struct {
	Items      []*Item // this page's entries; sections are closed and have Pages
	Page       int     // this page's number, from 1
	Pages      int     // how many listing pages the section has
	First      int     // the number of the first entry here, from 1
	Last       int     // the number of the last entry here
	Total      int     // the section's entries
	Prev, Next string  // URLs of the neighbouring listing pages, "" at the ends
}

// Tree is the whole navigation of a site, built once per build; each
// page gets a small view of it.
//
// A Tree does not change once made: Update makes another, which shares
// with it all but the items it changes.
type Tree struct {
	root     *Item              // the home page's item: its Children are the top level
	byURL    *cowmap.Map[*Item] // pages and sections
	sections *cowmap.Map[*Item] // sections, by their folder's URL: each item's parent
	unlisted []Unlisted         // see Unlisted
}

// A Page is what the navigation needs to know of a page.
type Page struct {
	File   string // slash path in the content: "guide/intro.md"
	URL    string // site URL path: "guide/intro/", "" for the home page
	Index  bool   // _index.md or index.md: the page of its folder
	Title  string
	Weight int
	// Order, of a folder's page, lists names of the folder's pages and
	// folders ("intro.md", "gateway/") in the order the navigation shows
	// them, before those it does not list.
	Order []string
}

// An Unlisted is a name in a folder's order list that is no page or
// folder in it.
type Unlisted struct {
	Section string // the folder's URL: "guide/"
	Name    string
}

// Build returns the navigation tree of pages and their reading order, as
// indexes into pages (home first, then depth first in navigation order),
// which gives each page its previous and next links.
func Build(pages []Page) (*Tree, []int) {
	t := &Tree{root: &Item{Section: true, Title: "Home"}, byURL: cowmap.New[*Item](len(pages) + 1), sections: cowmap.New[*Item](0)}
	t.byURL.Set("", t.root)
	t.sections.Set("", t.root)
	home := -1

	// section returns the item of folder dir ("a/b/"), creating it and
	// its parents as needed.
	var section func(dir string) *Item
	section = func(dir string) *Item {
		if s, ok := t.sections.Get(dir); ok {
			return s
		}
		s := &Item{Title: FileTitle(dir + "_index.md"), URL: dir, Section: true, dir: ParentDir(dir), name: path.Base(dir) + "/"}
		t.byURL.Set(dir, s)
		t.sections.Set(dir, s)
		parent := section(s.dir)
		parent.Children = append(parent.Children, s)
		return s
	}

	for i, p := range pages {
		if p.URL == "" {
			home = i
		}
		if p.Index {
			s := section(p.URL)
			s.Title, s.Weight, s.HasPage, s.page = p.Title, p.Weight, true, i
			continue
		}
		dir, base := path.Split(p.File)
		s := section(dir)
		it := &Item{Title: p.Title, URL: p.URL, HasPage: true, Weight: p.Weight, dir: dir, name: base, page: i}
		t.byURL.Set(p.URL, it)
		s.Children = append(s.Children, it)
	}

	for _, p := range pages {
		if p.Index && len(p.Order) > 0 {
			s, _ := t.sections.Get(p.URL)
			t.rank(s, p.Order)
		}
	}

	var order []int
	if home >= 0 {
		order = append(order, home)
	}
	var walk func(s *Item) int
	walk = func(s *Item) int {
		sortNav(s.Children)
		n := 0
		for _, it := range s.Children {
			if it.HasPage {
				order = append(order, it.page)
				n++
			}
			if it.Section {
				it.Pages = walk(it)
				n += it.Pages
			}
		}
		return n
	}
	t.root.Pages = walk(t.root)
	if home >= 0 {
		t.root.Title, t.root.HasPage = pages[home].Title, true
	}
	return t, order
}

// Lookup returns the item of the page or section at the site URL path u,
// or nil.
func (t *Tree) Lookup(u string) *Item {
	it, _ := t.byURL.Get(u)
	return it
}

// parent returns the section of n, nil for the root.
func (t *Tree) parent(n *Item) *Item {
	if n == t.root {
		return nil
	}
	s, _ := t.sections.Get(n.dir)
	return s
}

// way returns the sections from the top level down to cur, and cur.
func (t *Tree) way(cur *Item) []*Item {
	var way []*Item
	for n := cur; n != nil && n != t.root; n = t.parent(n) {
		way = append(way, n)
	}
	slices.Reverse(way)
	return way
}

// view returns the navigation of the page or section at url, whose
// headings are toc, with links made by rel: the root, open, with the way
// down to url open and every list cut to navWindow entries around the
// entry on the way. An unknown url (the 404 page) gets the top level.
//
// The links and flags the layouts need are fields, not methods: a page's
// navigation is most of its template work.
func (t *Tree) view(url string, toc []Heading, rel func(string) string) *Item {
	cur := t.Lookup(url)
	way := t.way(cur) // from the top level down to url's item
	v := &view{cur: cur, toc: toc, rel: rel}
	// One allocation holds the items of the view, not one an item: each
	// section on the way, and the window of its entries.
	n := 0
	for _, s := range append([]*Item{t.root}, way...) {
		if s.Section {
			lo, hi := window(len(s.Children), 0)
			n += 1 + hi - lo
		}
	}
	v.slab = make([]Item, 0, n)
	return v.open(t.root, way)
}

// top returns the navigation of a page outside the tree, such as the 404
// page: the top level only.
func (t *Tree) top(rel func(string) string) *Item {
	return (&view{rel: rel}).open(t.root, nil)
}

// view is the state of building one page's navigation.
type view struct {
	cur  *Item
	toc  []Heading
	rel  func(string) string
	slab []Item // room for the items of the view
}

// open returns a copy of section s with a window of its children, and
// the sections on the way opened in turn.
func (v *view) open(s *Item, way []*Item) *Item {
	o := v.item(s)
	o.Open = true
	lo, hi := openWindow(s, way)
	if lo > 0 {
		u := ListingURL(s.URL, lo-1)
		o.Before = &More{Count: lo, URL: u, Href: v.rel(u)}
	}
	if hi < len(s.Children) {
		u := ListingURL(s.URL, hi)
		o.After = &More{Count: len(s.Children) - hi, URL: u, Href: v.rel(u)}
	}
	o.Children = make([]*Item, 0, hi-lo)
	for _, c := range s.Children[lo:hi] {
		if opens(c, way) {
			o.Children = append(o.Children, v.open(c, way[1:]))
		} else {
			o.Children = append(o.Children, v.item(c))
		}
	}
	return o
}

// item returns a copy of n without its children, as the page sees it.
func (v *view) item(n *Item) *Item {
	var c *Item
	if len(v.slab) < cap(v.slab) {
		v.slab = append(v.slab, n.shallow())
		c = &v.slab[len(v.slab)-1]
	} else {
		c = n.closed()
	}
	c.Href = v.rel(n.URL)
	if n == v.cur {
		c.Current, c.TOC = true, v.toc
	}
	return c
}

// closed returns a copy of n without its children.
func (n *Item) closed() *Item {
	c := n.shallow()
	return &c
}

// shallow returns n without its children and what only a page's view sets.
func (n *Item) shallow() Item {
	return Item{Title: n.Title, URL: n.URL, HasPage: n.HasPage, Weight: n.Weight, Pages: n.Pages, Section: n.Section}
}

// opens reports whether entry c of an open section is opened in turn:
// the next section on way. view.open, navWriter.list and appendOpen list
// so, and must agree, or a page's view key would miss what it shows.
func opens(c *Item, way []*Item) bool { return len(way) > 0 && c == way[0] && c.Section }

// openWindow returns the range of the entries of section s a page's
// navigation lists: the window around the next item on the way, the
// first entries when there is none. view and NavHTML both list so.
func openWindow(s *Item, way []*Item) (lo, hi int) {
	focus := -1
	if len(way) > 0 {
		focus = indexOf(s.Children, way[0])
	}
	return window(len(s.Children), focus)
}

// window returns the range of n entries a navigation list shows: all of
// them when they fit, else navWindow around focus (from the start when
// focus is -1).
func window(n, focus int) (lo, hi int) {
	if n <= navWindow {
		return 0, n
	}
	lo = max(0, focus-navWindow/2)
	hi = min(n, lo+navWindow)
	return hi - navWindow, hi
}

// ListingURL returns the URL of the listing page of section url that
// shows its entry i: the section's own page for the first listingSize.
func ListingURL(url string, i int) string {
	return url + ListingSuffix(i/listingSize+1)
}

// ListingSuffix is what the URL of listing page n adds to its section's.
func ListingSuffix(n int) string {
	if n > 1 {
		return "page/" + fmt.Sprint(n) + "/"
	}
	return ""
}

// Listings returns the listing pages of section s, by URL, or nil when
// its page needs none: it has its own page and the navigation shows all
// its entries.
func (t *Tree) Listings(s *Item) []*Listing {
	n := len(s.Children)
	if s.HasPage && n <= navWindow {
		return nil
	}
	pages := max(1, (n+listingSize-1)/listingSize)
	ls := make([]*Listing, pages)
	for i := range ls {
		lo, hi := i*listingSize, min(n, (i+1)*listingSize)
		l := &Listing{Page: i + 1, Pages: pages, First: lo + 1, Last: hi, Total: n}
		for _, c := range s.Children[lo:hi] {
			l.Items = append(l.Items, c.closed())
		}
		if i > 0 {
			l.Prev = ListingURL(s.URL, lo-1)
		}
		if hi < n {
			l.Next = ListingURL(s.URL, hi)
		}
		ls[i] = l
	}
	return ls
}

// Sections returns every section of the tree, the root first, then depth
// first in navigation order.
func (t *Tree) Sections() []*Item {
	out := []*Item{t.root}
	var walk func(s *Item)
	walk = func(s *Item) {
		for _, c := range s.Children {
			if c.Section {
				out = append(out, c)
				walk(c)
			}
		}
	}
	walk(t.root)
	return out
}

// sortNav orders items by weight (unweighted items last), then title.
func sortNav(items []*Item) { slices.SortStableFunc(items, compareNav) }

// compareNav orders a section's entries: ranked first, by rank; then
// weighted, by weight; then by title and URL.
func compareNav(a, b *Item) int {
	// 0 is neither ranked nor weighted.
	set := func(v int) int {
		if v == 0 {
			return 1
		}
		return 0
	}
	return cmp.Or(
		cmp.Compare(set(a.rank), set(b.rank)), cmp.Compare(a.rank, b.rank),
		cmp.Compare(set(a.Weight), set(b.Weight)), cmp.Compare(a.Weight, b.Weight),
		strings.Compare(a.Title, b.Title), strings.Compare(a.URL, b.URL))
}

// indexOf returns the place of it in items, which sortNav ordered, or -1:
// by binary search, and then among the entries that compare equal (a
// page and a folder of one URL, which the build reports).
func indexOf(items []*Item, it *Item) int {
	i, _ := slices.BinarySearchFunc(items, it, compareNav)
	for ; i < len(items) && compareNav(items[i], it) == 0; i++ {
		if items[i] == it {
			return i
		}
	}
	return slices.Index(items, it)
}

// ParentDir returns the parent of folder dir: "a/b/" → "a/", "a/" → "".
func ParentDir(dir string) string {
	d := path.Dir(strings.TrimSuffix(dir, "/"))
	if d == "." || d == "/" {
		return ""
	}
	return d + "/"
}

// FileTitle makes a title of a file name: "getting-started.md" →
// "Getting started". It is the last resort for pages with no title and no h1.
func FileTitle(file string) string {
	dir, base := path.Split(file)
	name := strings.TrimSuffix(base, path.Ext(base))
	if name == "_index" || name == "index" {
		name = path.Base(strings.TrimSuffix(dir, "/"))
		if name == "." || name == "" {
			return "Home"
		}
	}
	name = dashesToSpaces.Replace(name)
	if name == "" {
		return "Untitled"
	}
	// The first rune, not byte: "éclair" → "Éclair".
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

var dashesToSpaces = strings.NewReplacer("-", " ", "_", " ")

// rank gives the entries of section s their places in its order list:
// names of its pages ("intro.md", or "intro") and folders ("gateway/",
// or "gateway"). Names it finds no entry for are the tree's Unlisted.
func (t *Tree) rank(s *Item, order []string) {
	for i, name := range order {
		found := false
		for _, it := range s.Children {
			if it.rank == 0 && (it.name == name || it.name == name+".md" || it.name == name+"/") {
				it.rank, found = i+1, true
				break
			}
		}
		if !found {
			t.unlisted = append(t.unlisted, Unlisted{Section: s.URL, Name: name})
		}
	}
}

// Unlisted returns the names of folders' order lists that name no page
// or folder there, folder by folder in the order of the pages given to
// Build.
func (t *Tree) Unlisted() []Unlisted { return t.unlisted }
