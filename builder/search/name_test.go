package search

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestName checks that the entry file's name, which pages link to, is
// what Build names it, and changes with anything Build reads.
func TestName(t *testing.T) {
	pages := func(edit func(i int, src string) string) []*Page {
		var out []*Page
		for i, p := range []struct{ url, title, src string }{
			{"", "Home", "# Home\n\nStart.\n"},
			{"close/", "Close codes", page},
			{"b/", "B", "## One\n\n1\n\n## Two\n\n2\n"},
		} {
			doc, src := parse(t, edit(i, p.src))
			out = append(out, Extract(doc, src, p.url, p.title))
		}
		return out
	}
	base := pages(func(_ int, s string) string { return s })
	if got, want := Name(base), Build(base).Entry; got != want {
		t.Fatalf("Name = %s, Build names the entry %s", got, want)
	}
	// A page made without Extract has no digest cached: same name.
	copies := make([]*Page, len(base))
	for i, p := range base {
		copies[i] = &Page{URL: p.URL, Title: p.Title, Entries: p.Entries}
	}
	if Name(copies) != Name(base) {
		t.Errorf("a copy of the pages gets another name")
	}
	for _, tc := range []struct {
		name  string
		pages []*Page
	}{
		{"a word of text", pages(func(i int, s string) string {
			if i == 2 {
				return s + "\nMore.\n"
			}
			return s
		})},
		{"a page less", base[:2]},
		{"another order", []*Page{base[0], base[2], base[1]}},
		{"a title", func() []*Page {
			p := pages(func(_ int, s string) string { return s })
			doc, src := parse(t, "## One\n\n1\n\n## Two\n\n2\n")
			p[2] = Extract(doc, src, "b/", "Bee")
			return p
		}()},
		{"a URL", func() []*Page {
			p := pages(func(_ int, s string) string { return s })
			doc, src := parse(t, "## One\n\n1\n\n## Two\n\n2\n")
			p[2] = Extract(doc, src, "c/", "B")
			return p
		}()},
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
	var pages []*Page
	for _, p := range []struct{ url, title, src string }{
		{"", "Home", "# Home\n\nStart. ÄÖ 4004 «quoted»\n"},
		{"close/", "Close codes", page},
		{"b/", "B", "## One\n\n1\n\n## Two\n\n2\n\n```go\nfmt.Println(4004)\n```\n"},
	} {
		doc, src := parse(t, p.src)
		pages = append(pages, Extract(doc, src, p.url, p.title))
	}
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
