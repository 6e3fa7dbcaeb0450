package fastlex

import (
	"encoding/json"
	"testing"
)

func FuzzGo(f *testing.F) {
	for _, c := range goCases {
		f.Add(c.code)
	}
	f.Add(benchGo)
	f.Fuzz(func(t *testing.T, code string) {
		differ(t, "go", code)
		differ(t, "go", ascii(code))
	})
}

func FuzzJSON(f *testing.F) {
	for _, c := range jsonCases {
		f.Add(c.code)
	}
	for _, v := range jsonValues() {
		b, _ := json.MarshalIndent(v, "", "  ")
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, code string) {
		differ(t, "json", code)
		differ(t, "json", ascii(code))
	})
}

// ascii folds code into ASCII, which the lexers do not refuse outright, so
// that more of what the fuzzer tries gets compared with chroma.
func ascii(code string) string {
	b := []byte(code)
	for i := range b {
		b[i] &= 0x7f
	}
	return string(b)
}
