package builder

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCollisions(t *testing.T) {
	tests := []struct {
		name    string
		content fstest.MapFS
		baseURL string
		want    []string // the problems, "file: message" prefixes
	}{
		{
			name:    "a page and a content file",
			content: fstest.MapFS{"foo.md": md("# Foo\n"), "foo/index.html": md("<p>hand-made</p>")},
			want:    []string{"foo/index.html: file foo/index.html and page foo.md both become foo/index.html"},
		},
		{
			name:    "pages that differ in case",
			content: fstest.MapFS{"Foo.md": md("# Foo\n"), "foo.md": md("# foo\n")},
			want:    []string{"foo.md: page foo.md becomes foo/index.html, and page Foo.md becomes Foo/index.html: one file where names ignore case"},
		},
		{
			name:    "a page and a folder's page that differ in case",
			content: fstest.MapFS{"Guide/_index.md": md("# G\n"), "guide.md": md("# g\n")},
			want:    []string{"guide.md: page guide.md becomes guide/index.html, and page Guide/_index.md becomes Guide/index.html"},
		},
		{
			name:    "files that differ in case, beyond ASCII",
			content: fstest.MapFS{"Éclair.png": md("a"), "éclair.png": md("b")},
			want:    []string{"éclair.png: file éclair.png becomes éclair.png, and file Éclair.png becomes Éclair.png"},
		},
		{
			name:    "a file where a page needs a folder",
			content: fstest.MapFS{"guide": md("a file named guide"), "guide.md": md("# Guide\n")},
			want:    []string{"guide.md: page guide.md becomes guide/index.html, which needs a folder guide where file guide puts a file"},
		},
		{
			name:    "a file in the case of the build's own",
			content: fstest.MapFS{"_index.md": md("# Home\n"), "Sitemap.xml": md("<urlset/>")},
			baseURL: "https://example.com/",
			want:    []string{"Sitemap.xml: file Sitemap.xml becomes Sitemap.xml, one file where names ignore case (macOS, Windows, many hosts) with the build's sitemap.xml"},
		},
		{
			name:    "several at once",
			content: fstest.MapFS{"a.md": md("# A\n"), "a/index.html": md("x"), "B.md": md("# B\n"), "b.md": md("# b\n")},
			want:    []string{"a/index.html: file a/index.html and page a.md", "b.md: page b.md becomes b/index.html, and page B.md"},
		},
		{
			name:    "a file of the build's own name replaces it",
			content: fstest.MapFS{"_index.md": md("# Home\n"), "404.html": md("mine"), "sitemap.xml": md("mine")},
			baseURL: "https://example.com/",
		},
		{
			// macOS's file systems take the two for one name.
			name:    "names that differ in Unicode normalization",
			content: fstest.MapFS{"caf\u00e9.md": md("# NFC\n"), "cafe\u0301.md": md("# NFD\n")},
			want:    []string{"caf\u00e9.md: page caf\u00e9.md becomes caf\u00e9/index.html, and page cafe\u0301.md becomes cafe\u0301/index.html: one file where names ignore how accents are written"},
		},
		{
			name:    "no collision",
			content: fstest.MapFS{"_index.md": md("# Home\n"), "a.md": md("# A\n"), "a/img.png": md("x"), "b/_index.md": md("# B\n")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Unsafe: the names, not the types of files, are what collide.
			got := checkMessages(t, Config{Content: tt.content, Theme: testTheme, BaseURL: tt.baseURL, UnsafeHTML: true})
			if len(got) != len(tt.want) {
				t.Fatalf("got problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("problem %d:\n%s\nwant it to start with\n%s", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestContentFileReplacesBuildsOwn checks the documented rule: on a site
// that trusts its writers, a content file named like a file the build
// makes (404.html, sitemap.xml, a theme static file) is written instead
// of it, in every build.
func TestContentFileReplacesBuildsOwn(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/page.html": md(`{{.Content}}`),
		"layouts/404.html":  md(`built 404`),
		"static/robots.txt": md("theme's robots"),
	}
	content := fstest.MapFS{
		"_index.md":   md("# Home\n"),
		"404.html":    md("site's 404"),
		"sitemap.xml": md("site's sitemap"),
		"robots.txt":  md("site's robots"),
	}
	for i := range 3 {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := build(t, content, Config{Theme: theme, Dest: dest, BaseURL: "https://example.com/", UnsafeHTML: true}); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, name := range []string{"404.html", "sitemap.xml", "robots.txt"} {
			data, err := os.ReadFile(filepath.Join(dest, name))
			if err != nil {
				t.Fatal(err)
			}
			got[name] = string(data)
		}
		want := map[string]string{"404.html": "site's 404", "sitemap.xml": "site's sitemap", "robots.txt": "site's robots"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("build %d: %v, want %v", i, got, want)
		}
	}
}

// TestThemeStaticBuiltName: a theme's static file named like a file the
// build makes is a problem of the theme, not a silent overwrite.
func TestThemeStaticBuiltName(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/page.html":  md(`{{.Content}}`),
		"layouts/404.html":   md(`built 404`),
		"static/404.html":    md("static 404"),
		"static/sitemap.xml": md("static sitemap"),
		"static/robots.txt":  md("fine"),
	}
	_, err := New(Config{Content: fstest.MapFS{}, Theme: theme})
	got := problemStrings(t, err)
	want := []string{
		"static/404.html: the build writes 404.html itself, from layouts/404.html",
		"static/sitemap.xml: the build writes sitemap.xml itself, from the pages",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%q\nwant\n%q", got, want)
	}
}

// TestPageOverThemeFile: a page is not a file that replaces the theme's,
// as a content file is: it collides with it.
func TestPageOverThemeFile(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/page.html":       md(`{{.Content}}`),
		"layouts/404.html":        md(`404`),
		"static/guide/index.html": md("theme's guide"),
	}
	b, err := New(Config{Content: fstest.MapFS{"guide.md": md("# Guide\n")}, Theme: theme})
	if err != nil {
		t.Fatal(err)
	}
	problems, err := b.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := "guide.md: page guide.md and the theme's guide/index.html both become guide/index.html"
	if len(problems) != 1 || problems[0].Pos.String()+": "+problems[0].Msg != want {
		t.Errorf("problems %v, want %q", problems, want)
	}
}

// TestSanitizingSitesRefuseActiveFiles: on a site that sanitizes its pages
// (the default), a content file that would run script on the docs domain
// (.html, .svg, .js …) is refused, and no content file replaces the
// theme's or the build's own, such as the theme's script under the
// fingerprinted name one build shows; a site that trusts its writers
// publishes them all. The build and the preview agree.
func TestSanitizingSitesRefuseActiveFiles(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/page.html":  md(`{{.Content}}`),
		"layouts/404.html":   md(`built 404`),
		"static/theme.js":    md("theme()"),
		"static/favicon.png": md("theme's icon"),
		"static/robots.txt":  md("theme's robots"),
	}
	b, err := New(Config{Content: fstest.MapFS{}, Theme: theme})
	if err != nil {
		t.Fatal(err)
	}
	script := b.names["theme.js"] // theme.<hash>.js
	content := fstest.MapFS{
		"_index.md":       md("# Home\n"),
		"evil.svg":        md(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"x/page.html":     md("<script>alert(1)</script>"),
		"lib/app.js":      md("alert(1)"),
		"Style.CSS":       md("body{}"),
		script:            md("alert(document.cookie)"),
		"favicon.png":     md("site's icon"),
		"llms.txt":        md("site's llms"),
		"report.pdf":      md("%PDF"),
		"img/diagram.png": md("png"),
	}
	want := []string{
		"Style.CSS: .CSS files are not published",
		"evil.svg: .svg files are not published",
		"favicon.png: file favicon.png would replace the theme's favicon.png, favicon.png",
		"lib/app.js: .js files are not published",
		"llms.txt: file llms.txt would replace the build's llms.txt, llms.txt",
		script + ": .js files are not published",
		"x/page.html: .html files are not published",
	}
	slices.Sort(want)
	got := checkMessages(t, Config{Content: content, Theme: theme})
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d: %s\nwant it to start with %s", i, got[i], want[i])
		}
	}

	// The preview reports the same, and serves none of them.
	lb, err := New(Config{Content: content, Theme: theme})
	if err != nil {
		t.Fatal(err)
	}
	l, err := lb.Live(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Problems()) != len(want) {
		t.Errorf("the preview has %d problems, the build %d:\n%v", len(l.Problems()), len(want), l.Problems())
	}
	for _, f := range []string{"evil.svg", "x/page.html", "lib/app.js"} {
		if data, err := l.Open(f); err == nil && len(data) > 0 {
			t.Errorf("the preview serves %s: %q", f, data)
		}
	}

	// A site whose writers are all trusted publishes them as they are.
	if got := checkMessages(t, Config{Content: content, Theme: theme, UnsafeHTML: true}); len(got) != 0 {
		t.Errorf("unsafe_html: problems:\n%s", strings.Join(got, "\n"))
	}
}
