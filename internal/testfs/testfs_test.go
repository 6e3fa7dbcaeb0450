package testfs

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "c.md")
	Write(t, path, "# C\n")
	Write(t, path, "# C again\n") // an existing file is replaced
	if data, err := os.ReadFile(path); err != nil || string(data) != "# C again\n" {
		t.Errorf("after Write: %q, %v", data, err)
	}
}
