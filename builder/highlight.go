package builder

import (
	"bytes"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/kettu/kettudocs/builder/fastlex"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// highlight renders fenced code blocks with chroma, as goldmark-highlighting
// does, but with one shared formatter: goldmark-highlighting makes a new
// formatter for every block, and each new formatter works out the style's
// CSS again, which was 40% of the time spent highlighting a typical page.
// Blocks with attributes ({linenos=table}, {hl_lines=[2]}), which need a
// formatter of their own, and blocks in languages chroma does not know go
// to goldmark-highlighting, so the output stays the same.
type highlight struct{}

// highlightStyle is the style goldmark-highlighting uses by default. With
// CSS classes it only decides which tokens get a class; the colours are in
// chroma.css.
const highlightStyle = "github"

func (highlight) Extend(m goldmark.Markdown) {
	opts := []highlighting.Option{
		highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
		// Fences without a language stay plain: guessing mislabels JSON
		// fragments and shell output.
		highlighting.WithGuessLanguage(false),
		highlighting.WithWrapperRenderer(codeBlockWrapper),
	}
	var slow renderer.NodeRendererFunc
	highlighting.NewHTMLRenderer(opts...).RegisterFuncs(registerFunc(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == ast.KindFencedCodeBlock {
			slow = f
		}
	}))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&highlightRenderer{
		slow:      slow,
		formatter: chromahtml.New(chromahtml.WithClasses(true)),
		style:     styles.Get(highlightStyle),
	}, 200)))
}

// registerFunc lets a function collect what a NodeRenderer registers.
type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

type highlightRenderer struct {
	slow      renderer.NodeRendererFunc
	formatter *chromahtml.Formatter // safe for concurrent use
	style     *chroma.Style
}

func (r *highlightRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r *highlightRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.FencedCodeBlock)
	if n.Attributes() != nil || (n.Info != nil && bytes.IndexByte(n.Info.Segment.Value(src), '{') >= 0) {
		return r.slow(w, src, node, entering)
	}
	lang := n.Language(src)
	var lexer chroma.Lexer
	if lang != nil {
		lexer = lexers.Get(string(lang))
	}
	if lexer == nil {
		return r.slow(w, src, node, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	var code bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	// fastlex gives chroma's tokens for most Go and JSON blocks without
	// chroma's regular expressions, which were a quarter of a large build's
	// CPU time; what it refuses, chroma lexes.
	text := code.String()
	var it chroma.Iterator
	err := fastlex.ErrRefused
	if fast := fastlex.For(lexer); fast != nil {
		it, err = fast.Tokenise(nil, text)
	}
	if err != nil {
		it, err = chroma.Coalesce(lexer).Tokenise(nil, text)
	}
	if err != nil {
		return r.slow(w, src, node, entering)
	}
	w.WriteString(`<div class="code-block">`)
	if err := r.formatter.Format(w, r.style, it); err != nil {
		return ast.WalkStop, err
	}
	w.WriteString("</div>\n")
	return ast.WalkContinue, nil
}
