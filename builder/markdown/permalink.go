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

// KindAnchor is the kind of anchor nodes.
var KindAnchor = ast.NewNodeKind("Anchor")

// Anchor is an inline node rendering an empty element with an id: an old
// id of a heading or row, kept so that links to it still land there.
type Anchor struct {
	ast.BaseInline
	id string
}

// NewAnchor returns an Anchor with the id id.
func NewAnchor(id string) *Anchor { return &Anchor{id: id} }

func (n *Anchor) Kind() ast.NodeKind { return KindAnchor }

func (n *Anchor) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.id}, nil)
}

// permalinks renders permalink and anchor nodes.
type permalinks struct{}

// Permalinks renders Permalink nodes, which a build adds to headings and
// code-table rows, and Anchor nodes, their old ids.
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
	reg.Register(KindAnchor, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<span id="`)
			w.Write(util.EscapeHTML([]byte(node.(*Anchor).id)))
			w.WriteString(`"></span>`)
		}
		return ast.WalkSkipChildren, nil
	})
}
