package mdtext

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func TestInline(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Close *codes* and `seq`", "Close codes and seq"},
		{"a [link](x.md) and <https://a.b/c>", "a link and https://a.b/c"},
		{"an ![alt text](i.png) image", "an alt text image"},
		{"raw <b>bold</b> html", "raw bold html"},
		{"two\nlines  and   spaces", "two lines and spaces"},
		{"~~gone~~ &amp; back &#65;", "gone & back A"},
		{`escaped \*stars\*`, "escaped *stars*"},
		{"code `&amp; \\*` stays", `code &amp; \* stays`}, // code spans are literal
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	for _, tt := range tests {
		src := []byte(tt.src)
		doc := md.Parser().Parse(text.NewReader(src))
		if got := Inline(doc.FirstChild(), src); got != tt.want {
			t.Errorf("Inline(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// FuzzCollapse checks Collapse, and collapse, which AppendInline collapses
// with in place, against the definition they replace.
func FuzzCollapse(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\n\nb\r\n", "\v\fx", "é  ü", "a\u00a0b", "a \u2003 b", "\xff \xc3", " \u0085x\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(s), " ")
		if got := Collapse(s); got != want {
			t.Errorf("Collapse(%q) = %q, want %q", s, got, want)
		}
		if got := string(collapse([]byte(s))); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestAppendInline(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	src := []byte("  Two\n  *lines*  and `code` \n\nAfter.\n")
	doc := md.Parser().Parse(text.NewReader(src))
	var b []byte
	for _, prefix := range []string{"", "kept  as it is "} {
		b = AppendInline(append(b[:0], prefix...), doc.FirstChild(), src)
		if got, want := string(b), prefix+"Two lines and code"; got != want {
			t.Errorf("AppendInline after %q = %q, want %q", prefix, got, want)
		}
	}
}
