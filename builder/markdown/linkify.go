package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GFM is extension.GFM with its linkify parser behind a quick test.
// Linkify is asked at every space of every paragraph whether an autolink
// starts there, and most of the time it took answering no (some 5% of a
// big build) went to four prefix checks and an e-mail address scan. What
// its Parse can turn into a link starts with "http:", "https:", "ftp:",
// "www." or holds an "@" within the first 65 bytes; for anything else the
// test returns nil at once, as Parse would, which changes nothing else.
// FuzzLinkify holds the output to extension.GFM's.
var GFM goldmark.Extender = gfmExt{}

type gfmExt struct{}

func (gfmExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// extension.Linkify's parser, at its priority.
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999),
	))
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// quickLinkify is an inline parser that tries linkify's only where it
// may find a link.
type quickLinkify struct{ parser.InlineParser }

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	l := line
	if len(l) > 0 {
		switch l[0] { // the trigger, which linkify skips
		case ' ', '*', '_', '~', '(':
			l = l[1:]
		}
	}
	if len(l) == 0 || l[0] != 'h' && l[0] != 'f' && l[0] != 'w' && bytes.IndexByte(l[:min(len(l), 65)], '@') < 0 {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}
