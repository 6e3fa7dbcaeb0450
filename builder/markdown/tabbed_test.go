package markdown

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestTabbed(t *testing.T) {
	tab := func(label string) string {
		return `<div class="code-tab" data-label="` + label + `"><p class="code-tab-label">` + label + "</p>\n"
	}
	const group = `<div class="code-tabs" data-prose>` + "\n"
	tests := []struct {
		name, src, want string
	}{
		{"two tabs of prose and code", "=== \"macOS\"\n\n    Use *brew*:\n\n    ```sh\n    brew install kettu\n    ```\n\n=== \"Linux\"\n\n    Download it.\n",
			group + tab("macOS") + "<p>Use <em>brew</em>:</p>\n<pre><code class=\"language-sh\">brew install kettu\n</code></pre>\n</div>\n" +
				tab("Linux") + "<p>Download it.</p>\n</div>\n</div>\n"},
		{"a tab alone", "=== \"Only\"\n    Hi\n", group + tab("Only") + "<p>Hi</p>\n</div>\n</div>\n"},
		{"===! starts a new group", "=== \"A\"\n    a\n\n===! \"B\"\n    b\n",
			group + tab("A") + "<p>a</p>\n</div>\n</div>\n" + group + tab("B") + "<p>b</p>\n</div>\n</div>\n"},
		{"===+ is a tab", "=== \"A\"\n    a\n===+ \"B\"\n    b\n",
			group + tab("A") + "<p>a</p>\n</div>\n" + tab("B") + "<p>b</p>\n</div>\n</div>\n"},
		{"text between tabs ends the group", "=== \"A\"\n    a\n\nBetween.\n\n=== \"B\"\n    b\n",
			group + tab("A") + "<p>a</p>\n</div>\n</div>\n<p>Between.</p>\n" + group + tab("B") + "<p>b</p>\n</div>\n</div>\n"},
		{"labels are escaped", "=== \"<b>&\"\n    x\n", group + tab("&lt;b&gt;&amp;") + "<p>x</p>\n</div>\n</div>\n"},
		{"in a list item", "- item\n\n    === \"A\"\n        a\n",
			"<ul>\n<li>\n<p>item</p>\n" + group + tab("A") + "<p>a</p>\n</div>\n</div>\n</li>\n</ul>\n"},
		{"not a tab: no quotes", "=== Go\n    x\n", "<p>=== Go\nx</p>\n"},
		{"not a tab: an empty label", "=== \"\"\n    x\n", "<p>=== &quot;&quot;\nx</p>\n"},
		{"a setext heading stays one", "Title\n===\n", "<h1>Title</h1>\n"},
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, CodeTabs, Tabbed))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderMD(t, md, tt.src); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func FuzzTabbed(f *testing.F) {
	f.Add("=== \"a\"\n    - x\n\n    === \"b\"\n        y\n===! \"c\"\n")
	f.Add("<!-- tabs -->\n```go\nx\n```\n=== \"Go\"\n\t```go\n\tx\n\t```\n")
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, Callouts, Admonitions, CodeTabs, Tabbed))
	f.Fuzz(func(t *testing.T, src string) {
		renderMD(t, md, src)
	})
}
