package codes

import (
	"strconv"
	"strings"
)

// index maps each element of s by its code. The methods look codes up in
// these private copies, so a client editing the exported tables can't change
// what, say, Opcode.String returns.
func index[K comparable, T any](s []T, code func(T) K) map[K]T {
	m := make(map[K]T, len(s))
	for _, v := range s {
		m[code(v)] = v
	}
	return m
}

// plain strips Markdown code marks from spec text ("invalid `seq`" reads
// "invalid seq"), which is how it reads outside the docs.
func plain(s string) string {
	return strings.ReplaceAll(s, "`", "")
}

// unknown is the String of a code the spec doesn't list: "Opcode(42)".
func unknown(typ string, code int) string {
	return typ + "(" + strconv.Itoa(code) + ")"
}
