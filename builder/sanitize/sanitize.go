package sanitize

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/mdtext"
)

// newPolicy returns the HTML a page may hold: bluemonday's policy for user
// content (no script, style, iframe, object, embed, form, event handlers,
// style or class attributes), less image maps, with what docs need on
// top: kbd, name on links, data:image URLs in images, comments (the
// drift check's markers are comments), and no rel="nofollow", since the
// links are the site's own. URLs are relative or have one of urlSchemes.
//
// It is written out rather than bluemonday.UGCPolicy() amended, because
// bluemonday's URL rules do not depend on the attribute, and an attribute
// allowed once cannot be narrowed: the data: URLs allowed for images
// would be allowed in links too, and an SVG opened as a document runs its
// script. So links match linkURL as well.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowStandardAttributes() // id, title, dir, lang
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes(urlSchemes...)

	p.AllowElements("article", "aside", "figure", "figcaption", "section", "summary", "hgroup",
		"h1", "h2", "h3", "h4", "h5", "h6", "br", "div", "hr", "p", "span", "wbr",
		"abbr", "acronym", "cite", "code", "dfn", "em", "kbd", "mark", "s", "samp", "strong", "sub", "sup", "var",
		"b", "i", "pre", "small", "strike", "tt", "u", "rp", "rt", "ruby")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`(?i)^(|open)$`)).OnElements("details")
	p.AllowElements("details")
	p.AllowAttrs("cite").OnElements("blockquote", "q")
	p.AllowElements("blockquote", "q")
	p.AllowAttrs("cite").Matching(bluemonday.Paragraph).OnElements("del", "ins")
	p.AllowAttrs("datetime").Matching(bluemonday.ISO8601).OnElements("del", "ins", "time")
	p.AllowElements("del", "ins")
	p.AllowAttrs("dir").Matching(bluemonday.Direction).OnElements("bdi", "bdo")
	p.AllowLists()
	p.AllowTables()

	p.AllowAttrs("href").Matching(linkURL).OnElements("a")
	p.AllowAttrs("name").Matching(bluemonday.SpaceSeparatedTokens).OnElements("a")
	p.AllowImages()
	p.AllowDataURIImages()
	p.AllowComments()
	// After AllowImages, which asks for it.
	p.RequireNoFollowOnLinks(false)
	return p
}

// linkURL matches the href of a link: relative (no colon before the first
// "/", "?" or "#"), or with one of urlSchemes.
var linkURL = regexp.MustCompile(`^(?i)(?:[^:/?#]*(?:[/?#]|$)|(?:` + strings.Join(urlSchemes, "|") + `):)`)

// urlSchemes are the schemes a URL may have: none that runs anything in
// the browser (javascript:, vbscript:) or makes a document of its own
// (data:, except data:image in images).
var urlSchemes = []string{"http", "https", "mailto", "tel", "sms", "ftp", "ftps", "sftp", "irc", "ircs", "xmpp"}

// allowedURLs says which URLs a link may have, for messages.
var allowedURLs = "relative, " + strings.Join(urlSchemes, ":, ") + ": URLs"

// A Sanitizer sanitizes the raw HTML and the link URLs of parsed pages.
// It is safe for concurrent use, as the bluemonday policy is once built.
type Sanitizer struct {
	policy *bluemonday.Policy
}

// New returns a Sanitizer with the policy described in the package doc.
func New() *Sanitizer { return &Sanitizer{policy: newPolicy()} }

// sanitizeHint is the hint of every warning about removed HTML.
const sanitizeHint = "pages may use safe HTML only (see the README, section Security): remove it, " +
	"or set unsafe_html: true in kettudocs.yaml if every writer of the site is trusted"

// Doc sanitizes doc, the tree parsed from src, in place and returns a
// warning for each thing it removed, placed with lines. The tree must
// then be rendered by a goldmark with Extension.
func (s *Sanitizer) Doc(doc ast.Node, src []byte, lines *diag.Lines) diag.List {
	var nodes []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHTMLBlock, ast.KindRawHTML, ast.KindLink, ast.KindImage, ast.KindAutoLink:
			nodes = append(nodes, n)
		}
		return ast.WalkContinue, nil
	})
	var (
		warnings diag.List
		// Inline raw HTML comes one tag at a time: the end tags of
		// elements whose start tag was removed go too, within a block.
		block   ast.Node
		dropped map[string]int
	)
	warn := func(off int, msg string) {
		warnings = append(warnings, diag.Problem{Pos: lines.Pos(off), Msg: msg, Hint: sanitizeHint, Severity: diag.Warning})
	}
	for _, n := range nodes {
		switch n := n.(type) {
		case *ast.HTMLBlock:
			out := s.fragment(src, mdtext.HTMLBlock(n), warn)
			replace(n, &safeBlock{html: out})
		case *ast.RawHTML:
			if b := blockOf(n); b != block {
				block, dropped = b, map[string]int{}
			}
			segs := n.Segments.Sliced(0, n.Segments.Len())
			raw := mdtext.Join(src, segs)
			if name, end := endTag(raw); end && dropped[name] > 0 {
				dropped[name]--
				replace(n, &safeInline{})
				continue
			}
			out := s.fragment(src, segs, warn)
			if len(out) == 0 {
				if name, ok := startTag(raw); ok {
					dropped[name]++
				}
			}
			replace(n, &safeInline{html: out})
		case *ast.Link:
			if !s.urlOK(n.Destination, false) {
				warn(mdtext.Offset(n), fmt.Sprintf("removed the link to %q: links may have %s", n.Destination, allowedURLs))
				unwrap(n)
			}
		case *ast.Image:
			if !s.urlOK(n.Destination, true) {
				warn(mdtext.Offset(n), fmt.Sprintf("removed the image %q: images may have data:image/… and %s", n.Destination, allowedURLs))
				unwrap(n)
			}
		case *ast.AutoLink:
			u := n.URL(src)
			if n.AutoLinkType == ast.AutoLinkEmail {
				u = append([]byte("mailto:"), u...)
			}
			if !s.urlOK(u, false) {
				warn(mdtext.Offset(n), fmt.Sprintf("removed the link to %q: links may have %s", u, allowedURLs))
				replace(n, ast.NewString(n.Label(src)))
			}
		}
	}
	return warnings
}

// fragment sanitizes the raw HTML in segs of src, warning about each
// element and attribute it removes, and returns the sanitized HTML.
func (s *Sanitizer) fragment(src []byte, segs []text.Segment, warn func(off int, msg string)) []byte {
	raw := mdtext.Join(src, segs)
	out := s.policy.SanitizeBytes(raw)
	// bluemonday does not say what it removed: each tag is put through it
	// alone to find out, so the writer learns where and what.
	z := html.NewTokenizer(bytes.NewReader(raw))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tag := string(z.Raw())
		start := off
		off += len(tag)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		at := srcOffset(segs, start)
		kept := s.policy.Sanitize(tag)
		if kept == "" {
			msg := "removed " + quoteTag(tag)
			if tok.Data == "script" || tok.Data == "style" {
				msg += " and its content"
			}
			warn(at, msg)
			continue
		}
		keptAttrs := map[string]bool{}
		if kz := html.NewTokenizer(strings.NewReader(kept)); kz.Next() != html.ErrorToken {
			for _, a := range kz.Token().Attr {
				keptAttrs[a.Key] = true
			}
		}
		for _, a := range tok.Attr {
			if !keptAttrs[a.Key] {
				warn(at, fmt.Sprintf("removed the attribute %s from <%s>", quoteAttr(a), tok.Data))
			}
		}
	}
	return out
}

// urlOK reports whether the policy keeps u as the href of a link, or with
// image, as the src of an image: Markdown links follow the rules of HTML
// ones. An empty URL, a link to the page itself, is fine.
func (s *Sanitizer) urlOK(u []byte, image bool) bool {
	if len(bytes.TrimSpace(u)) == 0 {
		return true
	}
	// What goldmark writes into the page, entities resolved.
	esc := util.URLEscape(u, true)
	// Most links need no sanitizer to tell: without a colon a URL has no
	// scheme, and http(s) is allowed. (bluemonday would also refuse a
	// relative URL net/url cannot parse, which is harmless.)
	if !bytes.ContainsRune(esc, ':') || bytes.HasPrefix(esc, []byte("https://")) || bytes.HasPrefix(esc, []byte("http://")) {
		return true
	}
	v := html.EscapeString(string(esc))
	var tag, attr string
	if image {
		tag, attr = `<img src="`+v+`">`, "src"
	} else {
		tag, attr = `<a href="`+v+`">x</a>`, "href"
	}
	z := html.NewTokenizer(strings.NewReader(s.policy.Sanitize(tag)))
	if z.Next() == html.ErrorToken {
		return false
	}
	for _, a := range z.Token().Attr {
		if a.Key == attr {
			return true
		}
	}
	return false
}

// srcOffset maps an offset in the joined text of segs to one in the
// source. Padding (spaces goldmark adds for tabs in containers) maps to
// the start of its segment.
func srcOffset(segs []text.Segment, off int) int {
	for _, s := range segs {
		n := s.Len() + s.Padding
		if off < n || s == segs[len(segs)-1] {
			return s.Start + max(0, min(off-s.Padding, s.Len()))
		}
		off -= n
	}
	return 0
}

// blockOf returns the block an inline node is in.
func blockOf(n ast.Node) ast.Node {
	for n != nil && n.Type() != ast.TypeBlock {
		n = n.Parent()
	}
	return n
}

// replace puts new where old is in the tree.
func replace(old, new ast.Node) {
	old.Parent().ReplaceChild(old.Parent(), old, new)
}

// unwrap replaces n by its children: a link by its text, an image by its
// alternative text.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// startTag returns the name of the element raw starts, if raw is a start
// tag of an element that has an end tag.
func startTag(raw []byte) (string, bool) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	if z.Next() != html.StartTagToken {
		return "", false
	}
	name, _ := z.TagName()
	return string(name), true
}

// endTag returns the name of the element raw ends, if raw is an end tag.
func endTag(raw []byte) (string, bool) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	if z.Next() != html.EndTagToken {
		return "", false
	}
	name, _ := z.TagName()
	return string(name), true
}

// quoteTag shortens a tag for a message: `<img src="x" onerror="…">`.
func quoteTag(tag string) string {
	tag = strings.Join(strings.Fields(tag), " ")
	return shorten(tag, 80)
}

func quoteAttr(a html.Attribute) string {
	return shorten(fmt.Sprintf("%s=%q", a.Key, a.Val), 80)
}

// shorten cuts s to at most n bytes on a rune boundary, marking the cut.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// Sanitized raw HTML, ready to render as it is.
var (
	kindSafeBlock  = ast.NewNodeKind("SafeHTMLBlock")
	kindSafeInline = ast.NewNodeKind("SafeRawHTML")
)

type safeBlock struct {
	ast.BaseBlock
	html []byte
}

func (n *safeBlock) Kind() ast.NodeKind { return kindSafeBlock }
func (n *safeBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": string(n.html)}, nil)
}

type safeInline struct {
	ast.BaseInline
	html []byte
}

func (n *safeInline) Kind() ast.NodeKind { return kindSafeInline }
func (n *safeInline) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": string(n.html)}, nil)
}

// safeHTML renders the sanitized nodes.
type safeHTML struct{}

// Extension renders the nodes Doc puts in place of raw HTML. A goldmark
// without html.WithUnsafe renders no raw HTML of its own: with this
// extension, it renders what the sanitizer left of it.
var Extension goldmark.Extender = safeHTML{}

func (safeHTML) Extend(md goldmark.Markdown) {
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(safeHTML{}, 500)))
}

func (safeHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindSafeBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			h := n.(*safeBlock).html
			w.Write(h)
			if len(h) > 0 && h[len(h)-1] != '\n' {
				w.WriteByte('\n')
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindSafeInline, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.Write(n.(*safeInline).html)
		}
		return ast.WalkSkipChildren, nil
	})
}
