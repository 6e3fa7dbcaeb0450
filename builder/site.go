package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/internal/cowmap"
	"github.com/kettu/kettudocs/builder/layout"
	"github.com/kettu/kettudocs/builder/nav"
	"github.com/kettu/kettudocs/builder/output"
	"github.com/kettu/kettudocs/builder/sanitize"
	"github.com/kettu/kettudocs/builder/search"
	"github.com/kettu/kettudocs/builder/sitefs"
	"github.com/kettu/kettudocs/builder/siteurl"
)

// This file holds the steps of a build that Build and Live share, so that
// a preview serves byte for byte what a build writes: finding the files,
// loading a page, putting the pages together, and rendering each file of
// the output.

func newSite() *site {
	return &site{
		pages:   cowmap.New[*page](0),
		byURL:   cowmap.New[*page](0),
		files:   make(map[string]bool),
		mdFiles: make(map[string]bool),
		folders: make(map[string]bool),
		dirs:    make(map[string]bool),
	}
}

// walk finds the files of the content below dir ("." for all), records
// their names in s and returns them: the Markdown files and the others,
// in walk order. Unreadable files are problems; hidden files and folders,
// and editors' backups (sitefs.Ignored), are left out.
func (b *Builder) walk(s *site, dir string) (mdFiles, others []string, problems diag.List, err error) {
	// walk, not fs.WalkDir: folders may be symbolic links within the site.
	err = sitefs.Walk(b.cfg.Content, dir, func(name string, d fs.DirEntry, err error) error {
		// Unreadable files are problems, and so is a content folder that
		// is a link out of the site.
		var out *sitefs.LinkError
		if err != nil && (name != dir || errors.As(err, &out)) {
			problems = append(problems, sitefs.ReadProblem(b.cfg.Content, name, err))
			return nil
		}
		if err != nil {
			return err
		}
		if name != "." && sitefs.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if strings.ContainsFunc(d.Name(), output.Control) {
			problems = append(problems, diag.Problem{
				Pos:  diag.Position{File: name},
				Msg:  fmt.Sprintf("the name %q holds a control character (a newline, a tab …): not published", d.Name()),
				Hint: "rename it without control characters",
			})
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
			s.addMarkdown(name)
		} else if err := readable(b.cfg.Content, name); err != nil {
			problems = append(problems, sitefs.ReadProblem(b.cfg.Content, name, err))
		} else if p := b.refused(name); p != nil {
			problems = append(problems, *p)
		} else {
			s.files[name] = true
			others = append(others, name)
		}
		return nil
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("reading content: %w", err)
	}
	return mdFiles, others, problems, nil
}

// readable returns why the content file name cannot be published, if it
// cannot be opened: check and serve report what the build would fail on.
// A file that is no regular file, such as a pipe, is not opened here:
// opening a pipe waits for a writer.
func readable(fsys fs.FS, name string) error {
	st, err := fs.Stat(fsys, name)
	if err != nil || !st.Mode().IsRegular() {
		return err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	return f.Close()
}

// refused returns the problem of a content file that may not be
// published as it is: one of a type that runs script in a browser (see
// sanitize.ActiveFile), unless the site trusts its writers.
func (b *Builder) refused(name string) *diag.Problem {
	if b.cfg.UnsafeHTML || !sanitize.ActiveFile(name) {
		return nil
	}
	return &diag.Problem{
		Pos:  diag.Position{File: name},
		Msg:  fmt.Sprintf("%s files are not published: a %s file runs as it is in its readers' browsers, where no sanitizer sees it", path.Ext(name), path.Ext(name)),
		Hint: sanitize.ActiveFileHint,
	}
}

// addMarkdown records the name of a Markdown file, and the folders it
// makes pages of.
func (s *site) addMarkdown(name string) {
	s.mdFiles[name] = true
	if u, index := siteurl.Page(name); index {
		s.folders[u] = true
	}
	dir, _ := path.Split(name)
	for ; dir != ""; dir = nav.ParentDir(dir) {
		s.dirs[dir] = true
	}
	s.dirs[""] = true
}

// loadPage reads, parses and checks the page name and rewrites its links
// against the names in s. Unless the page is left out, keep, when not
// nil, receives the page with its search entries, their terms numbered
// in a Dict of dicts, and out: its rendered content, out[:n], then its
// Markdown for PAGE/index.md, out[n:m], then, with a cache, its search
// entries as search.Page.AppendBinary writes them, out[m:]; it must copy
// out to keep it. With a cache, a page it holds for s comes from it
// instead (see page.cached), and a page parsed gets a record for the
// next build (page.rec). The page comes back without its tree and
// source; nil when it cannot be read, which is a problem.
func (b *Builder) loadPage(s *site, name string, dicts dicts, keep func(p *page, out []byte, n, m int) error, c *cache) (*page, diag.List, error) {
	var stamp stamp
	if c != nil {
		var p *page
		var problems diag.List
		if p, problems, stamp = c.untouched(s, b.cfg.Content, name); p != nil {
			return p, problems, nil
		}
	}
	src, err := fs.ReadFile(b.cfg.Content, name)
	if err != nil { // unreadable pages are problems
		return nil, diag.List{sitefs.ReadProblem(b.cfg.Content, name, err)}, nil
	}
	if len(src) > MaxPageSize {
		return nil, diag.List{{
			Pos:  diag.Position{File: name},
			Msg:  fmt.Sprintf("page of %d MB is not read: the most a page may be is %d MB", len(src)>>20, MaxPageSize>>20),
			Hint: "split it into several pages",
		}}, nil
	}
	var sum [32]byte
	if c != nil {
		sum = sha256.Sum256(src)
		if p, problems := c.page(s, name, sum); p != nil {
			p.stamp = stamp
			return p, problems, nil
		}
	}
	return b.loadSource(s, name, src, sum, stamp, dicts, keep, c)
}

// loadSource is loadPage for the page name whose source is src, with the
// sum and stamp of its file with a cache c. Without dicts (the preview's
// first load), the page's search extract is left for later (laterExtract),
// and so is its rendering (laterRender): keep is not called.
func (b *Builder) loadSource(s *site, name string, src []byte, sum [32]byte, stamp stamp, dicts dicts, keep func(p *page, out []byte, n, m int) error, c *cache) (*page, diag.List, error) {
	p, problems, ok := b.parseWithin(name, src)
	if !ok {
		return nil, problems, nil
	}
	p.src256, p.stamp = sum, stamp
	var sums [3]uint32
	if !b.leftOut(p) {
		problems = append(problems, s.resolveLinks(p)...)
		if keep != nil && dicts == nil {
			p.later = &laterExtract{sum: sha256.Sum256(src)}
			p.lazy = &laterRender{src: src}
		} else if keep != nil {
			var ext []byte
			d := dicts.get()
			p.search = d.Extract(p.doc, p.src, p.url, p.title)
			if c != nil {
				// Before the Dict goes back: another goroutine's page may
				// add terms to it then, while this one reads them.
				mem := b.exts.Get().(*[]byte)
				defer b.exts.Put(mem)
				var err error
				if ext, err = p.search.AppendBinary((*mem)[:0]); err != nil {
					dicts.put(d)
					return nil, nil, fmt.Errorf("%s: %w", p.file, err)
				}
				*mem = ext // grown, for the next page
			}
			dicts.put(d)
			buf := b.bufs.Get().(*bytes.Buffer)
			buf.Reset()
			defer b.bufs.Put(buf)
			n, err := b.renderContent(buf, p)
			if err != nil {
				return nil, nil, err
			}
			m := buf.Len()
			if c != nil {
				buf.Write(ext)
				out := buf.Bytes()
				for i, part := range [][]byte{out[:n], out[n:m], out[m:]} {
					sums[i] = crc32.Checksum(part, castagnoli)
				}
			}
			if err := keep(p, buf.Bytes(), n, m); err != nil {
				return nil, nil, err
			}
		}
	}
	if c != nil {
		p.rec = newRecord(s, p, problems, b.leftOut(p))
		p.rec.Content = blob{-1, p.content.off, p.content.n, sums[0]}
		p.rec.Markdown = blob{-1, p.markdown.off, p.markdown.n, sums[1]}
		p.rec.Search = blob{-1, p.searchAt.off, p.searchAt.n, sums[2]}
	}
	// What later stages need is collected: let the tree and the source go.
	p.doc, p.src, p.lines, p.edits = nil, nil, nil, nil
	return p, problems, nil
}

// parseWithin is parsePage within Config.PageTimeout: past it, the page
// is a problem and ok is false. The parse goes on in the background
// until it ends by itself (goldmark cannot be stopped), touching nothing
// but its own page.
func (b *Builder) parseWithin(name string, src []byte) (p *page, problems diag.List, ok bool) {
	limit := b.cfg.PageTimeout
	if limit == 0 {
		limit = DefaultPageTimeout
	}
	if limit < 0 {
		p, problems = b.parsePage(name, src)
		return p, problems, true
	}
	type parsed struct {
		p        *page
		problems diag.List
	}
	done := make(chan parsed, 1)
	go func() {
		p, problems := b.parsePage(name, src)
		done <- parsed{p, problems}
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.p, r.problems, true
	case <-timer.C:
		return nil, diag.List{{
			Pos:  diag.Position{File: name},
			Msg:  fmt.Sprintf("page took over %v to parse and check, and was left out", limit),
			Hint: "split it, or look for Markdown that is slow to parse: thousands of nested quotes (> > >), unclosed links ([a]( [a]( …), very long lines",
		}}, false
	}
}

// addPages makes the pages of the site from the loaded ones (nil for
// pages that could not be read), leaving out drafts, and reports pages
// that would have one URL.
func (b *Builder) addPages(s *site, loaded []*page) diag.List {
	var problems diag.List
	s.pages, s.byURL = cowmap.New[*page](len(loaded)), cowmap.New[*page](len(loaded))
	// By name, so that whichever way they were loaded, the same page of
	// two is the one with the problem.
	pages := make([]*page, 0, len(loaded))
	for _, p := range loaded {
		if p != nil && !b.leftOut(p) {
			pages = append(pages, p)
		}
	}
	slices.SortFunc(pages, func(a, b *page) int { return strings.Compare(a.file, b.file) })
	for _, p := range pages {
		if other, ok := s.byURL.Get(p.url); ok {
			problems = append(problems, diag.Problem{
				Pos:  diag.Position{File: p.file},
				Msg:  fmt.Sprintf("page URL /%s is also the URL of %s", p.url, other.file),
				Hint: "keep one of _index.md and index.md in a folder, or rename one of the pages",
			})
			continue
		}
		s.pages.Set(p.file, p)
		s.byURL.Set(p.url, p)
	}
	return problems
}

// index builds the navigation and the reading order of the pages, and
// plans the listing pages of sections. A page whose URL a listing page
// needs is a collision (see collisions).
func (s *site) index() {
	pages := make([]*page, 0, s.pages.Len())
	for _, p := range s.pages.All() {
		pages = append(pages, p)
	}
	slices.SortFunc(pages, func(a, b *page) int { return strings.Compare(a.file, b.file) })
	entries := make([]nav.Page, len(pages))
	for i, p := range pages {
		entries[i] = navPage(p)
	}
	var order []int
	s.nav, order = nav.Build(entries)
	s.order = make([]*page, len(order))
	for i, j := range order {
		s.order[i] = pages[j]
	}
	// The first listing page of a section goes on the section's own page,
	// if it has one; the others, and the pages of folders without an index
	// page, are pages of their own.
	s.listings = make(map[string]*nav.Listing)
	s.generated = nil
	for _, sec := range s.nav.Sections() {
		if len(sec.Children) == 0 {
			continue
		}
		for _, l := range s.nav.Listings(sec) {
			u := nav.ListingURL(sec.URL, l.First-1)
			s.listings[u] = l
			if l.Page > 1 || !sec.HasPage {
				s.generated = append(s.generated, u)
			}
		}
	}
}

// orderProblems reports the names of folders' order lists that are no
// page or folder there.
func (s *site) orderProblems() diag.List {
	var problems diag.List
	for _, u := range s.nav.Unlisted() {
		p, _ := s.byURL.Get(u.Section)
		if p == nil {
			continue
		}
		pos := p.orderAt
		if pos.File == "" {
			pos = diag.Position{File: p.file}
		}
		dir := u.Section
		if dir == "" {
			dir = "the content folder"
		}
		problems = append(problems, diag.Problem{
			Pos:  pos,
			Msg:  fmt.Sprintf("order lists %q, which is no page or folder in %s", u.Name, dir),
			Hint: "list the folder's pages by file name (intro.md) and its folders with a slash (gateway/), or remove the name",
		})
	}
	return problems
}

// reorder makes the navigation, reading order and listing pages of s
// again after the pages changed, which s has (s.byURL has their new
// versions), were loaded again, and changed no more of the navigation
// than their titles, labels and weights; pos, the places in s.order
// before, becomes the places after. It does what index does in time that
// does not grow with the site (see nav.Tree.Update), or reports false
// when it cannot, leaving s as it was and pos of no use.
func (s *site) reorder(changed []*page, pos *cowmap.Map[int]) bool {
	entries := make([]nav.Page, len(changed))
	for i, p := range changed {
		entries[i] = navPage(p)
	}
	t, sorted, ok := s.nav.Update(entries)
	if !ok {
		return false
	}
	order := slices.Clone(s.order)
	for _, p := range changed {
		if i, ok := pos.Get(p.url); ok {
			order[i] = p
		}
	}
	// Where each run of the order that moved starts, then the runs, as
	// nav.Moves says.
	moves := nav.Moves(s.nav, t, sorted)
	starts := make([]int, len(moves))
	for i, m := range moves {
		start, ok := pos.Get(m.Was[0])
		if !ok || len(m.Was) != len(m.Is) {
			return false
		}
		starts[i] = start
	}
	for i, m := range moves {
		for j, u := range m.Is {
			p, _ := s.byURL.Get(u)
			if p == nil {
				return false
			}
			if at := starts[i] + j; order[at] != p {
				order[at] = p
				pos.Set(u, at)
			}
		}
	}
	s.listings = maps.Clone(s.listings)
	for _, u := range sorted {
		sec := t.Lookup(u)
		for _, l := range t.Listings(sec) {
			s.listings[nav.ListingURL(sec.URL, l.First-1)] = l
		}
	}
	s.nav, s.order = t, order
	return true
}

// navPage returns what the navigation needs to know of p.
func navPage(p *page) nav.Page {
	e := nav.Page{File: p.file, URL: p.url, Index: p.index, Title: p.label(), Weight: p.weight}
	if p.index {
		e.Order = p.meta.Order
	}
	return e
}

func navItem(p *page) *nav.Item {
	it := navEntry(p)
	return &it
}

// navEntry is what a page's previous and next links show of p.
func navEntry(p *page) nav.Item {
	return nav.Item{Title: p.label(), URL: p.url, HasPage: true, Weight: p.weight}
}

// label is what the navigation and the previous and next links call p:
// its sidebar_label, as Docusaurus pages name a page in the sidebar, or
// its title.
func (p *page) label() string {
	if l, ok := p.params["sidebar_label"].(string); ok && strings.TrimSpace(l) != "" {
		return strings.TrimSpace(l)
	}
	return p.title
}

// frame is what the layouts need beyond the page they render: the site's
// title, the names of the assets, each page's place in reading order.
type frame struct {
	site    *layout.SiteData
	names   map[string]string    // the theme's assets and the search index entry
	pos     *cowmap.Map[int]     // a page's place in s.order, by URL
	updated map[string]time.Time // when each file last changed (Config.Updated), or nil
	layouts *layout.Frame        // the assets and the markup of cached layouts (see PageData.Cached)
}

// frame returns the frame of s, with the name of its search index's
// entry (search.EntryName), and the dates files
// last changed. pos, when not nil, is the places of the pages, the same
// as s.order gives (see Live.Update); nil makes them anew.
func (b *Builder) frame(s *site, updated map[string]time.Time, pos *cowmap.Map[int]) *frame {
	f := &frame{
		site:    &layout.SiteData{Title: b.cfg.Title, BaseURL: b.cfg.BaseURL, EditURL: b.cfg.EditURL, Brand: b.cfg.Brand, Version: b.versionLabel()},
		names:   b.names,
		pos:     pos,
		updated: updated,
	}
	if f.site.Title == "" {
		// A site without a home page gets one the build makes; pages
		// still need a title for their <title>.
		f.site.Title = "Documentation"
		if home, ok := s.byURL.Get(""); ok {
			f.site.Title = home.title
		}
	}
	if f.pos == nil {
		f.pos = cowmap.New[int](len(s.order))
		for i, p := range s.order {
			f.pos.Set(p.url, i)
		}
	}
	if len(s.order) > 0 {
		f.names = maps.Clone(b.names)
		f.names[layout.SearchIndexAsset] = search.EntryName
	}
	f.layouts = layout.NewFrame(b.layouts, f.names)
	return f
}

// renderPage renders page p of s, whose rendered Markdown is content,
// into its layout.
func (b *Builder) renderPage(buf *bytes.Buffer, s *site, f *frame, p *page, content []byte) error {
	var prev, next *nav.Item
	if i, ok := f.pos.Get(p.url); ok {
		if i > 0 {
			prev = navItem(s.order[i-1])
		}
		if i+1 < len(s.order) {
			next = navItem(s.order[i+1])
		}
	}
	name := layout.For(b.layouts, p.url, p.index)
	if p.layout != "" {
		name = p.layout
	}
	d := &layout.PageData{
		Site:        f.site,
		Title:       p.title,
		Description: p.meta.Description,
		// In place, not copied: the layout only writes it into buf,
		// and callers reuse content's memory only once this returns.
		Content:   template.HTML(unsafe.String(unsafe.SliceData(content), len(content))),
		HasH1:     p.hasH1,
		URL:       p.url,
		Permalink: b.permalink(p.url),
		Root:      siteurl.Root(p.url),
		TOC:       p.toc,
		Listing:   s.listings[p.url],
		Prev:      prev,
		Next:      next,
		IsHome:    p.url == "",
		Params:    p.params,
		Summary:   p.summary,
		File:      p.file,
		Updated:   f.updated[p.file],
	}
	b.setVersions(d)
	return layout.ExecuteTo(buf, b.layouts, name, f.layouts.Page(d, s.nav.At(p.url, p.toc, p.url)))
}

// renderListing renders the listing page at URL u that the build makes:
// the page of a folder without an index page, or a second or later page
// of a section's listing.
func (b *Builder) renderListing(buf *bytes.Buffer, s *site, f *frame, u string) error {
	l := s.listings[u]
	sec := s.nav.Lookup(strings.TrimSuffix(u, nav.ListingSuffix(l.Page)))
	title := sec.Title
	if l.Pages > 1 {
		title = fmt.Sprintf("%s (page %d of %d)", sec.Title, l.Page, l.Pages)
	}
	d := &layout.PageData{
		Site:      f.site,
		Title:     title,
		URL:       u,
		Permalink: b.permalink(u),
		Root:      siteurl.Root(u),
		Listing:   l,
		IsHome:    u == "",
	}
	b.setVersions(d)
	return layout.ExecuteTo(buf, b.layouts, "page.html", f.layouts.Page(d, s.nav.At(sec.URL, nil, u)))
}

// extra is a file of the output made from the whole site rather than
// from one source: 404.html, sitemap.xml, the theme's static files, the
// search index.
type extra struct {
	out  string
	make func() ([]byte, error)
	// key, when not nil, returns the hash of all the file shows, under
	// the cache's key: a build with a cache keeps the file of the last
	// build that had that hash instead of making it again.
	key func(cache [32]byte) [32]byte
}

// extras lists the extra files of s but the search index's, without
// those the content replaces (see replaced).
func (b *Builder) extras(s *site, f *frame) []extra {
	all := []extra{{out: "404.html", make: func() ([]byte, error) {
		return layout.Execute(b.layouts, "404.html", f.layouts.Page(&layout.PageData{
			Site: f.site, Title: "Page not found", Root: siteurl.BasePath(b.cfg.BaseURL), Is404: true,
		}, s.nav.Top(siteurl.BasePath(b.cfg.BaseURL))))
	}}}
	if b.sitemapped() {
		all = append(all, extra{out: "sitemap.xml", make: func() ([]byte, error) { return b.sitemap(s.order), nil }})
	}
	all = append(all, extra{out: "llms.txt", make: func() ([]byte, error) { return b.llmsTxt(s, f.site.Title), nil },
		key: func(cache [32]byte) [32]byte { return b.llmsKey(cache, s, f.site.Title) }})
	for _, p := range s.order {
		for _, a := range p.aliases {
			all = append(all, extra{out: aliasFile(a), make: func() ([]byte, error) { return b.aliasHTML(a, p) }})
		}
	}
	if r := b.redirects(s.order); r != nil {
		all = append(all, extra{out: "_redirects", make: func() ([]byte, error) { return r, nil }})
	}
	diagrams := s.hasDiagrams()
	for _, a := range b.assets {
		if !diagrams && diagramAsset(a.Out) || len(b.cfg.Versions) == 0 && versionsAsset(a.Out) {
			continue
		}
		all = append(all, extra{out: a.Out, make: a.Data})
	}
	return s.notReplaced(all)
}

// diagramAsset reports whether the theme's asset out is the diagram
// script's (static/mermaid/): 5.5 MB a site without diagrams need not
// publish.
func diagramAsset(out string) bool { return strings.HasPrefix(out, "mermaid/") }

// hasDiagrams reports whether a page of s has a diagram.
func (s *site) hasDiagrams() bool {
	for _, p := range s.pages.All() {
		if p.diagram {
			return true
		}
	}
	return false
}

// notReplaced returns the files of xs that the content does not replace
// with a file of its own: a site's own file wins over the build's, as a
// site's layouts win over the theme's.
func (s *site) notReplaced(xs []extra) []extra {
	return slices.DeleteFunc(xs, func(x extra) bool { return s.files[x.out] })
}

// listingPages returns the URLs of the listing pages the build writes:
// those the content does not replace with an index.html of its own.
func (s *site) listingPages() []string {
	var out []string
	for _, u := range s.generated {
		if !s.files[u+"index.html"] {
			out = append(out, u)
		}
	}
	return out
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
		v.URLs = append(v.URLs, loc{b.permalink(siteurl.Escape(p.url))})
	}
	out, _ := xml.MarshalIndent(v, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...)
}
