package nav

import (
	"fmt"
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestWindow(t *testing.T) {
	tests := []struct {
		n, focus int
		lo, hi   int
	}{
		{0, -1, 0, 0},
		{25, 24, 0, 25},          // all fit
		{26, -1, 0, 25},          // no entry on the way: from the start
		{100, 0, 0, 25},          // at the start
		{100, 50, 38, 63},        // centred
		{100, 99, 75, 100},       // at the end
		{100, 12, 0, 25},         // near the start: still 25
		{100, 90, 75, 100},       // near the end: still 25
		{5000, 4321, 4309, 4334}, // a big section
	}
	for _, tt := range tests {
		lo, hi := window(tt.n, tt.focus)
		if lo != tt.lo || hi != tt.hi {
			t.Errorf("window(%d, %d) = %d, %d; want %d, %d", tt.n, tt.focus, lo, hi, tt.lo, tt.hi)
		}
		if tt.focus >= 0 && (tt.focus < lo || tt.focus >= hi) {
			t.Errorf("window(%d, %d) leaves out the entry on the way", tt.n, tt.focus)
		}
	}
}

func TestListingURL(t *testing.T) {
	tests := []struct {
		url  string
		i    int
		want string
	}{
		{"ref/", 0, "ref/"},
		{"ref/", 99, "ref/"},
		{"ref/", 100, "ref/page/2/"},
		{"ref/", 4999, "ref/page/50/"},
		{"", 250, "page/3/"},
	}
	for _, tt := range tests {
		if got := ListingURL(tt.url, tt.i); got != tt.want {
			t.Errorf("ListingURL(%q, %d) = %q, want %q", tt.url, tt.i, got, tt.want)
		}
	}
}

// TestNavView checks a page's navigation in a section of 300 pages below a
// top level of 40 sections: the way down open, a window at each level, and
// the counts and links of what is left out.
func TestNavView(t *testing.T) {
	var pages []Page
	for s := range 40 {
		pages = append(pages, Page{File: fmt.Sprintf("s%02d/_index.md", s), URL: fmt.Sprintf("s%02d/", s), Index: true, Title: fmt.Sprintf("S%02d", s), Weight: s + 1})
	}
	for i := range 300 {
		pages = append(pages, Page{File: fmt.Sprintf("s30/p%03d.md", i), URL: fmt.Sprintf("s30/p%03d/", i), Title: fmt.Sprintf("P%03d", i), Weight: i + 1})
	}
	tree, _ := Build(pages)
	v := tree.view("s30/p250/", []Heading{{Level: 2, ID: "x", Text: "X"}}, func(u string) string { return "/" + u })

	if len(v.Children) != navWindow || v.Before == nil || v.Before.Count != 15 || v.After != nil {
		t.Fatalf("top level: %d entries, before %+v, after %+v; want %d, 15 before (s30 is the 31st of 40), none after",
			len(v.Children), v.Before, v.After, navWindow)
	}
	var s30 *Item
	for _, c := range v.Children {
		if c.Open {
			if s30 != nil {
				t.Fatalf("two open sections at the top level")
			}
			s30 = c
		} else if len(c.Children) > 0 {
			t.Errorf("closed section %s lists its entries", c.Title)
		}
	}
	if s30 == nil || s30.URL != "s30/" {
		t.Fatalf("the section on the way is not open: %+v", s30)
	}
	if s30.Before == nil || s30.Before.Count != 238 || s30.Before.URL != "s30/page/3/" || s30.Before.Href != "/s30/page/3/" {
		t.Errorf("before p250's window: %+v; want 238 entries, the last on s30/page/3/", s30.Before)
	}
	if s30.After == nil || s30.After.Count != 37 || s30.After.URL != "s30/page/3/" {
		t.Errorf("after p250's window: %+v; want 37 entries, the first on s30/page/3/", s30.After)
	}
	var current []string
	for _, c := range s30.Children {
		if c.Current {
			current = append(current, c.URL)
			if len(c.TOC) != 1 {
				t.Errorf("the current entry has no TOC")
			}
		}
	}
	if len(current) != 1 || current[0] != "s30/p250/" {
		t.Errorf("current entries %v, want [s30/p250/]", current)
	}
	if ls := tree.Listings(tree.Lookup("s30/")); len(ls) != 3 || ls[2].First != 201 || ls[2].Last != 300 || ls[1].Prev != "s30/" || ls[1].Next != "s30/page/3/" {
		t.Errorf("listings of s30: %d pages; want 3, linked in order", len(ls))
	}
}

func TestFileTitle(t *testing.T) {
	tests := []struct{ file, want string }{
		{"getting-started.md", "Getting started"},
		{"éclair.md", "Éclair"},
		{"guide/über_uns.md", "Über uns"},
		{"日本語.md", "日本語"},
		{"guide/_index.md", "Guide"},
		{"ça-va/index.md", "Ça va"},
		{"_index.md", "Home"},
	}
	for _, tt := range tests {
		got := FileTitle(tt.file)
		if got != tt.want || !utf8.ValidString(got) {
			t.Errorf("FileTitle(%q) = %q, want %q", tt.file, got, tt.want)
		}
	}
}

func TestNavOrder(t *testing.T) {
	pages := []Page{
		{File: "_index.md", URL: "", Index: true, Title: "Home"},
		{File: "b.md", URL: "b/", Title: "B"},
		{File: "a.md", URL: "a/", Title: "A"},
		{File: "w.md", URL: "w/", Title: "W", Weight: 1},
		{File: "ref/_index.md", URL: "ref/", Index: true, Title: "Reference", Weight: 2},
		{File: "ref/x.md", URL: "ref/x/", Title: "X"},
		{File: "loose/y.md", URL: "loose/y/", Title: "Y"},
	}
	tree, order := Build(pages)
	nav := tree.root.Children
	var titles []string
	for _, n := range nav {
		titles = append(titles, n.Title)
	}
	if want := []string{"W", "Reference", "A", "B", "Loose"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("nav %v, want %v", titles, want)
	}
	var urls []string
	for _, i := range order {
		urls = append(urls, pages[i].URL)
	}
	if want := []string{"", "w/", "ref/", "ref/x/", "a/", "b/", "loose/y/"}; !reflect.DeepEqual(urls, want) {
		t.Errorf("reading order %v, want %v", urls, want)
	}
	if loose := nav[4]; loose.HasPage || !loose.IsSection() || loose.Pages != 1 || len(loose.Children) != 1 || loose.Children[0].URL != "loose/y/" {
		t.Errorf("folder without index: %+v", loose)
	}
}
