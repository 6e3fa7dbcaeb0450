package kettudocs

import (
	"crypto/sha256"
	"io/fs"
	"testing"

	"github.com/kettu/kettudocs/builder/sitefs"
)

// TestThemeSums: theme_sums.go has the sum of every big static file of
// the theme as it is (else: go generate ./...), and Theme gives them.
func TestThemeSums(t *testing.T) {
	fsys := Theme()
	n := 0
	err := fs.WalkDir(fsys, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum, ok := sitefs.Sum256(fsys, name)
		switch {
		case ok:
			n++
			if sum != sha256.Sum256(data) {
				t.Errorf("%s: theme_sums.go has another sum: run go generate ./...", name)
			}
		case len(data) >= 64<<10:
			t.Errorf("%s: %d bytes, and no sum in theme_sums.go: run go generate ./...", name, len(data))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(themeSums) {
		t.Errorf("%d of the %d sums of theme_sums.go are of files of the theme: run go generate ./...", n, len(themeSums))
	}
}
