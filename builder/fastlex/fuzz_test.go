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
	})
}
