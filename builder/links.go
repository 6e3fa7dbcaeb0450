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

	"github.com/yuin/goldmark/ast"

	"kettudocs/builder/diag"
	"kettudocs/builder/linkcheck"
)

// site is what link resolution needs to know about the whole content.
type site struct {
	pages map[string]*page // by content path: "guide/intro.md"
	byURL map[string]*page // by URL path: "guide/intro/"
	files map[string]bool  // other content files, copied as they are

	// external holds every http(s) link, image and autolink of the pages,
	// where it is used, for CheckExternal.
	external []linkcheck.Link
}

// CheckExternal is Check plus a check of every external link with c: it
// loads the site once, hands each use of an http(s) URL in a link, image
// or autolink to c, and returns the site's problems and the broken links
// together, sorted, with c's report of what it checked for a summary. Its
// error is non-nil when the content cannot be read or ctx is done.
func (b *Builder) CheckExternal(ctx context.Context, c *linkcheck.Checker) (diag.List, *linkcheck.Report, error) {
	s, problems, err := b.load(ctx)
	if err != nil {
		return nil, nil, err
	}
	links := slices.SortedFunc(slices.Values(s.external), func(a, b linkcheck.Link) int {
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
// for all but index pages. External links are collected in s.external.
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
				s.addExternal(p, autoLinkOffset(n, p.src), string(n.URL(p.src)))
			}
			return ast.WalkContinue, nil
		default:
			return ast.WalkContinue, nil
		}
		s.addExternal(p, nodeOffset(n), string(*dest))
		out, problem := s.resolve(p, string(*dest))
		if problem != nil {
			problem.Pos = p.lines.Pos(nodeOffset(n))
			problems = append(problems, *problem)
			return ast.WalkContinue, nil
		}
		*dest = []byte(out)
		return ast.WalkContinue, nil
	})
	return problems
}

// resolve returns the URL to write for dest, a link destination on page p.
func (s *site) resolve(p *page, dest string) (string, *diag.Problem) {
	u, err := url.Parse(dest)
	if err != nil {
		return "", &diag.Problem{Msg: fmt.Sprintf("malformed link %q: %v", dest, err)}
	}
	if u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return dest, nil // external
	}
	if u.Path == "" {
		if u.Fragment != "" && !p.ids[u.Fragment] {
			return "", &diag.Problem{
				Msg:  fmt.Sprintf("broken link %q: no heading or row with id %q on this page", dest, u.Fragment),
				Hint: "link to an existing heading id (see the page's table of contents) or fix the heading",
			}
		}
		return dest, nil
	}

	target := u.Path
	if strings.HasPrefix(target, "/") {
		target = strings.TrimPrefix(path.Clean(target), "/")
	} else {
		target = path.Join(path.Dir(p.file), target)
	}
	if strings.HasPrefix(target, "../") || target == ".." {
		return "", &diag.Problem{
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
		to, ok := s.pages[target]
		if !ok {
			return "", &diag.Problem{
				Msg:  fmt.Sprintf("broken link %q: no page %s", dest, target),
				Hint: "fix the path; it is relative to this file (or to the content folder when it starts with /)",
			}
		}
		if u.Fragment != "" && !to.ids[u.Fragment] {
			return "", &diag.Problem{
				Msg:  fmt.Sprintf("broken link %q: %s has no heading or row with id %q", dest, target, u.Fragment),
				Hint: "link to one of that page's heading ids, or fix the heading",
			}
		}
		return relURL(p.url, to.url) + suffix, nil
	}
	if s.files[target] {
		return relURL(p.url, target) + suffix, nil
	}
	dir := strings.TrimSuffix(target, "/")
	if dir != "" {
		dir += "/"
	}
	if to, ok := s.byURL[dir]; ok {
		return relURL(p.url, to.url) + suffix, nil
	}
	return "", &diag.Problem{
		Msg:  fmt.Sprintf("broken link %q: no page or file %s", dest, target),
		Hint: "link to a .md page or to a file inside the content folder",
	}
}

// addExternal records dest, a destination on page p, when it is an
// http(s) URL. A protocol-relative URL (//example.com/x) is checked as
// https. Other schemes (mailto:, tel:) and malformed URLs, which resolve
// reports, are left out.
func (s *site) addExternal(p *page, offset int, dest string) {
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
	s.external = append(s.external, linkcheck.Link{URL: dest, Pos: p.lines.Pos(offset)})
}

// autoLinkOffset returns where an autolink starts: at its "<", or at the
// URL itself for one found in the text (www.example.com), whose node
// starts at the character before it.
func autoLinkOffset(n *ast.AutoLink, src []byte) int {
	off := nodeOffset(n)
	if off < len(src) && src[off] != '<' {
		if i := bytes.Index(src[off:], n.Label(src)); i >= 0 {
			off += i
		}
	}
	return off
}

// relURL returns the shortest relative URL that leads from the page at URL
// path from ("a/b/") to the site-relative path to ("a/c/", "a/img.png").
// Links are relative so that a site works under any sub-path and opened
// from disk.
func relURL(from, to string) string {
	fromDirs := strings.Split(strings.TrimSuffix(from, "/"), "/")
	if from == "" {
		fromDirs = nil
	}
	toParts := strings.Split(to, "/")
	i := 0
	for i < len(fromDirs) && i < len(toParts)-1 && fromDirs[i] == toParts[i] {
		i++
	}
	r := strings.Repeat("../", len(fromDirs)-i) + strings.Join(toParts[i:], "/")
	if r == "" {
		return "./"
	}
	return r
}

// rootPrefix returns the relative path from the folder of URL path from to
// the site root: "" for the home page, "../../" for "a/b/".
func rootPrefix(from string) string {
	return strings.Repeat("../", strings.Count(from, "/"))
}

// nodeOffset returns the byte offset where n starts, or where its closest
// positioned ancestor starts.
func nodeOffset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if pos := n.Pos(); pos >= 0 {
			return pos
		}
		if t, ok := n.FirstChild().(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}
