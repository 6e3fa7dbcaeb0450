package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskLabels renders the checkboxes of task lists ("- [x] done") with a
// label, as form controls need one for screen readers: "Done" or "Not
// done", read before the item's text.
type taskLabels struct{}

// TaskLabels labels the checkboxes of task lists for screen readers.
var TaskLabels goldmark.Extender = taskLabels{}

func (taskLabels) Extend(md goldmark.Markdown) {
	// Below the priority of GFM's checkbox renderer (500): registered later, it wins.
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(taskLabels{}, 100)))
}

func (taskLabels) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if n.(*east.TaskCheckBox).IsChecked {
				w.WriteString(`<input type="checkbox" checked disabled aria-label="Done"> `)
			} else {
				w.WriteString(`<input type="checkbox" disabled aria-label="Not done"> `)
			}
		}
		return ast.WalkContinue, nil
	})
}
