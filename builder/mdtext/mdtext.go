// Package mdtext gives the plain text of goldmark inline content: what a
// reader sees of a heading or a table cell once the Markdown marks are gone.
// The builder titles pages and their tables of contents with it, and the
// search index indexes it. It also gives the source of an HTML block,
// which the builder's markers (code tables, code tabs) are written in.
package mdtext

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// HTMLBlock returns the segments of the source of an HTML block: its
// lines and, for a block closed on a line of its own (a comment's "-->"),
// that line, which goldmark keeps apart from the others.
func HTMLBlock(n *ast.HTMLBlock) []text.Segment {
	segs := n.Lines().Sliced(0, n.Lines().Len())
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	return segs
}

// Inline returns the text of n's inline content, parsed from src: code
// spans and emphasis give their text, links their label, autolinks their
// URL, images their alt text; escapes and entities outside code spans are
// resolved; raw HTML is dropped and runs of white space,
// line breaks included, become one space.
func Inline(n ast.Node, src []byte) string {
	var b []byte
	if n.Type() == ast.TypeBlock {
		// The text is at most as long as the source: one allocation.
		size := 0
		for i, lines := 0, n.Lines(); i < lines.Len(); i++ {
			seg := lines.At(i)
			size += seg.Stop - seg.Start
		}
		b = make([]byte, 0, size)
	}
	b = AppendInline(b, n, src)
	if len(b) == 0 {
		return ""
	}
	// As strings.Builder does: b is not used again.
	return unsafe.String(&b[0], len(b))
}

// AppendInline appends Inline(n, src) to dst: the text of a page's
// paragraphs, gathered into one buffer, allocates nothing once the
// buffer has grown.
func AppendInline(dst []byte, n ast.Node, src []byte) []byte {
	start := len(dst)
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if _, code := c.Parent().(*ast.CodeSpan); !code && bytes.ContainsAny(v, "&\\") {
				// As the HTML renderer does: "\*" is "*", "&amp;" is "&".
				v = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
			}
			dst = append(dst, v...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				dst = append(dst, ' ')
			}
		case *ast.String:
			dst = append(dst, c.Value...)
		case *ast.AutoLink:
			dst = append(dst, c.Label(src)...)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return dst[:start+len(collapse(dst[start:]))]
}

// collapse does what Collapse does in b's own memory, returning the
// collapsed text, which starts where b does. It writes at j, never past
// i, where it reads: a space it writes stands for at least one it read.
func collapse(b []byte) []byte {
	// Most text is collapsed already, or nearly: skip what needs no
	// writing, single spaces between words, up to the first byte that
	// may need some. The byte before it is not a space.
	i := 0
	for i < len(b) {
		c := b[i]
		if c >= utf8.RuneSelf {
			break
		}
		if asciiSpace[c] != 0 {
			if c != ' ' || i == 0 || i+1 == len(b) {
				break
			}
			if n := b[i+1]; n >= utf8.RuneSelf || asciiSpace[n] != 0 {
				break
			}
		}
		i++
	}
	j, space := i, false
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] != 0 {
				space, i = j > 0, i+1
				continue
			}
			if space {
				b[j], j, space = ' ', j+1, false
			}
			b[j], j, i = c, j+1, i+1
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) {
			space, i = j > 0, i+size
			continue
		}
		if space {
			b[j], j, space = ' ', j+1, false
		}
		j += copy(b[j:], b[i:i+size])
		i += size
	}
	return b[:j]
}

// Collapse turns every run of white space into one space and trims the
// ends, as strings.Join(strings.Fields(s), " ") does, with one allocation
// and none when s is already collapsed.
func Collapse(s string) string {
	collapsed := true
	space := true // at the start, a space would be leading
	for i := 0; i < len(s) && collapsed; i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return strings.Join(strings.Fields(s), " ")
		case asciiSpace[c] != 0:
			collapsed = c == ' ' && !space
			space = true
		default:
			space = false
		}
	}
	if collapsed && !space {
		return s
	}
	b := make([]byte, 0, len(s))
	space = false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.Join(strings.Fields(s), " ")
		}
		if asciiSpace[c] != 0 {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return string(b)
}

// asciiSpace marks the ASCII characters strings.Fields splits at.
var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// Join returns the text of segs in src, as one slice.
func Join(src []byte, segs []text.Segment) []byte {
	var b []byte
	for _, s := range segs {
		b = append(b, s.Value(src)...)
	}
	return b
}

// Offset returns the byte offset where n starts, or where its closest
// positioned ancestor starts.
func Offset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if pos := n.Pos(); pos >= 0 {
			return pos
		}
		if t, ok := n.FirstChild().(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}
