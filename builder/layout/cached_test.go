package layout

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/kettu/kettudocs/builder/siteurl"
)

// TestCachedOncePerDepth checks that a cached layout is executed once for
// all the pages at one depth, as the build renders them with one Frame:
// one cached markup a depth, and one for 404.html.
func TestCachedOncePerDepth(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/page.html": {Data: []byte(`{{.Cached "x.html"}}`)},
		"layouts/404.html":  {Data: []byte(`{{.Cached "x.html"}}`)},
		"layouts/x.html":    {Data: []byte(`{{.Root}}`)},
	}
	layouts, err := Load(theme)
	if err != nil {
		t.Fatal(err)
	}
	f := NewFrame(layouts, nil)
	var pages []*PageData
	for _, dir := range []string{"", "a/", "b/", "a/c/"} {
		pages = append(pages, &PageData{URL: dir, Root: siteurl.Root(dir)})
		for i := range 3 {
			u := fmt.Sprintf("%sp%d/", dir, i)
			pages = append(pages, &PageData{URL: u, Root: siteurl.Root(u)})
		}
	}
	pages = append(pages, &PageData{Root: "/", Is404: true})
	for _, d := range pages {
		layout := "page.html"
		if d.Is404 {
			layout = "404.html"
		}
		out, err := Execute(layouts, layout, f.Page(d, nil))
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != d.Root {
			t.Errorf("%q: %q, want its root %q", d.URL, out, d.Root)
		}
	}
	var got []string
	for k := range f.cache.m {
		got = append(got, fmt.Sprintf("%s\x00%s\x00%t", k.name, k.root, k.is404))
	}
	slices.Sort(got)
	want := []string{"x.html\x00\x00false", "x.html\x00../\x00false", "x.html\x00../../\x00false", "x.html\x00../../../\x00false", "x.html\x00/\x00true"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cached %q, want %q", got, want)
	}
}
