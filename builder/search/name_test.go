package search

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestBuckets: the entry's name never changes, and a change to one page's
// text changes the bytes of its page file only, whose name stays, the
// hash of its bucket (and so the bucket file's name) and the term shards
// that hold the words that came or went.
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
	names := func(x Index) map[string]string {
		m := map[string]string{}
		for _, f := range x.Files {
			m[f.Name] = string(f.Data)
		}
		return m
	}
	before, after := Build(site(-1)), Build(site(PageBucket+5))
	if before.Entry != EntryName || after.Entry != EntryName {
		t.Errorf("entries %s and %s, want %s", before.Entry, after.Entry, EntryName)
	}
	was, is := names(before), names(after)
	var renamed, rewritten []string
	for name, data := range is {
		if old, ok := was[name]; !ok {
			renamed = append(renamed, name)
		} else if old != data {
			rewritten = append(rewritten, name)
		}
	}
	slices.Sort(renamed)
	slices.Sort(rewritten)
	var shards, buckets int
	for _, name := range renamed {
		switch {
		case strings.HasPrefix(name, "search/p"):
			t.Errorf("page file %s is new", name)
		case strings.HasPrefix(name, "search/t"):
			shards++
		case strings.HasPrefix(name, "search/f"):
			buckets++
		}
	}
	if want := []string{EntryName, fmt.Sprintf("search/p%d.js", PageBucket+5)}; !slices.Equal(rewritten, want) {
		t.Errorf("files rewritten under their names: %v, want %v", rewritten, want)
	}
	if shards == 0 || shards > 2 {
		t.Errorf("%d term shards renamed, want those holding the new word: %v", shards, renamed)
	}
	if buckets != 1 {
		t.Errorf("%d bucket files renamed, want the one with the changed bucket's hash: %v", buckets, renamed)
	}
	// The hashes of buckets 0, 1 and 2: only the changed page's, 1, changes.
	hashes := func(x Index) string {
		for _, f := range x.Files {
			if strings.HasPrefix(f.Name, "search/f0.") {
				if m := regexp.MustCompile(`pages\(0,"([0-9a-f]{24})"\)`).FindSubmatch(f.Data); m != nil {
					return string(m[1])
				}
			}
		}
		t.Fatalf("no bucket file of three hashes in %v", names(x))
		return ""
	}
	if b, a := hashes(before), hashes(after); b[:8] != a[:8] || b[8:16] == a[8:16] || b[16:] != a[16:] {
		t.Errorf("bucket hashes %s before, %s after: want only the second changed", b, a)
	}
}
