package drift

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// sep stands in, in prose text, for inline content that is not prose (a code
// span, an autolink). It is neither a space nor a word byte, so no mention
// can run across it.
const sep = 0

// text is plain text pulled out of the AST with, for each byte, its offset
// in the source (-1 when it has none), so a match in the text can be
// reported at its exact line and column.
type text struct {
	b   []byte
	off []int
}

// span appends src[start:stop], mapped byte for byte.
func (t *text) span(src []byte, start, stop int) {
	start, stop = clamp(start, len(src)), clamp(stop, len(src))
	t.b = append(t.b, src[start:stop]...)
	for i := start; i < stop; i++ {
		t.off = append(t.off, i)
	}
}

// at appends s, every byte mapped to off.
func (t *text) at(s []byte, off int) {
	for _, c := range s {
		t.b = append(t.b, c)
		t.off = append(t.off, off)
	}
}

// last is the source offset of the last mapped byte, for content that has
// no position of its own.
func (t *text) last() int {
	for i := len(t.off) - 1; i >= 0; i-- {
		if t.off[i] >= 0 {
			return t.off[i]
		}
	}
	return -1
}

// pos returns the source offset of text byte i, or -1.
func (t *text) pos(i int) int {
	if i < 0 || i >= len(t.off) {
		return -1
	}
	return t.off[i]
}

func clamp(i, n int) int {
	if i < 0 {
		return 0
	}
	if i > n {
		return n
	}
	return i
}

// plain returns the plain text of the inline children of n, as it reads
// once rendered: backslash escapes and entities resolved, emphasis, links
// and strikethrough reduced to their text, raw HTML dropped. In prose mode
// code spans and autolinks become a sep byte, because a code in code is an
// example, not a claim, and a URL is not prose; otherwise they give their
// text, as a cell's value includes them.
func plain(n ast.Node, src []byte, prose bool) *text {
	t := &text{}
	t.inline(n, src, prose)
	return t
}

func (t *text) inline(n ast.Node, src []byte, prose bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				t.span(src, c.Segment.Start, c.Segment.Stop)
			} else {
				t.unescape(src, c.Segment.Start, c.Segment.Stop)
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				t.at([]byte{'\n'}, c.Segment.Stop)
			}
		case *ast.String:
			t.at(c.Value, t.last())
		case *ast.CodeSpan:
			if prose {
				t.at([]byte{sep}, c.Pos())
				continue
			}
			for d := c.FirstChild(); d != nil; d = d.NextSibling() {
				switch d := d.(type) {
				case *ast.Text:
					t.span(src, d.Segment.Start, d.Segment.Stop)
				case *ast.String:
					t.at(d.Value, t.last())
				}
			}
		case *ast.AutoLink:
			if prose {
				t.at([]byte{sep}, c.Pos())
				continue
			}
			t.at(c.Label(src), c.Pos())
		case *ast.RawHTML:
			// Dropped: it renders as markup, not text.
		default:
			// Emphasis, links, images (their alt text), strikethrough and
			// whatever inline containers extensions add.
			t.inline(c, src, prose)
		}
	}
}

// unescape appends src[start:stop] resolving backslash escapes and entity
// references as goldmark's renderer does, keeping each result byte mapped to
// its origin.
func (t *text) unescape(src []byte, start, stop int) {
	start, stop = clamp(start, len(src)), clamp(stop, len(src))
	for i := start; i < stop; {
		// Copy the run up to the next escape or entity in one go: most
		// text has neither.
		if j := bytes.IndexAny(src[i:stop], "\\&"); j != 0 {
			if j < 0 {
				j = stop - i
			}
			t.span(src, i, i+j)
			i += j
			continue
		}
		c := src[i]
		if c == '\\' && i+1 < stop && util.IsPunct(src[i+1]) {
			t.span(src, i+1, i+2)
			i += 2
			continue
		}
		if c == '&' {
			if v, n := entity(src[i:stop]); n > 0 {
				t.at(v, i)
				i += n
				continue
			}
		}
		t.span(src, i, i+1)
		i++
	}
}

// entity resolves the entity or numeric character reference at the start
// of b, returning its value and length, or 0 when there is none.
func entity(b []byte) ([]byte, int) {
	end := bytes.IndexByte(b, ';')
	if end < 2 || end > 33 {
		return nil, 0
	}
	ref := b[:end+1]
	for _, c := range ref[1:end] {
		if !util.IsAlphaNumeric(c) && c != '#' {
			return nil, 0
		}
	}
	var v []byte
	if ref[1] == '#' {
		v = util.ResolveNumericReferences(ref)
	} else {
		v = util.ResolveEntityNames(ref)
	}
	if bytes.Equal(v, ref) {
		return nil, 0
	}
	return v, len(ref)
}

// collapse turns runs of white space into one space and trims the ends.
func collapse(b []byte) string {
	return strings.Join(strings.Fields(string(b)), " ")
}

// norm is the normalized text of a table cell: its plain text, collapsed.
func norm(n ast.Node, src []byte) string {
	return collapse(plain(n, src, false).b)
}

// specText normalizes a spec text exactly like a cell by parsing it as the
// one cell of a GFM table: that is where the text is meant to end up, so
// escaped pipes, code spans and links mean the same thing in both.
func specText(p parser.Parser, s string) string {
	s = collapse([]byte(s))
	src := []byte("| x |\n| - |\n| " + escapePipes(s) + " |\n")
	doc := p.Parse(gtext.NewReader(src))
	var cell ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*east.TableRow); ok && entering {
			cell = n.FirstChild()
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if cell == nil {
		return s
	}
	return norm(cell, src)
}

// escapePipes escapes the pipes of s that are not escaped yet, so s stays
// one cell of a table row.
func escapePipes(s string) string {
	var b strings.Builder
	bs := 0 // backslashes right before the current byte
	for i := 0; i < len(s); i++ {
		if s[i] == '|' && bs%2 == 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
		if s[i] == '\\' {
			bs++
		} else {
			bs = 0
		}
	}
	return b.String()
}

// isSpace reports ASCII white space, which is what separates words in
// mentions and markers.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// isWord reports bytes that continue a word. Non-ASCII bytes count, so a
// phrase never matches inside a word with accented letters.
func isWord(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// lower lowers ASCII letters only, so byte offsets stay valid.
func lower(b []byte) []byte {
	l := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		l[i] = c
	}
	return l
}

// CellText returns the text the check compares of a table cell n parsed
// from src: its plain text, as it reads once rendered, white space
// collapsed.
func CellText(n ast.Node, src []byte) string { return norm(n, src) }
