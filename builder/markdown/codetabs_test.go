package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/builder/diag"
)

func TestCodeTabs(t *testing.T) {
	tab := func(label, code string) string {
		return `<div class="code-tab" data-label="` + label + `"><p class="code-tab-label">` + label + "</p>\n" + code + "</div>\n"
	}
	goBlock := `<pre><code class="language-go">x := 1
</code></pre>
`
	tests := []struct {
		name, src, want string
	}{
		{"languages", "<!-- tabs -->\n```go\nx := 1\n```\n\n```json\n{}\n```\n",
			`<div class="code-tabs">` + "\n" + tab("Go", goBlock) + tab("JSON", "<pre><code class=\"language-json\">{}\n</code></pre>\n") + "</div>\n"},
		{"titles", "<!--tabs-->\n```sh title=\"curl\"\ncurl x\n```\n```go title='Go <client>'\nx := 1\n```\n",
			`<div class="code-tabs">` + "\n" + tab("curl", "<pre><code class=\"language-sh\">curl x\n</code></pre>\n") +
				tab("Go &lt;client&gt;", goBlock) + "</div>\n"},
		{"group ends at other content", "<!-- tabs -->\n```go\nx := 1\n```\n```text title=Output\nok\n```\nAfter.\n\n```go\ny\n```\n",
			`<div class="code-tabs">` + "\n" + tab("Go", goBlock) + tab("Output", "<pre><code class=\"language-text\">ok\n</code></pre>\n") + "</div>\n" +
				"<p>After.</p>\n<pre><code class=\"language-go\">y\n</code></pre>\n"},
		{"other comments stay", "<!-- tabsy -->\n```go\nx := 1\n```\n", "<!-- tabsy -->\n" + goBlock},
		{"nested in a list", "- a\n\n  <!-- tabs -->\n  ```go\n  x := 1\n  ```\n  ```json\n  {}\n  ```\n",
			"<ul>\n<li>\n<p>a</p>\n" + `<div class="code-tabs">` + "\n" + tab("Go", goBlock) + tab("JSON", "<pre><code class=\"language-json\">{}\n</code></pre>\n") + "</div>\n</li>\n</ul>\n"},
	}
	md := goldmark.New(goldmark.WithExtensions(CodeTabs), goldmark.WithRendererOptions(html.WithUnsafe()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderUnsafe(t, md, tt.src); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestCodeTabsProblems(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"one block", "Text.\n\n<!-- tabs -->\n```go\nx\n```\n", "x.md:3:1: tabs marker is followed by 1 fenced code blocks, want at least 2"},
		{"no block", "<!-- tabs -->\n\nText.\n", "x.md:1:1: tabs marker is followed by 0 fenced code blocks, want at least 2"},
		{"more than tabs", "<!-- tabs: Go -->\n```go\nx\n```\n```go\ny\n```\n", `x.md:1:1: tabs marker "<!-- tabs: Go -->" has more than the word tabs`},
		{"no label", "<!-- tabs -->\n```go\nx\n```\n```\ny\n```\n", "x.md:5:1: a code block in tabs has no language and no title"},
		{"same label", "<!-- tabs -->\n```go\nx\n```\n```go\ny\n```\n", `x.md:5:1: two code blocks in one tab group are labelled "Go"`},
	}
	md := goldmark.New(goldmark.WithExtensions(CodeTabs))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			pc := parser.NewContext()
			md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
			got := TabProblems(pc, diag.NewLines("x.md", src))
			if len(got) != 1 || !strings.HasPrefix(got[0].Pos.String()+": "+got[0].Msg, tt.want) || got[0].Hint == "" {
				t.Errorf("problems: %v, want one starting %q, with a hint", got, tt.want)
			}
		})
	}
}

// renderUnsafe renders src with md, raw HTML kept as the builder does.
func renderUnsafe(t testing.TB, md goldmark.Markdown, src string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
