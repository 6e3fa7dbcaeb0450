package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestNew makes a new site and checks and builds it as it is.
func TestNew(t *testing.T) {
	site := filepath.Join(t.TempDir(), "docs")
	code, stdout, stderr := runCLI(t, "new", site)
	if code != 0 {
		t.Fatalf("new: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "kettudocs serve") {
		t.Errorf("no next steps:\n%s", stdout)
	}
	for _, f := range []string{"content/_index.md", "kettudocs.yaml", "codes/codes.yaml", ".github/workflows/docs.yml", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(site, f)); err != nil {
			t.Errorf("no %s: %v", f, err)
		}
	}
	if code, _, stderr := runCLI(t, "check", "--source", site); code != 0 {
		t.Fatalf("check of a new site: exit %d\n%s", code, stderr)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "--source", site, "--dest", dest); code != 0 {
		t.Fatalf("build of a new site: exit %d\n%s", code, stderr)
	}
	html := readFile(t, filepath.Join(dest, "index.html"))
	if !strings.Contains(html, `id="errors-1001"`) {
		t.Errorf("the bound table's rows have no ids")
	}
	// The table is bound: drift fails the check.
	page := filepath.Join(site, "content", "_index.md")
	testfs.Write(t, page, strings.Replace(readFile(t, page), "| 1002 | rate limited  |", "| 1002 | rate-limited  |", 1))
	if code, _, stderr := runCLI(t, "check", "--source", site); code != 1 || !strings.Contains(stderr, `expected "rate limited", found "rate-limited"`) {
		t.Errorf("check of a drifted new site: exit %d\n%s", code, stderr)
	}

	// The workflow uses this repository's action with an input it has.
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(readFile(t, filepath.Join(site, ".github", "workflows", "docs.yml"))), &wf); err != nil {
		t.Fatal(err)
	}
	act := readAction(t)
	found := false
	for _, s := range wf.Jobs["check"].Steps {
		if strings.HasPrefix(s.Uses, "kettu/kettudocs@") {
			found = true
			for k := range s.With {
				if _, ok := act.Inputs[k]; !ok {
					t.Errorf("the workflow passes input %q, which action.yml does not have", k)
				}
			}
		}
	}
	if !found {
		t.Errorf("the workflow does not use the kettudocs action: %+v", wf)
	}
}

func TestNewRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	testfs.Write(t, filepath.Join(dir, "notes.md"), "mine")
	code, _, stderr := runCLI(t, "new", dir)
	if code != 2 || !strings.Contains(stderr, "is not empty") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || readFile(t, filepath.Join(dir, "notes.md")) != "mine" {
		t.Errorf("new changed a folder in use: %v", entries)
	}
	if code, _, _ := runCLI(t, "new"); code != 2 {
		t.Errorf("new without a folder: exit %d", code)
	}
}

type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) action {
	t.Helper()
	var a action
	if err := yaml.Unmarshal([]byte(readFile(t, "../../action.yml")), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestAction runs the scripts of the composite action (action.yml) as a
// runner would, on a new site: it builds kettudocs from this repository
// and checks the site with --format github.
func TestAction(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the kettudocs binary")
	}
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using %q", a.Runs.Using)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "docs")
	if code, _, stderr := runCLI(t, "new", site); code != 0 {
		t.Fatalf("new: %s", stderr)
	}
	// The site is a repository whose base branch, for pull requests, is
	// main, with a page a pull request will move.
	testfs.Write(t, filepath.Join(site, "content", "guide.md"), "# Guide\n\nHow to start.\n")
	const date = "2026-01-02T03:04:05Z"
	testfs.Git(t, site, date, "init", "-q", "-b", "main")
	testfs.Git(t, site, date, "add", "-A")
	testfs.Git(t, site, date, "commit", "-q", "-m", "docs")
	testfs.Git(t, site, date, "update-ref", "refs/remotes/origin/main", "HEAD")
	inputRE := regexp.MustCompile(`\$\{\{\s*inputs\.([a-z-]+)\s*\}\}`)
	runner := t.TempDir()
	runAction := func(event string) (int, string) {
		baseRef := "" // github.base_ref: set on pull requests only
		if strings.HasPrefix(event, "pull_request") {
			baseRef = "main"
		}
		var out bytes.Buffer
		for _, s := range a.Runs.Steps {
			if s.Run == "" {
				continue // actions/setup-go: this machine has Go
			}
			cmd := exec.Command("bash", "-e", "-c", s.Run)
			cmd.Dir = site
			cmd.Env = append(os.Environ(), "GITHUB_ACTION_PATH="+root, "RUNNER_TEMP="+runner, "GITHUB_EVENT_NAME="+event)
			for k, v := range s.Env {
				v = strings.ReplaceAll(v, "${{ github.base_ref }}", baseRef)
				v = inputRE.ReplaceAllStringFunc(v, func(m string) string {
					name := inputRE.FindStringSubmatch(m)[1]
					if name == "source" {
						return site
					}
					return a.Inputs[name].Default
				})
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				if exit, ok := err.(*exec.ExitError); ok {
					return exit.ExitCode(), out.String()
				}
				t.Fatal(err)
			}
		}
		return 0, out.String()
	}
	if code, out := runAction("push"); code != 0 {
		t.Fatalf("the action on a new site: exit %d\n%s", code, out)
	}

	// A pull request that turns sanitizing off and adds an SVG: on a
	// push the site's settings hold; on the pull request, --safe.
	conf := filepath.Join(site, "kettudocs.yaml")
	orig := readFile(t, conf)
	testfs.Write(t, conf, orig+"\nunsafe_html: true\n")
	svg := filepath.Join(site, "content", "logo.svg")
	testfs.Write(t, svg, `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
	// It also moves a page without an alias.
	testfs.Git(t, site, date, "mv", "content/guide.md", "content/start.md")
	if code, out := runAction("push"); code != 0 {
		t.Errorf("the action on a push of a trusting site: exit %d\n%s", code, out)
	}
	code, out := runAction("pull_request")
	for _, want := range []string{"logo.svg", "--safe", "::error file=" + ghEscape(filepath.ToSlash(filepath.Join(site, "content", "start.md"))) + ",title=kettudocs::/guide/, published in origin/main, is gone"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("the action on a pull request: exit %d, want 1 and %q in:\n%s", code, want, out)
		}
	}
	// A pull request that renumbers a code: codes diff fails it, on the
	// spec's line.
	specPath := filepath.Join(site, "codes", "codes.yaml")
	specOrig := readFile(t, specPath)
	testfs.Write(t, specPath, strings.Replace(specOrig, "code: 1002", "code: 1012", 1))
	code, out = runAction("pull_request")
	if want := "title=codes renumbered::"; code != 1 || !strings.Contains(out, want) || !strings.Contains(out, "1002 → 1012 [breaking]") {
		t.Errorf("the action on a pull request that renumbers a code: exit %d, want 1 and %q in:\n%s", code, want, out)
	}
	testfs.Write(t, specPath, specOrig)
	testfs.Write(t, conf, orig)
	if err := os.Remove(svg); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(site, "content", "_index.md")
	testfs.Write(t, page, strings.Replace(readFile(t, page), "| 1002 | rate limited  |", "| 1002 | rate-limited  |", 1))
	code, out = runAction("push")
	if code != 1 || !strings.Contains(out, "::error file="+filepath.ToSlash(page)+",line=24,col=10,title=kettudocs::") {
		t.Errorf("the action on a drifted site: exit %d\n%s", code, out)
	}
}
