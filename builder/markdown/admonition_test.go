package markdown

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestAdmonitions(t *testing.T) {
	details := func(kind, title string, open bool) string {
		o := ""
		if open {
			o = " open"
		}
		return `<details class="callout ` + kind + `"` + o + `>` + "\n" +
			`<summary class="callout-title"><svg viewBox="0 0 24 24" aria-hidden="true">` + calloutKinds[kind].icon + `</svg>` + title + "</summary>\n"
	}
	tests := []struct {
		name, src, want string
	}{
		{"with a title", "!!! warning \"Rate limits\"\n    Slow *down*.\n", calloutOpen("warning", "Rate limits") + "<p>Slow <em>down</em>.</p>\n</div>\n"},
		{"without a title", "!!! tip\n    Hi\n", calloutOpen("tip", "Tip") + "<p>Hi</p>\n</div>\n"},
		{"an empty title", "!!! note \"\"\n    Hi\n", `<div class="callout note" role="note" aria-label="Note">` + "\n<p>Hi</p>\n</div>\n"},
		{"Material's kinds", "!!! danger \"Careful\"\n    Hi\n\n!!! success\n    Done\n", calloutOpen("caution", "Careful") + "<p>Hi</p>\n</div>\n" + calloutOpen("tip", "Tip") + "<p>Done</p>\n</div>\n"},
		{"blocks and blank lines", "!!! note\n    One.\n\n    - two\n\n    ```go\n    x\n    ```\n\nAfter.\n",
			calloutOpen("note", "Note") + "<p>One.</p>\n<ul>\n<li>two</li>\n</ul>\n<pre><code class=\"language-go\">x\n</code></pre>\n</div>\n<p>After.</p>\n"},
		{"collapsed", "??? question \"Why?\"\n    Because.\n", details("important", "Why?", false) + "<p>Because.</p>\n</details>\n"},
		{"collapsible, open", "???+ example\n    Shown.\n", details("note", "Example", true) + "<p>Shown.</p>\n</details>\n"},
		{"more classes", "!!! note inline end \"Side\"\n    Hi\n", calloutOpen("note", "Side") + "<p>Hi</p>\n</div>\n"},
		{"nested", "!!! note\n    Outer.\n\n    !!! tip\n        Inner.\n", calloutOpen("note", "Note") + "<p>Outer.</p>\n" + calloutOpen("tip", "Tip") + "<p>Inner.</p>\n</div>\n</div>\n"},
		{"unknown kind stays text", "!!! shout\n    Hi\n", "<p>!!! shout\nHi</p>\n"},
		{"prose with bangs stays", "!!! This is exciting\n", "<p>!!! This is exciting</p>\n"},
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, Admonitions))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderMD(t, md, tt.src); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func FuzzAdmonitions(f *testing.F) {
	f.Add("!!! note \"x\"\n    - a\n\n    !!! tip\n        b\n")
	f.Add("???+ warning\n\t> q\n")
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, Callouts, Containers, Admonitions))
	f.Fuzz(func(t *testing.T, src string) {
		renderMD(t, md, src)
	})
}
