package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/fastlex"
)

// TestHighlightSameAsChroma renders code blocks that fastlex lexes, ones it
// refuses and ones in other languages with the highlighter and with
// goldmark-highlighting, which lexes everything with chroma: the HTML must
// be the same.
func TestHighlightSameAsChroma(t *testing.T) {
	blocks := []struct {
		lang, code string
		fast       bool
	}{
		{"go", "func main() {\n\tfmt.Println(\"hi\") // say hi\n}\n", true},
		{"golang", "x := []int{1, 2, 0x1F, 1.5e3}\n", true},
		{"Go", "s := `{{.Name}}`\n", false},
		{"json", "{\n  \"error\": {\"code\": 404, \"ok\": false, \"x\": null}\n}\n", true},
		{"JSON", "[1, -2.5e3, \"a\\\"b\"]\n", true},
		{"json", "{\"a\": 1}\n}\n", false},
		{"python", "def f():\n    return 1\n", false},
	}
	var md strings.Builder
	for _, b := range blocks {
		fast := false
		if l := fastlex.Get(b.lang); l != nil {
			_, err := l.Tokenise(nil, b.code)
			fast = err == nil
		}
		if fast != b.fast {
			t.Fatalf("fastlex on %s %q: fast=%v", b.lang, b.code, fast)
		}
		md.WriteString("```" + b.lang + "\n" + b.code + "```\n\n")
	}
	render := func(m goldmark.Markdown) string {
		var out bytes.Buffer
		if err := m.Convert([]byte(md.String()), &out); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	got := render(goldmark.New(goldmark.WithExtensions(Highlighting)))
	want := render(goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(
		highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
		highlighting.WithGuessLanguage(false),
		highlighting.WithWrapperRenderer(codeBlockWrapper),
	))))
	if got != want {
		t.Errorf("highlighter:\n%s\nchroma:\n%s", got, want)
	}
	if !strings.Contains(got, `<span class="nf">main</span>`) || !strings.Contains(got, `<span class="nt">&#34;error&#34;</span>`) {
		t.Errorf("no highlighted Go or JSON in\n%s", got)
	}
}

// TestCodeHTMLSameAsChroma formats token streams with writeCodeHTML and with
// chroma's HTML formatter as the highlighter used it: the bytes must be
// the same, for every token type chroma knows and for real lexers' output.
func TestCodeHTMLSameAsChroma(t *testing.T) {
	var every []chroma.Token
	for tt := range chroma.StandardTypes {
		every = append(every, chroma.Token{Type: tt, Value: fmt.Sprintf("<%d & '\"\n", tt)})
	}
	every = append(every, chroma.Token{Type: chroma.TokenType(987654), Value: "unknown type"})
	streams := map[string][]chroma.Token{
		"every type":            every,
		"none":                  nil,
		"one empty":             {{Type: chroma.Text, Value: ""}},
		"empty last line":       {{Type: chroma.Keyword, Value: "if\n"}, {Type: chroma.Text, Value: ""}},
		"newlines only":         {{Type: chroma.TextWhitespace, Value: "\n\n\n"}},
		"token across lines":    {{Type: chroma.CommentMultiline, Value: "/*\na\n\nb */"}, {Type: chroma.Punctuation, Value: "\n"}},
		"no newline at the end": {{Type: chroma.NameOther, Value: "x"}},
		"empty, then text":      {{Type: chroma.Keyword, Value: ""}, {Type: chroma.Text, Value: "x\n"}},
		"two empty last":        {{Type: chroma.Text, Value: "a\n"}, {Type: chroma.Keyword, Value: ""}, {Type: chroma.Text, Value: ""}},
		"empty, then a line":    {{Type: chroma.Text, Value: "a\n"}, {Type: chroma.Keyword, Value: ""}, {Type: chroma.Text, Value: "b\nc"}},
		"empty inside a line":   {{Type: chroma.Text, Value: "a"}, {Type: chroma.Keyword, Value: ""}, {Type: chroma.Text, Value: "\n"}},
		"ends at a newline":     {{Type: chroma.Text, Value: "a\n"}, {Type: chroma.Keyword, Value: "b\n"}},
	}
	for lang, code := range map[string]string{
		"go":     "package main\n\nfunc main() {\n\tfmt.Println(\"<hi> & 'bye'\") // done\n}\n",
		"json":   "{\"a\": [1, 2.5, true, null], \"b\": \"x&y\"}",
		"html":   "<p class=\"x\">a &amp; b</p>\n<!-- c -->\n",
		"python": "def f(x):\n    return x  # 'quoted'\n\n\n",
		"bash":   "echo \"$HOME\" | grep -v '<x>'\n",
		"yaml":   "a: 1\nb: [x, y]\n",
	} {
		it, err := chroma.Coalesce(lexers.Get(lang)).Tokenise(nil, code)
		if err != nil {
			t.Fatal(err)
		}
		streams[lang] = it.Tokens()
	}
	formatter, style := chromahtml.New(chromahtml.WithClasses(true)), styles.Get("github")
	for name, tokens := range streams {
		var want bytes.Buffer
		if err := formatter.Format(&want, style, chroma.Literator(tokens...)); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		writeCodeHTML(w, chroma.Literator(tokens...))
		w.Flush()
		if got.String() != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", name, got.String(), want.String())
		}
	}
}

// TestHighlightLimits: a block too big to highlight, and one whose
// highlighting takes too long (chroma's gnuplot lexer on one long word
// takes time that grows with the square of the word), are shown as they
// are, escaped; the big one is a warning at its line.
func TestHighlightLimits(t *testing.T) {
	big := "```go\n" + strings.Repeat("x := 1 // <b>\n", MaxHighlight/13+1) + "```\n"
	slow := "# T\n\n```gnuplot\n" + strings.Repeat("a", 6000) + "\n```\n"
	md := goldmark.New(goldmark.WithExtensions(HighlightingWithin(20 * time.Millisecond)))
	for _, tt := range []struct{ name, src, lang string }{{"big", big, "go"}, {"slow", slow, "gnuplot"}} {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			start := time.Now()
			if err := md.Convert([]byte(tt.src), &out); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), `<div class="code-block"><pre><code class="language-`+tt.lang+`">`) || strings.Contains(out.String(), `class="chroma"`) {
				t.Errorf("not shown as it is:\n%.300s", out.String())
			}
			if strings.Contains(out.String(), "<b>") {
				t.Errorf("not escaped")
			}
			t.Logf("%s: %v", tt.name, time.Since(start))
		})
	}
	doc := md.Parser().Parse(text.NewReader([]byte(big)))
	got := LargeBlocks(doc, []byte(big), diag.NewLines("x.md", []byte(big)))
	if len(got) != 1 || got[0].Pos.Line != 1 || got[0].Severity != diag.Warning || !strings.Contains(got[0].Msg, "without highlighting") {
		t.Errorf("LargeBlocks = %v, want one warning at line 1", got)
	}
	if got := LargeBlocks(md.Parser().Parse(text.NewReader([]byte(slow))), []byte(slow), diag.NewLines("x.md", []byte(slow))); len(got) != 0 {
		t.Errorf("LargeBlocks of a small block = %v", got)
	}
}
