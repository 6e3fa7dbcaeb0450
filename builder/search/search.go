// Package search builds the index of a site's client-side search from the
// goldmark trees of its pages: the trees the build has already parsed, so
// no page is parsed twice.
//
// The index has one entry per section of a page (the text under each h2
// and h3 heading, and the text above the first of them) and one per row of
// a code table that has an id:
//
//	x := search.New()
//	for _, p := range pages { // in a deterministic order
//		x.Add(p.doc, p.src, p.url, p.title)
//	}
//	js := x.JS() // window.kettudocsSearch = {...};
//
// The index is a script, not JSON, so that pages opened from disk can load
// it with a script element where fetch would fail. The package knows
// nothing of any API; the rows it indexes are those that carry an id
// attribute, such as the rows package drift binds to a registry.
package search

import (
	"bytes"
	"encoding/json"
	"kettudocs/builder/mdtext"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Var is the global variable the index script sets.
const Var = "kettudocsSearch"

// Caps on the text of an entry, in bytes. Longer text is cut at a word.
const (
	MaxTitle = 200
	MaxText  = 3000 // prose
	MaxCode  = 1000 // code blocks, which rank below prose
)

// Index collects the entries of pages. The zero value is not ready; use
// New. An Index is not safe for concurrent use.
type Index struct {
	pages   []Page
	entries []Entry
}

// Page is a page of the index.
type Page struct {
	URL   string `json:"u"` // site-relative: "guide/intro/", "" for the home page
	Title string `json:"t"`
}

// Entry is one result the search can find: a section of a page or a row
// of a code table. In the index script, fields with their zero value are
// left out.
type Entry struct {
	Page    int    `json:"p"`           // index into the pages
	ID      string `json:"a,omitempty"` // the heading or row id; "" for the top of the page
	Title   string `json:"t"`           // the heading; the page title; a row's first two cells
	Section string `json:"s,omitempty"` // the heading above: h2 of an h3, heading of a row
	Text    string `json:"x,omitempty"` // plain text, whitespace collapsed
	Code    string `json:"c,omitempty"` // text of code blocks
	Key     string `json:"k,omitempty"` // a row's first cell, its code: "4004"
}

// New returns an empty index.
func New() *Index { return &Index{} }

// Add indexes the page at site-relative url with the given title, whose
// Markdown src parsed into doc. Entries keep the order of Add calls and of
// the page, which breaks ties between equally good results.
func (x *Index) Add(doc ast.Node, src []byte, url, title string) {
	pi := len(x.pages)
	x.pages = append(x.pages, Page{URL: url, Title: cut(title, MaxTitle)})
	w := &walker{x: x, src: src, page: pi, title: title}
	w.open(Entry{Page: pi, Title: x.pages[pi].Title})
	w.block(doc)
	w.close()
}

// Pages returns the pages added so far.
func (x *Index) Pages() []Page { return x.pages }

// Entries returns the entries of the pages added so far, in order.
func (x *Index) Entries() []Entry { return x.entries }

// JS returns the index as a script that sets window.kettudocsSearch to
// {"pages": [...], "entries": [...]}. The output depends only on what was
// added, and in which order. Text is JSON-escaped with <, > and & as
// \u003c and so on, so no "</script>" or "<!--" can appear in it.
func (x *Index) JS() []byte {
	var buf bytes.Buffer
	buf.WriteString("window." + Var + "=")
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	v := struct {
		Pages   []Page  `json:"pages"`
		Entries []Entry `json:"entries"`
	}{x.pages, x.entries}
	if v.Pages == nil {
		v.Pages = []Page{}
	}
	if v.Entries == nil {
		v.Entries = []Entry{}
	}
	if err := enc.Encode(v); err != nil {
		panic(err) // strings and ints only: cannot fail
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	buf.WriteString(";\n")
	return buf.Bytes()
}

// walker collects the entries of one page.
type walker struct {
	x          *Index
	src        []byte
	page       int
	title      string
	cur        int             // the open section entry
	text, code strings.Builder // its text so far
	h2         string          // the last h2, the section of an h3
}

// open starts a section entry, which collects text until the next.
func (w *walker) open(e Entry) {
	w.cur = len(w.x.entries)
	w.x.entries = append(w.x.entries, e)
}

// close finishes the open section entry.
func (w *walker) close() {
	e := &w.x.entries[w.cur]
	e.Text = cut(collapse(w.text.String()), MaxText)
	e.Code = cut(collapse(w.code.String()), MaxCode)
	w.text.Reset()
	w.code.Reset()
}

func (w *walker) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		text := mdtext.Inline(n, w.src)
		id := attr(n, "id")
		switch {
		case (n.Level == 2 || n.Level == 3) && id != "":
			w.close()
			e := Entry{Page: w.page, ID: id, Title: cut(text, MaxTitle)}
			if n.Level == 2 {
				w.h2 = text
			} else {
				e.Section = cut(w.h2, MaxTitle)
			}
			w.open(e)
		case n.Level == 1 && text == w.title:
			// The page title, which every entry of the page shows.
		default:
			w.add(&w.text, text)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			w.code.Write(seg.Value(w.src))
		}
		w.code.WriteByte(' ')
	case *ast.HTMLBlock:
		// Raw HTML, such as the markers of code tables: not text.
	case *east.Table:
		w.table(n)
	case *ast.Paragraph, *ast.TextBlock:
		w.add(&w.text, mdtext.Inline(n, w.src))
	default: // the document, lists, quotes, footnotes
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c)
		}
	}
}

// table indexes each row with an id as an entry of its own, titled by its
// first two cells, and adds the other rows to the section's text. The
// header of a table with such rows only names its columns, and is left out.
func (w *walker) table(t *east.Table) {
	bound := false
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		if _, ok := r.(*east.TableRow); ok && attr(r, "id") != "" {
			bound = true
			break
		}
	}
	sec := w.x.entries[w.cur]
	section := sec.Title
	if sec.ID == "" {
		section = "" // above the first heading: the page itself
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, mdtext.Inline(c, w.src))
		}
		id := attr(r, "id")
		_, header := r.(*east.TableHeader)
		switch {
		case header && bound:
			continue // names the columns of the rows below
		case id == "":
			w.add(&w.text, strings.Join(cells, " "))
			continue
		}
		e := Entry{Page: w.page, ID: id, Section: cut(section, MaxTitle)}
		if len(cells) > 0 {
			e.Key = cut(cells[0], MaxTitle)
		}
		head, rest := cells, []string(nil)
		if len(cells) > 2 {
			head, rest = cells[:2], cells[2:]
		}
		e.Title = cut(collapse(strings.Join(head, " ")), MaxTitle)
		e.Text = cut(collapse(strings.Join(rest, " ")), MaxText)
		w.x.entries = append(w.x.entries, e)
	}
}

// add appends text to b, apart from what is there.
func (w *walker) add(b *strings.Builder, text string) {
	if text == "" {
		return
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(text)
}

// attr returns n's attribute name as a string, or "".
func attr(n ast.Node, name string) string {
	v, ok := n.AttributeString(name)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}

// collapse turns every run of white space into one space and trims the ends.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// cut shortens s to at most max bytes, at a word if there is one in the
// second half, else at a character.
func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	if i := strings.LastIndexByte(s[:max+1], ' '); i > max/2 {
		return s[:i]
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}
