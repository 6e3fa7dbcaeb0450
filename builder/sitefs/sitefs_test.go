package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestRecheck: a folder of the site replaced by a link that leads out is
// found at the first read of a new round, though not within the round
// that found the folder (see Recheck).
func TestRecheck(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	site, outside := t.TempDir(), t.TempDir()
	for dir, body := range map[string]string{filepath.Join(site, "content", "guide"): "# A\n", outside: "SECRET"} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := Overlay(New(filepath.Join(site, "content"), site, "content"))
	if got, err := fs.ReadFile(fsys, "guide/a.md"); err != nil || string(got) != "# A\n" {
		t.Fatalf("read = %q, %v", got, err)
	}
	guide := filepath.Join(site, "content", "guide")
	if err := os.Rename(guide, guide+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, guide); err != nil {
		t.Fatal(err)
	}
	Recheck(fsys)
	for _, read := range []func() error{
		func() error { _, err := fs.ReadFile(fsys, "guide/a.md"); return err },
		func() error { _, err := fs.Stat(fsys, "guide/a.md"); return err },
	} {
		var le *LinkError
		if err := read(); !errors.As(err, &le) || le.Link != "guide" {
			t.Errorf("after Recheck, a read through the folder now a link out: %v, want a *LinkError of guide", err)
		}
	}
	// The folder back as it was: known again, as before.
	if err := os.Remove(guide); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(guide+".old", guide); err != nil {
		t.Fatal(err)
	}
	Recheck(fsys)
	if got, err := fs.ReadFile(fsys, "guide/a.md"); err != nil || string(got) != "# A\n" {
		t.Fatalf("read = %q, %v", got, err)
	}
}
