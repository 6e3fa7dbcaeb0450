package main

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestDangerousDest runs build with output folders that would mix the
// site with its sources: each is refused with exit 2, naming the clash,
// and the site is left as it was.
func TestDangerousDest(t *testing.T) {
	tests := []struct {
		name  string
		dest  string // relative to the site folder, which is the working folder
		link  string // when set, dest is made a symlink to this
		code  int
		inErr string
	}{
		{"the content", "content", "", 2, "is the site's content"},
		{"the content, spelt oddly", "./static/../content/", "", 2, "is the site's content"},
		{"inside the content", "content/out", "", 2, "is inside the site's content"},
		{"the site folder", ".", "", 2, "is the site folder"},
		{"above the site folder", "..", "", 2, "holds the site's content"},
		{"the layouts", "layouts", "", 2, "is the site's layouts"},
		{"inside static", "static/site", "", 2, "is inside the site's static"},
		{"the spec's folder", "codes", "", 2, filepath.Join("codes", "codes.yaml")},
		{"a symlink to the content", "out", "content", 2, "is the site's content"},
		{"a symlink into the content", "out", "content/x", 2, "is inside the site's content"},
		{"a page", "content/_index.md", "", 2, "is a file, not a folder"},
		{"a file elsewhere", "kettudocs.yaml", "", 2, "is a file, not a folder"},
		{"public", "public", "", 0, ""},
		{"a symlink to a folder of its own", "public", "deploy", 0, ""},
		{"a sibling of the site folder", "../elsewhere", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.link != "" && runtime.GOOS == "windows" {
				t.Skip("symlinks need privileges on Windows")
			}
			root := t.TempDir()
			site := filepath.Join(root, "site")
			writeContent(t, site, map[string]string{"_index.md": "# Home\n"})
			testfs.Write(t, filepath.Join(site, "layouts", "footer.html"), "<footer>mine</footer>")
			testfs.Write(t, filepath.Join(site, "static", "logo.svg"), "<svg/>")
			testfs.Write(t, filepath.Join(site, "codes", "codes.yaml"), "groups: []\n")
			testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "title: x\n")
			if tt.link != "" {
				if err := os.MkdirAll(filepath.Join(site, tt.link), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(filepath.Join(site, tt.link), filepath.Join(site, tt.dest)); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, root)
			t.Chdir(site)
			code, _, stderr := runCLI(t, "build", "--dest", tt.dest)
			if code != tt.code || !strings.Contains(stderr, tt.inErr) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tt.code, tt.inErr)
			}
			if code == 0 {
				return
			}
			if after := snapshot(t, root); !reflect.DeepEqual(after, before) {
				t.Errorf("a refused build changed the files:\n%v\nwas\n%v", after, before)
			}
		})
	}
}

// snapshot returns every path below dir with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := make(map[string]string)
	err := filepath.Walk(dir, func(name string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		data := info.Mode().String()
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			data = string(b)
		}
		out[name] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBuildIntoDeployCheckout builds twice into a gh-pages checkout: the
// second build removes the page deleted in between and keeps the
// checkout's own files.
func TestBuildIntoDeployCheckout(t *testing.T) {
	site := t.TempDir()
	writeContent(t, site, map[string]string{"_index.md": "# Home\n", "old.md": "# Old\n"})
	public := filepath.Join(site, "public")
	testfs.Write(t, filepath.Join(public, ".git"), "gitdir: ../.git/worktrees/public\n")
	testfs.Write(t, filepath.Join(public, "CNAME"), "docs.example.com\n")
	if code, _, stderr := runCLI(t, "build", "--source", site, "--quiet"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	if err := os.Remove(filepath.Join(site, "content", "old.md")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "build", "--source", site, "--quiet"); code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, stderr)
	}
	for name, want := range map[string]bool{".git": true, "CNAME": true, "index.html": true, "old/index.html": false, "old": false} {
		if _, err := os.Stat(filepath.Join(public, name)); (err == nil) != want {
			t.Errorf("public/%s: exists %v, want %v", name, err == nil, want)
		}
	}
}

// TestBuildRefusesToOverwrite: a hand-written file where the site puts a
// page stops the build with exit 1, naming it, and is kept.
func TestBuildRefusesToOverwrite(t *testing.T) {
	site := t.TempDir()
	writeContent(t, site, map[string]string{"_index.md": "# Home\n"})
	index := filepath.Join(site, "public", "index.html")
	testfs.Write(t, index, "hand-written")
	code, _, stderr := runCLI(t, "build", "--source", site)
	if code != 1 || !strings.Contains(stderr, "did not write") || !strings.Contains(stderr, "index.html") || !strings.Contains(stderr, "hint: ") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 naming index.html", code, stderr)
	}
	if data, _ := os.ReadFile(index); string(data) != "hand-written" {
		t.Errorf("index.html overwritten: %q", data)
	}
}
