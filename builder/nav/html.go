package nav

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/kettu/kettudocs/builder/siteurl"
)

// The default theme's sidebar is rendered here rather than by templates:
// with some 75 entries a page, each with a link and a title, it was three
// quarters of all template work of a build, nearly all of it
// html/template calling its escapers through reflection, once per value.
// Escaping a string directly costs a fraction of that. A theme that wants
// other markup still ranges over .Nav in its own nav.html.

// A View is one page's navigation: the tree, the page (or section) whose
// way down is open, its headings, and where links start. Tree.At and
// Tree.Top make one.
type View struct {
	tree *Tree
	at   string    // the URL of the page or section whose way is open
	top  bool      // only the top level, as on the 404 page; at is unused
	toc  []Heading // the headings shown below the current entry
	from string    // links are relative to this URL path; with top, they start with it
}

// At returns the navigation of the page or section at the site URL path
// at, with toc, its headings, below its entry, and links relative to the
// URL path from (at itself, or a listing page of section at).
func (t *Tree) At(at string, toc []Heading, from string) *View {
	return &View{tree: t, at: at, toc: toc, from: from}
}

// Top returns the navigation of a page outside the tree, such as the 404
// page: the top level only, with links that start with prefix. A nil Tree
// has an empty top level.
func (t *Tree) Top(prefix string) *View {
	if t == nil {
		t = &Tree{root: &Item{}}
	}
	return &View{tree: t, top: true, from: prefix}
}

// href returns the link to the site URL path u.
func (n *View) href(u string) string {
	if n.top {
		return n.from + siteurl.Escaped(u)
	}
	return siteurl.Rel(n.from, u)
}

// Items returns the navigation as data, for .Nav.
func (n *View) Items() *Item {
	if n.top {
		return n.tree.top(n.href)
	}
	return n.tree.view(n.at, n.toc, n.href)
}

// HTML renders the navigation as the default theme's sidebar shows it,
// with a Home entry linked by home, marked current when isHome. It walks
// the tree as view does, without the copy of its items view makes for
// templates (most of the time NavHTML took), and writes each link
// without making it a string first. TestNavHTMLMatchesLayouts holds it to
// the markup the old layouts made of view.
func (n *View) HTML(home string, isHome bool) template.HTML {
	w := navWriter{n: n}
	var way []*Item // from the top level down to the page's item
	if !n.top {
		w.cur = n.tree.Lookup(n.at)
		way = n.tree.way(w.cur)
	}
	b := &w.b
	b.Grow(navSize(n.tree.root, way))
	b.WriteString(`<ul class="nav">` + "\n" + `<li><a href="`)
	writeURL(b, home)
	b.WriteByte('"')
	if isHome {
		b.WriteString(` aria-current="page">Home</a>`)
		writeNavTOC(b, n.toc)
	} else {
		b.WriteString(`>Home</a>`)
	}
	b.WriteString("</li>")
	w.list(n.tree.root, way)
	b.WriteString("\n</ul>")
	return template.HTML(b.String())
}

// navSize estimates the bytes of the markup, a little above the usual,
// so that it is made in one allocation that wastes little.
func navSize(s *Item, way []*Item) int {
	n := 256
	for {
		lo, hi := openWindow(s, way)
		for _, c := range s.Children[lo:hi] {
			n += 128 + len(c.Title) + len(c.URL)
		}
		if len(way) == 0 || !way[0].Section {
			return n
		}
		s, way = way[0], way[1:]
	}
}

// navWriter writes a page's navigation.
type navWriter struct {
	b   strings.Builder
	n   *View
	cur *Item // the page's item; nil on the 404 page
}

// link writes the quoted link to the site URL path u, as writeURL would
// write n.href(u), without making the string.
func (w *navWriter) link(u string) {
	if w.n.top {
		writeURL(&w.b, w.n.from+siteurl.Escaped(u))
		return
	}
	ups, rest := siteurl.RelParts(w.n.from, u)
	rest = siteurl.Escaped(rest)
	if ups == 0 && (rest == "" || siteurl.NeedsDot(rest)) {
		w.b.WriteString("./") // see siteurl.Safe
	}
	for range ups {
		w.b.WriteString("../")
	}
	writeURL(&w.b, rest)
}

// list writes the listed entries of open section s, and links to the
// listing pages for those left out, opening the next section on way.
func (w *navWriter) list(s *Item, way []*Item) {
	lo, hi := openWindow(s, way)
	more := func(count int, u string) {
		w.b.WriteString("\n" + `<li class="nav-more"><a href="`)
		w.link(u)
		w.b.WriteString(`">`)
		w.b.WriteString(strconv.Itoa(count))
		w.b.WriteString(" more in ")
		writeHTML(&w.b, s.Title)
		w.b.WriteString("</a></li>")
	}
	if lo > 0 {
		more(lo, ListingURL(s.URL, lo-1))
	}
	for _, c := range s.Children[lo:hi] {
		if opens(c, way) {
			w.item(c, true, way[1:])
		} else {
			w.item(c, false, nil)
		}
	}
	if hi < len(s.Children) {
		more(len(s.Children)-hi, ListingURL(s.URL, hi))
	}
}

// item writes one entry: a page, a closed section (a link to its page)
// or an open section, its own page first as "Overview".
func (w *navWriter) item(n *Item, open bool, way []*Item) {
	b := &w.b
	isCur := n == w.cur
	current := func() {
		if isCur {
			b.WriteString(` aria-current="page"`)
		}
	}
	switch {
	case n.Section && open:
		b.WriteString("\n" + `<li class="nav-section">` + "\n  <details open>\n    <summary>")
		writeHTML(b, n.Title)
		b.WriteString("</summary>\n    <ul>\n      <li><a href=\"")
		w.link(n.URL)
		b.WriteByte('"')
		current()
		b.WriteString(">Overview</a>")
		if isCur {
			writeNavTOC(b, w.n.toc)
		}
		b.WriteString("</li>")
		w.list(n, way)
		b.WriteString("\n    </ul>\n  </details>\n</li>")
	case n.Section:
		b.WriteString("\n" + `<li class="nav-section">` + "\n" + `  <a class="nav-closed" href="`)
		w.link(n.URL)
		b.WriteString(`">`)
		writeHTML(b, n.Title)
		b.WriteString("</a>\n</li>")
	default:
		b.WriteString("\n<li><a href=\"")
		w.link(n.URL)
		b.WriteByte('"')
		current()
		b.WriteByte('>')
		writeHTML(b, n.Title)
		b.WriteString("</a>")
		if isCur {
			writeNavTOC(b, w.n.toc)
		}
		b.WriteString("</li>")
	}
}

// writeNavTOC writes the page's headings below its entry, shown where the
// "On this page" column is not (narrow windows and the mobile menu).
func writeNavTOC(b *strings.Builder, toc []Heading) {
	if len(toc) == 0 {
		return
	}
	b.WriteString("\n" + `<ul class="nav-toc">`)
	writeTOCItems(b, toc, "\n  ")
	b.WriteString("\n</ul>")
}

// TOCHTML renders the list of toc's headings as the default theme's
// "On this page" column shows it; "" when there are none.
func TOCHTML(toc []Heading) template.HTML {
	if len(toc) == 0 {
		return ""
	}
	var b strings.Builder
	n := 16
	for _, h := range toc {
		n += 64 + len(h.ID) + len(h.Text)
	}
	b.Grow(n)
	b.WriteString("<ul>")
	writeTOCItems(&b, toc, "\n    ")
	b.WriteString("\n  </ul>")
	return template.HTML(b.String())
}

// writeTOCItems writes a list item linking each heading of toc, each
// after indent, as the default theme's layouts wrote them.
func writeTOCItems(b *strings.Builder, toc []Heading, indent string) {
	for _, h := range toc {
		b.WriteString(indent)
		b.WriteString(`<li class="toc-h`)
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteString(`"><a href="#`)
		writeURLPart(b, h.ID)
		b.WriteString(`">`)
		writeHTML(b, h.Text)
		b.WriteString("</a></li>")
	}
}

// htmlEscaper escapes text and quoted attribute values as html/template
// does, so the output is what the templates made.
var htmlEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

func writeHTML(b *strings.Builder, s string) {
	if strings.ContainsAny(s, "\x00\"&'+<>") {
		htmlEscaper.WriteString(b, s)
		return
	}
	b.WriteString(s)
}

// writeURL writes the link u into a quoted href as html/template does:
// bytes a URL may not hold are percent-encoded (existing escapes are
// kept), then the result is escaped for the attribute. The links are made
// by the build, so they never carry a scheme html/template would reject.
func writeURL(b *strings.Builder, u string) {
	if plainURL(u) {
		b.WriteString(u)
		return
	}
	var esc strings.Builder
	percentEncode(&esc, u, true)
	writeHTML(b, esc.String())
}

// writeURLPart writes s as the fragment of a link, as html/template does
// after "#": everything but letters, digits and -._~ percent-encoded.
func writeURLPart(b *strings.Builder, s string) {
	if plainURL(s) && !strings.Contains(s, "/") {
		b.WriteString(s)
		return
	}
	var esc strings.Builder
	percentEncode(&esc, s, false)
	writeHTML(b, esc.String())
}

// plainURL reports whether escaping leaves s as it is: letters, digits,
// and -._~/ only, as nearly every link of a site is.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			return false
		}
	}
	return true
}

// percentEncode is html/template's urlProcessor: with norm it keeps the
// characters RFC 3986 reserves and existing %-escapes, without it only
// the unreserved ones. Each other byte becomes %xx.
func percentEncode(b *strings.Builder, s string, norm bool) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			if norm {
				b.WriteByte(c)
				continue
			}
		case c == '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				b.WriteByte(c)
				continue
			}
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xf])
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
