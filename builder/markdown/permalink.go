package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindPermalink is the kind of permalink nodes.
var KindPermalink = ast.NewNodeKind("Permalink")

// Permalink is an inline node rendering a self-link to an element with an
// id: a heading or a code-table row. goldmark's own link renderer drops
// aria-label, which a link showing only "#" needs.
type Permalink struct {
	ast.BaseInline
	target string // the id, without '#'
	label  string
}

// NewPermalink returns a Permalink to the element with the id target,
// labelled label for screen readers ("Link to Close codes").
func NewPermalink(target, label string) *Permalink {
	return &Permalink{target: target, label: label}
}

func (n *Permalink) Kind() ast.NodeKind { return KindPermalink }

func (n *Permalink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.target}, nil)
}

// permalinks renders permalink nodes.
type permalinks struct{}

// Permalinks renders Permalink nodes, which a build adds to headings and code-table rows.
var Permalinks goldmark.Extender = permalinks{}

func (permalinks) Extend(md goldmark.Markdown) {
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(permalinks{}, 500)))
}

func (permalinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPermalink, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			n := node.(*Permalink)
			w.WriteString(`<a class="permalink" href="#`)
			w.Write(util.EscapeHTML([]byte(n.target)))
			w.WriteString(`" aria-label="`)
			w.Write(util.EscapeHTML([]byte(n.label)))
			w.WriteString(`">#</a>`)
		}
		return ast.WalkSkipChildren, nil
	})
}
