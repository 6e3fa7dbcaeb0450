package output

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kettu/kettudocs/builder/diag"
	"golang.org/x/text/unicode/norm"
)

// A Product is a file of the output and where it comes from.
type Product struct {
	Out  string // slash path in the output: "guide/index.html"
	From string // the page or file of the content it comes from; "" for the build's own files
	Own  string // for the build's own files, what makes them, for messages; for a page's other files, what they are ("alias /old/")
}

// Collisions reports the sources that would write one output file, all at
// once, each on the source that sorts last, naming the others:
//
//   - two sources with the same output path, or paths that differ only in
//     case, which are one file on case-insensitive file systems (macOS,
//     Windows, many hosts);
//   - a source whose output path is a folder another needs.
//
// With replace, a content file with exactly the name of one the build
// makes itself is not a problem: it replaces the build's file (see the
// package doc, section Output). Without, it is: a site that sanitizes its
// pages does not let a writer replace the theme's script or the build's
// files. Files the build makes do not collide with each other.
func Collisions(products []Product, replace bool) diag.List {
	sorted := append([]Product(nil), products...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].From != sorted[j].From {
			return sorted[i].From < sorted[j].From
		}
		return sorted[i].Out < sorted[j].Out
	})
	var problems diag.List
	// A page has two products, its HTML and its Markdown, in one folder:
	// a clash of the page is reported once, not once for each.
	reported := make(map[string]bool)
	once := func(p, q Product, dir string) bool {
		k := p.From + "\x00" + q.From + "\x00" + q.Own + "\x00" + dir
		if reported[k] {
			return false
		}
		reported[k] = true
		return true
	}
	byFold := make(map[string][]Product)
	for _, p := range sorted {
		k := fold(p.Out)
		byFold[k] = append(byFold[k], p)
	}
	for _, p := range sorted {
		if p.From == "" {
			continue
		}
		for _, q := range byFold[fold(p.Out)] {
			if q == p {
				break // report each pair once, on the later source
			}
			if q.From == "" && q.Out == p.Out && path.Ext(p.From) != ".md" {
				if replace {
					continue // the content's file replaces the build's
				}
				problems = append(problems, diag.Problem{
					Pos:  diag.Position{File: p.From},
					Msg:  fmt.Sprintf("%s would replace %s, %s", describe(p), q.Own, q.Out),
					Hint: "rename it; content files replace the build's and the theme's only on sites that trust their writers (unsafe_html: true in kettudocs.yaml; see the README, Security)",
				})
				continue
			}
			if once(p, q, "") {
				problems = append(problems, clash(p, q))
			}
		}
		for dir := path.Dir(p.Out); dir != "."; dir = path.Dir(dir) {
			for _, q := range byFold[fold(dir)] {
				if !once(p, q, dir) {
					continue
				}
				problems = append(problems, diag.Problem{
					Pos:  diag.Position{File: p.From},
					Msg:  fmt.Sprintf("%s becomes %s, which needs a folder %s where %s puts a file", describe(p), p.Out, dir, describe(q)),
					Hint: "rename or move one of them",
				})
			}
		}
	}
	return problems
}

func clash(p, q Product) diag.Problem {
	if p.Out == q.Out {
		return diag.Problem{
			Pos:  diag.Position{File: p.From},
			Msg:  fmt.Sprintf("%s and %s both become %s", describe(p), describe(q), p.Out),
			Hint: "rename or move one of them",
		}
	}
	ignore := "one file where names ignore case (macOS, Windows, many hosts)"
	if norm.NFC.String(p.Out) == norm.NFC.String(q.Out) {
		ignore = "one file where names ignore how accents are written (macOS): the same letters, composed or not (Unicode NFC and NFD)"
	}
	if q.From == "" {
		return diag.Problem{
			Pos:  diag.Position{File: p.From},
			Msg:  fmt.Sprintf("%s becomes %s, %s with %s", describe(p), p.Out, ignore, describe(q)),
			Hint: fmt.Sprintf("name it %s to replace that file, or rename it", q.Out),
		}
	}
	return diag.Problem{
		Pos:  diag.Position{File: p.From},
		Msg:  fmt.Sprintf("%s becomes %s, and %s becomes %s: %s", describe(p), p.Out, describe(q), q.Out, ignore),
		Hint: "rename one of them so that their names differ in more than case",
	}
}

// describe names where a Product comes from, as a writer knows it.
func describe(p Product) string {
	switch {
	case p.From == "":
		return p.Own
	case p.Own != "": // a product of the page besides its own: an alias
		return p.Own + " of page " + p.From
	case path.Ext(p.From) == ".md":
		return "page " + p.From
	}
	return "file " + p.From
}

// fold maps s to a key shared by every spelling of s that differs only in
// case, rune by rune (Unicode simple case folding), or in Unicode
// normalization: "café" written with é as one rune (NFC) or as e and a
// combining accent (NFD), which macOS's file systems take for one name.
func fold(s string) string {
	// ASCII, nearly every path: a letter's lowest is its capital (the
	// other runes of its orbit, such as the Kelvin sign of k, are beyond
	// ASCII), anything else is its own; strings.ToUpper does that for
	// ASCII without a copy when there is nothing to change. A site's
	// 20,000 paths were folded a rune at a time through
	// unicode.SimpleFold before.
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldRunes(norm.NFC.String(s))
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
