package builder

import (
	"bytes"
	"strings"
	"testing"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/kettu/kettudocs/builder/fastlex"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
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
	got := render(goldmark.New(goldmark.WithExtensions(highlight{})))
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
