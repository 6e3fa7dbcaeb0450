package builder

import (
	"path"
	"sort"
	"strings"
)

// NavItem is an entry of the site navigation: a page, or a section (a
// folder) with the pages and sections below it.
type NavItem struct {
	Title    string
	URL      string // site-relative URL path; "" with HasPage false for a folder without an index page
	HasPage  bool
	Weight   int
	Children []*NavItem
}

// IsSection reports whether the item is a folder.
func (n *NavItem) IsSection() bool { return len(n.Children) > 0 || !n.HasPage }

// Contains reports whether url is the item's page or a page below it.
func (n *NavItem) Contains(url string) bool {
	if n.HasPage && n.URL == url {
		return true
	}
	for _, c := range n.Children {
		if c.Contains(url) {
			return true
		}
	}
	return false
}

// buildNav returns the navigation tree below the home page and the reading
// order of all pages (home first, then depth first in navigation order),
// which gives each page its previous and next links.
func buildNav(pages []*page) (top []*NavItem, order []*page) {
	root := &NavItem{}
	sections := map[string]*NavItem{"": root}
	byURL := make(map[string]*page, len(pages))

	// section returns the item of folder dir ("a/b/"), creating it and
	// its parents as needed.
	var section func(dir string) *NavItem
	section = func(dir string) *NavItem {
		if s, ok := sections[dir]; ok {
			return s
		}
		s := &NavItem{Title: titleFromFile(dir + "_index.md"), URL: dir}
		sections[dir] = s
		parent := section(parentDir(dir))
		parent.Children = append(parent.Children, s)
		return s
	}

	for _, p := range pages {
		byURL[p.url] = p
		if p.index {
			s := section(p.url)
			s.Title, s.Weight, s.HasPage = p.title, p.weight, true
			continue
		}
		dir, _ := path.Split(p.file)
		s := section(dir)
		s.Children = append(s.Children, &NavItem{Title: p.title, URL: p.url, HasPage: true, Weight: p.weight})
	}

	var walk func(items []*NavItem)
	walk = func(items []*NavItem) {
		sortNav(items)
		for _, it := range items {
			if it.HasPage {
				order = append(order, byURL[it.URL])
			}
			walk(it.Children)
		}
	}
	if home, ok := byURL[""]; ok {
		order = append(order, home)
	}
	walk(root.Children)
	return root.Children, order
}

// sortNav orders items by weight (unweighted items last), then title.
func sortNav(items []*NavItem) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Weight != b.Weight {
			if a.Weight == 0 || b.Weight == 0 {
				return b.Weight == 0
			}
			return a.Weight < b.Weight
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.URL < b.URL
	})
}

// parentDir returns the parent of folder dir: "a/b/" → "a/", "a/" → "".
func parentDir(dir string) string {
	d := path.Dir(strings.TrimSuffix(dir, "/"))
	if d == "." || d == "/" {
		return ""
	}
	return d + "/"
}
