package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestBuckets: the entry's name never changes, and a change to one page's
// text renames only the page files of its bucket and the term shards that
// hold the words that came or went.
func TestBuckets(t *testing.T) {
	site := func(changed int) []*Page {
		var ps []testPage
		for i := range 2*PageBucket + 3 {
			text := fmt.Sprintf("# Page %d\n\nAbout widget%d and the gateway.\n", i, i)
			if i == changed {
				text += "\nA zebra wanders in.\n"
			}
			ps = append(ps, testPage{fmt.Sprintf("p%d/", i), fmt.Sprintf("Page %d", i), text})
		}
		return extract(t, ps...)
	}
	names := func(x Index) map[string]bool {
		m := map[string]bool{}
		for _, f := range x.Files {
			m[f.Name] = true
		}
		return m
	}
	before, after := Build(site(-1)), Build(site(PageBucket+5))
	if before.Entry != EntryName || after.Entry != EntryName {
		t.Errorf("entries %s and %s, want %s", before.Entry, after.Entry, EntryName)
	}
	was, is := names(before), names(after)
	var renamed []string
	for name := range is {
		if !was[name] {
			renamed = append(renamed, name)
		}
	}
	slices.Sort(renamed)
	var pages, shards int
	for _, name := range renamed {
		switch {
		case strings.HasPrefix(name, "search/p"):
			var n int
			fmt.Sscanf(name, "search/p%d.", &n)
			if n/PageBucket != 1 {
				t.Errorf("%s renamed: page %d is not in the changed page's bucket", name, n)
			}
			pages++
		case strings.HasPrefix(name, "search/t"):
			shards++
		}
	}
	if pages != PageBucket {
		t.Errorf("%d page files renamed, want the %d of one bucket", pages, PageBucket)
	}
	if shards == 0 || shards > 2 {
		t.Errorf("%d term shards renamed, want those holding the new word: %v", shards, renamed)
	}
}
