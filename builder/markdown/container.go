package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// containers reads the admonitions of Docusaurus and VitePress, which
// API reference pages moving in from those tools are full of, as the
// callouts they mean:
//
//	:::tip[Rate limits]          Docusaurus 3
//	:::warning Deprecated        Docusaurus 2, VitePress
//	::: danger
//	Never log tokens.
//	:::
//
// The kinds are those of both tools: note, tip, info (a note), important,
// warning, caution and danger (a caution), and details, which renders as a
// collapsed <details> whose summary is the title. A container may hold any
// Markdown, other containers too when the outer one has more colons
// (::::note … :::tip … ::: … ::::), as Docusaurus nests them. A line of
// colons at least as long as the opening one ends it; so does the end of
// the enclosing block. Another word after the colons ("::: code-group")
// leaves the lines as they are.
type containers struct{}

// Containers renders ":::tip" containers as callouts.
var Containers goldmark.Extender = containers{}

// containerKinds maps the tools' kinds to callout kinds.
var containerKinds = map[string]string{
	"note": "note", "info": "note", "tip": "tip", "important": "important",
	"warning": "warning", "caution": "caution", "danger": "caution", "details": "note",
}

// openRE matches a container's opening line: at least three colons, the
// kind, and a title in brackets or after a space.
var openRE = regexp.MustCompile(`^(:{3,})[ \t]*([A-Za-z]+)(?:\[([^\]]*)\]|[ \t]+(.*?))?[ \t]*\{?[ \t]*$`)

type containerParser struct{}

func (containers) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(containerParser{}, 150)))
	// Rendered as callouts; with Callouts too, this renderer is the same.
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(callouts{}, 500)))
}

func (containerParser) Trigger() []byte { return []byte{':'} }

func (containerParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 {
		return nil, parser.NoChildren
	}
	m := openRE.FindSubmatch(bytes.TrimRight(line[pos:], "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	name := strings.ToLower(string(m[2]))
	kind, ok := containerKinds[name]
	if !ok {
		return nil, parser.NoChildren
	}
	title := string(m[3])
	if len(m[4]) > 0 {
		title = string(m[4])
	}
	c := &Callout{Alert: kind, Title: strings.TrimSpace(title), Collapsed: name == "details", fence: len(m[1])}
	reader.Advance(len(bytes.TrimRight(line, "\r\n")))
	return c, parser.HasChildren
}

func (containerParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	c := node.(*Callout)
	if w, pos := util.IndentWidth(line, reader.LineOffset()); w <= 3 {
		rest := bytes.TrimRight(line[pos:], " \t\r\n")
		if len(rest) >= c.fence && len(bytes.Trim(rest, ":")) == 0 {
			reader.Advance(len(bytes.TrimRight(line, "\r\n")))
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

func (containerParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (containerParser) CanInterruptParagraph() bool { return true }

func (containerParser) CanAcceptIndentedLine() bool { return false }
