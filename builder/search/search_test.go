package search

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/builder/mdtext"

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
// testPage is a page for the tests to extract: its URL, title and source.
type testPage struct{ url, title, src string }

// threePages are a home page, the close codes page and a page of two
// sections.
var threePages = []testPage{
	{"", "Home", "# Home\n\nStart.\n"},
	{"close/", "Close codes", page},
	{"b/", "B", "## One\n\n1\n\n## Two\n\n2\n"},
}

// extract parses and extracts each of pages.
func extract(t testing.TB, pages ...testPage) []*Page {
	t.Helper()
	out := make([]*Page, 0, len(pages))
	for _, p := range pages {
		doc, src := parse(t, p.src)
		out = append(out, Extract(doc, src, p.url, p.title))
	}
	return out
}

func parse(t testing.TB, src string) (ast.Node, []byte) {
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

// fieldTerms returns the terms of entry i of p by field, each field's
// joined by spaces.
func (p *Page) fieldTerms(i int) [4]string {
	var b [4][]byte
	e := &p.Entries[i]
	for _, x := range p.terms[e.lo:e.hi] {
		f := x & 3
		if len(b[f]) > 0 {
			b[f] = append(b[f], ' ')
		}
		b[f] = append(b[f], p.dict.terms[x>>2]...)
	}
	return [4]string{string(b[0]), string(b[1]), string(b[2]), string(b[3])}
}

// shown returns the entries of p without their terms, as results show them.
func shown(p *Page) []Entry {
	out := slices.Clone(p.Entries)
	for i := range out {
		out[i].lo, out[i].hi, out[i].key, out[i].whole = 0, 0, 0, 0
	}
	return out
}

func TestExtract(t *testing.T) {
	doc, src := parse(t, page)
	p := Extract(doc, src, "close/", "Close codes")
	want := []Entry{
		{Title: "Close codes", Text: "What the gateway sends when it closes the connection."},
		{ID: "codes", Title: "Codes", Text: "Plain tables stay in the text: key default timeout 30s"},
		{ID: "close-4004", Title: "4004 authentication failed", Section: "Codes", Text: "abort the token is invalid, probably", Key: "4004"},
		{ID: "close-4007", Title: "4007 invalid seq", Section: "Codes", Text: "restart you sent an invalid seq", Key: "4007"},
		{ID: "reconnecting", Title: "Reconnecting", Section: "Codes", Text: "Reconnect after a while and resume. Details Even more.", Code: "conn.Close(4004)"},
	}
	if got := shown(p); !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n%s\nwant\n%s", dump(got), dump(want))
	}
	if p.URL != "close/" || p.Title != "Close codes" {
		t.Errorf("page: %q %q", p.URL, p.Title)
	}
	// Each term once, in the best field it occurs in; the page title and
	// the first sentence of its text (not of a row's other cells) are the
	// section of every entry.
	for i, want := range [][4]string{
		{fieldTitle: "close codes", fieldSection: "what the gateway sends when it closes connection"},
		{fieldTitle: "codes", fieldSection: "close plain tables stay in the text", fieldText: "key default timeout 30s"},
		{fieldTitle: "4004 authentication failed", fieldSection: "codes close", fieldText: "abort the token is invalid probably"},
		{fieldTitle: "4007 invalid seq", fieldSection: "codes close", fieldText: "restart you sent an"},
		{fieldTitle: "reconnecting", fieldSection: "codes close reconnect after a while and resume", fieldText: "details even more", fieldCode: "conn 4004"},
	} {
		if got := p.fieldTerms(i); got != want {
			t.Errorf("entry %d: terms by field %q, want %q", i, got, want)
		}
	}
	if p.keyTerm(2) != "4004" {
		t.Errorf("key %q, want 4004", p.keyTerm(2))
	}
}

func TestExtractTitleNotH1(t *testing.T) {
	// A title from front matter: an h1 that says something else is text.
	doc, src := parse(t, "# Welcome\n\nHello.\n")
	p := Extract(doc, src, "", "Docs")
	want := []Entry{{Title: "Docs", Text: "Welcome Hello."}}
	if got := shown(p); !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n%s\nwant\n%s", dump(got), dump(want))
	}
}

// TestExtractKeepsNothing checks that a Page shares no memory with the
// source it came from: the build drops sources once pages are written.
func TestExtractKeepsNothing(t *testing.T) {
	doc, src := parse(t, page)
	p := Extract(doc, src, "close/", "Close codes")
	before := dump(p.Entries)
	for i := range src {
		src[i] = 'X'
	}
	if after := dump(p.Entries); after != before {
		t.Errorf("changing the source changed the page:\n%s\nwas\n%s", after, before)
	}
}

func TestCaps(t *testing.T) {
	long := "Intro. " + strings.Repeat("word ", MaxText) // 5 × MaxText bytes
	code := strings.Repeat("x", 3*MaxCode)
	title := strings.Repeat("é", MaxTitle) // two bytes each
	doc, src := parse(t, "## "+title+"\n\n"+long+"\n\n```\n"+code+"\n```\n\n| code | name |\n| - | - |\n| 1 | "+long+" |\n")
	p := Extract(doc, src, "", "T")
	for _, e := range p.Entries {
		if len(e.Title) > MaxTitle || len(e.Text) > ShowText || len(e.Code) > ShowCode {
			t.Errorf("entry %q: title %d, text %d, code %d bytes; caps are %d, %d, %d",
				e.ID, len(e.Title), len(e.Text), len(e.Code), MaxTitle, ShowText, ShowCode)
		}
		if !strings.HasPrefix(long, e.Text) || strings.HasSuffix(e.Text, " ") {
			t.Errorf("entry %q: text not cut at a word: ...%q", e.ID, e.Text[max(0, len(e.Text)-20):])
		}
	}
	sec := p.Entries[1]
	if !strings.HasPrefix(title, sec.Title) || len(sec.Title) < MaxTitle-1 || !strings.HasSuffix(sec.Title, "é") {
		t.Errorf("title cut inside a character or too short: %d bytes", len(sec.Title))
	}
	if len(sec.Text) < ShowText-5 || len(sec.Code) != ShowCode {
		t.Errorf("caps cut too much: text %d, code %d bytes", len(sec.Text), len(sec.Code))
	}
	// Text is indexed up to MaxText, code up to MaxCode: their one word
	// is in, however long.
	if terms := p.fieldTerms(1); terms[fieldText] != "word" || terms[fieldCode] != strings.Repeat("x", MaxCode) {
		t.Errorf("terms: text %.20q, code %d bytes", terms[fieldText], len(terms[fieldCode]))
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

// TestExtractTextCollapsed checks that what an entry shows has single
// spaces only, with empty table cells, line breaks and emphasis in the
// way: finish relies on the text being collapsed as it is gathered.
func TestExtractTextCollapsed(t *testing.T) {
	src := "Intro  line\nwith a break  \nand *emphasis* .\n\n| a |  | c |\n|---|---|---|\n|  | x |  |\n| y |  |   z |\n\n## Next\n\n  Spaced   text\t here.\n\n> quoted\n> text\n"
	for _, p := range extract(t, testPage{src: src, url: "p/", title: "P"}) {
		for _, e := range p.Entries {
			if e.Text != mdtext.Collapse(e.Text) {
				t.Errorf("entry %q shows %q, not collapsed", e.Title, e.Text)
			}
		}
	}
}

func TestLead(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"List directory contents.", "List directory contents."},
		{"Download files. Then more.", "Download files"},
		{"Why? Because.", "Why"},
		{"Options: -v and -q", "Options"},
		{"Version 1.2 of the API is old.", "Version 1.2 of the API is old."}, // no space after the point
		{strings.Repeat("word ", 40), strings.TrimSpace(strings.Repeat("word ", 24))},
	} {
		if got := lead(tt.text); got != tt.want {
			t.Errorf("lead(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
