package markdown

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/yuin/goldmark/ast"

	"github.com/kettu/kettudocs/builder/diag"
)

var (
	// tabHeaderRE matches a content tab of MkDocs Material (pymdownx.tabbed).
	tabHeaderRE = regexp.MustCompile(`^===\+?[ \t]+"[^"]*"[ \t]*$`)
	// macroRE matches a template macro of MkDocs (mkdocs-macros), Jekyll or
	// Hugo's Go templates: {{ … }} or {% … %}.
	macroRE = regexp.MustCompile(`\{\{.*?\}\}|\{%.*?%\}`)
)

// Foreign returns a warning for the syntax of other tools that a page
// shows as text: MkDocs's content tabs (=== "Go") and template macros
// ({{ project.name }}, {% include x %}), outside code. Each kind is one
// warning at its first place, with how often the page has it, and what
// to write instead. (Admonitions and containers of those tools are read
// as callouts; see Admonitions and Containers.)
func Foreign(doc ast.Node, src []byte, lines *diag.Lines) diag.List {
	type seen struct {
		first, n int
	}
	tabs, macros := seen{first: -1}, seen{first: -1}
	note := func(s *seen, off int) {
		if s.first < 0 {
			s.first = off
		}
		s.n++
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
			// Code spans hold what looks like a macro on purpose.
			var code [][2]int
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if _, ok := c.(*ast.CodeSpan); ok {
					for t := c.FirstChild(); t != nil; t = t.NextSibling() {
						if t, ok := t.(*ast.Text); ok {
							code = append(code, [2]int{t.Segment.Start, t.Segment.Stop})
						}
					}
				}
			}
			inCode := func(off int) bool {
				for _, c := range code {
					if c[0] <= off && off < c[1] {
						return true
					}
				}
				return false
			}
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				line := seg.Value(src)
				if _, ok := n.(*ast.Paragraph); ok && bytes.Contains(line, []byte("===")) && tabHeaderRE.Match(bytes.TrimSpace(line)) {
					note(&tabs, seg.Start)
				}
				if !bytes.Contains(line, []byte("{{")) && !bytes.Contains(line, []byte("{%")) {
					continue // nearly every line: no regular expression to run
				}
				for _, m := range macroRE.FindAllIndex(line, -1) {
					if !inCode(seg.Start + m[0]) {
						note(&macros, seg.Start+m[0])
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	var warnings diag.List
	times := func(n int) string {
		if n == 1 {
			return ""
		}
		return fmt.Sprintf(" (%d times on this page)", n)
	}
	if tabs.n > 0 {
		warnings = append(warnings, diag.Problem{
			Pos:      lines.Pos(tabs.first),
			Msg:      "MkDocs content tabs (=== \"Title\") are shown as text" + times(tabs.n),
			Hint:     "for code in several languages, put <!-- tabs --> above the fenced code blocks (see content/writing-docs.md); for prose, use headings",
			Severity: diag.Warning,
		})
	}
	if macros.n > 0 {
		warnings = append(warnings, diag.Problem{
			Pos:      lines.Pos(macros.first),
			Msg:      "template macros ({{ … }}, {% … %}) are shown as text" + times(macros.n),
			Hint:     "kettudocs pages have no macros: write their value, or put literal braces in `code`",
			Severity: diag.Warning,
		})
	}
	return warnings
}
