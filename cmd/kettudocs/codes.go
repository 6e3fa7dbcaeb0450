package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/codespec"
)

const codesUsage = `Usage: kettudocs codes extract [-w] PAGE.md

Prints a codes spec made from the code tables of PAGE.md (the tables whose
first column is "code"): one group per table, named after the heading above
it, with the table's columns and its rows as they are. With -w it also puts
a marker <!-- codes: NAME --> above each table that has none, binding it
to its group, so the page passes the check at once and cannot drift from
then on:

	kettudocs codes extract -w content/reference.md > codes/codes.yaml
	kettudocs check
`

// runCodes runs the codes subcommands.
func runCodes(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "extract" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprint(stdout, codesUsage)
			return exitOK
		}
		fmt.Fprint(stderr, codesUsage)
		return exitUsage
	}
	fs := flag.NewFlagSet("codes extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	write := fs.Bool("w", false, "insert the binding markers into the page")
	fs.Usage = func() {
		fmt.Fprint(stderr, codesUsage+"\nFlags:\n")
		fs.PrintDefaults()
	}
	page, code, ok := parseOneArg(fs, args[1:])
	if !ok {
		return code
	}
	src, err := os.ReadFile(page)
	if err != nil {
		fmt.Fprintln(stderr, diag.ReadError(filepath.ToSlash(page), err))
		return exitProblems
	}
	x, err := codespec.Extract(filepath.ToSlash(page), src)
	if err != nil {
		return report(err, &siteFlags{cmd: "codes extract"}, stdout, stderr)
	}
	if *write {
		if err := replaceFile(page, x.Page); err != nil {
			fmt.Fprintln(stderr, "kettudocs codes extract:", err)
			return exitProblems
		}
	}
	stdout.Write(x.Spec)
	return exitOK
}

// replaceFile replaces the file name with data as one step: a reader, or a
// crash, sees the old page or the new one, never half of one.
func replaceFile(name string, data []byte) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".kettudocs-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), fi.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
