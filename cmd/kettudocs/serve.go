package main

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"kettudocs/builder"
	"kettudocs/builder/diag"
	"kettudocs/builder/reload"
	"kettudocs/builder/watch"
)

// quiet is how long the site's files must be left alone before a rebuild:
// long enough for an editor's save or a git checkout to end, short enough
// to feel instant.
const quiet = 100 * time.Millisecond

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, f := newFlagSet("serve",
		"Builds the site into a temporary folder (never public/), serves it, and rebuilds\n"+
			"it whenever content/, layouts/, static/ or kettudocs.yaml change; open pages\nreload themselves.\n"+
			"When the site has problems they are listed here and over the pages, which keep\n"+
			"showing the last good build until the problems are fixed. --quiet leaves out\n"+
			"the line printed after each good build.",
		"  kettudocs serve\n  kettudocs serve --source site --drafts\n  kettudocs serve --port 8080\n  kettudocs serve --bind 0.0.0.0   # reachable from other machines\n", stderr)
	bind := fs.String("bind", "127.0.0.1", "address to listen on")
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
	quiet          time.Duration // see the constant quiet
	stdout, stderr io.Writer
}

// preview is a running kettudocs serve: a server for the site in a
// temporary folder, and one goroutine that rebuilds it as its files change.
// The builder is not safe for concurrent builds; only startPreview, before
// the loop starts, and the loop ever build.
type preview struct {
	previewConfig
	url  string // where the site is served, http://host:port/
	tmp  string // the temporary folder, holding the site in dest
	dest string
	hub  reload.Hub
	done chan error // receives the outcome once all is shut down

	mu     sync.Mutex
	built  bool      // dest holds a good build
	failed diag.List // while nothing is built, what is wrong
}

// startPreview builds the site, serves it on cfg.addr and watches it for
// changes until ctx is done; then it shuts down and removes the built site,
// and wait returns. A first build that fails does not stop it: the pages
// say what is wrong until a later build succeeds.
func startPreview(ctx context.Context, cfg previewConfig) (*preview, error) {
	tmp, err := os.MkdirTemp("", "kettudocs-serve-")
	if err != nil {
		return nil, err
	}
	p := &preview{previewConfig: cfg, tmp: tmp, dest: filepath.Join(tmp, "public"), done: make(chan error, 1)}
	p.site.dest = p.dest // never the site's own public/
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		os.RemoveAll(tmp)
		if addrInUse(err) {
			err = fmt.Errorf("%w (is kettudocs serve running already? Pick another port with --port)", err)
		}
		return nil, err
	}
	// Watch before the first build, so that nothing saved during it is
	// missed.
	w, err := watch.New(cfg.site.source, unwatched)
	if err != nil {
		ln.Close()
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("watching %s: %w", cfg.site.source, err)
	}
	p.url = "http://" + ln.Addr().String() + "/"
	p.build(ctx, "built")

	srv := &http.Server{Handler: p.handler(), ReadHeaderTimeout: 10 * time.Second}
	// Shutdown waits for connections to go idle, which event streams never
	// do by themselves.
	srv.RegisterOnShutdown(p.hub.Close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	loopCtx, stopLoop := context.WithCancel(ctx)
	looped := make(chan struct{})
	go func() {
		defer close(looped)
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
		<-looped // no build may still be writing into tmp
		if rerr := os.RemoveAll(tmp); err == nil {
			err = rerr
		}
		p.done <- err
	}()
	return p, nil
}

// wait waits for the preview to shut down and returns why it did, if not
// because its context ended.
func (p *preview) wait() error { return <-p.done }

// unwatched reports whether a path below the site folder is not one the
// site is built from. codes/ is not watched: the registry is compiled in.
func unwatched(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	return top != "content" && top != "layouts" && top != "static" && rel != configFile
}

// loop rebuilds the site after every batch of changes.
func (p *preview) loop(ctx context.Context, w *watch.Watcher) {
	batches := watch.Batch(ctx, w.Events(), p.quiet, nil)
	errs := w.Errors()
	for {
		select {
		case _, ok := <-batches:
			if !ok {
				return
			}
			p.build(ctx, "rebuilt")
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			fmt.Fprintln(p.stderr, "kettudocs: watching:", err)
		}
	}
}

// build builds the site, tells the pages and prints the outcome. Each build
// has a new builder, as builder.New reads the layouts and static files.
func (p *preview) build(ctx context.Context, verb string) {
	start := time.Now()
	b, err := newBuilder(p.site)
	var warnings diag.List
	if err == nil {
		var res *builder.Result
		res, err = b.Build(ctx)
		err = place(err, p.site.contentDir())
		if err == nil {
			warnings = placeList(res.Warnings, p.site.contentDir())
		}
	}
	if ctx.Err() != nil {
		return // shutting down: nobody is waiting for this build
	}
	if err == nil {
		p.mu.Lock()
		p.built, p.failed = true, nil
		p.mu.Unlock()
		p.hub.Reload()
		if len(warnings) > 0 {
			// Shown over the reloaded pages until the next build.
			p.hub.Problems(warnings)
		}
		for _, w := range warnings {
			fmt.Fprintln(p.stderr, w)
		}
		if !p.site.quiet {
			fmt.Fprintf(p.stdout, "%s in %v%s\n", verb, time.Since(start).Round(time.Millisecond), warningCount(warnings))
		}
		return
	}
	problems := problemsOf(err)
	p.mu.Lock()
	p.failed = problems
	p.mu.Unlock()
	p.hub.Problems(problems)
	if len(problems) == 1 && problems[0].Pos.File == "" {
		fmt.Fprintln(p.stderr, "build failed:", problems[0].Msg)
		return
	}
	errs, warns := problems.Count()
	count := plural(errs, "problem")
	if warns > 0 {
		count += ", " + plural(warns, "warning")
	}
	fmt.Fprintf(p.stderr, "build failed: %s\n", count)
	for _, pr := range problems {
		fmt.Fprintln(p.stderr, pr)
	}
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
// with the reload script in every page. Nothing may be cached: a page must
// show the latest build when it reloads.
func (p *preview) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(reload.Prefix, &p.hub)
	mux.Handle("/", reload.Inject(http.HandlerFunc(p.serveSite)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		mux.ServeHTTP(w, r)
	})
}

// serveSite serves the files of the last good build, and 404.html for
// those it does not have. Until a build succeeds, pages say why not.
func (p *preview) serveSite(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	built, failed := p.built, p.failed
	p.mu.Unlock()
	if !built {
		if ext := path.Ext(r.URL.Path); ext == "" || ext == ".html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			failedPage.Execute(w, failed)
			return
		}
		http.NotFound(w, r)
		return
	}
	// Build renames new files into dest, so each file is opened by its
	// path on every request (as http.Dir does), never held open.
	site := http.Dir(p.dest)
	if f, err := site.Open(r.URL.Path); err == nil {
		f.Close()
		http.FileServer(site).ServeHTTP(w, r)
		return
	}
	page, err := os.ReadFile(filepath.Join(p.dest, "404.html"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(page)
}

// failedPage is served while no build has succeeded. The reload script
// keeps its list up to date and reloads it once the site builds.
var failedPage = template.Must(template.New("failed").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Build failed · kettudocs</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
li { margin: .5rem 0; }
.hint { opacity: .8; }
</style>
</head>
<body>
<main>
<h1>Build failed</h1>
<p>The site has not built yet. Fix these problems and save: this page reloads by itself once the site builds.</p>
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
