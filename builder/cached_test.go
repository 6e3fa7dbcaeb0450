package builder

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/output"
	"github.com/kettu/kettudocs/builder/sitefs"
	"github.com/kettu/kettudocs/internal/testfs"
)

// TestCachedSameAsTemplate builds a site with pages at several depths, a
// listing and the 404 page with the default theme, which caches its
// header, footer and asset links, and with the same theme calling those
// layouts with {{template}}: every file must be the same.
func TestCachedSameAsTemplate(t *testing.T) {
	content := fstest.MapFS{
		"_index.md":           md("# Home\n"),
		"a.md":                md("# A\n\n## One\n"),
		"guide/_index.md":     md("# Guide\n"),
		"guide/b.md":          md("# B\n"),
		"guide/deep/c.md":     md("# C\n"),
		"mermaid/d.md":        md("# D, in a folder named as an asset's\n"),
		"search/e.md":         md("# E, in the search index's folder\n"),
		"many/x/_index.md":    md("# X\n"),
		"reference/errors.md": md("---\ntitle: Errors\n---\n\nText.\n"),
	}
	for i := range 30 {
		content[fmt.Sprintf("many/p%02d.md", i)] = md(fmt.Sprintf("# P%d\n", i))
	}
	// The theme with the three layouts rewritten, through Overlay, as a
	// site's own layouts replace the theme's.
	cached, rewritten := kettudocs.Theme(), fstest.MapFS{}
	calls := 0
	for _, name := range []string{"layouts/page.html", "layouts/404.html", "layouts/head.html"} {
		data, err := fs.ReadFile(cached, name)
		if err != nil {
			t.Fatal(err)
		}
		src := string(data)
		calls += strings.Count(src, "{{.Cached ")
		src = strings.NewReplacer(`{{.Cached "header.html"}}`, `{{template "header.html" .}}`,
			`{{.Cached "footer.html"}}`, `{{template "footer.html" .}}`,
			`{{.Cached "head-assets.html"}}`, `{{template "head-assets.html" .}}`).Replace(src)
		if strings.Contains(src, ".Cached") {
			t.Fatalf("%s: a .Cached call this test does not replace", name)
		}
		rewritten[name] = &fstest.MapFile{Data: []byte(src)}
	}
	plain := sitefs.Overlay(rewritten, cached)
	if calls < 5 {
		t.Fatalf("the default theme makes %d .Cached calls, want 5: this test tests nothing", calls)
	}
	out := func(theme fs.FS) map[string][]byte {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := build(t, content, Config{Theme: theme, Dest: dest, BaseURL: "https://example.com/docs/"}); err != nil {
			t.Fatal(err)
		}
		files := readTree(t, dest)
		delete(files, output.ManifestName)
		return files
	}
	want, got := out(plain), out(cached)
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Fatalf("files %q, want %q", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs:\n%s", name, testfs.FirstDiff(string(got[name]), string(data)))
		}
	}
}

// TestCachedChecked checks that a layout called with .Cached may read
// only what is the same for every page at one depth, and that the theme
// fails to load, naming the place, when it reads anything else.
func TestCachedChecked(t *testing.T) {
	for _, tt := range []struct {
		name, layout string
		want         string // the problem, "" for none
	}{
		{"constants", `{{.Site.Title}} {{.Root}} {{.Rel ""}} {{.Asset "x.css"}} {{.SearchIndex}} {{if .Is404}}404{{end}}`, ""},
		{"pure functions", `{{printf "%s/%s" .Root (.Site.Title | html)}} {{len .Site.Title}} {{if and .Root (not .Is404)}}x{{end}}`, ""},
		{"with and range", `{{with .SearchIndex}}{{.}} {{$.Rel ""}} {{$.Site.Title}}{{end}}{{range $i, $c := .Site.Title}}{{$c}}{{end}}`, ""},
		{"variables", `{{$t := .Site.Title}}{{$t}}`, ""},
		{"nested layout", `{{template "part.html" .}}`, ""},
		{"nested layout given a value", `{{template "part.html" .Site}}`, ""},
		{"title", "<h1>\n  {{.Title}}</h1>", "layouts/x.html:2:5: layout x.html is cached ({{.Cached \"x.html\"}}) but reads .Title"},
		{"URL", `{{.URL}}`, "layouts/x.html:1:3: layout x.html is cached ({{.Cached \"x.html\"}}) but reads .URL"},
		{"a link", `{{.Rel "guide/"}}`, `layouts/x.html:1:3: layout x.html is cached ({{.Cached "x.html"}}) but reads .Rel with an argument other than ""`},
		{"a link through $", `{{with .Site}}{{$.Rel .Title}}{{end}}`, `layouts/x.html:1:18: layout x.html is cached ({{.Cached "x.html"}}) but reads .Rel with an argument other than ""`},
		{"$ in with", `{{with .Site}}{{$.TOC}}{{end}}`, `layouts/x.html:1:18: layout x.html is cached ({{.Cached "x.html"}}) but reads $.TOC`},
		{"the page", `{{printf "%v" .}}`, `layouts/x.html:1:15: layout x.html is cached ({{.Cached "x.html"}}) but reads ., the whole page`},
		{"a function", `{{call .Site.Title}}`, `layouts/x.html:1:3: layout x.html is cached ({{.Cached "x.html"}}) but reads the function call`},
		{"in a nested layout", `{{template "bad.html" .}}`, `layouts/bad.html:1:8: layout bad.html is cached ({{.Cached "x.html"}}) but reads .Nav`},
		{"a nested layout given the page", `{{template "part.html" $}}`, `layouts/x.html:1:24: layout x.html is cached ({{.Cached "x.html"}}) but reads $, the whole page`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			theme := fstest.MapFS{
				"layouts/page.html": {Data: []byte(`<body>{{.Cached "x.html"}}{{.Content}}</body>`)},
				"layouts/404.html":  {Data: []byte(`404`)},
				"layouts/x.html":    {Data: []byte(tt.layout)},
				"layouts/part.html": {Data: []byte(`{{.Root}}`)},
				"layouts/bad.html":  {Data: []byte(`<nav>{{.Nav}}</nav>`)},
			}
			_, err := New(Config{Content: fstest.MapFS{}, Theme: theme})
			var got string
			var list diag.List
			switch {
			case errors.As(err, &list) && len(list) == 1:
				got = list[0].Pos.String() + ": " + list[0].Msg
				if list[0].Hint == "" {
					t.Error("no hint")
				}
			case err != nil:
				t.Fatalf("want one problem, got %v", err)
			}
			if got != tt.want && !(tt.want != "" && strings.HasPrefix(got, tt.want+", which differs")) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}
