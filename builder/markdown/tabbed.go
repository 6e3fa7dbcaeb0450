package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tabbed reads the content tabs of MkDocs Material (pymdownx.tabbed),
// which hold any Markdown, prose as well as code:
//
//	=== "macOS"
//
//	    Install it with Homebrew:
//
//	    ```sh
//	    brew install kettu
//	    ```
//
//	=== "Linux"
//
//	    Download the release.
//
// A tab's body is the lines indented by four spaces (or a tab) below its
// title line, blank lines among them. Consecutive tabs form one group;
// "===!" starts a new group right after another. "===+" (selected at
// first, in MkDocs) is read as "===": the theme shows the first tab, or
// the one the reader chose last.
//
// The tabs become the same CodeTabGroup and CodeTab nodes as code tabs
// (see CodeTabs), so they look and behave the same and share the
// reader's choice by label; their group is marked Prose. Code in them
// stays ordinary code blocks, checked as any other.
type tabbed struct{}

// Tabbed reads MkDocs's content tabs (=== "Title") as tabs.
var Tabbed goldmark.Extender = tabbed{}

var tabbedRE = regexp.MustCompile(`^===([+!]?)[ \t]+"([^"]+)"[ \t]*$`)

func (tabbed) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(tabbedParser{}, 150)),
		parser.WithASTTransformers(util.Prioritized(tabbed{}, 400)),
	)
	// The renderer of code tabs draws them; added again when both are
	// used, the one registered last wins, and they are the same.
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(codeTabs{}, 500)))
}

type tabbedParser struct{ indentedBody }

func (tabbedParser) Trigger() []byte { return []byte{'='} }

func (tabbedParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 {
		return nil, parser.NoChildren
	}
	m := tabbedRE.FindSubmatch(bytes.TrimRight(line[pos:], "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	tab := &CodeTab{Label: string(m[2]), prose: true, newGroup: string(m[1]) == "!"}
	reader.Advance(len(bytes.TrimRight(line, "\r\n")))
	return tab, parser.HasChildren
}

// Transform puts each run of consecutive content tabs into a group.
func (tabbed) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var tabs []*CodeTab
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*CodeTab); ok && entering && t.prose {
			tabs = append(tabs, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tabs {
		parent := t.Parent()
		if g, ok := t.PreviousSibling().(*CodeTabGroup); ok && g.Prose && !t.newGroup {
			parent.RemoveChild(parent, t)
			g.AppendChild(g, t)
			continue
		}
		g := &CodeTabGroup{Prose: true}
		parent.ReplaceChild(parent, t, g)
		g.AppendChild(g, t)
	}
}
