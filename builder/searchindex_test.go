package builder

import (
	"context"
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
	for _, name := range res.Written {
		if regexp.MustCompile(`^search-index\.[0-9a-f]{8}\.js$`).MatchString(name) {
			index = name
		}
	}
	if index == "" {
		t.Fatalf("no search-index.HASH.js written: %v", res.Written)
	}
	if got, want := string(out[index]), `window.kettudocsSearch={"pages":[{"u":"","t":"Home"},{"u":"a/","t":"A"},{"u":"b/","t":"B"}],`+
		`"entries":[{"p":0,"t":"Home","x":"Welcome."},{"p":1,"t":"A"},{"p":2,"t":"B"},{"p":2,"a":"later","t":"Later","x":"Text."}]};`+"\n"; got != want {
		t.Errorf("index, in reading order:\n%s\nwant\n%s", got, want)
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
		if strings.HasPrefix(name, "search-index.") {
			t.Errorf("a site without pages got %s", name)
		}
	}
	if got := string(out["404.html"]); got != `<div data-index=""></div>` {
		t.Errorf("404.html of a site without pages: %s, want no index", got)
	}
}
