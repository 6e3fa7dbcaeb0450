package drift

import (
	"strings"
	"testing"
)

func TestGoExamples(t *testing.T) {
	reg := testRegistry()
	reg.Packages = []Package{{Name: "codes", Exported: []string{"CloseAuthenticationFailed", "Abort", "APIError", "JSONUnknownUser"}}}
	c, err := New(reg)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"known names", "```go\nif code.Action() == codes.Abort {\n\tvar e *codes.APIError\n}\n```\n", nil},
		{"renamed constant", "```go\nx := codes.CloseAuthFailed\n```\n",
			[]string{`p.md:2:12: unknown identifier codes.CloseAuthFailed in Go example`}},
		{"every use", "```golang\n_ = codes.Nope // codes.Comment is not code\n_ = \"codes.String\"\n_ = codes.Gone\n```\n",
			[]string{`p.md:2:11: unknown identifier codes.Nope`, `p.md:4:11: unknown identifier codes.Gone`}},
		{"a selected field is not the package", "```go\nx := resp.codes.Whatever\ny := codes.unexported\n```\n", nil},
		{"other languages are not Go", "```js\ncodes.Nope\n```\n\n```\ncodes.Nope\n```\n", nil},
		{"fragments that do not scan still check", "```go\nif e == codes.Missing { ` \n```\n",
			[]string{`p.md:2:15: unknown identifier codes.Missing`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := check(c, "p.md", []byte(tt.src))
			matchProblems(t, got, tt.want)
		})
	}

	got, _ := check(c, "p.md", []byte("```go\n_ = codes.JSONUnknownUsr\n```\n"))
	if len(got) != 1 || !strings.HasPrefix(got[0].Hint, "did you mean codes.JSONUnknownUser,") {
		t.Errorf("hint: %v", got)
	}
}

func TestNewPackages(t *testing.T) {
	tests := []struct {
		pkgs []Package
		want string
	}{
		{[]Package{{Name: "9codes"}}, `package 1: name "9codes" is not a Go identifier`},
		{[]Package{{Name: "codes"}, {Name: "codes"}}, `package "codes" given twice`},
		{[]Package{{Name: "codes", Exported: []string{"lower"}}}, `"lower" is not an exported Go identifier`},
	}
	for _, tt := range tests {
		reg := testRegistry()
		reg.Packages = tt.pkgs
		if _, err := New(reg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%v) = %v, want %q", tt.pkgs, err, tt.want)
		}
	}
}
