// Command kettudocs builds API documentation sites, such as kettu's, and
// checks their code tables against the site's codes spec, which it reads at
// every build (see package codespec).
//
// Usage:
//
//	kettudocs new DIR         make a new site with a codes spec and a CI workflow
//	kettudocs serve [flags]   build, serve and live-reload the site at http://127.0.0.1:1313/
//	kettudocs build [flags]   check the site and write it to public/
//	kettudocs check [flags]   check the site without writing anything; --external also checks http(s) links
//	kettudocs generate [flags] write the Go package of the site's codes spec
//	kettudocs codes extract [-w] PAGE.md  make a codes spec of a page's code tables
//	kettudocs version         print the version
//	kettudocs help [command]  show help
//
// Exit status is 0 on success, 1 when the site has problems (drift between
// the docs and the codes spec, broken links, bad front matter, a layout
// that does not parse, a bad kettudocs.yaml, and with check --external
// broken external links) or the build fails or is stopped, and 2 on a
// usage error: a bad flag, no content folder, or a --dest that would mix
// the output with the site's sources. SIGTERM stops a command like Ctrl-C.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/gitdates"
	"github.com/kettu/kettudocs/builder/layout"
	"github.com/kettu/kettudocs/builder/linkcheck"
	"github.com/kettu/kettudocs/builder/sitefs"
	"github.com/kettu/kettudocs/internal/hugeheap"
)

func main() {
	// Before the heap grows: a build's memory then costs a page fault
	// each 2 MB rather than each 4 kB, a tenth of its CPU on a VM.
	hugeheap.Prime(4 << 30)
	// SIGTERM is how CI, Docker and systemd stop a process: like Ctrl-C,
	// it stops the command cleanly, removing what it would leave behind.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	said := make(chan struct{})
	go func() {
		defer close(said)
		// A second signal while shutting down kills at once, as usual.
		<-ctx.Done()
		stop()
		if cause := context.Cause(ctx); cause != context.Canceled {
			// Say so at once: cleaning up can take a moment, and the
			// user should know a second signal kills.
			fmt.Fprintf(os.Stderr, "kettudocs: %v, stopping; a second signal kills at once\n", cause)
		}
	}()
	stopProfile := startProfile(os.Getenv("KETTUDOCS_CPUPROFILE"), os.Stderr)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	// A command that stopped at once on a signal exits only once it has
	// said so: os.Exit would end the goroutine above before it wrote.
	<-said
	os.Exit(code)
}

// startProfile writes a CPU profile of the command to file, when set, for
// `go tool pprof`: what a user whose build is slow can send along with
// the report. It returns the function that finishes the profile.
func startProfile(file string, stderr io.Writer) func() {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kettudocs: KETTUDOCS_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "kettudocs: KETTUDOCS_CPUPROFILE: %v\n", err)
		}
	}
}

// Exit statuses.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

const usage = `kettudocs builds documentation sites from Markdown and checks their code
tables against the site's codes spec.

Usage:

	kettudocs <command> [flags]

Commands:

	new       make a new site that builds and passes the check
	import    make a kettudocs site of an MkDocs, Docusaurus or Hugo site
	serve     build, serve and live-reload the site at http://127.0.0.1:1313/
	build     check the site and write it to public/
	check     check the site without writing anything (for CI)
	generate  write the Go package of the codes spec
	codes     codes extract PAGE.md: make a spec of a page's code tables
	version   print the version
	help      show help for a command

Run "kettudocs help <command>" for a command's flags.
`

// run is main without the exit, so tests can call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdout, stderr)
	case "generate":
		return runGenerate(ctx, rest, stdout, stderr)
	case "codes":
		return runCodes(ctx, rest, stdout, stderr)
	case "new":
		return runNew(ctx, rest, stdout, stderr)
	case "import":
		return runImport(ctx, rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "kettudocs", version())
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && rest[0] != "help" && rest[0] != "version" {
			return run(ctx, []string{rest[0], "-h"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "kettudocs: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

// siteFlags are the flags build and check share.
type siteFlags struct {
	cmd     string // build, check or serve
	source  string
	dest    string
	baseURL string
	drafts  bool
	quiet   bool
	verbose bool
	format  string // how problems are printed: text, github or json

	codesAnywhere bool   // the codes spec may be outside the repository (see inRepo)
	safe          bool   // build or check a stranger's pull request (see safeNote)
	cache         string // build cache folder: "" for the default (cacheDir), "-" for none
}

// safeNote says what --safe leaves out of the site, for build and check
// to print: the site's own layouts/ and static/ and unsafe_html.
func (f *siteFlags) safeNote() string {
	if !f.safe {
		return ""
	}
	var left []string
	for _, d := range []string{"layouts", "static"} {
		if st, err := os.Stat(filepath.Join(f.source, d)); err == nil && st.IsDir() {
			left = append(left, d+"/")
		}
	}
	if conf, err := loadConfig(f.source); err == nil && conf.UnsafeHTML {
		left = append(left, "unsafe_html: true")
	}
	if len(left) == 0 {
		return ""
	}
	return "kettudocs: --safe: the default theme, pages sanitized; not used: " + strings.Join(left, ", ")
}

// addSafe adds --safe to the flags of build and check.
func addSafe(fs *flag.FlagSet, f *siteFlags) {
	fs.BoolVar(&f.safe, "safe", false, "for pull requests from strangers: sanitize pages whatever kettudocs.yaml says, "+
		"refuse content files that run script or replace the build's, use the default theme only (not the site's layouts/ and static/), "+
		"and read the codes spec only inside the repository")
}

func newFlagSet(name, synopsis, examples string, stderr io.Writer) (*flag.FlagSet, *siteFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := &siteFlags{cmd: name}
	fs.StringVar(&f.source, "source", ".", "site folder holding content/ and optional layouts/ and static/")
	fs.StringVar(&f.source, "s", ".", "shorthand for -source")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages with draft: true")
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing on success")
	fs.BoolVar(&f.codesAnywhere, "codes-anywhere", false, "read the codes spec kettudocs.yaml names wherever it is (by default only inside the site's repository, outside hidden folders)")
	if name != "serve" {
		fs.Func("format", "how to print problems: `text`, github (annotations for GitHub Actions) or json", func(v string) error {
			switch v {
			case "text", "github", "json":
				f.format = v
				return nil
			}
			return fmt.Errorf("want text, github or json")
		})
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: kettudocs %s [flags]\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nExamples:\n%s", examples)
	}
	return fs, f
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, f := newFlagSet("build",
		"Checks every page (code tables against the codes spec, links, front matter) and,\nwhen all is well, writes the site to the destination. Files no build wrote there\n(.git, CNAME, your own) are never removed or overwritten; .kettudocs-manifest\nlists what the last build wrote. On any problem the destination is left untouched.",
		"  kettudocs build\n  kettudocs build --base-url https://example.com/docs/\n  kettudocs build --source site --dest /tmp/out --quiet\n", stderr)
	fs.StringVar(&f.dest, "dest", "", "output folder (default <source>/public)")
	fs.StringVar(&f.dest, "d", "", "shorthand for -dest")
	fs.StringVar(&f.dest, "destination", "", "same as -dest (Hugo's name)")
	fs.StringVar(&f.baseURL, "base-url", "", "URL the site is served at, e.g. https://example.com/docs/")
	fs.StringVar(&f.baseURL, "b", "", "shorthand for -base-url")
	fs.StringVar(&f.baseURL, "baseURL", "", "same as -base-url (Hugo's name)")
	fs.BoolVar(&f.verbose, "verbose", false, "print each file written")
	fs.StringVar(&f.cache, "cache", "", "build cache `folder`: what each page's parse made, for the next build to reuse (default: the user's cache folder, kettudocs/<site>)")
	noCache := fs.Bool("no-cache", false, "neither read nor write a build cache")
	addSafe(fs, f)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *noCache {
		f.cache = "-"
	}
	if f.safe && f.codesAnywhere {
		fmt.Fprintf(stderr, "kettudocs %s: --safe reads the codes spec only inside the repository: leave out --codes-anywhere\n", f.cmd)
		return exitUsage
	}
	if note := f.safeNote(); note != "" && !f.quiet {
		fmt.Fprintln(stderr, note)
	}
	if f.dest == "" {
		f.dest = filepath.Join(f.source, "public")
	}
	if err := checkDest(f.source, f.dest); err != nil {
		fmt.Fprintln(stderr, "kettudocs build:", err)
		return exitUsage
	}
	if conf, err := loadConfig(f.source); err == nil && len(conf.Versions) > 0 {
		return buildVersions(ctx, f, conf, stdout, stderr)
	}
	b, err := newBuilder(f)
	if err != nil {
		return report(err, f, stdout, stderr)
	}
	res, err := b.Build(ctx)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintf(stderr, "kettudocs: stopped; %s was left as it was\n", f.dest)
		return exitProblems
	}
	if err != nil {
		return report(place(err, f.contentDir()), f, stdout, stderr)
	}
	warnings := built(res, f, f.dest, f.contentDir(), stdout, stderr)
	printProblems(warnings, f, stdout, stderr)
	if !f.quiet {
		fmt.Fprintf(summaryOut(f, stdout, stderr), "kettudocs: %v into %s%s\n", res, f.dest, warningCount(warnings))
	}
	return exitOK
}

// built prints what a successful build into dest wrote, with --verbose,
// and a warning about its build cache; it returns its warnings, placed
// below place (the content folder as messages name it), and the pages it
// dropped.
func built(res *builder.Result, f *siteFlags, dest, place string, stdout, stderr io.Writer) diag.List {
	if f.verbose {
		for _, name := range res.Written {
			fmt.Fprintln(stdout, filepath.Join(dest, filepath.FromSlash(name)))
		}
	}
	if res.CacheWarning != nil && !f.quiet {
		fmt.Fprintf(stderr, "kettudocs: warning: %v\n", res.CacheWarning)
	}
	return append(placeList(res.Warnings, place), res.Dropped...)
}

// summaryOut is where a command's closing line goes: stdout, but stderr
// with --format json, so that stdout stays one JSON document.
func summaryOut(f *siteFlags, stdout, stderr io.Writer) io.Writer {
	if f.format == "json" {
		return stderr
	}
	return stdout
}

// warningCount says how many warnings a successful command printed:
// "; 2 warnings", or "" for none.
func warningCount(l diag.List) string {
	switch _, n := l.Count(); n {
	case 0:
		return ""
	case 1:
		return "; 1 warning"
	default:
		return fmt.Sprintf("; %d warnings", n)
	}
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, f := newFlagSet("check",
		"Checks every page — code tables, JSON examples and code mentions against the\n"+
			"codes spec, links, front matter — and writes nothing. Exit status 1 on problems.\n\n"+
			"With --since REF it also reports every link to the site as published at the\n"+
			"git ref REF (the last release tag, a pull request's base branch) that the site\n"+
			"as it is would break: a URL no page, alias or file serves any more, an id a\n"+
			"page lost. The site at REF is read from git's objects; nothing is checked out.\n\n"+
			"With --external it also requests every http(s) link, image and autolink, each\n"+
			"URL once, and reports those that do not answer 2xx. This needs the network,\n"+
			"so run it on its own schedule (e.g. nightly), not on every push.",
		"  kettudocs check\n  kettudocs check --source site\n"+
			"  kettudocs check --since v1.4.0\n  kettudocs check --since origin/main --format github\n"+
			"  kettudocs check --external\n"+
			"  kettudocs check --external --exclude '^http://127\\.0\\.0\\.1:1313/' --timeout 30s\n", stderr)
	var ext externalFlags
	fs.BoolVar(&ext.on, "external", false, "also check external (http and https) links; needs the network")
	sinceRef := fs.String("since", "", "also report the URLs and heading ids of the site as published at the git `REF` that the site as it is would break")
	fs.Func("exclude", "with --external, do not check URLs matching `REGEXP` (repeatable)", func(s string) error {
		re, err := regexp.Compile(s)
		if err != nil {
			return err
		}
		ext.exclude = append(ext.exclude, re)
		return nil
	})
	fs.DurationVar(&ext.timeout, "timeout", linkcheck.DefaultTimeout, "with --external, time limit of each request")
	fs.IntVar(&ext.concurrency, "concurrency", linkcheck.DefaultConcurrency, "with --external, requests in flight at once (at most 2 to one host)")
	fs.BoolVar(&ext.allowPrivate, "allow-private", false, "with --external, also request links to loopback, private and link-local addresses, and use the environment's proxy (by default refused: a pull request's links must not reach CI's network)")
	addSafe(fs, f)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if f.safe && f.codesAnywhere {
		fmt.Fprintf(stderr, "kettudocs %s: --safe reads the codes spec only inside the repository: leave out --codes-anywhere\n", f.cmd)
		return exitUsage
	}
	if note := f.safeNote(); note != "" && !f.quiet {
		fmt.Fprintln(stderr, note)
	}
	if err := ext.validate(fs); err != nil {
		fmt.Fprintf(stderr, "kettudocs check: %v\n", err)
		return exitUsage
	}
	if conf, err := loadConfig(f.source); err == nil && len(conf.Versions) > 0 && !ext.on {
		return checkAllVersions(ctx, f, conf, *sinceRef, stdout, stderr)
	}
	b, err := newBuilder(f)
	if err != nil {
		return report(err, f, stdout, stderr)
	}
	var (
		problems diag.List
		rep      *linkcheck.Report
	)
	if ext.on {
		problems, rep, err = b.CheckExternal(ctx, &linkcheck.Checker{
			Concurrency:  ext.concurrency,
			Timeout:      ext.timeout,
			Exclude:      ext.exclude,
			AllowPrivate: ext.allowPrivate,
			UserAgent:    "Mozilla/5.0 (compatible; kettudocs link checker)",
			Hint:         "fix or remove the link, or exclude it with --exclude REGEXP (links to private addresses are checked with --allow-private)",
		})
	} else {
		problems, err = b.Check(ctx)
	}
	if err == nil && *sinceRef != "" {
		var gone diag.List
		gone, err = since(ctx, f, b, *sinceRef)
		problems = append(problems, gone...)
		problems.Sort()
	}
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "kettudocs: stopped")
		return exitProblems
	}
	if err == nil {
		err = problems.Err()
	}
	code := exitOK
	var warnings diag.List
	if err != nil {
		code = report(place(err, f.contentDir()), f, stdout, stderr)
	} else if len(problems) > 0 { // warnings only
		warnings = placeList(problems, f.contentDir())
		printProblems(warnings, f, stdout, stderr)
	}
	if rep != nil && !f.quiet {
		fmt.Fprintf(summaryOut(f, stdout, stderr), "kettudocs: %v\n", rep)
	}
	if code == exitOK && !f.quiet {
		fmt.Fprintf(summaryOut(f, stdout, stderr), "kettudocs: no problems found%s\n", warningCount(warnings))
	}
	return code
}

// siteAreas are the folders of a site that symbolic links may lead into.
var siteAreas = []string{"content", "layouts", "static"}

// externalFlags are check's flags for external links.
type externalFlags struct {
	on           bool
	exclude      []*regexp.Regexp
	timeout      time.Duration
	concurrency  int
	allowPrivate bool
}

// validate reports flags that make no sense: external-link settings
// without --external, which would silently do nothing, and limits that
// would check nothing.
func (e *externalFlags) validate(fs *flag.FlagSet) error {
	var set []string
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "exclude" || f.Name == "timeout" || f.Name == "concurrency" || f.Name == "allow-private" {
			set = append(set, "--"+f.Name)
		}
	})
	switch {
	case !e.on && len(set) > 0:
		return fmt.Errorf("%s needs --external", set[0])
	case e.timeout <= 0:
		return fmt.Errorf("--timeout %v: want a positive duration such as 10s", e.timeout)
	case e.concurrency < 1:
		return fmt.Errorf("--concurrency %d: want at least 1", e.concurrency)
	}
	return nil
}

// parseFlags parses args and reports whether to go on, and if not, the
// exit status: 0 after -h, 2 on bad flags or stray arguments.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "kettudocs %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}

// parseOneArg parses args for a command that takes one argument after
// its flags, and returns the argument; as parseFlags otherwise.
func parseOneArg(fs *flag.FlagSet, args []string) (string, int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", exitOK, false
		}
		return "", exitUsage, false
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return "", exitUsage, false
	}
	return fs.Arg(0), 0, true
}

// contentDir is the content folder as messages name it: "content".
func (f *siteFlags) contentDir() string { return filepath.Join(f.source, "content") }

// usageError is an error in how kettudocs was called, exit status 2,
// rather than in the site.
type usageError struct{ error }

// newBuilder makes the builder for the site f names. A usageError is the
// caller's to fix; a diag.List names problems of the site's settings or
// theme, placed as report prints them.
func newBuilder(f *siteFlags) (*builder.Builder, error) {
	return newBuilderWith(f, nil)
}

// newBuilderWith is newBuilder, with the builder's configuration passed
// to tweak, when not nil, before the builder is made of it.
func newBuilderWith(f *siteFlags, tweak func(*builder.Config)) (*builder.Builder, error) {
	content := f.contentDir()
	if st, err := os.Stat(content); err != nil || !st.IsDir() {
		return nil, usageError{fmt.Errorf("no content folder %s (use --source to name the site folder)", content)}
	}
	if f.dest == "" {
		f.dest = filepath.Join(f.source, "public")
	}
	conf, err := loadConfig(f.source)
	if err != nil {
		return nil, err
	}
	baseURL := f.baseURL
	if baseURL == "" {
		baseURL = conf.BaseURL
	}
	// The spec is read at every build, so no binary can check the docs
	// against codes that have since changed.
	reg, err := loadSpec(f.source, conf, f.codesAnywhere)
	if err != nil {
		return nil, err
	}
	theme := sitefs.Overlay(sitefs.New(f.source, f.source, siteAreas...), kettudocs.Theme())
	brand := conf.brand()
	if f.safe {
		// Nor a brand, whose files are the site's static/ and whose
		// scripts run as the theme's do.
		brand = layout.Brand{}
		// A pull request decides nothing about its own safety: it is
		// sanitized whatever kettudocs.yaml says, and rendered by the
		// default theme only, since layouts and scripts of its own could
		// do anything on the docs domain.
		conf.UnsafeHTML = false
		theme = kettudocs.Theme()
	}
	cfg := builder.Config{
		// Symbolic links may lead only into the site's own folders: not
		// to the repository's .git, its keys or anything else of the
		// machine (see the README, Security).
		Content: sitefs.New(content, f.source, siteAreas...),
		Theme:   theme,
		Dest:    f.dest,
		BaseURL: baseURL,
		Title:   conf.Title,
		Codes:   reg,
		Drafts:  f.drafts,

		UnsafeHTML: conf.UnsafeHTML,
		EditURL:    conf.EditURL,
		Brand:      brand,
		Cache:      cacheDir(f),
		Updated: func(ctx context.Context) map[string]time.Time {
			// Dates are a nicety: a git that fails leaves them out
			// rather than failing the build.
			dates, err := gitdates.Dates(ctx, content)
			if err != nil {
				fmt.Fprintf(os.Stderr, "kettudocs: no last-updated dates: %v\n", err)
			}
			return dates
		},
	}
	if tweak != nil {
		tweak(&cfg)
	}
	b, err := builder.New(cfg)
	var badURL *builder.BaseURLError
	var badEdit *builder.EditURLError
	var badBrand *builder.BrandError
	switch {
	case errors.As(err, &badBrand):
		return nil, diag.List{{
			Pos:  diag.Position{File: filepath.ToSlash(filepath.Join(f.source, configFile)), Line: conf.line(badBrand.Key)},
			Msg:  badBrand.Error(),
			Hint: "name a file of static/ as it is published (logo.svg for static/logo.svg), and an accent as a CSS colour",
		}}
	case errors.As(err, &badEdit):
		return nil, diag.List{{
			Pos:  diag.Position{File: filepath.ToSlash(filepath.Join(f.source, configFile)), Line: conf.line("edit_url")},
			Msg:  badEdit.Error(),
			Hint: "edit_url is the URL of the content folder in an editor; a page's path is added to it",
		}}
	case errors.As(err, &badURL) && f.baseURL == "":
		return nil, diag.List{{
			Pos:  diag.Position{File: filepath.ToSlash(filepath.Join(f.source, configFile)), Line: conf.line("base_url")},
			Msg:  badURL.Error(),
			Hint: "base_url is where the site is served, e.g. https://example.com/docs/ or /docs/",
		}}
	case errors.As(err, &badURL):
		return nil, usageError{err}
	}
	// Problems of the theme are placed in it; the site's own layouts/ and
	// static/ are below its folder.
	return b, place(err, f.source)
}

// cacheDir returns the build cache folder of a build with f: --cache,
// or the user's cache folder's kettudocs/SITE, SITE a hash of the site
// folder's absolute path, so that each site gets its own; "" for none: with --no-cache, for check and serve, which do not
// use one, and where the system has no cache folder.
func cacheDir(f *siteFlags) string {
	if f.cmd != "build" || f.cache == "-" {
		return ""
	}
	if f.cache != "" {
		return f.cache
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	src, err := filepath.Abs(f.source)
	if err != nil {
		return ""
	}
	h := sha256.Sum256([]byte(src))
	return filepath.Join(base, "kettudocs", hex.EncodeToString(h[:8]))
}

// place returns err with the problems it lists, placed relative to dir,
// moved to where the working folder sees them, so that editors and CI
// annotations find them; any other error as it is.
func place(err error, dir string) error {
	var list diag.List
	if !errors.As(err, &list) {
		return err
	}
	return placeList(list, dir)
}

// placeList is place for a list, such as a good build's warnings.
func placeList(list diag.List, dir string) diag.List {
	out := make(diag.List, len(list))
	for i, p := range list {
		if p.Pos.File != "" { // a problem of no file stays one
			p.Pos.File = filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(p.Pos.File)))
		}
		out[i] = p
	}
	return out
}

// report prints a failed build's or check's problems, or its error, in
// f's format, and returns the exit status: 2 for a usageError, else 1.
// Problems are printed as they are placed (see place).
func report(err error, f *siteFlags, stdout, stderr io.Writer) int {
	var usage usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(stderr, "kettudocs %s: %v\n", f.cmd, usage.error)
		return exitUsage
	}
	var problems diag.List
	if !errors.As(err, &problems) {
		if f.format == "" || f.format == "text" {
			fmt.Fprintln(stderr, "kettudocs:", err)
			return exitProblems
		}
		// Tools reading github or json output get every failure there.
		msg, hint, _ := strings.Cut(err.Error(), "\n\thint: ")
		problems = diag.List{{Msg: msg, Hint: hint}}
	}
	printProblems(problems, f, stdout, stderr)
	errs, warns := problems.Count()
	count := plural(errs, "problem")
	if warns > 0 {
		count += ", " + plural(warns, "warning")
	}
	if f.cmd == "build" {
		fmt.Fprintf(stderr, "kettudocs: %s; nothing was written\n", count)
	} else {
		fmt.Fprintf(stderr, "kettudocs: %s\n", count)
	}
	return exitProblems
}

// plural returns "1 problem" or "n problems".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// printProblems prints problems, errors and warnings, in f's format. Text
// goes to stderr, the github and json formats to stdout; nothing is
// printed for an empty list.
func printProblems(problems diag.List, f *siteFlags, stdout, stderr io.Writer) {
	if len(problems) == 0 {
		return
	}
	switch f.format {
	case "github":
		for _, p := range problems {
			fmt.Fprintln(stdout, githubAnnotation(p))
		}
	case "json":
		type jsonProblem struct {
			File     string `json:"file"`
			Line     int    `json:"line,omitempty"`
			Col      int    `json:"col,omitempty"`
			Message  string `json:"message"`
			Hint     string `json:"hint,omitempty"`
			Severity string `json:"severity"` // error or warning
		}
		out := make([]jsonProblem, 0, len(problems))
		for _, p := range problems {
			out = append(out, jsonProblem{p.Pos.File, p.Pos.Line, p.Pos.Col, p.Msg, p.Hint, p.Severity.String()})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	default:
		for _, p := range problems {
			fmt.Fprintln(stderr, p)
		}
	}
}

// githubAnnotation formats p as a GitHub Actions workflow command, which
// shows the problem on the line of the pull request's diff.
func githubAnnotation(p diag.Problem) string {
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	data := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	s := "::error "
	if p.Severity == diag.Warning {
		s = "::warning "
	}
	if p.Pos.File != "" {
		s += "file=" + prop.Replace(p.Pos.File) + ","
	}
	if p.Pos.Line > 0 {
		s += fmt.Sprintf("line=%d,", p.Pos.Line)
	}
	if p.Pos.Col > 0 {
		s += fmt.Sprintf("col=%d,", p.Pos.Col)
	}
	msg := p.Msg
	if p.Hint != "" {
		msg += "\nhint: " + p.Hint
	}
	return s + "title=kettudocs::" + data.Replace(msg)
}
