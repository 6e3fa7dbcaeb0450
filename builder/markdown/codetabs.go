package markdown

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/mdtext"
)

// codeTabs groups the fenced code blocks that follow a <!-- tabs -->
// comment into one set of tabs:
//
//	<!-- tabs -->
//	```go
//	err := codes.DecodeResponse(resp)
//	```
//	```sh title="curl"
//	curl -i https://api.kettu.example/v1/me
//	```
//
// GitHub shows the comment as nothing and the blocks one after another, as
// the theme does without JavaScript. A block's label is the title="…" of
// its info string, else the name of its language ("Go", "JSON"). The
// blocks stay fenced code blocks in the tree, so drift checks them as any
// other.
//
// The group renders as <div class="code-tabs">, each block in a
// <div class="code-tab" data-label="…"> after a <p class="code-tab-label">;
// the theme's script turns that into WAI-ARIA tabs.
//
// A marker that groups fewer than two blocks, a block with neither a
// language nor a title, and two blocks of one group with one label are
// problems, reported by tabProblems.
type codeTabs struct{}

// CodeTabs groups the fenced code blocks after a <!-- tabs --> comment into tabs.
var CodeTabs goldmark.Extender = codeTabs{}

var (
	// KindCodeTabGroup is the kind of CodeTabGroup nodes.
	KindCodeTabGroup = ast.NewNodeKind("CodeTabGroup")
	// KindCodeTab is the kind of CodeTab nodes.
	KindCodeTab = ast.NewNodeKind("CodeTab")
)

// CodeTabGroup is a group of code tabs; its children are CodeTab nodes.
type CodeTabGroup struct {
	ast.BaseBlock
	Prose bool // content tabs (see Tabbed), which may hold more than code
}

func (n *CodeTabGroup) Kind() ast.NodeKind { return KindCodeTabGroup }

func (n *CodeTabGroup) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// CodeTab is one tab; its child is the fenced code block, or, in a
// content tab (see Tabbed), any blocks.
type CodeTab struct {
	ast.BaseBlock
	Label    string
	prose    bool // a content tab
	newGroup bool // a content tab that starts a group of its own (===!)
}

func (n *CodeTab) Kind() ast.NodeKind { return KindCodeTab }

func (n *CodeTab) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.Label}, nil)
}

var tabProblemsKey = parser.NewContextKey()

// tabProblem is a mistake in a tab group, at a byte offset of the source.
type tabProblem struct {
	offset    int
	msg, hint string
}

func (codeTabs) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(codeTabs{}, 500)))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(codeTabs{}, 500)))
}

var (
	// tabsMarker matches a comment meant as a tabs marker: its first word
	// is "tabs". A marker with more (a typo, a label) is a problem rather
	// than an ordinary comment, so that it does not silently split a group.
	tabsMarker = regexp.MustCompile(`^<!--\s*tabs(?:[^\w-]|-->|$)`)
	tabsExact  = regexp.MustCompile(`^<!--\s*tabs\s*-->$`)
)

// Transform replaces each tabs marker and the code blocks after it by a
// CodeTabGroup node.
func (codeTabs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var markers []*ast.HTMLBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.HTMLBlock); ok && entering && h.HTMLBlockType == ast.HTMLBlockType2 {
			markers = append(markers, h)
		}
		return ast.WalkContinue, nil
	})
	var problems []tabProblem
	for _, m := range markers {
		if m.Lines().Len() == 0 {
			continue
		}
		at := m.Lines().At(0).Start
		raw := bytes.TrimSpace(mdtext.Join(src, mdtext.HTMLBlock(m)))
		if !tabsMarker.Match(raw) {
			continue
		}
		if !tabsExact.Match(raw) {
			problems = append(problems, tabProblem{at, fmt.Sprintf("tabs marker %q has more than the word tabs", raw),
				"write <!-- tabs --> alone on the line before the code blocks; a block's label goes in its info string: ```sh title=\"curl\""})
			continue
		}
		var blocks []*ast.FencedCodeBlock
		for n := m.NextSibling(); n != nil; n = n.NextSibling() {
			b, ok := n.(*ast.FencedCodeBlock)
			if !ok {
				break
			}
			blocks = append(blocks, b)
		}
		if len(blocks) < 2 {
			problems = append(problems, tabProblem{at, fmt.Sprintf("tabs marker is followed by %d fenced code blocks, want at least 2", len(blocks)),
				"put the code blocks of the group right after the marker, with nothing but blank lines between them"})
			continue
		}
		group := &CodeTabGroup{}
		seen := map[string]bool{}
		bad := false
		for _, b := range blocks {
			label := tabLabel(b, src)
			if label == "" {
				problems = append(problems, tabProblem{codeBlockOffset(b, src, at), "a code block in tabs has no language and no title",
					"name its language (```go) or give it a title: ```text title=\"Output\""})
				bad = true
				continue
			}
			if seen[label] {
				problems = append(problems, tabProblem{codeBlockOffset(b, src, at), fmt.Sprintf("two code blocks in one tab group are labelled %q", label),
					"give one of them a title of its own in its info string: ```go title=\"Go (net/http)\""})
				bad = true
				continue
			}
			seen[label] = true
			tab := &CodeTab{Label: label}
			group.AppendChild(group, tab)
		}
		if bad {
			continue
		}
		parent := m.Parent()
		parent.ReplaceChild(parent, m, group)
		tab := group.FirstChild()
		for _, b := range blocks {
			tab.AppendChild(tab, b) // moves the block into its tab
			tab = tab.NextSibling()
		}
	}
	if len(problems) > 0 {
		pc.Set(tabProblemsKey, problems)
	}
}

// codeBlockOffset returns the offset of the line of b's opening fence, or
// else fallback.
func codeBlockOffset(b *ast.FencedCodeBlock, src []byte, fallback int) int {
	switch {
	case b.Info != nil:
		return bytes.LastIndexByte(src[:b.Info.Segment.Start], '\n') + 1
	case b.Lines().Len() > 0: // the fence is the line before the code
		first := b.Lines().At(0).Start
		if first == 0 {
			return 0
		}
		return bytes.LastIndexByte(src[:first-1], '\n') + 1
	}
	return fallback
}

var titleAttr = regexp.MustCompile(`(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))`)

// tabLabel returns the label of b: its title="…", else its language's
// name, else "".
func tabLabel(b *ast.FencedCodeBlock, src []byte) string {
	if b.Info != nil {
		if m := titleAttr.FindSubmatch(b.Info.Segment.Value(src)); m != nil {
			t := string(bytes.TrimSpace(append(append(m[1], m[2]...), m[3]...)))
			if t != "" {
				return t
			}
		}
	}
	lang := string(b.Language(src))
	if lang == "" {
		return ""
	}
	if l := lexers.Get(lang); l != nil {
		return l.Config().Name
	}
	return lang
}

// TabProblems returns the problems the tabs transformer found while
// parsing with pc.
func TabProblems(pc parser.Context, lines *diag.Lines) diag.List {
	v, _ := pc.Get(tabProblemsKey).([]tabProblem)
	var l diag.List
	for _, p := range v {
		l = append(l, diag.Problem{Pos: lines.Pos(p.offset), Msg: p.msg, Hint: p.hint})
	}
	return l
}

func (codeTabs) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCodeTabGroup, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.(*CodeTabGroup).Prose {
			// The theme labels the tab list of code "Code examples"; of
			// prose, nothing, as it holds what its labels say.
			w.WriteString(`<div class="code-tabs" data-prose>` + "\n")
		} else if entering {
			w.WriteString(`<div class="code-tabs">` + "\n")
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindCodeTab, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
		label := util.EscapeHTML([]byte(n.(*CodeTab).Label))
		w.WriteString(`<div class="code-tab" data-label="`)
		w.Write(label)
		w.WriteString(`"><p class="code-tab-label">`)
		w.Write(label)
		w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	})
}
