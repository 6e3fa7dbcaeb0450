package gitfs

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

func TestFolder(t *testing.T) {
	repo := t.TempDir()
	const date = "2026-01-02T03:04:05Z"
	testfs.Git(t, repo, date, "init", "-q", "-b", "main")
	testfs.Write(t, filepath.Join(repo, "site/content/a.md"), "# A\n")
	testfs.Write(t, filepath.Join(repo, "site/content/guide/b.md"), "# B\n\nLong enough to be seen as the same file when renamed.\n")
	testfs.Write(t, filepath.Join(repo, "site/kettudocs.yaml"), "title: T\n")
	testfs.Write(t, filepath.Join(repo, "other.txt"), "x")
	testfs.Git(t, repo, date, "add", "-A")
	testfs.Git(t, repo, date, "commit", "-q", "-m", "one")
	testfs.Git(t, repo, date, "tag", "v1")
	// The work tree moves on: a rename, an edit, a new file, uncommitted.
	testfs.Git(t, repo, date, "mv", "site/content/guide/b.md", "site/content/guide/renamed.md")
	testfs.Write(t, filepath.Join(repo, "site/content/a.md"), "# A, edited\n")
	testfs.Write(t, filepath.Join(repo, "site/content/new.md"), "# New\n")

	ctx := context.Background()
	f, err := Open(ctx, filepath.Join(repo, "site", "content"), "v1")
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := f.FS(ctx, 1<<20, func(name string) bool { return strings.HasSuffix(name, ".md") })
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(fsys, name)
			got[name] = string(data)
		}
		return err
	})
	want := map[string]string{"a.md": "# A\n", "guide/b.md": "# B\n\nLong enough to be seen as the same file when renamed.\n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the folder at v1 holds %v, want %v", got, want)
	}
	renames, err := f.Renames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"guide/b.md": "guide/renamed.md"}; !reflect.DeepEqual(renames, want) {
		t.Errorf("renames %v, want %v", renames, want)
	}
	if _, err := f.FS(ctx, 3, func(string) bool { return true }); err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("a file over the limit: %v", err)
	}
	// The work tree is as it was.
	if data, _ := os.ReadFile(filepath.Join(repo, "site/content/a.md")); string(data) != "# A, edited\n" {
		t.Errorf("the work tree changed: %q", data)
	}

	for _, tt := range []struct{ ref, want string }{
		{"v2", `no commit "v2" in the repository`},
		{"--output=x", `"--output=x" is not a git ref`},
	} {
		if _, err := Open(ctx, filepath.Join(repo, "site"), tt.ref); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(%q): %v, want %q", tt.ref, err, tt.want)
		}
	}
	if _, err := Open(ctx, t.TempDir(), "main"); err == nil || !strings.Contains(err.Error(), "not in a git repository") {
		t.Errorf("outside a repository: %v", err)
	}
}
