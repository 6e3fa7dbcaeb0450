package builder

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"golang.org/x/sync/errgroup"

	"kettudocs/builder/diag"
	"kettudocs/builder/drift"
	"kettudocs/builder/search"
)

// Config says what to build and where.
type Config struct {
	// Content holds the Markdown pages and the files they use (images,
	// downloads), which are copied as they are.
	Content fs.FS
	// Theme holds layouts/*.html and static/**. Use Overlay to lay a
	// site's own folders over a default theme.
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
	// EditURL, when set, is where a page's source is edited, e.g.
	// "https://github.com/kettu/docs/edit/main/content/": each page links
	// to it followed by its path below Content (PageData.EditURL).
	EditURL string
	// Updated, when set, returns when each file of Content last changed,
	// keyed by its path in Content. A build calls it once, and pages show
	// their date (PageData.Updated); gitdates.Dates reads them from git.
	Updated func(context.Context) map[string]time.Time
}

// Builder builds one site. It is safe to call Build and Check repeatedly,
// e.g. from a file watcher, but not concurrently.
type Builder struct {
	cfg     Config
	md      goldmark.Markdown
	checker *drift.Checker
	layouts *template.Template
	assets  []asset
	names   map[string]string

	// bufs holds the *bytes.Buffer pages are rendered into, reused from
	// page to page: growing a fresh buffer for every page was a sixth of
	// what a build allocated.
	bufs sync.Pool
}

// Result describes a successful build.
type Result struct {
	Pages    int           // HTML pages written, 404.html included
	Files    int           // every file written
	Duration time.Duration // from the start of Build until the new files are in Dest
	Written  []string      // slash paths of the files written, sorted
}

func (r *Result) String() string {
	return fmt.Sprintf("built %d pages, %d files in %v", r.Pages, r.Files, r.Duration.Round(time.Millisecond))
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
	b := &Builder{cfg: cfg, md: newMarkdown()}
	b.bufs.New = func() any { return new(bytes.Buffer) }
	if cfg.Codes != nil {
		c, err := drift.New(*cfg.Codes)
		if err != nil {
			return nil, fmt.Errorf("code registry: %w", err)
		}
		b.checker = c
	}
	var err error
	if b.layouts, err = loadLayouts(cfg.Theme); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if b.assets, b.names, err = themeAssets(cfg.Theme); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	return b, nil
}

// Check parses every page and reports all problems — drift between code
// tables and the registry, broken links, bad front matter — without
// writing anything.
func (b *Builder) Check(ctx context.Context) (diag.List, error) {
	_, problems, err := b.load(ctx, nil)
	return problems, err
}

// Build checks the site and, when there are no problems, writes it to
// Dest. Problems are returned as a diag.List error, all at once, and leave
// Dest untouched; a Dest holding files the build would overwrite but did
// not write fails it with a *ConflictError.
//
// A build holds no page's tree or HTML longer than it works on the page:
// the first pass parses, checks and renders each page's content, keeps
// what other pages need of it (title, headings, ids, links, search
// entries) and spills the HTML to a scratch file; the second puts each
// page into its layout with its navigation. Memory grows with what the
// pages say about themselves, not with their HTML.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	start := time.Now()
	sc, err := newScratch()
	if err != nil {
		return nil, err
	}
	defer sc.close()
	s, problems, err := b.load(ctx, sc)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, problems
	}
	res := &Result{}
	// Stage into Dest and commit only on success (output.go).
	out, err := openOutput(b.cfg.Dest)
	if err != nil {
		return nil, err
	}
	if err := b.write(ctx, s, sc, out, res); err != nil {
		out.abort()
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		out.abort() // stopped while writing: a signal must not publish
		return nil, err
	}
	if err := out.commit(); err != nil {
		return nil, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// load reads, parses and checks every page, renders its content into sc
// when sc is not nil, and checks the links between pages.
func (b *Builder) load(ctx context.Context, sc *scratch) (*site, diag.List, error) {
	s := &site{
		pages:   make(map[string]*page),
		byURL:   make(map[string]*page),
		files:   make(map[string]bool),
		mdFiles: make(map[string]bool),
		folders: make(map[string]bool),
		dirs:    make(map[string]bool),
	}
	var (
		mdFiles  []string
		mu       sync.Mutex
		problems diag.List
	)
	err := fs.WalkDir(b.cfg.Content, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil && name != "." { // unreadable files are problems
			problems = append(problems, readProblem(b.cfg.Content, name, err))
			return nil
		}
		if err != nil {
			return err
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if path.Ext(name) == ".md" {
			mdFiles = append(mdFiles, name)
			s.mdFiles[name] = true
			if u, index := pageURL(name); index {
				s.folders[u] = true
			}
			dir, _ := path.Split(name)
			for ; dir != ""; dir = parentDir(dir) {
				s.dirs[dir] = true
			}
			s.dirs[""] = true
		} else if _, err := fs.Stat(b.cfg.Content, name); err != nil {
			problems = append(problems, readProblem(b.cfg.Content, name, err))
		} else {
			s.files[name] = true
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading content: %w", err)
	}

	parsed := make([]*page, len(mdFiles))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers())
	for i, name := range mdFiles {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			src, err := fs.ReadFile(b.cfg.Content, name)
			if err != nil { // unreadable pages are problems
				mu.Lock()
				problems = append(problems, readProblem(b.cfg.Content, name, err))
				mu.Unlock()
				return nil
			}
			p, probs := b.parsePage(name, src)
			if !b.leftOut(p) {
				probs = append(probs, s.resolveLinks(p)...)
				if sc != nil { // building, not only checking
					p.search = search.Extract(p.doc, p.src, p.url, p.title)
					html := b.bufs.Get().(*bytes.Buffer)
					html.Reset()
					defer b.bufs.Put(html)
					if err := b.md.Renderer().Render(html, p.src, p.doc); err != nil {
						return fmt.Errorf("%s: rendering: %w", p.file, err)
					}
					if p.content, err = sc.put(html.Bytes()); err != nil {
						return err
					}
				}
			}
			// What later stages need is collected: let the tree and the
			// source go.
			p.doc, p.src, p.lines = nil, nil, nil
			parsed[i] = p
			if len(probs) > 0 {
				mu.Lock()
				problems = append(problems, probs...)
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}

	for _, p := range parsed {
		if p == nil || b.leftOut(p) { // nil: unreadable, a problem already
			continue
		}
		if other, ok := s.byURL[p.url]; ok {
			problems = append(problems, diag.Problem{
				Pos:  diag.Position{File: p.file},
				Msg:  fmt.Sprintf("page URL /%s is also the URL of %s", p.url, other.file),
				Hint: "keep one of _index.md and index.md in a folder, or rename one of the pages",
			})
			continue
		}
		s.pages[p.file] = p
		s.byURL[p.url] = p
	}
	// Links to other pages are checked once every page, and so every
	// section, is known.
	s.index()
	for _, p := range s.pages {
		problems = append(problems, s.checkLinks(p)...)
	}
	if sc != nil {
		// Writing the site needs none of these: the less a big site
		// keeps alive, the less the collector has to scan.
		for _, p := range parsed {
			if p != nil {
				p.links, p.external, p.ids = nil, nil, nil
			}
		}
	}
	problems = append(problems, collisions(b.products(s))...)
	problems.Sort()
	return s, problems, nil
}

// leftOut reports whether p is a draft this build leaves out.
func (b *Builder) leftOut(p *page) bool { return p.meta.Draft && !b.cfg.Drafts }

// write renders every page into its layout and copies every file into out.
func (b *Builder) write(ctx context.Context, s *site, sc *scratch, out *output, res *Result) error {
	nav, order := s.nav, s.order
	assets, names := b.withSearchIndex(order)
	siteData := &SiteData{Title: b.cfg.Title, BaseURL: b.cfg.BaseURL, EditURL: b.cfg.EditURL}
	updated := b.updatedDates(ctx) // one call for the whole site
	if siteData.Title == "" {
		// A site without a home page gets one the build makes; pages
		// still need a title for their <title>.
		siteData.Title = "Documentation"
		if home, ok := s.byURL[""]; ok {
			siteData.Title = home.title
		}
	}
	prevNext := make(map[*page][2]*NavItem, len(order))
	for i, p := range order {
		var pn [2]*NavItem
		if i > 0 {
			pn[0] = navItem(order[i-1])
		}
		if i+1 < len(order) {
			pn[1] = navItem(order[i+1])
		}
		prevNext[p] = pn
	}

	var mu sync.Mutex
	written := func(name string) {
		mu.Lock()
		res.Written = append(res.Written, name)
		mu.Unlock()
	}
	markdown := func(p *page) error { // PAGE/index.md, llms.go
		md, err := b.pageMarkdown(p)
		if err != nil {
			return err
		}
		written(p.url + "index.md")
		return out.write(p.url+"index.md", md)
	}
	render := func(data *PageData, layout string) error {
		html := b.bufs.Get().(*bytes.Buffer)
		html.Reset()
		defer b.bufs.Put(html)
		if err := executeTo(html, b.layouts, layout, data); err != nil {
			return err
		}
		written(data.URL + "index.html")
		return out.write(data.URL+"index.html", html.Bytes())
	}

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers())
	for _, p := range order { // every page, once
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			content, err := sc.get(p.content)
			if err != nil {
				return fmt.Errorf("%s: %w", p.file, err)
			}
			if err := markdown(p); err != nil {
				return err
			}
			pn := prevNext[p]
			return render(&PageData{
				Site:        siteData,
				Title:       p.title,
				Description: p.meta.Description,
				Summary:     p.summary,
				Content:     template.HTML(content),
				HasH1:       p.hasH1,
				URL:         p.url,
				Permalink:   b.permalink(p.url),
				Root:        rootPrefix(p.url),
				TOC:         p.toc,
				Nav:         nav.view(p.url, p.toc, func(u string) string { return relURL(p.url, u) }),
				Listing:     s.listings[p.url],
				Prev:        pn[0],
				Next:        pn[1],
				IsHome:      p.url == "",
				File:        p.file,
				Updated:     updated[p.file],
				assets:      names,
			}, layoutFor(b.layouts, p))
		})
	}
	generated := 0
	for _, u := range s.generated {
		if s.files[u+"index.html"] {
			continue // the site's own file wins, as with 404.html
		}
		generated++
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			l := s.listings[u]
			sec := nav.byURL[strings.TrimSuffix(u, listingSuffix(l.Page))]
			title := sec.Title
			if l.Pages > 1 {
				title = fmt.Sprintf("%s (page %d of %d)", sec.Title, l.Page, l.Pages)
			}
			return render(&PageData{
				Site:      siteData,
				Title:     title,
				URL:       u,
				Permalink: b.permalink(u),
				Root:      rootPrefix(u),
				Nav:       nav.view(sec.URL, nil, func(to string) string { return relURL(u, to) }),
				Listing:   l,
				IsHome:    u == "",
				assets:    names,
			}, "page.html")
		})
	}
	for name := range s.files {
		g.Go(func() error {
			data, err := fs.ReadFile(b.cfg.Content, name)
			if err != nil {
				return diag.List{readProblem(b.cfg.Content, name, err)}
			}
			written(name)
			return out.write(name, data)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	res.Pages = len(order) + generated + 1

	notFound, err := execute(b.layouts, "404.html", &PageData{
		Site: siteData, Title: "Page not found", Root: basePath(b.cfg.BaseURL), Is404: true,
		Nav: nav.top(func(u string) string { return basePath(b.cfg.BaseURL) + u }), assets: names,
	})
	if err != nil {
		return err
	}
	extra := append([]asset{{out: "404.html", data: notFound}}, assets...)
	if sm := b.sitemap(order); sm != nil {
		extra = append(extra, asset{out: "sitemap.xml", data: sm})
	}
	extra = append(extra, asset{out: "llms.txt", data: b.llmsTxt(s, siteData.Title)})
	// The search index alone is a file per page: written in parallel too.
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(workers())
	for _, a := range extra {
		if _, clash := s.files[a.out]; clash {
			continue // the site's own file wins, as with layouts
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			written(a.out)
			return out.write(a.out, a.data)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	sort.Strings(res.Written)
	res.Files = len(res.Written)
	return nil
}

// workers returns how many pages a build works on at once: more than the
// processors, because a page's work is half file system calls (creating a
// folder and a file costs the kernel more than rendering the page), and a
// goroutine waiting in one leaves its processor idle.
func workers() int { return 4 * runtime.GOMAXPROCS(0) }

// index builds the navigation and the reading order of the pages, and
// plans the listing pages of sections. A page whose URL a listing page
// needs is a collision (see collisions).
func (s *site) index() {
	pages := make([]*page, 0, len(s.pages))
	for _, p := range s.pages {
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].file < pages[j].file })
	s.nav, s.order = buildNav(pages)
	// The first listing page of a section goes on the section's own page,
	// if it has one; the others, and the pages of folders without an index
	// page, are pages of their own.
	s.listings = make(map[string]*Listing)
	s.generated = nil
	for _, sec := range s.nav.sections() {
		if len(sec.Children) == 0 {
			continue
		}
		for _, l := range s.nav.listings(sec) {
			u := listingURL(sec.URL, l.First-1)
			s.listings[u] = l
			if l.Page > 1 || !sec.HasPage {
				s.generated = append(s.generated, u)
			}
		}
	}
}

func navItem(p *page) *NavItem {
	return &NavItem{Title: p.title, URL: p.url, HasPage: true, Weight: p.weight}
}

// permalink returns the absolute URL of a page, or "" without an absolute
// base URL.
func (b *Builder) permalink(u string) string {
	if !strings.Contains(b.cfg.BaseURL, "://") {
		return ""
	}
	return b.cfg.BaseURL + u
}

// sitemap returns sitemap.xml listing pages in reading order, or nil when
// there is no absolute base URL to make the required absolute links from.
func (b *Builder) sitemap(order []*page) []byte {
	if b.permalink("") == "" {
		return nil
	}
	type loc struct {
		Loc string `xml:"loc"`
	}
	v := struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []loc    `xml:"url"`
	}{}
	for _, p := range order {
		v.URLs = append(v.URLs, loc{b.permalink(escapePath(p.url))})
	}
	out, _ := xml.MarshalIndent(v, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...)
}
