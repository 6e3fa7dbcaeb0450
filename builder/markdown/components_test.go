package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	gtext "github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/builder/diag"
)

func TestComponents(t *testing.T) {
	tests := []struct {
		name, src, html, warning string
	}{
		{"self-closing, on its own line", "# Codes\n\n<ManualAnchor id=\"op\" />\n\n## Opcodes\n", "<h1>Codes</h1>\n<h2>Opcodes</h2>\n",
			"p.md:3:1: warning: left out MDX, which kettudocs does not run: <ManualAnchor> ×1"},
		{"inline, counted once per component", "Text <Badge text=\"beta\" /> and <Hint>more</Hint>.\n", "<p>Text  and more.</p>\n",
			"p.md:1:6: warning: left out MDX, which kettudocs does not run: <Badge> ×1, <Hint> ×1"},
		{"tabs keep their Markdown", "<Tabs>\n<TabItem value=\"go\">\n\n```go\nx\n```\n\n</TabItem>\n</Tabs>\n", "<pre><code class=\"language-go\">x\n</code></pre>\n",
			"p.md:1:1: warning: left out MDX, which kettudocs does not run: <TabItem> ×1, <Tabs> ×1"},
		{"imports", "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n# Hi\n", "<h1>Hi</h1>\n",
			"p.md:1:1: warning: left out MDX, which kettudocs does not run: import and export lines ×2"},
		{"HTML stays", "<details>\n<summary>x</summary>\n\ny\n\n</details>\n", "<details>\n<summary>x</summary>\n<p>y</p>\n</details>\n", ""},
		{"an import in prose stays", "We import things from 'x' here.\n", "<p>We import things from 'x' here.</p>\n", ""},
		{"in code stays", "```\n<Tabs>\n```\n\n`<Badge />`\n", "<pre><code>&lt;Tabs&gt;\n</code></pre>\n<p><code>&lt;Badge /&gt;</code></p>\n", ""},
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			doc := md.Parser().Parse(gtext.NewReader(src))
			got := Components(doc, src, diag.NewLines("p.md", src))
			var buf bytes.Buffer
			if err := md.Renderer().Render(&buf, src, doc); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.html {
				t.Errorf("html:\n%s\nwant:\n%s", buf.String(), tt.html)
			}
			switch {
			case tt.warning == "" && len(got) > 0:
				t.Errorf("warnings: %v", got)
			case tt.warning != "" && (len(got) != 1 || !bytes.HasPrefix([]byte(got[0].String()), []byte(tt.warning))):
				t.Errorf("warnings: %v, want %q", got, tt.warning)
			}
		})
	}
}

// TestComponentLines: a component on the line right above a heading, as
// MDX pages write it, leaves the heading a heading.
func TestComponentLines(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, ComponentLines), goldmark.WithRendererOptions(html.WithUnsafe()))
	src := []byte("<ManualAnchor id=\"gateway-opcodes\" />\n###### Gateway Opcodes\n\n| code | name |\n| - | - |\n| 0 | Dispatch |\n\n<Tabs>\n<TabItem value=\"a\">\n\nText.\n\n</TabItem>\n</Tabs>\n\n<details>\n<summary>x</summary>\n</details>\n")
	doc := md.Parser().Parse(gtext.NewReader(src))
	got := Components(doc, src, diag.NewLines("p.md", src))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	want := "<h6>Gateway Opcodes</h6>\n<table>\n<thead>\n<tr>\n<th>code</th>\n<th>name</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>0</td>\n<td>Dispatch</td>\n</tr>\n</tbody>\n</table>\n<p>Text.</p>\n<details>\n<summary>x</summary>\n</details>\n"
	if buf.String() != want {
		t.Errorf("html:\n%s\nwant:\n%s", buf.String(), want)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0].String(), "p.md:1:1: warning: left out MDX, which kettudocs does not run: <ManualAnchor> ×1, <TabItem> ×1, <Tabs> ×1") {
		t.Errorf("warnings: %v", got)
	}
}
