package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// sourcesOf lists what a site is built from, relative to its folder:
// what an output folder must never hold or be held by.
var sourcesOf = []string{"content", "layouts", "static", filepath.Join("codes", "codes.yaml")}

// checkDest refuses an output folder that is the site folder, or holds or
// lies inside one of its sources, before anything is written: a build
// writes into its output folder, and a later build removes the files the
// former wrote, so such a folder would mix the site with its sources.
// Paths are compared after resolving symlinks, so "public -> content"
// is caught too.
func checkDest(source, dest string) error {
	site, err := resolve(source)
	if err != nil {
		return err
	}
	out, err := resolve(dest)
	if err != nil {
		return err
	}
	if st, err := os.Stat(dest); err == nil && !st.IsDir() {
		return fmt.Errorf("--dest %s is a file, not a folder", dest)
	}
	if samePath(out, site) {
		return fmt.Errorf("--dest %s is the site folder %s itself; pick a folder of its own, such as %s", dest, source, filepath.Join(source, "public"))
	}
	for _, rel := range sourcesOf {
		name := filepath.Join(source, rel)
		if _, err := os.Lstat(name); err != nil {
			continue // a source the site does not have cannot clash
		}
		src, err := resolve(name)
		if err != nil {
			return err
		}
		switch {
		case samePath(out, src):
			return fmt.Errorf("--dest %s is the site's %s; pick a folder of its own, such as %s", dest, name, filepath.Join(source, "public"))
		case within(out, src):
			return fmt.Errorf("--dest %s is inside the site's %s; pick a folder outside it, such as %s", dest, name, filepath.Join(source, "public"))
		case within(src, out):
			return fmt.Errorf("--dest %s holds the site's %s; pick a folder that does not, such as %s", dest, name, filepath.Join(source, "public"))
		}
	}
	return nil
}

// resolve returns the absolute path of name with every symlink resolved,
// also when name, or the end of it, does not exist yet.
func resolve(name string) (string, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	var rest []string
	for p := abs; ; p = filepath.Dir(p) {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || filepath.Dir(p) == p {
			return "", err
		}
		rest = append([]string{filepath.Base(p)}, rest...)
	}
}

// foldCase reports whether the usual file systems of this OS ignore case
// in names: APFS and NTFS do by default.
var foldCase = runtime.GOOS == "darwin" || runtime.GOOS == "windows"

func samePath(a, b string) bool {
	if foldCase {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// within reports whether a lies strictly below folder b.
func within(a, b string) bool {
	prefix := strings.TrimSuffix(b, string(filepath.Separator)) + string(filepath.Separator)
	if len(a) <= len(prefix) {
		return false
	}
	return samePath(a[:len(prefix)], prefix)
}
