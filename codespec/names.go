package codespec

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are spelled in capitals in constant names, as Go does.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true,
	"DNS": true, "EOF": true, "GUID": true, "HTML": true, "HTTP": true,
	"HTTPS": true, "ID": true, "IP": true, "JSON": true, "MFA": true,
	"OK": true, "RPC": true, "SQL": true, "SSH": true, "TCP": true,
	"TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true,
	"URI": true, "URL": true, "UTF8": true, "UUID": true, "XML": true,
}

// constName derives a Go constant name from a code's text: the prefix, then
// each word capitalized ("invalid `seq`" -> CloseInvalidSeq). Punctuation,
// Markdown included, separates words; apostrophes are dropped ("isn't" ->
// Isnt). It returns "" if text has no words.
func constName(prefix, text string) string {
	text = strings.NewReplacer("'", "", "’", "").Replace(text)
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(prefix)
	for _, w := range words {
		// Words in capitals ("NO CONTENT") are shouting, not camel case.
		if !strings.ContainsFunc(w, unicode.IsLower) {
			w = strings.ToLower(w)
		}
		if u := strings.ToUpper(w); initialisms[u] {
			b.WriteString(u)
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[n:])
	}
	return b.String()
}

// isExported reports whether name can name an exported constant.
func isExported(name string) bool {
	return token.IsIdentifier(name) && token.IsExported(name)
}
