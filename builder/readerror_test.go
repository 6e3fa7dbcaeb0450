package builder

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"
)

// TestUnreadableFiles: files of the content that cannot be read are
// problems of those files, all at once, like any other.
func TestUnreadableFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	put(t, dir, map[string]string{"_index.md": "# Home\n\n![x](img/x.png)\n", "img/real.png": "png"})
	if err := os.Symlink("../../elsewhere/x.png", filepath.Join(dir, "img", "x.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("gone.md", filepath.Join(dir, "page.md")); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`_index.md:3:1: broken link "img/x.png": no page or file img/x.png`, // the image, too, is not there
		`img/x.png: broken symbolic link to "../../elsewhere/x.png"`,
		`page.md: broken symbolic link to "gone.md"`,
	}
	if os.Getuid() != 0 { // root reads anything
		put(t, dir, map[string]string{"secret.md": "# S\n"})
		if err := os.Chmod(filepath.Join(dir, "secret.md"), 0); err != nil {
			t.Fatal(err)
		}
		want = append(want, "secret.md: cannot read: permission denied")
	}
	got := checkMessages(t, Config{Content: os.DirFS(dir), Theme: testTheme})
	if len(got) != len(want) {
		t.Fatalf("problems:\n%q\nwant\n%q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestOverlayReadLink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	put(t, dir, map[string]string{"static/real.css": "x"})
	if err := os.Symlink("gone.css", filepath.Join(dir, "static", "a.css")); err != nil {
		t.Fatal(err)
	}
	o := Overlay(os.DirFS(dir), fstest.MapFS{"static/b.css": md("b"), "static/a.css": md("default")})
	if target, err := fs.ReadLink(o, "static/a.css"); err != nil || target != "gone.css" {
		t.Errorf("ReadLink(static/a.css) = %q, %v; want the site's link", target, err)
	}
	if _, err := fs.ReadLink(o, "static/b.css"); err == nil || errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadLink(static/b.css), not a link = %v; want an error other than not-exist", err)
	}
	if _, err := fs.ReadLink(o, "static/none.css"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadLink(static/none.css) = %v; want not-exist", err)
	}
	if info, err := fs.Lstat(o, "static/a.css"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat(static/a.css) = %v, %v; want the site's symlink", info, err)
	}
}
