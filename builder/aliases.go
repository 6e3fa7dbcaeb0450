package builder

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/frontmatter"
	"github.com/kettu/kettudocs/builder/markdown"
	"github.com/kettu/kettudocs/builder/output"
	"github.com/kettu/kettudocs/builder/siteurl"
)

// An alias is an old URL of a page, which leads to it: a page of its own
// that sends the reader on (see aliasPage), and a line of _redirects.

// aliasFile returns the output file of the alias u, a URL path: its
// index.html, or u itself when it names an .html file.
func aliasFile(u string) string {
	if strings.HasSuffix(u, ".html") {
		return u
	}
	return u + "index.html"
}

// readAliases reads the aliases of p's front matter into p.aliases,
// each a site URL path ("old/path/", "old/page.html"), and returns the
// problems of those that are not.
func (p *page) readAliases() diag.List {
	var problems diag.List
	for _, key := range []string{"aliases", "redirect_from"} {
		list := p.meta.Aliases
		if key == "redirect_from" {
			list = p.meta.RedirectFrom
		}
		for _, a := range list {
			u, err := aliasURL(a)
			if err == "" && u == p.url {
				err = "it is the page's own URL"
			}
			if err != "" {
				problems = append(problems, diag.Problem{
					Pos:  p.keyPos(key),
					Msg:  fmt.Sprintf("alias %q: %s", a, err),
					Hint: "an alias is a path of this site where the page used to be, such as /gateway/close-codes/ (under the site's base URL, as the page's own URL is)",
				})
				continue
			}
			if !slices.Contains(p.aliases, u) {
				p.aliases = append(p.aliases, u)
			}
		}
	}
	return problems
}

// aliasURL returns the site URL path an alias names, or why it names none.
func aliasURL(a string) (string, string) {
	a = strings.TrimSpace(a)
	switch {
	case a == "" || a == "/":
		return "", "it names the site's home"
	case strings.Contains(a, "://") || strings.HasPrefix(a, "//"):
		return "", "it is a URL of another site"
	case strings.ContainsAny(a, "?#\\") || strings.ContainsFunc(a, output.Control):
		return "", "a path has no query, fragment, backslash or control character"
	}
	u := strings.TrimPrefix(a, "/")
	for _, seg := range strings.Split(strings.TrimSuffix(u, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") {
			return "", "its segments may not be empty, . or .., nor start with a dot"
		}
	}
	if !strings.HasSuffix(u, "/") && !strings.HasSuffix(u, ".html") {
		u += "/"
	}
	return u, ""
}

// keyPos returns where the front matter key key is, or where the front
// matter starts.
func (p *page) keyPos(key string) diag.Position {
	return frontmatter.KeyPos(p.src, p.fmStart, p.lines, key)
}

// keepAnchors adds the old ids of the page's front matter (anchors: old id
// → the id it moved to) to the elements that have the new ones, as empty
// elements, and returns the problems of those it cannot.
func (p *page) keepAnchors() diag.List {
	if len(p.meta.Anchors) == 0 {
		return nil
	}
	var problems diag.List
	problem := func(msg, hint string) {
		problems = append(problems, diag.Problem{Pos: p.keyPos("anchors"), Msg: msg, Hint: hint})
	}
	targets := map[string]ast.Node{}
	ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Heading, *east.TableRow:
			if v, ok := n.AttributeString("id"); ok {
				if id, ok := v.([]byte); ok {
					targets[string(id)] = n
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, old := range slices.Sorted(maps.Keys(p.meta.Anchors)) {
		to := p.meta.Anchors[old]
		n := targets[to]
		switch {
		case old == "" || strings.ContainsFunc(old, func(r rune) bool { return r <= ' ' || r == '"' || r == '#' }):
			problem(fmt.Sprintf("anchors: %q is not an id", old), "write the old id as it was in links, without #: close-event-codes")
		case p.ids[old]:
			problem(fmt.Sprintf("anchors: the page has the id %q already", old), "remove it from anchors")
		case n == nil:
			problem(fmt.Sprintf("anchors: %s → %s: the page has no heading or row with the id %q", old, to, to), "name the id the heading has now, as in its link (#"+to+")")
		default:
			if row, ok := n.(*east.TableRow); ok {
				n = row.FirstChild()
			}
			if n != nil {
				n.InsertBefore(n, n.FirstChild(), markdown.NewAnchor(old))
				p.ids[old] = true
			}
		}
	}
	return problems
}

// aliasPage is the page at an alias: it sends the reader on to the page,
// keeping the fragment, by script (which also finds index.html from
// disk) and by a refresh without one; it tells search engines the page's
// URL and to index it there.
var aliasPage = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}} (moved)</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{{.Canonical}}">
<script>location.replace({{.To}} + (location.protocol === "file:" ? "index.html" : "") + location.hash)</script>
<meta http-equiv="refresh" content="0; url={{.To}}">
</head>
<body>
<p>This page has moved to <a href="{{.To}}">{{.Title}}</a>.</p>
</body>
</html>
`))

// aliasHTML returns the page at the alias u of p.
func (b *Builder) aliasHTML(u string, p *page) ([]byte, error) {
	from := u
	if strings.HasSuffix(u, ".html") {
		from = u[:strings.LastIndexByte(u, '/')+1]
	}
	to := siteurl.Rel(from, p.url)
	canonical := b.permalink(siteurl.Escape(p.url))
	if canonical == "" {
		canonical = to
	}
	var buf bytes.Buffer
	err := aliasPage.Execute(&buf, struct {
		Title, To, Canonical string
	}{p.title, to, canonical})
	return buf.Bytes(), err
}

// redirects returns the _redirects file of Netlify and Cloudflare Pages:
// a permanent redirect from each alias to its page, under the base URL's
// path, in reading order; nil when no page has aliases.
func (b *Builder) redirects(order []*page) []byte {
	base := siteurl.BasePath(b.cfg.BaseURL)
	var buf bytes.Buffer
	for _, p := range order {
		for _, a := range p.aliases {
			fmt.Fprintf(&buf, "%s%s %s%s 301\n", base, siteurl.Escape(a), base, siteurl.Escape(p.url))
		}
	}
	if buf.Len() == 0 {
		return nil
	}
	return append([]byte("# Written by kettudocs from the pages' aliases.\n"), buf.Bytes()...)
}
