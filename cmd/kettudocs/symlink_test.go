package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestSymlinkOutOfTheSite: kettudocs build refuses a link in content/ to a
// file outside the site folder, or in it but outside content/, layouts/
// and static/ (the repository's .git/config holds CI's token), naming the
// link where the writer sees it, and publishes nothing; a link within
// content/ works.
func TestSymlinkOutOfTheSite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	site := newSite(t)
	secret := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(secret, []byte("TOKEN=hunter2"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site, "content", "shared"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content", "shared", "notes.txt"), []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("shared/notes.txt", filepath.Join(site, "content", "notes.txt")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "build", "--quiet", "--source", site); code != 0 {
		t.Fatalf("a link inside the site: exit %d\n%s", code, stderr)
	}
	if data, err := os.ReadFile(filepath.Join(site, "public", "notes.txt")); err != nil || string(data) != "notes" {
		t.Errorf("public/notes.txt = %q, %v", data, err)
	}

	if err := os.Symlink(secret, filepath.Join(site, "content", "settings.env")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "build", "--source", site, "--dest", filepath.Join(site, "out"))
	want := filepath.ToSlash(filepath.Join(site, "content", "settings.env")) + `: symbolic link to "` + secret + `" leads outside the site folder`
	if code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "hint: copy the file") {
		t.Errorf("exit %d\nstderr:\n%s\nwant %q", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(site, "out")); !os.IsNotExist(err) {
		t.Errorf("the failed build wrote its output: %v", err)
	}
	if err := os.Remove(filepath.Join(site, "content", "settings.env")); err != nil {
		t.Fatal(err)
	}

	// Inside the site folder, but not inside its content/, layouts/ or
	// static/: the repository's files, its .git above all.
	for _, f := range []string{".git/config", "README.md", "deploy/key.pem"} {
		testfs.Write(t, filepath.Join(site, filepath.FromSlash(f)), "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
	}
	for _, link := range []struct{ name, target string }{
		{"config.txt", "../.git/config"},
		{"readme.txt", "../README.md"},
		{"key.txt", "../deploy/key.pem"},
		{"git", "../.git"},
	} {
		t.Run(link.name, func(t *testing.T) {
			l := filepath.Join(site, "content", link.name)
			if err := os.Symlink(link.target, l); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(l)
			for _, args := range [][]string{{"build", "--dest", filepath.Join(site, "out")}, {"check"}} {
				cmd := args[0]
				code, stdout, stderr := runCLI(t, append(args, "--source", site)...)
				want := `content/` + link.name + `: symbolic link to "` + link.target + `" leads outside the site folder's content/, layouts/ and static/`
				if code != 1 || !strings.Contains(filepath.ToSlash(stderr), want) || strings.Contains(stdout+stderr, "c2VjcmV0") {
					t.Errorf("%s: exit %d\nstdout:\n%s\nstderr:\n%s\nwant %q", cmd, code, stdout, stderr, want)
				}
			}
			if _, err := os.Stat(filepath.Join(site, "out")); !os.IsNotExist(err) {
				t.Errorf("the failed build wrote its output: %v", err)
			}
		})
	}
}
