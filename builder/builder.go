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
)

// Config says what to build and where.
type Config struct {
	// Content holds the Markdown pages and the files they use (images,
	// downloads), which are copied as they are.
	Content fs.FS
	// Theme holds layouts/*.html and static/**. Use Overlay to lay a
	// site's own folders over a default theme.
	Theme fs.FS
	// Dest is the output folder. Build replaces it whole, and only when
	// the build succeeds.
	Dest string
	// BaseURL is where the site is served, e.g. "https://example.com/docs/".
	// Pages link to each other relatively, so any sub-path works; the base
	// URL is needed for sitemap.xml, canonical links and 404.html, which is
	// served at arbitrary paths. Empty means "/".
	BaseURL string
	// Title is the site title. Empty means the home page's title.
	Title string
	// Codes, when set, is the registry code tables, JSON examples and code
	// mentions are checked against; see package drift.
	Codes *drift.Registry
	// Drafts includes pages whose front matter says draft: true.
	Drafts bool
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
}

// Result describes a successful build.
type Result struct {
	Pages    int           // HTML pages written, 404.html included
	Files    int           // every file written
	Duration time.Duration // from the start of Build to the swap of Dest
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
			return nil, fmt.Errorf("base URL %q: want an absolute URL such as https://example.com/docs/ or a path such as /docs/", cfg.BaseURL)
		}
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
	}
	b := &Builder{cfg: cfg, md: newMarkdown()}
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
	_, problems, err := b.load(ctx)
	return problems, err
}

// Build checks the site and, when there are no problems, writes it to
// Dest. Problems are returned as a diag.List error, all at once, and leave
// Dest untouched.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	start := time.Now()
	s, problems, err := b.load(ctx)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, problems
	}
	res := &Result{}
	err = replaceDir(b.cfg.Dest, func(dir string) error {
		return b.write(ctx, s, dir, res)
	})
	if err != nil {
		return nil, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// load reads and parses the content, checks it and resolves its links.
func (b *Builder) load(ctx context.Context) (*site, diag.List, error) {
	s := &site{
		pages: make(map[string]*page),
		byURL: make(map[string]*page),
		files: make(map[string]bool),
	}
	var mdFiles []string
	err := fs.WalkDir(b.cfg.Content, ".", func(name string, d fs.DirEntry, err error) error {
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
		} else {
			s.files[name] = true
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading content: %w", err)
	}

	var (
		mu       sync.Mutex
		problems diag.List
		parsed   = make([]*page, len(mdFiles))
	)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range mdFiles {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			src, err := fs.ReadFile(b.cfg.Content, name)
			if err != nil {
				return err
			}
			p, probs := b.parsePage(name, src)
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
		if p.meta.Draft && !b.cfg.Drafts {
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
	// Links are resolved once every page is known; this pass is cheap and
	// touches each page's own tree only.
	for _, p := range s.pages {
		problems = append(problems, s.resolveLinks(p)...)
	}
	problems.Sort()
	return s, problems, nil
}

// write renders every page and copies every file into dir.
func (b *Builder) write(ctx context.Context, s *site, dir string, res *Result) error {
	pages := make([]*page, 0, len(s.pages))
	for _, p := range s.pages {
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].file < pages[j].file })
	nav, order := buildNav(pages)
	assets, names := b.withSearchIndex(order)
	siteData := &SiteData{Title: b.cfg.Title, BaseURL: b.cfg.BaseURL, Nav: nav}
	if siteData.Title == "" {
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

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range pages {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			var content bytes.Buffer
			if err := b.md.Renderer().Render(&content, p.src, p.doc); err != nil {
				return fmt.Errorf("%s: rendering: %w", p.file, err)
			}
			pn := prevNext[p]
			data := &PageData{
				Site:        siteData,
				Title:       p.title,
				Description: p.meta.Description,
				Content:     template.HTML(content.String()),
				HasH1:       p.hasH1,
				URL:         p.url,
				Permalink:   b.permalink(p.url),
				Root:        rootPrefix(p.url),
				TOC:         p.toc,
				Prev:        pn[0],
				Next:        pn[1],
				IsHome:      p.url == "",
				assets:      names,
			}
			html, err := execute(b.layouts, layoutFor(b.layouts, p), data)
			if err != nil {
				return err
			}
			written(p.url + "index.html")
			return writeFile(dir, p.url+"index.html", html)
		})
	}
	for name := range s.files {
		g.Go(func() error {
			data, err := fs.ReadFile(b.cfg.Content, name)
			if err != nil {
				return err
			}
			written(name)
			return writeFile(dir, name, data)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	res.Pages = len(pages) + 1

	notFound, err := execute(b.layouts, "404.html", &PageData{
		Site: siteData, Title: "Page not found", Root: basePath(b.cfg.BaseURL), Is404: true, assets: names,
	})
	if err != nil {
		return err
	}
	extra := append([]asset{{out: "404.html", data: notFound}}, assets...)
	if sm := b.sitemap(order); sm != nil {
		extra = append(extra, asset{out: "sitemap.xml", data: sm})
	}
	for _, a := range extra {
		if _, clash := s.files[a.out]; clash {
			continue // the site's own file wins, as with layouts
		}
		if err := writeFile(dir, a.out, a.data); err != nil {
			return err
		}
		written(a.out)
	}
	sort.Strings(res.Written)
	res.Files = len(res.Written)
	return nil
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
		v.URLs = append(v.URLs, loc{b.permalink(p.url)})
	}
	out, _ := xml.MarshalIndent(v, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...)
}
