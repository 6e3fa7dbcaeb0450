package fastlex

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// The Go lexer follows goRules in chroma's lexers/go.go. At each position
// chroma takes the first rule that matches; the rules that can start with a
// given byte are tried here in the same order, and the byte decides which
// rules can apply at all.

// The word rules, as bits of one map so a word costs one lookup.
const (
	goNamespace = 1 << iota
	goDeclaration
	goKeyword
	goConstant
	goBuiltinCall
	goType
)

var goWords = words(map[int][]string{
	goNamespace:   {"import", "package"},
	goDeclaration: {"var", "func", "struct", "map", "chan", "type", "interface", "const"},
	goKeyword:     {"break", "default", "select", "case", "defer", "go", "else", "goto", "switch", "fallthrough", "if", "range", "continue", "for", "return"},
	goConstant:    {"true", "false", "iota", "nil"},
	goBuiltinCall: {"uint", "uint8", "uint16", "uint32", "uint64", "int", "int8", "int16", "int32", "int64", "float", "float32", "float64", "complex64", "complex128", "byte", "rune", "string", "bool", "error", "uintptr", "print", "println", "panic", "recover", "close", "complex", "real", "imag", "len", "cap", "append", "copy", "delete", "new", "make", "clear", "min", "max"},
	goType:        {"uint", "uint8", "uint16", "uint32", "uint64", "int", "int8", "int16", "int32", "int64", "float", "float32", "float64", "complex64", "complex128", "byte", "rune", "string", "bool", "error", "uintptr", "any"},
})

func words(rules map[int][]string) map[string]int {
	m := map[string]int{}
	for bit, ws := range rules {
		for _, w := range ws {
			m[w] |= bit
		}
	}
	return m
}

// goOperators is chroma's operator alternation, in its order.
var goOperators = []string{"<<=", ">>=", "<<", ">>", "<=", ">=", "&^=", "&^", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "&&", "||", "<-", "++", "--", "==", "!=", ":=", "..."}

func lexGo(out *spans, s string) error {
	for i := 0; i < len(s); {
		n, err := goToken(out, s, i)
		if err != nil {
			return err
		}
		i += n
	}
	return nil
}

// goToken adds the token(s) chroma's Go lexer makes at i and returns their
// length.
func goToken(out *spans, s string, i int) (int, error) {
	c := s[i]
	switch {
	case isSpace(c):
		// `\n` and `\s+` are both TextWhitespace.
		j := skip(s, i, isSpace)
		out.add(chroma.TextWhitespace, i, j)
		return j - i, nil
	case c == '/' && at(s, i+1) == '/':
		j := i + 2
		for j < len(s) && s[j] != '\n' {
			j++
		}
		// `//[^\s\n\r][^\n\r]*` comes before `//[^\n\r]*`: a directive
		// such as //go:build is CommentPreproc, and so is //nolint. Which
		// non-ASCII characters \s holds is chroma's regexp2's business.
		if at(s, i+2) >= utf8.RuneSelf {
			return 0, ErrRefused
		}
		t := chroma.CommentSingle
		if j > i+2 && !isSpace(s[i+2]) {
			t = chroma.CommentPreproc
		}
		out.add(t, i, j)
		return j - i, nil
	case c == '/':
		if j := goBlockComment(s, i); j > 0 {
			out.add(chroma.CommentMultiline, i, j)
			return j - i, nil
		} else if j < 0 {
			return 0, ErrRefused
		}
		return goOperator(out, s, i)
	case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		return goWord(out, s, i), nil
	case isDigit(c) || c == '.' && isDigit(at(s, i+1)):
		n, t := goNumber(s, i)
		out.add(t, i, i+n)
		return n, nil
	case c == '\'':
		if n := goChar(s, i); n > 0 {
			out.add(chroma.LiteralStringChar, i, i+n)
			return n, nil
		}
		return 0, ErrRefused
	case c == '`':
		j := strings.IndexByte(s[i+1:], '`')
		// chroma lexes the inside with its Go text template lexer, which
		// only makes anything but plain string of {{ actions.
		if j < 0 || strings.Contains(s[i+1:i+1+j], "{{") {
			return 0, ErrRefused
		}
		out.add(chroma.LiteralString, i, i+j+2)
		return j + 2, nil
	case c == '"':
		j := quoted(s, i)
		if j < 0 {
			return 0, ErrRefused
		}
		out.add(chroma.LiteralString, i, j)
		return j - i, nil
	}
	return goOperator(out, s, i)
}

// goBlockComment is the end of `/(\\\n)?[*](.|\n)*?[*](\\\n)?/` at i, 0 if
// it does not start there, or -1 if it is not closed: chroma would then lex
// the / as an operator and carry on, which is not worth mirroring.
func goBlockComment(s string, i int) int {
	j := i + 1
	if strings.HasPrefix(s[j:], "\\\n*") {
		j += 2
	}
	if at(s, j) != '*' {
		return 0
	}
	// The lazy body ends at the first * that a / or \<newline>/ follows.
	for k := j + 1; k < len(s); k++ {
		if s[k] != '*' {
			continue
		}
		if at(s, k+1) == '/' {
			return k + 2
		}
		if strings.HasPrefix(s[k+1:], "\\\n/") {
			return k + 4
		}
	}
	return -1
}

// goWord lexes at a letter or underscore, where chroma's keyword rules
// (each a literal then \b, so they match when the whole word is the
// literal), the builtin call rule, the function call rule and the name
// rule compete, in that order.
func goWord(out *spans, s string, i int) int {
	j := skip(s, i, isWord)
	kind := goWords[s[i:j]]
	switch {
	case kind&goNamespace != 0:
		out.add(chroma.KeywordNamespace, i, j)
	case kind&goDeclaration != 0:
		out.add(chroma.KeywordDeclaration, i, j)
	case kind&goKeyword != 0:
		out.add(chroma.Keyword, i, j)
	case kind&goConstant != 0:
		out.add(chroma.KeywordConstant, i, j)
	case kind&goBuiltinCall != 0 && at(s, j) == '(':
		out.add(chroma.NameBuiltin, i, j)
		out.add(chroma.Punctuation, j, j+1)
		return j + 1 - i
	case kind&goType != 0:
		out.add(chroma.KeywordType, i, j)
	default:
		// `([a-zA-Z_]\w*)(\s*)(\()`, else `[^\W\d]\w*`.
		k := skip(s, j, isSpace)
		if at(s, k) == '(' {
			out.add(chroma.NameFunction, i, j)
			out.add(chroma.TextWhitespace, j, k)
			out.add(chroma.Punctuation, k, k+1)
			return k + 1 - i
		}
		out.add(chroma.NameOther, i, j)
	}
	return j - i
}

// exponent is the end of `[eE][+\-]?\d+` at i (the sign required if
// signed), or -1.
func exponent(s string, i int, signed bool) int {
	if c := at(s, i); c != 'e' && c != 'E' {
		return -1
	}
	j := i + 1
	if c := at(s, j); c == '+' || c == '-' {
		j++
	} else if signed {
		return -1
	}
	if k := digits(s, j); k > j {
		return k
	}
	return -1
}

// goNumber mirrors chroma's ten number rules, tried in order. Every digit
// run in them is followed by something that is not a digit, so the greedy
// runs are the only ones regexp2 can match with, and no backtracking needs
// mirroring. At a digit the last rule always matches.
func goNumber(s string, i int) (int, chroma.TokenType) {
	// The imaginary rules: `\d+i`, `\d+\.\d*([Ee][-+]\d+)?i`,
	// `\.\d+([Ee][-+]\d+)?i`, `\d+[Ee][-+]\d+i`.
	imag := func(j int) int {
		if e := exponent(s, j, true); e > 0 && at(s, e) == 'i' {
			return e + 1
		}
		if at(s, j) == 'i' {
			return j + 1
		}
		return -1
	}
	if s[i] == '.' {
		j := digits(s, i+1)
		if e := imag(j); e > 0 {
			return e - i, chroma.LiteralNumber
		}
		// `\.\d+([eE][+\-]?\d+)?`
		if e := exponent(s, j, false); e > 0 {
			return e - i, chroma.LiteralNumberFloat
		}
		return j - i, chroma.LiteralNumberFloat
	}
	j := digits(s, i)
	if at(s, j) == 'i' {
		return j + 1 - i, chroma.LiteralNumber
	}
	if at(s, j) == '.' {
		if e := imag(digits(s, j+1)); e > 0 {
			return e - i, chroma.LiteralNumber
		}
	}
	if e := exponent(s, j, true); e > 0 && at(s, e) == 'i' {
		return e + 1 - i, chroma.LiteralNumber
	}
	// `\d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)`
	if at(s, j) == '.' {
		if k := digits(s, j+1); k > j+1 {
			if e := exponent(s, k, false); e > 0 {
				return e - i, chroma.LiteralNumberFloat
			}
		}
		return digits(s, j+1) - i, chroma.LiteralNumberFloat
	}
	if e := exponent(s, j, false); e > 0 {
		return e - i, chroma.LiteralNumberFloat
	}
	if s[i] == '0' {
		// `0[0-7]+`, `0[xX][0-9a-fA-F_]+`, `0b[01_]+`
		if k := skip(s, i+1, func(c byte) bool { return '0' <= c && c <= '7' }); k > i+1 {
			return k - i, chroma.LiteralNumberOct
		}
		if c := at(s, i+1); c == 'x' || c == 'X' {
			if k := skip(s, i+2, isHexOrUnderscore); k > i+2 {
				return k - i, chroma.LiteralNumberHex
			}
		}
		if at(s, i+1) == 'b' {
			if k := skip(s, i+2, func(c byte) bool { return c == '0' || c == '1' || c == '_' }); k > i+2 {
				return k - i, chroma.LiteralNumberBin
			}
		}
		// `(0|[1-9][0-9_]*)`
		return 1, chroma.LiteralNumberInteger
	}
	return skip(s, i, func(c byte) bool { return isDigit(c) || c == '_' }) - i, chroma.LiteralNumberInteger
}

func isHexOrUnderscore(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' || c == '_'
}

func isHex(c byte) bool { return c != '_' && isHexOrUnderscore(c) }

// goChar is the length of chroma's rune literal rule at i, or 0:
// '(\\['"\\abfnrtv]|\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|[^\\])'
// with each alternative tried in turn, as regexp2 backtracks to them.
func goChar(s string, i int) int {
	closes := func(j int) bool { return at(s, j) == '\'' }
	hexes := func(j, n int) bool {
		for k := j; k < j+n; k++ {
			if !isHex(at(s, k)) {
				return false
			}
		}
		return closes(j + n)
	}
	j := i + 1
	if at(s, j) != '\\' {
		// `[^\\]` takes any byte, a quote or newline too.
		if j < len(s) && closes(j+1) {
			return 3
		}
		return 0
	}
	switch c := at(s, j+1); {
	case strings.IndexByte(`'"\abfnrtv`, c) >= 0 && c != 0 && closes(j+2):
		return 4
	case c == 'x' && hexes(j+2, 2):
		return 6
	}
	// `\\[0-7]{1,3}` tries three digits, then two, then one.
	n := 0
	for n < 3 && '0' <= at(s, j+1+n) && at(s, j+1+n) <= '7' {
		n++
	}
	for ; n > 0; n-- {
		if closes(j + 1 + n) {
			return n + 3
		}
	}
	switch at(s, j+1) {
	case 'u':
		if hexes(j+2, 4) {
			return 8
		}
	case 'U':
		if hexes(j+2, 8) {
			return 12
		}
	}
	return 0
}

// goOperator lexes an operator or punctuation at i and refuses anything
// else, which chroma would make an Error token.
func goOperator(out *spans, s string, i int) (int, error) {
	c := s[i]
	if i+1 < len(s) && strings.IndexByte("<>&+-*/%|:=!.", c) >= 0 {
		for _, op := range goOperators {
			if strings.HasPrefix(s[i:], op) {
				out.add(chroma.Operator, i, i+len(op))
				return len(op), nil
			}
		}
	}
	if strings.IndexByte("+-*/%&", c) >= 0 {
		out.add(chroma.Operator, i, i+1)
		return 1, nil
	}
	if strings.IndexByte("|^<>=!()[]{}.,;:~", c) >= 0 {
		out.add(chroma.Punctuation, i, i+1)
		return 1, nil
	}
	return 0, ErrRefused
}
