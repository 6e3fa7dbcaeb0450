package markdown

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestContainers(t *testing.T) {
	details := func(title string) string {
		return `<details class="callout note">` + "\n" +
			`<summary class="callout-title"><svg viewBox="0 0 24 24" aria-hidden="true">` + calloutKinds["note"].icon + `</svg>` + title + "</summary>\n"
	}
	tests := []struct {
		name, src, want string
	}{
		{"Docusaurus", ":::tip\nUse *this*.\n:::\n", calloutOpen("tip", "Tip") + "<p>Use <em>this</em>.</p>\n</div>\n"},
		{"Docusaurus 3 title", ":::warning[Rate limits]\nSlow down.\n:::\n", calloutOpen("warning", "Rate limits") + "<p>Slow down.</p>\n</div>\n"},
		{"VitePress with a space and a title", "::: danger Never do this\nHi\n:::\n", calloutOpen("caution", "Never do this") + "<p>Hi</p>\n</div>\n"},
		{"info is a note", ":::info\nHi\n:::\n", calloutOpen("note", "Note") + "<p>Hi</p>\n</div>\n"},
		{"title is text", ":::note[<b>x</b> & y]\nHi\n:::\n", calloutOpen("note", "&lt;b&gt;x&lt;/b&gt; &amp; y") + "<p>Hi</p>\n</div>\n"},
		{"details", "::: details Show the payload\n```json\n{}\n```\n:::\n", details("Show the payload") + "<pre><code class=\"language-json\">{}\n</code></pre>\n</details>\n"},
		{"nested with more colons", "::::note\nOuter.\n:::tip\nInner.\n:::\nAfter.\n::::\n",
			calloutOpen("note", "Note") + "<p>Outer.</p>\n" + calloutOpen("tip", "Tip") + "<p>Inner.</p>\n</div>\n<p>After.</p>\n</div>\n"},
		{"interrupts a paragraph", "Text\n:::note\nHi\n:::\n", "<p>Text</p>\n" + calloutOpen("note", "Note") + "<p>Hi</p>\n</div>\n"},
		{"unclosed ends with the page", ":::note\nHi\n", calloutOpen("note", "Note") + "<p>Hi</p>\n</div>\n"},
		{"a list inside", ":::caution\n- a\n- b\n:::\n", calloutOpen("caution", "Caution") + "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</div>\n"},
		{"unknown kind stays text", "::: code-group\nx\n:::\n", "<p>::: code-group\nx\n:::</p>\n"},
		{"in a code block stays", "```\n:::note\n```\n", "<pre><code>:::note\n</code></pre>\n"},
		{"two colons are text", "::note\nHi\n", "<p>::note\nHi</p>\n"},
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, Callouts, Containers))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderMD(t, md, tt.src); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func FuzzContainers(f *testing.F) {
	f.Add(":::tip[x]\n- a\n::::\n:::\n")
	f.Add("::::note\n:::tip\n> q\n:::\n::::\n")
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, Callouts, Containers))
	f.Fuzz(func(t *testing.T, src string) {
		renderMD(t, md, src) // no panic, no hang
	})
}
