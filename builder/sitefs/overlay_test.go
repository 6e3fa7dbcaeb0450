package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"
)

func md(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestOverlay(t *testing.T) {
	site := fstest.MapFS{"layouts/page.html": md("site"), "static/extra.css": md("x")}
	def := fstest.MapFS{"layouts/page.html": md("default"), "layouts/404.html": md("404"), "static/theme.css": md("t")}
	o := Overlay(site, nil, def)
	for name, want := range map[string]string{"layouts/page.html": "site", "layouts/404.html": "404", "static/theme.css": "t"} {
		got, err := fs.ReadFile(o, name)
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if err := fstest.TestFS(o, "layouts/page.html", "layouts/404.html", "static/theme.css", "static/extra.css"); err != nil {
		t.Error(err)
	}
}

func TestOverlayReadLink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "real.css"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
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
