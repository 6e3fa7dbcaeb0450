package builder

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/internal/cowmap"
	"github.com/kettu/kettudocs/builder/linkcheck"
	"github.com/kettu/kettudocs/builder/mdtext"
	"github.com/kettu/kettudocs/builder/nav"
	"github.com/kettu/kettudocs/builder/search"
	"github.com/kettu/kettudocs/builder/siteurl"
)

// site is what link resolution needs to know about the whole content.
type site struct {
	pages *cowmap.Map[*page] // by content path: "guide/intro.md"
	byURL *cowmap.Map[*page] // by URL path: "guide/intro/"
	files map[string]bool    // other content files, copied as they are

	// Known before any page is parsed, from the names of the files, so
	// that links can be rewritten while each page's tree is at hand.
	mdFiles map[string]bool // every Markdown file, drafts too
	folders map[string]bool // URLs of folders with an index page
	dirs    map[string]bool // URLs of folders with Markdown files below them: "", "a/", "a/b/"

	// Known once every page is: the navigation, the reading order, and
	// the listing pages of sections, by URL.
	nav       *nav.Tree
	order     []*page
	listings  map[string]*nav.Listing
	generated []string // URLs of listing pages that are pages of their own

	// With a build cache (cache.go): every page loaded, and the key and
	// files of the search index written.
	loaded      []*page
	searchKey   [32]byte
	searchFiles map[string][16]byte
	searchState *search.State     // of the index made anew; nil when kept
	copied      map[string]copied // the content's other files, as copied
	listed      map[string]listed // the listing pages, as rendered or kept
	productsKey [32]byte          // of the output's files and sources, which collide nowhere (see collisions)

	// Taken by survey, when the build took one: each content file's
	// stamp, and Config.Updated's dates (dated).
	stamps  map[string]stamp
	updated map[string]time.Time
	dated   bool
}

// CheckExternal is Check plus a check of every external link with c: it
// loads the site once, hands each use of an http(s) URL in a link, image
// or autolink to c, and returns the site's problems and the broken links
// together, sorted, with c's report of what it checked for a summary. Its
// error is non-nil when the content cannot be read or ctx is done.
func (b *Builder) CheckExternal(ctx context.Context, c *linkcheck.Checker) (diag.List, *linkcheck.Report, error) {
	s, problems, err := b.load(ctx, nil, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	var all []linkcheck.Link
	for _, p := range s.pages.All() {
		all = append(all, p.external...)
	}
	links := slices.SortedFunc(slices.Values(all), func(a, b linkcheck.Link) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	rep, err := c.Check(ctx, links)
	if err != nil {
		return nil, nil, err
	}
	problems = append(problems, rep.Problems...)
	problems.Sort()
	return problems, rep, nil
}

// resolveLinks rewrites the page's relative links to work from its clean
// URL and reports those that lead nowhere. Links to .md files become links
// to the pages' URLs; every other relative link is made relative to the
// page's output folder, which is one level deeper than its source folder
// for all but index pages. External links are collected in p.external.
func (s *site) resolveLinks(p *page) diag.List {
	var problems diag.List
	ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				p.addExternal(autoLinkOffset(n, p.src), string(n.URL(p.src)))
			}
			return ast.WalkContinue, nil
		default:
			return ast.WalkContinue, nil
		}
		p.addExternal(mdtext.Offset(n), string(*dest))
		out, link, problem := s.rewrite(p, string(*dest))
		if problem != nil {
			problem.Pos = p.lines.Pos(mdtext.Offset(n))
			problems = append(problems, *problem)
			return ast.WalkContinue, nil
		}
		if link != nil {
			link.pos = p.lines.Pos(mdtext.Offset(n))
			p.links = append(p.links, *link)
		}
		if out != string(*dest) {
			p.edit(mdtext.Offset(n), string(*dest), out)
		}
		*dest = []byte(out)
		return ast.WalkContinue, nil
	})
	return problems
}

// pageLink is a link to another page, or to a heading of one, which can
// be checked only once every page is known: the page may be a draft, the
// heading may not exist.
type pageLink struct {
	pos      diag.Position
	dest     string // as written
	target   string // the page's content path: "guide/intro.md"
	section  string // or, instead, the URL of a folder without an index page: "guide/"
	fragment string // the heading or row id, or ""
}

// checkLinks reports the links of p to pages that are not part of the
// site, or that lack the heading linked to.
func (s *site) checkLinks(p *page) diag.List {
	var problems diag.List
	for _, l := range p.links {
		if pr := s.check(l); pr != nil {
			pr.Pos = l.pos
			problems = append(problems, *pr)
		}
	}
	return problems
}

// anchored returns, for each page of s, the pages with a link to one of
// its headings or rows (a #fragment): those whose problems a change of
// its ids may make or mend, and the only ones.
func (s *site) anchored() *cowmap.Map[[]string] {
	m := cowmap.New[[]string](0)
	for name, p := range s.pages.All() {
		for _, t := range anchorTargets(p) {
			froms, _ := m.Get(t)
			m.Set(t, append(froms, name))
		}
	}
	return m
}

// anchorTargets returns the pages p links to by a #fragment, sorted, each
// once; none for a nil p.
func anchorTargets(p *page) []string {
	if p == nil {
		return nil
	}
	var ts []string
	for _, l := range p.links {
		if l.fragment != "" && l.target != "" {
			ts = append(ts, l.target)
		}
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

// reanchor moves the page name, in m (see anchored), from the pages was,
// its last version, links to by a #fragment to those is links to. The
// lists it changes are copied: m's copies share them.
func reanchor(m *cowmap.Map[[]string], name string, was, is *page) {
	old, now := anchorTargets(was), anchorTargets(is)
	if slices.Equal(old, now) {
		return
	}
	for _, t := range old {
		froms, _ := m.Get(t)
		froms = slices.DeleteFunc(slices.Clone(froms), func(f string) bool { return f == name })
		if len(froms) == 0 {
			m.Delete(t)
		} else {
			m.Set(t, froms)
		}
	}
	for _, t := range now {
		froms, _ := m.Get(t)
		m.Set(t, append(slices.Clip(froms), name))
	}
}

func (s *site) check(l pageLink) *diag.Problem {
	if l.target == "" {
		// The build makes the page of a folder that has pages of its own,
		// once drafts are left out; it has no headings to link to.
		sec := s.nav.Lookup(l.section)
		switch {
		case sec == nil || !sec.Section || len(sec.Children) == 0:
			return &diag.Problem{
				Msg:  fmt.Sprintf("broken link %q: no page in %s", l.dest, l.section),
				Hint: "link to a folder with pages, or to a .md page",
			}
		case l.fragment != "":
			return &diag.Problem{
				Msg:  fmt.Sprintf("broken link %q: the page of %s, which the build makes, has no heading %q", l.dest, l.section, l.fragment),
				Hint: "give the folder an _index.md with that heading, or leave out the #fragment",
			}
		}
		return nil
	}
	to, ok := s.pages.Get(l.target)
	if !ok {
		return &diag.Problem{
			Msg:  fmt.Sprintf("broken link %q: no page %s", l.dest, l.target),
			Hint: "fix the path; it is relative to this file (or to the content folder when it starts with /)",
		}
	}
	if l.fragment != "" && !to.hasID(l.fragment) {
		return &diag.Problem{
			Msg:  fmt.Sprintf("broken link %q: %s has no heading or row with id %q", l.dest, l.target, l.fragment),
			Hint: "link to one of that page's heading ids, or fix the heading",
		}
	}
	return nil
}

// resolve returns the URL to write for dest, a link destination on page
// p, or the problem with it, once every page is known.
func (s *site) resolve(p *page, dest string) (string, *diag.Problem) {
	out, link, problem := s.rewrite(p, dest)
	if problem == nil && link != nil {
		problem = s.check(*link)
	}
	return out, problem
}

// rewrite returns the URL to write for dest, a link destination on page p,
// from what is known before the pages are parsed: which files exist. A
// link to a page comes back to be checked once the pages are known.
func (s *site) rewrite(p *page, dest string) (string, *pageLink, *diag.Problem) {
	u, err := url.Parse(dest)
	if err != nil {
		return "", nil, &diag.Problem{Msg: fmt.Sprintf("malformed link %q: %v", dest, err)}
	}
	if u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return dest, nil, nil // external
	}
	if u.Path == "" {
		if u.Fragment != "" && !p.ids[u.Fragment] {
			return "", nil, &diag.Problem{
				Msg:  fmt.Sprintf("broken link %q: no heading or row with id %q on this page", dest, u.Fragment),
				Hint: "link to an existing heading id (see the page's table of contents) or fix the heading",
			}
		}
		return dest, nil, nil
	}

	target := u.Path
	if strings.HasPrefix(target, "/") {
		target = strings.TrimPrefix(path.Clean(target), "/")
	} else {
		target = path.Join(path.Dir(p.file), target)
	}
	if strings.HasPrefix(target, "../") || target == ".." {
		return "", nil, &diag.Problem{
			Msg:  fmt.Sprintf("broken link %q: it leads outside the content folder", dest),
			Hint: "link to a page or file inside the content folder",
		}
	}
	if target == "." {
		target = ""
	}

	suffix := ""
	if u.RawQuery != "" {
		suffix += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		suffix += "#" + u.EscapedFragment()
	}

	if path.Ext(target) == ".md" {
		// Rewritten from the name alone; whether the page exists is
		// for check.
		to, _ := siteurl.Page(target)
		return siteurl.Rel(p.url, to) + suffix, &pageLink{dest: dest, target: target, fragment: u.Fragment}, nil
	}
	// What comes out depends on which files exist: a preview that adds
	// or removes one rewrites the pages that looked its name up.
	p.deps = append(p.deps, target)
	if s.files[target] {
		return siteurl.Rel(p.url, target) + suffix, nil, nil
	}
	dir := strings.TrimSuffix(target, "/")
	if dir != "" {
		dir += "/"
	}
	if s.folders[dir] {
		index := dir + "_index.md"
		if !s.mdFiles[index] {
			index = dir + "index.md"
		}
		return siteurl.Rel(p.url, dir) + suffix, &pageLink{dest: dest, target: index, fragment: u.Fragment}, nil
	}
	if s.dirs[dir] {
		// A folder without an index page: the build makes its page.
		return siteurl.Rel(p.url, dir) + suffix, &pageLink{dest: dest, section: dir, fragment: u.Fragment}, nil
	}
	hint := "link to a .md page or to a file inside the content folder"
	// A link without .md to a page that has one (Docusaurus and MkDocs
	// allow it) is an error still, with the fix: with .md, the link also
	// works on GitHub and in editors, and cannot mean a folder instead.
	if page := strings.TrimSuffix(target, "/") + ".md"; target != "" && s.mdFiles[page] {
		hint = fmt.Sprintf("the page is %s: link to it with its .md, as %s", page, mdForm(dest))
	}
	return "", nil, &diag.Problem{
		Msg:  fmt.Sprintf("broken link %q: no page or file %s", dest, target),
		Hint: hint,
	}
}

// mdForm returns the link dest to a page written without its .md, with
// it: "rights" → "rights.md", "./unix/#x" → "./unix.md#x".
func mdForm(dest string) string {
	path, frag, _ := strings.Cut(dest, "#")
	path = strings.TrimSuffix(path, "/") + ".md"
	if frag != "" {
		path += "#" + frag
	}
	return path
}

// addExternal records dest, a destination on page p, when it is an
// http(s) URL. A protocol-relative URL (//example.com/x) is checked as
// https. Other schemes (mailto:, tel:) and malformed URLs, which resolve
// reports, are left out.
func (p *page) addExternal(offset int, dest string) {
	u, err := url.Parse(dest)
	if err != nil || u.Host == "" {
		return
	}
	switch u.Scheme {
	case "http", "https":
	case "":
		dest = "https:" + dest
	default:
		return
	}
	p.external = append(p.external, linkcheck.Link{URL: dest, Pos: p.lines.Pos(offset)})
}

// autoLinkOffset returns where an autolink starts: at its "<", or at the
// URL itself for one found in the text (www.example.com), whose node
// starts at the character before it.
func autoLinkOffset(n *ast.AutoLink, src []byte) int {
	off := mdtext.Offset(n)
	if off < len(src) && src[off] != '<' {
		if i := bytes.Index(src[off:], n.Label(src)); i >= 0 {
			off += i
		}
	}
	return off
}
