package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// tableWrapper renders each table inside a <div class="table-wrap">, so a
// wide table scrolls in its own box instead of widening the page, and the
// table keeps its table semantics (display: block on a table loses them
// in some screen readers).
type tableWrapper struct{}

// TableWrap puts each table in a <div class="table-wrap"> that scrolls sideways.
var TableWrap goldmark.Extender = tableWrapper{}

func (tableWrapper) Extend(md goldmark.Markdown) {
	// Below the priority of GFM's table renderer (500): registered later, it wins.
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableWrapper{}, 100)))
}

func (tableWrapper) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<div class="table-wrap"><table`)
			if n.Attributes() != nil {
				html.RenderAttributes(w, n, extension.TableAttributeFilter)
			}
			w.WriteString(">\n")
		} else {
			w.WriteString("</table></div>\n")
		}
		return ast.WalkContinue, nil
	})
}
