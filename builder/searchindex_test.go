package builder

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestSearchIndexAsset builds a site, then the same site without pages,
// with one Builder, as serve does: the first build writes the index and
// links it, in reading order; the second neither writes nor links one.
func TestSearchIndexAsset(t *testing.T) {
	content := fstest.MapFS{
		"_index.md": md("# Home\n\nWelcome.\n"),
		"b.md":      md("---\nweight: 2\n---\n# B\n\n## Later\n\nText.\n"),
		"a.md":      md("---\nweight: 1\n---\n# A\n"),
	}
	theme := fstest.MapFS{
		"layouts/page.html": {Data: []byte(`<div data-index="{{.SearchIndex}}"></div>`)},
		"layouts/404.html":  {Data: []byte(`<div data-index="{{.SearchIndex}}"></div>`)},
	}
	dest := filepath.Join(t.TempDir(), "public")
	b, err := New(Config{Content: content, Theme: theme, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := readTree(t, dest)
	var index string
	shards, pages := 0, 0
	for _, name := range res.Written {
		switch {
		case name == "search/index.js":
			index = name
		case regexp.MustCompile(`^search/t\d+\.[0-9a-f]{8}\.js$`).MatchString(name):
			shards++
		case regexp.MustCompile(`^search/p\d+\.[0-9a-f]{8}\.js$`).MatchString(name):
			pages++
		}
	}
	if index == "" || shards == 0 {
		t.Fatalf("no search/index.js and shards written: %v", res.Written)
	}
	if !strings.HasPrefix(string(out[index]), "window.kettudocsSearch={") {
		t.Errorf("index %s: %.60s", index, out[index])
	}
	// The page files are numbered in reading order: weight, not name.
	for i, want := range []string{`"u":"","t":"Home","e":[{"t":"Home","x":"Welcome."}]`, `"u":"a/","t":"A"`, `"u":"b/","t":"B","e":[{"t":"B"},{"a":"later","t":"Later","x":"Text."}]`} {
		var data string
		for name, d := range out {
			if strings.HasPrefix(name, fmt.Sprintf("search/p%d.", i)) {
				data = string(d)
			}
		}
		if !strings.Contains(data, want) {
			t.Errorf("search page file %d: %s, want it to hold %s", i, data, want)
		}
	}
	if pages != 3 {
		t.Errorf("%d search page files, want 3", pages)
	}
	for page, want := range map[string]string{
		"index.html":   index,
		"a/index.html": "../" + index,
		"404.html":     "/" + index,
	} {
		if got := string(out[page]); got != `<div data-index="`+want+`"></div>` {
			t.Errorf("%s: %s, want the index linked as %s", page, got, want)
		}
	}

	for name := range content {
		delete(content, name)
	}
	content["logo.png"] = &fstest.MapFile{Data: []byte("PNG")}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	out = readTree(t, dest)
	for name := range out {
		if strings.HasPrefix(name, "search") {
			t.Errorf("a site without pages got %s", name)
		}
	}
	if got := string(out["404.html"]); got != `<div data-index=""></div>` {
		t.Errorf("404.html of a site without pages: %s, want no index", got)
	}
}
