package frontmatter

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	fm "go.abhg.dev/goldmark/frontmatter"

	"github.com/kettu/kettudocs/builder/diag"
)

// FuzzRead checks that no page's text vanishes into front matter
// unreported: Read sees front matter open exactly when the extension read
// some, and an unclosed one is an error.
func FuzzRead(f *testing.F) {
	for _, s := range []string{"", "---\ntitle: x\n---\n# A\n", "---\n# A\n", "+++\ntitle = 1\n+++\n", "---\n# a\n---\n", "\n---\ntitle: [\n---\n"} {
		f.Add(s)
	}
	md := goldmark.New(goldmark.WithExtensions(Extension))
	f.Fuzz(func(t *testing.T, src string) {
		ctx := parser.NewContext()
		md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(ctx))
		_, _, problems := Read(ctx, []byte(src), diag.NewLines("p.md", []byte(src)))
		_, opened := ctx.Get(frontMatterOpen).(int)
		if opened != (fm.Get(ctx) != nil) {
			t.Errorf("front matter: the extension read some: %v; Read saw it open: %v", fm.Get(ctx) != nil, opened)
		}
		if opened && ctx.Get(frontMatterClosed) == nil && !problems.HasErrors() {
			t.Errorf("unclosed front matter without an error")
		}
	})
}

func TestWeightWholeNumber(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(Extension))
	for src, want := range map[string]string{
		"---\ntitle: A\nweight: 1.5\n---\n# A\n": "p.md:3:1: weight 1.5 is not a whole number",
		"---\nweight: 2.0\n---\n":                "",
		"---\nweight: 20\n---\n":                 "",
	} {
		ctx := parser.NewContext()
		md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(ctx))
		_, _, problems := Read(ctx, []byte(src), diag.NewLines("p.md", []byte(src)))
		got := ""
		if len(problems) > 0 {
			got = problems[0].Pos.String() + ": " + problems[0].Msg
		}
		if got != want || len(problems) > 1 {
			t.Errorf("%q: %v, want %q", src, problems, want)
		}
	}
}
