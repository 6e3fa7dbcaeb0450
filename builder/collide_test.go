package builder

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
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
			name:    "no collision",
			content: fstest.MapFS{"_index.md": md("# Home\n"), "a.md": md("# A\n"), "a/img.png": md("x"), "b/_index.md": md("# B\n")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkMessages(t, Config{Content: tt.content, Theme: testTheme, BaseURL: tt.baseURL})
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

// TestContentFileReplacesBuildsOwn checks the documented rule: a content
// file named like a file the build makes (404.html, sitemap.xml, a theme
// static file) is written instead of it, in every build.
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
		if _, err := build(t, content, Config{Theme: theme, Dest: dest, BaseURL: "https://example.com/"}); err != nil {
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
