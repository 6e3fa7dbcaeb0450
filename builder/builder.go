package builder

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"golang.org/x/sync/errgroup"

	"github.com/kettu/kettudocs/builder/assets"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
	"github.com/kettu/kettudocs/builder/layout"
	"github.com/kettu/kettudocs/builder/output"
	"github.com/kettu/kettudocs/builder/sanitize"
	"github.com/kettu/kettudocs/builder/search"
	"github.com/kettu/kettudocs/builder/sitefs"
)

// Config says what to build and where.
type Config struct {
	// Content holds the Markdown pages and the files they use (images,
	// downloads), which are copied as they are. Use SiteFS for a folder,
	// so that no symbolic link publishes a file from outside the site.
	Content fs.FS
	// Theme holds layouts/*.html and static/**. Use Overlay to lay a
	// site's own folders (a SiteFS) over a default theme.
	Theme fs.FS
	// Dest is the output folder. Build writes the site into it only when
	// the build succeeds, and never removes or overwrites files it did not
	// write; see the package doc, section Output.
	Dest string
	// BaseURL is where the site is served, e.g. "https://example.com/docs/".
	// Pages link to each other relatively, so any sub-path works; the base
	// URL is needed for sitemap.xml, canonical links and 404.html, which is
	// served at arbitrary paths. Empty means "/".
	BaseURL string
	// Title is the site title. Empty means the home page's title, or
	// "Documentation" for a site without a home page.
	Title string
	// Codes, when set, is the registry code tables, JSON examples and code
	// mentions are checked against; see package drift.
	Codes *drift.Registry
	// Drafts includes pages whose front matter says draft: true.
	Drafts bool
	// UnsafeHTML renders raw HTML and link URLs as written. By default
	// they are sanitized: script, event handlers, javascript: URLs and the
	// like are removed, each with a warning. See the package doc, section
	// "Raw HTML".
	UnsafeHTML bool
	// EditURL, when set, is where a page's source is edited, e.g.
	// "https://github.com/kettu/docs/edit/main/content/": each page links
	// to it followed by its path below Content (PageData.EditURL).
	EditURL string
	// Brand is the site's own look on the theme's: a logo, an icon, an
	// accent colour, stylesheets and scripts. Its files must be static
	// files of Theme, and Accent a CSS colour (see BrandError).
	Brand layout.Brand
	// Updated, when set, returns when each file of Content last changed,
	// keyed by its path in Content. A build calls it once, and pages show
	// their date (PageData.Updated); gitdates.Dates reads them from git.
	Updated func(context.Context) map[string]time.Time
	// PageTimeout is the most time parsing and checking one page may
	// take; a page that takes longer is a problem, and its work is
	// abandoned. 0 means DefaultPageTimeout, a negative value no limit.
	// Some Markdown costs goldmark time that grows with the square of its
	// size (400 kB of "[a](" took 30 s): one page of a pull request must
	// not hold a build, or a preview, for minutes.
	PageTimeout time.Duration
	// Cache, when set, is the folder of the build cache: what the first
	// pass made of each page, for the next build to take instead of
	// parsing the page again when nothing it depends on changed. It is
	// safe to delete at any time; a damaged cache, or one of another
	// kettudocs, configuration, theme or codes spec, is not used (see
	// Result.CacheWarning). Check does not use it. With it, a Build
	// that finds nothing changed since the last one, and Dest as that
	// build left it, writes nothing (Result.UpToDate; see settled.go).
	Cache string
	// Versions lists every version of the site in the order of the
	// version menu, when versions are published side by side, each
	// built by a Builder of its own (see Version); Version is the index
	// of the one this Builder builds. Nil for a site of one version.
	Versions []Version
	Version  int
	// Changelog is the URL of a page of the latest version that lists
	// what changed between versions ("codes-changelog/"), which the
	// version menu of every version links to; "" for none.
	Changelog string
	// Made lists pages the build makes, by name in the content
	// ("codes-changelog.md"), as if Content held them: once every page of
	// Content is parsed, each func is called with the id of every code
	// row of the site and the file of the page that has it
	// ("close-4004" → "gateway.md", the first by name), and returns the
	// page's Markdown, which is checked and published like the others.
	// Pages may link to them.
	Made map[string]func(rows map[string]string) ([]byte, error)
}

// Limits of a page, so that no page of a pull request can take a build's
// memory or time (a 6 MB table took 2 GB).
const (
	// MaxPageSize is the largest Markdown file that is read as a page.
	MaxPageSize = 2 << 20
	// DefaultPageTimeout is the default of Config.PageTimeout.
	DefaultPageTimeout = 10 * time.Second
)

// Builder builds one site. It is safe to call Build and Check repeatedly,
// e.g. from a file watcher, but not concurrently.
type Builder struct {
	cfg     Config
	md      goldmark.Markdown
	checker *drift.Checker
	clean   *sanitize.Sanitizer // nil with UnsafeHTML
	layouts *template.Template
	assets  []assets.File
	names   map[string]string

	// bufs holds the *bytes.Buffer pages are rendered into, reused from
	// page to page: growing a fresh buffer for every page was a sixth of
	// what a build allocated.
	bufs sync.Pool
	// exts holds the *[]byte a page's search extract is encoded into for
	// the build cache, likewise.
	exts sync.Pool
}

// Result describes a successful build.
type Result struct {
	Pages    int           // HTML pages written, 404.html included
	Files    int           // every file of the site
	Duration time.Duration // from the start of Build until the new files are in Dest
	Written  []string      // slash paths of the site's files, sorted
	// Unchanged is how many of them Dest had already, byte for byte, from
	// the last build: those are left as they are (see output.Folder).
	Unchanged int
	// Dropped warns of each page the last build into Dest published and
	// this one does not: links to it from elsewhere break. It is not in
	// Warnings, which are the site's own, the same whatever Dest holds.
	Dropped  diag.List
	Warnings diag.List // what the build changed to make safe (diag.Warning), sorted
	// Cached is how many pages came from the build cache (Config.Cache)
	// rather than being parsed.
	Cached int
	// Rendered is how many pages the build rendered through their
	// layout; with the build cache, the others' files were kept as the
	// last build wrote them.
	Rendered int
	// Indexed is how many pages' search entries the build put into the
	// search index anew: every page's, or, with the build cache, those
	// of the pages changed since the last build when it could make the
	// index from the last one's; 0 when the index was kept as it was.
	Indexed int
	// UpToDate says that nothing changed since the last build into Dest,
	// which holds what that build left: Build read no page and wrote
	// nothing, and the rest of the result is that build's.
	UpToDate bool
	// CacheWarning says why the build cache could not be read or written,
	// or was damaged; the build did without it, as a build without a
	// cache does.
	CacheWarning error
}

func (r *Result) String() string {
	unchanged := ""
	if r.Unchanged > 0 {
		unchanged = fmt.Sprintf(" (%d unchanged)", r.Unchanged)
	}
	if r.UpToDate {
		return fmt.Sprintf("built %d pages, %d files (up to date: nothing changed since the last build) in %v", r.Pages, r.Files, r.Duration.Round(time.Millisecond))
	}
	cached := ""
	if r.Cached > 0 {
		cached = fmt.Sprintf(", %d pages from the cache, %d rendered, %d indexed", r.Cached, r.Rendered, r.Indexed)
	}
	return fmt.Sprintf("built %d pages, %d files%s%s in %v", r.Pages, r.Files, unchanged, cached, r.Duration.Round(time.Millisecond))
}

// New checks cfg, loads the theme and prepares the code checker.
func New(cfg Config) (*Builder, error) {
	if cfg.Content == nil {
		return nil, errors.New("builder: no content")
	}
	if cfg.Theme == nil {
		return nil, errors.New("builder: no theme")
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme == "") != (u.Host == "") || (u.Scheme == "" && !strings.HasPrefix(u.Path, "/")) {
			return nil, &BaseURLError{URL: cfg.BaseURL}
		}
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
	}
	if cfg.EditURL != "" {
		u, err := checkEditURL(cfg.EditURL)
		if err != nil {
			return nil, err
		}
		cfg.EditURL = u
	}
	b := &Builder{cfg: cfg, md: newMarkdown(cfg.UnsafeHTML)}
	if !cfg.UnsafeHTML {
		b.clean = sanitize.New()
	}
	b.bufs.New = func() any { return new(bytes.Buffer) }
	b.exts.New = func() any { return new([]byte) }
	if cfg.Codes != nil {
		c, err := drift.New(*cfg.Codes)
		if err != nil {
			return nil, fmt.Errorf("code registry: %w", err)
		}
		b.checker = c
	}
	var err error
	if b.layouts, err = layout.Load(cfg.Theme); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if b.assets, b.names, err = assets.Load(cfg.Theme); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if err := b.checkBrand(); err != nil {
		return nil, err
	}
	if err := checkVersions(cfg.Versions, cfg.Version); err != nil {
		return nil, err
	}
	return b, nil
}

// Check parses every page and reports all problems — drift between code
// tables and the registry, broken links, bad front matter — without
// writing anything. Problems with Severity diag.Warning, such as raw HTML
// the build would sanitize, do not fail a build; problems.Err() is nil
// when there are only those.
func (b *Builder) Check(ctx context.Context) (diag.List, error) {
	_, problems, err := b.load(ctx, nil, nil, nil)
	return problems, err
}

// Build checks the site and, when there are no problems, writes it to
// Dest. Problems are returned as a diag.List error, all at once, and leave
// Dest untouched; a Dest holding files the build would overwrite but did
// not write fails it with a *ConflictError. Warnings alone do not fail the
// build: they are in Result.Warnings, and in the diag.List of a failed
// build with its errors.
//
// A build holds no page's tree or HTML longer than it works on the page:
// the first pass parses, checks and renders each page's content, keeps
// what other pages need of it (title, headings, ids, links, search
// entries) and spills the HTML to a scratch file; the second puts each
// page into its layout with its navigation. Memory grows with what the
// pages say about themselves, not with their HTML.
//
// Build is Load, Stage and Commit in one.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	start := time.Now()
	var pre *prepared
	if b.cfg.Cache != "" && len(b.cfg.Versions) == 0 && len(b.cfg.Made) == 0 {
		var res *Result
		var err error
		if pre, res, err = b.upToDate(ctx, start); err != nil || res != nil {
			return res, err
		}
	}
	// The output folder is opened, its manifest read, while the site
	// loads: a tenth of a rebuild that changed nothing, on a big site.
	type opened struct {
		out *output.Folder
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		out, err := output.Open(b.cfg.Dest)
		ch <- opened{out, err}
	}()
	l, err := b.loadPrepared(ctx, start, pre)
	o := <-ch
	if err != nil {
		if o.out != nil {
			o.out.Abort()
		}
		return nil, err
	}
	defer l.Close()
	if o.err != nil {
		return nil, o.err
	}
	if err := l.stage(ctx, o.out); err != nil {
		return nil, err
	}
	return l.Commit()
}

// A Loaded is a site Load has read, parsed and checked, to be written in
// two steps: Stage writes it beside Dest, Commit moves it in. A caller
// that publishes several sites together, such as the versions of a site
// in folders of one output, loads and stages them all before it commits
// any, so that a problem in one leaves every one as it was. Close it
// when done: it drops what was staged and not committed.
type Loaded struct {
	b      *Builder
	s      *site
	sc     *scratch
	c      *cache
	opened func() *cache  // waits for the cache, nil without one
	out    *output.Folder // staged, not committed
	res    *Result
	start  time.Time
	// inputs, when not zero, is the survey's of the build (see settled),
	// for Commit to keep in the cache with what it leaves in Dest.
	inputs [32]byte
}

// Load reads, parses and checks every page, as Build's first pass does.
// Problems are a diag.List error, all at once; warnings are in
// Warnings.
func (b *Builder) Load(ctx context.Context) (*Loaded, error) {
	return b.loadPrepared(ctx, time.Now(), nil)
}

// loadPrepared is Load, from what upToDate took when pre is not nil.
func (b *Builder) loadPrepared(ctx context.Context, start time.Time, pre *prepared) (*Loaded, error) {
	l := &Loaded{b: b, res: &Result{}, start: start}
	var err error
	if l.sc, err = newScratch(b.cfg.Cache); err != nil {
		return nil, err
	}
	if b.cfg.Cache != "" {
		// Read while the content folder is walked: on a big site, reading
		// the cache's index is a good part of a rebuild.
		done := make(chan struct{})
		var c *cache
		go func() {
			defer close(done)
			var key [32]byte
			var err error
			if pre != nil {
				key, err = pre.key, pre.keyErr
			} else {
				key, err = b.cacheKey()
			}
			if err != nil {
				l.res.CacheWarning = err
				return
			}
			c = openCache(b.cfg.Cache, key)
			if c.ignored != nil {
				l.res.CacheWarning = fmt.Errorf("build cache %s not used: %w", b.cfg.Cache, c.ignored)
			}
		}()
		l.opened = func() *cache { <-done; return c }
	}
	var sv *survey
	if pre != nil {
		sv = pre.sv
		l.inputs = sv.inputs
	}
	s, problems, err := b.load(ctx, l.sc, l.opened, sv)
	if err != nil {
		l.Close()
		return nil, err
	}
	if l.opened != nil {
		l.c = l.opened()
	}
	if pre != nil && l.res.CacheWarning == nil {
		l.res.CacheWarning = pre.warning
	}
	if problems.HasErrors() {
		l.Close()
		return nil, problems
	}
	l.s, l.res.Warnings = s, problems
	return l, nil
}

// Warnings returns what the build changes to make safe (diag.Warning),
// sorted: problems that do not stop it.
func (l *Loaded) Warnings() diag.List { return l.res.Warnings }

// Pages returns the URLs of the site's pages in reading order ("" for the
// home page, "gateway/"), the pages a Version's Pages lists.
func (l *Loaded) Pages() []string { return urlsOf(l.s.order) }

// urlsOf returns the URLs of pages.
func urlsOf(pages []*page) []string {
	urls := make([]string, len(pages))
	for i, p := range pages {
		urls[i] = p.url
	}
	return urls
}

// Rows returns the id of every code row of the site and the file of the
// page that has it ("close-4004" → "gateway.md"): the first in reading
// order, when two pages show the same table.
func (l *Loaded) Rows() map[string]string { return rowsOf(l.s.order) }

// rowsOf returns the rows of pages, as Loaded.Rows does: the first of
// pages that has a row has it.
func rowsOf(pages []*page) map[string]string {
	rows := map[string]string{}
	for _, p := range pages {
		for _, id := range p.rows {
			if _, ok := rows[id]; !ok {
				rows[id] = p.file
			}
		}
	}
	return rows
}

// Stage renders every page into its layout and writes the site into a
// staging folder of Dest (see output.Folder), leaving what readers see
// as it was until Commit. After an error, Dest is as it was.
func (l *Loaded) Stage(ctx context.Context) error {
	if l.out != nil {
		return errors.New("builder: staged twice")
	}
	out, err := output.Open(l.b.cfg.Dest)
	if err != nil {
		return err
	}
	return l.stage(ctx, out)
}

// stage is Stage into out, just opened.
func (l *Loaded) stage(ctx context.Context, out *output.Folder) error {
	if err := l.b.write(ctx, l.s, l.sc, l.c, out, l.res); err != nil {
		out.Abort()
		return err
	}
	if err := ctx.Err(); err != nil {
		out.Abort() // stopped while writing: a signal must not publish
		return err
	}
	l.out = out
	return nil
}

// Commit moves the staged site into Dest and saves the build cache.
func (l *Loaded) Commit() (*Result, error) {
	out, res := l.out, l.res
	if out == nil {
		return nil, errors.New("builder: nothing staged to commit")
	}
	res.Unchanged = out.Unchanged()
	res.Dropped = dropped(out.Dropped())
	l.out = nil
	// The cache is saved while the output is committed: what it says of
	// the output (the hashes of kept files) is checked against the
	// output's manifest before it is trusted, so a cache ahead of an
	// output whose commit failed costs a rebuild of those files only.
	saved := make(chan error, 1)
	c := l.c
	if c != nil {
		go func() {
			saved <- c.save(l.s.records(), l.sc, l.s.searchKey, l.s.searchFiles, l.s.searchState, l.s.copied, l.s.listed, l.s.productsKey)
		}()
	}
	err := out.Commit()
	if c != nil {
		err := <-saved
		if res.CacheWarning == nil {
			res.CacheWarning = c.damage
		}
		if err != nil && res.CacheWarning == nil {
			res.CacheWarning = fmt.Errorf("build cache %s not written: %w", l.b.cfg.Cache, err)
		}
		for _, p := range l.s.order {
			if p.cached() {
				res.Cached++
			}
		}
	}
	if err != nil {
		return nil, err
	}
	if c != nil && l.inputs != ([32]byte{}) {
		// What the next Build needs to find that nothing changed.
		dest, err := filepath.Abs(l.b.cfg.Dest)
		if err == nil {
			err = writeSettled(c.dir, c.key, settled{
				Inputs: l.inputs, Dest: dest, Manifest: out.ManifestSum(),
				Pages: res.Pages, Cached: len(l.s.order), Warnings: res.Warnings,
			})
		}
		if err != nil && res.CacheWarning == nil {
			res.CacheWarning = fmt.Errorf("build cache %s not written: %w", l.b.cfg.Cache, err)
		}
	}
	res.Duration = time.Since(l.start)
	return res, nil
}

// Close drops what was staged and not committed, and frees the site's
// scratch file and cache. It may be called more than once.
func (l *Loaded) Close() {
	if l.out != nil {
		l.out.Abort()
		l.out = nil
	}
	if l.opened != nil {
		if c := l.opened(); c != nil {
			c.close()
		}
		l.opened, l.c = nil, nil
	}
	if l.sc != nil {
		l.sc.close()
		l.sc = nil
	}
}

// recheck starts a new round of the site's files (sitefs.Recheck): what
// a build or an update reads is checked again for links that lead out.
func (b *Builder) recheck() {
	sitefs.Recheck(b.cfg.Content)
	sitefs.Recheck(b.cfg.Theme)
}

// load reads, parses and checks every page, renders its content into sc
// when sc is not nil, and checks the links between pages. With a cache
// (only with sc), which opened returns once it is read, pages it holds
// come from it.
func (b *Builder) load(ctx context.Context, sc *scratch, opened func() *cache, sv *survey) (*site, diag.List, error) {
	b.recheck()
	var s *site
	var mdFiles []string
	var problems diag.List
	if sv != nil {
		s, mdFiles, problems = sv.s, sv.mdFiles, slices.Clone(sv.problems)
	} else {
		s = newSite()
		var err error
		if mdFiles, _, problems, err = b.walk(s, "."); err != nil {
			return nil, nil, err
		}
	}
	made, probs := b.madeNames(s)
	problems = append(problems, probs...)
	var c *cache
	if opened != nil {
		c = opened()
	}
	parsed := make([]*page, len(mdFiles))
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	var keep func(*page, []byte, int, int) error
	if sc != nil { // building, not only checking
		keep = func(p *page, out []byte, n, m int) error {
			// One write for the content and the Markdown, and one read
			// (see write).
			c, err := sc.put(out)
			p.content, p.markdown = chunk{c.off, int64(n)}, chunk{c.off + int64(n), int64(m - n)}
			p.searchAt = chunk{c.off + int64(m), c.n - int64(m)}
			return err
		}
	}
	dicts := newDicts()
	forEach(gctx, g, len(mdFiles), func(i int) error {
		p, probs, err := b.loadPage(s, mdFiles[i], dicts, keep, c)
		if err != nil {
			return err
		}
		if c != nil && c.last.SearchState != "" && p != nil && !p.cached() {
			c.readState()
		}
		parsed[i] = p
		if len(probs) > 0 {
			mu.Lock()
			problems = append(problems, probs...)
			mu.Unlock()
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	if len(made) > 0 {
		pages, probs, err := b.makePages(s, made, parsed, dicts, keep)
		if err != nil {
			return nil, nil, err
		}
		parsed = append(parsed, pages...)
		problems = append(problems, probs...)
	}
	if c != nil {
		s.loaded = parsed
	}
	problems = append(problems, b.addPages(s, parsed)...)
	s.index()
	// The check that no two sources make one output file reads other
	// fields of the pages than the checks of links and order: side by
	// side, a tenth of a rebuild that changed nothing is spent on both.
	collided := make(chan diag.List, 1)
	go func() { collided <- b.collisions(s, c) }()
	problems = append(problems, s.orderProblems()...)
	for _, p := range s.pages.All() {
		problems = append(problems, s.checkLinks(p)...)
	}
	if sc != nil {
		for _, p := range parsed {
			if p != nil {
				// Writing the site needs none of these: the less a big
				// site keeps alive, the less the collector has to scan.
				p.links, p.external, p.ids, p.idList, p.deps = nil, nil, nil, nil, nil
			}
		}
	}
	problems = append(problems, <-collided...)
	problems = append(problems, b.versionProblems(s)...)
	problems.Sort()
	return s, problems, nil
}

// leftOut reports whether p is a draft this build leaves out.
func (b *Builder) leftOut(p *page) bool { return p.meta.Draft && !b.cfg.Drafts }

// write renders every page into its layout and copies every file into
// out. With a cache c, a page from it whose HTML would come out as the
// last build wrote it is kept as it is in out, unrendered, and so is the
// search index when no page's extract changed.
func (b *Builder) write(ctx context.Context, s *site, sc *scratch, c *cache, out *output.Folder, res *Result) error {
	updated := s.updated
	if !s.dated {
		updated = b.updatedDates(ctx)
	}
	f := b.frame(s, updated, nil) // one call for the whole site
	var mu sync.Mutex
	// A page's HTML and Markdown, and about a search file a page: grown
	// by appends, the list was copied a dozen times on a big site.
	res.Written = make([]string, 0, 3*len(s.order)+len(s.files)+16)
	written := func(names ...string) {
		mu.Lock()
		res.Written = append(res.Written, names...)
		mu.Unlock()
	}
	render := func(name string, r func(*bytes.Buffer) error) error {
		html := b.bufs.Get().(*bytes.Buffer)
		html.Reset()
		defer b.bufs.Put(html)
		if err := r(html); err != nil {
			return err
		}
		written(name)
		return out.Write(name, html.Bytes())
	}
	var siteK, shellK [32]byte
	if c != nil {
		shellK = shellKey(c.key, s, f, b.versionsKey())
		siteK = siteKey(shellK, s)
		s.copied = make(map[string]copied, len(s.files))
		s.listed = make(map[string]listed, len(s.generated))
	}

	g, gctx := errgroup.WithContext(ctx)
	var indexFiles []extra // the search index's, when made anew
	writeExtra := func(x extra) func() error {
		return func() error {
			data, err := x.make()
			if err != nil {
				return err
			}
			written(x.out)
			return out.Write(x.out, data)
		}
	}
	// The search index is built while the pages are written: pages link
	// it by a name that needs no building (see frame), and building it is
	// the one step of the build that does not run in parallel.
	g.Go(func() error {
		if c != nil {
			s.searchKey = searchKey(c.key, s.order)
		}
		if len(s.order) == 0 {
			return nil // no pages, no index
		}
		var x search.Index
		switch {
		case c == nil:
			x, _ = search.BuildStateFrom(len(s.order), s.takeExtract)
			res.Indexed = len(s.order)
		case s.searchKey == c.last.Search && len(c.last.SearchFiles) > 0 && out.Keep(c.last.SearchFiles):
			s.searchFiles = c.last.SearchFiles
			for name := range s.searchFiles {
				written(name)
			}
			return nil
		default:
			var kept map[string][16]byte
			var changed int
			x, s.searchState, kept, changed = b.updateIndex(s, c, out)
			if s.searchState != nil {
				res.Indexed = changed
				s.searchFiles = kept
				for name := range kept {
					written(name)
				}
				break
			}
			if err := b.cachedExtracts(gctx, s, c); err != nil {
				return err
			}
			x, s.searchState = search.BuildStateFrom(len(s.order), s.takeExtract)
			res.Indexed = len(s.order)
		}
		for _, p := range s.order {
			p.search = nil // an update's extracts, in the index now (BuildStateFrom took the others)
		}
		// A file a page, written by workers of their own: the index is
		// often done last, and one goroutine writing ten thousand files
		// would leave the other processors idle.
		files := s.notReplaced(indexExtras(x))
		forEach(gctx, g, len(files), func(i int) error { return writeExtra(files[i])() })
		indexFiles = files
		return nil
	})
	var tasks []func() error
	chunks := sync.Pool{New: func() any { return new([]byte) }}
	views := sync.Pool{New: func() any { return new([]byte) }} // see viewKey
	var rendered atomic.Int64
	for _, p := range s.order { // every page, once
		tasks = append(tasks, func() error {
			htmlName, mdName := p.url+"index.html", p.url+"index.md"
			if c != nil {
				upd, ver := updated[p.file], b.versionKey(p.url)
				p.render = renderKey(siteK, p, upd, ver)
				keep := p.cached() && p.rec.Render == p.render
				if keep {
					p.view = p.rec.View // the site is as it was: so is what p shows of it
				} else {
					// The site changed, or p: p is kept all the same when
					// what it shows of the site did not (the title of a
					// page in another section).
					mem := views.Get().(*[]byte)
					var k [32]byte
					k, *mem = viewKey(shellK, s, f, p, *mem)
					views.Put(mem)
					p.view = renderKey(k, p, upd, ver)
					keep = p.cached() && p.rec.View == p.view
				}
				if keep && out.Keep(map[string][16]byte{htmlName: p.rec.HTML, mdName: p.rec.MD}) {
					written(htmlName, mdName)
					p.html, p.md, p.written = p.rec.HTML, p.rec.MD, true
					return nil
				}
			}
			rendered.Add(1)
			// The page's content and Markdown are read into memory of
			// the page written before, which the next page gets once
			// both are written: the layout reads the content in place
			// (see renderPage), and the Markdown is written as it is.
			mem := chunks.Get().(*[]byte)
			defer chunks.Put(mem)
			var content, md []byte
			if p.cached() {
				var err error
				if content, md, err = b.cachedContent(s, c, p, *mem); err != nil {
					return err
				}
				*mem = content
			} else {
				// The Markdown follows the content (see load): one read.
				both, err := sc.get(*mem, chunk{p.content.off, p.content.n + p.markdown.n})
				if err != nil {
					return fmt.Errorf("%s: %w", p.file, err)
				}
				*mem = both
				content, md = both[:p.content.n], both[p.content.n:] // md: PAGE/index.md, llms.go
			}
			written(mdName)
			if err := out.Write(mdName, md); err != nil {
				return err
			}
			err := render(htmlName, func(buf *bytes.Buffer) error {
				return b.renderPage(buf, s, f, p, content)
			})
			if err == nil && c != nil {
				var ok1, ok2 bool
				p.html, ok1 = out.Sum(htmlName)
				p.md, ok2 = out.Sum(mdName)
				p.written = ok1 && ok2
			}
			return err
		})
	}
	listings := s.listingPages()
	var listedMu sync.Mutex
	// made writes the file name, which make makes, unless the cache has
	// it under id with key, the hash of what it shows, and the output
	// still has it as the last build wrote it: then it is kept.
	made := func(id, name string, key [32]byte, make func() error) error {
		if c == nil {
			return make()
		}
		if l, ok := c.last.Listings[id]; ok && l.Key == key && out.Keep(map[string][16]byte{name: l.HTML}) {
			written(name)
			listedMu.Lock()
			s.listed[id] = l
			listedMu.Unlock()
			return nil
		}
		if err := make(); err != nil {
			return err
		}
		if h, ok := out.Sum(name); ok {
			listedMu.Lock()
			s.listed[id] = listed{key, h}
			listedMu.Unlock()
		}
		return nil
	}
	for _, u := range listings {
		tasks = append(tasks, func() error {
			name := u + "index.html"
			var key [32]byte
			if c != nil {
				// Kept when nothing it shows changed, as pages are: a big
				// site has hundreds of listing pages.
				key = listingKey(siteK, u, b.versionKey(u))
			}
			return made(u, name, key, func() error {
				return render(name, func(buf *bytes.Buffer) error {
					return b.renderListing(buf, s, f, u)
				})
			})
		})
	}
	var filesMu sync.Mutex
	for name := range s.files {
		tasks = append(tasks, func() error {
			var st stamp
			if c != nil {
				var kept bool
				if st, kept = c.keepFile(s, b.cfg.Content, name, out); kept {
					written(name)
					filesMu.Lock()
					s.copied[name] = c.last.Files[name]
					filesMu.Unlock()
					return nil
				}
			}
			data, err := fs.ReadFile(b.cfg.Content, name)
			if err != nil {
				return diag.List{sitefs.ReadProblem(b.cfg.Content, name, err)}
			}
			written(name)
			if err := out.Write(name, data); err != nil {
				return err
			}
			if c != nil {
				h, _ := out.Sum(name)
				filesMu.Lock()
				s.copied[name] = copied{st, h}
				filesMu.Unlock()
			}
			return nil
		})
	}
	for _, x := range b.extras(s, f) {
		if x.key == nil || c == nil {
			tasks = append(tasks, writeExtra(x))
			continue
		}
		tasks = append(tasks, func() error { return made(x.out, x.out, x.key(c.key), writeExtra(x)) })
	}
	forEach(gctx, g, len(tasks), func(i int) error { return tasks[i]() })
	if err := g.Wait(); err != nil {
		return err
	}
	if c != nil && indexFiles != nil {
		if s.searchFiles == nil {
			s.searchFiles = make(map[string][16]byte, len(indexFiles))
		}
		for _, x := range indexFiles {
			s.searchFiles[x.out], _ = out.Sum(x.out)
		}
	}
	res.Pages = len(s.order) + len(listings) + 1
	res.Rendered = int(rendered.Load())
	sort.Strings(res.Written)
	res.Files = len(res.Written)
	return nil
}

// workers returns how many pages a build works on at once: more than the
// processors, because a page's work is half file system calls (creating a
// folder and a file costs the kernel more than rendering the page), and a
// goroutine waiting in one leaves its processor idle.
func workers() int { return 4 * runtime.GOMAXPROCS(0) }

// forEach calls f with each number below n, on workers() goroutines of g
// that stop at the first error or when ctx is done. A few goroutines that
// each take the next number, rather than one goroutine a page: each new
// goroutine's stack grew again while parsing and rendering its page (3%
// of a big build's time), and the scheduler passed the new goroutines
// between processors.
func forEach(ctx context.Context, g *errgroup.Group, n int, f func(i int) error) {
	var next atomic.Int64
	for range min(workers(), n) {
		g.Go(func() error {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return nil
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				if err := f(i); err != nil {
					return err
				}
			}
		})
	}
}

// BaseURLError is the error of New for a Config.BaseURL that is neither
// an absolute URL nor an absolute path.
type BaseURLError struct{ URL string }

func (e *BaseURLError) Error() string {
	return fmt.Sprintf("base URL %q: want an absolute URL such as https://example.com/docs/ or a path such as /docs/", e.URL)
}
