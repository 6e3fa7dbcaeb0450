// Gencodes generates the data part of the kettu client module's package
// codes from the spec of the kettu API's codes, codes.yaml, and the part of
// package kettureg that hands the same codes to the docs' drift check.
//
// Usage:
//
//	gencodes [-spec codes.yaml] [-out zz_codes.go] [-registry zz_registry.go]
//
// It is run by go generate in internal/kettureg, not in codes: the codes
// directory is a module of its own, which go generate ./... in the root
// does not enter, and which must not depend on this generator. If the spec
// has problems, gencodes reports them all as file:line: message and writes
// nothing. It leaves an up-to-date output untouched, so a no-op go
// generate doesn't cause rebuilds.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
)

func main() {
	log.SetPrefix("gencodes: ")
	log.SetFlags(0)
	os.Exit(run(os.Args[1:]))
}

// run does the work of main and returns the exit code. Messages go to the
// log, one problem each.
func run(args []string) int {
	specFile, outFile, regFile, err := parseFlags(args, log.Writer())
	if err != nil {
		return 2
	}
	data, err := os.ReadFile(specFile)
	if err != nil {
		log.Print(err)
		return 1
	}
	s, err := parseSpec(specFile, data)
	if err != nil {
		var list interface{ Unwrap() []error }
		if errors.As(err, &list) {
			for _, e := range list.Unwrap() {
				log.Print(e)
			}
		} else {
			log.Print(err)
		}
		return 1
	}
	hand, err := exported(filepath.Dir(outFile), outFile)
	if err != nil {
		log.Print(err)
		return 1
	}
	src, err := generate(s)
	if err != nil {
		log.Print(err)
		return 1
	}
	reg, err := generateRegistry(s, hand)
	if err != nil {
		log.Print(err)
		return 1
	}
	for _, f := range []struct {
		name string
		src  []byte
	}{{outFile, src}, {regFile, reg}} {
		if err := writeIfChanged(f.name, f.src); err != nil {
			log.Print(err)
			return 1
		}
	}
	return 0
}

// writeIfChanged leaves an up-to-date file untouched, so a no-op go
// generate doesn't cause rebuilds.
func writeIfChanged(name string, src []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, src) {
		return nil
	}
	return os.WriteFile(name, src, 0o666)
}

// parseFlags parses the command line. The staleness test uses it too, to
// learn from the go:generate lines what the generator writes.
func parseFlags(args []string, stderr io.Writer) (specFile, outFile, regFile string, err error) {
	fs := flag.NewFlagSet("gencodes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&specFile, "spec", "codes.yaml", "read the spec from `file`")
	fs.StringVar(&outFile, "out", "zz_codes.go", "write the Go source of package codes to `file`")
	fs.StringVar(&regFile, "registry", "zz_registry.go", "write the Go source of package kettureg to `file`")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: gencodes [-spec codes.yaml] [-out zz_codes.go] [-registry zz_registry.go]\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return "", "", "", err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return "", "", "", fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return specFile, outFile, regFile, nil
}
