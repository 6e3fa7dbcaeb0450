package drift

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/kettu/kettudocs/builder/mdtext"
)

// markerState says what parseMarker made of an HTML comment.
type markerState int

const (
	noMarker   markerState = iota // some other HTML, or a comment not about codes
	goodMarker                    // <!-- codes: NAME -->
	badMarker                     // starts like a marker but is not one
)

// parseMarker parses b, the text of an HTML block, as a marker
// <!-- codes: NAME -->, white space allowed around each part. It returns the
// name and its index in b. A comment whose first word is "codes" is meant as
// a marker, so if the rest does not parse it is badMarker rather than an
// ordinary comment: a typo must not silently unbind a table.
func parseMarker(b []byte) (name string, at int, st markerState) {
	i := skipSpace(b, 0)
	if !bytes.HasPrefix(b[i:], []byte("<!--")) {
		return "", 0, noMarker
	}
	i = skipSpace(b, i+4)
	if !bytes.HasPrefix(b[i:], []byte("codes")) {
		return "", 0, noMarker
	}
	i += 5
	// "codes" must be a word of its own: <!-- codesign --> and
	// <!-- codes-of-conduct --> are ordinary comments.
	if i < len(b) && !isSpace(b[i]) && b[i] != ':' && !bytes.HasPrefix(b[i:], []byte("-->")) {
		return "", 0, noMarker
	}
	end := len(b)
	for end > i && isSpace(b[end-1]) {
		end--
	}
	if !bytes.HasSuffix(b[i:end], []byte("-->")) {
		return "", 0, badMarker
	}
	end -= 3
	i = skipSpace(b[:end], i)
	if i >= end || b[i] != ':' {
		return "", 0, badMarker
	}
	i = skipSpace(b[:end], i+1)
	at = i
	for i < end && nameByte(b[i]) {
		i++
	}
	if i == at || !isAlnum(b[at]) || skipSpace(b[:end], i) != end {
		return "", 0, badMarker
	}
	return string(b[at:i]), at, goodMarker
}

// validName reports whether s can be written in a marker.
func validName(s string) bool {
	if s == "" || !isAlnum(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !nameByte(s[i]) {
			return false
		}
	}
	return true
}

func nameByte(c byte) bool { return isAlnum(c) || c == '-' || c == '_' || c == '.' }

func isAlnum(c byte) bool { return c < 0x80 && isWord(c) && c != '_' }

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// marker handles an HTML block: if it is a marker, it binds the table right
// after it (blank lines between are not nodes) or reports why it cannot.
// Tables after a broken marker are claimed anyway, so they are not reported
// a second time as unbound.
func (k *run) marker(n *ast.HTMLBlock, bound map[*east.Table]*group, claimed map[*east.Table]bool) {
	t := &text{}
	for _, seg := range mdtext.HTMLBlock(n) {
		t.span(k.src, seg.Start, seg.Stop)
	}
	name, at, st := parseMarker(t.b)
	if st == noMarker {
		return
	}
	start := t.pos(skipSpace(t.b, 0))
	next := n.NextSibling()
	tbl, isTable := next.(*east.Table)
	if isTable {
		claimed[tbl] = true
	}
	if st == badMarker {
		k.report(start, "malformed codes marker: want <!-- codes: NAME -->",
			"write <!-- codes: NAME --> with NAME one of: "+k.c.names())
		return
	}
	g := k.c.byName[name]
	if g == nil {
		k.report(t.pos(at), fmt.Sprintf("unknown code group %q in codes marker", name),
			"known groups: "+k.c.names())
		return
	}
	switch {
	case next == nil:
		k.report(start, fmt.Sprintf("codes marker for %q is not followed by a table (nothing follows it)", name),
			"put the marker right above the table it binds, or delete it")
	case !isTable:
		k.report(start, fmt.Sprintf("codes marker for %q is followed by %s, not a table", name, kindName(next)),
			"put the marker right above the table it binds (blank lines between are fine)")
	default:
		bound[tbl] = g
	}
}

// kindName names a block for messages, with its article.
func kindName(n ast.Node) string {
	switch n.Kind() {
	case ast.KindParagraph:
		return "a paragraph"
	case ast.KindHeading:
		return "a heading"
	case ast.KindList:
		return "a list"
	case ast.KindFencedCodeBlock, ast.KindCodeBlock:
		return "a code block"
	case ast.KindBlockquote:
		return "a block quote"
	case ast.KindHTMLBlock:
		return "an HTML block"
	case ast.KindThematicBreak:
		return "a thematic break"
	}
	return "a " + n.Kind().String() + " block"
}
