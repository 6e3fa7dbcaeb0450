package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestSafe: a pull request decides nothing about its own safety under
// --safe: its kettudocs.yaml asks for unsafe_html, its own layouts and
// static files would put script on every page, and none of it is used.
func TestSafe(t *testing.T) {
	site := t.TempDir()
	testfs.Put(t, site, map[string]string{
		"kettudocs.yaml":    "title: PR\nunsafe_html: true\n",
		"content/_index.md": "# Home\n\nHello <script>alert('page')</script> there.\n",
		"layouts/page.html": `<html><body>{{.Content}}<script>alert('layout')</script></body></html>`,
		"static/evil.js":    "alert('static')",
	})
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "--quiet", "--source", site, "--dest", dest); code != 0 {
		t.Fatalf("a trusted build: exit %d\n%s", code, stderr)
	}
	if page := readFile(t, filepath.Join(dest, "index.html")); !strings.Contains(page, "alert('layout')") || !strings.Contains(page, "alert('page')") {
		t.Fatalf("without --safe the site's layout and raw HTML are used:\n%s", page)
	}

	for _, args := range [][]string{{"build", "--dest", filepath.Join(t.TempDir(), "public")}, {"check"}} {
		code, stdout, stderr := runCLI(t, append(args, "--safe", "--source", site)...)
		if code != 0 {
			t.Fatalf("%s --safe: exit %d\n%s%s", args[0], code, stdout, stderr)
		}
		if want := "not used: layouts/, static/, unsafe_html: true"; !strings.Contains(stderr, want) {
			t.Errorf("%s --safe: stderr lacks %q:\n%s", args[0], want, stderr)
		}
		if !strings.Contains(stdout+stderr, "removed <script>") {
			t.Errorf("%s --safe: no warning about the removed script:\n%s%s", args[0], stdout, stderr)
		}
		if args[0] != "build" {
			continue
		}
		out := args[2]
		page := readFile(t, filepath.Join(out, "index.html"))
		// The text between removed tags stays, as text; no element runs it.
		if strings.Contains(page, "alert('layout')") || strings.Contains(page, "<script>alert") {
			t.Errorf("build --safe: the page holds the pull request's script:\n%s", page)
		}
		if _, err := os.Stat(filepath.Join(out, "evil.js")); err == nil {
			t.Errorf("build --safe published the site's static/evil.js")
		}
	}

	testfs.Write(t, filepath.Join(site, "content", "logo.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
	code, _, stderr := runCLI(t, "check", "--safe", "--source", site)
	if code != 1 || !strings.Contains(stderr, "logo.svg: .svg files are not published") {
		t.Errorf("check --safe with an SVG: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "check", "--safe", "--codes-anywhere", "--source", site); code != exitUsage || !strings.Contains(stderr, "--codes-anywhere") {
		t.Errorf("--safe --codes-anywhere: exit %d\n%s", code, stderr)
	}
}
