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
       kettudocs codes diff [--source DIR] [--format text|github] [--allow-breaking] [BASE [HEAD]]

codes diff lists what changed in the codes spec from BASE to HEAD (see
kettudocs codes diff -h).

Prints a codes spec made from the code tables of PAGE.md (the tables with a
column of codes, such as 4004, 5xx, 4000-4999 or ` + "`FAILED_VALIDATION`" + `, alone or
with their names: 200 (OK)): one group per table, named after the heading
above it, with the table's columns and its rows as they are. With -w it also
puts a marker <!-- codes: NAME --> above each table that has none, binding it
to its group, so the page passes the check at once and cannot drift from
then on. A table it cannot take is named on stderr with why, the others
are extracted, and the exit status is 1:

	kettudocs codes extract -w content/reference.md > codes/codes.yaml
	kettudocs check
`

// runCodes runs the codes subcommands.
func runCodes(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "diff" {
		return runCodesDiff(ctx, args[1:], stdout, stderr)
	}
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
	for _, p := range x.Skipped {
		fmt.Fprintln(stderr, p)
	}
	if *write {
		if err := replaceFile(page, x.Page); err != nil {
			fmt.Fprintln(stderr, "kettudocs codes extract:", err)
			return exitProblems
		}
	}
	stdout.Write(x.Spec)
	if len(x.Skipped) > 0 {
		fmt.Fprintf(stderr, "kettudocs codes extract: %s of %d not extracted (see above); the spec has the others\n",
			plural(len(x.Skipped), "code table"), len(x.Skipped)+x.Groups)
		return exitProblems
	}
	return exitOK
}

// replaceFile replaces the file name with data as one step: a reader, or a
// crash, sees the old page or the new one, never half of one.
func replaceFile(name string, data []byte) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	return writeFile(name, data, fi.Mode().Perm())
}

// writeFile writes data to the file name, with the permissions perm, as
// one step: written beside it, then renamed into place.
func writeFile(name string, data []byte, perm os.FileMode) error {
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
	if err := os.Chmod(tmp.Name(), perm); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
