package drift

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// jsonLangs are the info string languages whose code blocks are checked.
var jsonLangs = map[string]bool{"json": true, "jsonc": true, "json5": true}

// token is a JSON(5) token: kind is 's' (string), 'i' (identifier), 'n'
// (number) or the punctuation byte itself.
type token struct {
	kind       byte
	start, end int    // in the lexed text
	val        string // string contents, identifier or number
}

// json checks the codes in a JSON example. Examples are often not valid
// JSON (comments, "...", trailing commas), so rather than parse it lexes
// tolerantly and looks for KEY, ":", integer anywhere.
func (k *run) json(n *ast.FencedCodeBlock) {
	if len(k.c.keys) == 0 || !jsonLangs[strings.ToLower(string(n.Language(k.src)))] {
		return
	}
	t := k.blockText(n)
	toks := lex(t.b)
	for i := 0; i+2 < len(toks); i++ {
		key, colon, num := toks[i], toks[i+1], toks[i+2]
		if key.kind != 's' && key.kind != 'i' || colon.kind != ':' {
			continue
		}
		g := k.c.keys[key.val]
		if g == nil {
			continue
		}
		if g.strings {
			// "code": "FAILED_VALIDATION"; a number is no code of the group.
			if num.kind == 's' && !g.valid(num.val) {
				k.report(t.pos(num.start+1),
					fmt.Sprintf("unknown %s %q in %q of JSON example", g.noun, num.val, key.val),
					g.unknownHint(num.val))
			}
			continue
		}
		if num.kind != 'n' {
			continue
		}
		code := strings.TrimPrefix(num.val, "+")
		if !digits(strings.TrimPrefix(code, "-")) {
			continue // 1.5, 1e3, 0x10: not a code
		}
		if !g.valid(code) {
			k.report(t.pos(num.start),
				fmt.Sprintf("unknown %s %s in %q of JSON example", g.noun, code, key.val),
				g.unknownHint(code))
		}
	}
}

// blockText returns the text of a code block with a map back to the
// source, so problems in examples point at their line and column.
func (k *run) blockText(n *ast.FencedCodeBlock) *text {
	t := &text{}
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		t.span(k.src, seg.Start, seg.Stop)
	}
	return t
}

// lex splits b into tokens, skipping white space and // and /* */ comments.
// Unterminated strings and comments end at the end of the line or text, so
// a broken example still gets checked.
func lex(b []byte) []token {
	var toks []token
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case isSpace(c):
			i++
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			if e := bytes.Index(b[i+2:], []byte("*/")); e >= 0 {
				i += 2 + e + 2
			} else {
				i = len(b)
			}
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(b) && b[j] != c && b[j] != '\n' {
				if b[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(b))
			toks = append(toks, token{'s', i, j, string(b[i+1 : j])})
			if j < len(b) && b[j] == c {
				j++
			}
			i = j
		case isDigit(c) || (c == '-' || c == '+' || c == '.') && i+1 < len(b) && isDigit(b[i+1]):
			j := i + 1
			for j < len(b) && (isWord(b[j]) || b[j] == '.' ||
				(b[j] == '-' || b[j] == '+') && (b[j-1] == 'e' || b[j-1] == 'E')) {
				j++
			}
			toks = append(toks, token{'n', i, j, string(b[i:j])})
			i = j
		case isWord(c) || c == '$':
			j := i + 1
			for j < len(b) && (isWord(b[j]) || b[j] == '$') {
				j++
			}
			toks = append(toks, token{'i', i, j, string(b[i:j])})
			i = j
		default:
			toks = append(toks, token{c, i, i + 1, ""})
			i++
		}
	}
	return toks
}
