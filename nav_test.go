package kettudocs_test

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestNavScale builds sites whose sections are far bigger than a
// navigation can show, with the default theme, and checks what the theme
// promises at any size: every page reachable from the home page by links
// alone (no JavaScript), the current page marked once in its own
// navigation, and pages whose size does not grow with the site.
func TestNavScale(t *testing.T) {
	page := func(title string, weight int) *fstest.MapFile {
		return &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: %q\nweight: %d\n---\n\nSome text.\n\n## A heading\n\nMore text.\n", title, weight)}
	}
	flat := func(n int) fstest.MapFS {
		site := fstest.MapFS{"_index.md": {Data: []byte("# Home\n")}}
		for i := range n {
			site[fmt.Sprintf("ref/cmd-%05d.md", i)] = page(fmt.Sprintf("Command %d", i), 0)
		}
		return site
	}
	nested := fstest.MapFS{
		"_index.md":              {Data: []byte("# Home\n")},
		"guide/_index.md":        {Data: []byte("# Guide\n\nThe guide.\n")},
		"guide/intro.md":         page("Intro", 1),
		"guide/deep/_index.md":   {Data: []byte("# Deep\n")},
		"guide/deep/er/a.md":     page("A", 0), // er/ has no index page
		"guide/deep/er/b.md":     page("B", 0),
		"top.md":                 page("Top", 0),
		"errors/E0001/_index.md": {Data: []byte("# E0001\n")},
	}
	for i := range 130 {
		nested[fmt.Sprintf("guide/deep/many-%03d.md", i)] = page(fmt.Sprintf("Many %03d", i), i+1)
		nested[fmt.Sprintf("sec-%03d/p.md", i)] = page("P", 0) // 130 top-level sections
	}

	tests := []struct {
		name string
		site fstest.MapFS
	}{
		{"flat section of 300", flat(300)},
		{"flat section of 3000", flat(3000)},
		{"nested", nested},
		{"bigSection", bigSection},
	}
	median := map[string]int{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			buildSite(t, tt.site, nil, dir, "")
			reached := crawl(t, dir)
			if tt.name == "bigSection" {
				for _, p := range bigSectionPages { // which the browser tests load
					if !reached[p] {
						t.Errorf("%s was not built or cannot be reached", p)
					}
				}
			}
			for name := range tt.site {
				u := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, ".md"), "_index"), "index")
				if !strings.HasSuffix(u, "/") && u != "" {
					u += "/"
				}
				out := u + "index.html"
				if !reached[out] {
					t.Errorf("%s (%s) cannot be reached by links from the home page", out, name)
					continue
				}
				html := readFile(t, filepath.Join(dir, out))
				if len(html) > 20_000 {
					t.Errorf("%s is %d bytes; a page's size must not grow with its section", out, len(html))
				}
				nav := between(t, html, `<nav class="sidebar"`, `</nav>`)
				if n := strings.Count(nav, `aria-current="page"`); n != 1 && u != "" {
					t.Errorf("%s: %d navigation entries marked current, want 1", out, n)
				}
				if n := strings.Count(nav, "<a "); n > 80 {
					t.Errorf("%s: navigation has %d links; it must stay small", out, n)
				}
			}
			median[tt.name] = pageSize(t, dir, "ref/cmd-00150/index.html")
		})
	}
	// The same page in a section ten times as big.
	if small, big := median["flat section of 300"], median["flat section of 3000"]; big > small+small/10 {
		t.Errorf("a page of a 3000-page section is %d bytes, of a 300-page one %d: it grows with its section", big, small)
	}
}

// crawl follows every relative link of the site in dir from index.html,
// as a reader without JavaScript would, and returns the HTML files it
// reached, site-relative.
func crawl(t testing.TB, dir string) map[string]bool {
	t.Helper()
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		data, err := os.ReadFile(filepath.Join(dir, cur))
		if err != nil {
			t.Fatalf("reading %s: %v", cur, err)
		}
		for _, m := range anyRef.FindAllStringSubmatch(string(data), -1) {
			h, _, _ := strings.Cut(m[1], "#")
			h, _, _ = strings.Cut(h, "?")
			if h == "" || strings.Contains(h, ":") || strings.HasPrefix(h, "/") {
				continue
			}
			target := path.Join(path.Dir(cur), h)
			if strings.HasSuffix(h, "/") || h == "." || h == ".." {
				target = path.Join(target, "index.html")
			}
			if !strings.HasSuffix(target, ".html") || seen[target] {
				continue
			}
			if _, err := os.Stat(filepath.Join(dir, target)); err != nil {
				t.Errorf("%s links to %s, which does not exist", cur, h)
				continue
			}
			seen[target] = true
			queue = append(queue, target)
		}
	}
	return seen
}

// pageSize returns the size of the site-relative file name in dir, or 0.
func pageSize(t testing.TB, dir, name string) int {
	t.Helper()
	st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return 0
	}
	return int(st.Size())
}

// TestNoHomePage builds a site without a home page: the build makes one
// listing the top level, titled, so every page is still reachable.
func TestNoHomePage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	buildSite(t, fstest.MapFS{
		"a.md":   {Data: []byte("# A\n\nSee [the guide](g/).\n")},
		"g/b.md": {Data: []byte("# B\n")},
	}, nil, dir, "")
	reached := crawl(t, dir)
	for _, p := range []string{"index.html", "a/index.html", "g/index.html", "g/b/index.html"} {
		if !reached[p] {
			t.Errorf("%s cannot be reached from the home page", p)
		}
	}
	if home := readFile(t, filepath.Join(dir, "index.html")); !strings.Contains(home, "<title>Documentation</title>") {
		t.Errorf("the home page the build makes has no title:\n%s", between(t, home, "<head>", "</title>"))
	}
}
