// Package markdown holds the goldmark extensions of kettudocs, each in its
// own file with its own tests, each usable alone as goldmark's own
// extensions are:
//
//	md := goldmark.New(goldmark.WithExtensions(markdown.Callouts, markdown.CodeTabs))
//
// The extensions:
//
//	GFM           extension.GFM (tables, strikethrough, autolinks, task lists), its linkify faster
//	Callouts      GitHub's alerts, "> [!NOTE]" … "> [!CAUTION]", as <div class="callout KIND" role="note">
//	Containers    Docusaurus's and VitePress's ":::tip[Title]" … ":::" as the same callouts, "::: details" collapsed
//	Admonitions   MkDocs's "!!! note \"Title\"" and "??? note" (collapsed) with their indented bodies as the same callouts
//	CodeTabs      fenced code blocks after a <!-- tabs --> comment as one group of tabs
//	Diagrams      ```mermaid blocks as <figure class="diagram"> for the theme to draw
//	Highlighting  fenced code blocks highlighted by chroma with CSS classes, in <div class="code-block">
//	Permalinks    renders Permalink nodes ("#" links to headings and rows), which the builder adds
//	TableWrap     each table in a <div class="table-wrap"> that scrolls sideways
//	TaskLabels    task-list checkboxes with an aria-label
//
// None of them knows about pages, sites or the output: what a site's pages
// are parsed with, which extensions in which order, is the builder's to
// say. Problems an extension finds while parsing, such as a tabs marker
// without code blocks, are kept in the parser.Context and read with the
// extension's function (TabProblems), so a page's problems are reported
// all at once with the build's others.
package markdown
