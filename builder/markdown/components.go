package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/mdtext"
)

// componentRE matches one tag of an MDX (JSX) component: a name that
// starts with a capital letter, which no HTML element has, opening,
// closing or self-closing: <ManualAnchor id="x" />, <Tabs>, </TabItem>.
var componentRE = regexp.MustCompile(`^<(/?)([A-Z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?:\s[^<>]*)?/?>$`)

// componentsRE matches an HTML block made of component tags only.
var componentsRE = regexp.MustCompile(`^(?:\s*</?[A-Z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*(?:\s[^<>]*)?/?>)+\s*$`)

// tagNameRE finds the tags of a block of components, and their names.
var tagNameRE = regexp.MustCompile(`<(/?)([A-Z][A-Za-z0-9_.]*)`)

// mdxLineRE matches the lines of an MDX page's imports and exports.
var mdxLineRE = regexp.MustCompile(`^(?:import\s.+\sfrom\s+['"][^'"]+['"];?|import\s+['"][^'"]+['"];?|export\s+(?:const|default|function|let)\s.*)$`)

// Components takes the MDX out of a page moving in from Docusaurus or
// another MDX tool: the tags of JSX components (<Tabs>, <ManualAnchor
// id="x" />), whose names start with a capital letter, and the page's
// import and export lines. What lies between a component's tags stays, as
// Markdown. Rendered as HTML, a component would be an unknown element,
// or removed tag by tag by the sanitizer with a warning each, nine on one
// real page; instead the page gets one warning, at the first, naming what
// was taken out and how often.
func Components(doc ast.Node, src []byte, lines *diag.Lines) diag.List {
	var (
		drop  []ast.Node
		names = map[string]int{}
		first = -1
	)
	note := func(n ast.Node, name string) {
		drop = append(drop, n)
		names[name]++
		if off := mdtext.Offset(n); first < 0 || off >= 0 && off < first {
			first = off
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ComponentLine:
			if n.Closing {
				drop = append(drop, n)
			} else {
				note(n, "<"+n.Name+">")
			}
		case *ast.RawHTML:
			raw := bytes.TrimSpace(mdtext.Join(src, n.Segments.Sliced(0, n.Segments.Len())))
			if m := componentRE.FindSubmatch(raw); m != nil {
				if len(m[1]) == 0 { // count each component once, by its opening tag
					note(n, "<"+string(m[2])+">")
				} else {
					drop = append(drop, n)
				}
			}
		case *ast.HTMLBlock:
			raw := mdtext.Join(src, mdtext.HTMLBlock(n))
			if !componentsRE.Match(raw) {
				return ast.WalkContinue, nil
			}
			opened := false
			for _, tag := range tagNameRE.FindAllSubmatch(raw, -1) {
				if len(tag[1]) == 0 {
					names["<"+string(tag[2])+">"]++
					opened = true
				}
			}
			drop = append(drop, n)
			if off := mdtext.Offset(n); opened && (first < 0 || off >= 0 && off < first) {
				first = off
			}
		case *ast.Paragraph:
			if n.Parent() != doc || n.Lines().Len() == 0 {
				return ast.WalkContinue, nil
			}
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				if !mdxLineRE.Match(bytes.TrimSpace(seg.Value(src))) {
					return ast.WalkContinue, nil
				}
			}
			note(n, "import and export lines")
			names["import and export lines"] += n.Lines().Len() - 1
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		if p := n.Parent(); p != nil {
			p.RemoveChild(p, n)
		}
	}
	if len(names) == 0 {
		return nil
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s ×%d", k, names[k]))
	}
	if first < 0 {
		first = 0
	}
	return diag.List{{
		Pos:      lines.Pos(first),
		Msg:      "left out MDX, which kettudocs does not run: " + strings.Join(parts, ", "),
		Hint:     "what is between a component's tags is kept as Markdown; write what a component did in Markdown (a callout, a table, code tabs) and remove the tags (see the README, \"Moving in\")",
		Severity: diag.Warning,
	}}
}

// KindComponentLine is the kind of ComponentLine nodes.
var KindComponentLine = ast.NewNodeKind("ComponentLine")

// A ComponentLine is a line that holds one tag of an MDX component and
// nothing else. MDX pages put a component on the line right above a
// heading or a table (<ManualAnchor id="x" /> then ###### Title); read as
// HTML, the line would start an HTML block that swallows the heading as
// raw text. Components takes these lines out.
type ComponentLine struct {
	ast.BaseBlock
	Name    string // the component: "ManualAnchor"
	Closing bool   // </Tabs>
}

func (n *ComponentLine) Kind() ast.NodeKind { return KindComponentLine }

// IsRaw says the line is not parsed for inline Markdown.
func (n *ComponentLine) IsRaw() bool { return true }

func (n *ComponentLine) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// componentLines parses ComponentLines before the HTML block parser does.
type componentLines struct{}

// ComponentLines reads a line holding one MDX component tag alone as a
// ComponentLine, which renders as nothing, so that the line after it is
// read as Markdown (see Components).
var ComponentLines goldmark.Extender = componentLines{}

func (componentLines) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(componentLines{}, 50)))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(componentLines{}, 500)))
}

func (componentLines) Trigger() []byte { return []byte{'<'} }

func (componentLines) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 {
		return nil, parser.NoChildren
	}
	m := componentRE.FindSubmatch(bytes.TrimSpace(line[pos:]))
	if m == nil {
		return nil, parser.NoChildren
	}
	_, seg := reader.PeekLine()
	n := &ComponentLine{Name: string(m[2]), Closing: len(m[1]) > 0}
	n.Lines().Append(seg)
	reader.Advance(seg.Len() - 1)
	return n, parser.NoChildren
}

func (componentLines) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (componentLines) Close(ast.Node, text.Reader, parser.Context) {}
func (componentLines) CanInterruptParagraph() bool                 { return true }
func (componentLines) CanAcceptIndentedLine() bool                 { return false }

func (componentLines) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindComponentLine, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}
