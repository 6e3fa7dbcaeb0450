package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kettu/kettudocs/codespec"
)

// runGenerate writes the Go package of a codes spec: into the site's
// module by default (the spec's output:), or into any other module with
// --out and --package.
func runGenerate(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := &siteFlags{cmd: "generate"}
	var spec, pkg, out string
	fs.StringVar(&f.source, "source", ".", "site folder holding kettudocs.yaml and the spec")
	fs.StringVar(&spec, "spec", "", "the codes spec (default: kettudocs.yaml's codes:, else <source>/codes/codes.yaml)")
	fs.StringVar(&pkg, "package", "", "the Go package `name` (default: the spec's package:)")
	fs.StringVar(&out, "out", "", "the Go `file` to write (default: the spec's output:, relative to the spec)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: kettudocs generate [flags]\n\n%s\n\nFlags:\n",
			"Writes the Go package of the codes spec: the code types, their constants, the\n"+
				"enums and their methods. Builds check that the file the spec names in output:\n"+
				"is what this writes. The file is left alone when it is up to date.")
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nExamples:\n%s",
			"  kettudocs generate\n  kettudocs generate --spec api/codes.yaml --package apicodes --out ../client/apicodes/zz_codes.go\n")
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if spec == "" {
		conf, err := loadConfig(f.source)
		if err != nil {
			return report(err, f, stdout, stderr)
		}
		spec = filepath.Join(f.source, defaultSpec)
		if conf.Codes != "" {
			spec = filepath.Join(f.source, filepath.FromSlash(conf.Codes))
		}
	}
	s, err := codespec.ReadFile(spec)
	if err != nil {
		return report(err, f, stdout, stderr)
	}
	if out == "" {
		out = s.OutputPath()
	}
	if out == "" {
		fmt.Fprintf(stderr, "kettudocs generate: %s has no output: say where to write the package with --out FILE\n", spec)
		return exitUsage
	}
	if pkg == "" && s.Package == "" {
		fmt.Fprintf(stderr, "kettudocs generate: %s has no package: name the Go package with --package NAME\n", spec)
		return exitUsage
	}
	src, err := s.Source(pkg, out)
	if err != nil {
		return report(err, f, stdout, stderr)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o777); err != nil {
		fmt.Fprintln(stderr, "kettudocs generate:", err)
		return exitProblems
	}
	if err := codespec.WriteFile(out, src); err != nil {
		fmt.Fprintln(stderr, "kettudocs generate:", err)
		return exitProblems
	}
	return exitOK
}
