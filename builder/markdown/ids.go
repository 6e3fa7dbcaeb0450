package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// autoID starts the ids that AutoIDs gives headings for a page to replace
// with their Slug (see IsAutoID): goldmark makes heading ids from the
// Markdown source of the line, so "## [Rights](rights.md)" would be
// "rightsrightsmd", and drops every letter that is not ASCII.
const autoID = "\x00auto-"

// AutoIDs returns the parser.IDs of one page: it marks the headings
// without an id of their own ("## Title {#id}"), for the page to give
// them their Slug once it knows their text (see IsAutoID).
func AutoIDs() parser.IDs { return &autoIDs{} }

type autoIDs struct{ n int }

func (a *autoIDs) Generate(_ []byte, _ ast.NodeKind) []byte {
	a.n++
	return []byte(autoID + strconv.Itoa(a.n))
}

func (a *autoIDs) Put([]byte) {}

// IsAutoID reports whether id is one AutoIDs gave.
func IsAutoID(id string) bool { return strings.HasPrefix(id, autoID) }

// Slug returns the id GitHub gives a heading of the text text (the text
// as it reads, link destinations and markup gone): lower case; letters,
// digits, marks, "-" and "_" kept, in any script; each space a "-";
// everything else dropped. "Über café" is "über-café", "usage_flags"
// stays, "Opcodes & Status Codes" is "opcodes--status-codes". Links
// written for GitHub, and anchors readers have, keep working. An empty
// slug is "heading".
func Slug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}

// Unique returns slug, or, when taken reports it taken, slug-1, slug-2,
// … as GitHub numbers the second, third, … heading of one text.
func Unique(slug string, taken func(string) bool) string {
	if !taken(slug) {
		return slug
	}
	for i := 1; ; i++ {
		if s := slug + "-" + strconv.Itoa(i); !taken(s) {
			return s
		}
	}
}
