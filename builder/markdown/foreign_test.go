package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gtext "github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/builder/diag"
)

func TestForeign(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"tabs", "Intro.\n\n=== \"Go\"\n\n    x\n\n=== \"Python\"\n\n    y\n", []string{`p.md:3:1: warning: MkDocs content tabs (=== "Title") are shown as text (2 times on this page)`}},
		{"macros", "Welcome to {{ project.name }}!\n\n{% include 'x.md' %}\n", []string{`p.md:1:12: warning: template macros ({{ … }}, {% … %}) are shown as text (2 times on this page)`}},
		{"in code they are fine", "`{{ x }}`\n\n```\n{{ y }}\n=== \"Go\"\n```\n", nil},
		{"plain braces are fine", "A map {a: 1} and {{ unclosed\n", nil},
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			got := Foreign(md.Parser().Parse(gtext.NewReader(src)), src, diag.NewLines("p.md", src))
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i].String(), w) {
					t.Errorf("got %q, want %q", got[i], w)
				}
			}
		})
	}
}
