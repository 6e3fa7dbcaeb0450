package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/kettu/kettudocs/internal/testfs"
)

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"intro.md", false},
		{"logo.svg", false},
		{"4913.md", false},
		{"#1.md", false},
		{".git", true},
		{".intro.md.swp", true},
		{"intro.md.swx", true},
		{"intro.md~", true},
		{".#intro.md", true},
		{"#intro.md#", true},
		{"4913", true},
	}
	for _, tt := range tests {
		if got := Ignored(tt.name); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// newWatcher watches a temporary site whose public/ folder is skipped, and
// returns its root. It skips the test where fsnotify has no backend.
func newWatcher(t *testing.T) (*Watcher, string) {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"content", "public", ".git"} {
		if err := os.Mkdir(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	w, err := New(root, func(rel string) bool { return rel == "public" || strings.HasPrefix(rel, "public/") })
	// Linux has inotify, so the test must run there; elsewhere fsnotify
	// may have no backend.
	if err != nil && runtime.GOOS != "linux" {
		t.Skipf("no file watching on %s: %v", runtime.GOOS, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return w, root
}

// next returns the next event, failing on an error or the deadline.
func next(t *testing.T, w *Watcher) Event {
	t.Helper()
	select {
	case e := <-w.Events():
		return e
	case err := <-w.Errors():
		t.Fatalf("watch error: %v", err)
	case <-time.After(deadline):
		t.Fatal("no event")
	}
	panic("unreachable")
}

// await reads events up to one for path, and fails if any event on the
// way is for one of the paths in unwanted.
func await(t *testing.T, w *Watcher, path string, unwanted ...string) Event {
	t.Helper()
	for {
		e := next(t, w)
		for _, u := range unwanted {
			if e.Path == u {
				t.Fatalf("event for %s, which should be ignored: %v", u, e)
			}
		}
		if e.Path == path {
			return e
		}
	}
}

func TestWatcher(t *testing.T) {
	w, root := newWatcher(t)
	content := filepath.Join(root, "content")

	// Events come in order, so the event for a file written after some
	// ignored ones proves that none came for those: every later event is
	// checked against all files ignored so far. Each case writes its own
	// file, so that it cannot be satisfied by an earlier case's events.
	tests := []struct {
		name   string
		ignore []string // files written first, which must not be reported
		file   string   // then this file, which must be
		op     fsnotify.Op
	}{
		{"new file", nil, "content/a.md", fsnotify.Create},
		{"editor temporary files",
			[]string{"content/.b.md.swp", "content/b.md~", "content/4913", "content/.#b.md", "content/#b.md#"},
			"content/b.md", fsnotify.Create},
		{"skipped and hidden folders", []string{"public/index.html", ".git/index"}, "content/c.md", fsnotify.Create},
		{"file at the root", nil, "README.md", fsnotify.Create},
		{"changed file", nil, "content/a.md", fsnotify.Write},
	}
	var unwanted []string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range tt.ignore {
				name := filepath.Join(root, f)
				testfs.Write(t, name, "x")
				unwanted = append(unwanted, name)
			}
			file := filepath.Join(root, tt.file)
			testfs.Write(t, file, tt.name)
			if e := await(t, w, file, unwanted...); !e.Op.Has(tt.op) {
				t.Errorf("event %v, want op %v", e, tt.op)
			}
		})
	}

	t.Run("new folders are watched", func(t *testing.T) {
		dir := filepath.Join(content, "guide")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		// The folder is watched before its event is sent.
		await(t, w, dir, unwanted...)
		page := filepath.Join(dir, "setup.md")
		testfs.Write(t, page, "# Setup")
		await(t, w, page, unwanted...)
	})

	t.Run("removed file", func(t *testing.T) {
		page := filepath.Join(content, "a.md")
		if err := os.Remove(page); err != nil {
			t.Fatal(err)
		}
		if e := await(t, w, page, unwanted...); !e.Op.Has(fsnotify.Remove) {
			t.Errorf("event %v, want a remove", e)
		}
	})
}

// TestWatcherExtra checks the folder watched besides the root: only the
// files it keeps are reported, its subfolders are not watched, and
// another call, or "", stops it.
func TestWatcherExtra(t *testing.T) {
	w, root := newWatcher(t)
	outside := t.TempDir() // a folder outside the root, as a server's repository
	testfs.Write(t, filepath.Join(outside, "sub", "codes.yaml"), "x")
	if err := w.Extra("spec", outside, func(name string) bool { return name == "codes.yaml" || strings.HasSuffix(name, ".go") }); err != nil {
		t.Fatal(err)
	}
	spec, gen := filepath.Join(outside, "codes.yaml"), filepath.Join(outside, "zz_codes.go")
	ignored := []string{filepath.Join(outside, "README.md"), filepath.Join(outside, "sub", "codes.yaml"), filepath.Join(outside, ".codes.yaml.swp")}
	for _, f := range ignored {
		testfs.Write(t, f, "x")
	}
	testfs.Write(t, spec, "v1")
	await(t, w, spec, ignored...)
	testfs.Write(t, gen, "package codes")
	await(t, w, gen, ignored...)

	// Replaced: the old folder goes quiet, the root goes on.
	if err := w.Extra("spec", "", nil); err != nil {
		t.Fatal(err)
	}
	testfs.Write(t, spec, "v2")
	page := filepath.Join(root, "content", "after.md")
	testfs.Write(t, page, "x")
	await(t, w, page, append(ignored, spec)...)

	// A folder of the root that the root's watching skips.
	public := filepath.Join(root, "public")
	if err := w.Extra("spec", public, func(name string) bool { return name == "codes.yaml" }); err != nil {
		t.Fatal(err)
	}
	skipped, kept := filepath.Join(public, "index.html"), filepath.Join(public, "codes.yaml")
	testfs.Write(t, skipped, "x")
	testfs.Write(t, kept, "x")
	await(t, w, kept, skipped)
}

// TestWatcherFollowsLinks checks that folders linked into the root are
// watched, their events under the link's path, and that a link looping
// back to a folder it is in does not hang the watcher.
func TestWatcherFollowsLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	root := t.TempDir()
	outside := t.TempDir() // another repository's docs
	testfs.Write(t, filepath.Join(outside, "deep", "old.md"), "x")
	testfs.Write(t, filepath.Join(root, "content", "a.md"), "x")
	for link, target := range map[string]string{"content/linked": outside, "content/loop": filepath.Join(root, "content")} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	w, err := New(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	testfs.Write(t, filepath.Join(outside, "deep", "new.md"), "x")
	await(t, w, filepath.Join(root, "content", "linked", "deep", "new.md"))

	// A link made while watching.
	later := t.TempDir()
	if err := os.Symlink(later, filepath.Join(root, "content", "later")); err != nil {
		t.Fatal(err)
	}
	await(t, w, filepath.Join(root, "content", "later"))
	testfs.Write(t, filepath.Join(later, "b.md"), "x")
	await(t, w, filepath.Join(root, "content", "later", "b.md"))
}

func TestWatcherClose(t *testing.T) {
	w, root := newWatcher(t)
	// An event nobody reads must not keep Close waiting.
	testfs.Write(t, filepath.Join(root, "content", "a.md"), "a")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	timeout := time.After(deadline)
	for events := w.Events(); events != nil; {
		select {
		case _, ok := <-events:
			if !ok {
				events = nil
			}
		case <-timeout:
			t.Fatal("events channel not closed")
		}
	}
	select {
	case _, ok := <-w.Errors():
		if ok {
			t.Error("errors channel not closed")
		}
	case <-timeout:
		t.Fatal("errors channel not closed")
	}
}

// TestWatcherRenamedFolders: after a folder is renamed, or moved deeper,
// changes to its files and to those of its subfolders come under the new
// path, as often as it is renamed (fsnotify keeps a moved folder's watch
// under its old path, and drops it on the folder's own move event).
func TestWatcherRenamedFolders(t *testing.T) {
	w, root := newWatcher(t)
	content := filepath.Join(root, "content")
	testfs.Write(t, filepath.Join(content, "guide", "deep", "d.md"), "d")
	testfs.Write(t, filepath.Join(content, "guide", "a.md"), "a")
	// A folder to move into (one made just before a move may be watched
	// only after the move, which then comes as its creation).
	if err := os.Mkdir(filepath.Join(content, "nested"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The folders exist before the watcher sees them: a new watcher.
	w.Close()
	w, err := New(root, func(rel string) bool { return rel == "public" || strings.HasPrefix(rel, "public/") })
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	old := filepath.Join(content, "guide")
	for i, to := range []string{"tutorial", "tutorial2", "nested/tutorial3", "guide"} {
		dir := filepath.Join(content, filepath.FromSlash(to))
		if err := os.Rename(old, dir); err != nil {
			t.Fatal(err)
		}
		await(t, w, dir)
		for _, f := range []string{"a.md", "deep/d.md", "new.md"} {
			page := filepath.Join(dir, filepath.FromSlash(f))
			testfs.Write(t, page, fmt.Sprint("rename ", i))
			await(t, w, page)
		}
		old = dir
	}
}
