package codespec

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/mdtext"
)

// An Extraction is a spec made from the code tables of a page, and the
// page with a binding marker above each table that had none.
type Extraction struct {
	Spec   []byte // the spec, YAML
	Page   []byte // the page with the markers
	Groups int    // the number of tables, one group each
}

// markerRE matches a codes marker <!-- codes: NAME -->.
var markerRE = regexp.MustCompile(`^\s*<!--\s*codes\s*:\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*-->\s*$`)

// Extract makes a spec from the code tables of the Markdown page src (the
// tables whose first column is "code"): one group per table, named after
// the heading above it (or the marker that binds it already), its columns
// from the table's header, its entries the rows as they are. A column with
// an empty cell is free. file names the page in problems: a table Extract
// cannot turn into a group (a malformed or repeated code, a column it
// cannot name) is one, and nothing is extracted.
//
// The spec is docs-only: it has no package, so nothing is generated from
// it until its writer adds package:, output: and each group's type:.
func Extract(file string, src []byte) (*Extraction, error) {
	// Front matter is blanked, not cut, so offsets stay those of the page.
	body := bytes.Clone(src)
	if fm := frontMatterEnd(src); fm > 0 {
		for i := range fm {
			if body[i] != '\n' {
				body[i] = ' '
			}
		}
	}
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(gtext.NewReader(body))
	line := func(off int) int { return bytes.Count(src[:off], []byte("\n")) + 1 }

	var errs diag.List
	problem := func(off int, hint, format string, args ...any) {
		errs = append(errs, diag.Problem{Pos: diag.Position{File: file, Line: line(off)}, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	type insert struct {
		at   int
		name string
	}
	var inserts []insert
	var out bytes.Buffer
	out.WriteString("# The codes of the page " + file + ", extracted by kettudocs codes extract.\n")
	out.WriteString("# Each group is one of its tables; the docs are checked against it at every\n")
	out.WriteString("# build. To generate a Go package from it, add package: and output: here and\n")
	out.WriteString("# type: to each group (see the README, \"The codes spec\").\n\ngroups:\n")
	// Only top-level tables are extracted: a marker in a list item or a
	// block quote would need its indentation and markers.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*east.Table); ok && entering && t.Parent() != doc && isCodeTable(t, body) {
			problem(rowStart(body, t.FirstChild()), "move the table out of the list or block quote, or bind it by hand with <!-- codes: NAME -->", "a code table inside %s is not extracted", kindOf(t.Parent()))
		}
		return ast.WalkContinue, nil
	})
	names := map[string]bool{}
	heading := ""
	n := 0
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok {
			heading = mdtext.Inline(h, body)
			continue
		}
		t, ok := c.(*east.Table)
		if !ok {
			continue
		}
		if !isCodeTable(t, body) {
			continue
		}
		head := t.FirstChild().(*east.TableHeader)
		start := rowStart(body, head)
		name := ""
		if prev, ok := c.PreviousSibling().(*ast.HTMLBlock); ok {
			if m := markerRE.FindSubmatch(blockText(prev, body)); m != nil {
				name = string(m[1])
			}
		}
		bound := name != ""
		if !bound {
			name = slug(heading)
			if name == "" {
				name = "codes"
			}
			base := name
			for i := 2; names[name]; i++ {
				name = fmt.Sprintf("%s-%d", base, i)
			}
		}
		if names[name] {
			problem(start, "bind each table to a group of its own", "a second table is bound to %q", name)
			continue
		}
		names[name] = true
		title := strings.Join(strings.FieldsFunc(heading, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
		if title == "" || !utf8.ValidString(title) {
			title = name
		}

		// Columns.
		var cols []string
		for h := head.FirstChild().NextSibling(); h != nil; h = h.NextSibling() {
			col := strings.Join(strings.Fields(mdtext.Inline(h, body)), " ")
			switch {
			case col == "":
				problem(start, "give every column a header", "a column of the table under %q has no header", title)
			case badText(col):
				problem(start, "remove it", "the header %q of the table under %q has a control character", col, title)
			case slices.ContainsFunc(cols, func(o string) bool { return strings.EqualFold(o, col) }):
				problem(start, "rename one of the two columns", "two columns %q in the table under %q", col, title)
			case slices.Contains([]string{"code", "const", "omit"}, strings.ToLower(col)):
				problem(start, "rename the column", "column %q of the table under %q: the spec uses that name itself", col, title)
			}
			cols = append(cols, col)
		}

		// Rows.
		type row struct {
			code  string
			cells []string
		}
		var rows []row
		free := make([]bool, len(cols))
		ranges := false
		seen := map[string]int{}
		for r := head.NextSibling(); r != nil; r = r.NextSibling() {
			tr, ok := r.(*east.TableRow)
			if !ok {
				continue
			}
			var cells []string
			for cell := tr.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, cellSource(cell, body))
			}
			at := rowStart(body, tr)
			code := ""
			if len(cells) > 0 {
				code = strings.ToLower(cells[0])
			}
			switch {
			case exactRE.MatchString(code):
			case rangeRE.MatchString(code):
				ranges = true
			default:
				problem(at, "write a decimal code like 4004 or a range like 5xx", "malformed code %q in the table under %q", code, title)
				continue
			}
			if first, dup := seen[code]; dup {
				problem(at, "remove one of the two rows", "code %s is listed twice in the table under %q (first at line %d)", code, title, first)
				continue
			}
			seen[code] = line(at)
			if slices.ContainsFunc(cells, badText) {
				problem(at, "remove it", "a cell of the row for code %s has a control character", code)
				continue
			}
			for i := range cols {
				if i+1 >= len(cells) || strings.TrimSpace(cells[i+1]) == "" {
					free[i] = true
				}
			}
			rows = append(rows, row{code, cells})
		}

		fmt.Fprintf(&out, "  - name: %s\n    title: %s\n", scalar(name), scalar(title))
		if ranges {
			out.WriteString("    code: range\n")
		}
		if len(cols) == 0 {
			out.WriteString("    columns: []\n")
		} else {
			out.WriteString("    columns:\n")
		}
		for i, col := range cols {
			fmt.Fprintf(&out, "      - name: %s\n", scalar(col))
			if free[i] {
				out.WriteString("        free: true # some rows leave it empty\n")
			}
		}
		if len(rows) == 0 {
			out.WriteString("    entries: []\n")
		} else {
			out.WriteString("    entries:\n")
		}
		for _, r := range rows {
			fmt.Fprintf(&out, "      - code: %s\n", r.code)
			for i, col := range cols {
				if !free[i] {
					fmt.Fprintf(&out, "        %s: %s\n", scalar(col), scalar(r.cells[i+1]))
				}
			}
		}
		if !bound {
			inserts = append(inserts, insert{start, name})
		}
		n++
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	if n == 0 {
		return nil, diag.List{{Pos: diag.Position{File: file}, Msg: "no code tables: no table's first column is \"code\"", Hint: "extract from a page with tables like | code | description |"}}
	}
	var page bytes.Buffer
	last := 0
	for _, in := range inserts {
		page.Write(src[last:in.at])
		fmt.Fprintf(&page, "<!-- codes: %s -->\n", in.name)
		last = in.at
	}
	page.Write(src[last:])
	return &Extraction{Spec: out.Bytes(), Page: page.Bytes(), Groups: n}, nil
}

// isCodeTable reports whether t's first column is "code", as the drift
// check finds the tables it wants bound.
func isCodeTable(t *east.Table, src []byte) bool {
	head, _ := t.FirstChild().(*east.TableHeader)
	return head != nil && head.FirstChild() != nil && strings.EqualFold(mdtext.Inline(head.FirstChild(), src), "code")
}

func kindOf(n ast.Node) string {
	switch n.Kind() {
	case ast.KindListItem, ast.KindList:
		return "a list"
	case ast.KindBlockquote:
		return "a block quote"
	}
	return "a " + n.Kind().String()
}

// badText reports text a spec cannot hold: a table cell and a Go comment
// can't hold control characters.
func badText(s string) bool {
	return !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl)
}

// frontMatterEnd returns the offset after a page's closed front matter, or 0.
func frontMatterEnd(src []byte) int {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return 0
	}
	i := bytes.IndexByte(src, '\n') + 1
	for i < len(src) {
		end := bytes.IndexByte(src[i:], '\n')
		l := src[i:]
		if end >= 0 {
			l = src[i : i+end]
		}
		if strings.TrimRight(string(l), " \t\r") == "---" {
			if end < 0 {
				return len(src)
			}
			return i + end + 1
		}
		if end < 0 {
			break
		}
		i += end + 1
	}
	return 0
}

// rowStart returns the offset of the start of the line a table row is on.
func rowStart(src []byte, r ast.Node) int {
	off := -1
	for c := r.FirstChild(); c != nil && off < 0; c = c.NextSibling() {
		if l := c.Lines(); l.Len() > 0 {
			off = l.At(0).Start
		}
	}
	if off < 0 {
		off = 0
	}
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// cellSource returns a cell's Markdown as written, with its escaped pipes
// unescaped: the spec's text is read as a cell's, where they are escaped
// again.
func cellSource(c ast.Node, src []byte) string {
	var b []byte
	l := c.Lines()
	for i := range l.Len() {
		seg := l.At(i)
		b = append(b, seg.Value(src)...)
	}
	return strings.ReplaceAll(strings.TrimSpace(string(b)), `\|`, "|")
}

func blockText(n ast.Node, src []byte) []byte {
	var b []byte
	l := n.Lines()
	for i := range l.Len() {
		seg := l.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// slug makes a group name of a heading: "Close Codes" → close-codes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// scalar returns s as a YAML scalar that reads back as s.
func scalar(s string) string {
	b, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(b), "\n")
}
