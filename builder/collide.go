package builder

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kettu/kettudocs/builder/diag"
)

// A product is a file of the output and where it comes from.
type product struct {
	out  string // slash path in the output: "guide/index.html"
	from string // the page or file of the content it comes from; "" for the build's own files
	own  string // for the build's own files, what makes them, for messages
}

// products lists every file a build of s writes: its pages, its files, and
// the build's own (listing pages, 404.html, sitemap.xml, the theme's static
// files).
// The search index is left out: its name holds a hash no source can
// guess.
func (b *Builder) products(s *site) []product {
	var out []product
	for _, p := range s.pages {
		out = append(out, product{out: p.url + "index.html", from: p.file})
		out = append(out, product{out: p.url + "index.md", from: p.file}) // llms.go
	}
	for name := range s.files {
		out = append(out, product{out: name, from: name})
	}
	for _, u := range s.generated {
		l := s.listings[u]
		out = append(out, product{out: u + "index.html", own: fmt.Sprintf("page %d of the listing of the section /%s", l.Page, strings.TrimSuffix(u, listingSuffix(l.Page)))})
	}
	out = append(out, product{out: "404.html", own: "the build's 404.html"})
	if b.permalink("") != "" {
		out = append(out, product{out: "sitemap.xml", own: "the build's sitemap.xml"})
	}
	out = append(out, product{out: "llms.txt", own: "the build's llms.txt"})
	for _, a := range b.assets {
		out = append(out, product{out: a.Out, own: "the theme's " + a.Out})
	}
	return out
}

// collisions reports the sources that would write one output file, all at
// once, each on the source that sorts last, naming the others:
//
//   - two sources with the same output path, or paths that differ only in
//     case, which are one file on case-insensitive file systems (macOS,
//     Windows, many hosts);
//   - a source whose output path is a folder another needs.
//
// A content file with exactly the name of one the build makes itself is
// not a problem: it replaces the build's file (see the package doc,
// section Output). Files the build makes do not collide with each other.
func collisions(products []product) diag.List {
	sorted := append([]product(nil), products...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].from != sorted[j].from {
			return sorted[i].from < sorted[j].from
		}
		return sorted[i].out < sorted[j].out
	})
	var problems diag.List
	// A page has two products, its HTML and its Markdown, in one folder:
	// a clash of the page is reported once, not once for each.
	reported := make(map[string]bool)
	once := func(p, q product, dir string) bool {
		k := p.from + "\x00" + q.from + "\x00" + q.own + "\x00" + dir
		if reported[k] {
			return false
		}
		reported[k] = true
		return true
	}
	byFold := make(map[string][]product)
	for _, p := range sorted {
		k := fold(p.out)
		byFold[k] = append(byFold[k], p)
	}
	for _, p := range sorted {
		if p.from == "" {
			continue
		}
		for _, q := range byFold[fold(p.out)] {
			if q == p {
				break // report each pair once, on the later source
			}
			if q.from == "" && q.out == p.out && path.Ext(p.from) != ".md" {
				continue // the content's file replaces the build's
			}
			if once(p, q, "") {
				problems = append(problems, clash(p, q))
			}
		}
		for dir := path.Dir(p.out); dir != "."; dir = path.Dir(dir) {
			for _, q := range byFold[fold(dir)] {
				if !once(p, q, dir) {
					continue
				}
				problems = append(problems, diag.Problem{
					Pos:  diag.Position{File: p.from},
					Msg:  fmt.Sprintf("%s becomes %s, which needs a folder %s where %s puts a file", describe(p), p.out, dir, describe(q)),
					Hint: "rename or move one of them",
				})
			}
		}
	}
	return problems
}

func clash(p, q product) diag.Problem {
	if p.out == q.out {
		return diag.Problem{
			Pos:  diag.Position{File: p.from},
			Msg:  fmt.Sprintf("%s and %s both become %s", describe(p), describe(q), p.out),
			Hint: "rename or move one of them",
		}
	}
	const ignore = "one file where names ignore case (macOS, Windows, many hosts)"
	if q.from == "" {
		return diag.Problem{
			Pos:  diag.Position{File: p.from},
			Msg:  fmt.Sprintf("%s becomes %s, %s with %s", describe(p), p.out, ignore, describe(q)),
			Hint: fmt.Sprintf("name it %s to replace that file, or rename it", q.out),
		}
	}
	return diag.Problem{
		Pos:  diag.Position{File: p.from},
		Msg:  fmt.Sprintf("%s becomes %s, and %s becomes %s: %s", describe(p), p.out, describe(q), q.out, ignore),
		Hint: "rename one of them so that their names differ in more than case",
	}
}

// describe names where a product comes from, as a writer knows it.
func describe(p product) string {
	switch {
	case p.from == "":
		return p.own
	case path.Ext(p.from) == ".md":
		return "page " + p.from
	}
	return "file " + p.from
}

// fold maps s to a key shared by every spelling of s that differs only in
// case, rune by rune (Unicode simple case folding).
func fold(s string) string {
	// ASCII, nearly every path: a letter's lowest is its capital (the
	// other runes of its orbit, such as the Kelvin sign of k, are beyond
	// ASCII), anything else is its own; strings.ToUpper does that for
	// ASCII without a copy when there is nothing to change. A site's
	// 20,000 paths were folded a rune at a time through
	// unicode.SimpleFold before.
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldRunes(s)
		}
	}
	return strings.ToUpper(s)
}

// foldRunes is fold for any text.
func foldRunes(s string) string {
	return strings.Map(func(r rune) rune {
		lowest := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			lowest = min(lowest, f)
		}
		return lowest
	}, s)
}
