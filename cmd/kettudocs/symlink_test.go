package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestSymlinkOutOfTheSite: kettudocs build refuses a link in content/ to a
// file outside the site folder, naming the link where the writer sees it,
// and publishes nothing; a link within the site folder works.
func TestSymlinkOutOfTheSite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	site := newSite(t)
	secret := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(secret, []byte("TOKEN=hunter2"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "notes.txt"), []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../notes.txt", filepath.Join(site, "content", "notes.txt")); err != nil {
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
}
