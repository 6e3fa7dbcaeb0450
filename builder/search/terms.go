package search

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Terms splits s into the terms the index knows it by, as search.js splits
// a query: lower case, at every run of characters that are neither
// letters nor numbers. (Go and JavaScript lower a few characters
// differently, such as a final Σ; a query with them may miss.)
func Terms(s string) []string {
	var out []string
	eachTerm(s, func(t string, upper bool) {
		if upper {
			t = strings.ToLower(t)
		}
		out = append(out, t)
	})
	return out
}

// eachTerm calls f with each term of s, in order, as Terms returns them,
// without making a slice of them: indexing calls it for every word of
// every page. A term with upper set is ASCII and not lowered yet, so
// that a Dict can look it up without making the lowered string.
func eachTerm(s string, f func(t string, upper bool)) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for _, t := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsNumber(r)
			}) {
				f(t, false)
			}
			return
		}
	}
	// ASCII, most text of most docs: the same split without a function
	// call per character, which was most of the time spent indexing.
	start, upper := -1, false
	term := func(end int) {
		f(s[start:end], upper)
		start, upper = -1, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			upper = true
		default:
			if start >= 0 {
				term(i)
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		term(len(s))
	}
}

// IsNumber reports whether term is made of numbers only. A query matches
// such a term only whole: "400" is not "4000", while words match as
// prefixes while they are typed.
func IsNumber(term string) bool {
	for _, r := range term {
		if !unicode.IsNumber(r) {
			return false
		}
	}
	return term != ""
}

// compare compares a and b as JavaScript compares strings, by UTF-16 code
// units, so that search.js can binary-search the order the index was cut
// in. It differs from Go's byte order only for characters beyond U+FFFF.
func compare(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmp16(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	switch {
	case a == b:
		return 0
	case a == "":
		return -1
	}
	return 1
}

// cmp16 compares two different runes by their first UTF-16 code unit,
// and by value when that is the same.
func cmp16(a, b rune) int {
	ua, ub := a, b
	if a >= 0x10000 {
		ua, _ = utf16.EncodeRune(a)
	}
	if b >= 0x10000 {
		ub, _ = utf16.EncodeRune(b)
	}
	if ua == ub {
		ua, ub = a, b
	}
	if ua < ub {
		return -1
	}
	return 1
}
