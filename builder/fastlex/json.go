package fastlex

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// The JSON lexer follows chroma's lexers/embedded/json.xml, a state machine
// whose states are kept on a stack, as chroma does.

type jsonState uint8

const (
	jsonRoot            jsonState = iota // include value
	jsonObjectValue                      // before a key
	jsonObjectAttribute                  // after a key
	jsonArrayValue
)

func lexJSON(out *spans, s string) error {
	stack := []jsonState{jsonRoot}
	for i := 0; i < len(s); {
		st := stack[len(stack)-1]
		c := s[i]
		// Whitespace comes first in every state, and comments, where a
		// state has both, come before anything else that starts with /.
		if isSpace(c) {
			j := skip(s, i, isSpace)
			out.add(chroma.Text, i, j)
			i = j
			continue
		}
		if c == '/' {
			// `//.*?\n` with dot matching newlines: up to the first
			// newline. Without one nothing matches, and chroma makes an
			// Error token.
			j := strings.IndexByte(s[i:], '\n')
			if at(s, i+1) != '/' || j < 0 {
				return ErrRefused
			}
			out.add(chroma.CommentSingle, i, i+j+1)
			i += j + 1
			continue
		}
		if st == jsonObjectValue {
			switch c {
			case '"':
				j := quoted(s, i)
				if j < 0 {
					return ErrRefused
				}
				out.add(chroma.NameTag, i, j)
				stack = append(stack, jsonObjectAttribute)
				i = j
			case '}':
				out.add(chroma.Punctuation, i, i+1)
				stack = stack[:len(stack)-1]
				i++
			default:
				return ErrRefused
			}
			continue
		}
		// The value rules, which root, objectattribute and arrayvalue
		// include first (after whitespace).
		if n, t := jsonSimpleValue(s, i); n > 0 {
			out.add(t, i, i+n)
			i += n
			continue
		} else if n < 0 {
			return ErrRefused
		}
		switch {
		case c == '{':
			stack = append(stack, jsonObjectValue)
		case c == '[':
			stack = append(stack, jsonArrayValue)
		case st == jsonObjectAttribute && c == ':':
		case st == jsonObjectAttribute && c == ',':
			stack = stack[:len(stack)-1]
		case st == jsonObjectAttribute && c == '}':
			// objectattribute is only ever pushed on objectvalue.
			stack = stack[:len(stack)-2]
		case st == jsonArrayValue && c == ',':
		case st == jsonArrayValue && c == ']':
			stack = stack[:len(stack)-1]
		default:
			return ErrRefused
		}
		out.add(chroma.Punctuation, i, i+1)
		i++
	}
	return nil
}

// jsonSimpleValue is the length and type of the simplevalue rule matching
// at i, 0 if none does, or -1 for an unterminated string.
func jsonSimpleValue(s string, i int) (int, chroma.TokenType) {
	for _, w := range [...]string{"true", "false", "null"} {
		// `(true|false|null)\b`
		if strings.HasPrefix(s[i:], w) && !isWord(at(s, i+len(w))) {
			return len(w), chroma.KeywordConstant
		}
	}
	if s[i] == '"' {
		j := quoted(s, i)
		if j < 0 {
			return -1, 0
		}
		return j - i, chroma.LiteralStringDouble
	}
	// `-?(0|[1-9]\d*)` starts both number rules. Only a greedy digit run
	// can be followed by what comes after it, so regexp2 backtracks to
	// nothing else.
	j := i
	if s[j] == '-' {
		j++
	}
	switch c := at(s, j); {
	case c == '0':
		j++
	case '1' <= c && c <= '9':
		j = digits(s, j)
	default:
		return 0, 0
	}
	// `(\.\d+[eE](\+|-)?\d+|[eE](\+|-)?\d+|\.\d+)`
	if at(s, j) == '.' {
		if k := digits(s, j+1); k > j+1 {
			if e := exponent(s, k, false); e > 0 {
				return e - i, chroma.LiteralNumberFloat
			}
			return k - i, chroma.LiteralNumberFloat
		}
	} else if e := exponent(s, j, false); e > 0 {
		return e - i, chroma.LiteralNumberFloat
	}
	return j - i, chroma.LiteralNumberInteger
}
