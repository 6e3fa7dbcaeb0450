package builder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
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
