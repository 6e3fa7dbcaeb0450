//go:build unix

package builder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestUnreadableContentFiles: a content file that cannot be read is a
// problem of check, build and serve alike (root reads any file: as root
// this checks that nothing else is reported).
func TestUnreadableContentFiles(t *testing.T) {
	dir := t.TempDir()
	testfs.Put(t, dir, map[string]string{"_index.md": "# Home\n", "img/ok.png": "png", "locked.pdf": "pdf"})
	var want []string
	if os.Geteuid() != 0 { // root reads any file
		if err := os.Chmod(filepath.Join(dir, "locked.pdf"), 0); err != nil {
			t.Fatal(err)
		}
		want = []string{"locked.pdf: cannot read: permission denied"}
	}
	cfg := Config{Content: os.DirFS(dir), Theme: testTheme, Dest: filepath.Join(t.TempDir(), "public")}
	got := checkMessages(t, cfg)
	if len(got) != len(want) {
		t.Fatalf("check: %q, want %q", got, want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("check: %q, want it to start with %q", got[i], want[i])
		}
	}
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := b.Live(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Problems()) != len(want) {
		t.Errorf("serve: %v, want %q", l.Problems(), want)
	}
	if l, err = l.Update(t.Context(), nil, []string{"locked.pdf"}); err != nil || len(l.Problems()) != len(want) {
		t.Errorf("serve after the file changed: %v, %v", l.Problems(), err)
	}
	if _, err := b.Build(t.Context()); (err == nil) != (len(want) == 0) {
		t.Errorf("the build: %v", err)
	}
}
