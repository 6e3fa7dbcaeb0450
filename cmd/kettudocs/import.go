package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kettu/kettudocs/internal/importer"
)

const importUsage = `Usage: kettudocs import mkdocs|docusaurus|hugo SRC [DEST]

Makes a kettudocs site in DEST (default: SRC-kettudocs), a folder that must
not exist or be empty, from the MkDocs, Docusaurus or Hugo site in SRC (the
folder of mkdocs.yml, docusaurus.config.js or hugo.toml), which is only
read. What kettudocs reads as it is stays as it is (admonitions, content
tabs, :::note containers, sidebar_position, weight, aliases); what has a
kettudocs form is converted once: the navigation (mkdocs.yml nav,
sidebars.json or .js, _category_.json) into order: lists, renamed pages (a
Docusaurus id, number prefixes, README.md) and every link to them, slug
into aliases, macros whose values the config gives, Docusaurus <Tabs> and
partials, Hugo's ref, alert, notice, highlight, figure and tabpane
shortcodes. It prints what it converted and, at its file and line, each
thing it could not, with what to do.

Examples:
  kettudocs import mkdocs . ../docs-kettudocs
  kettudocs import docusaurus website
  kettudocs import hugo my-hugo-site
`

// runImport runs kettudocs import.
func runImport(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	quiet := fl.Bool("quiet", false, "print only what was not converted, and the summary")
	fl.Usage = func() {
		fmt.Fprint(stderr, importUsage+"\nFlags:\n")
		fl.PrintDefaults()
	}
	// Flags may come before, between or after the arguments.
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if args = fl.Args(); len(args) == 0 {
			break
		}
		pos, args = append(pos, args[0]), args[1:]
	}
	if len(pos) < 2 || len(pos) > 3 {
		fl.Usage()
		return exitUsage
	}
	kind, src, dest := pos[0], pos[1], ""
	if len(pos) == 3 {
		dest = pos[2]
	}
	if dest == "" {
		dest = strings.TrimSuffix(filepath.Clean(src), string(filepath.Separator)) + "-kettudocs"
		if filepath.Clean(src) == "." {
			abs, _ := filepath.Abs(".")
			dest = filepath.Join("..", filepath.Base(abs)+"-kettudocs")
		}
	}
	rep, err := importer.Import(kind, src, dest)
	if err != nil {
		fmt.Fprintln(stderr, "kettudocs import:", err)
		return exitProblems
	}
	for _, n := range rep.Notes {
		if n.Done && *quiet {
			continue
		}
		fmt.Fprintln(stdout, n)
	}
	fmt.Fprintf(stdout, "kettudocs: %v, into %s. Next:\n\n\tcd %s\n\tkettudocs serve    # see it, with every problem over the pages\n\tkettudocs check    # what the build would fail on\n", rep, dest, dest)
	return exitOK
}
