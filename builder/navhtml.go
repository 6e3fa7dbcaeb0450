package builder

import (
	"html/template"
	"strconv"
	"strings"
)

// The default theme's sidebar is rendered here rather than by templates:
// with some 75 entries a page, each with a link and a title, it was three
// quarters of all template work of a build, nearly all of it
// html/template calling its escapers through reflection, once per value.
// Escaping a string directly costs a fraction of that. A theme that wants
// other markup still ranges over .Nav in its own nav.html.

// navHTML renders the navigation nav of a page whose link to the site
// root is home, marked current when isHome, with the page's headings toc
// below the current entry. The markup is what the layouts of the default
// theme made before, byte for byte.
func navHTML(nav *NavItem, home string, isHome bool, toc []Heading) template.HTML {
	var b strings.Builder
	b.Grow(navSize(nav))
	b.WriteString(`<ul class="nav">` + "\n" + `<li><a href="`)
	writeURL(&b, home)
	b.WriteByte('"')
	if isHome {
		b.WriteString(` aria-current="page">Home</a>`)
		writeNavTOC(&b, toc)
	} else {
		b.WriteString(`>Home</a>`)
	}
	b.WriteString("</li>")
	if nav != nil {
		writeNavList(&b, nav)
	}
	b.WriteString("\n</ul>")
	return template.HTML(b.String())
}

// navSize estimates the bytes of nav's markup, a little above the usual,
// so that it is made in one allocation that wastes little.
func navSize(nav *NavItem) int {
	n := 256
	var count func(s *NavItem)
	count = func(s *NavItem) {
		for _, c := range s.Children {
			n += 96 + len(c.Title) + len(c.Href)
			if c.Open {
				n += 96
				count(c)
			}
		}
	}
	if nav != nil {
		count(nav)
	}
	return n
}

// writeNavList writes the listed entries of open section s, and links to
// the listing pages for those left out.
func writeNavList(b *strings.Builder, s *NavItem) {
	more := func(m *NavMore) {
		b.WriteString("\n" + `<li class="nav-more"><a href="`)
		writeURL(b, m.Href)
		b.WriteString(`">`)
		b.WriteString(strconv.Itoa(m.Count))
		b.WriteString(" more in ")
		writeHTML(b, s.Title)
		b.WriteString("</a></li>")
	}
	if s.Before != nil {
		more(s.Before)
	}
	for _, c := range s.Children {
		writeNavItem(b, c)
	}
	if s.After != nil {
		more(s.After)
	}
}

// writeNavItem writes one entry: a page, a closed section (a link to its
// page) or an open section, its own page first as "Overview".
func writeNavItem(b *strings.Builder, n *NavItem) {
	current := func() {
		if n.Current {
			b.WriteString(` aria-current="page"`)
		}
	}
	switch {
	case n.Section && n.Open:
		b.WriteString("\n" + `<li class="nav-section">` + "\n  <details open>\n    <summary>")
		writeHTML(b, n.Title)
		b.WriteString("</summary>\n    <ul>\n      <li><a href=\"")
		writeURL(b, n.Href)
		b.WriteByte('"')
		current()
		b.WriteString(">Overview</a>")
		if n.Current {
			writeNavTOC(b, n.TOC)
		}
		b.WriteString("</li>")
		writeNavList(b, n)
		b.WriteString("\n    </ul>\n  </details>\n</li>")
	case n.Section:
		b.WriteString("\n" + `<li class="nav-section">` + "\n" + `  <a class="nav-closed" href="`)
		writeURL(b, n.Href)
		b.WriteString(`">`)
		writeHTML(b, n.Title)
		b.WriteString("</a>\n</li>")
	default:
		b.WriteString("\n<li><a href=\"")
		writeURL(b, n.Href)
		b.WriteByte('"')
		current()
		b.WriteByte('>')
		writeHTML(b, n.Title)
		b.WriteString("</a>")
		if n.Current {
			writeNavTOC(b, n.TOC)
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

// tocHTML renders the list of toc's headings as the default theme's
// "On this page" column shows it; "" when there are none.
func tocHTML(toc []Heading) template.HTML {
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
