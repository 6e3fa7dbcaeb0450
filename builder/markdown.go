package builder

import (
	"github.com/yuin/goldmark"
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
			highlight{},
			permalinks{},
			callouts{},
			codeTabs{},
			diagrams{},
			extension.DefinitionList,
			tableWrapper{},
			taskLabels{},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		// Writers are trusted and need raw HTML (and the code-table markers,
		// which are HTML comments, should survive into the page source).
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
}
