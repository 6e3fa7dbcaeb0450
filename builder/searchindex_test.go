package builder

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/internal/testfs"
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
		case regexp.MustCompile(`^search/p\d+\.js$`).MatchString(name):
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
			if name == fmt.Sprintf("search/p%d.js", i) {
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

// TestIndexUpdate edits a few pages of a site of several page buckets at
// a time, in words with stems, keys and titles, and builds with the build
// cache: the index is made from the last one's state, indexing only the
// edited pages, and every file of the output is what a build without the
// cache writes. A build with nothing changed indexes nothing; one with a
// page added indexes all.
func TestIndexUpdate(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	vocab := strings.Fields("close closes closing closed retry retries retried code codes " +
		"gateway session sessions resume resumed resuming token tokens limit limits limited " +
		"the a of to and in shard shards sharding heartbeat heartbeats acknowledged")
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[rnd.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	dir := t.TempDir()
	const n = 150
	name := func(i int) string { return fmt.Sprintf("s%d/p%03d.md", i%3, i) }
	page := func(i int) string {
		return fmt.Sprintf("# Page %d %s\n\n%s.\n\n## %s\n\n%s.\n\n| code | name |\n| - | - |\n| %d | %s |\n",
			i, words(2), words(12), words(3), words(20), 4000+rnd.IntN(50), words(2))
	}
	for i := range n {
		testfs.Write(t, filepath.Join(dir, name(i)), page(i))
	}
	cfg := Config{Content: os.DirFS(dir), Theme: kettudocs.Theme(), Cache: t.TempDir(), Dest: filepath.Join(t.TempDir(), "public")}
	check := func(step string, indexed int) {
		t.Helper()
		_, got, res := cacheBuild(t, cfg)
		fresh := cfg
		fresh.Cache, fresh.Dest = "", filepath.Join(t.TempDir(), "public")
		_, want, _ := cacheBuild(t, fresh)
		if res == nil || want == nil {
			t.Fatalf("%s: the build failed", step)
		}
		if d := diffTrees(got, want); d != "" {
			t.Fatalf("%s: with the cache, the output differs:\n%s", step, d)
		}
		if res.Indexed != indexed {
			t.Errorf("%s: %d pages indexed, want %d", step, res.Indexed, indexed)
		}
	}
	check("first build", n)
	check("nothing changed", 0)
	for step := range 10 {
		edited := rnd.Perm(n)[:1+rnd.IntN(3)]
		for _, i := range edited {
			src := page(i)
			if step == 4 {
				src += fmt.Sprintf("\n## Quasar %d\n\nWords no page had: zeugma%d.\n", step, step)
			}
			testfs.Write(t, filepath.Join(dir, name(i)), src)
		}
		check(fmt.Sprintf("step %d, pages %v edited", step, edited), len(edited))
	}
	testfs.Write(t, filepath.Join(dir, "s0/new.md"), page(n))
	check("a page added", n+1)
}
