package builder

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
	"github.com/kettu/kettudocs/builder/internal/cowmap"
	"github.com/kettu/kettudocs/builder/output"
	"github.com/kettu/kettudocs/builder/search"
	"github.com/kettu/kettudocs/builder/sitefs"
	"github.com/kettu/kettudocs/builder/siteurl"
)

// Live is a site held in memory for a preview server: loaded once, then
// updated after each change to its files with work in proportion to the
// change, and rendering each file of the output when it is asked for.
// Whatever it renders is byte for byte what Build writes for the same
// files.
//
// A Live does not change: Update returns a new one, which shares what did
// not change with the old. A server can go on serving one while the next
// is made, and keep serving the last one without problems while a writer
// fixes the next. A Live is safe for concurrent use.
type Live struct {
	b *Builder
	s *site
	// By file, shared with the Lives before and after until a save
	// changes them (see cowmap):
	loaded *cowmap.Map[*page]  // every Markdown file's page, drafts too; nil when it cannot be read
	html   *cowmap.Map[[]byte] // the rendered content of each page that is not left out
	md     *cowmap.Map[[]byte] // and its PAGE/index.md

	// Problems, kept apart by where they come from, so that an update
	// finds again only those its change can affect.
	fileProbs map[string]diag.List // reading and loading each file
	linkProbs map[string]diag.List // the links of each page to others
	dupProbs  diag.List            // pages with one URL
	collides  diag.List            // output files with two sources
	problems  diag.List            // all of them, sorted
	// anchored holds, by page, the pages with a link to one of its
	// headings (site.anchored): what a change of its headings checks
	// again, rather than every page's links.
	anchored *cowmap.Map[[]string]

	updated map[string]time.Time // when each file last changed (Config.Updated)
	made    []string             // the pages of Config.Made the content does not have
	f       *frame
	index   func() map[string][]byte // the search index's files, built once, when first asked for

	// filling is the context of the background work that makes the
	// extracts of the pages Live loaded (see laterExtract), shared by the
	// Lives Update makes of it; stopFill ends it once a Live that loaded
	// every page again replaces them.
	filling  context.Context
	stopFill context.CancelFunc
	filled   chan struct{} // closed once the background work is done
}

// Live loads the site, as Build's first pass does, into a Live.
func (b *Builder) Live(ctx context.Context) (*Live, error) {
	l := &Live{
		b:         b,
		s:         newSite(),
		loaded:    cowmap.New[*page](0),
		html:      cowmap.New[[]byte](0),
		md:        cowmap.New[[]byte](0),
		fileProbs: make(map[string]diag.List),
		linkProbs: make(map[string]diag.List),
	}
	l.updated = b.updatedDates(ctx) // once; see Update
	mdFiles, _, probs, err := b.walk(l.s, ".")
	if err != nil {
		return nil, err
	}
	l.addFileProblems(probs)
	l.made, probs = b.madeNames(l.s)
	l.addFileProblems(probs)
	if err := l.load(ctx, mdFiles, true); err != nil {
		return nil, err
	}
	if err := l.makePages(); err != nil {
		return nil, err
	}
	l.dupProbs = b.addPages(l.s, l.pages())
	l.s.index()
	l.checkLinks(slices.Collect(l.s.pages.Keys()))
	l.anchored = l.s.anchored()
	l.finish(true, nil)
	// The pages' search extracts, left for later, are made now in the
	// background (see laterExtract).
	l.filling, l.stopFill = context.WithCancel(ctx)
	l.filled = make(chan struct{})
	go func() {
		defer close(l.filled)
		b.fillExtracts(l.filling, l.s.order)
	}()
	return l, nil
}

// Update returns the site after the content files named in changed (slash
// paths in Config.Content) were written, created or removed; a name may be
// a folder, for all below it. b builds the new site: the Builder of l (nil),
// or a new one for a changed theme or site settings, with the same
// Content. A new Builder whose settings change how a page loads (see
// loadKey) loads every page again.
//
// The pages in changed are loaded again, and so are those whose links
// looked up a file that came or went. Navigation and reading order are
// made again whole only when a page came or went, or a folder's order
// list changed; a new title or weight orders again the entries of its
// section only; the links of every page are checked again only when, in
// addition, a page's headings changed. Pages themselves are rendered when
// asked for (Open), so a change that shows on every page, such as a new
// title in the navigation, costs nothing until then.
func (l *Live) Update(ctx context.Context, b *Builder, changed []string) (*Live, error) {
	if b == nil {
		b = l.b
	}
	if b != l.b && !reflect.DeepEqual(b.loadKey(), l.b.loadKey()) {
		// Every page's checks, or its HTML, change: every page is loaded
		// again, and the extracts of l's pages are of no more use.
		n, err := b.Live(ctx)
		if err == nil {
			l.stopFill()
		}
		return n, err
	}
	b.recheck()
	n := &Live{
		b:         b,
		s:         l.s.clone(),
		loaded:    l.loaded.Clone(),
		html:      l.html.Clone(),
		md:        l.md.Clone(),
		fileProbs: maps.Clone(l.fileProbs),
		linkProbs: maps.Clone(l.linkProbs),
		anchored:  l.anchored.Clone(),
		dupProbs:  l.dupProbs,
		collides:  l.collides,
		updated:   l.updated,
		made:      l.made,
		filling:   l.filling,
		stopFill:  l.stopFill,
		filled:    l.filled,
	}
	if b != l.b {
		// Dates change with commits, not with saves: they are read again
		// with new settings, not after every save.
		n.updated = b.updatedDates(ctx)
	}
	reload := make(map[string]bool) // Markdown files to load again
	came := make(map[string]bool)   // names of files that came or went
	pages := len(n.s.mdFiles)
	// The names of files are shared with l until one comes or goes: most
	// saves change none, and copying them costs a little per page.
	owned := false
	own := func() {
		if !owned {
			n.s.ownNames()
			owned = true
		}
	}
	for _, name := range changed {
		name = path.Clean(name)
		if hidden(name) {
			continue
		}
		st, err := fs.Stat(b.cfg.Content, name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			own()
			n.remove(name, came)
		case err != nil:
			own()
			n.remove(name, came)
			n.addFileProblems(diag.List{sitefs.ReadProblem(b.cfg.Content, name, err)})
		case st.IsDir():
			own()
			mdFiles, others, probs, err := b.walk(n.s, name)
			if err != nil {
				return nil, err
			}
			n.addFileProblems(probs)
			found := make(map[string]bool, len(mdFiles)+len(others))
			for _, f := range others {
				found[f] = true
				if !l.s.files[f] {
					came[f] = true
				}
			}
			for _, f := range mdFiles {
				found[f] = true
				reload[f] = true
				if !l.s.mdFiles[f] {
					came[f] = true
				}
			}
			// Whatever the folder held before and holds no more is gone,
			// whether or not the watcher said so file by file.
			for _, f := range below(l.s, name) {
				if !found[f] && !slices.Contains(n.made, f) {
					n.remove(f, came)
				}
			}
		case path.Ext(name) == ".md":
			reload[name] = true
			if !n.s.mdFiles[name] {
				own()
				came[name] = true
				n.s.addMarkdown(name)
			}
			delete(n.fileProbs, name)
		default:
			delete(n.fileProbs, name)
			if err := readable(b.cfg.Content, name); err != nil {
				own()
				n.remove(name, came)
				n.addFileProblems(diag.List{sitefs.ReadProblem(b.cfg.Content, name, err)})
			} else if p := b.refused(name); p != nil {
				own()
				n.remove(name, came)
				n.addFileProblems(diag.List{*p})
			} else if !n.s.files[name] {
				own()
				came[name] = true
				n.s.files[name] = true
			}
		}
	}
	if len(came) > 0 {
		n.s.names()
		// Keys of the names a link may have looked up (see
		// site.rewrite): files, and folders as "dir/".
		changes(l.s.folders, n.s.folders, came)
		changes(l.s.dirs, n.s.dirs, came)
		for name, p := range n.loaded.All() {
			if p != nil && !reload[name] && dependsOn(p, came) {
				reload[name] = true
			}
		}
	}

	if err := n.load(ctx, slices.Sorted(maps.Keys(reload)), false); err != nil {
		return nil, err
	}
	// Made pages are made again when the code rows they are made of may
	// have changed: only the changed pages' rows are compared.
	if len(n.made) > 0 && (b != l.b || rowsChanged(l, n, reload, came)) {
		if err := n.makePages(); err != nil {
			return nil, err
		}
		for _, name := range n.made {
			reload[name] = true
		}
	}
	// A page that came, went, or became a draft changes the set of pages,
	// which every link is checked against, and the files of the output,
	// and so does a folder's new order list the whole navigation; a new
	// title or weight orders again only its section's entries (reorder);
	// new headings change only what links to them. Other files that came or went
	// change the collisions and the pages that link to them (reloaded).
	pagesChanged, orderChanged := len(n.s.mdFiles) != pages || mdCame(came), false
	for name := range reload {
		was, _ := l.loaded.Get(name)
		is, _ := n.loaded.Get(name)
		switch {
		case was == nil || is == nil || l.b.leftOut(was) != b.leftOut(is):
			pagesChanged = true
		case !slices.Equal(was.meta.Order, is.meta.Order):
			orderChanged = true
		}
	}
	if pagesChanged {
		n.dupProbs = b.addPages(n.s, n.pages())
	} else {
		// The same pages: swap in the new versions.
		for name := range reload {
			if n.s.pages.Has(name) {
				p, _ := n.loaded.Get(name)
				n.s.pages.Set(name, p)
				n.s.byURL.Set(p.url, p)
			}
		}
	}
	// pos: the pages' places in the reading order, or nil to find them
	// again.
	var pos *cowmap.Map[int]
	if !pagesChanged && !orderChanged {
		var same []*page // the pages reloaded, in place of their last versions
		for name := range reload {
			if p, ok := n.s.pages.Get(name); ok {
				same = append(same, p)
			}
		}
		pos = l.f.pos.Clone()
		if !n.s.reorder(same, pos) {
			pos = nil
		}
	}
	if pos == nil {
		n.s.index()
	}
	if pagesChanged {
		clear(n.linkProbs)
		n.checkLinks(slices.Collect(n.s.pages.Keys()))
		n.anchored = n.s.anchored()
	} else {
		// The pages reloaded, and those with a link to a heading of one
		// whose headings changed. Checking every page's links instead
		// was half a second a new heading at 100,000 pages.
		check := maps.Clone(reload)
		for name := range reload {
			was, _ := l.s.pages.Get(name)
			is, _ := n.s.pages.Get(name)
			reanchor(n.anchored, name, was, is)
			if was != nil && is != nil && !maps.Equal(was.ids, is.ids) {
				froms, _ := n.anchored.Get(name)
				for _, f := range froms {
					check[f] = true
				}
			}
		}
		n.checkLinks(slices.Collect(maps.Keys(check)))
	}
	n.finish(pagesChanged || len(came) > 0 || b != l.b, pos)
	return n, nil
}

// load loads the Markdown files names, in parallel, into l; their search
// extracts, or with later, not yet (see laterExtract).
func (l *Live) load(ctx context.Context, names []string, later bool) error {
	type loaded struct {
		p        *page
		html, md []byte
		probs    diag.List
	}
	out := make([]loaded, len(names))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers())
	dicts := newDicts()
	if later {
		dicts = nil
	}
	for i, name := range names {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			p, probs, err := l.b.loadPage(l.s, name, dicts, func(_ *page, both []byte, n, m int) error {
				out[i].html, out[i].md = bytes.Clone(both[:n]), bytes.Clone(both[n:m])
				return nil
			}, nil)
			if p != nil {
				p.external = nil // for check --external only
			}
			out[i].p, out[i].probs = p, probs
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i, name := range names {
		l.loaded.Set(name, out[i].p)
		if out[i].html != nil {
			l.html.Set(name, out[i].html)
			l.md.Set(name, out[i].md)
		} else {
			l.html.Delete(name)
			l.md.Delete(name)
		}
		if len(out[i].probs) > 0 {
			l.fileProbs[name] = out[i].probs
		} else {
			delete(l.fileProbs, name)
		}
	}
	return nil
}

// makePages makes the pages of Config.Made from the pages loaded.
func (l *Live) makePages() error {
	if len(l.made) == 0 {
		return nil
	}
	for _, name := range l.made {
		l.html.Delete(name)
		l.md.Delete(name)
		delete(l.fileProbs, name)
	}
	pages, probs, err := l.b.makePages(l.s, l.made, l.pages(), newDicts(), func(p *page, both []byte, n, m int) error {
		l.html.Set(p.file, bytes.Clone(both[:n]))
		l.md.Set(p.file, bytes.Clone(both[n:m]))
		return nil
	})
	if err != nil {
		return err
	}
	for i, name := range l.made {
		l.loaded.Set(name, pages[i])
	}
	l.addFileProblems(probs)
	return nil
}

// rowsChanged reports whether a page of reload or came, loaded again or
// come or gone between l and n, has other code rows in n.
func rowsChanged(l, n *Live, reload, came map[string]bool) bool {
	rows := func(lv *Live, name string) []string {
		if p, _ := lv.loaded.Get(name); p != nil && !lv.b.leftOut(p) {
			return p.rows
		}
		return nil
	}
	for _, set := range []map[string]bool{reload, came} {
		for name := range set {
			if !slices.Equal(rows(l, name), rows(n, name)) {
				return true
			}
		}
	}
	return false
}

// remove forgets the file name, or all files below it when it was a
// folder, and records their names in came.
func (l *Live) remove(name string, came map[string]bool) {
	forget := func(f string) {
		came[f] = true
		delete(l.s.files, f)
		delete(l.s.mdFiles, f)
		l.loaded.Delete(f)
		l.html.Delete(f)
		l.md.Delete(f)
		delete(l.fileProbs, f)
		delete(l.linkProbs, f)
	}
	delete(l.fileProbs, name)
	if l.s.files[name] || l.s.mdFiles[name] {
		forget(name)
		return
	}
	for _, f := range below(l.s, name) {
		forget(f)
	}
	for f := range l.fileProbs { // unreadable files, known by their problems only
		if strings.HasPrefix(f, name+"/") {
			delete(l.fileProbs, f)
		}
	}
}

// pages returns every page loaded, nil for files that could not be.
func (l *Live) pages() []*page {
	pages := make([]*page, 0, l.loaded.Len())
	for _, p := range l.loaded.All() {
		pages = append(pages, p)
	}
	return pages
}

// addFileProblems adds problems of reading files, each to its file.
func (l *Live) addFileProblems(probs diag.List) {
	for _, p := range probs {
		l.fileProbs[p.Pos.File] = append(slices.Clip(l.fileProbs[p.Pos.File]), p)
	}
}

// checkLinks checks the links of the pages named in files again.
func (l *Live) checkLinks(files []string) {
	for _, f := range files {
		p, ok := l.s.pages.Get(f)
		if !ok {
			delete(l.linkProbs, f)
			continue
		}
		if probs := l.s.checkLinks(p); len(probs) > 0 {
			l.linkProbs[f] = probs
		} else {
			delete(l.linkProbs, f)
		}
	}
}

// finish makes what rendering needs, the collisions again when the files
// may have changed, and the list of all problems. pos is as for frame.
func (l *Live) finish(files bool, pos *cowmap.Map[int]) {
	if files {
		l.collides = output.Collisions(l.b.products(l.s), l.b.cfg.UnsafeHTML)
		l.collides = append(l.collides, l.b.versionProblems(l.s)...)
	}
	l.f = l.b.frame(l.s, l.updated, pos)
	// In the order Build finds them, which Sort keeps for problems at
	// one place.
	all := byFile(l.fileProbs)
	all = append(all, l.dupProbs...)
	all = append(all, l.s.orderProblems()...)
	all = append(all, byFile(l.linkProbs)...)
	all = append(all, l.collides...)
	all.Sort()
	l.problems = all
	s, b := l.s, l.b
	l.index = sync.OnceValue(func() map[string][]byte {
		files := make(map[string][]byte)
		if len(s.order) == 0 {
			return files
		}
		for _, x := range s.notReplaced(indexExtras(search.Build(b.searchExtracts(s.order)))) {
			files[x.out], _ = x.make() // the index's files cannot fail
		}
		return files
	})
}

// byFile returns the problems of m, file after file.
func byFile(m map[string]diag.List) diag.List {
	var all diag.List
	for _, f := range slices.Sorted(maps.Keys(m)) {
		all = append(all, m[f]...)
	}
	return all
}

// Assets returns the theme's assets and the search index entry: by plain
// name ("theme.css"), the file of the output ("theme.1a2b3c4d.css").
func (l *Live) Assets() map[string]string { return maps.Clone(l.f.names) }

// Pages returns the URLs of the site's pages in reading order, as
// Loaded.Pages does.
func (l *Live) Pages() []string { return urlsOf(l.s.order) }

// Rows returns the id of every code row of the site and the file of the
// page that has it, as Loaded.Rows does.
func (l *Live) Rows() map[string]string { return rowsOf(l.s.order) }

// Problems returns the problems of the site, sorted, as Build reports
// them: errors and warnings. A site with errors is one Build would not
// write; its warnings alone are Build's Result.Warnings.
func (l *Live) Problems() diag.List { return l.problems }

// Lost returns the content file that would make the output file name (a
// slash path, as in Files) but that could not be read or loaded, such as a
// page whose front matter does not parse; or "" when there is none. A
// preview shows such a page's last good version, or the problems.
func (l *Live) Lost(name string) string {
	for file, probs := range l.fileProbs {
		if l.s.pages.Has(file) || l.s.files[file] || !probs.HasErrors() {
			continue
		}
		if file == name {
			return file
		}
		if path.Ext(file) != ".md" {
			continue
		}
		u, _ := siteurl.Page(file)
		if name == u+"index.html" || name == u+"index.md" {
			return file
		}
	}
	return ""
}

// Files returns the slash paths of the files Build would write, sorted.
func (l *Live) Files() []string {
	var names []string
	for _, p := range l.s.order {
		names = append(names, p.url+"index.html", p.url+"index.md")
	}
	for _, u := range l.s.listingPages() {
		names = append(names, u+"index.html")
	}
	for f := range l.s.files {
		names = append(names, f)
	}
	for _, x := range l.b.extras(l.s, l.f) {
		names = append(names, x.out)
	}
	for f := range l.index() {
		names = append(names, f)
	}
	sort.Strings(names)
	return names
}

// Open returns the file name (a slash path, as in Files) of the output.
// Pages are rendered as they are asked for. A name the output lacks is an
// error satisfying errors.Is(err, fs.ErrNotExist).
func (l *Live) Open(name string) ([]byte, error) {
	s := l.s
	if s.files[name] {
		return fs.ReadFile(l.b.cfg.Content, name)
	}
	if u, ok := strings.CutSuffix(name, "index.md"); ok && (u == "" || strings.HasSuffix(u, "/")) {
		if p, ok := s.byURL.Get(u); ok {
			_, md, err := l.content(p)
			return md, err
		}
	}
	if u, ok := strings.CutSuffix(name, "index.html"); ok && (u == "" || strings.HasSuffix(u, "/")) {
		if p, ok := s.byURL.Get(u); ok {
			html, _, err := l.content(p)
			if err != nil {
				return nil, err
			}
			var buf bytes.Buffer
			err = l.b.renderPage(&buf, s, l.f, p, html)
			return buf.Bytes(), err
		}
		if slices.Contains(s.generated, u) { // not replaced: s.files came first
			var buf bytes.Buffer
			err := l.b.renderListing(&buf, s, l.f, u)
			return buf.Bytes(), err
		}
	}
	if strings.HasPrefix(name, "search/") {
		if data, ok := l.index()[name]; ok {
			return data, nil
		}
	}
	for _, x := range l.b.extras(s, l.f) {
		if x.out == name {
			return x.make()
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// content returns the rendered content of page p and its PAGE/index.md:
// as it was loaded, or rendered now from the source it was loaded from
// when the load left that for later (laterRender).
func (l *Live) content(p *page) (html, md []byte, err error) {
	if p.lazy != nil {
		return l.b.rendered(l.s, p)
	}
	html, _ = l.html.Get(p.file)
	md, _ = l.md.Get(p.file)
	return html, md, nil
}

// clone returns a copy of s that an update can change: the maps of pages
// are copied; the names of files and the navigation are shared until
// ownNames, or until made again.
func (s *site) clone() *site {
	c := *s
	c.pages = s.pages.Clone()
	c.byURL = s.byURL.Clone()
	return &c
}

// ownNames copies the names of files of s, which clone shared, before
// they change.
func (s *site) ownNames() {
	s.files = maps.Clone(s.files)
	s.mdFiles = maps.Clone(s.mdFiles)
	s.folders = maps.Clone(s.folders)
	s.dirs = maps.Clone(s.dirs)
}

// names makes the folders and dirs of s again from its Markdown files.
func (s *site) names() {
	s.folders = make(map[string]bool)
	s.dirs = make(map[string]bool)
	for f := range s.mdFiles {
		s.addMarkdown(f)
	}
}

// changes adds to into the keys that are in one of a and b only.
func changes(a, b, into map[string]bool) {
	for k := range a {
		if !b[k] {
			into[k] = true
		}
	}
	for k := range b {
		if !a[k] {
			into[k] = true
		}
	}
}

// dependsOn reports whether a link of p looked up one of the names (see
// site.rewrite), as a file or as a folder.
func dependsOn(p *page, names map[string]bool) bool {
	for _, d := range p.deps {
		dir := strings.TrimSuffix(d, "/")
		if dir != "" {
			dir += "/"
		}
		if names[d] || names[dir] {
			return true
		}
	}
	return false
}

// below returns the names of the files of s below the folder dir ("."
// for all).
func below(s *site, dir string) []string {
	var out []string
	for _, m := range []map[string]bool{s.files, s.mdFiles} {
		for f := range m {
			if dir == "." || strings.HasPrefix(f, dir+"/") {
				out = append(out, f)
			}
		}
	}
	return out
}

// mdCame reports whether a Markdown file is among the names that came or
// went.
func mdCame(came map[string]bool) bool {
	for name := range came {
		if path.Ext(name) == ".md" {
			return true
		}
	}
	return false
}

// hidden reports whether a slash path has a part that is no part of a
// site (sitefs.Ignored: dotfiles, editors' backups), which the build
// leaves out.
func hidden(name string) bool {
	for part := range strings.SplitSeq(name, "/") {
		if part != "." && sitefs.Ignored(part) {
			return true
		}
	}
	return false
}

// loadKey is every setting that loading a page depends on besides its
// file: what walk, loadPage and parsePage read, and the Markdown renderer
// they render with. When any of it changes, every page is loaded again,
// so that the preview shows what a build would. A setting added to Config
// that changes how pages load belongs here; the others (title, base and
// edit URLs, dates, theme) are read when a page is rendered.
type loadKey struct {
	drafts      bool
	unsafeHTML  bool // sanitizing, refused files, replaced files
	codes       *drift.Registry
	pageTimeout time.Duration
}

func (b *Builder) loadKey() loadKey {
	return loadKey{drafts: b.cfg.Drafts, unsafeHTML: b.cfg.UnsafeHTML, codes: b.cfg.Codes, pageTimeout: b.cfg.PageTimeout}
}
