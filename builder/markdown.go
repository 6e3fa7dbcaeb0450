package builder

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/kettu/kettudocs/builder/frontmatter"
	"github.com/kettu/kettudocs/builder/markdown"
	"github.com/kettu/kettudocs/builder/sanitize"
)

// bufWriter lets goldmark render straight into a bytes.Buffer, which
// lacks only these two methods of a util.BufWriter: given any other
// writer, goldmark wraps it in a new bufio.Writer, 4 kB a page.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

// newMarkdown returns the one goldmark instance a build shares across all
// pages; goldmark is safe for concurrent use. With unsafe, raw HTML and
// every link URL are rendered as written; without, raw HTML is rendered
// only as the sanitizer left it (see sanitize.go), and goldmark's own
// renderer omits any it was not given.
func newMarkdown(unsafe bool) goldmark.Markdown {
	var ropts []renderer.Option
	if unsafe {
		// The site says its writers are trusted: raw HTML (and the
		// code-table markers, which are HTML comments) as written.
		ropts = append(ropts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(
			markdown.GFM, // extension.GFM: tables, strikethrough, autolinks, task lists
			extension.Footnote,
			frontmatter.Extension, // go.abhg.dev/goldmark/frontmatter, noting an unclosed one
			markdown.Highlighting,
			markdown.Permalinks,
			markdown.Callouts,
			markdown.Containers,     // Docusaurus's and VitePress's ":::tip"
			markdown.Admonitions,    // MkDocs's "!!! note" and "??? note"
			markdown.ComponentLines, // MDX: <Tabs> on a line of its own
			markdown.CodeTabs,
			markdown.Tabbed, // MkDocs's content tabs: === "Title"
			markdown.Diagrams,
			extension.DefinitionList,
			markdown.TableWrap,
			markdown.TaskLabels,
			sanitize.Extension,
		),
		// Attributes: "## Close codes {#close-event-codes}" keeps a heading's old id.
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(ropts...),
	)
}
