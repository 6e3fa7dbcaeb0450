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

// admonitions reads the admonitions of MkDocs (Python-Markdown's
// admonition and pymdownx.details extensions), which docs moving in from
// MkDocs Material are full of, as the callouts they mean:
//
//	!!! warning "Rate limits"
//	    Slow down after a 429.
//
//	??? note "Show the payload"      collapsed; ???+ starts open
//	    ```json
//	    {}
//	    ```
//
// The body is the lines indented by four spaces (or a tab) below the
// opening line, blank lines among them; it is any Markdown. The kinds are
// MkDocs Material's: note, abstract, summary, tldr, info, todo (notes);
// tip, hint, success, check, done (tips); question, help, faq
// (important); warning, attention (warnings); caution, failure, fail,
// missing, danger, error, bug (cautions); example, quote, cite (notes). A
// title of "" leaves the title out; without a title the kind's is shown.
type admonitions struct{}

// Admonitions renders MkDocs's "!!! note" and "??? note" as callouts.
var Admonitions goldmark.Extender = admonitions{}

var admonitionKinds = map[string]string{
	"note": "note", "abstract": "note", "summary": "note", "tldr": "note", "info": "note", "todo": "note",
	"example": "note", "quote": "note", "cite": "note",
	"tip": "tip", "hint": "tip", "success": "tip", "check": "tip", "done": "tip",
	"question": "important", "help": "important", "faq": "important", "important": "important",
	"warning": "warning", "attention": "warning",
	"caution": "caution", "failure": "caution", "fail": "caution", "missing": "caution",
	"danger": "caution", "error": "caution", "bug": "caution",
}

// admonitionRE matches an admonition's first line: the marker, the kind
// (its first class; more classes may follow), and a quoted title.
var admonitionRE = regexp.MustCompile(`^(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+[A-Za-z][\w-]*)*(?:[ \t]+"([^"]*)")?[ \t]*$`)

type admonitionParser struct{ indentedBody }

func (admonitions) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(admonitionParser{}, 150)))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(callouts{}, 500)))
}

func (admonitionParser) Trigger() []byte { return []byte{'!', '?'} }

func (admonitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 {
		return nil, parser.NoChildren
	}
	m := admonitionRE.FindSubmatch(bytes.TrimRight(line[pos:], "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	kind, ok := admonitionKinds[strings.ToLower(string(m[2]))]
	if !ok {
		return nil, parser.NoChildren
	}
	c := &Callout{Alert: kind, Collapsed: string(m[1]) == "???", Open: string(m[1]) == "???+"}
	if m[3] != nil {
		c.Title = string(m[3])
		c.NoTitle = c.Title == ""
	} else if c.Collapsed || c.Open {
		// A collapsible needs a summary: the kind's name, as MkDocs shows.
		c.Title = strings.ToUpper(string(m[2][:1])) + strings.ToLower(string(m[2][1:]))
	}
	if c.Open {
		c.Collapsed = true
	}
	reader.Advance(len(bytes.TrimRight(line, "\r\n")))
	return c, parser.HasChildren
}

// indentedBody continues a block whose body is the lines indented by four
// spaces (or a tab) below its first line, blank lines among them: the
// shape of MkDocs's admonitions and content tabs. It can interrupt a
// paragraph, as they can in MkDocs.
type indentedBody struct{}

func (indentedBody) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (indentedBody) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (indentedBody) CanInterruptParagraph() bool { return true }

func (indentedBody) CanAcceptIndentedLine() bool { return false }
