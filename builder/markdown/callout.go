package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/kettu/kettudocs/builder/mdtext"
)

// callouts turns block quotes in GitHub's alert syntax into callouts:
//
//	> [!WARNING]
//	> Tokens in URLs end up in logs.
//
// The marker is one of NOTE, TIP, IMPORTANT, WARNING and CAUTION, in any
// case, first on the quote's first line, and the quote has text after it,
// as on GitHub, so the same Markdown reads the same there. Text after the
// marker on its line is the callout's title, as Obsidian writes it
// ("> [!WARNING] Rate limits"; GitHub shows such a quote as a quote).
// Anything else ("[!DANGER]", a marker alone) stays a block quote.
//
// A callout renders as <div class="callout KIND" role="note">, labelled
// with its title for screen readers; the visible title and icon are
// decoration for them, as the label already says it.
type callouts struct{}

// Callouts renders GitHub's alerts ("> [!NOTE]") as callouts.
var Callouts goldmark.Extender = callouts{}

// calloutKinds are the kinds GitHub knows, with their titles and icons
// (24×24 stroke icons, drawn like the theme's other icons).
var calloutKinds = map[string]struct{ title, icon string }{
	"note":      {"Note", `<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.01"/>`},
	"tip":       {"Tip", `<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z"/>`},
	"important": {"Important", `<path d="M4 4h16v12H9l-5 4z"/><path d="M12 7.5v4M12 13.5v.01"/>`},
	"warning":   {"Warning", `<path d="M12 3.5 2.5 20h19z"/><path d="M12 10v4.5M12 17v.01"/>`},
	"caution":   {"Caution", `<path d="M8.3 3h7.4L21 8.3v7.4L15.7 21H8.3L3 15.7V8.3z"/><path d="M12 7.5v5M12 16v.01"/>`},
}

// KindCallout is the kind of Callout nodes.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a block quote with an alert marker. Its children are the
// quote's, without the marker.
type Callout struct {
	ast.BaseBlock
	Alert     string // "note", "tip", "important", "warning" or "caution"
	Title     string // shown instead of the kind's, when not ""; plain text
	Collapsed bool   // a <details> whose summary is the title
	Open      bool   // with Collapsed: open until the reader closes it
	NoTitle   bool   // no title at all (MkDocs's !!! note "")
	fence     int    // the colons that opened a container (see Containers)
}

func (n *Callout) Kind() ast.NodeKind { return KindCallout }

func (n *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Alert": n.Alert, "Title": n.Title}, nil)
}

func (callouts) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(callouts{}, 500)))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(callouts{}, 500)))
}

// Transform replaces each block quote that starts with an alert marker by
// a Callout.
func (callouts) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		kind, title, ok := calloutKind(q, src)
		if !ok {
			continue
		}
		c := &Callout{Alert: kind, Title: title}
		for child := q.FirstChild(); child != nil; {
			next := child.NextSibling()
			c.AppendChild(c, child) // moves it
			child = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
	}
}

// calloutKind reports whether q starts with an alert marker, and if so
// takes the marker out of it and returns its kind and title ("" for the
// kind's).
func calloutKind(q *ast.Blockquote, src []byte) (kind, title string, ok bool) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return "", "", false
	}
	first := p.Lines().At(0)
	line := bytes.TrimSpace(first.Value(src))
	end := bytes.IndexByte(line, ']')
	if len(line) < 4 || !bytes.HasPrefix(line, []byte("[!")) || end < 0 {
		return "", "", false
	}
	kind = string(bytes.ToLower(line[2:end]))
	if _, ok := calloutKinds[kind]; !ok {
		return "", "", false
	}
	if end+1 < len(line) && line[end+1] != ' ' && line[end+1] != '\t' {
		return "", "", false // "[!NOTE](x)": a link
	}
	// Shown as text: code spans read as their text.
	title = strings.Join(strings.Fields(strings.ReplaceAll(string(line[end+1:]), "`", "")), " ")
	// The marker is plain text ("[" that opens no link), and so is its
	// first line's rest, the title: the inline nodes of the first line
	// all go, the title shown as text.
	var marker []ast.Node
	for n := p.FirstChild(); n != nil; n = n.NextSibling() {
		if off := mdtext.Offset(n); off >= first.Stop {
			break
		}
		if _, ok := n.(*ast.Link); ok && len(marker) == 0 {
			return "", "", false
		}
		marker = append(marker, n)
		if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			break
		}
	}
	rest := p.Lines().Len() > 1 || p.NextSibling() != nil
	if len(marker) == 0 || !rest {
		return "", "", false
	}
	for _, n := range marker {
		p.RemoveChild(p, n)
	}
	if p.Lines().Len() > 1 {
		lines := text.NewSegments()
		lines.AppendAll(p.Lines().Sliced(1, p.Lines().Len()))
		p.SetLines(lines)
	} else {
		q.RemoveChild(q, p) // the text follows in the next paragraphs
	}
	return kind, title, true
}

func (callouts) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		c := n.(*Callout)
		if !entering {
			if c.Collapsed {
				w.WriteString("</details>\n")
			} else {
				w.WriteString("</div>\n")
			}
			return ast.WalkContinue, nil
		}
		k := calloutKinds[c.Alert]
		title := k.title
		if c.Title != "" {
			title = html.EscapeString(c.Title)
		}
		if c.Collapsed {
			// The summary is what a reader opens it with: the title is
			// its label, not decoration.
			open := ""
			if c.Open {
				open = " open"
			}
			w.WriteString(`<details class="callout ` + c.Alert + `"` + open + `>` + "\n")
			w.WriteString(`<summary class="callout-title"><svg viewBox="0 0 24 24" aria-hidden="true">` + k.icon + `</svg>` + title + "</summary>\n")
			return ast.WalkContinue, nil
		}
		w.WriteString(`<div class="callout ` + c.Alert + `" role="note" aria-label="` + title + `">` + "\n")
		if !c.NoTitle {
			w.WriteString(`<p class="callout-title" aria-hidden="true"><svg viewBox="0 0 24 24">` + k.icon + `</svg>` + title + "</p>\n")
		}
		return ast.WalkContinue, nil
	})
}
