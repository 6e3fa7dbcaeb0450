package builder

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/kettu/kettudocs/builder/mdtext"
	"github.com/kettu/kettudocs/builder/siteurl"
)

// Each page is published as Markdown too, next to its HTML as
// PAGE/index.md, and llms.txt at the site root lists them in the format of
// llmstxt.org: tools and language models read the Markdown rather than
// the theme's HTML. See the package doc, section Output.

// appendPageMarkdown appends to dst what PAGE/index.md holds: the page's
// source, src, without its front matter and with its links rewritten as
// in its HTML (PAGE/index.md sits next to PAGE/index.html, so they lead
// to the same places), headed by its title when the source has no h1.
func appendPageMarkdown(dst []byte, p *page, src []byte) []byte {
	if !p.hasH1 {
		dst = append(dst, "# "...)
		dst = append(dst, p.title...)
		dst = append(dst, "\n\n"...)
	}
	// The front matter goes, as the parser found it: an edit like the
	// links', which are never in it.
	edits := append(slices.Clone(p.edits), edit{p.fmStart, p.fmEnd, ""})
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	body, last := len(dst), 0
	for _, e := range edits {
		if e.start < last {
			continue // never overlap, whatever the source holds
		}
		dst = append(dst, src[last:e.start]...)
		dst = append(dst, e.text...)
		last = e.end
	}
	dst = append(dst, src[last:]...)
	// The body starts at its first line that is not empty.
	n := len(dst[body:]) - len(bytes.TrimLeft(dst[body:], "\r\n"))
	return append(dst[:body], dst[body+n:]...)
}

// An edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// edit records that the link destination dest, written in the link that
// starts at offset, becomes out. An inline link's destination follows its
// text as "](dest"; a reference link's is in its definition, elsewhere,
// and stays as written.
func (p *page) edit(offset int, dest, out string) {
	i := bytes.Index(p.src[offset:], []byte("]("+dest))
	if i < 0 {
		return
	}
	start := offset + i + 2
	p.edits = append(p.edits, edit{start, start + len(dest), out})
}

// llmsTxt returns llms.txt: the site title as h1, a summary as a quote,
// then a list of the pages in reading order, grouped by the section they
// are in, each a link to its Markdown with its summary. Links are absolute
// with an absolute base URL, else relative to the site root.
func (b *Builder) llmsTxt(s *site, title string) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# %s\n\n", oneLine(title))
	if home, ok := s.byURL.Get(""); ok && home.summary != "" {
		fmt.Fprintf(&buf, "> %s\n", oneLine(home.summary))
	}
	abs := b.permalink("")
	size := 0
	for _, p := range s.order {
		size += len(p.title) + len(p.summary) + len(abs) + 2*len(p.url) + 32
	}
	buf.Grow(size) // grown by its writes, it was most of the time this takes
	for _, g := range llmsGroups(s) {
		fmt.Fprintf(&buf, "\n## %s\n\n", oneLine(g.name))
		// A line a page, written piece by piece: formatting was most of
		// the time this takes.
		for _, p := range g.pages {
			link := siteurl.Escape(p.url) + "index.md"
			if siteurl.NeedsDot(link) { // see siteurl.Safe
				link = "./" + link
			}
			buf.WriteString("- [")
			buf.WriteString(mdLinkText(p.title))
			buf.WriteString("](")
			buf.WriteString(abs)
			buf.WriteString(link)
			buf.WriteByte(')')
			if p.summary != "" {
				buf.WriteString(": ")
				buf.WriteString(oneLine(p.summary))
			}
			buf.WriteByte('\n')
		}
	}
	return buf.Bytes()
}

// llmsKey returns the hash of all llms.txt shows, under the cache's key
// (the binary, configuration and theme): a build that finds it as the
// last build did keeps the file rather than writing 2 MB again for a big
// site, most of a one-page rebuild's extra files.
func (b *Builder) llmsKey(cache [32]byte, s *site, title string) [32]byte {
	k := newKeyHash(cache)
	k.str(title)
	k.str(b.permalink(""))
	if home, ok := s.byURL.Get(""); ok {
		k.str(home.summary)
	}
	for _, g := range llmsGroups(s) {
		k.str("\x00" + g.name)
		k.int(int64(len(g.pages)))
		for _, p := range g.pages {
			k.str(p.url)
			k.str(p.title)
			k.str(p.summary)
		}
	}
	return k.sum()
}

// llmsGroup is a section of llms.txt: its heading and its pages.
type llmsGroup struct {
	name  string
	pages []*page
}

// llmsGroups returns the sections of llms.txt: the pages of s in reading
// order, grouped by the folder they are in, the groups in the order of
// their first page (a section's subsections may come between its pages
// in reading order).
func llmsGroups(s *site) []llmsGroup {
	var groups []llmsGroup
	at := make(map[string]int)
	for _, p := range s.order {
		dir := path.Dir(p.file) // the section a page is in; a folder's page is in its own
		if dir == "." {
			dir = ""
		} else {
			dir += "/"
		}
		i, ok := at[dir]
		if !ok {
			name := "Docs"
			if sec := s.nav.Lookup(dir); sec != nil && dir != "" {
				name = sec.Title
			}
			i = len(groups)
			at[dir] = i
			groups = append(groups, llmsGroup{name: name})
		}
		groups[i].pages = append(groups[i].pages, p)
	}
	return groups
}

// oneLine joins the lines of s, so a title cannot break the list.
func oneLine(s string) string { return mdtext.Collapse(s) }

// mdLinkText escapes s for the text of a Markdown link.
func mdLinkText(s string) string { return mdLinkEscaper.Replace(oneLine(s)) }

var mdLinkEscaper = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`)
