package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kettu/kettudocs/codespec"
	"github.com/kettu/kettudocs/internal/gitfs"
)

const codesDiffUsage = `Usage: kettudocs codes diff [--source DIR] [--format text|github] [--allow-breaking] [BASE [HEAD]]

Lists what changed in the site's codes spec from the commit BASE to the
commit HEAD: codes added, removed and renumbered, and each column that
changed. BASE is by default where the branch left the default branch (the
merge base with origin/HEAD, origin/main, main, …); HEAD is by default the
work tree, uncommitted edits included. Both are read from git's objects:
nothing is checked out.

A change that can break a client built against BASE's codes is marked
breaking: a code or group removed, a code renumbered, a changed value of
an enumerated column (a close code's action). Breaking changes make the
exit status 1, unless --allow-breaking says they are meant. --format github
prints them as annotations on the spec's lines of the pull request:

	kettudocs codes diff                   # this branch against main
	kettudocs codes diff v9 v10            # between two tags
	kettudocs codes diff --format github   # in a pull request's workflow

In GitHub Actions, check out with fetch-depth: 0, so that BASE is there.
`

// runCodesDiff runs kettudocs codes diff.
func runCodesDiff(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("codes diff", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site folder, which holds kettudocs.yaml")
	format := fl.String("format", "text", "text, or github for annotations in GitHub Actions")
	allow := fl.Bool("allow-breaking", false, "exit 0 even when a change is breaking")
	fl.Usage = func() {
		fmt.Fprint(stderr, codesDiffUsage+"\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 2 {
		fmt.Fprintf(stderr, "kettudocs codes diff: unexpected argument %q\n", fl.Arg(2))
		return exitUsage
	}
	if *format != "text" && *format != "github" {
		fmt.Fprintf(stderr, "kettudocs codes diff: --format %s: want text or github\n", *format)
		return exitUsage
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "kettudocs codes diff:", err)
		return exitProblems
	}
	conf, err := loadConfig(*source)
	if err != nil {
		return fail(err)
	}
	spec := specFile(*source, conf)
	name := filepath.ToSlash(spec)
	base := fl.Arg(0)
	if base == "" {
		if base, err = gitfs.MergeBase(ctx, *source); err != nil {
			return fail(err)
		}
	}
	old, err := specAt(ctx, spec, base)
	if err != nil {
		return fail(err)
	}
	head := "the work tree"
	var new *codespec.Spec
	if fl.NArg() == 2 {
		head = fl.Arg(1)
		new, err = specAt(ctx, spec, head)
	} else {
		var data []byte
		if data, err = os.ReadFile(spec); err == nil {
			new, err = codespec.Parse(name, data)
		} else if errors.Is(err, fs.ErrNotExist) {
			new, err = &codespec.Spec{File: name}, nil
		}
	}
	if err != nil {
		return fail(err)
	}

	changes := codespec.Diff(old, new)
	breaking := 0
	for _, c := range changes {
		if c.Breaking {
			breaking++
		}
		file := name
		if c.Kind == codespec.Removed || c.Kind == codespec.GroupRemoved {
			file = name + "@" + short(base) // the line is the old spec's
		}
		switch *format {
		case "github":
			level := "notice"
			if c.Breaking {
				level = "error"
				if *allow {
					level = "warning"
				}
			}
			msg := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(c.String())
			at := fmt.Sprintf(",line=%d", c.Line)
			if file != name {
				at = "" // the line is the old spec's: the annotation goes on the file
			}
			fmt.Fprintf(stdout, "::%s file=%s%s,title=codes %s::%s\n", level, name, at, c.Kind, msg)
		default:
			fmt.Fprintf(stdout, "%s:%d: %s\n", file, c.Line, c)
		}
	}
	summary := fmt.Sprintf("codes diff %s..%s: %s, %d breaking", short(base), head, plural(len(changes), "change"), breaking)
	if breaking > 0 && !*allow {
		fmt.Fprintf(stderr, "%s\nhint: a client built against %s's codes can break; if that is meant (a new major version of the API), pass --allow-breaking\n", summary, short(base))
		return exitProblems
	}
	fmt.Fprintln(stderr, summary)
	return exitOK
}

// specAt reads and parses the codes spec at path as it is in the commit
// ref; a commit without it has an empty spec.
func specAt(ctx context.Context, path, ref string) (*codespec.Spec, error) {
	// The spec's folder may be gone from the work tree, or not there yet:
	// the nearest folder that is names the repository.
	dir := filepath.Dir(path)
	for {
		if fi, err := os.Stat(dir); (err == nil && fi.IsDir()) || filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return nil, err
	}
	rel = filepath.ToSlash(rel)
	folder, err := gitfs.Open(ctx, dir, ref)
	if err != nil {
		return nil, err
	}
	fsys, err := folder.FS(ctx, 16<<20, func(name string) bool { return name == rel })
	if err != nil {
		return nil, err
	}
	name := filepath.ToSlash(path) + "@" + short(ref)
	data, err := fs.ReadFile(fsys, rel)
	if errors.Is(err, fs.ErrNotExist) {
		return &codespec.Spec{File: name}, nil
	}
	if err != nil {
		return nil, err
	}
	return codespec.Parse(name, data)
}

// short shortens a commit hash for messages; names stay as they are.
func short(ref string) string {
	if len(ref) == 40 && strings.Trim(ref, "0123456789abcdef") == "" {
		return ref[:12]
	}
	return ref
}
