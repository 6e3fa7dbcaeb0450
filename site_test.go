package kettudocs_test

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/builder/drift"
)

// The theme's tests build real sites with the default theme: the kettu docs
// of content/, checked against the kettu codes as the CLI does, and a small
// fixture with sections, which the kettu docs do not have yet.

// fixture is a small site with what the kettu docs lack: nested sections
// ordered by weight, a section without a page of its own, a console block
// with prompts, a wide plain table, a quote and a task list.
var fixture = fstest.MapFS{
	"_index.md":       {Data: []byte("---\ntitle: Fixture docs\n---\n\n# Fixture docs\n\nStart with the [guide](guide/_index.md).\n\n## About\n\nA site with sections.\n")},
	"guide/_index.md": {Data: []byte("---\nweight: 1\n---\n\n# Guide\n\nHow to use the thing: first [set up](setup.md), then [use it](usage.md).\n")},
	"guide/setup.md": {Data: []byte("---\ntitle: Set up\nweight: 1\ndescription: Install and configure.\n---\n\n" +
		"Install it first.\n\n## Install\n\n```console\n$ go install example.com/thing@latest\ngo: downloading example.com/thing v1.2.3\n```\n\n" +
		"### From source\n\n```go\nfunc main() {\n\tfmt.Println(\"hello, world\")\n}\n```\n\n" +
		"With line numbers:\n\n```go {linenos=true}\nfunc add(a, b int) int {\n\treturn a + b\n}\n```\n\n" +
		"```go {linenos=table}\nx := add(1, 2)\ny := add(x, 3)\n```\n\n" +
		"## Configure\n\n| key | type | default | meaning |\n| --- | --- | --- | --- |\n" +
		"| `listen_address_for_the_server` | string | `127.0.0.1:8080` | where the server listens for connections from clients on the network |\n" +
		"| `timeout` | duration | `30s` | how long to wait |\n\n" +
		"> **Note:** the defaults suit development, not production.\n\n- [x] installed\n- [ ] configured\n"),
	},
	"guide/usage.md":       {Data: []byte("---\nweight: 2\n---\n\n# Usage\n\nRun it. Back to [setup](setup.md#configure).\n\n    indented code\n    block\n")},
	"reference/api.md":     {Data: []byte("# API\n\nThe API, in one page.\n\n## Calls\n\nNone yet.\n")},
	"reference/options.md": {Data: []byte("---\nweight: 5\n---\n\n# Options\n\nNone yet.\n")},
}

// bigSection is a site with a section of 130 pages, more than a
// navigation lists: the build makes its listing pages, and pages of the
// section show "N more" links. Its pages are all alike, so the browser
// tests check a few: bigSectionPages.
var bigSection = func() fstest.MapFS {
	site := fstest.MapFS{"_index.md": {Data: []byte("# Big docs\n")}}
	for i := range 130 {
		site[fmt.Sprintf("errors/e%03d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: Error %d\nweight: %d\n---\n\nWhat error %d means.\n\n## Fix\n\nDo this.\n", i, i+1, i)}
	}
	return site
}()

// bigSectionPages are the pages of bigSection that show its listings and
// "more" links: the section's listing, its second page, a page in the
// middle of the section (more before and after) and one at its end.
var bigSectionPages = []string{"errors/index.html", "errors/page/2/index.html", "errors/e060/index.html", "errors/e129/index.html"}

// site is a built site, served like a static host under a sub-path.
type site struct {
	dir   string   // the output folder
	url   string   // the base URL: http://127.0.0.1:PORT/docs/
	pages []string // site-relative paths of the HTML files: "index.html", "guide/setup/index.html"

	mu   sync.Mutex
	gate chan struct{} // while not nil, requests for scripts wait until it closes
}

// holdScripts makes the server hold back every script until release is
// called, as a slow network would: what a page shows before its deferred
// scripts run can then be observed.
func (s *site) holdScripts() (release func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gate := make(chan struct{})
	s.gate = gate
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			s.gate = nil
			s.mu.Unlock()
			close(gate)
		})
	}
}

// serveSite builds content with the default theme and serves it under
// /docs/: files, folders through their index.html, and 404.html with
// status 404 for everything else.
func serveSite(t testing.TB, content fs.FS, reg *drift.Registry) *site {
	t.Helper()
	return serveSiteTheme(t, content, reg, kettudocs.Theme())
}

// serveSiteTheme is serveSite with another theme.
func serveSiteTheme(t testing.TB, content fs.FS, reg *drift.Registry, theme fs.FS) *site {
	t.Helper()
	s := serveFolder(t)
	buildSiteTheme(t, content, reg, theme, s.dir, s.url)
	s.pages = htmlFiles(t, s.dir)
	return s
}

// serveFolder serves an empty output folder at http://127.0.0.1:PORT/docs/,
// as a host does: a folder's index.html for the folder, 404.html for what
// is not there. The caller builds into s.dir.
func serveFolder(t testing.TB) *site {
	t.Helper()
	s := &site{dir: filepath.Join(t.TempDir(), "public")}
	files := http.FileServer(http.Dir(s.dir))
	mux := http.NewServeMux()
	mux.Handle("/docs/", http.StripPrefix("/docs", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".js") {
			s.mu.Lock()
			gate := s.gate
			s.mu.Unlock()
			if gate != nil {
				select {
				case <-gate:
				case <-r.Context().Done():
					return
				}
			}
		}
		name := filepath.Join(s.dir, filepath.FromSlash(path.Clean(r.URL.Path)))
		if st, err := os.Stat(name); err == nil && st.IsDir() {
			name = filepath.Join(name, "index.html")
		}
		if _, err := os.Stat(name); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			data, _ := os.ReadFile(filepath.Join(s.dir, "404.html"))
			w.Write(data)
			return
		}
		files.ServeHTTP(w, r)
	})))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s.url = srv.URL + "/docs/"
	return s
}

// buildSite builds content with the default theme into dest.
func buildSite(t testing.TB, content fs.FS, reg *drift.Registry, dest, baseURL string) {
	t.Helper()
	buildSiteTheme(t, content, reg, kettudocs.Theme(), dest, baseURL)
}

func buildSiteTheme(t testing.TB, content fs.FS, reg *drift.Registry, theme fs.FS, dest, baseURL string) {
	t.Helper()
	b, err := builder.New(builder.Config{
		Content: content,
		Theme:   theme,
		Dest:    dest,
		BaseURL: baseURL,
		Codes:   reg,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatalf("build: %v", err)
	}
}

// htmlFiles lists the HTML files below dir, as slash paths.
func htmlFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// pageURL returns the URL of an HTML file of the site as a host serves it:
// "guide/index.html" → BASE/guide/.
func (s *site) pageURL(file string) string {
	return s.url + strings.TrimSuffix(file, "index.html")
}

// urls returns the URL of every page of the site, and a missing one, which
// the server answers with 404.html.
func (s *site) urls() []string {
	var out []string
	for _, p := range s.pages {
		if p == "404.html" {
			out = append(out, s.url+"no/such/page/")
		} else {
			out = append(out, s.pageURL(p))
		}
	}
	return out
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
