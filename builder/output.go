package builder

import (
	"fmt"
	"os"
	"path/filepath"
)

// replaceDir fills a new folder beside dest and, only when fill succeeds,
// puts it in dest's place. A failed or cancelled build leaves dest as it
// was; readers of dest see either the old site or the new one, never a mix.
func replaceDir(dest string, fill func(dir string) error) error {
	dest = filepath.Clean(dest)
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}

	info, err := os.Stat(dest)
	switch {
	case os.IsNotExist(err):
		return os.Rename(tmp, dest)
	case err != nil:
		os.RemoveAll(tmp)
		return err
	case !info.IsDir():
		os.RemoveAll(tmp)
		return fmt.Errorf("destination %s exists and is not a folder", dest)
	}
	old, err := os.MkdirTemp(parent, "."+base+".old-")
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	// Rename refuses to replace a non-empty folder, so the old site moves
	// aside first and is restored if the new one cannot take its place.
	if err := os.Remove(old); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(dest, old); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		os.RemoveAll(tmp)
		return err
	}
	return os.RemoveAll(old)
}

// writeFile writes data to the slash path name below dir.
func writeFile(dir, name string, data []byte) error {
	full := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}
