package main

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// The codes of two versions of an API: v10 adds 4014, renames 4009 and
// makes 4000's action abort.
const (
	specV9 = `groups:
  - name: close-codes
    title: gateway close codes
    type: CloseCode
    anchor: close
    mentions: [close code]
    columns:
      - name: description
      - name: action
        enum:
          type: Action
          values: [{name: resume}, {name: abort}]
    entries:
      - {code: 4000, description: unknown error, action: resume}
      - {code: 4004, description: authentication failed, action: abort}
      - {code: 4009, description: session timed out, action: resume}
`
	tableV9 = "<!-- codes: close-codes -->\n| code | description | action |\n| --- | --- | --- |\n" +
		"| 4000 | unknown error | resume |\n| 4004 | authentication failed | abort |\n| 4009 | session timed out | resume |\n"
	tableV10 = "<!-- codes: close-codes -->\n| code | description | action |\n| --- | --- | --- |\n" +
		"| 4000 | unknown error | abort |\n| 4004 | authentication failed | abort |\n| 4009 | session expired | resume |\n| 4014 | disallowed intents | abort |\n"
	versionsYAML = "title: Kettu API\nversions:\n  - {ref: main, label: v10, path: /}\n  - {ref: v9, label: v9, path: /v9/}\n"
)

var specV10 = strings.NewReplacer(
	"{code: 4000, description: unknown error, action: resume}", "{code: 4000, description: unknown error, action: abort}",
	"session timed out", "session expired",
).Replace(specV9) + "      - {code: 4014, description: disallowed intents, action: abort}\n"

// versionsRepo makes a repository whose tag v9 and branch main (the work
// tree) hold two versions of a site, and a tag v9-drift whose gateway
// table has a row of its own spec wrong.
func versionsRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	const when = "2026-01-02T03:04:05Z"
	testfs.Put(t, dir, map[string]string{
		"codes/codes.yaml":   specV9,
		"content/_index.md":  "# Kettu API\n\nRead about the [gateway](gateway.md).\n",
		"content/gateway.md": "# Gateway\n\nA close code 4009 means the session timed out.\n\n## Close codes\n\n" + tableV9,
		"content/old.md":     "# Only in v9\n",
	})
	testfs.Git(t, dir, when, "init", "-q", "-b", "main")
	testfs.Git(t, dir, when, "add", ".")
	testfs.Git(t, dir, when, "commit", "-q", "-m", "v9")
	testfs.Git(t, dir, when, "tag", "v9")
	testfs.Git(t, dir, when, "checkout", "-q", "-b", "drift")
	testfs.Write(t, filepath.Join(dir, "content", "gateway.md"), "# Gateway\n\n## Close codes\n\n"+strings.Replace(tableV9, "| 4004 | authentication failed |", "| 4004 | authentication failure |", 1))
	testfs.Git(t, dir, when, "commit", "-q", "-am", "drift")
	testfs.Git(t, dir, when, "tag", "v9-drift")
	testfs.Git(t, dir, when, "checkout", "-q", "main")
	testfs.Git(t, dir, when, "rm", "-q", "content/old.md")
	testfs.Put(t, dir, map[string]string{
		"codes/codes.yaml":   specV10,
		"content/_index.md":  "# Kettu API\n\nRead about the [gateway](gateway.md) and the [codes changelog](codes-changelog.md).\n",
		"content/gateway.md": "# Gateway\n\nA close code 4009 means the session expired.\n\n## Close codes\n\n" + tableV10,
		"content/new.md":     "# New in v10\n",
		"kettudocs.yaml":     versionsYAML,
	})
	testfs.Git(t, dir, when, "add", ".")
	testfs.Git(t, dir, when, "commit", "-q", "-m", "v10")
	return dir
}

// TestBuildVersions builds both versions of versionsRepo's site, each
// from its own ref and checked against its own codes, with the version
// menu, the banner of v9, canonical links and the codes changelog.
func TestBuildVersions(t *testing.T) {
	dir := versionsRepo(t)
	t.Chdir(dir)
	code, stdout, stderr := runCLI(t, "build", "--no-cache", "--base-url", "https://docs.example.com/api/")
	if code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"kettudocs: v10: built", "kettudocs: v9: built", "into public/v9"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	read := func(name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	tests := []struct {
		file      string
		want, not []string
	}{
		{"gateway/index.html", []string{
			`<summary>Version v10</summary>`,
			`<a href="./" aria-current="true">v10 (latest)</a>`,
			`<a href="../v9/gateway/">v9</a>`,
			`<a href="../codes-changelog/">Codes changelog</a>`,
			`<link rel="canonical" href="https://docs.example.com/api/gateway/">`,
			`placeholder="Search v10"`,
			`session expired`,
		}, []string{"version-banner"}},
		{"new/index.html", []string{`<a href="../v9/">v9</a>`}, nil},
		{"v9/gateway/index.html", []string{
			`class="version-banner"`,
			`<a href="../../gateway/">Read this page in v10</a>`,
			`<link rel="canonical" href="https://docs.example.com/api/gateway/">`,
			`placeholder="Search v9"`,
			`session timed out`,
			`<a href="../../codes-changelog/">Codes changelog</a>`,
		}, []string{"session expired"}},
		{"v9/old/index.html", []string{
			`<a href="../../">Go to v10</a>`,
			`<link rel="canonical" href="https://docs.example.com/api/v9/old/">`,
		}, nil},
		{"codes-changelog/index.html", []string{
			"v10, from v9",
			"Gateway close codes",
			// Each entry links to its row in each version.
			`<a href="../gateway/#close-4014">4014</a> disallowed intents`,
			`Action changed, <strong>breaking</strong>`,
			`href="../v9/gateway/#close-4000"`,
			`<a href="../gateway/#close-4000">abort</a>`,
			`Description changed`,
			`session timed out`,
		}, []string{"4004"}},
	}
	for _, tt := range tests {
		hasAll(t, tt.file, read(tt.file), tt.want, tt.not)
	}
	if sitemap := read("sitemap.xml"); strings.Contains(sitemap, "/v9/") {
		t.Errorf("sitemap.xml lists v9:\n%s", sitemap)
	}
	// The work tree is as it was: nothing was checked out.
	if out, err := exec.Command("git", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output(); err != nil || len(out) > 0 {
		t.Errorf("git status after the build: %q, %v", out, err)
	}
}

// TestBuildVersionsProblems checks that each version fails on its own
// problems, named with its ref, that every version's are reported at
// once, and that a failed build writes nothing.
func TestBuildVersionsProblems(t *testing.T) {
	tests := []struct {
		name   string
		yaml   string
		edit   map[string]string // of the work tree
		stderr []string
	}{
		{"drift in an old version", strings.Replace(versionsYAML, "ref: v9,", "ref: v9-drift,", 1), nil, []string{
			`v9-drift:content/gateway.md:9:10: close code 4004 description: expected "authentication failed", found "authentication failure"`,
		}},
		{"drift in both", strings.Replace(versionsYAML, "ref: v9,", "ref: v9-drift,", 1), map[string]string{
			"content/gateway.md": "# Gateway\n\n" + strings.Replace(tableV10, "| 4014 |", "| 4015 |", 1),
		}, []string{"v9-drift:content/gateway.md:9:10:", "\ncontent/gateway.md:9:3: unknown close code 4015"}},
		{"a ref the repository lacks", strings.Replace(versionsYAML, "ref: v9,", "ref: v8,", 1), nil, []string{
			"kettudocs.yaml:4: version v9:", "fetch-depth: 0",
		}},
		{"two current versions", "versions:\n  - {ref: main, label: v10, path: /}\n  - {ref: v9, label: v9, path: /v9/, current: true}\n  - {ref: v9, label: v9, path: /v9}\n", nil, []string{
			`kettudocs.yaml:4: two versions are labelled "v9"`, `kettudocs.yaml:4: version v9: path "/v9" is not a folder`,
		}},
		{"content where an old version is published", "", map[string]string{"content/v9/x.md": "# X\n"}, []string{
			"content/v9/x.md: v9/x.md would be written to /v9/x/index.html, in the folder of version v9",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := versionsRepo(t)
			if tt.yaml != "" {
				testfs.Write(t, filepath.Join(dir, "kettudocs.yaml"), tt.yaml)
			}
			testfs.Put(t, dir, tt.edit)
			t.Chdir(dir)
			code, stdout, stderr := runCLI(t, "build", "--no-cache")
			if code != exitProblems {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitProblems, stdout, stderr)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
				t.Errorf("a failed build made public/: %v", err)
			}
		})
	}
}

// TestBuildVersionsKept checks that an old version whose git tree did not
// change since the last build is left as it is, and is built again when
// its ref moves, when the current version gains a page its menus link to,
// or when its output is gone.
func TestBuildVersionsKept(t *testing.T) {
	dir := versionsRepo(t)
	t.Chdir(dir)
	cache := t.TempDir()
	const when = "2026-01-02T03:04:05Z"
	steps := []struct {
		name  string
		do    func()
		kept  bool   // v9 is left as it was
		check string // a file of public/ the step must make
	}{
		{"first build", func() {}, false, "v9/gateway/index.html"},
		{"nothing changed", func() {}, true, ""},
		{"a page edited in the current version", func() {
			testfs.Write(t, filepath.Join(dir, "content", "new.md"), "# New in v10\n\nMore.\n")
		}, true, ""},
		{"a page added to the current version", func() {
			testfs.Write(t, filepath.Join(dir, "content", "old.md"), "# Back in v10\n")
		}, false, ""},
		{"the tag moved", func() {
			testfs.Git(t, dir, when, "stash", "-q", "-u")
			testfs.Git(t, dir, when, "checkout", "-q", "v9")
			testfs.Write(t, filepath.Join(dir, "content", "faq.md"), "# FAQ\n")
			testfs.Git(t, dir, when, "add", ".")
			testfs.Git(t, dir, when, "commit", "-q", "-m", "v9.1")
			testfs.Git(t, dir, when, "tag", "-f", "v9")
			testfs.Git(t, dir, when, "checkout", "-q", "main")
			testfs.Git(t, dir, when, "stash", "pop", "-q")
		}, false, "v9/faq/index.html"},
		{"the output removed", func() {
			if err := os.RemoveAll(filepath.Join(dir, "public")); err != nil {
				t.Fatal(err)
			}
		}, false, "v9/faq/index.html"},
	}
	for _, s := range steps {
		s.do()
		code, stdout, stderr := runCLI(t, "build", "--cache", cache)
		if code != exitOK {
			t.Fatalf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", s.name, code, stdout, stderr)
		}
		if kept := strings.Contains(stdout, "v9: nothing changed at v9 since the last build"); kept != s.kept {
			t.Errorf("%s: v9 kept = %v, want %v\nstdout:\n%s", s.name, kept, s.kept, stdout)
		}
		if s.check != "" {
			if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(s.check))); err != nil {
				t.Errorf("%s: %v", s.name, err)
			}
		}
	}
	// v9's menu now leads to the page the current version gained.
	data, err := os.ReadFile(filepath.Join(dir, "public", "v9", "old", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `<a href="../../old/">v10 (latest)</a>`) {
		t.Errorf("v9/old/ does not link to v10's old/:\n%s", data)
	}
}

// TestServeVersions checks that the preview shows the work tree as the
// current version, with its menu and the codes changelog, and the old
// version beside it as its ref is.
func TestServeVersions(t *testing.T) {
	dir := versionsRepo(t)
	p, _, _, stderr := startServe(t, dir)
	tests := []struct {
		url       string
		want, not []string
	}{
		{"gateway/", []string{`<summary>Version v10</summary>`, `<a href="../v9/gateway/">v9</a>`, "session expired"}, nil},
		{"codes-changelog/", []string{"v10, from v9", `href="../v9/gateway/#close-4000"`}, nil},
		{"v9/gateway/", []string{`class="version-banner"`, "session timed out", `placeholder="Search v9"`}, []string{"session expired"}},
		{"v9/old/", []string{"Only in v9"}, nil},
	}
	for _, tt := range tests {
		html, _ := getPage(t, p.url+tt.url, http.StatusOK)
		hasAll(t, tt.url, html, tt.want, tt.not)
	}
	getPage(t, p.url+"v9/no/such/", http.StatusNotFound)
	if stderr.Len() > 0 {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// TestCheckVersions checks that check checks every version, each against
// its own codes, and writes nothing.
func TestCheckVersions(t *testing.T) {
	dir := versionsRepo(t)
	t.Chdir(dir)
	code, stdout, stderr := runCLI(t, "check")
	if code != exitOK || !strings.Contains(stdout, "no problems found in 2 versions") {
		t.Errorf("check: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	// --since: the current version lost v9's old/, which v9's own folder
	// still has but links to the site's root no longer find.
	code, _, stderr = runCLI(t, "check", "--since", "v9")
	if code != exitProblems || !strings.Contains(stderr, "/old/") {
		t.Errorf("check --since v9: exit %d\nstderr:\n%s", code, stderr)
	}
	testfs.Write(t, "kettudocs.yaml", strings.Replace(versionsYAML, "ref: v9,", "ref: v9-drift,", 1))
	code, _, stderr = runCLI(t, "check")
	if code != exitProblems || !strings.Contains(stderr, "v9-drift:content/gateway.md:9:10: close code 4004 description") {
		t.Errorf("check of a drifted old version: exit %d\nstderr:\n%s", code, stderr)
	}
	if _, err := os.Stat("public"); !os.IsNotExist(err) {
		t.Errorf("check wrote public/: %v", err)
	}
}

// hasAll reports each text of want that the page name, html, lacks, and
// each of not that it has.
func hasAll(t *testing.T, name, html string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(html, w) {
			t.Errorf("%s lacks %q", name, w)
		}
	}
	for _, bad := range not {
		if strings.Contains(html, bad) {
			t.Errorf("%s has %q", name, bad)
		}
	}
}
