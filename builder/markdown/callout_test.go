package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
)

func renderMD(t testing.TB, md goldmark.Markdown, src string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func calloutOpen(kind, title string) string {
	return `<div class="callout ` + kind + `" role="note" aria-label="` + title + `">` + "\n" +
		`<p class="callout-title" aria-hidden="true"><svg viewBox="0 0 24 24">` + calloutKinds[kind].icon + `</svg>` + title + "</p>\n"
}

func TestCallouts(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"note", "> [!NOTE]\n> Read *this*.\n",
			calloutOpen("note", "Note") + "<p>Read <em>this</em>.</p>\n</div>\n"},
		{"tip", "> [!TIP]\n> Hi\n", calloutOpen("tip", "Tip") + "<p>Hi</p>\n</div>\n"},
		{"important", "> [!IMPORTANT]\n> Hi\n", calloutOpen("important", "Important") + "<p>Hi</p>\n</div>\n"},
		{"warning", "> [!WARNING]\n> Hi\n", calloutOpen("warning", "Warning") + "<p>Hi</p>\n</div>\n"},
		{"caution", "> [!CAUTION]\n> Hi\n", calloutOpen("caution", "Caution") + "<p>Hi</p>\n</div>\n"},
		{"lower case and spaces", ">   [!note]  \n> Hi\n", calloutOpen("note", "Note") + "<p>Hi</p>\n</div>\n"},
		{"several blocks", "> [!WARNING]\n>\n> One.\n>\n> - two\n",
			calloutOpen("warning", "Warning") + "<p>One.</p>\n<ul>\n<li>two</li>\n</ul>\n</div>\n"},
		{"text spans lines", "> [!TIP]\n> a\n> b\n", calloutOpen("tip", "Tip") + "<p>a\nb</p>\n</div>\n"},
		{"in a list", "- item\n\n  > [!NOTE]\n  > Hi\n",
			"<ul>\n<li>\n<p>item</p>\n" + calloutOpen("note", "Note") + "<p>Hi</p>\n</div>\n</li>\n</ul>\n"},
		{"unknown kind", "> [!DANGER]\n> Hi\n", "<blockquote>\n<p>[!DANGER]\nHi</p>\n</blockquote>\n"},
		{"a title alone", "> [!NOTE] Hi\n", "<blockquote>\n<p>[!NOTE] Hi</p>\n</blockquote>\n"},
		{"a title, as Obsidian writes it", "> [!WARNING] Rate limits\n> Slow down.\n", calloutOpen("warning", "Rate limits") + "<p>Slow down.</p>\n</div>\n"},
		{"a title with code and markup", "> [!TIP] Use `x` & <b>y</b>\n>\n> Hi\n", calloutOpen("tip", "Use x &amp; &lt;b&gt;y&lt;/b&gt;") + "<p>Hi</p>\n</div>\n"},
		{"marker alone", "> [!NOTE]\n", "<blockquote>\n<p>[!NOTE]</p>\n</blockquote>\n"},
		{"space inside", "> [! NOTE]\n> Hi\n", "<blockquote>\n<p>[! NOTE]\nHi</p>\n</blockquote>\n"},
		{"not first", "> Hi\n> [!NOTE]\n", "<blockquote>\n<p>Hi\n[!NOTE]</p>\n</blockquote>\n"},
		{"a link", "> [!NOTE](x)\n> Hi\n", "<blockquote>\n<p><a href=\"x\">!NOTE</a>\nHi</p>\n</blockquote>\n"},
		{"plain quote", "> Hi\n", "<blockquote>\n<p>Hi</p>\n</blockquote>\n"},
		{"nested quote stays", "> [!NOTE]\n> > inner\n",
			calloutOpen("note", "Note") + "<blockquote>\n<p>inner</p>\n</blockquote>\n</div>\n"},
	}
	md := goldmark.New(goldmark.WithExtensions(Callouts))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderMD(t, md, tt.src); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func FuzzCallouts(f *testing.F) {
	for _, s := range []string{"> [!NOTE]\n> hi\n", "> [!TIP]\n>\n> x\n", "- > [!note]\n  > *a*\n", "> [!WARNING]\n> > [!CAUTION]\n> > x\n"} {
		f.Add(s)
	}
	md := goldmark.New(goldmark.WithExtensions(Callouts))
	f.Fuzz(func(t *testing.T, src string) {
		a := renderMD(t, md, src)
		if b := renderMD(t, md, src); a != b {
			t.Fatalf("output differs between runs:\n%s\n%s", a, b)
		}
		if strings.Count(a, `<div class="callout`) > strings.Count(src, "[!") {
			t.Fatalf("more callouts than markers:\n%s", a)
		}
	})
}
