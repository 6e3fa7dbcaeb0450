package builder

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestUnreadableFiles: files of the content that cannot be read are
// problems of those files, all at once, like any other.
func TestUnreadableFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	testfs.Put(t, dir, map[string]string{"_index.md": "# Home\n\n![x](img/x.png)\n", "img/real.png": "png"})
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
		testfs.Put(t, dir, map[string]string{"secret.md": "# S\n"})
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
