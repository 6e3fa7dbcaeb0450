package search

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestName checks that the entry file's name, which pages link to, is
// what Build names it, and changes with anything Build reads.
func TestName(t *testing.T) {
	base := extract(t, threePages...)
	if got, want := Name(base), Build(base).Entry; got != want {
		t.Fatalf("Name = %s, Build names the entry %s", got, want)
	}
	// A page made without Extract has no digest cached: same name.
	copies := make([]*Page, len(base))
	for i, p := range base {
		copies[i] = &Page{URL: p.URL, Title: p.Title, Entries: p.Entries, dict: p.dict, terms: p.terms}
	}
	if Name(copies) != Name(base) {
		t.Errorf("a copy of the pages gets another name")
	}
	// with returns the pages with the third one replaced.
	with := func(p testPage) []*Page {
		return append(extract(t, threePages[:2]...), extract(t, p)...)
	}
	for _, tc := range []struct {
		name  string
		pages []*Page
	}{
		{"a word of text", with(testPage{"b/", "B", threePages[2].src + "\nMore.\n"})},
		{"a page less", base[:2]},
		{"another order", []*Page{base[0], base[2], base[1]}},
		{"a title", with(testPage{"b/", "Bee", threePages[2].src})},
		{"a URL", with(testPage{"c/", "B", threePages[2].src})},
	} {
		if Name(tc.pages) == Name(base) {
			t.Errorf("%s: the name stays the same", tc.name)
		}
		if got, want := Name(tc.pages), Build(tc.pages).Entry; got != want {
			t.Errorf("%s: Name = %s, Build names the entry %s", tc.name, got, want)
		}
	}
}

// TestFormatPinned fails when Build makes other files of the same pages:
// the entry's name does not follow its contents (see format), so such a
// change must come with a new format number, or browsers keep loading an
// old index under the new name. Bump format, then set want to the new sum.
func TestFormatPinned(t *testing.T) {
	const want = "4761aaaa70007ca9"
	pages := extract(t,
		testPage{"", "Home", "# Home\n\nStart. ÄÖ 4004 «quoted»\n"},
		testPage{"close/", "Close codes", page},
		testPage{"b/", "B", "## One\n\n1\n\n## Two\n\n2\n\n```go\nfmt.Println(4004)\n```\n"},
	)
	h := sha256.New()
	for _, f := range Build(pages).Files {
		h.Write([]byte(f.Name + "\n"))
		h.Write(f.Data)
	}
	got := hex.EncodeToString(h.Sum(nil)[:8])
	if format != 1 || got != want {
		t.Errorf("format %d makes files with sum %s, pinned: format 1, %s\n"+
			"if the index's files changed on purpose, bump format in name.go and pin its new number and sum here", format, got, want)
	}
}
