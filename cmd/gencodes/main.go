// Gencodes generates package kettudocs/codes from the spec of the kettu
// API's codes, codes.yaml.
//
// Usage:
//
//	gencodes [-spec codes.yaml] [-out zz_codes.go]
//
// It is run by go generate in the codes directory. If the spec has
// problems, gencodes reports them all as file:line: message and writes
// nothing. It leaves an up-to-date output untouched, so a no-op go generate
// doesn't cause rebuilds.
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
	specFile, outFile, err := parseFlags(args, log.Writer())
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
	src, err := generate(s, hand)
	if err != nil {
		log.Print(err)
		return 1
	}
	if old, err := os.ReadFile(outFile); err == nil && bytes.Equal(old, src) {
		return 0
	}
	if err := os.WriteFile(outFile, src, 0o666); err != nil {
		log.Print(err)
		return 1
	}
	return 0
}

// parseFlags parses the command line. The staleness test uses it too, to
// learn from the go:generate lines what the generator writes.
func parseFlags(args []string, stderr io.Writer) (specFile, outFile string, err error) {
	fs := flag.NewFlagSet("gencodes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&specFile, "spec", "codes.yaml", "read the spec from `file`")
	fs.StringVar(&outFile, "out", "zz_codes.go", "write the Go source to `file`")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: gencodes [-spec codes.yaml] [-out zz_codes.go]\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return "", "", err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return "", "", fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return specFile, outFile, nil
}
