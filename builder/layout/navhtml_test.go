package layout

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/builder/nav"
	"github.com/kettu/kettudocs/internal/testfs"
)

// TestNavHTMLMatchesLayouts renders pages' navigation (and TOCHTML's
// headings) with the layouts
// the default theme used before NavHTML (testdata/navlayouts, which range
// over .Nav) and with NavHTML, and wants the same bytes: the Go renderer
// escapes titles, links and heading ids exactly as html/template does, and
// a theme can still render .Nav with templates of its own.
func TestNavHTMLMatchesLayouts(t *testing.T) {
	layouts := template.Must(template.New("").ParseGlob("testdata/navlayouts/*.html"))
	odd := `Q&A <b> "quoted" 'single' C++ ünï`
	var pages []nav.Page
	pages = append(pages, nav.Page{File: "_index.md", URL: "", Index: true, Title: "Home " + odd})
	for s := range 3 {
		dir := fmt.Sprintf("s%d %%41 é/", s) // a space, an escape-like % and a non-ASCII letter in the URL
		pages = append(pages, nav.Page{File: dir + "_index.md", URL: dir, Index: true, Title: fmt.Sprintf("S%d %s", s, odd), Weight: s + 1})
		for i := range 40 {
			pages = append(pages, nav.Page{File: fmt.Sprintf("%sp%02d.md", dir, i), URL: fmt.Sprintf("%sp%02d+'\"<x>/", dir, i), Title: fmt.Sprintf("P%02d %s", i, odd), Weight: i + 1})
		}
		pages = append(pages, nav.Page{File: dir + "deep/x.md", URL: dir + "deep/x/", Title: "Deep " + odd})
	}
	tree, _ := nav.Build(pages)
	toc := []nav.Heading{{Level: 2, ID: "a b/é#%", Text: odd}, {Level: 3, ID: "plain", Text: "Plain"}}

	tests := []struct {
		name string
		data *PageData
	}{
		{"home", pageData(tree, "", toc)},
		{"section page", pageData(tree, "s1 %41 é/", toc)},
		{"page in a window", pageData(tree, "s1 %41 é/p20+'\"<x>/", toc)},
		{"first page", pageData(tree, "s0 %41 é/p00+'\"<x>/", nil)},
		{"last page", pageData(tree, "s2 %41 é/p39+'\"<x>/", toc)},
		{"nested section", pageData(tree, "s2 %41 é/deep/x/", toc)},
		{"listing page", frame.Page(&PageData{URL: "s1 %41 é/page/2/"}, tree.At("s1 %41 é/", nil, "s1 %41 é/page/2/"))},
		{"404", frame.Page(&PageData{Is404: true, Root: "/docs/"}, tree.Top("/docs/"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want bytes.Buffer
			if err := layouts.ExecuteTemplate(&want, "nav.html", tt.data); err != nil {
				t.Fatal(err)
			}
			got := string(tt.data.NavHTML())
			if got != want.String() {
				t.Errorf("NavHTML differs from the layouts:\n%s", testfs.FirstDiff(got, want.String()))
			}
			for _, s := range []string{"ünï", "C&#43;&#43;", "&lt;b&gt;", "&#34;quoted&#34;", "&#39;single&#39;"} {
				if !strings.Contains(got, s) {
					t.Errorf("NavHTML lacks %q", s)
				}
			}
			// TOCHTML likewise, against the list toc.html made before.
			want.Reset()
			if len(tt.data.TOC) > 0 {
				if err := layouts.ExecuteTemplate(&want, "toc-list.html", tt.data); err != nil {
					t.Fatal(err)
				}
			}
			if got := string(tt.data.TOCHTML()); got != want.String() {
				t.Errorf("TOCHTML differs from the layout:\n%s", testfs.FirstDiff(got, want.String()))
			}
		})
	}
}

// pageData is the data of the page at url of tree, as renderPage makes it.
func pageData(tree *nav.Tree, url string, toc []nav.Heading) *PageData {
	return frame.Page(&PageData{URL: url, IsHome: url == "", TOC: toc}, tree.At(url, toc, url))
}

// frame is a frame without assets or layouts to cache.
var frame = NewFrame(nil, nil)
