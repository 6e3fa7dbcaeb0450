// Gencodes generates the Go package of a codes spec (see package
// codespec), and optionally a Go copy of the spec's drift registry: the
// same as `kettudocs generate`, for go:generate lines in this module.
//
// Usage:
//
//	gencodes [-spec codes.yaml] [-out FILE] [-package NAME] [-registry FILE]
//
// -out and -package default to the spec's output and package. This module
// runs it by go generate in internal/kettureg, not in codes: the codes
// directory is a module of its own, which go generate ./... in the root
// does not enter, and which must not depend on this generator. If the spec
// has problems, gencodes reports them all as file:line: message and writes
// nothing. It leaves an up-to-date output untouched, so a no-op go
// generate doesn't cause rebuilds.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/codespec"
)

func main() {
	log.SetPrefix("gencodes: ")
	log.SetFlags(0)
	os.Exit(run(os.Args[1:]))
}

// run does the work of main and returns the exit code. Messages go to the
// log, one problem each.
func run(args []string) int {
	f, err := parseFlags(args, log.Writer())
	if err != nil {
		return 2
	}
	s, err := codespec.ReadFile(f.spec)
	if err != nil {
		logProblems(err)
		return 1
	}
	out := f.out
	if out == "" {
		out = s.OutputPath()
	}
	if out == "" {
		log.Printf("%s has no output: and -out is not set; nothing to write", f.spec)
		return 2
	}
	src, err := s.Source(f.pkg, out)
	if err != nil {
		logProblems(err)
		return 1
	}
	var reg []byte
	if f.registry != "" {
		abs, err := filepath.Abs(f.registry)
		if err != nil {
			log.Print(err)
			return 1
		}
		hand, err := codespec.Exported(filepath.Dir(out), out)
		if err != nil {
			log.Print(err)
			return 1
		}
		reg, err = codespec.GoRegistry(s.File, filepath.Base(filepath.Dir(abs)), s.Registry(hand))
		if err != nil {
			log.Print(err)
			return 1
		}
	}
	if err := codespec.WriteFile(out, src); err != nil {
		log.Print(err)
		return 1
	}
	if reg != nil {
		if err := codespec.WriteFile(f.registry, reg); err != nil {
			log.Print(err)
			return 1
		}
	}
	return 0
}

func logProblems(err error) {
	var list diag.List
	if errors.As(err, &list) {
		for _, p := range list {
			log.Print(p.Pos.String() + ": " + p.Msg)
		}
		return
	}
	log.Print(err)
}

type flags struct{ spec, out, pkg, registry string }

// parseFlags parses the command line. The staleness test uses it too, to
// learn from the go:generate lines what the generator writes.
func parseFlags(args []string, stderr io.Writer) (flags, error) {
	var f flags
	fs := flag.NewFlagSet("gencodes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.spec, "spec", "codes.yaml", "read the spec from `file`")
	fs.StringVar(&f.out, "out", "", "write the Go package to `file` (default: the spec's output)")
	fs.StringVar(&f.pkg, "package", "", "the Go package's `name` (default: the spec's package)")
	fs.StringVar(&f.registry, "registry", "", "also write a Go copy of the drift registry to `file`")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: gencodes [-spec codes.yaml] [-out FILE] [-package NAME] [-registry FILE]\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return f, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return f, nil
}
