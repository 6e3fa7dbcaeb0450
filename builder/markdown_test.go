package builder

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/builder/sanitize"
	"github.com/kettu/kettudocs/internal/testfs"
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

// TestCalloutsInBuilder checks the extension in the builder's own goldmark,
// where headings, search text and the page's plain text must not see the
// marker.
func TestCalloutsInBuilder(t *testing.T) {
	md := newMarkdown(false)
	src := []byte("> [!WARNING]\n> Keep **tokens** secret.\n")
	doc := md.Parser().Parse(text.NewReader(src))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.Contains(got, `<div class="callout warning" role="note" aria-label="Warning">`) || strings.Contains(got, "[!WARNING]") {
		t.Errorf("builder output:\n%s", got)
	}
}

// TestCodeTabsInBuilder checks a group in a build: each block keeps its
// highlighted code-block box, and a page with a bad group fails the build
// with its problem, as every other problem.
func TestCodeTabsInBuilder(t *testing.T) {
	dest := t.TempDir()
	_, err := build(t, fstest.MapFS{"a.md": md("# A\n\n<!-- tabs -->\n```go\nx := 1\n```\n```sh title=\"curl\"\ncurl -i x\n```\n")}, Config{Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(dest, "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<div class="code-tabs">`, `<div class="code-tab" data-label="Go"><p class="code-tab-label">Go</p>`,
		`<div class="code-block"><pre class="chroma">`, `<div class="code-tab" data-label="curl">`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("page lacks %q:\n%s", want, html)
		}
	}
	_, err = build(t, fstest.MapFS{"b.md": md("# B\n\n<!-- tabs -->\n```go\nx := 1\n```\n\n[x](nowhere.md)\n")}, Config{Dest: t.TempDir()})
	got := problemStrings(t, err)
	if len(got) != 2 || !strings.HasPrefix(got[0], "b.md:3:1: tabs marker is followed by 1 fenced code blocks") {
		t.Errorf("problems: %q, want the tabs problem and the broken link", got)
	}
}

// TestSanitizeKeepsOwnMarkup checks that what the builder makes itself,
// such as permalinks, is never sanitized.
func TestSanitizeKeepsOwnMarkup(t *testing.T) {
	b := &Builder{md: newMarkdown(false), clean: sanitize.New()}
	p, problems := b.parsePage("x.md", []byte("## Title\n\n| a |\n|---|\n| b |\n\n```go\nx := 1\n```\n\n- [x] done\n"))
	if len(problems) > 0 {
		t.Errorf("problems:\n%v", problems)
	}
	var buf bytes.Buffer
	if err := b.md.Renderer().Render(&buf, p.src, p.doc); err != nil {
		t.Fatal(err)
	}
	if w, ok := testfs.InOrder(buf.String(), []string{`<a class="permalink" href="#title" aria-label="Link to Title">#</a>`, `<div class="table-wrap"><table>`,
		`<div class="code-block"><pre class="chroma"`, `<input type="checkbox" checked disabled aria-label="Done">`}); !ok {
		t.Fatalf("output lacks %q (in order):\n%s", w, buf.String())
	}
}
