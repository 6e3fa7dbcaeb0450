package markdown

import (
	"bytes"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/kettu/kettudocs/builder/fastlex"
)

// highlight renders fenced code blocks as goldmark-highlighting does with
// chroma and CSS classes, byte for byte, at a fraction of the cost:
// goldmark-highlighting makes a new formatter for every block, which works
// out the style's CSS again (40% of the time spent highlighting a typical
// page); chroma's lexers for Go and JSON, most blocks of API docs, run
// regular expressions that package fastlex does without; and chroma's
// formatter makes a fmt call or two a token (see writeCodeHTML). Blocks
// with attributes ({linenos=table}, {hl_lines=[2]}), and blocks in
// languages chroma does not know, go to goldmark-highlighting itself.
type highlight struct{}

// Highlighting highlights fenced code blocks with chroma and CSS classes, in a <div class="code-block">.
var Highlighting goldmark.Extender = highlight{}

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
		slow: slow,
	}, 200)))
}

// registerFunc lets a function collect what a NodeRenderer registers.
type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

type highlightRenderer struct {
	slow renderer.NodeRendererFunc
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
	writeCodeHTML(w, it)
	w.WriteString("</div>\n")
	return ast.WalkContinue, nil
}

// writeCodeHTML writes tokens as chroma's HTML formatter does with CSS
// classes, without line numbers or highlighted lines, which is how every
// block this renderer formats is formatted: the formatter's fmt calls,
// one or two a token, were most of the time spent highlighting once the
// lexing was fast. TestCodeHTMLSameAsChroma holds the two to the same
// bytes.
//
// The tokens are written as they come, split into lines as
// chroma.SplitTokensIntoLines splits them, without the slices of lines
// and tokens that makes (6% of a big build's allocations).
func writeCodeHTML(w util.BufWriter, it chroma.Iterator) {
	w.WriteString(`<pre class="chroma"><code>`)
	// open is whether a line is open. A line's first token, when empty,
	// is held (its class in heldCls) until the line has another:
	// SplitTokensIntoLines drops a last line of one empty token.
	open, held, heldCls := false, false, ""
	token := func(cls, v string) {
		if !open {
			w.WriteString(`<span class="line"><span class="cl">`)
			open = true
		}
		if cls != "" {
			w.WriteString(`<span class="`)
			w.WriteString(cls)
			w.WriteString(`">`)
		}
		w.WriteString(html.EscapeString(v))
		if cls != "" {
			w.WriteString("</span>")
		}
	}
	for t := it(); t != chroma.EOF; t = it() {
		cls, v := tokenClass(t.Type), t.Value
		if !held && !open && v == "" {
			held, heldCls = true, cls
			continue
		}
		if held {
			token(heldCls, "")
			held = false
		}
		for {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				break
			}
			token(cls, v[:i+1])
			w.WriteString("</span></span>")
			open, v = false, v[i+1:]
			if v == "" {
				break
			}
		}
		if v != "" || t.Value == "" {
			token(cls, v)
		}
	}
	if open {
		w.WriteString("</span></span>")
	}
	w.WriteString("</code></pre>")
}

// tokenClass is the CSS class chroma gives a token type: its own, or its
// nearest ancestor's in chroma.StandardTypes.
func tokenClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}
