// Package search builds the index of a site's client-side search from the
// goldmark trees of its pages: the trees the build has already parsed, so
// no page is parsed twice.
//
// The index has one entry per section of a page (the text under each h2
// and h3 heading, and the text above the first of them) and one per row of
// a code table that has an id. A build extracts each page as it parses it,
// in parallel, keeping only a compact Page whose terms are numbered in a
// Dict of the goroutine's, and builds the index from the pages in reading
// order once all are known:
//
//	p.search = dict.Extract(doc, src, url, title) // a Dict per goroutine
//	...
//	x := search.Build(pages) // in reading order
//	for _, f := range x.Files {
//		write(f.Name, f.Data)
//	}
//	link(x.Entry) // the one file pages load: search/index.js
//
// BuildState also returns the index's State: every term's whole list of
// entries, without the pages' texts. A build that changed a few pages
// keeps it, and State.Update makes the next index from it and the changed
// pages' extracts alone, the same files Build would make of all pages.
//
// # Format
//
// The index is split so that a query loads a small part of it. Every file
// is a script, not JSON, so that pages opened from disk can load it with a
// script element where fetch would fail; each hands its data to the
// global kettudocsSearch, which the entry file creates and search.js
// completes:
//
//   - search/index.js (EntryName), the entry, sets window.kettudocsSearch to
//     the directory of the directory files: {"v": 5, "n": shards, "g": 64,
//     "s": "sep|sep|...", "h": "HASH...", "b": 64, "k": 256, "f":
//     "HASH..."}. Each shard has a separator: the shortest prefix of its
//     first term that sorts after the previous shard's last term. The
//     shards' separators and hashes are listed g (DirShards) to a
//     directory file; s holds the separator of each directory file's
//     first shard, h the 8-digit hashes of the directory files' names,
//     concatenated. b is PageBucket; the hashes shared by the names of
//     each bucket of b page files are listed k (DirBuckets) to a bucket
//     file, and f holds the bucket files' hashes. The entry grows with
//     the site by 13 bytes or so for 64 shards and 8 for 16,384 pages.
//     Its name never changes, so no page changes when the index does.
//   - search/dN.HASH.js, the directory files, call kettudocsSearch.dir(N,
//     "sep|sep|...", "HASH..."): the separators and name hashes of shards
//     N*g to N*g+g-1. A query loads the directory file of each term it
//     looks up and the two beside it, for the shards on either side.
//   - search/fN.HASH.js, the bucket files, call kettudocsSearch.pages(N,
//     "HASH..."): the hashes of page buckets N*k to N*k+k-1.
//   - search/tN.HASH.js, the term shards, call kettudocsSearch.add(N,
//     "term|term|...", "postings,postings,..."). Terms are sorted (by
//     UTF-16 code units, as JavaScript compares strings) and cut into
//     contiguous ranges of about ChunkSize bytes. The postings of a term
//     list the entries it occurs in, ordered by page and entry, each as
//     two numbers: the page's distance from the previous posting's page
//     and entry<<4 | flags, where flags&3 is the best field the term
//     occurs in (3 title, 2 section, page title or the first sentence of
//     the text, 1 text, 0 code),
//     flags&4 marks the entry whose code-table key is exactly the term,
//     and flags&8 the entry whose title is exactly the term.
//     Numbers are written 5 bits a character, least significant first,
//     with 32 added to every character but the last, in the alphabet
//     0-9A-Za-z-_. A list that starts with "*" was capped at MaxPostings.
//   - search/pN.js, one per page, N its place in reading order, loaded
//     as search/pN.js?HASH, HASH its bucket's (N/b) hash of the bucket's
//     page files (see PageBucket), call
//     kettudocsSearch.page(N, {"u": URL, "t": title, "e": [entries]}),
//     each entry {"a": id, "t": title, "s": section, "x": text, "c": code,
//     "k": key}, fields with their zero value left out. They only show
//     results, so text and code are cut to ShowText and ShowCode.
//
// Terms are what search.js makes of text: lower case, split at anything
// that is not a Unicode letter or number. Multi-word keys ("GUILD_CREATE")
// and titles ("Session resume limits") are also indexed whole, as the
// terms "guild create" and "session resume limits", so that a query equal
// to the key or title finds its row or page first. The entries of every
// form of an English word are also listed under its stem (see Stem and
// StemTerm), once each, with the best field of its forms, when a form
// other than the stem itself occurs: "clos\t" lists close, closes and
// closing. A term in more than MaxPostings entries keeps only the best
// MaxPostings (exact titles and keys first, then by field, then reading
// order): such words ("the", "a") are too common to narrow a search down,
// and search.js treats them as optional.
//
// The package knows nothing of any API; the rows it indexes are those that
// carry an id attribute, such as the rows package drift binds to a
// registry.
package search

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/kettu/kettudocs/builder/mdtext"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Var is the global variable the index scripts fill.
const Var = "kettudocsSearch"

// Caps on the text of an entry, in bytes. Longer text is cut at a word.
const (
	MaxTitle = 200
	MaxText  = 3000 // prose, indexed
	MaxCode  = 1000 // code blocks, which rank below prose, indexed
	ShowText = 200  // prose kept to show a snippet of a result
	ShowCode = 120  // code kept to show a snippet of a result
	MaxLead  = 120  // the first sentence of a section, which ranks above its text
)

// Page is what the index keeps of a page: what results show, and the terms
// of each entry. It holds no reference to the tree or source it came from.
type Page struct {
	URL     string // site-relative: "guide/intro/", "" for the home page
	Title   string
	Entries []Entry

	// dict numbers the terms of the entries; terms holds them, entry
	// after entry (see Entry.terms), each as its number<<2 | the best
	// field it occurs in: fieldTitle, fieldSection, fieldText, fieldCode.
	dict  *Dict
	terms []uint32
}

// Entry is one result the search can find: a section of a page or a row
// of a code table.
type Entry struct {
	ID      string // the heading or row id; "" for the top of the page
	Title   string // the heading; the page title; a row's first two cells
	Section string // the heading above: h2 of an h3, heading of a row
	Text    string // plain text, whitespace collapsed, cut to ShowText
	Code    string // text of code blocks, cut to ShowCode
	Key     string // a row's first cell, its code: "4004"

	// terms are the page's terms[lo:hi]: the distinct terms of the entry,
	// those of the best field first (title, section or page title, text,
	// code), each field's in the order they occur. key is the number+1 of
	// the normalized Key, its terms joined by spaces, or 0 without a key;
	// whole that of the normalized Title of an entry without a key: the
	// term a query equal to the title is, whose posting says so.
	lo, hi     uint32
	key, whole uint32
}

// keyTerm returns the normalized key of entry i, or "".
func (p *Page) keyTerm(i int) string {
	if k := p.Entries[i].key; k > 0 {
		return p.dict.terms[k-1]
	}
	return ""
}

// wholeTerm returns the normalized title of entry i, if it has no key.
func (p *Page) wholeTerm(i int) string {
	if k := p.Entries[i].whole; k > 0 {
		return p.dict.terms[k-1]
	}
	return ""
}

// Fields an entry's terms occur in, as the flags of postings number them.
const (
	fieldCode = iota
	fieldText
	fieldSection
	fieldTitle
)

// Extract collects the entries of the page at site-relative url with the
// given title, whose Markdown src parsed into doc, numbering its terms in
// a Dict of its own. It only reads doc and src, so pages can be extracted
// concurrently, and copies what it keeps.
func Extract(doc ast.Node, src []byte, url, title string) *Page {
	return NewDict().Extract(doc, src, url, title)
}

// Extract is like the function Extract, numbering the page's terms in d.
func (d *Dict) Extract(doc ast.Node, src []byte, url, title string) *Page {
	// The terms are gathered in the Dict's memory, which grows once for
	// all its pages, and copied once, at their size.
	p := &Page{URL: strings.Clone(url), Title: cut(strings.Clone(title), MaxTitle), dict: d, terms: d.buf[:0]}
	w := &walker{p: p, src: src, title: title}
	w.open(Entry{Title: p.Title})
	w.block(doc)
	w.close()
	d.buf, p.terms = p.terms[:0], slices.Clone(p.terms)
	return p
}

// keys numbers the normalized key of e, or for an entry without one its
// normalized title: the terms that a query equal to them finds first.
func (d *Dict) keys(e *Entry) {
	e.key, e.whole = 0, 0
	if e.Key != "" {
		if key := strings.Join(Terms(e.Key), " "); key != "" {
			e.key = d.id(key) + 1
		}
		return
	}
	if whole := strings.Join(Terms(e.Title), " "); whole != "" {
		e.whole = d.id(whole) + 1
	}
}

// walker collects the entries of one page.
type walker struct {
	p          *Page
	src        []byte
	title      string
	cur        int    // the open section entry
	text, code []byte // its text so far, in memory reused from entry to entry
	h2         string // the last h2, the section of an h3
}

// open starts a section entry, which collects text until the next.
func (w *walker) open(e Entry) {
	w.cur = len(w.p.Entries)
	w.p.Entries = append(w.p.Entries, e)
}

// close finishes the open section entry.
func (w *walker) close() {
	e := &w.p.Entries[w.cur]
	// The text is read in place: finish copies what it keeps.
	w.finish(e, unsafe.String(unsafe.SliceData(w.text), len(w.text)), unsafe.String(unsafe.SliceData(w.code), len(w.code)))
	w.text, w.code = w.text[:0], w.code[:0]
}

// finish indexes the terms of e, whose full text and code are given, and
// cuts what it keeps of them to show. It copies all it keeps: text and
// code may be in memory the walker writes again.
func (w *walker) finish(e *Entry, text, code string) {
	// text is collapsed already: mdtext.Inline's pieces joined by single
	// spaces (see add and words), and scanning it again was 3% of a build.
	text = cut(text, MaxText)
	code = cut(mdtext.Collapse(code), MaxCode)
	p, d := w.p, w.p.dict
	d.next()
	// The first sentence of the text is what the section is about, most
	// often ("List directory contents."): its words count as the section's.
	fields := [4]string{fieldTitle: e.Title, fieldSection: e.Section + " " + p.Title, fieldText: text, fieldCode: code}
	if e.Key == "" { // a row's text is its other cells
		fields[fieldSection] += " " + lead(text)
	}
	e.lo = uint32(len(p.terms))
	for f := fieldTitle; f >= fieldCode; f-- { // best first
		eachTerm(fields[f], func(t string, upper bool) {
			id := d.id
			if upper {
				id = d.idUpper
			}
			if id := id(t); d.first(id) {
				p.terms = append(p.terms, id<<2|uint32(f))
			}
		})
	}
	e.hi = uint32(len(p.terms))
	d.keys(e)
	e.ID, e.Title, e.Section, e.Key = strings.Clone(e.ID), strings.Clone(e.Title), strings.Clone(e.Section), strings.Clone(e.Key)
	e.Text = strings.Clone(cut(text, ShowText))
	e.Code = strings.Clone(cut(code, ShowCode))
}

func (w *walker) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		text := mdtext.Inline(n, w.src)
		id := attr(n, "id")
		switch {
		case (n.Level == 2 || n.Level == 3) && id != "":
			w.close()
			e := Entry{ID: id, Title: cut(text, MaxTitle)}
			if n.Level == 2 {
				w.h2 = text
			} else {
				e.Section = cut(w.h2, MaxTitle)
			}
			w.open(e)
		case n.Level == 1 && text == w.title:
			// The page title, which every entry of the page shows.
		default:
			w.text = add(w.text, text)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			w.code = append(w.code, seg.Value(w.src)...)
		}
		w.code = append(w.code, ' ')
	case *ast.HTMLBlock:
		// Raw HTML, such as the markers of code tables: not text.
	case *east.Table:
		w.table(n)
	case *ast.Paragraph, *ast.TextBlock:
		w.text = addInline(w.text, n, w.src)
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
	sec := w.p.Entries[w.cur]
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
			w.text = add(w.text, words(cells))
			continue
		}
		e := Entry{ID: id, Section: cut(section, MaxTitle)}
		if len(cells) > 0 {
			e.Key = cut(cells[0], MaxTitle)
		}
		head, rest := cells, []string(nil)
		if len(cells) > 2 {
			head, rest = cells[:2], cells[2:]
		}
		e.Title = cut(mdtext.Collapse(strings.Join(head, " ")), MaxTitle)
		w.finish(&e, words(rest), "")
		w.p.Entries = append(w.p.Entries, e)
	}
}

// lead returns the first sentence of text, up to MaxLead bytes.
func lead(text string) string {
	text = cut(text, MaxLead)
	for i := 0; i+1 < len(text); i++ {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?' || text[i] == ':') && text[i+1] == ' ' {
			return text[:i]
		}
	}
	return text
}

// add appends text to b, apart from what is there by one space, and
// nothing when text is empty: collapsed texts make a collapsed text.
func add(b []byte, text string) []byte {
	if text == "" {
		return b
	}
	if len(b) > 0 {
		b = append(b, ' ')
	}
	return append(b, text...)
}

// addInline appends the text of n's inline content as add does.
func addInline(b []byte, n ast.Node, src []byte) []byte {
	start := len(b)
	if start > 0 {
		b = append(b, ' ')
	}
	b = mdtext.AppendInline(b, n, src)
	if start > 0 && len(b) == start+1 {
		return b[:start] // no text
	}
	return b
}

// words joins the texts of parts as add does.
func words(parts []string) string {
	var b []byte
	for _, p := range parts {
		b = add(b, p)
	}
	return string(b)
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
