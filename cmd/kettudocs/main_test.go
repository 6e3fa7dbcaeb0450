package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/internal/testfs"
)

// runCLI runs the command line and returns its exit status and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// newSite copies the real content and the codes spec (with the package
// generated from it) into a temporary site folder and returns the folder.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "codes"), os.DirFS("../../codes")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRealContentBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runCLI(t, "build", "--source", "../..", "--dest", dest, "--base-url", "https://docs.example.com/kettu/")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "pages") {
		t.Errorf("no summary line: %q", stdout)
	}
	for _, f := range []string{"index.html", "opcodes-and-status-codes/index.html", "writing-docs/index.html", "404.html", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	// 404.html is served at any path, so it links through the base URL's path.
	notFound, _ := os.ReadFile(filepath.Join(dest, "404.html"))
	if !bytes.Contains(notFound, []byte(`href="/kettu/`)) {
		t.Errorf("404.html does not link through /kettu/:\n%s", notFound)
	}
	sitemap, _ := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if !bytes.Contains(sitemap, []byte("<loc>https://docs.example.com/kettu/opcodes-and-status-codes/</loc>")) {
		t.Errorf("sitemap.xml lacks the opcodes page:\n%s", sitemap)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "opcodes-and-status-codes/index.html"))
	for _, id := range []string{`id="op-6"`, `id="close-4004"`, `id="http-5xx"`, `id="json-40002"`} {
		if !bytes.Contains(page, []byte(id)) {
			t.Errorf("page has no row %s", id)
		}
	}
}

// TestSeedVerbatim checks the page exactly as received: its four tables are
// unbound, its JSON example uses 50014, and its prose names opcodes 6 and 7.
func TestSeedVerbatim(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("testdata/seed-verbatim.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "seed.md"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "codes"), os.DirFS("../../codes")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "check", "--source", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	file := filepath.ToSlash(filepath.Join(dir, "content", "seed.md"))
	var got []string
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, file) {
			got = append(got, strings.TrimPrefix(line, file+":"))
		}
	}
	want := []string{
		"9:1: code table is not bound to a group",
		"21:1: code table is not bound to a group",
		"39:45: opcode 6 is mentioned, but the gateway opcodes table at line 9 does not list it",
		"39:49: opcode 7 is mentioned, but the gateway opcodes table at line 9 does not list it",
		"45:1: code table is not bound to a group",
		"64:11: unknown JSON error code 50014",
		"79:1: code table is not bound to a group",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), stderr)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want it to start with %q", i, got[i], want[i])
		}
	}
}

func TestQuietAndVerbose(t *testing.T) {
	site := newSite(t)
	code, stdout, stderr := runCLI(t, "build", "--source", site, "--quiet")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, "build", "--source", site, "--verbose")
	page := filepath.Join(site, "public", "opcodes-and-status-codes", "index.html")
	if code != 0 || !strings.Contains(stdout, page+"\n") || !strings.Contains(stdout, "kettudocs: built") {
		t.Errorf("--verbose: exit %d, stdout:\n%s", code, stdout)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inOutput string
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "stray"}, 2, `unexpected argument "stray"`},
		{[]string{"build", "--source", "/nonexistent"}, 2, "no content folder"},
		{[]string{"build", "--source", "../..", "--base-url", "docs/"}, 2, `base URL "docs/"`},
		{[]string{"check", "--external", "--concurrency", "-1"}, 2, "--concurrency -1: want at least 1"},
		{[]string{"check", "--external", "--concurrency", "0"}, 2, "--concurrency 0: want at least 1"},
		{[]string{"check", "--external", "--timeout", "0s"}, 2, "--timeout 0s: want a positive duration"},
		{[]string{"check", "--external", "--timeout", "-5s"}, 2, "--timeout -5s: want a positive duration"},
		{[]string{"check", "--external", "--exclude", "("}, 2, "missing closing )"},
		{[]string{"check", "--timeout", "5s"}, 2, "--timeout needs --external"},
		{[]string{"build", "--format", "yaml"}, 2, "want text, github or json"},
		{[]string{"help"}, 0, "Commands:"},
		{[]string{"help", "build"}, 0, "--base-url"},
		{[]string{"build", "-h"}, 0, "Examples:"},
		{[]string{"version"}, 0, "kettudocs"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.inOutput) {
			t.Errorf("kettudocs %v: exit %d, output:\n%s%s\nwant exit %d and %q", tt.args, code, stdout, stderr, tt.code, tt.inOutput)
		}
	}
}

// lineCol returns the 1-based line and column of the first occurrence of
// needle in src, so expectations follow the content instead of pinning
// magic numbers.
func lineCol(t *testing.T, src, needle string) (int, int) {
	t.Helper()
	i := strings.Index(src, needle)
	if i < 0 {
		t.Fatalf("%q not in page", needle)
	}
	line := strings.Count(src[:i], "\n") + 1
	col := i - strings.LastIndex(src[:i], "\n")
	return line, col
}

// TestDriftFailsTheBuild applies one edit at a time to the real opcodes
// page and checks that the build fails with the problem at the exact place
// and leaves the previous output untouched.
func TestDriftFailsTheBuild(t *testing.T) {
	const page = "opcodes-and-status-codes.md"
	orig, err := os.ReadFile(filepath.Join("../../content", page))
	if err != nil {
		t.Fatal(err)
	}
	src := string(orig)
	tests := []struct {
		name     string
		old, new string
		at       string // text the problem points at, in the edited page
		atOffset int    // extra columns from the start of at
		msg      string
	}{
		{"changed description", "| 4004 | authentication failed |", "| 4004 | authentication broke  |", "authentication broke", 0,
			`close code 4004 description: expected "authentication failed", found "authentication broke"`},
		{"changed action", "| 4003 | not authenticated     | abort  ", "| 4003 | not authenticated     | resume ", "resume  | need", 0,
			`expected "abort", found "resume"`},
		{"changed opcode name", "| 3    | hello           |", "| 3    | hi              |", "hi   ", 0, `expected "hello", found "hi"`},
		{"changed meaning", "| request completed ", "| request done      ", "request done", 0, `expected "request completed", found "request done"`},
		{"changed json meaning", "| 10004 | unknown image                         |", "| 10004 | unknown picture                       |", "unknown picture", 0,
			`expected "unknown image", found "unknown picture"`},
		{"renumbered row", "| 4012 | invalid api version", "| 4011 | invalid api version", "| 4011", 2, "unknown close code 4011"},
		{"missing row", "| 4008 | ratelimited           | resume  | plz slow down kthx                                     |\n", "", "| 4009", 0,
			"missing row for close code 4008 \"ratelimited\""},
		{"extra row", "| 50008 | invalid ip for the mfa code           |\n", "| 50008 | invalid ip for the mfa code           |\n| 50009 | invalid thing |\n", "| 50009", 2,
			"unknown JSON error code 50009"},
		{"duplicate row", "| 201  | CREATED ", "| 200  | OK                | [kitty](https://http.cat/200) | request completed                     |\n| 201  | CREATED ", "| 200  | OK                | [kitty]", 2,
			"duplicate row for status code 200"},
		{"reordered rows", "| 0    | dispatch        | both    | all typical gateway events                                                     |\n| 1    | heartbeat       | both    | regular heartbeat to detect broken connections                                 |",
			"| 1    | heartbeat       | both    | regular heartbeat to detect broken connections                                 |\n| 0    | dispatch        | both    | all typical gateway events                                                     |",
			"| 1    | heartbeat", 2, "row for opcode 1 is out of order"},
		{"wrong group", "<!-- codes: http-statuses -->", "<!-- codes: json-codes -->", "| 200  | OK", 2, "unknown JSON error code 200"},
		{"unknown group", "<!-- codes: opcodes -->", "<!-- codes: opcode -->", "opcode -->", 0, `unknown code group "opcode"`},
		{"unbound table", "<!-- codes: json-codes -->\n", "", "| code  | meaning", 0, "code table is not bound to a group"},
		{"marker without table", "<!-- codes: json-codes -->\n", "<!-- codes: json-codes -->\n\nSome text.\n\n", "<!-- codes: json-codes -->", 0, "is followed by a paragraph, not a table"},
		{"unknown code in JSON example", `"code": 40002`, `"code": 50014`, "50014", 0, "unknown JSON error code 50014"},
		{"unknown opcode in prose", "preceded by opcode 6 & 7", "preceded by opcode 6 & 9", "9 'Invalid", 0, "unknown opcode 9"},
		{"unknown close code in prose", "Actions are only suggestions", "Close code 4099 is new. Actions are only suggestions", "4099", 0, "unknown close code 4099"},
		{"renamed constant in a Go example", "case codes.ActionRestart:", "case codes.Restart:", "Restart:", 0,
			"unknown identifier codes.Restart in Go example"},
		{"unknown HTTP range in prose", "When you receive a 4xx HTTP", "When you receive a status code 6xx or 4xx HTTP", "6xx", 0, "6xx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(src, tt.old) {
				t.Fatalf("page no longer contains %q", tt.old)
			}
			edited := strings.Replace(src, tt.old, tt.new, 1)
			site := newSite(t)
			file := filepath.Join(site, "content", page)
			if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(site, "public")
			if err := os.MkdirAll(dest, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dest, "index.html"), []byte("previous build"), 0o644); err != nil {
				t.Fatal(err)
			}

			code, _, stderr := runCLI(t, "build", "--source", site)
			if code != 1 {
				t.Fatalf("exit %d, want 1:\n%s", code, stderr)
			}
			line, col := lineCol(t, edited, tt.at)
			want := fmt.Sprintf("%s:%d:%d: ", filepath.ToSlash(file), line, col+tt.atOffset)
			found := false
			for _, l := range strings.Split(stderr, "\n") {
				if strings.HasPrefix(l, want) && strings.Contains(l, tt.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("want a problem %q…%q, got:\n%s", want, tt.msg, stderr)
			}
			if !strings.Contains(stderr, "hint: ") {
				t.Errorf("no fix hint in:\n%s", stderr)
			}
			entries, _ := os.ReadDir(dest)
			data, _ := os.ReadFile(filepath.Join(dest, "index.html"))
			if len(entries) != 1 || string(data) != "previous build" {
				t.Errorf("public/ was touched by a failed build")
			}
		})
	}
}

// TestFormats checks the three ways problems are printed: text for people,
// GitHub Actions annotations, and JSON for tools.
func TestFormats(t *testing.T) {
	site := newSite(t)
	page := filepath.Join(site, "content", "writing-docs.md")
	if err := os.WriteFile(page, []byte("# W\n\nSee [x](gone.md), 100%: ok.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.ToSlash(page)
	tests := []struct {
		format         string
		stdout, stderr string
	}{
		{"text", "", file + `:3:5: broken link "gone.md": no page gone.md` + "\n\thint: "},
		{"github", "::error file=" + strings.NewReplacer(":", "%3A", ",", "%2C").Replace(file) +
			`,line=3,col=5,title=kettudocs::broken link "gone.md": no page gone.md%0Ahint: `, "kettudocs: 1 problem\n"},
		{"json", `"file": "` + file + `",` + "\n" + `    "line": 3,` + "\n" + `    "col": 5,` + "\n" + `    "message": "broken link \"gone.md\": no page gone.md",`, "kettudocs: 1 problem\n"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, "check", "--source", site, "--format", tt.format)
		if code != 1 || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("--format %s: exit %d\nstdout:\n%s\nstderr:\n%s\nwant stdout with %q, stderr with %q", tt.format, code, stdout, stderr, tt.stdout, tt.stderr)
		}
	}
	if code, _, stderr := runCLI(t, "check", "--format", "xml"); code != 2 || !strings.Contains(stderr, "want text, github or json") {
		t.Errorf("--format xml: exit %d, %s", code, stderr)
	}
}

// TestExitStatus checks the exit statuses the README documents: problems
// of the site, its theme or its settings exit 1 and print in every
// format, json included; how kettudocs is called exits 2.
func TestExitStatus(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string // below the site folder
		args   []string
		code   int
		inJSON string // in the json output, for exit 1
	}{
		{"a layout that does not parse", map[string]string{"layouts/page.html": "{{if}"}, nil, 1,
			`"file": "layouts/page.html",` + "\n" + `    "line": 1,`},
		{"a bad settings file", map[string]string{"kettudocs.yaml": "titel: x\n"}, nil, 1,
			`"file": "kettudocs.yaml",` + "\n" + `    "line": 1,` + "\n" + `    "message": "unknown key \"titel\""`},
		{"a broken link", map[string]string{"content/a.md": "[x](gone.md)\n"}, nil, 1, `"file": "content/a.md"`},
		{"an output folder holding another's file", map[string]string{"public/index.html": "mine"}, nil, 1,
			`"message": "output public holds 1 file kettudocs did not write, which the build would overwrite: index.html",` + "\n" + `    "hint": "if the folder`},
		{"a bad --base-url", nil, []string{"--base-url", "docs"}, 2, ""},
		{"--dest at the content", nil, []string{"--dest", "content"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := t.TempDir()
			writeContent(t, site, map[string]string{"_index.md": "# Home\n"})
			for name, data := range tt.files {
				testfs.Write(t, filepath.Join(site, filepath.FromSlash(name)), data)
			}
			t.Chdir(site)
			for _, cmd := range []string{"build", "check"} {
				if cmd == "check" && (tt.args != nil || strings.Contains(tt.name, "output")) {
					continue
				}
				code, stdout, stderr := runCLI(t, append([]string{cmd, "--format", "json"}, tt.args...)...)
				if code != tt.code {
					t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", cmd, code, tt.code, stdout, stderr)
				}
				if tt.code == 2 {
					continue
				}
				var v []map[string]any
				if err := json.Unmarshal([]byte(stdout), &v); err != nil || len(v) == 0 {
					t.Errorf("%s: stdout is not a JSON list of problems (%v):\n%s", cmd, err, stdout)
				}
				if !strings.Contains(stdout, tt.inJSON) {
					t.Errorf("%s: stdout lacks %q:\n%s", cmd, tt.inJSON, stdout)
				}
			}
		})
	}
}

// TestReadErrorPlaced: a file that cannot be read is a problem printed
// like the others, with its path from the working folder.
func TestReadErrorPlaced(t *testing.T) {
	site := t.TempDir()
	writeContent(t, site, map[string]string{"_index.md": "# Home\n"})
	if err := os.Symlink("nowhere.png", filepath.Join(site, "content", "x.png")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	t.Chdir(site)
	code, _, stderr := runCLI(t, "build")
	if want := "content/x.png: broken symbolic link to \"nowhere.png\"\n\thint: "; code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, want)
	}
}

func TestGithubAnnotation(t *testing.T) {
	tests := []struct {
		p    diag.Problem
		want string
	}{
		{diag.Problem{Pos: diag.Position{File: "content/a,b.md", Line: 3, Col: 5}, Msg: "broken", Hint: "fix it"},
			"::error file=content/a%2Cb.md,line=3,col=5,title=kettudocs::broken%0Ahint: fix it"},
		{diag.Problem{Pos: diag.Position{File: "kettudocs.yaml", Line: 2}, Msg: "unknown key"},
			"::error file=kettudocs.yaml,line=2,title=kettudocs::unknown key"},
		{diag.Problem{Msg: "output public: 100% full"}, "::error title=kettudocs::output public: 100%25 full"},
	}
	for _, tt := range tests {
		if got := githubAnnotation(tt.p); got != tt.want {
			t.Errorf("githubAnnotation(%v)\n= %q\nwant %q", tt.p, got, tt.want)
		}
	}
}

// TestThemeReadError: a file of the site's static/ that cannot be read is
// a problem placed in the site folder.
func TestThemeReadError(t *testing.T) {
	site := t.TempDir()
	writeContent(t, site, map[string]string{"_index.md": "# Home\n"})
	if err := os.MkdirAll(filepath.Join(site, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../nowhere.svg", filepath.Join(site, "static", "logo.svg")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	t.Chdir(site)
	code, _, stderr := runCLI(t, "build")
	if want := "static/logo.svg: broken symbolic link to \"../nowhere.svg\"\n\thint: "; code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, want)
	}
}

// TestBuildCache: a build keeps a cache in the user's cache folder, one
// folder a site, which the next build of the site takes its pages from;
// --cache puts it elsewhere, --no-cache leaves it out; a damaged cache
// is a warning and the build goes on without it.
func TestBuildCache(t *testing.T) {
	site := newSite(t)
	userCache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", userCache)
	t.Setenv("HOME", userCache)
	dest := filepath.Join(t.TempDir(), "public")
	build := func(args ...string) (string, string) {
		t.Helper()
		code, stdout, stderr := runCLI(t, append([]string{"build", "--source", site, "--dest", dest}, args...)...)
		if code != 0 {
			t.Fatalf("build %v: exit %d\n%s", args, code, stderr)
		}
		return stdout, stderr
	}
	pages, _ := filepath.Glob(filepath.Join(site, "content", "*.md"))

	if out, _ := build("--no-cache"); strings.Contains(out, "from the cache") {
		t.Errorf("--no-cache: %s", out)
	}
	if found, _ := filepath.Glob(filepath.Join(userCache, "*", "kettudocs", "*")); len(found) > 0 {
		t.Errorf("--no-cache wrote a cache: %v", found)
	}
	build()
	if out, _ := build(); !strings.Contains(out, fmt.Sprintf("%d pages from the cache", len(pages))) {
		t.Errorf("the second build took no pages from the cache: %s", out)
	}
	indexes, _ := filepath.Glob(filepath.Join(userCache, "*", "index"))
	if len(indexes) == 0 {
		indexes, _ = filepath.Glob(filepath.Join(userCache, "kettudocs", "*", "index"))
	}
	if len(indexes) != 1 {
		t.Fatalf("cache indexes in the user's cache folder: %v", indexes)
	}

	dir := filepath.Join(t.TempDir(), "cache")
	build("--cache", dir)
	if _, err := os.Stat(filepath.Join(dir, "index")); err != nil {
		t.Errorf("--cache %s: %v", dir, err)
	}
	testfs.Write(t, filepath.Join(dir, "index"), "not a cache")
	out, stderr := build("--cache", dir)
	if !strings.Contains(stderr, "warning: build cache "+dir+" not used") || strings.Contains(out, "from the cache") {
		t.Errorf("a damaged cache: %s%s", stderr, out)
	}
	// The build after it finds the pages in the cache, or, when the
	// sources are old enough for their times to be trusted, that nothing
	// changed at all: either needs the cache the last build made anew.
	if out, _ := build("--cache", dir); !strings.Contains(out, "from the cache") && !strings.Contains(out, "up to date: nothing changed") {
		t.Errorf("the cache is not made anew after it was damaged: %s", out)
	}
}

// TestStartProfile: KETTUDOCS_CPUPROFILE writes a profile pprof reads (it
// starts with gzip's magic), a path that cannot be made is said and the
// command goes on, and without it nothing is written.
func TestStartProfile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, file, wantErr string
	}{
		{"a profile", filepath.Join(dir, "cpu.prof"), ""},
		{"no such folder", filepath.Join(dir, "no", "cpu.prof"), "KETTUDOCS_CPUPROFILE"},
		{"not set", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			stop := startProfile(tc.file, &stderr)
			code, _, _ := runCLI(t, "version")
			stop()
			if code != 0 {
				t.Fatalf("version: exit %d", code)
			}
			if !strings.Contains(stderr.String(), tc.wantErr) || tc.wantErr == "" && stderr.Len() > 0 {
				t.Errorf("stderr %q, want %q", stderr.String(), tc.wantErr)
			}
			if tc.file == "" || tc.wantErr != "" {
				return
			}
			data, err := os.ReadFile(tc.file)
			if err != nil || len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
				t.Errorf("profile: %v, %d bytes", err, len(data))
			}
		})
	}
}

// TestBuildUpToDate: a build that finds nothing changed since the last
// one says so, prints the last build's warnings again, and with
// --verbose still lists the site's files; a touched page builds again.
func TestBuildUpToDate(t *testing.T) {
	site := newSite(t)
	writeContent(t, site, map[string]string{"warn.md": "# Warned\n\n<b onclick=\"x()\">bold</b>\n"})
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(site, func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(name, old, old)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	build := func(args ...string) (string, string) {
		t.Helper()
		code, stdout, stderr := runCLI(t, append([]string{"build", "--source", site, "--dest", dest, "--cache", cache}, args...)...)
		if code != 0 {
			t.Fatalf("build %v: exit %d\n%s", args, code, stderr)
		}
		return stdout, stderr
	}
	const upToDate = "(up to date: nothing changed since the last build)"
	const warning = "warning: removed the attribute onclick"
	for i, want := range []bool{false, true} {
		out, stderr := build()
		if strings.Contains(out, upToDate) != want || !strings.Contains(stderr, warning) {
			t.Errorf("build %d: up to date %v, want %v; warning printed %v\n%s%s", i+1, !want, want, strings.Contains(stderr, warning), out, stderr)
		}
	}
	out, _ := build("--verbose")
	if !strings.Contains(out, upToDate) || !strings.Contains(out, filepath.Join(dest, "warn", "index.html")) {
		t.Errorf("--verbose, up to date: no list of the site's files:\n%s", out)
	}
	touched := old.Add(time.Minute)
	if err := os.Chtimes(filepath.Join(site, "content", "warn.md"), touched, touched); err != nil {
		t.Fatal(err)
	}
	if out, _ := build(); strings.Contains(out, upToDate) {
		t.Errorf("a touched page: %s", out)
	}
}
