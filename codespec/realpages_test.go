package codespec

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
)

// TestRealPages runs extract over real API reference pages that nobody
// here wrote (testdata/realpages, with their sources and licences): the
// page it marks passes the check against the spec it writes, and one
// changed cell of each table it took is then reported on that row, within
// that cell. Tables it cannot take are named, with why.
func TestRealPages(t *testing.T) {
	pages, err := filepath.Glob("testdata/realpages/*.md")
	if err != nil {
		t.Fatal(err)
	}
	// How many tables each page has that extract takes, and how many it
	// names as not taken; a change here is a change of what real pages get.
	want := map[string][2]int{
		"connect-protocol.md":                 {1, 0}, // its HTTP → code table maps many statuses to one code
		"dapr-error-codes.md":                 {1, 0},
		"discord-opcodes-and-status-codes.md": {8, 0},
		"eip-1193-provider.md":                {1, 0},
		"eip-1474-json-rpc.md":                {1, 0}, // its numbered parameter tables are not codes
		"grpcio-status-codes.md":              {1, 0},
		"qqbot-openapi-errors.md":             {1, 0}, // its table with "201,202" in a cell is not read as codes
		"qqbot-websocket-close-codes.md":      {0, 1}, // 4014 listed twice
	}
	for _, name := range pages {
		base := filepath.Base(name)
		if base == "SOURCES.md" {
			continue
		}
		t.Run(base, func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			x, err := Extract(base, src)
			var skipped diag.List
			taken := 0
			switch {
			case err == nil:
				skipped, taken = x.Skipped, x.Groups
			case !errorsAs(err, &skipped):
				t.Fatal(err)
			}
			for _, s := range skipped {
				t.Logf("not taken: %s", s)
			}
			if w, ok := want[base]; !ok || taken != w[0] || len(skipped) != w[1] {
				t.Errorf("%d tables taken, %d named as not taken; want %v", taken, len(skipped), want[base])
			}
			if x == nil {
				return
			}
			got := checkPage(t, x.Spec, x.Page)
			got = slices.DeleteFunc(got, func(p diag.Problem) bool { return len(skipped) > 0 && p.Msg == "code table is not bound to a group" })
			if len(got) > 0 {
				t.Fatalf("the marked page has problems:\n%v\nspec:\n%s", got, x.Spec)
			}
			spec, err := Parse("codes.yaml", x.Spec)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range spec.Groups {
				line, cell, from, to := mutation(t, x.Page, g)
				lines := strings.Split(string(x.Page), "\n")
				old := lines[line-1]
				i := strings.Index(old[cell[0]:cell[1]], from)
				if i < 0 {
					t.Fatalf("%s: no %q in %q", g.Name, from, old[cell[0]:cell[1]])
				}
				lines[line-1] = old[:cell[0]+i] + to + old[cell[0]+i+len(from):]
				got := checkPage(t, x.Spec, []byte(strings.Join(lines, "\n")))
				found := false
				for _, p := range got {
					if p.Pos.Line == line && p.Pos.Col >= cell[0]+1 && p.Pos.Col <= cell[1]+1 {
						found = true
					}
				}
				if !found {
					t.Errorf("group %s: changing %q to %q on line %d (%q) is not reported in that cell:\n%v", g.Name, from, to, line, lines[line-1], got)
				}
			}
		})
	}
}

func errorsAs(err error, l *diag.List) bool {
	list, ok := err.(diag.List)
	if ok {
		*l = list
	}
	return ok
}

// mutation picks a cell of the first row of g's table in page to change:
// a column the spec checks, else the name beside the code, else the code.
// It returns the row's line, the cell's byte span in that line, and the
// text to replace.
func mutation(t *testing.T, page []byte, g *Group) (line int, cell [2]int, from, to string) {
	t.Helper()
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(gtext.NewReader(page))
	marker := []byte("<!-- codes: " + g.Name + " -->")
	var table *east.Table
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.HTMLBlock); ok && strings.Contains(string(blockText(h, page)), string(marker)) {
			table, _ = n.NextSibling().(*east.Table)
		}
	}
	if table == nil {
		t.Fatalf("no table after %s", marker)
	}
	head := table.FirstChild().(*east.TableHeader)
	row, ok := head.NextSibling().(*east.TableRow)
	if !ok {
		t.Skipf("group %s: the table has no rows", g.Name)
	}
	lines := diag.NewLines("", page)
	var headers []string
	for c := head.FirstChild(); c != nil; c = c.NextSibling() {
		headers = append(headers, strings.ToLower(drift.CellText(c, page)))
	}
	var cells []ast.Node
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		cells = append(cells, c)
	}
	span := func(c ast.Node) (int, [2]int) {
		seg := c.Lines().At(0)
		pos := lines.Pos(seg.Start)
		start := pos.Col - 1
		return pos.Line, [2]int{start, start + seg.Len()}
	}
	codeHeader := "code"
	if g.CodeHeader != "" {
		codeHeader = strings.ToLower(g.CodeHeader)
	}
	for i, h := range headers {
		c := g.column(h)
		if c == nil {
			for _, col := range g.Columns {
				if strings.EqualFold(col.Name, h) && !col.Free {
					c = col
				}
			}
		}
		if c == nil || c.Free || c.Enum != nil || i >= len(cells) || cells[i].Lines().Len() == 0 || h == codeHeader {
			continue
		}
		line, cell = span(cells[i])
		seg := cells[i].Lines().At(0)
		text := string(seg.Value(page))
		trimmed := strings.TrimSpace(text)
		return line, cell, trimmed, trimmed + " (changed)"
	}
	ci := slices.Index(headers, codeHeader)
	line, cell = span(cells[ci])
	e := g.Entries[0]
	if name := e.Fields[g.CodeWith]; g.CodeWith != "" && name != "" {
		return line, cell, strings.Trim(name, "`"), strings.Trim(name, "`") + " changed"
	}
	code := e.Code
	return line, cell, code, code + "0"
}
