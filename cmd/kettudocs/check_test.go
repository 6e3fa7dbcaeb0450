package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// writeContent writes files into dir/content.
func writeContent(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		testfs.Write(t, filepath.Join(dir, "content", filepath.FromSlash(name)), data)
	}
}

// TestCheckExternal runs check --external on a site whose links lead to a
// local server, from the site folder, so positions print as editors and CI
// logs show them.
func TestCheckExternal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gone":
			http.NotFound(w, r)
		case "/doc":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(`<h2 id="there">There</h2>`))
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	t.Chdir(dir)
	page := func(link string) map[string]string {
		return map[string]string{
			"_index.md": "# Home\n\n[ok](" + srv.URL + "/ok)\n",
			"x.md":      "# X\n\nSee [this](" + srv.URL + link + ") and <" + srv.URL + "/ok>.\n",
		}
	}

	writeContent(t, dir, page("/gone"))
	code, stdout, stderr := runCLI(t, "check", "--external", "--allow-private")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	want := "content/x.md:3:5: broken external link \"" + srv.URL + "/gone\": 404 Not Found\n" +
		"\thint: fix or remove the link, or exclude it with --exclude REGEXP"
	if !strings.HasPrefix(stderr, want) {
		t.Errorf("stderr:\n%s\nwant it to start with:\n%s", stderr, want)
	}
	if want := "kettudocs: checked 3 external links (2 unique): 1 broken\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}

	code, stdout, stderr = runCLI(t, "check", "--external", "--allow-private", "--exclude", `/gone$`, "--timeout", "5s", "--concurrency", "1")
	if code != 0 {
		t.Fatalf("with --exclude: exit %d, want 0\n%s", code, stderr)
	}
	if want := "kettudocs: checked 2 external links (1 unique): 0 broken, 1 excluded\nkettudocs: no problems found\n"; stdout != want {
		t.Errorf("with --exclude: stdout %q, want %q", stdout, want)
	}

	writeContent(t, dir, page("/ok#section"))
	code, stdout, stderr = runCLI(t, "check", "--external", "--allow-private")
	if code != 0 {
		t.Fatalf("all fine: exit %d, want 0\n%s", code, stderr)
	}
	if want := "kettudocs: checked 3 external links (1 unique): 0 broken\nkettudocs: no problems found\n"; stdout != want {
		t.Errorf("all fine: stdout %q, want %q", stdout, want)
	}
	if code, stdout, _ := runCLI(t, "check", "--external", "--allow-private", "--quiet"); code != 0 || stdout != "" {
		t.Errorf("--quiet: exit %d, stdout %q", code, stdout)
	}

	// A fragment the page lacks is broken where it is used.
	writeContent(t, dir, page("/doc#nowhere"))
	code, _, stderr = runCLI(t, "check", "--external", "--allow-private")
	if want := "content/x.md:3:5: broken external link \"" + srv.URL + "/doc#nowhere\": the page has no element with id or name \"nowhere\"\n"; code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("missing fragment: exit %d, stderr:\n%s\nwant it to start with:\n%s", code, stderr, want)
	}
	writeContent(t, dir, page("/doc#there"))
	if code, _, stderr := runCLI(t, "check", "--external", "--allow-private"); code != 0 {
		t.Errorf("fragment there: exit %d\n%s", code, stderr)
	}

	// Internal and external problems come together, sorted.
	writeContent(t, dir, map[string]string{"_index.md": "# Home\n\n[ok](" + srv.URL + "/gone)\n\n[x](missing.md)\n"})
	code, _, stderr = runCLI(t, "check", "--external", "--allow-private")
	if code != 1 || !regexp.MustCompile(`(?s)^content/_index.md:3:1: broken external link .*\ncontent/_index.md:5:1: broken link "missing.md"`).MatchString(stderr) {
		t.Errorf("problems not listed together, sorted:\n%s", stderr)
	}
}

// TestCheckExternalRefusesPrivate: the links of a pull request must not
// reach CI's network. Without --allow-private, a link to a loopback or
// private address is refused without a request, redirects included, and
// the problem says no more than that.
func TestCheckExternalRefusesPrivate(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write([]byte("secret admin page"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	t.Chdir(dir)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	writeContent(t, dir, map[string]string{"_index.md": "# Home\n\n[a](" + srv.URL + "/admin) [b](http://localhost:" + port + "/admin) [c](http://169.254.169.254/latest/meta-data/) [d](http://[::1]:" + port + "/)\n"})
	code, stdout, stderr := runCLI(t, "check", "--external", "--timeout", "2s")
	if code != 1 || strings.Count(stderr, ": refused: private address\n") != 4 || strings.Contains(stderr, "secret") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant 4 links refused", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "--allow-private") {
		t.Errorf("the hint does not name --allow-private:\n%s", stderr)
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the private server got %d requests", n)
	}
	if code, _, stderr := runCLI(t, "check", "--allow-private"); code != exitUsage || !strings.Contains(stderr, "--allow-private needs --external") {
		t.Errorf("--allow-private alone: exit %d\n%s", code, stderr)
	}
}

// TestCheckRealContentExternal checks the kettu docs' external links
// without touching the network: the cats of http.cat are excluded, which
// leaves nothing to request. A new external link in the content makes this test fail, as
// it would then need the network: exclude it here too.
func TestCheckRealContentExternal(t *testing.T) {
	code, stdout, stderr := runCLI(t, "check", "--source", "../..", "--external", "--timeout", "1s",
		"--exclude", `^https://http\.cat/`)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !regexp.MustCompile(`^kettudocs: checked 0 external links \(0 unique\): 0 broken, [1-9]\d* excluded\n`).MatchString(stdout) {
		t.Errorf("stdout %q: want nothing checked and the http.cat links excluded", stdout)
	}
}

// TestCheckWithoutExternal checks that check alone stays as it was.
func TestCheckWithoutExternal(t *testing.T) {
	code, stdout, stderr := runCLI(t, "check", "--source", "../..")
	if code != 0 || stdout != "kettudocs: no problems found\n" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestCheckUsage(t *testing.T) {
	tests := []struct {
		args     []string
		inOutput string
	}{
		{[]string{"--external", "--exclude", "("}, "error parsing regexp"},
		{[]string{"--external", "--timeout", "10"}, `invalid value "10" for flag -timeout`},
		{[]string{"--external", "--timeout", "0s"}, "--timeout 0s: want a positive duration"},
		{[]string{"--external", "--concurrency", "0"}, "--concurrency 0: want at least 1"},
		{[]string{"--external", "--concurrency", "many"}, `invalid value "many" for flag -concurrency`},
		{[]string{"--exclude", "x"}, "--exclude needs --external"},
		{[]string{"--timeout", "5s"}, "--timeout needs --external"},
	}
	for _, tt := range tests {
		args := append([]string{"check", "--source", "../.."}, tt.args...)
		code, stdout, stderr := runCLI(t, args...)
		if code != 2 || !strings.Contains(stderr, tt.inOutput) {
			t.Errorf("kettudocs %v: exit %d, output:\n%s%s\nwant exit 2 and %q", args, code, stdout, stderr, tt.inOutput)
		}
	}
}
