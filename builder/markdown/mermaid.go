package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// diagrams turns ```mermaid code blocks into diagrams. The block renders
// as its source, which is what readers without JavaScript see:
//
//	<figure class="diagram"><pre class="diagram-source"><code class="language-mermaid">…</code></pre></figure>
//
// and the theme's script draws it with the copy of mermaid the theme
// bundles, loaded only on pages that have a diagram. The source is not
// highlighted: mermaid reads it as text.
type diagrams struct{}

// Diagrams renders ```mermaid blocks as diagrams for the theme to draw.
var Diagrams goldmark.Extender = diagrams{}

// KindDiagram is the kind of Diagram nodes.
var KindDiagram = ast.NewNodeKind("Diagram")

// Diagram is a mermaid diagram; its lines are the source.
type Diagram struct{ ast.BaseBlock }

func (n *Diagram) Kind() ast.NodeKind { return KindDiagram }

func (n *Diagram) IsRaw() bool { return true }

func (n *Diagram) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (diagrams) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(diagrams{}, 500)))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(diagrams{}, 500)))
}

// Transform replaces each fenced code block in the language mermaid by a
// Diagram.
func (diagrams) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*ast.FencedCodeBlock); ok && entering && string(b.Language(src)) == "mermaid" {
			blocks = append(blocks, b)
		}
		return ast.WalkContinue, nil
	})
	for _, b := range blocks {
		d := &Diagram{}
		d.SetLines(b.Lines())
		b.Parent().ReplaceChild(b.Parent(), b, d)
	}
}

func (diagrams) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDiagram, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		w.WriteString(`<figure class="diagram"><pre class="diagram-source"><code class="language-mermaid">`)
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			line := lines.At(i)
			w.Write(util.EscapeHTML(line.Value(src)))
		}
		w.WriteString("</code></pre></figure>\n")
		return ast.WalkSkipChildren, nil
	})
}
