package builder

import (
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
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
