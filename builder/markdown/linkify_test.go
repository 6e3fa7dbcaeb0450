package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// FuzzLinkify checks that gfm renders what extension.GFM renders.
func FuzzLinkify(f *testing.F) {
	for _, s := range []string{
		"See https://example.com/a?b=c. And www.example.com, ftp://x.y/z or mail me@example.com.",
		"(https://a.b/c) *www.x.y* _me@x.y_ ~ftp://q.r~ http:/no www. @x a@b",
		"- [ ] task https://x.y\n\n| a | b |\n| - | - |\n| www.c.d | ~~e@f.g~~ |\n",
		"a\thttps://tab.example\nwww.line-start.example and [label https://in.label](x)",
		"x@y.z\n\n`https://code.span` <https://auto.link> https://trailing.dot.",
	} {
		f.Add(s)
	}
	gfmMD, ours := goldmark.New(goldmark.WithExtensions(extension.GFM)), goldmark.New(goldmark.WithExtensions(GFM))
	f.Fuzz(func(t *testing.T, src string) {
		var want, got bytes.Buffer
		if err := gfmMD.Convert([]byte(src), &want); err != nil {
			return
		}
		if err := ours.Convert([]byte(src), &got); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if got.String() != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", src, got.String(), want.String())
		}
	})
}
