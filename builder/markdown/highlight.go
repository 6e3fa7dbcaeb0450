package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/kettu/kettudocs/builder/diag"
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
type highlight struct{ budget time.Duration }

// Highlighting highlights fenced code blocks with chroma and CSS classes, in a <div class="code-block">.
var Highlighting goldmark.Extender = highlight{budget: time.Second}

// HighlightingWithin is Highlighting with budget as the most time one
// block's highlighting may take; a block that would take longer is shown
// as it is.
func HighlightingWithin(budget time.Duration) goldmark.Extender { return highlight{budget: budget} }

func (h highlight) Extend(m goldmark.Markdown) {
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
		slow:   slow,
		budget: h.budget,
	}, 200)))
}

// registerFunc lets a function collect what a NodeRenderer registers.
type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

type highlightRenderer struct {
	slow   renderer.NodeRendererFunc
	budget time.Duration
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
	if len(text) > MaxHighlight {
		writePlain(w, lang, text)
		return ast.WalkContinue, nil
	}
	var it chroma.Iterator
	err := fastlex.ErrRefused
	if fast := fastlex.For(lexer); fast != nil {
		it, err = fast.Tokenise(nil, text)
	}
	if err == nil {
		w.WriteString(`<div class="code-block">`)
		writeCodeHTML(w, it)
		w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	// chroma's regular expressions take time that grows faster than the
	// block for some lexers and text (gnuplot on one long word: 4 s for
	// 8 kB): past the budget, the block is shown as it is.
	late := false
	it, err = chroma.Coalesce(budgeted{Lexer: lexer, end: time.Now().Add(r.budget), late: &late}).Tokenise(nil, text)
	if err != nil {
		return r.slow(w, src, node, entering)
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	writeCodeHTML(bw, it)
	if late {
		writePlain(w, lang, text)
		return ast.WalkContinue, nil
	}
	bw.Flush()
	w.WriteString(`<div class="code-block">`)
	w.Write(buf.Bytes())
	w.WriteString("</div>\n")
	return ast.WalkContinue, nil
}

// budgeted is a lexer whose tokens end when its time is up, noting so in
// late.
type budgeted struct {
	chroma.Lexer
	end  time.Time
	late *bool
}

func (b budgeted) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	it, err := b.Lexer.Tokenise(options, text)
	if err != nil {
		return nil, err
	}
	n := 0
	return func() chroma.Token {
		if *b.late {
			return chroma.EOF
		}
		if n++; n%16 == 0 && time.Now().After(b.end) {
			*b.late = true
			return chroma.EOF
		}
		return it()
	}, nil
}

// MaxHighlight is the largest code block that is highlighted, in bytes;
// a larger one is shown as it is: highlighting takes time that grows
// faster than the block for some languages. LargeBlocks finds them.
const MaxHighlight = 32 << 10

// writePlain writes a code block without highlighting, as a block in a
// language chroma does not know.
func writePlain(w util.BufWriter, lang []byte, text string) {
	w.WriteString(`<div class="code-block"><pre><code class="language-`)
	w.Write(util.EscapeHTML(lang))
	w.WriteString(`">`)
	w.WriteString(html.EscapeString(text))
	w.WriteString("</code></pre></div>\n")
}

// LargeBlocks returns a warning for each fenced code block of doc, parsed
// from src, that Highlighting shows unhighlighted for its size.
func LargeBlocks(doc ast.Node, src []byte, lines *diag.Lines) diag.List {
	var problems diag.List
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		largeBlocks(n, src, lines, &problems)
	}
	return problems
}

func largeBlocks(n ast.Node, src []byte, lines *diag.Lines, problems *diag.List) {
	switch n := n.(type) {
	case *ast.FencedCodeBlock:
		if n.Language(src) == nil {
			return
		}
		size := 0
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			size += seg.Stop - seg.Start
		}
		if size > MaxHighlight {
			*problems = append(*problems, diag.Problem{
				Pos:      lines.Pos(n.Info.Segment.Start), // a language: an info string
				Msg:      fmt.Sprintf("code block of %d kB is shown without highlighting: the most that is highlighted is %d kB", size>>10, MaxHighlight>>10),
				Hint:     "split the block, or link to the file instead of showing all of it",
				Severity: diag.Warning,
			})
		}
		return
	case *ast.Paragraph, *ast.Heading, *ast.HTMLBlock, *ast.CodeBlock, *ast.ThematicBreak:
		return // no code blocks inside
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		largeBlocks(c, src, lines, problems)
	}
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
