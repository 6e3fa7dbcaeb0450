// Package fastlex lexes Go and JSON code blocks without chroma's regular
// expressions. Highlighting code blocks with chroma's regexp2 lexers was a
// quarter of the CPU time of a large build, and most code blocks in API
// docs are Go or JSON. These lexers mirror chroma's rules for the two
// languages and give the same coalesced token stream, so the HTML does not
// change; on any input where they cannot be sure of that they return an
// error, and the caller lexes the block with chroma as before.
package fastlex

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// ErrRefused means the input has something this package does not lex
// exactly as chroma does; lex it with chroma.
var ErrRefused = errors.New("fastlex: input not supported, use chroma")

// maxRun is the length at which chroma's coalescer stops merging tokens of
// one type. Below it a run of bytes of one type always becomes one token,
// whatever the lexer's raw tokens were, so refusing longer runs spares us
// from reproducing chroma's raw token boundaries.
const maxRun = 8192

// Get returns a fast lexer for the language chroma's lexers.Get resolves
// lang to, if that is Go or JSON, and nil otherwise.
func Get(lang string) chroma.Lexer {
	return For(lexers.Get(lang))
}

// For returns a fast lexer standing in for the chroma lexer l, or nil if
// there is none. It takes the lexer the caller already resolved, so
// aliases, case and file names mean what they mean to chroma.
func For(l chroma.Lexer) chroma.Lexer {
	if l == nil {
		return nil
	}
	cfg := l.Config()
	// With EnsureNL chroma lexes with a newline added to the text; the
	// lexers here do not, so a chroma update that sets it must not go
	// unnoticed.
	if cfg == nil || cfg.EnsureNL {
		return nil
	}
	switch cfg.Name {
	case "Go":
		return &lexer{chroma: l, lex: lexGo}
	case "JSON":
		return &lexer{chroma: l, lex: lexJSON}
	}
	return nil
}

type lexer struct {
	chroma   chroma.Lexer // for Config and AnalyseText
	lex      func(*spans, string) error
	analyser func(string) float32
}

func (l *lexer) Config() *chroma.Config { return l.chroma.Config() }

// SetRegistry is a no-op: neither lexer delegates to another one.
func (l *lexer) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return l }

// SetAnalyser keeps the analyser on this lexer rather than passing it to
// chroma's, which is shared by the whole program.
func (l *lexer) SetAnalyser(a func(string) float32) chroma.Lexer {
	l.analyser = a
	return l
}

func (l *lexer) AnalyseText(text string) float32 {
	if l.analyser != nil {
		return l.analyser(text)
	}
	return l.chroma.AnalyseText(text)
}

// Tokenise returns the tokens chroma.Coalesce(chroma lexer).Tokenise would,
// or ErrRefused. It lexes the whole text before returning, since it can
// only know that it is able to at the end.
func (l *lexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	ensureLF := true
	if options != nil {
		// Other start states are for lexers that embed this one.
		if options.State != "root" {
			return nil, ErrRefused
		}
		ensureLF = options.EnsureLF
	}
	if ensureLF && strings.IndexByte(text, '\r') >= 0 {
		text = toLF(text)
	}
	// chroma works on runes: invalid UTF-8 becomes U+FFFD in its tokens,
	// which these lexers would not write. Valid UTF-8 is lexed inside
	// strings and comments, where chroma's rules take any character; the
	// lexers refuse a non-ASCII byte anywhere else, where chroma's \s, \w
	// and \d classes are Unicode's. A \r is only left with EnsureLF off,
	// and its place in chroma's rules is not worth working out.
	if !utf8.ValidString(text) || strings.IndexByte(text, '\r') >= 0 {
		return nil, ErrRefused
	}
	// About one token in four bytes of code, so the slice rarely grows.
	s := spans{text: text, toks: make([]chroma.Token, 0, len(text)/4+4)}
	if err := l.lex(&s, text); err != nil {
		return nil, err
	}
	toks := s.toks
	for _, t := range toks {
		if len(t.Value) >= maxRun {
			return nil, ErrRefused
		}
	}
	return func() chroma.Token {
		if len(toks) == 0 {
			return chroma.EOF
		}
		t := toks[0]
		toks = toks[1:]
		return t
	}, nil
}

// toLF does what chroma's EnsureLF option does: \r\n and a lone \r become \n.
func toLF(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\r' {
			if i+1 < len(text) && text[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// spans collects coalesced tokens: adjacent bytes of one type make one
// token, which is what chroma's coalescer makes of runs shorter than maxRun.
type spans struct {
	text string
	toks []chroma.Token
	end  int // end of the last token in text
}

func (s *spans) add(t chroma.TokenType, from, to int) {
	if to <= from {
		return
	}
	if n := len(s.toks); n > 0 && s.toks[n-1].Type == t {
		s.toks[n-1].Value = s.text[from-len(s.toks[n-1].Value) : to]
	} else {
		s.toks = append(s.toks, chroma.Token{Type: t, Value: s.text[from:to]})
	}
	s.end = to
}

// Character classes as regexp2 has them for ASCII.

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c) || c == '_'
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func skip(s string, i int, f func(byte) bool) int {
	for i < len(s) && f(s[i]) {
		i++
	}
	return i
}

func digits(s string, i int) int { return skip(s, i, isDigit) }

// quoted is the end of `"(\\\\|\\"|[^"])*"` starting at i, or -1. Taken
// greedily, the loop can only stop at an unescaped quote or the end of the
// text; at the end regexp2 would backtrack into shorter matches, which we
// refuse rather than mirror.
func quoted(s string, i int) int {
	for k := i + 1; k < len(s); {
		switch s[k] {
		case '\\':
			if c := at(s, k+1); c == '\\' || c == '"' {
				k += 2
			} else {
				k++
			}
		case '"':
			return k + 1
		default:
			k++
		}
	}
	return -1
}
