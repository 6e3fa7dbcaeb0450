package drift

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// phrase is a mention phrase, lowered and split into words, so any run of
// white space (a line break included) matches the space between words.
type phrase struct {
	words [][]byte
	size  int // length as written with single spaces, to try longest first
	g     *group
}

// match returns the end of p in b if p starts at i on word boundaries.
func (p *phrase) match(b []byte, i int) (int, bool) {
	j := i
	for w, word := range p.words {
		if w > 0 {
			k := skipSpace(b, j)
			if k == j {
				return 0, false
			}
			j = k
		}
		if !bytes.HasPrefix(b[j:], word) {
			return 0, false
		}
		j += len(word)
	}
	if j < len(b) && isWord(b[j-1]) && isWord(b[j]) {
		return 0, false
	}
	return j, true
}

// mentions checks the codes mentioned in the prose of n, a block holding
// inline content.
func (k *run) mentions(n ast.Node) {
	if len(k.c.phrases) == 0 || !hasDigit(n, k.src) {
		return
	}
	t := plain(n, k.src, true)
	b := lower(t.b)
	for i := 0; i < len(b); i++ {
		if i > 0 && isWord(b[i-1]) && isWord(b[i]) {
			continue // not at the start of a word
		}
		for pi := range k.c.phrases {
			p := &k.c.phrases[pi]
			if p.g.strings {
				continue // see spanMentions
			}
			end, ok := p.match(b, i)
			if !ok {
				continue
			}
			codes, stop := codeList(b, end)
			if len(codes) == 0 {
				// "HTTP status codes 404": "HTTP status" is not followed by
				// a code, but "status codes" may be, a few bytes on.
				continue
			}
			for _, c := range codes {
				code := string(b[c[0]:c[1]])
				if !p.g.valid(code) {
					k.report(t.pos(c[0]),
						fmt.Sprintf("unknown %s %s mentioned (not in the %q group)", p.g.noun, code, p.g.name),
						p.g.unknownHint(code))
					continue
				}
				k.crossCheck(p.g, code, t.pos(c[0]))
			}
			i = stop - 1
			break
		}
	}
}

// hasDigit reports whether the inline text of n may hold a digit: a
// mention names a code, so prose without digits needs no closer look. It
// looks at the source, where every digit of the rendered text is, also
// those of numeric character references.
func hasDigit(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if bytes.ContainsAny(c.Segment.Value(src), "0123456789") {
				return true
			}
		case *ast.String:
			if bytes.ContainsAny(c.Value, "0123456789") {
				return true
			}
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
			// Not prose; see plain.
		default:
			if hasDigit(c, src) {
				return true
			}
		}
	}
	return false
}

// codeList parses the codes after a mention phrase ending at i: white space,
// then codes separated by ", ", " and ", " or ", "&" or "/" (", and" too).
// It returns the [start, end) of each code and where the list ends.
func codeList(b []byte, i int) (codes [][2]int, end int) {
	j := skipSpace(b, i)
	if j == i {
		return nil, i
	}
	e, ok := codeAt(b, j)
	if !ok {
		return nil, i
	}
	codes = append(codes, [2]int{j, e})
	for {
		s, ok := sepAt(b, e)
		if !ok {
			break
		}
		ce, ok := codeAt(b, s)
		if !ok {
			break
		}
		codes = append(codes, [2]int{s, ce})
		e = ce
	}
	return codes, e
}

// codeAt returns the end of the code at i: digits, then maybe x's, ending on
// a word boundary. A number going on with ".digit" or ",digit" is a version
// or a quantity ("HTTP 1.1", "10,000"), not a code.
func codeAt(b []byte, i int) (int, bool) {
	j := i
	for j < len(b) && isDigit(b[j]) {
		j++
	}
	if j == i {
		return 0, false
	}
	for j < len(b) && b[j] == 'x' {
		j++
	}
	if j < len(b) && isWord(b[j]) {
		return 0, false
	}
	if j+1 < len(b) && (b[j] == '.' || b[j] == ',') && isDigit(b[j+1]) {
		return 0, false
	}
	return j, true
}

// sepAt returns where the next code starts if a list separator is at i.
func sepAt(b []byte, i int) (int, bool) {
	j := skipSpace(b, i)
	if j < len(b) {
		switch b[j] {
		case ',':
			k := skipSpace(b, j+1)
			if k == j+1 {
				return 0, false // "10,5" is not a list
			}
			if w := wordAt(b, k); w > k {
				if l := skipSpace(b, w); l > w {
					return l, true
				}
			}
			return k, true
		case '&', '/':
			return skipSpace(b, j+1), true
		}
	}
	if j > i {
		if w := wordAt(b, j); w > j {
			if l := skipSpace(b, w); l > w {
				return l, true
			}
		}
	}
	return 0, false
}

// wordAt returns the end of "and" or "or" at i, or i.
func wordAt(b []byte, i int) int {
	for _, w := range [...]string{"and", "or"} {
		if bytes.HasPrefix(b[i:], []byte(w)) {
			return i + len(w)
		}
	}
	return i
}

// spanMentions checks the codes of string groups mentioned in the prose
// of n: a mention phrase, then white space, then the code in a code span,
// as in "the error code `card_declined`". (Numbers are mentioned in plain
// text; see mentions.)
func (k *run) spanMentions(n ast.Node) {
	if !k.c.stringPhrases {
		return
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		cs, ok := c.(*ast.CodeSpan)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		prev, ok := cs.PreviousSibling().(*ast.Text)
		if !ok {
			return ast.WalkSkipChildren, nil
		}
		before := lower(prev.Segment.Value(k.src))
		trimmed := bytes.TrimRight(before, " \t\r\n")
		if len(trimmed) == len(before) && !prev.SoftLineBreak() {
			return ast.WalkSkipChildren, nil // no space between phrase and code
		}
		var code []byte
		start := -1
		for t := cs.FirstChild(); t != nil; t = t.NextSibling() {
			if t, ok := t.(*ast.Text); ok {
				if start < 0 {
					start = t.Segment.Start
				}
				code = append(code, t.Segment.Value(k.src)...)
			}
		}
		for pi := range k.c.phrases {
			p := &k.c.phrases[pi]
			if !p.g.strings || !endsWith(trimmed, p) {
				continue
			}
			if !p.g.valid(string(code)) {
				k.report(start,
					fmt.Sprintf("unknown %s %s mentioned (not in the %q group)", p.g.noun, code, p.g.name),
					p.g.unknownHint(string(code)))
			} else {
				k.crossCheck(p.g, string(code), start)
			}
			break
		}
		return ast.WalkSkipChildren, nil
	})
}

// endsWith reports whether b, lowered, ends with the phrase p on a word
// boundary, any run of white space between its words.
func endsWith(b []byte, p *phrase) bool {
	j := len(b)
	for w := len(p.words) - 1; w >= 0; w-- {
		word := p.words[w]
		if !bytes.HasSuffix(b[:j], word) {
			return false
		}
		j -= len(word)
		if w > 0 {
			k := j
			for k > 0 && isSpace(b[k-1]) {
				k--
			}
			if k == j {
				return false
			}
			j = k
		}
	}
	return j == 0 || !isWord(b[j-1])
}
