package builder

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"
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
	var pages []*page
	pages = append(pages, &page{file: "_index.md", url: "", index: true, title: "Home " + odd})
	for s := range 3 {
		dir := fmt.Sprintf("s%d %%41 é/", s) // a space, an escape-like % and a non-ASCII letter in the URL
		pages = append(pages, &page{file: dir + "_index.md", url: dir, index: true, title: fmt.Sprintf("S%d %s", s, odd), weight: s + 1})
		for i := range 40 {
			pages = append(pages, &page{file: fmt.Sprintf("%sp%02d.md", dir, i), url: fmt.Sprintf("%sp%02d+'\"<x>/", dir, i), title: fmt.Sprintf("P%02d %s", i, odd), weight: i + 1})
		}
		pages = append(pages, &page{file: dir + "deep/x.md", url: dir + "deep/x/", title: "Deep " + odd})
	}
	tree, _ := buildNav(pages)
	toc := []Heading{{Level: 2, ID: "a b/é#%", Text: odd}, {Level: 3, ID: "plain", Text: "Plain"}}

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
		{"listing page", &PageData{URL: "s1 %41 é/page/2/", nav: &navOf{tree: tree, at: "s1 %41 é/", from: "s1 %41 é/page/2/"}}},
		{"404", &PageData{Is404: true, Root: "/docs/", nav: &navOf{tree: tree, top: true, from: "/docs/"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want bytes.Buffer
			if err := layouts.ExecuteTemplate(&want, "nav.html", tt.data); err != nil {
				t.Fatal(err)
			}
			got := string(tt.data.NavHTML())
			if got != want.String() {
				t.Errorf("NavHTML differs from the layouts:\n%s", firstDiff(got, want.String()))
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
				t.Errorf("TOCHTML differs from the layout:\n%s", firstDiff(got, want.String()))
			}
		})
	}
}

// pageData is the data of the page at url of tree, as renderPage makes it.
func pageData(tree *navTree, url string, toc []Heading) *PageData {
	return &PageData{URL: url, IsHome: url == "", TOC: toc, nav: &navOf{tree: tree, at: url, toc: toc, from: url}}
}

// firstDiff shows where got and want part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("at byte %d\n got: …%s\nwant: …%s", i, got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
}

func TestPercentEncode(t *testing.T) {
	tests := []struct {
		in         string
		norm, frag string
	}{
		{"a/b-c_d.e~f/", "a/b-c_d.e~f/", "a%2fb-c_d.e~f%2f"},
		{"x y/", "x%20y/", "x%20y%2f"},
		{"%41%zz%4", "%41%25zz%254", "%2541%25zz%254"},
		{"é", "%c3%a9", "%c3%a9"},
		{"?q=1&r#f", "?q=1&r#f", "%3fq%3d1%26r%23f"},
		{`'"<>()`, "%27%22%3c%3e%28%29", "%27%22%3c%3e%28%29"},
	}
	for _, tt := range tests {
		var norm, frag strings.Builder
		percentEncode(&norm, tt.in, true)
		percentEncode(&frag, tt.in, false)
		if norm.String() != tt.norm || frag.String() != tt.frag {
			t.Errorf("percentEncode(%q) = %q, %q; want %q, %q", tt.in, norm.String(), frag.String(), tt.norm, tt.frag)
		}
	}
}

// FuzzWriteURL holds writeURL and writeURLPart to what html/template makes
// of a link and of a fragment in an href. Links the build makes have no
// scheme, which html/template would check; inputs with a colon are left
// out.
func FuzzWriteURL(f *testing.F) {
	for _, s := range []string{"a/b/", "../x y/", "%41%zz", "é/", "q?a=1&b=2", `'"<>`, "+", "a#b"} {
		f.Add(s)
	}
	link := template.Must(template.New("").Parse(`<a href="{{.}}">`))
	frag := template.Must(template.New("").Parse(`<a href="#{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, ":") {
			return
		}
		for _, c := range []struct {
			tmpl  *template.Template
			write func(*strings.Builder, string)
			open  string
		}{{link, writeURL, `<a href="`}, {frag, writeURLPart, `<a href="#`}} {
			var want bytes.Buffer
			if err := c.tmpl.Execute(&want, s); err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			got.WriteString(c.open)
			c.write(&got, s)
			got.WriteString(`">`)
			if got.String() != want.String() {
				t.Errorf("%q: got %s, html/template makes %s", s, got.String(), want.String())
			}
		}
	})
}
