package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// scaffold is the site kettudocs new writes: a home page with a table
// bound to a small codes spec, the settings, and a GitHub Actions workflow
// that checks the docs.
//
//go:embed all:scaffold
var scaffold embed.FS

func runNew(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: kettudocs new DIR\n\n"+
			"Makes a new docs site in DIR, which must not exist or be empty: content/_index.md\n"+
			"with a code table bound to a small codes spec (codes/codes.yaml), kettudocs.yaml,\n"+
			"and a GitHub Actions workflow that runs kettudocs check --format github. It\n"+
			"builds and passes the check as it is.\n\nExamples:\n  kettudocs new docs\n")
	}
	dir, code, ok := parseOneArg(fs, args)
	if !ok {
		return code
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "kettudocs new: %s is not empty; name a new folder\n", dir)
		return exitUsage
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(stderr, "kettudocs new:", err)
		return exitUsage
	}
	if err := writeScaffold(dir); err != nil {
		fmt.Fprintln(stderr, "kettudocs new:", err)
		return exitProblems
	}
	fmt.Fprintf(stdout, "kettudocs: a new site in %s. Next:\n\n\tcd %s\n\tkettudocs serve    # preview at http://127.0.0.1:1313/\n\tkettudocs check    # what CI runs (.github/workflows/docs.yml)\n", dir, dir)
	return exitOK
}

// writeScaffold writes the scaffold into dir, or, failing, removes what
// it wrote.
func writeScaffold(dir string) (err error) {
	created := false
	if _, statErr := os.Stat(dir); errors.Is(statErr, os.ErrNotExist) {
		created = true
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	root, err := fs.Sub(scaffold, "scaffold")
	if err != nil {
		return err
	}
	var wrote []string
	defer func() {
		if err == nil {
			return
		}
		for i := len(wrote) - 1; i >= 0; i-- {
			os.Remove(wrote[i])
		}
		if created {
			os.Remove(dir)
		}
	}()
	return fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || name == "." {
			return err
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if d.IsDir() {
			if err := os.Mkdir(path, 0o777); err != nil {
				return err
			}
			wrote = append(wrote, path)
			return nil
		}
		data, err := fs.ReadFile(root, name)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err != nil {
			return err
		}
		wrote = append(wrote, path)
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}
