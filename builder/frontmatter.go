package builder

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"

	"github.com/kettu/kettudocs/builder/diag"
)

// The front matter extension takes a run of three or more "-" (YAML) or
// "+" (TOML) at the top of a page as opening front matter, and everything
// up to the same run on a line of its own as its data. When that line
// never comes, the whole page is front matter, and its headings are YAML
// comments: the page would be published empty without a word. So the
// builder wraps the extension's parser to learn where front matter opened
// and whether it closed, and reports front matter that swallows the page.

// yamlFrontMatter is frontmatter.YAML decoded with the YAML package the
// builder uses, so that decodeFrontMatter can parse the data once into a
// yaml.Node and decode the node twice, or read simple front matter
// without YAML (see simpleFrontMatter).
var yamlFrontMatter = frontmatter.Format{Name: "YAML", Delim: '-', Unmarshal: unmarshalYAML}

// frontMatterExt is frontmatter.Extender with a parser that remembers.
type frontMatterExt struct{}

func (frontMatterExt) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(&frontMatterParser{
		frontmatter.Parser{Formats: []frontmatter.Format{yamlFrontMatter, frontmatter.TOML}},
	}, 0)))
}

var (
	frontMatterOpen   = parser.NewContextKey() // int: the offset of the opening line
	frontMatterClosed = parser.NewContextKey() // bool: the closing line was found
	frontMatterEnd    = parser.NewContextKey() // int: the offset after the closing line
)

// frontMatterParser is the extension's parser, noting in the parser
// context where front matter opens and whether it closes.
type frontMatterParser struct {
	frontmatter.Parser
}

func (p *frontMatterParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	n, st := p.Parser.Open(parent, reader, pc)
	if n != nil {
		pc.Set(frontMatterOpen, seg.Start)
	}
	return n, st
}

func (p *frontMatterParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	_, seg := reader.PeekLine()
	st := p.Parser.Continue(node, reader, pc)
	if st == parser.Close {
		pc.Set(frontMatterClosed, true)
		pc.Set(frontMatterEnd, seg.Stop)
	}
	return st
}

// frontMatterSpan returns where the front matter of the page just parsed
// with pc starts and ends in its source, opening and closing lines
// included, or 0, 0 when it has none (or it was never closed).
func frontMatterSpan(pc parser.Context) (start, end int) {
	start, ok := pc.Get(frontMatterOpen).(int)
	end, closed := pc.Get(frontMatterEnd).(int)
	if !ok || !closed {
		return 0, 0
	}
	return start, end
}

// frontMatterProblem reports front matter that would swallow the page:
// one that is never closed, or one with only comments in it, which is
// what a page's headings become between two thematic breaks.
func (p *page) frontMatterProblem(pc parser.Context) *diag.Problem {
	off, ok := pc.Get(frontMatterOpen).(int)
	if !ok {
		return nil
	}
	first, rest, _ := bytes.Cut(p.src[off:], []byte("\n"))
	delim := string(bytes.TrimRight(first, " \t\r"))
	pos := p.lines.Pos(off)
	if pc.Get(frontMatterClosed) == nil {
		return &diag.Problem{
			Pos:  pos,
			Msg:  "front matter opened here is never closed: the whole page would be read as front matter",
			Hint: "end the front matter with a " + delim + " line after its last key, or remove this line if the page has none",
		}
	}
	if delim[0] != '-' {
		return nil
	}
	comments := false
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		line = bytes.TrimSpace(line)
		switch {
		case string(line) == delim:
			rest = nil
		case len(line) == 0:
		case line[0] == '#':
			comments = true
		default:
			return nil
		}
	}
	if !comments {
		return nil
	}
	return &diag.Problem{
		Pos:  pos,
		Msg:  "front matter holds only comments: are these lines (# …) meant as headings of the page?",
		Hint: "front matter is YAML between two " + delim + " lines at the top; remove the first " + delim + " line if this is page text",
	}
}

// frontMatterLine returns the line front matter opened on, 1 when unknown.
func frontMatterLine(pc parser.Context, lines *diag.Lines) int {
	if off, ok := pc.Get(frontMatterOpen).(int); ok {
		return lines.Pos(off).Line
	}
	return 1
}
