// Package siteurl makes the URLs of a site's pages: the clean URL of a
// content file, the relative link from one page to another, the way back
// to the site root, and paths escaped for places that take URLs as they
// are.
//
// A site URL path is relative to the site root, without a leading slash,
// and a folder's ends with one: "" is the home page, "guide/intro/" a
// page, "theme.css" a file. Links between pages are relative, so that a
// site works under any sub-path and opened from disk; every link the
// build writes between its own pages is made here.
package siteurl

import (
	"net/url"
	"path"
	"strings"
)

// Page maps a content path to its clean URL: "a/b.md" → "a/b/",
// "a/_index.md" and "a/index.md" → "a/", with index true.
func Page(file string) (url string, index bool) {
	dir, base := path.Split(file)
	name := strings.TrimSuffix(base, path.Ext(base))
	if name == "_index" || name == "index" {
		return dir, true
	}
	return dir + name + "/", false
}

// Rel returns the shortest relative URL that leads from the page at URL
// path from to the site URL path to: "../c/" from "a/b/" to "a/c/", "./"
// from a page to itself. It is always relative, whatever the names: see
// Safe.
func Rel(from, to string) string {
	ups, rest := RelParts(from, to)
	if ups == 0 {
		if rest == "" {
			return "./"
		}
		return Safe(rest)
	}
	rest = escape(rest)
	var b strings.Builder
	b.Grow(3*ups + len(rest))
	for range ups {
		b.WriteString("../")
	}
	b.WriteString(rest)
	return b.String()
}

// RelParts returns the link Rel makes as the number of folders it climbs
// out of ("../" each) and the rest of to below the folders from and to
// share, for writers that write the link without making it a string.
func RelParts(from, to string) (ups int, rest string) {
	// Every page's navigation makes some 75 of these, so no splitting:
	// find the folders from and to share, then climb out of the rest of
	// from's. from is a folder: "a/b" is "a/b/".
	if from != "" && from[len(from)-1] != '/' {
		from += "/"
	}
	shared := 0 // the length of the folders they share, up to and including a '/'
	for i := 0; i < len(from) && i < len(to) && from[i] == to[i]; i++ {
		if from[i] == '/' {
			shared = i + 1
		}
	}
	return strings.Count(from[shared:], "/"), to[shared:]
}

// Safe returns the site URL path u as a relative link writes it, so that
// no browser reads it as anything but a path of the site, whatever the
// names of files and folders: '%', '#', '?' and '\' are escaped (a
// browser would read them as an escape, a fragment, a query, or a '/'),
// and "./" goes in front when the first segment holds a colon, which
// would make it a scheme ("javascript:alert(1)/" from a folder of that
// name). Other bytes are left to the writer's escaping (html/template's,
// or one that writes as it does). Every relative link the build writes
// between its own files passes through here (see Rel).
func Safe(u string) string {
	u = escape(u)
	if NeedsDot(u) {
		return "./" + u
	}
	return u
}

// escape escapes the bytes of u a browser would read as other than a
// path (see Safe).
func escape(u string) string {
	if !strings.ContainsAny(u, `%#?\`) {
		return u
	}
	return pathEscaper.Replace(u)
}

var pathEscaper = strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F", `\`, "%5C")

// NeedsDot reports whether the escaped relative URL u needs "./" in front
// to stay a path, for writers that write the link without making it a
// string (see Safe).
func NeedsDot(u string) bool {
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case ':':
			return true
		case '/':
			return false
		}
	}
	return false
}

// Escaped returns u with the bytes a browser would read as other than a
// path escaped, as Safe does, for links that start with a path of their
// own, such as those of 404.html, which start with the base URL's path.
func Escaped(u string) string { return escape(u) }

// Root returns the relative path from the folder of URL path from to the
// site root: "" for the home page, "../../" for "a/b/".
func Root(from string) string {
	return strings.Repeat("../", strings.Count(from, "/"))
}

// Escape escapes each segment of a site URL path ("my page/" →
// "my%20page/"), for places that take URLs as they are, such as
// sitemap.xml; html/template escapes links in pages by itself.
func Escape(u string) string {
	segs := strings.Split(u, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// BasePath returns the path part of an absolute base URL with a trailing
// slash ("https://example.com/docs/" → "/docs/"), the base URL itself when
// it is a path, and "/" when it is empty.
func BasePath(baseURL string) string {
	if i := strings.Index(baseURL, "://"); i >= 0 {
		rest := baseURL[i+3:]
		if j := strings.Index(rest, "/"); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	if strings.HasPrefix(baseURL, "/") {
		return baseURL
	}
	return "/"
}
