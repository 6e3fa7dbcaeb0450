package builder

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"
)

// TestMarkdownExtensions pins the HTML of each of the builder's goldmark
// extensions: permalinks on headings, the code block and table wrappers,
// labelled task checkboxes, definition lists and
// callouts (callout_test.go has the details).
func TestMarkdownExtensions(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // in order
	}{
		{"heading permalink", "## Close *codes*\n",
			[]string{`<h2 id="close-codes">Close <em>codes</em><a class="permalink" href="#close-codes" aria-label="Link to Close codes">#</a></h2>`}},
		{"h1 has no permalink", "# Title\n", []string{`<h1 id="title">Title</h1>`}},
		{"highlighted block", "```go\nx := 1\n```\n",
			[]string{`<div class="code-block">`, `<pre class="chroma"`, `<span class="nx">x</span>`, "</pre>", "</div>"}},
		{"plain block", "```\n<b>\n```\n",
			[]string{`<div class="code-block"><pre><code>&lt;b&gt;`, "</code></pre></div>"}},
		{"unknown language", "```nosuchlang\nhi\n```\n",
			[]string{`<div class="code-block">`, "hi", "</div>"}},
		{"table wrapper", "| a |\n|---|\n| b |\n",
			[]string{`<div class="table-wrap"><table>`, "<td>b</td>", "</table></div>"}},
		{"task list", "- [x] done\n- [ ] open\n",
			[]string{`<input type="checkbox" checked disabled aria-label="Done"> done`, `<input type="checkbox" disabled aria-label="Not done"> open`}},
		{"definition list", "Resume\n: Reconnect and replay missed events.\n",
			[]string{"<dl>", "<dt>Resume</dt>", "<dd>Reconnect and replay missed events.</dd>", "</dl>"}},
		{"callout", "> [!TIP]\n> Hi\n", []string{`<div class="callout tip" role="note" aria-label="Tip">`, "<p>Hi</p>", "</div>"}},
		{"mermaid diagram", "```mermaid\ngraph LR\n  A --> B\n```\n",
			[]string{`<figure class="diagram"><pre class="diagram-source"><code class="language-mermaid">graph LR` + "\n  A --&gt; B\n</code></pre></figure>"}},
		{"raw HTML kept", "<!-- codes: x -->\n\n<kbd>K</kbd>\n", []string{"<!-- codes: x -->", "<kbd>K</kbd>"}},
	}
	md := newMarkdown(true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			p := &page{file: "x.md", src: src}
			p.doc = md.Parser().Parse(text.NewReader(src))
			p.collectHeadings()
			var buf bytes.Buffer
			if err := md.Renderer().Render(&buf, src, p.doc); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			rest := out
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}
