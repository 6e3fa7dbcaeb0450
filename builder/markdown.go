package builder

import (
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"
)

// newMarkdown returns the one goldmark instance a build shares across all
// pages; goldmark is safe for concurrent use.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.GFM, // tables, strikethrough, autolinks, task lists
			extension.Footnote,
			&frontmatter.Extender{},
			highlighting.NewHighlighting(
				highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
				// Fences without a language stay plain: guessing mislabels
				// JSON fragments and shell output.
				highlighting.WithGuessLanguage(false),
				highlighting.WithWrapperRenderer(codeBlockWrapper),
			),
			permalinks{},
			tableWrapper{},
			taskLabels{},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		// Writers are trusted and need raw HTML (and the code-table markers,
		// which are HTML comments, should survive into the page source).
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
}

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

// codeBlockWrapper puts each fenced code block in a <div class="code-block">,
// the box the theme's copy button sits in. Chroma writes the <pre> of a
// highlighted block; a block without a known language is written here.
func codeBlockWrapper(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	if entering {
		w.WriteString(`<div class="code-block">`)
		if !c.Highlighted() {
			w.WriteString("<pre><code")
			if lang, ok := c.Language(); ok && len(lang) > 0 {
				w.WriteString(` class="language-`)
				w.Write(util.EscapeHTML(lang))
				w.WriteString(`"`)
			}
			w.WriteString(">")
		}
		return
	}
	if !c.Highlighted() {
		w.WriteString("</code></pre>")
	}
	w.WriteString("</div>\n")
}

// tableWrapper renders each table inside a <div class="table-wrap">, so a
// wide table scrolls in its own box instead of widening the page, and the
// table keeps its table semantics (display: block on a table loses them
// in some screen readers).
type tableWrapper struct{}

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

// taskLabels renders the checkboxes of task lists ("- [x] done") with a
// label, as form controls need one for screen readers: "Done" or "Not
// done", read before the item's text.
type taskLabels struct{}

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
