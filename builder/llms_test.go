package builder

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	kettudocs "github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/internal/testfs"
)

func TestLLMsTxt(t *testing.T) {
	content := fstest.MapFS{
		"_index.md":          md("---\ntitle: Kettu\ndescription: The kettu API.\n---\n\n# Kettu docs\n\nHi.\n"),
		"guide/_index.md":    md("---\nweight: 1\n---\n# Guide\n\nHow to [use](setup.md) it.\n"),
		"guide/setup.md":     md("+++\ntitle = \"Set [up]\"\nweight = 1\n+++\nInstall it first.\n\n## Install\n"),
		"guide/sub/deep.md":  md("---\nweight: 2\n---\n# Deep\n"),
		"guide/usage.md":     md("---\nweight: 3\n---\n# Usage\n"),
		"reference/api.md":   md("# API\n\nThe API, [set up](../guide/setup.md#install \"first\"), [![logo](logo.png)](../guide/usage.md) and [ref][r].\n\n[r]: ../guide/usage.md\n"),
		"reference/logo.png": {Data: []byte("png")},
	}
	dest := t.TempDir()
	res, err := build(t, content, Config{Dest: dest, BaseURL: "https://docs.example.com/kettu/"})
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	want := `# Kettu

> The kettu API.

## Docs

- [Kettu](https://docs.example.com/kettu/index.md): The kettu API.

## Guide

- [Guide](https://docs.example.com/kettu/guide/index.md): How to use it.
- [Set \[up\]](https://docs.example.com/kettu/guide/setup/index.md): Install it first.
- [Usage](https://docs.example.com/kettu/guide/usage/index.md)

## Sub

- [Deep](https://docs.example.com/kettu/guide/sub/deep/index.md)

## Reference

- [API](https://docs.example.com/kettu/reference/api/index.md): The API, set up, logo and ref.
`
	if got := read("llms.txt"); got != want {
		t.Errorf("llms.txt:\n%s\nwant:\n%s", got, want)
	}
	for name, want := range map[string]string{
		"index.md":             "# Kettu docs\n\nHi.\n",
		"guide/setup/index.md": "# Set [up]\n\nInstall it first.\n\n## Install\n", // no h1: the title heads it
		// Links lead where the HTML's do, from the folder both are in;
		// a reference link's definition stays as written.
		"guide/index.md":         "# Guide\n\nHow to [use](setup/) it.\n",
		"reference/api/index.md": "# API\n\nThe API, [set up](../../guide/setup/#install \"first\"), [![logo](../logo.png)](../../guide/usage/) and [ref][r].\n\n[r]: ../guide/usage.md\n",
	} {
		if got := read(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	written := strings.Join(res.Written, " ")
	for _, f := range []string{"llms.txt", "index.md", "guide/sub/deep/index.md"} {
		if !strings.Contains(" "+written+" ", " "+f+" ") {
			t.Errorf("Result.Written lacks %s", f)
		}
	}

	// Without an absolute base URL, links are relative to the site root.
	dest = t.TempDir()
	if _, err := build(t, fstest.MapFS{"my page.md": md("# Mine\n")}, Config{Dest: dest, BaseURL: "/docs/"}); err != nil {
		t.Fatal(err)
	}
	if got := read("llms.txt"); !strings.Contains(got, "- [Mine](my%20page/index.md)\n") {
		t.Errorf("llms.txt under /docs/:\n%s", got)
	}
}

// TestLLMsCollisions checks that the Markdown copies and llms.txt go
// through the output safety rules as every other file.
func TestLLMsCollisions(t *testing.T) {
	// A content file that differs from a page's index.md only in case.
	_, err := build(t, fstest.MapFS{"guide.md": md("# G\n"), "guide/INDEX.MD": md("x")}, Config{Dest: t.TempDir()})
	if got := problemStrings(t, err); len(got) != 1 || !strings.Contains(got[0], "guide/INDEX.MD") || !strings.Contains(got[0], "guide/index.md") {
		t.Errorf("problems %q, want guide/INDEX.MD clashing with page guide.md's guide/index.md", got)
	}
	// The site's own llms.txt replaces the build's.
	dest := t.TempDir()
	if _, err := build(t, fstest.MapFS{"a.md": md("# A\n"), "llms.txt": {Data: []byte("mine\n")}}, Config{Dest: dest, UnsafeHTML: true}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "llms.txt")); string(data) != "mine\n" {
		t.Errorf("llms.txt = %q, want the site's own", data)
	}
	// A theme may not ship one: the build writes it.
	theme := fstest.MapFS{"static/llms.txt": {Data: []byte("x")}}
	for k, v := range testTheme {
		theme[k] = v
	}
	if _, err := New(Config{Content: fstest.MapFS{}, Theme: theme}); err == nil || !strings.Contains(err.Error(), "llms.txt") {
		t.Errorf("a theme with static/llms.txt: %v, want a problem", err)
	}
	// A removed page's Markdown goes with it on the next build.
	dest = t.TempDir()
	if _, err := build(t, fstest.MapFS{"a.md": md("# A\n"), "b.md": md("# B\n")}, Config{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if _, err := build(t, fstest.MapFS{"a.md": md("# A\n")}, Config{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "b", "index.md")); !os.IsNotExist(err) {
		t.Errorf("b/index.md of a removed page: %v, want it gone", err)
	}
}

// TestPageMarkdownFrontMatter checks that PAGE/index.md leaves out the
// front matter the parser found, and only that: a run of four dashes
// opens front matter as well as three, and a page that starts with
// "--- " (a thematic break) has none.
func TestPageMarkdownFrontMatter(t *testing.T) {
	b, err := New(Config{Content: fstest.MapFS{}, Theme: testTheme})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ in, want string }{
		{"---\ntitle: x\n---\n# A\n", "# A\n"},
		{"---\r\ntitle: x\r\n---\r\n# A", "# A"},
		{"+++\ntitle = 'x'\n+++\n# A [b](b.md)\n", "# A [b](../b/)\n"},
		{"----\ntitle: x\n----\n\n# A\n", "# A\n"},
		{"# A\n\nText.\n\n---\n", "# A\n\nText.\n\n---\n"},
		{"--- \n# A\n\n---\n", "--- \n# A\n\n---\n"},
		{"---\ntitle: T\n---\nNo heading.\n", "# T\n\nNo heading.\n"},
		{"", "# P\n\n"},
	} {
		p, problems := b.parsePage("p.md", []byte(tt.in))
		if problems.HasErrors() {
			t.Fatalf("%q: %v", tt.in, problems)
		}
		if i := strings.Index(tt.in, "[b]"); i >= 0 {
			p.edit(i, "b.md", "../b/")
		}
		// Appended after what the buffer holds, which stays.
		if got := string(appendPageMarkdown([]byte("<html>"), p, p.src)); got != "<html>"+tt.want {
			t.Errorf("PAGE/index.md of %q after <html> = %q, want %q", tt.in, got, "<html>"+tt.want)
		}
	}
}

// TestLLMsKept: with a build cache, llms.txt is kept rather than made
// again when nothing it lists changed: the key the cache keeps it under
// changes with a page's title, summary, place or section, not with the
// rest of its text; and a build with the cache writes the llms.txt a
// build without it writes.
func TestLLMsKept(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit map[string]string // file → new content ("" removes it)
		kept bool
	}{
		{"a paragraph more", map[string]string{"guide/setup.md": "# Setup\n\nInstall it first.\n\nMore words.\n"}, true},
		{"a title", map[string]string{"guide/setup.md": "# Set it up\n\nInstall it first.\n"}, false},
		{"a summary", map[string]string{"guide/setup.md": "# Setup\n\nInstall it last.\n"}, false},
		{"a description", map[string]string{"guide/usage.md": "---\ndescription: How.\nweight: 3\n---\n# Usage\n"}, false},
		{"a page added", map[string]string{"guide/more.md": "# More\n"}, false},
		{"a page removed", map[string]string{"guide/usage.md": ""}, false},
		{"a page moved", map[string]string{"guide/usage.md": "", "guide/use.md": "---\nweight: 3\n---\n# Usage\n"}, false},
		{"a section's title", map[string]string{"guide/_index.md": "---\nweight: 1\n---\n# Guides\n"}, false},
		{"the order", map[string]string{"guide/usage.md": "---\nweight: 0\n---\n# Usage\n"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range map[string]string{
				"_index.md":       "# Kettu\n\nHi.\n",
				"guide/_index.md": "---\nweight: 1\n---\n# Guide\n",
				"guide/setup.md":  "# Setup\n\nInstall it first.\n",
				"guide/usage.md":  "---\nweight: 3\n---\n# Usage\n",
			} {
				testfs.Write(t, filepath.Join(dir, name), data)
			}
			cfg := Config{Content: os.DirFS(dir), Theme: kettudocs.Theme(), Cache: t.TempDir(), Dest: filepath.Join(t.TempDir(), "public")}
			// key returns the key of llms.txt, and checks that a build
			// with the cache keeps it under that key.
			key := func() [32]byte {
				t.Helper()
				cacheBuild(t, cfg)
				b, err := New(cfg)
				if err != nil {
					t.Fatal(err)
				}
				l, err := b.Load(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				defer l.Close()
				ck, err := b.cacheKey()
				if err != nil {
					t.Fatal(err)
				}
				k := b.llmsKey(ck, l.s, b.frame(l.s, nil, nil).site.Title)
				c := openCache(cfg.Cache, ck)
				defer c.close()
				if kept, ok := c.last.Listings["llms.txt"]; !ok || kept.Key != k {
					t.Errorf("the cache keeps llms.txt as %+v (%v), not under its key", kept, ok)
				}
				return k
			}
			before := key()
			for name, data := range tt.edit {
				if data == "" {
					os.Remove(filepath.Join(dir, name))
				} else {
					testfs.Write(t, filepath.Join(dir, name), data)
				}
			}
			if kept := key() == before; kept != tt.kept {
				t.Errorf("llms.txt kept = %v, want %v", kept, tt.kept)
			}
			_, got, _ := cacheBuild(t, cfg)
			fresh := cfg
			fresh.Cache, fresh.Dest = "", filepath.Join(t.TempDir(), "public")
			if _, want, _ := cacheBuild(t, fresh); string(got["llms.txt"]) != string(want["llms.txt"]) {
				t.Errorf("llms.txt:\n%s\nwant, as a build without the cache makes it:\n%s", got["llms.txt"], want["llms.txt"])
			}
		})
	}
}
