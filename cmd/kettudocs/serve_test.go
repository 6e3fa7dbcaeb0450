package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/reload"
	"github.com/kettu/kettudocs/internal/testfs"
)

// waitLimit bounds every wait of the serve tests; reaching it is a failure.
const waitLimit = 20 * time.Second

// startServe serves site on a free port of 127.0.0.1, with the real file
// watcher. stop cancels it and waits until it has shut down; its output is
// complete then.
func startServe(t *testing.T, site string) (p *preview, stop func(), stdout, stderr *bytes.Buffer) {
	t.Helper()
	return startServeWith(t, &siteFlags{source: site})
}

// startServeWith is startServe with the site's flags f.
func startServeWith(t *testing.T, f *siteFlags) (p *preview, stop func(), stdout, stderr *bytes.Buffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = new(bytes.Buffer), new(bytes.Buffer)
	p, err := startPreview(ctx, previewConfig{
		site:   f,
		addr:   "127.0.0.1:0",
		quiet:  10 * time.Millisecond,
		stdout: stdout,
		stderr: stderr,
	})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	stopped := false
	stop = func() {
		t.Helper()
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-p.done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(waitLimit):
			t.Fatal("serve did not shut down")
		}
	}
	t.Cleanup(stop)
	return p, stop, stdout, stderr
}

// getPage fetches a URL and checks its status.
// pageNow returns the page at url, or "" when it does not answer 200: for
// waiting on what a change leads to, through the states on the way (a
// checkout removes a page before it writes it back).
func pageNow(t *testing.T, url string) string {
	t.Helper()
	resp, body := fetch(t, url)
	if resp.StatusCode != http.StatusOK {
		return ""
	}
	return string(body)
}

// fetch gets url.
func fetch(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func getPage(t *testing.T, url string, code int) (string, http.Header) {
	t.Helper()
	resp, body := fetch(t, url)
	if resp.StatusCode != code {
		t.Fatalf("GET %s: %s, want %d:\n%s", url, resp.Status, code, body)
	}
	if cl := resp.Header.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
		t.Errorf("GET %s: Content-Length %s, body %d bytes", url, cl, len(body))
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("GET %s: Cache-Control %q, want no-store", url, cc)
	}
	return string(body), resp.Header
}

// sse is one event of a stream.
type sse struct{ name, data string }

// eventStream connects to the reload stream of a preview and returns its events;
// the channel is closed when the stream ends.
func eventStream(t *testing.T, p *preview) <-chan sse {
	t.Helper()
	resp, err := http.Get(p.url + strings.TrimPrefix(reload.Prefix, "/") + "events")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("event stream: %s", resp.Status)
	}
	ch := make(chan sse)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		var e sse
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			switch line = strings.TrimSuffix(line, "\n"); {
			case line == "" && e.name != "":
				ch <- e
				e = sse{}
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// awaitEvent reads events until one named name for which ok holds. Waiting for
// what the step must lead to, rather than for the next event, keeps the
// tests exact when one save reaches the watcher as two batches.
func awaitEvent(t *testing.T, ch <-chan sse, name string, ok func(data string) bool) {
	t.Helper()
	timeout := time.After(waitLimit)
	var seen []sse
	for {
		select {
		case e, open := <-ch:
			if !open {
				t.Fatalf("stream ended; events: %v", seen)
			}
			seen = append(seen, e)
			if e.name == name && ok(e.data) {
				return
			}
		case <-timeout:
			t.Fatalf("no %s event as wanted; events: %v", name, seen)
		}
	}
}

func TestServe(t *testing.T) {
	site := newSite(t)
	css, err := os.ReadFile("../../static/theme.css")
	if err != nil {
		t.Fatal(err)
	}
	themeCSS := string(css)
	p, stop, stdout, stderr := startServe(t, site)

	home, _ := getPage(t, p.url, 200)
	if !strings.Contains(home, reload.Tag+"</body>") {
		t.Errorf("home page without the reload script:\n%s", home)
	}
	notFound, _ := getPage(t, p.url+"no/such/page/", 404)
	if !strings.Contains(notFound, "Page not found") || !strings.Contains(notFound, reload.Tag) {
		t.Errorf("404 is not the site's 404.html with the script:\n%s", notFound)
	}
	if js, h := getPage(t, p.url+"_kettudocs/reload.js", 200); !strings.Contains(js, "EventSource") || !strings.HasPrefix(h.Get("Content-Type"), "text/javascript") {
		t.Errorf("reload.js: %s\n%s", h.Get("Content-Type"), js)
	}

	const page = "content/opcodes-and-status-codes.md"
	orig, err := os.ReadFile(filepath.Join(site, page))
	if err != nil {
		t.Fatal(err)
	}
	drifted := strings.Replace(string(orig), "| 4004 | authentication failed |", "| 4004 | authentication broke  |", 1)
	line, col := lineCol(t, drifted, "authentication broke")
	driftPos := fmt.Sprintf(`%s:%d:%d"`, filepath.ToSlash(filepath.Join(site, page)), line, col)

	// Each step changes the site, then waits for the event it must lead
	// to, and checks a page.
	ch := eventStream(t, p)
	tests := []struct {
		name   string
		change func()
		event  string
		inData string // for problems: in the event's data
		url    string
		inPage string // in the page at url afterwards
		absent string // not in it
	}{
		{"edited page", func() {
			testfs.Write(t, filepath.Join(site, "content/_index.md"), "# kettu API documentation\n\nFreshly written paragraph.\n")
		}, "reload", "", "", "Freshly written paragraph.", ""},
		{"drift shows at once, with the problems over the page", func() {
			testfs.Write(t, filepath.Join(site, page), drifted)
		}, "problems", driftPos, "opcodes-and-status-codes/", "authentication broke", "authentication failed"},
		{"fixed drift", func() {
			testfs.Write(t, filepath.Join(site, page), string(orig))
		}, "reload", "", "opcodes-and-status-codes/", "authentication failed", ""},
		{"changed settings", func() {
			testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "title: Renamed docs\n")
		}, "reload", "", "", "Renamed docs", ""},
		{"settings with a typo keep the last good settings", func() {
			testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "titel: Renamed again\n")
		}, "problems", `"pos":"` + filepath.ToSlash(filepath.Join(site, "kettudocs.yaml")) + `:1"`, "", "Renamed docs", ""},
		{"fixed settings", func() {
			testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "title: Renamed again\n")
		}, "reload", "", "", "Renamed again", ""},
		{"a page in a new folder", func() {
			testfs.Write(t, filepath.Join(site, "content/guide/setup.md"), "# Setup\n\nFirst, install.\n")
		}, "reload", "", "guide/setup/", "First, install.", ""},
		{"a page that cannot be loaded keeps its last good version", func() {
			// Renamed into place, as an editor saves: the watcher must not
			// see it half written, which would be a good, shorter page.
			tmp := filepath.Join(site, "setup.md.tmp")
			testfs.Write(t, tmp, "# Setup\n\n"+strings.Repeat("Too long. ", builder.MaxPageSize/10))
			if err := os.Rename(tmp, filepath.Join(site, "content/guide/setup.md")); err != nil {
				t.Fatal(err)
			}
		}, "problems", "guide/setup.md", "guide/setup/", "First, install.", "Too long."},
		{"an alias leads to the page", func() {
			testfs.Write(t, filepath.Join(site, "content/guide/setup.md"), "---\naliases: [/setup/]\n---\n# Setup\n\nFirst, install.\n")
		}, "reload", "", "setup/", `url=../guide/setup/"`, ""},
		{"raw HTML is sanitized, with a warning over the page", func() {
			testfs.Write(t, filepath.Join(site, "content/guide/setup.md"), "# Setup\n\nFirst <img src=\"x.png\" onerror=\"alert(1)\">.\n")
		}, "problems", `"severity":"warning"`, "guide/setup/", `First <img src="x.png">.`, "onerror"},
		{"a renamed title shows in other pages' navigation", func() {
			testfs.Write(t, filepath.Join(site, "content/guide/setup.md"), "---\ntitle: Installing kettu\n---\n\nFirst, install.\n")
		}, "reload", "", "guide/", ">Installing kettu<", ""},
		{"a page deleted", func() {
			if err := os.Remove(filepath.Join(site, "content/guide/setup.md")); err != nil {
				t.Fatal(err)
			}
		}, "reload", "", "opcodes-and-status-codes/", "kettu", "guide/setup/"},
		{"a stylesheet of the site's own", func() {
			testfs.Write(t, filepath.Join(site, "static/theme.css"), themeCSS+"\nbody { outline: 1px solid blue }\n")
		}, "reload", "", "", "theme.", ""},
		{"a stylesheet swapped without a reload", func() {
			testfs.Write(t, filepath.Join(site, "static/theme.css"), themeCSS+"\nbody { outline: 1px solid red }\n")
		}, "css", `"from":"theme.`, "", "", ""},
		{"a layout that does not parse", func() {
			testfs.Write(t, filepath.Join(site, "layouts/page.html"), "{{if}")
		}, "problems", `"pos":"` + filepath.ToSlash(filepath.Join(site, "layouts/page.html")) + `:1"`, "", "Freshly written paragraph.", ""},
		{"a layout of the site's own", func() {
			testfs.Write(t, filepath.Join(site, "layouts/page.html"), "<!DOCTYPE html><title>{{.Title}}</title><body>own layout {{.Content}}</body>")
		}, "reload", "", "", "own layout", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change()
			check := func(string) bool {
				body := pageNow(t, p.url+tt.url)
				return strings.Contains(body, tt.inPage)
			}
			if tt.event != "reload" {
				check = func(data string) bool { return strings.Contains(data, tt.inData) }
			}
			awaitEvent(t, ch, tt.event, check)
			body, _ := getPage(t, p.url+tt.url, 200)
			if !strings.Contains(body, tt.inPage) || (tt.absent != "" && strings.Contains(body, tt.absent)) {
				t.Errorf("GET /%s: want %q and not %q in:\n%s", tt.url, tt.inPage, tt.absent, body)
			}
		})
	}

	stop()
	select {
	case e, ok := <-ch:
		if ok {
			t.Errorf("event %v after shutdown", e)
		}
	case <-time.After(waitLimit):
		t.Error("event stream still open after shutdown")
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
		t.Errorf("serve wrote the site's public/: %v", err)
	}
	if _, err := http.Get(p.url); err == nil {
		t.Error("server still answers after shutdown")
	}
	for _, want := range []string{"loaded in ", "updated in "} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	for _, want := range []string{"1 problem; kettudocs build would fail:\n" + strings.TrimSuffix(driftPos, `"`) + ": close code 4004", "page.html",
		`guide/setup.md:3:7: warning: removed the attribute onerror="alert(1)" from <img>`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestServeFirstBuildFails(t *testing.T) {
	site := newSite(t)
	index := filepath.Join(site, "content/_index.md")
	orig, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	// A problem whose message holds markup, which must show as text; and
	// a page that cannot be loaded at all.
	testfs.Write(t, index, "---\ntit<e: 1\n---\n# Home\n")
	big := filepath.Join(site, "content/big.md")
	testfs.Write(t, big, strings.Repeat("Too long. ", builder.MaxPageSize/10+1))
	p, _, _, stderr := startServe(t, site)

	// The home page shows as it is, its problems over it.
	if home, _ := getPage(t, p.url, 200); !strings.Contains(home, `<h1 id="home">Home</h1>`) {
		t.Errorf("home page with a problem:\n%s", home)
	}
	failed, _ := getPage(t, p.url+"big/", 500)
	for _, want := range []string{
		"Page not loaded",
		filepath.ToSlash(big) + "</code>: page of 2 MB is not read",
		`<div id="kettudocs-problems">`,
		filepath.ToSlash(index) + ":2:1</code>: unknown front matter key &#34;tit&lt;e&#34;",
		reload.Tag + "</body>",
	} {
		if !strings.Contains(failed, want) {
			t.Errorf("build-failed page lacks %q:\n%s", want, failed)
		}
	}
	if strings.Contains(failed, "tit<e") {
		t.Errorf("problem not escaped:\n%s", failed)
	}
	// The other pages show, as they are.
	if page, _ := getPage(t, p.url+"writing-docs/", 200); !strings.Contains(page, reload.Tag) {
		t.Errorf("a page without the reload script:\n%s", page)
	}
	if !strings.Contains(stderr.String(), "2 problems; kettudocs build would fail:\n") {
		t.Errorf("stderr:\n%s", stderr)
	}

	ch := eventStream(t, p)
	// A page that connects while the build is broken learns why at once.
	awaitEvent(t, ch, "problems", func(data string) bool { return strings.Contains(data, `unknown front matter key \"tit\u003ce\"`) })
	testfs.Write(t, index, string(orig))
	testfs.Write(t, big, "# Big\n\nNow short.\n")
	awaitEvent(t, ch, "reload", func(string) bool {
		body := pageNow(t, p.url+"big/")
		return strings.Contains(body, "Now short.")
	})
	if home, _ := getPage(t, p.url, 200); !strings.Contains(home, "kettu API documentation") {
		t.Errorf("home page after the fix:\n%s", home)
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ctx, cancel := context.WithTimeout(t.Context(), waitLimit)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"serve", "--source", newSite(t), "--port", port}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "address already in use") || !strings.Contains(stderr.String(), "--port") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and a clear message", code, stderr.String())
	}
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inOutput string
	}{
		{[]string{"help"}, 0, "serve     build, serve and live-reload"},
		{[]string{"help", "serve"}, 0, "--port"},
		{[]string{"serve", "-h"}, 0, "kettudocs serve --bind 0.0.0.0"},
		{[]string{"serve", "stray"}, 2, `unexpected argument "stray"`},
		{[]string{"serve", "--port", "http"}, 2, "invalid value"},
		{[]string{"serve", "--port", "-1"}, 2, "--port -1: want 1 to 65535"},
		{[]string{"serve", "--port", "65536"}, 2, "--port 65536: want 1 to 65535"},
		{[]string{"serve", "--source", "/nonexistent"}, 2, "no content folder"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.inOutput) {
			t.Errorf("kettudocs %v: exit %d, output:\n%s%s\nwant exit %d and %q", tt.args, code, stdout, stderr, tt.code, tt.inOutput)
		}
	}
}

func TestUnwatched(t *testing.T) {
	tests := []struct {
		rel  string
		want bool
	}{
		{"content", false},
		{"content/guide/setup.md", false},
		{"layouts/page.html", false},
		{"static/logo.svg", false},
		{"kettudocs.yaml", false},
		{"content/kettudocs.yaml", false},
		{"kettudocs.yml", true},
		{"codes", false}, // the spec is read at every build
		{"codes/codes.yaml", false},
		{"codes/zz_codes.go", false},
		{"public/index.html", true},
		{"node_modules", true},
		{"contents", true},
		{"go.mod", true},
	}
	for _, tt := range tests {
		if got := unwatched(tt.rel); got != tt.want {
			t.Errorf("unwatched(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}

// TestServeBurst saves 200 files as fast as it can, as a formatter or a git
// checkout does: the preview must end in the state of the files, exactly
// what a build writes, after a few updates, not one per save.
func TestServeBurst(t *testing.T) {
	site := newSite(t)
	p, stop, stdout, _ := startServe(t, site)
	ch := eventStream(t, p)
	const saves = 200
	for i := range saves {
		name := filepath.Join(site, "content", "burst", fmt.Sprintf("p%03d.md", i%150))
		testfs.Write(t, name, fmt.Sprintf("# Burst %d\n\nSaved %d times.\n", i%150, i/150+1))
	}
	// The last save shows once the preview has caught up.
	awaitEvent(t, ch, "reload", func(string) bool {
		resp, err := http.Get(p.url + "burst/p049/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return err == nil && strings.Contains(string(body), "Saved 2 times.")
	})
	stop()

	updates := strings.Count(stdout.String(), "updated in ")
	t.Logf("%d saves, %d updates", saves, updates)
	if updates > saves/10 {
		t.Errorf("%d saves made %d updates", saves, updates)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "--source", site, "--dest", dest, "--base-url", "/", "--quiet"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	served := p.good.Files()
	built := slices.DeleteFunc(snapshotNames(t, dest), func(n string) bool { return n == ".kettudocs-manifest" })
	if !slices.Equal(served, built) {
		t.Fatalf("served files differ from the build's:\nserved %d: %v\nbuilt %d: %v", len(served), served, len(built), built)
	}
	for _, name := range built {
		want, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := p.good.Open(name); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: served differs from built (%v)", name, err)
		}
	}
}

// snapshotNames returns the slash paths of the files below dir, sorted.
func snapshotNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// TestServeBrokenThemeAtStart starts with a layout that does not parse:
// content edits keep reporting it, and fixing it serves the site.
func TestServeBrokenThemeAtStart(t *testing.T) {
	site := newSite(t)
	layout := filepath.Join(site, "layouts/page.html")
	testfs.Write(t, layout, "{{if}")
	p, _, _, _ := startServe(t, site)
	getPage(t, p.url, 500)
	ch := eventStream(t, p)
	testfs.Write(t, filepath.Join(site, "content/_index.md"), "# Home\n\nEdited while the theme is broken.\n")
	awaitEvent(t, ch, "problems", func(data string) bool { return strings.Contains(data, "layout does not parse") })
	if err := os.Remove(layout); err != nil {
		t.Fatal(err)
	}
	awaitEvent(t, ch, "reload", func(string) bool { return true })
	if home, _ := getPage(t, p.url, 200); !strings.Contains(home, "Edited while the theme is broken.") {
		t.Errorf("home page after the fix:\n%s", home)
	}
}

// TestServeSpecElsewhere serves a site whose codes spec lives outside it,
// as in an API server's repository: editing the spec checks the docs
// again, as an edit in codes/ does, and so does pointing kettudocs.yaml at
// another spec.
func TestServeSpecElsewhere(t *testing.T) {
	site := newSite(t)
	server := t.TempDir()
	if err := os.Rename(filepath.Join(site, "codes"), filepath.Join(server, "api")); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(server, "api", "codes.yaml")
	testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "codes: "+filepath.ToSlash(spec)+"\n")
	orig, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	p, _, _, _ := startServeWith(t, &siteFlags{source: site, codesAnywhere: true})
	getPage(t, p.url+"opcodes-and-status-codes/", 200)
	ch := eventStream(t, p)

	// The spec says otherwise than the page and its generated file.
	testfs.Write(t, spec, strings.Replace(string(orig), "description: authentication failed", "description: authentication broke", 1))
	awaitEvent(t, ch, "problems", func(data string) bool { return strings.Contains(data, filepath.ToSlash(filepath.Join(server, "api"))) })
	testfs.Write(t, spec, string(orig))
	awaitEvent(t, ch, "reload", func(string) bool { return true })

	// Another spec, in a folder of the site that is not watched otherwise.
	if err := os.Rename(filepath.Join(server, "api"), filepath.Join(site, "api")); err != nil {
		t.Fatal(err)
	}
	spec = filepath.Join(site, "api", "codes.yaml")
	testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "codes: api/codes.yaml\n")
	awaitEvent(t, ch, "reload", func(string) bool { return true })
	testfs.Write(t, spec, strings.Replace(string(orig), "description: authentication failed", "description: authentication broke", 1))
	awaitEvent(t, ch, "problems", func(data string) bool { return strings.Contains(data, "api/") })
}

// TestServeLinkedFolder serves a site with a folder of pages linked into
// its content from elsewhere in the site folder: edits there show too.
func TestServeLinkedFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	site := newSite(t)
	// The linked folder is in static/, one of the folders links may lead into.
	testfs.Write(t, filepath.Join(site, "static", "shared", "faq.md"), "# FAQ\n\nFirst answer.\n")
	if err := os.Symlink(filepath.Join(site, "static", "shared"), filepath.Join(site, "content", "shared")); err != nil {
		t.Fatal(err)
	}
	p, _, _, _ := startServe(t, site)
	if body, _ := getPage(t, p.url+"shared/faq/", 200); !strings.Contains(body, "First answer.") {
		t.Fatalf("linked page:\n%s", body)
	}
	ch := eventStream(t, p)
	testfs.Write(t, filepath.Join(site, "static", "shared", "faq.md"), "# FAQ\n\nSecond answer.\n")
	awaitEvent(t, ch, "reload", func(string) bool {
		body := pageNow(t, p.url+"shared/faq/")
		return strings.Contains(body, "Second answer.")
	})
}

// TestServeRenamedFolder: after a folder is renamed, as often as it is,
// edits to its pages and its subfolders' show, and a new page in it is
// served, through the real file watcher.
func TestServeRenamedFolder(t *testing.T) {
	site := newSite(t)
	content := filepath.Join(site, "content")
	testfs.Write(t, filepath.Join(content, "guide", "a.md"), "# A\n\nFirst a.\n")
	testfs.Write(t, filepath.Join(content, "guide", "deep", "d.md"), "# D\n\nFirst d.\n")
	p, _, _, _ := startServe(t, site)
	getPage(t, p.url+"guide/deep/d/", 200)
	ch := eventStream(t, p)
	old := "guide"
	for i, to := range []string{"tutorial", "guide", "tutorial"} {
		if err := os.Rename(filepath.Join(content, old), filepath.Join(content, to)); err != nil {
			t.Fatal(err)
		}
		awaitEvent(t, ch, "reload", func(string) bool {
			resp, err := http.Get(p.url + to + "/deep/d/")
			if err == nil {
				resp.Body.Close()
			}
			return err == nil && resp.StatusCode == 200
		})
		for _, f := range []string{"a.md", "deep/d.md", "new.md"} {
			text := fmt.Sprintf("Edit %d of %s.", i, f)
			testfs.Write(t, filepath.Join(content, to, filepath.FromSlash(f)), "# Page\n\n"+text+"\n")
			u := p.url + to + "/" + strings.TrimSuffix(f, ".md") + "/"
			awaitEvent(t, ch, "reload", func(string) bool {
				resp, err := http.Get(u)
				if err != nil {
					return false
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				return resp.StatusCode == 200 && strings.Contains(string(body), text)
			})
		}
		old = to
	}
}

// TestServePrint: after each update, errors are printed every time, and a
// warning only the first time it shows, so that a warning on one page is
// not printed again at every save of another.
func TestServePrint(t *testing.T) {
	broken := diag.Problem{Pos: diag.Position{File: "a.md", Line: 3, Col: 1}, Msg: "broken link"}
	removed := diag.Problem{Pos: diag.Position{File: "b.md", Line: 1, Col: 5}, Msg: "removed <script>", Severity: diag.Warning}
	other := diag.Problem{Pos: diag.Position{File: "c.md", Line: 2, Col: 1}, Msg: "removed onclick", Severity: diag.Warning}
	updates := []struct {
		problems diag.List
		want     string
	}{
		{diag.List{broken, removed}, "1 problem; kettudocs build would fail:\na.md:3:1: broken link\nb.md:1:5: warning: removed <script>\n"},
		{diag.List{broken, removed}, "1 problem; kettudocs build would fail:\na.md:3:1: broken link\n"},
		{diag.List{removed, other}, "c.md:2:1: warning: removed onclick\n"},
		{nil, ""},
		{diag.List{removed}, "b.md:1:5: warning: removed <script>\n"}, // gone, then back
	}
	var p preview
	for i, u := range updates {
		var stderr strings.Builder
		p.stderr = &stderr
		p.print(u.problems)
		if stderr.String() != u.want {
			t.Errorf("update %d printed:\n%s\nwant:\n%s", i, stderr.String(), u.want)
		}
	}
}
