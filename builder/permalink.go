package builder

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// kindPermalink is the kind of permalink nodes.
var kindPermalink = ast.NewNodeKind("Permalink")

// permalink is an inline node rendering a self-link to an element with an
// id: a heading or a code-table row. goldmark's own link renderer drops
// aria-label, which a link showing only "#" needs.
type permalink struct {
	ast.BaseInline
	target string // the id, without '#'
	label  string
}

func newPermalink(target, label string) *permalink {
	return &permalink{target: target, label: label}
}

func (n *permalink) Kind() ast.NodeKind { return kindPermalink }

func (n *permalink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.target}, nil)
}

// permalinks renders permalink nodes.
type permalinks struct{}

func (permalinks) Extend(md goldmark.Markdown) {
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(permalinks{}, 500)))
}

func (permalinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPermalink, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			n := node.(*permalink)
			w.WriteString(`<a class="permalink" href="#`)
			w.Write(util.EscapeHTML([]byte(n.target)))
			w.WriteString(`" aria-label="`)
			w.Write(util.EscapeHTML([]byte(n.label)))
			w.WriteString(`">#</a>`)
		}
		return ast.WalkSkipChildren, nil
	})
}
