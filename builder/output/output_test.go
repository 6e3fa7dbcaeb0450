package output

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kettu/kettudocs/internal/testfs"
)

// tree returns every file and folder below dir, dotfiles included, as
// slash path → content ("/" for a folder, "-> target" for a symlink).
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := make(map[string]string)
	err := filepath.WalkDir(dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, full)
		if rel == "." {
			return nil
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(full)
			if err != nil {
				return err
			}
			out[rel] = "-> " + target
		case d.IsDir():
			out[rel] = "/"
		default:
			data, err := os.ReadFile(full)
			if err != nil {
				return err
			}
			out[rel] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeOutput writes files into dest through an output and commits.
func writeOutput(dest string, files map[string]string) error {
	o, err := Open(dest)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := o.Write(name, []byte(data)); err != nil {
			o.Abort()
			return err
		}
	}
	return o.Commit()
}

// commitOutput writes files into dest through an output and commits,
// failing t on an error, and returns the output.
func commitOutput(t *testing.T, dest string, files map[string]string) *Folder {
	t.Helper()
	o, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := o.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	return o
}

// withoutManifest drops the manifest from a tree, for comparisons of
// what the user sees.
func withoutManifest(m map[string]string) map[string]string {
	delete(m, ManifestName)
	return m
}

func TestOutput(t *testing.T) {
	tests := []struct {
		name   string
		before map[string]string // dest before the first build
		builds []map[string]string
		want   map[string]string // dest after the last build, manifest aside
	}{
		{
			name:   "first build into a new folder",
			builds: []map[string]string{{"index.html": "home", "guide/index.html": "guide"}},
			want:   map[string]string{"index.html": "home", "guide": "/", "guide/index.html": "guide"},
		},
		{
			name: "a deploy checkout keeps .git, CNAME and a README",
			before: map[string]string{
				".git/HEAD": "ref: refs/heads/gh-pages", "CNAME": "docs.example.com", "README.md": "mine",
			},
			builds: []map[string]string{{"index.html": "v1"}, {"index.html": "v2"}},
			want: map[string]string{
				".git": "/", ".git/HEAD": "ref: refs/heads/gh-pages", "CNAME": "docs.example.com", "README.md": "mine",
				"index.html": "v2",
			},
		},
		{
			name: "stale files and the folders they leave empty are removed",
			builds: []map[string]string{
				{"index.html": "v1", "old/index.html": "old", "old/deep/x.png": "x", "theme.1111.css": "a"},
				{"index.html": "v2", "theme.2222.css": "b"},
			},
			want: map[string]string{"index.html": "v2", "theme.2222.css": "b"},
		},
		{
			name:   "a folder kettudocs made goes with its last file",
			builds: []map[string]string{{"guide/index.html": "g"}, {"index.html": "home"}},
			want:   map[string]string{"index.html": "home"},
		},
		{
			name:   "a folder the user made is kept when its files go",
			before: map[string]string{"img": "/"},
			builds: []map[string]string{{"img/a.png": "a"}, {"index.html": "home"}},
			want:   map[string]string{"img": "/", "index.html": "home"},
		},
		{
			name:   "first build into a folder with other files",
			before: map[string]string{"notes.txt": "mine", "drafts/x.md": "mine"},
			builds: []map[string]string{{"index.html": "home", "drafts/index.html": "d"}},
			want:   map[string]string{"notes.txt": "mine", "drafts": "/", "drafts/x.md": "mine", "index.html": "home", "drafts/index.html": "d"},
		},
		{
			name:   "a file becomes a folder",
			builds: []map[string]string{{"a": "file"}, {"a/index.html": "page"}},
			want:   map[string]string{"a": "/", "a/index.html": "page"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if tt.before != nil {
				testfs.Put(t, dest, tt.before)
			}
			for i, files := range tt.builds {
				if err := writeOutput(dest, files); err != nil {
					t.Fatalf("build %d: %v", i+1, err)
				}
			}
			got := tree(t, dest)
			manifest := got[ManifestName]
			if got := withoutManifest(got); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("dest holds\n%v\nwant\n%v", got, tt.want)
			}
			var wantList []string
			for name := range tt.builds[len(tt.builds)-1] {
				wantList = append(wantList, name)
			}
			for _, line := range strings.Split(strings.TrimSpace(manifest), "\n") {
				if name, _, _ := strings.Cut(line, "\t"); !strings.HasSuffix(name, "/") {
					wantList = slicesDelete(wantList, name)
				}
			}
			if len(wantList) > 0 {
				t.Errorf("manifest lacks %v:\n%s", wantList, manifest)
			}
		})
	}
}

func slicesDelete(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// TestOutputKeepsFolderWithUserFile: a user's file in a folder of the last
// build keeps the folder when the build's own files there are removed.
func TestOutputKeepsFolderWithUserFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := writeOutput(dest, map[string]string{"guide/index.html": "g"}); err != nil {
		t.Fatal(err)
	}
	testfs.Put(t, dest, map[string]string{"guide/notes.txt": "mine"})
	if err := writeOutput(dest, map[string]string{"index.html": "home"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "home", "guide": "/", "guide/notes.txt": "mine"}
	if got := withoutManifest(tree(t, dest)); !reflect.DeepEqual(got, want) {
		t.Errorf("dest holds %v, want %v", got, want)
	}
}

func TestOutputRefusesToOverwrite(t *testing.T) {
	tests := []struct {
		name     string
		before   map[string]string
		previous map[string]string // an earlier build, before the user's files
		build    map[string]string
		inErr    []string
	}{
		{
			name:   "a file of the user",
			before: map[string]string{"index.html": "hand-written", "CNAME": "x"},
			build:  map[string]string{"index.html": "home", "a/index.html": "a"},
			inErr:  []string{"1 file kettudocs did not write", "index.html", "hint: if the folder holds the output of a kettudocs older than .kettudocs-manifest, delete it once; else delete them"},
		},
		{
			name:     "a file added to an earlier build's output",
			previous: map[string]string{"index.html": "home"},
			before:   map[string]string{"guide/index.html": "mine"},
			build:    map[string]string{"index.html": "home", "guide/index.html": "g"},
			inErr:    []string{"guide/index.html\n\thint: delete them, or build into another folder"},
		},
		{
			name:   "a file where a folder must go",
			before: map[string]string{"guide": "mine"},
			build:  map[string]string{"guide/index.html": "g"},
			inErr:  []string{": guide\n"},
		},
		{
			name:   "a folder where a file must go",
			before: map[string]string{"robots.txt/x": "mine"},
			build:  map[string]string{"robots.txt": "r"},
			inErr:  []string{"robots.txt"},
		},
		{
			name: "many files, summarized",
			before: map[string]string{
				"a.html": "", "b.html": "", "c.html": "", "d.html": "", "e.html": "", "f.html": "", "g.html": "",
			},
			build: map[string]string{
				"a.html": "", "b.html": "", "c.html": "", "d.html": "", "e.html": "", "f.html": "", "g.html": "",
			},
			inErr: []string{"7 files", "a.html, b.html, c.html, d.html, e.html and 2 more"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if tt.previous != nil {
				if err := writeOutput(dest, tt.previous); err != nil {
					t.Fatal(err)
				}
			}
			testfs.Put(t, dest, tt.before)
			was := tree(t, dest)
			err := writeOutput(dest, tt.build)
			var conflict *ConflictError
			if !errors.As(err, &conflict) {
				t.Fatalf("err = %v, want a *ConflictError", err)
			}
			for _, s := range tt.inErr {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error lacks %q:\n%v", s, err)
				}
			}
			if got := tree(t, dest); !reflect.DeepEqual(got, was) {
				t.Errorf("a refused build changed dest:\n%v\nwas\n%v", got, was)
			}
		})
	}
}

func TestOutputAbortChangesNothing(t *testing.T) {
	for _, exists := range []bool{true, false} {
		dest := filepath.Join(t.TempDir(), "public")
		if exists {
			if err := writeOutput(dest, map[string]string{"index.html": "v1", "a/index.html": "a"}); err != nil {
				t.Fatal(err)
			}
			testfs.Put(t, dest, map[string]string{"CNAME": "x"})
		}
		var was map[string]string
		if exists {
			was = tree(t, dest)
		}
		o, err := Open(dest)
		if err != nil {
			t.Fatal(err)
		}
		if err := o.Write("index.html", []byte("v2")); err != nil {
			t.Fatal(err)
		}
		if err := o.Write("b/index.html", []byte("b")); err != nil {
			t.Fatal(err)
		}
		if err := o.Abort(); err != nil {
			t.Fatal(err)
		}
		if !exists {
			if _, err := os.Lstat(dest); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("an aborted first build left %s: %v", dest, err)
			}
			continue
		}
		if got := tree(t, dest); !reflect.DeepEqual(got, was) {
			t.Errorf("an aborted build changed dest:\n%v\nwas\n%v", got, was)
		}
	}
}

func TestOutputSymlinkedDest(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "gh-pages")
	testfs.Put(t, target, map[string]string{".git": "gitdir: ../repo/.git/worktrees/gh-pages", "CNAME": "docs.example.com"})
	link := filepath.Join(dir, "public")
	if err := os.Symlink("gh-pages", link); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"v1", "v2"} {
		if err := writeOutput(link, map[string]string{"index.html": v}); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := os.Readlink(link); err != nil || got != "gh-pages" {
		t.Errorf("public is no longer the symlink to gh-pages: %q, %v", got, err)
	}
	want := map[string]string{".git": "gitdir: ../repo/.git/worktrees/gh-pages", "CNAME": "docs.example.com", "index.html": "v2"}
	if got := withoutManifest(tree(t, target)); !reflect.DeepEqual(got, want) {
		t.Errorf("target holds %v, want %v", got, want)
	}
}

func TestOutputCleansLeftovers(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := writeOutput(dest, map[string]string{"index.html": "v1"}); err != nil {
		t.Fatal(err)
	}
	// What killed builds left: staging folders of this version inside
	// dest, and the folders an older one renamed beside it.
	testfs.Put(t, dir, map[string]string{
		"public/" + stagingPrefix + "123/index.html": "half",
		".public.new-456/index.html":                 "half",
		".public.old-789/index.html":                 "old",
		".publication.new-1/keep":                    "not ours",
		"public/.kettudocs-notes":                    "not ours either",
	})
	if err := writeOutput(dest, map[string]string{"index.html": "v2"}); err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range tree(t, dir) {
		names = append(names, name)
	}
	sort.Strings(names)
	want := []string{".publication.new-1", ".publication.new-1/keep", "public", "public/" + ManifestName, "public/.kettudocs-notes", "public/index.html"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("after the build: %v\nwant %v", names, want)
	}
}

// TestOutputNeverMissing reads a page over and over while builds replace
// it: every read must find the old or the new version.
func TestOutputNeverMissing(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := writeOutput(dest, map[string]string{"index.html": "v0", "a/index.html": "a"}); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	failed := make(chan error, 1)
	go func() {
		defer close(failed)
		for {
			select {
			case <-done:
				return
			default:
			}
			for _, name := range []string{"index.html", "a/index.html"} {
				if _, err := os.ReadFile(filepath.Join(dest, name)); err != nil {
					failed <- err
					return
				}
			}
		}
	}()
	for i := range 50 {
		v := string(rune('a' + i%26))
		if err := writeOutput(dest, map[string]string{"index.html": v, "a/index.html": v, "b" + v + "/index.html": v}); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	select {
	case err := <-failed:
		if err != nil {
			t.Errorf("a reader found a page missing during a build: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("reader did not stop")
	}
}

func TestOutputRejectsOwnNames(t *testing.T) {
	o, err := Open(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer o.Abort()
	for _, name := range []string{ManifestName, stagingPrefix + "x/a", "../x", "/abs", ""} {
		if err := o.Write(name, nil); err == nil {
			t.Errorf("write(%q) succeeded", name)
		}
	}
	if err := o.Write("a", nil); err != nil {
		t.Fatal(err)
	}
	if err := o.Write("a", nil); err == nil {
		t.Error("a second write of one name succeeded")
	}
}

// TestOutputCaseRename renames a page's folder in case only, as on a
// case-insensitive file system (macOS, Windows), where the last build's
// Foo/index.html is the new foo/index.html: a hard link stands in for
// such a file system. The file is not refused as a stranger's, nor
// removed as stale.
func TestOutputCaseRename(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := writeOutput(dest, map[string]string{"Foo.html": "v1"}); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(dest, "Foo.html"), filepath.Join(dest, "foo.html")); err != nil {
		t.Skip("no hard links here:", err)
	}
	if err := writeOutput(dest, map[string]string{"foo.html": "v2"}); err != nil {
		t.Fatal(err)
	}
	// Here, unlike on a case-insensitive file system, the rename replaced
	// the link: Foo.html is the last build's, and what matters is that it
	// was kept, since it could have been the new file.
	got := withoutManifest(tree(t, dest))
	want := map[string]string{"Foo.html": "v1", "foo.html": "v2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dest holds %v, want %v", got, want)
	}
}

// TestOutputRemovesNothingOutside: a folder of the last build replaced by
// a link to a folder elsewhere must not make the next build remove the
// files there that the manifest names below the folder.
func TestOutputRemovesNothingOutside(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := writeOutput(dest, map[string]string{"index.html": "home", "guide/old.txt": "old", "guide/deep/x.txt": "x"}); err != nil {
		t.Fatal(err)
	}
	victim := t.TempDir()
	testfs.Put(t, victim, map[string]string{"old.txt": "precious", "deep/x.txt": "precious"})
	if err := os.RemoveAll(filepath.Join(dest, "guide")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(dest, "guide")); err != nil {
		t.Fatal(err)
	}
	if err := writeOutput(dest, map[string]string{"index.html": "home again"}); err != nil {
		t.Logf("second build: %v", err) // failing is fine; removing is not
	}
	for _, f := range []string{"old.txt", "deep/x.txt"} {
		if data, err := os.ReadFile(filepath.Join(victim, filepath.FromSlash(f))); err != nil || string(data) != "precious" {
			t.Errorf("%s outside the output: %q, %v; want it untouched", f, data, err)
		}
	}
	if st, err := os.Lstat(filepath.Join(dest, "guide")); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link put in guide's place: %v, %v; want it kept", st, err)
	}
}

// TestOutputUnchanged: a file a build writes with the bytes the output
// folder has is left as it is, same inode and time; one with other bytes,
// one changed in the folder since, and one a manifest without sums lists
// are written.
func TestOutputUnchanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "css/theme.css": "body{}", "a/index.html": "A"}
	build := func(files map[string]string) (unchanged int) {
		t.Helper()
		return commitOutput(t, dest, files).Unchanged()
	}
	stat := func() map[string]os.FileInfo {
		t.Helper()
		m := map[string]os.FileInfo{}
		for _, name := range []string{"index.html", "css/theme.css", "a/index.html", ManifestName} {
			st, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			m[name] = st
		}
		return m
	}
	kept := func(before, after map[string]os.FileInfo) (same []string) {
		for name, st := range before {
			if os.SameFile(st, after[name]) && st.ModTime().Equal(after[name].ModTime()) {
				same = append(same, name)
			}
		}
		slices.Sort(same)
		return same
	}

	build(site)
	tests := []struct {
		name      string
		before    func()
		files     map[string]string
		unchanged int
		kept      []string
	}{
		{"the same site again", nil, site, 3, []string{ManifestName, "a/index.html", "css/theme.css", "index.html"}},
		{"one page changed", nil, map[string]string{"index.html": "home 2", "css/theme.css": "body{}", "a/index.html": "A"}, 2, []string{"a/index.html", "css/theme.css"}},
		{"a file changed in the folder since", func() {
			// Same size: only the time tells.
			name := filepath.Join(dest, "a", "index.html")
			testfs.Write(t, name, "B")
			if err := os.Chtimes(name, time.Time{}, time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
		}, map[string]string{"index.html": "home 2", "css/theme.css": "body{}", "a/index.html": "A"}, 2, []string{"css/theme.css", "index.html"}},
		{"a manifest without sums", func() {
			data, err := os.ReadFile(filepath.Join(dest, ManifestName))
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, l := range strings.Split(string(data), "\n") {
				name, _, _ := strings.Cut(l, "\t")
				lines = append(lines, name)
			}
			testfs.Write(t, filepath.Join(dest, ManifestName), strings.Join(lines, "\n"))
		}, map[string]string{"index.html": "home 2", "css/theme.css": "body{}", "a/index.html": "A"}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.before != nil {
				tt.before()
			}
			before := stat()
			if got := build(tt.files); got != tt.unchanged {
				t.Errorf("%d unchanged, want %d", got, tt.unchanged)
			}
			if got := kept(before, stat()); !slices.Equal(got, tt.kept) {
				t.Errorf("left as they were: %v, want %v", got, tt.kept)
			}
			for name, data := range tt.files {
				if got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name))); err != nil || string(got) != data {
					t.Errorf("%s holds %q (%v), want %q", name, got, err, data)
				}
			}
		})
	}
}

// TestOutputKeep: Keep takes files of the last build into the new one
// without their bytes, all or none: none when one of them changed in the
// folder since, is gone, or was not the last build's.
func TestOutputKeep(t *testing.T) {
	site := map[string]string{"index.html": "home", "a/index.html": "A", "b/index.html": "B"}
	tests := []struct {
		name   string
		before func(dest string)
		keep   []string
		want   bool
		hash   string // of the kept files' bytes, when not those of the site
	}{
		{"as the last build left them", nil, []string{"a/index.html", "b/index.html"}, true, ""},
		{"one changed since", func(dest string) {
			name := filepath.Join(dest, "b", "index.html")
			testfs.Write(t, name, "C")
			if err := os.Chtimes(name, time.Time{}, time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
		}, []string{"a/index.html", "b/index.html"}, false, ""},
		{"one removed since", func(dest string) {
			if err := os.Remove(filepath.Join(dest, "b", "index.html")); err != nil {
				t.Fatal(err)
			}
		}, []string{"a/index.html", "b/index.html"}, false, ""},
		{"one the last build did not write", func(dest string) {
			testfs.Write(t, filepath.Join(dest, "c.html"), "mine")
		}, []string{"a/index.html", "c.html"}, false, ""},
		{"other bytes than the caller knows", nil, []string{"a/index.html"}, false, "A2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if err := writeOutput(dest, site); err != nil {
				t.Fatal(err)
			}
			if tt.before != nil {
				tt.before(dest)
			}
			before := tree(t, dest)
			o, err := Open(dest)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][16]byte{}
			for _, name := range tt.keep {
				data := site[name]
				if tt.hash != "" {
					data = tt.hash
				}
				files[name] = hashOf([]byte(data))
			}
			if got := o.Keep(files); got != tt.want {
				t.Fatalf("Keep = %v, want %v", got, tt.want)
			}
			// What was not kept must be written, as a build does.
			for name, data := range site {
				if tt.want && slices.Contains(tt.keep, name) {
					continue
				}
				if err := o.Write(name, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			if got := o.Unchanged(); tt.want && got < len(tt.keep) {
				t.Errorf("Unchanged = %d, want at least %d", got, len(tt.keep))
			}
			if err := o.Commit(); err != nil {
				t.Fatal(err)
			}
			after := withoutManifest(tree(t, dest))
			want := withoutManifest(before)
			for name, data := range site {
				want[name] = data
			}
			if !reflect.DeepEqual(after, want) {
				t.Errorf("after the build:\n%v\nwant\n%v", after, want)
			}
			// A second build keeps them all.
			o, err = Open(dest)
			if err != nil {
				t.Fatal(err)
			}
			all := map[string][16]byte{}
			for name, data := range site {
				all[name] = hashOf([]byte(data))
			}
			if !o.Keep(all) {
				t.Error("the next build cannot keep the files this one wrote")
			}
			o.Abort()
		})
	}
}

// FuzzParseSum: a manifest's sum field, whatever it holds, parses or is
// refused without a panic, and what parses prints back as it was read.
func FuzzParseSum(f *testing.F) {
	f.Add(sum{size: 12, mtime: 1700000000123456789, hash: [16]byte{1, 2, 3}}.String())
	f.Add("1\t2\t" + strings.Repeat("a", 40))
	f.Add("1\t2")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseSum(s)
		if !ok {
			return
		}
		if again, ok := parseSum(got.String()); !ok || again != got {
			t.Fatalf("%q parsed as %v, which prints as %q and parses as %v", s, got, got.String(), again)
		}
	})
}

// TestManifestRoundTrip: a manifest written reads back as it was, its
// lines sorted, for names one of which starts another and folders.
func TestManifestRoundTrip(t *testing.T) {
	files := map[string]bool{"a": true, "a-b": true, "a/b": true, "a/b.html": true, "z.css": true, "é/x": true}
	sums := map[string]sum{"a": {1, 2, [16]byte{3}}, "a/b": {40, 1700000000000000001, [16]byte{0xff, 1}}, "é/x": {0, 0, [16]byte{}}}
	m := manifestOf(files, sums, map[string]bool{"a": true, "é": true})
	data := m.bytes()
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if !slices.IsSorted(lines) || len(lines) != len(m.files)+len(m.dirs) {
		t.Errorf("lines not sorted, or not one a name:\n%s", data)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ManifestName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	gotFiles, gotSums := got.maps()
	if !maps.Equal(gotFiles, files) || !maps.Equal(gotSums, sums) || !maps.Equal(got.dirs, m.dirs) {
		t.Errorf("read back as %v %v %v, want %v %v %v", gotFiles, gotSums, got.dirs, files, sums, m.dirs)
	}
}

// TestIntact: Intact takes a folder as the build whose manifest hash it
// is given left it, and nothing else: not after any change to the
// manifest, to a file it lists or to the folder's leftovers.
func TestIntact(t *testing.T) {
	files := map[string]string{"index.html": "home", "a/index.html": "A", "a/b/c.txt": "C"}
	old := time.Now().Add(-time.Hour)
	tests := []struct {
		name   string
		change func(t *testing.T, dest string, sum *[32]byte)
		want   bool
	}{
		{"nothing", func(*testing.T, string, *[32]byte) {}, true},
		{"another build's manifest", func(_ *testing.T, _ string, sum *[32]byte) { sum[0] ^= 1 }, false},
		{"manifest edited", func(t *testing.T, dest string, _ *[32]byte) {
			data, err := os.ReadFile(filepath.Join(dest, ManifestName))
			if err != nil {
				t.Fatal(err)
			}
			testfs.Write(t, filepath.Join(dest, ManifestName), string(data)+"extra\n")
		}, false},
		{"file rewritten (same time, maybe, on a coarse clock: another size)", func(t *testing.T, dest string, _ *[32]byte) {
			testfs.Write(t, filepath.Join(dest, "a/index.html"), "Bee")
		}, false},
		{"file touched", func(t *testing.T, dest string, _ *[32]byte) {
			if err := os.Chtimes(filepath.Join(dest, "a/b/c.txt"), old, old); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"file removed", func(t *testing.T, dest string, _ *[32]byte) { os.Remove(filepath.Join(dest, "index.html")) }, false},
		{"file replaced by a folder", func(t *testing.T, dest string, _ *[32]byte) {
			p := filepath.Join(dest, "index.html")
			os.Remove(p)
			os.Mkdir(p, 0o755)
		}, false},
		{"staging left", func(t *testing.T, dest string, _ *[32]byte) { os.Mkdir(filepath.Join(dest, stagingPrefix+"x"), 0o755) }, false},
		{"a user's file added", func(t *testing.T, dest string, _ *[32]byte) {
			testfs.Write(t, filepath.Join(dest, "CNAME"), "docs.example.com")
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			sum := commitOutput(t, dest, files).ManifestSum()
			tt.change(t, dest, &sum)
			names, ok := Intact(dest, sum)
			if ok != tt.want {
				t.Fatalf("Intact: %v, want %v", ok, tt.want)
			}
			if want := slices.Sorted(maps.Keys(files)); ok && !slices.Equal(names, want) {
				t.Errorf("Intact's files %q, want %q", names, want)
			}
		})
	}
}

// spliceBytes is splice into memory, or false for a manifest eachLine
// does not find clean, which Commit does not splice.
func spliceBytes(raw []byte, changes map[string]string) ([]byte, bool) {
	if !eachLine(raw, func(string, bool, sum, bool) {}) {
		return nil, false
	}
	var b bytes.Buffer
	if err := splice(&b, raw, changes); err != nil {
		panic(err) // a bytes.Buffer takes all
	}
	return b.Bytes(), true
}

// spliced is what splice must make of raw, a manifest file of sorted
// lines, with changes: its lines by key, changed, sorted again.
func spliced(raw string, changes map[string]string) string {
	lines := map[string]string{}
	for line := range strings.Lines(raw) {
		line = strings.TrimSuffix(line, "\n")
		key, _, _ := strings.Cut(line, "\t")
		lines[key] = line
	}
	for key, line := range changes {
		lines[key] = line
	}
	var out strings.Builder
	for _, key := range slices.Sorted(maps.Keys(lines)) {
		if lines[key] != "" {
			out.WriteString(lines[key] + "\n")
		}
	}
	return out.String()
}

// TestSplice: a manifest edited line by line, as Commit edits the last
// build's, is the manifest bytes makes of the files and folders changed,
// for changes anywhere in the order; a file bytes cannot have written is
// refused, for Commit to make the manifest anew.
func TestSplice(t *testing.T) {
	s1 := sum{10, 1700000000000000001, [16]byte{1}}.String()
	s2 := sum{20, 1700000000000000002, [16]byte{2}}.String()
	m := manifestOf(
		map[string]bool{"a.css": true, "b/index.html": true, "b/index.md": true, "c/d/index.html": true, "z.js": true},
		map[string]sum{"a.css": {10, 1700000000000000001, [16]byte{1}}, "b/index.html": {1, 2, [16]byte{3}}, "b/index.md": {4, 5, [16]byte{6}}, "c/d/index.html": {7, 8, [16]byte{9}}},
		map[string]bool{"b": true, "c": true, "c/d": true},
	)
	raw := m.bytes()
	for _, tt := range []struct {
		name    string
		changes map[string]string
	}{
		{"nothing", nil},
		{"a sum", map[string]string{"b/index.html": "b/index.html\t" + s2}},
		{"a sum dropped", map[string]string{"b/index.md": "b/index.md"}},
		{"first and last", map[string]string{"a.css": "a.css\t" + s2, "z.js": "z.js\t" + s1}},
		{"added before all", map[string]string{"0.txt": "0.txt\t" + s1}},
		{"added after all", map[string]string{"zz/": "zz/", "zz/x": "zz/x\t" + s1}},
		{"added between", map[string]string{"b/a.png": "b/a.png\t" + s1, "c/e/": "c/e/", "c/e/index.html": "c/e/index.html\t" + s2}},
		{"a file removed", map[string]string{"b/index.md": ""}},
		{"a folder and its files removed", map[string]string{"c/": "", "c/d/": "", "c/d/index.html": ""}},
		{"all removed", map[string]string{"a.css": "", "b/": "", "b/index.html": "", "b/index.md": "", "c/": "", "c/d/": "", "c/d/index.html": "", "z.js": ""}},
		{"a name that starts another", map[string]string{"b": "b\t" + s1, "b/index": "b/index\t" + s2}},
		{"removing what is not there", map[string]string{"q": ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := spliceBytes(raw, tt.changes)
			if want := spliced(string(raw), tt.changes); !ok || string(got) != want {
				t.Errorf("splice = %v\n%s\nwant\n%s", ok, got, want)
			}
		})
	}
	// Random changes to a big manifest: the same as bytes of the files
	// and folders changed.
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		files, sums, dirs := map[string]bool{}, map[string]sum{}, map[string]bool{}
		for range 200 {
			d := fmt.Sprintf("s%d/p%d", rnd.IntN(5), rnd.IntN(40))
			dirs[path.Dir(d)], dirs[d] = true, true
			name := d + "/index.html"
			files[name], sums[name] = true, sum{rnd.Int64N(1e5), rnd.Int64(), [16]byte{byte(rnd.IntN(256))}}
		}
		raw := manifestOf(files, sums, dirs).bytes()
		changes := map[string]string{}
		for range 1 + rnd.IntN(20) {
			d := fmt.Sprintf("s%d/p%d", rnd.IntN(6), rnd.IntN(50))
			name := d + "/index.html"
			switch rnd.IntN(3) {
			case 0: // removed
				changes[name], changes[d+"/"] = "", ""
				delete(files, name)
				delete(dirs, d)
			case 1: // written again, its sum not yet known
				changes[name], changes[d+"/"] = name, d+"/"
				files[name], dirs[d] = true, true
				delete(sums, name)
			default: // written, with its sum
				s := sum{rnd.Int64N(1e5), rnd.Int64(), [16]byte{7}}
				changes[name], changes[d+"/"] = name+"\t"+s.String(), d+"/"
				files[name], sums[name], dirs[d] = true, s, true
			}
		}
		want := manifestOf(files, sums, dirs).bytes()
		if got, ok := spliceBytes(raw, changes); !ok || string(got) != string(want) {
			t.Fatalf("splice = %v\n%s\nwant\n%s", ok, got, want)
		}
	}
	for _, bad := range []string{
		"b\na\n",     // unsorted
		"a\na\n",     // twice
		"a\n../x\n",  // outside
		"a\r\nb\r\n", // another kettudocs's line ends
		"/a\n",       // absolute
		"a\nb",       // cut short
		"./\n",       // the folder itself
		"a\t1\t2\t3\nb\nc//d\n",
	} {
		if got, ok := spliceBytes([]byte(bad), map[string]string{"x": "x"}); ok {
			t.Errorf("splice(%q) = %q, want it refused", bad, got)
		}
	}
}

// FuzzSplice: whatever the last manifest holds, splice refuses it or
// makes the lines the changes ask for, sorted, a key once.
func FuzzSplice(f *testing.F) {
	f.Add("a\nb/\nb/c\t1\t2\t0102\n", "b/c", "b/c\t3\t4\t05")
	f.Add("", "x/", "x/")
	f.Add("a\n", "a", "")
	f.Fuzz(func(t *testing.T, raw, key, line string) {
		changes := map[string]string{key: line}
		if key == "" || strings.ContainsAny(key+line, "\n") || line != "" && !strings.HasPrefix(line, key) {
			return // not a change Commit makes
		}
		got, ok := spliceBytes([]byte(raw), changes)
		if !ok {
			return
		}
		if want := spliced(raw, changes); string(got) != want {
			t.Fatalf("splice(%q, %q: %q) = %q, want %q", raw, key, line, got, want)
		}
	})
}

// TestManifestAfterEdits: whatever the last manifest looks like (as a
// build left it, or edited by hand: lines out of order, Windows line
// ends, a line of no file kettudocs could write), a commit leaves the
// manifest a fresh build of the same files would: every file and folder
// of the site a line, sorted, each file with its size, time and hash.
func TestManifestAfterEdits(t *testing.T) {
	first := map[string]string{"a.css": "a", "b/index.html": "b", "b/c/index.html": "c", "d/index.html": "d"}
	next := map[string]string{"a.css": "a2", "b/index.html": "b", "b/e/index.html": "e", "f.js": "f"}
	for _, tt := range []struct {
		name string
		edit func(string) string
	}{
		{"as written", func(s string) string { return s }},
		{"lines out of order", func(s string) string {
			lines := strings.SplitAfter(s, "\n")
			slices.Reverse(lines)
			return strings.Join(lines, "")
		}},
		{"Windows line ends", func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }},
		{"a line of no file", func(s string) string { return "../outside\n" + s }},
		{"the last line cut", func(s string) string { return strings.TrimSuffix(s, "\n") }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dest := t.TempDir()
			commitOutput(t, dest, first)
			mf := filepath.Join(dest, ManifestName)
			data, err := os.ReadFile(mf)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(mf, []byte(tt.edit(string(data))), 0o644); err != nil {
				t.Fatal(err)
			}
			o := commitOutput(t, dest, next)
			got, err := os.ReadFile(mf)
			if err != nil {
				t.Fatal(err)
			}
			want := newManifest(len(next))
			want.dirs = map[string]bool{"b": true, "b/e": true}
			for name := range next {
				st, err := os.Lstat(filepath.Join(dest, name))
				if err != nil {
					t.Fatal(err)
				}
				want.add(name, sum{st.Size(), st.ModTime().UnixNano(), hashOf([]byte(next[name]))}, true)
			}
			if string(got) != string(want.bytes()) {
				t.Errorf("manifest:\n%s\nwant\n%s", got, want.bytes())
			}
			if o.ManifestSum() != sha256.Sum256(got) {
				t.Error("ManifestSum is not the hash of the manifest left")
			}
			if _, err := os.Lstat(filepath.Join(dest, "b/c")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the folder of a removed page is still there (%v)", err)
			}
		})
	}
}

// manifestOf returns the manifest of files, with sums of those that have
// one, and folders dirs.
func manifestOf(files map[string]bool, sums map[string]sum, dirs map[string]bool) manifest {
	m := newManifest(len(files))
	m.dirs = dirs
	for name := range files {
		s, ok := sums[name]
		m.add(name, s, ok)
	}
	return m
}

// maps returns the files of m, and the sums of those that have one.
func (m *manifest) maps() (files map[string]bool, sums map[string]sum) {
	files, sums = map[string]bool{}, map[string]sum{}
	for _, f := range m.files {
		files[f.name] = true
		if f.hasSum {
			sums[f.name] = f.sum
		}
	}
	return files, sums
}

// TestCommitManifests: the manifests a commit writes, while files move
// in and once they have, come out the same edited from the last build's
// (splice) as made whole (for a manifest edited by hand), for a build
// that writes some files with the same bytes, some with other bytes,
// keeps some, adds some and drops the rest. While files move, the last
// build's files are all still listed, and none moving has a sum.
func TestCommitManifests(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	dest := filepath.Join(t.TempDir(), "public")
	first := map[string]string{}
	for i := range 40 {
		first[fmt.Sprintf("s%d/p%d/index.html", i%3, i)] = fmt.Sprint("page ", i)
	}
	commitOutput(t, dest, first)
	for round := range 20 { // each aborted: dest stays the first build's
		o, err := Open(dest)
		if err != nil {
			t.Fatal(err)
		}
		kept := map[string][16]byte{}
		for name, data := range first {
			switch rnd.IntN(4) {
			case 0: // the same bytes
				err = o.Write(name, []byte(data))
			case 1: // other bytes
				err = o.Write(name, []byte(data+" again"))
			case 2:
				kept[name] = hashOf([]byte(data))
			} // else dropped
			if err != nil {
				t.Fatal(err)
			}
		}
		if !o.Keep(kept) {
			t.Fatal("Keep refused files as the last build left them")
		}
		for i := range rnd.IntN(5) {
			if err := o.Write(fmt.Sprintf("s%d/new%d/index.html", rnd.IntN(4), i), []byte("new")); err != nil {
				t.Fatal(err)
			}
		}
		var names []string
		o.each(func(name string, st *state, _ *entry) {
			if st.written && !st.same {
				names = append(names, name)
			}
		})
		dropped := o.dropped()
		dirs := maps.Clone(o.prev.dirs)
		for _, name := range names {
			dirs[path.Dir(name)] = true
		}
		for step, f := range map[string]func() (map[string]string, func() manifest){
			"moving":  func() (map[string]string, func() manifest) { return o.moving(names, dirs) },
			"settled": func() (map[string]string, func() manifest) { return o.settled(names, dropped, dirs) },
		} {
			changes, whole := f()
			m := whole()
			got, ok := spliceBytes(o.prev.raw, changes)
			if want := m.bytes(); !ok || string(got) != string(want) {
				t.Fatalf("round %d, %s: edited\n%s\nmade whole\n%s", round, step, got, want)
			}
			for _, name := range names {
				if e, ok := m.lookup(name); !ok || e.hasSum != (step == "settled") {
					t.Errorf("round %d, %s: %s listed %v, with a sum %v", round, step, name, ok, e.hasSum)
				}
			}
			for _, name := range dropped {
				if m.has(name) != (step == "moving") {
					t.Errorf("round %d, %s: dropped %s listed %v", round, step, name, m.has(name))
				}
			}
		}
		o.Abort()
	}
}
