package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/reload"
	"github.com/kettu/kettudocs/builder/siteurl"
	"github.com/kettu/kettudocs/builder/watch"
)

// quiet is how long the site's files must be left alone before a rebuild:
// long enough for an editor's save (its writes and rename come within a
// millisecond) or a git checkout to end, short enough to feel instant;
// it is part of every edit's wait (bench/serve). A batch that ended too
// soon costs an update more, not a wrong preview: the next batch brings
// the rest, and the preview always ends on the files as they are.
const quiet = 10 * time.Millisecond

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, f := newFlagSet("serve",
		"Loads the site into memory (nothing is written, public/ is never touched), serves\n"+
			"it, and updates it whenever content/, layouts/, static/ or kettudocs.yaml change;\n"+
			"open pages reload themselves (a stylesheet change swaps in without a reload).\n"+
			"Pages always show the site as its files are now. When it has problems (those that\n"+
			"would fail kettudocs build) they are listed here and over the pages; a page that\n"+
			"cannot be loaded at all shows its last good version. --quiet leaves out the\n"+
			"line printed after each update.",
		"  kettudocs serve\n  kettudocs serve --source site --drafts\n  kettudocs serve --port 8080\n  kettudocs serve --bind 0.0.0.0   # reachable from other machines\n", stderr)
	bind := fs.String("bind", "127.0.0.1", "address to listen on")
	var hosts []string
	fs.Func("allow-host", "also answer requests for the host `NAME` (repeatable), such as a name of this machine on the network; "+
		"other names are refused, so that no web page can read the preview by DNS rebinding", func(s string) error {
		hosts = append(hosts, s)
		return nil
	})
	port := fs.Int("port", 1313, "port to listen on; 0 picks a free one")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "kettudocs serve: --port %d: want 1 to 65535, or 0 for a free one\n", *port)
		return exitUsage
	}
	// The preview is served at the root, whatever base URL the site's
	// settings give for hosting; 404.html links through it.
	f.baseURL = "/"
	if st, err := os.Stat(f.contentDir()); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "kettudocs: no content folder %s (use --source to name the site folder)\n", f.contentDir())
		return exitUsage
	}
	p, err := startPreview(ctx, previewConfig{
		site:   f,
		addr:   net.JoinHostPort(*bind, strconv.Itoa(*port)),
		hosts:  hosts,
		quiet:  quiet,
		stdout: stdout,
		stderr: stderr,
	})
	if err != nil {
		fmt.Fprintln(stderr, "kettudocs:", err)
		return exitProblems
	}
	fmt.Fprintf(stdout, "kettudocs: serving %s at %s (Ctrl-C to stop)\n", f.source, p.url)
	if err := p.wait(); err != nil {
		fmt.Fprintln(stderr, "kettudocs:", err)
		return exitProblems
	}
	return exitOK
}

// previewConfig says what a preview serves, where, and where it reports.
type previewConfig struct {
	site           *siteFlags
	addr           string        // host:port to listen on; port 0 picks a free one
	hosts          []string      // names the server answers to besides its own (see hostGuard)
	quiet          time.Duration // see the constant quiet
	stdout, stderr io.Writer
}

// preview is a running kettudocs serve: the site held in memory
// (builder.Live), a server rendering its pages as they are asked for, and
// one goroutine that updates it as its files change. Only that goroutine
// changes b, next and warned; the server reads shown and good under mu.
type preview struct {
	previewConfig
	url  string // where the site is served, http://host:port/
	hub  reload.Hub
	done chan error // receives the outcome once all is shut down

	b       *builder.Builder // the builder of the site's theme and settings, nil until one loads
	bProbs  diag.List        // while the theme or settings are broken, their problems
	next    *builder.Live    // the site as its files are, problems or not
	pending []string         // content changes the next update must apply
	w       *watch.Watcher   // the site's files, and the codes spec's folder when elsewhere
	spec    string           // the codes spec kettudocs.yaml names, outside codes/; "" for none
	gitLog  string           // the git HEAD log of the site's repository, or "" (see watchGit)
	warned  map[string]bool  // the warnings printed after the last update
	vers    *previewVersions // the site's other versions, with versions in kettudocs.yaml

	mu     sync.Mutex
	ready  chan struct{}    // closed once the first load is done, good or not
	shown  *builder.Live    // the site as last loaded, problems or not: what is served
	olds   *previewVersions // the other versions served beside it
	good   *builder.Live    // the last site without errors, for pages shown lacks (see builder.Live.Lost)
	failed diag.List        // while nothing was loaded, what is wrong
}

// startPreview loads the site, serves it on cfg.addr and watches it for
// changes until ctx is done; then it shuts down, and wait returns. The
// server answers at once; pages wait for the first load. A first load
// that fails does not stop it: the pages say what is wrong until the
// site is fixed.
func startPreview(ctx context.Context, cfg previewConfig) (*preview, error) {
	p := &preview{previewConfig: cfg, ready: make(chan struct{}), done: make(chan error, 1)}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		if addrInUse(err) {
			err = fmt.Errorf("%w (is kettudocs serve running already? Pick another port with --port)", err)
		}
		return nil, err
	}
	// Watch before the first load, so that nothing saved during it is
	// missed.
	w, err := watch.New(cfg.site.source, unwatched)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("watching %s: %w", cfg.site.source, err)
	}
	p.url = "http://" + ln.Addr().String() + "/"
	p.w = w
	p.watchGit()

	srv := &http.Server{Handler: newHostGuard(cfg.addr, cfg.hosts, p.handler()), ReadHeaderTimeout: 10 * time.Second}
	// Shutdown waits for connections to go idle, which event streams never
	// do by themselves.
	srv.RegisterOnShutdown(p.hub.Close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	loopCtx, stopLoop := context.WithCancel(ctx)
	looped := make(chan struct{})
	go func() {
		defer close(looped)
		p.update(loopCtx, nil, "loaded")
		close(p.ready)
		p.loop(loopCtx, w)
	}()

	go func() {
		var err error
		select {
		case <-ctx.Done():
		case err = <-served:
		}
		stopLoop()
		shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if serr := srv.Shutdown(shutCtx); serr != nil {
			srv.Close()
		}
		w.Close()
		<-looped
		p.done <- err
	}()
	return p, nil
}

// wait waits for the preview to shut down and returns why it did, if not
// because its context ended.
func (p *preview) wait() error { return <-p.done }

// unwatched reports whether a path below the site folder is not one the
// site is built from. codes/ holds the default codes spec, read at every
// build, and its generated Go file, which the build verifies.
func unwatched(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	return top != "content" && top != "layouts" && top != "static" && top != "codes" && rel != configFile
}

// watchGit watches the HEAD log of the site's repository: the pages'
// "last updated" dates change with a commit or a checkout, which changes
// no file of the site.
func (p *preview) watchGit() {
	dir := gitLogDir(p.site.source)
	if dir == "" || p.w.Extra("git", dir, func(name string) bool { return name == "HEAD" }) != nil {
		return // not a repository, or no commit yet: no dates to go stale
	}
	p.gitLog = filepath.Join(dir, "HEAD")
}

// watchSpec watches the folder of the codes spec kettudocs.yaml names
// when it is not in codes/, which the site's watching covers: in another
// folder of the site, or outside it, as the spec of an API server's
// repository. Its edits then check the docs again, as they do in codes/.
func (p *preview) watchSpec() {
	conf, err := loadConfig(p.site.source)
	if err != nil {
		return // the settings' problems are newBuilder's to report; keep watching what was
	}
	spec := specFile(p.site.source, conf)
	if rel, err := filepath.Rel(filepath.Join(p.site.source, "codes"), spec); err == nil && filepath.IsLocal(rel) {
		spec = ""
	}
	dir := ""
	if spec != "" {
		dir = filepath.Dir(spec)
	}
	if err := p.w.Extra("spec", dir, func(name string) bool { return specChange(spec, name) }); err != nil {
		// A spec in a missing folder: newBuilder reports the spec.
		spec = ""
	}
	p.spec = spec
}

// specChange reports whether a change to the file name in the folder of
// spec concerns the spec: the spec itself or a Go file beside it, such as
// the one generated from it, which the build verifies.
func specChange(spec, name string) bool {
	return name == filepath.Base(spec) || strings.HasSuffix(name, ".go")
}

// loop updates the site after every batch of changes. Changes that arrive
// during an update wait for it and then go in one batch: a burst of saves
// (a formatter, a git checkout) costs an update or two, never one per
// file.
func (p *preview) loop(ctx context.Context, w *watch.Watcher) {
	batches := watch.Batch(ctx, w.Events(), p.quiet, nil)
	errs := w.Errors()
	for {
		select {
		case batch, ok := <-batches:
			if !ok {
				return
			}
			p.update(ctx, batch, "updated")
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			fmt.Fprintln(p.stderr, "kettudocs: watching:", err)
		}
	}
}

// update applies a batch of changes (nil: load everything) to the site,
// tells the pages and prints the outcome. A change to the theme or the
// site's settings makes a new builder; one to the content only updates
// the pages it concerns.
func (p *preview) update(ctx context.Context, batch []watch.Event, verb string) {
	start := time.Now()
	theme, cssOnly := batch == nil, batch != nil
	for _, e := range batch {
		rel, err := filepath.Rel(p.site.source, e.Path)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		if p.gitLog != "" && e.Path == p.gitLog {
			// A commit or a checkout: the dates are read again with a
			// new builder.
			theme, cssOnly = true, false
			continue
		}
		if p.spec != "" && filepath.Dir(e.Path) == filepath.Dir(p.spec) && specChange(p.spec, filepath.Base(e.Path)) {
			// The spec, or the Go file generated from it: read again
			// with the settings, by a new builder.
			theme, cssOnly = true, false
			continue
		}
		if name, ok := strings.CutPrefix(rel, "content/"); ok {
			p.pending = append(p.pending, name)
			cssOnly = false
			continue
		}
		if rel == "content" {
			p.pending = append(p.pending, ".")
			cssOnly = false
			continue
		}
		theme = true
		if !strings.HasPrefix(rel, "static/") || path.Ext(rel) != ".css" {
			cssOnly = false
		}
	}
	old := p.b
	if theme {
		p.watchSpec()
		p.loadVersions(ctx)
		var tweak func(*builder.Config)
		if v := p.vers; v != nil && v.set != nil {
			tweak = v.set.tweakCurrent
		}
		b, err := newBuilderWith(p.site, tweak)
		if err != nil {
			p.bProbs = problemsOf(err) // placed by newBuilder
		} else {
			p.b, p.bProbs = b, nil
		}
	}
	if p.b == nil { // no theme and settings yet to go on with
		p.report(ctx, p.bProbs)
		return
	}

	var err error
	switch {
	case p.next == nil:
		p.next, err = p.b.Live(ctx)
		p.pending = nil
	case len(p.pending) > 0 || p.b != old:
		p.next, err = p.next.Update(ctx, p.b, p.pending)
		p.pending = nil
	}
	if err != nil {
		if ctx.Err() == nil {
			p.report(ctx, problemsOf(err))
		}
		p.next = nil // start again from the files next time
		return
	}
	// The site is shown as it is, problems or not: a writer sees each
	// save at once, and a broken link on one page does not hold back
	// the others.
	problems := append(slices.Clip(p.bProbs), placeList(p.next.Problems(), p.site.contentDir())...)
	if p.vers != nil {
		problems = append(problems, p.vers.problems...)
		problems.Sort()
	}
	p.mu.Lock()
	prev := p.shown
	p.shown, p.failed = p.next, nil
	p.olds = p.vers
	if !problems.HasErrors() {
		p.good = p.next
	}
	p.mu.Unlock()
	var swaps map[string]string
	if cssOnly && prev != nil {
		swaps = stylesheets(prev.Assets(), p.next.Assets())
	}
	if swaps != nil {
		p.hub.Swap(swaps)
	} else {
		p.hub.Reload()
	}
	if len(problems) > 0 {
		// Shown over the pages until the next update.
		p.hub.Problems(problems)
	}
	p.print(problems)
	if !p.site.quiet {
		fmt.Fprintf(p.stdout, "%s in %v%s\n", verb, time.Since(start).Round(time.Millisecond), problemCount(problems))
	}
}

// print prints the problems of an update: its errors, each time, since
// they are what the writer must fix before the site can be built; and the
// warnings not printed after the last update, so that a warning on one
// page is not printed again at every save of another.
func (p *preview) print(problems diag.List) {
	errs, _ := problems.Count()
	if errs > 0 {
		fmt.Fprintf(p.stderr, "%s; kettudocs build would fail:\n", plural(errs, "problem"))
	}
	warned := make(map[string]bool)
	var warnings []string
	for _, pr := range problems {
		if pr.Severity != diag.Warning {
			fmt.Fprintln(p.stderr, pr)
			continue
		}
		w := pr.String()
		if !p.warned[w] {
			warnings = append(warnings, w)
		}
		warned[w] = true
	}
	for _, w := range warnings {
		fmt.Fprintln(p.stderr, w)
	}
	p.warned = warned
}

// problemCount says how many problems and warnings the site has, after
// the time of an update.
func problemCount(l diag.List) string {
	if errs, _ := l.Count(); errs == 0 {
		return warningCount(l)
	}
	return "; " + counts(l)
}

// counts says how many problems, and warnings if any, l has: "2 problems,
// 1 warning".
func counts(l diag.List) string {
	errs, warns := l.Count()
	s := plural(errs, "problem")
	if warns > 0 {
		s += ", " + plural(warns, "warning")
	}
	return s
}

// report shows the problems of an update that could not load the site:
// in the terminal, over every open page, and on the page served while
// nothing was loaded.
func (p *preview) report(ctx context.Context, problems diag.List) {
	if ctx.Err() != nil {
		return // shutting down: nobody is waiting for this
	}
	p.mu.Lock()
	if p.shown == nil {
		p.failed = problems
	}
	p.mu.Unlock()
	p.hub.Problems(problems)
	if len(problems) == 1 && problems[0].Pos.File == "" {
		fmt.Fprintln(p.stderr, "build failed:", problems[0].Msg)
		return
	}
	fmt.Fprintf(p.stderr, "build failed: %s\n", counts(problems))
	for _, pr := range problems {
		fmt.Fprintln(p.stderr, pr)
	}
}

// stylesheets returns the stylesheets to swap when the assets (by plain
// name, the output file) differ from prev to next only in stylesheets: by
// output file in prev, the one in next. Otherwise, or when nothing
// differs, it returns nil.
func stylesheets(prev, next map[string]string) map[string]string {
	if len(prev) != len(next) {
		return nil
	}
	swaps := make(map[string]string)
	for name, was := range prev {
		is, ok := next[name]
		switch {
		case !ok:
			return nil
		case was == is:
		case path.Ext(name) != ".css":
			return nil
		default:
			swaps[was] = is
		}
	}
	if len(swaps) == 0 {
		return nil
	}
	return swaps
}

// problemsOf returns what a failed build reports: its problems, placed
// (see place), or any other error as one problem without a place.
func problemsOf(err error) diag.List {
	var list diag.List
	if !errors.As(err, &list) {
		return diag.List{{Msg: err.Error()}}
	}
	return list
}

// handler serves the hub below reload.Prefix and the site everywhere else,
// with the reload script in every page. Pages must show the latest site
// when they reload: nothing is cached but files whose names change with
// their contents.
func (p *preview) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(reload.Prefix, &p.hub)
	mux.Handle("/", reload.Inject(http.HandlerFunc(p.serveSite)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hashed.MatchString(r.URL.Path) {
			w.Header().Set("Cache-Control", "max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-store")
		}
		mux.ServeHTTP(w, r)
	})
}

// hashed matches the names of files named after their contents (theme
// assets, the search index), which a reload need not fetch again.
var hashed = regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)$`)

// serveSite serves the files of the site as last loaded, and 404.html
// for those it does not have. A page that could not be loaded is served
// in its last good version, or says why not; so are all pages until the
// site has loaded once.
func (p *preview) serveSite(w http.ResponseWriter, r *http.Request) {
	select {
	case <-p.ready:
	case <-r.Context().Done():
		return
	}
	p.mu.Lock()
	site, good, failed, olds := p.shown, p.good, p.failed, p.olds
	p.mu.Unlock()
	if site == nil {
		if ext := path.Ext(r.URL.Path); ext == "" || ext == ".html" {
			p.serveFailed(w, failed)
			return
		}
		http.NotFound(w, r)
		return
	}
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") && name != "" {
		name += "/"
	}
	if old, rest := olds.at(name); old != nil {
		// Another version, as loaded from git: it has no last good
		// version of its own to fall back on.
		site, good, name = old, nil, rest
	}
	switch {
	case name == "" || strings.HasSuffix(name, "/"):
		name += "index.html"
	case path.Base(name) == "index.html":
		// As http.FileServer does: one URL for each page.
		http.Redirect(w, r, "./", http.StatusMovedPermanently)
		return
	}
	data, err := site.Open(name)
	if err != nil {
		if lost := site.Lost(name); lost != "" {
			if good == nil {
				p.serveFailed(w, placeList(site.Problems(), p.site.contentDir()))
				return
			}
			data, err = good.Open(name)
		}
	}
	if errors.Is(err, fs.ErrNotExist) && !strings.HasSuffix(name, "/index.html") && name != "index.html" {
		if _, derr := site.Open(name + "/index.html"); derr == nil {
			http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
			return
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		page, err := site.Open("404.html")
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(page)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType(name))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// serveFailed serves the page that lists problems (placed) in place of a
// page that could not be loaded.
func (p *preview) serveFailed(w http.ResponseWriter, problems diag.List) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	failedPage.Execute(w, problems)
}

// contentType is the type a file of the site is served with: by its
// extension, text/markdown for the pages' index.md, and
// application/octet-stream for a file of no known type, which would
// otherwise be typed by sniffing its first bytes, as HTML if it looks so.
func contentType(name string) string {
	ext := path.Ext(name)
	if ext == ".md" {
		return "text/markdown; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// failedPage is served while no build has succeeded. The reload script
// keeps its list up to date and reloads it once the site builds.
var failedPage = template.Must(template.New("failed").Parse(`<!DOCTYPE html>
<html lang="en" data-kettudocs-failed>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Page not loaded · kettudocs</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
li { margin: .5rem 0; }
.hint { opacity: .8; }
</style>
</head>
<body>
<main>
<h1>Page not loaded</h1>
<p>This page could not be loaded. Fix these problems and save: this page reloads by itself once it loads.</p>
<div id="kettudocs-problems">
<ol>
{{- range .}}
<li>{{if .Pos.File}}<code>{{.Pos}}</code>: {{end}}{{.Msg}}{{with .Hint}}<div class="hint">hint: {{.}}</div>{{end}}</li>
{{- end}}
</ol>
</div>
</main>
</body>
</html>
`))

// previewVersions are the versions of a site as its preview shows them:
// the current one from the work tree, as the preview always does, with
// the version menu and the codes changelog; the old ones loaded from git
// at the preview's start, and again when their refs or the settings
// change, and served in their folders.
type previewVersions struct {
	set      *versionSet // nil when the versions could not be found
	key      string      // what the old versions were loaded from
	olds     []previewVersion
	problems diag.List // the old versions', placed as builds place them
}

// A previewVersion is an old version served beside the current one.
type previewVersion struct {
	path string // its folder in the site: "v9/"
	live *builder.Live
}

// at returns the old version whose folder holds name, a path of the
// site, and the path in that version; nil when none does.
func (pv *previewVersions) at(name string) (*builder.Live, string) {
	if pv == nil {
		return nil, ""
	}
	for _, o := range pv.olds {
		if rest, ok := strings.CutPrefix(name, o.path); ok || name+"/" == o.path {
			return o.live, rest
		}
	}
	return nil, ""
}

// loadVersions loads the site's old versions from git, when
// kettudocs.yaml lists versions and what they are loaded from changed
// since the last time.
func (p *preview) loadVersions(ctx context.Context) {
	conf, err := loadConfig(p.site.source)
	if err != nil || len(conf.Versions) == 0 {
		p.vers = nil // the settings' problems are newBuilder's to report
		return
	}
	set, err := newVersionSet(ctx, p.site, conf)
	if err != nil {
		p.vers = &previewVersions{problems: problemsOf(err)}
		return
	}
	set.snapshot = true
	// The current version's pages, which the old ones' menus link to,
	// by the names of its Markdown files.
	cur := set.all[set.current].Pages
	fs.WalkDir(os.DirFS(p.site.contentDir()), ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(name) == ".md" {
			u, _ := siteurl.Page(name)
			cur[u] = true
		}
		return nil
	})
	var key strings.Builder
	for _, v := range set.vs {
		if v.git != nil {
			key.WriteString(set.key(v))
		}
	}
	key.WriteString(strings.Join(pagesOf(set.all[set.current]), "\n"))
	if p.vers != nil && p.vers.set != nil && p.vers.key == key.String() {
		return
	}
	pv := &previewVersions{set: set, key: key.String()}
	for _, v := range set.vs {
		if v.git == nil {
			continue
		}
		b, err := set.builder(ctx, v)
		if b == nil {
			if err != nil {
				set.problems = append(set.problems, problemsOf(err)...)
			}
			continue
		}
		l, err := b.Live(ctx)
		if err != nil {
			set.problems = append(set.problems, problemsOf(err)...)
			continue
		}
		set.loadedAs(v, l.Pages(), l.Rows())
		pv.problems = append(pv.problems, placeList(l.Problems(), v.place)...)
		pv.olds = append(pv.olds, previewVersion{path: set.all[v.index].Path, live: l})
	}
	pv.problems = append(pv.problems, set.problems...)
	p.vers = pv
}
