package search

import (
	"bytes"
	"encoding/json"
	"kettudocs/builder/mdtext"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parse parses src as the builder does (GFM, heading ids) and gives the
// rows of tables whose first column is headed "code" an id, as the drift
// check gives bound rows: close-CODE.
func parse(t *testing.T, src string) (ast.Node, []byte) {
	t.Helper()
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	b := []byte(src)
	doc := md.Parser().Parse(text.NewReader(b))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		tbl, ok := n.(*east.Table)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if mdtext.Inline(tbl.FirstChild().FirstChild(), b) != "code" {
			return ast.WalkSkipChildren, nil
		}
		for r := tbl.FirstChild().NextSibling(); r != nil; r = r.NextSibling() {
			r.SetAttributeString("id", []byte("close-"+mdtext.Inline(r.FirstChild(), b)))
		}
		return ast.WalkSkipChildren, nil
	})
	return doc, b
}

const page = `# Close codes

What the gateway sends when it **closes** the
connection.

## Codes

<!-- codes: close-codes -->
| code | description           | action | meaning                        |
| ---- | --------------------- | ------ | ------------------------------ |
| 4004 | authentication failed | abort  | the token is *invalid*, probably |
| 4007 | invalid ` + "`seq`" + `         | restart | you sent an invalid seq     |

Plain tables stay in the text:

| key | default |
| --- | ------- |
| timeout | 30s |

### Reconnecting

Reconnect after [a while](https://example.com/wait) <span>and</span> resume.

` + "```go\nconn.Close(4004)\n```" + `

#### Details

Even more.
`

func TestAdd(t *testing.T) {
	doc, src := parse(t, page)
	x := New()
	x.Add(doc, src, "close/", "Close codes")
	want := []Entry{
		{Page: 0, Title: "Close codes", Text: "What the gateway sends when it closes the connection."},
		{Page: 0, ID: "codes", Title: "Codes", Text: "Plain tables stay in the text: key default timeout 30s"},
		{Page: 0, ID: "close-4004", Title: "4004 authentication failed", Section: "Codes", Text: "abort the token is invalid, probably", Key: "4004"},
		{Page: 0, ID: "close-4007", Title: "4007 invalid seq", Section: "Codes", Text: "restart you sent an invalid seq", Key: "4007"},
		{Page: 0, ID: "reconnecting", Title: "Reconnecting", Section: "Codes", Text: "Reconnect after a while and resume. Details Even more.", Code: "conn.Close(4004)"},
	}
	if got := x.Entries(); !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n%s\nwant\n%s", dump(got), dump(want))
	}
	if got := x.Pages(); !reflect.DeepEqual(got, []Page{{URL: "close/", Title: "Close codes"}}) {
		t.Errorf("pages: %+v", got)
	}
}

func TestAddTitleNotH1(t *testing.T) {
	// A title from front matter: an h1 that says something else is text.
	doc, src := parse(t, "# Welcome\n\nHello.\n")
	x := New()
	x.Add(doc, src, "", "Docs")
	want := []Entry{{Title: "Docs", Text: "Welcome Hello."}}
	if got := x.Entries(); !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n%s\nwant\n%s", dump(got), dump(want))
	}
}

func TestJSDeterministic(t *testing.T) {
	build := func() []byte {
		x := New()
		for _, p := range []struct{ url, title, src string }{
			{"", "Home", "# Home\n\nStart.\n"},
			{"close/", "Close codes", page},
			{"b/", "B", "## One\n\n1\n\n## Two\n\n2\n"},
		} {
			doc, src := parse(t, p.src)
			x.Add(doc, src, p.url, p.title)
		}
		return x.JS()
	}
	a := build()
	for range 5 {
		if b := build(); !bytes.Equal(a, b) {
			t.Fatalf("JS differs between runs:\n%s\n%s", a, b)
		}
	}
	prefix, suffix := "window."+Var+"=", ";\n"
	if !bytes.HasPrefix(a, []byte(prefix)) || !bytes.HasSuffix(a, []byte(suffix)) {
		t.Fatalf("JS does not look like %s{...}%q: %.80s", prefix, suffix, a)
	}
	var v struct {
		Pages   []Page
		Entries []Entry
	}
	if err := json.Unmarshal(a[len(prefix):len(a)-len(suffix)], &v); err != nil {
		t.Fatalf("the value is not JSON: %v", err)
	}
	if len(v.Pages) != 3 || v.Pages[1].URL != "close/" || len(v.Entries) != 9 || v.Entries[3].ID != "close-4004" {
		t.Errorf("round trip: %+v", v)
	}
}

func TestJSEmpty(t *testing.T) {
	if got, want := string(New().JS()), "window."+Var+`={"pages":[],"entries":[]};`+"\n"; got != want {
		t.Errorf("empty index: %s, want %s", got, want)
	}
}

func TestJSEscapes(t *testing.T) {
	doc, src := parse(t, "Close with `</script><script>alert(1)</script>` & <!-- more --> \u2028 text.\n\n"+
		"```html\n</script>\n```\n")
	x := New()
	x.Add(doc, src, "", "A </script> title")
	js := string(x.JS())
	for _, bad := range []string{"</script", "<script", "<!--", "\u2028", "&"} {
		if strings.Contains(js, bad) {
			t.Errorf("JS contains %q: %s", bad, js)
		}
	}
	if !strings.Contains(js, `\u003c/script\u003e`) {
		t.Errorf("</script> is not escaped as \\u003c/script\\u003e: %s", js)
	}
}

func TestCaps(t *testing.T) {
	long := strings.Repeat("word ", MaxText) // 5 × MaxText bytes
	code := strings.Repeat("x", 3*MaxCode)
	title := strings.Repeat("é", MaxTitle) // two bytes each
	doc, src := parse(t, "## "+title+"\n\n"+long+"\n\n```\n"+code+"\n```\n\n| code | name |\n| - | - |\n| 1 | "+long+" |\n")
	x := New()
	x.Add(doc, src, "", "T")
	for _, e := range x.Entries() {
		if len(e.Title) > MaxTitle || len(e.Text) > MaxText || len(e.Code) > MaxCode {
			t.Errorf("entry %q: title %d, text %d, code %d bytes; caps are %d, %d, %d",
				e.ID, len(e.Title), len(e.Text), len(e.Code), MaxTitle, MaxText, MaxCode)
		}
		if !strings.HasPrefix(long, e.Text) || strings.HasSuffix(e.Text, " ") {
			t.Errorf("entry %q: text not cut at a word: ...%q", e.ID, e.Text[max(0, len(e.Text)-20):])
		}
	}
	sec := x.Entries()[1]
	if !strings.HasPrefix(title, sec.Title) || len(sec.Title) < MaxTitle-1 || !strings.HasSuffix(sec.Title, "é") {
		t.Errorf("title cut inside a character or too short: %d bytes", len(sec.Title))
	}
	if len(sec.Text) < MaxText-5 || len(sec.Code) != MaxCode {
		t.Errorf("caps cut too much: text %d, code %d bytes", len(sec.Text), len(sec.Code))
	}
}

func TestCut(t *testing.T) {
	for _, tt := range []struct {
		s    string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"one two three", 9, "one two"},
		{"one two three", 7, "one two"},
		{"abcdefghij", 4, "abcd"},
		{"aé", 2, "a"},
		{"a verylongword", 10, "a verylong"},
	} {
		if got := cut(tt.s, tt.max); got != tt.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
	}
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
