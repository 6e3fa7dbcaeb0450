package codespec

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gparser "github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
	"github.com/kettu/kettudocs/builder/mdtext"
)

// An Extraction is a spec made from the code tables of a page, and the
// page with a binding marker above each table that had none.
type Extraction struct {
	Spec   []byte // the spec, YAML
	Page   []byte // the page with the markers
	Groups int    // the number of tables, one group each

	// Skipped names each code table Extract did not take, at the cell or
	// header that stopped it, with why and what to do: the rest of the
	// page is extracted all the same.
	Skipped diag.List
}

// markerRE matches a codes marker <!-- codes: NAME -->.
var markerRE = regexp.MustCompile(`^\s*<!--\s*codes\s*:\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*-->\s*$`)

// Extract makes a spec from the code tables of the Markdown page src: one
// group per table, named after the heading above it (or the marker that
// binds it already), its columns from the table's header, its entries the
// rows as they are. file names the page in problems.
//
// A code table is one with a column of codes, as real reference pages
// write them: numbers (4004), ranges (5xx, 4000-4999), or string codes
// (`FAILED_VALIDATION`), alone or with their names in the same cell
// (200 (OK), `404` Not Found, 4004: Authentication failed). The code
// column need not be the first: its header says which it is (code,
// status, number, error, …), and the spec records it (code_header), as it
// records a name beside the code (code_with). A column with an empty cell
// is free.
//
// What Extract writes passes the check: a table it cannot take as it is
// (a repeated code, two columns of one name, a code cell it cannot read)
// is left out and named in Skipped, and the others are extracted. Only a
// page with no table to take is an error.
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
	// As the build parses pages: "## Error codes {#errors}" is titled
	// "Error codes".
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(gparser.WithAttribute())).Parser().Parse(gtext.NewReader(body))
	lines := diag.NewLines(file, src)

	var skipped diag.List
	skip := func(off int, hint, format string, args ...any) {
		skipped = append(skipped, diag.Problem{Pos: lines.Pos(off), Msg: fmt.Sprintf(format, args...), Hint: hint, Severity: diag.Warning})
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
		if t, ok := n.(*east.Table); ok && entering && t.Parent() != doc && codeTable(t, body) != nil {
			skip(rowStart(body, t.FirstChild()), "move the table out of the list or block quote, or bind it by hand with <!-- codes: NAME -->", "a code table inside %s is not extracted", kindOf(t.Parent()))
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
		col := codeTable(t, body)
		if col == nil {
			continue
		}
		head := t.FirstChild().(*east.TableHeader)
		start := rowStart(body, head)
		title := strings.Join(strings.FieldsFunc(heading, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
		if title == "" || !utf8.ValidString(title) {
			title = "the page's start"
		}
		if col.bad != nil {
			skip(col.bad.at, col.bad.hint, "the table under %q is not extracted: %s", title, col.bad.msg)
			continue
		}
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
			skip(start, "bind each table to a group of its own", "the table under %q is not extracted: a second table is bound to %q", title, name)
			continue
		}
		g, bad := group(t, body, col, title)
		if bad != nil {
			skip(bad.at, bad.hint, "the table under %q is not extracted: %s", title, bad.msg)
			continue
		}
		names[name] = true
		if title == "the page's start" {
			title = name
		}
		g.write(&out, name, title)
		if !bound {
			inserts = append(inserts, insert{start, name})
		}
		n++
	}
	skipped.Sort()
	if n == 0 {
		if len(skipped) > 0 {
			for i := range skipped {
				skipped[i].Severity = diag.Error
			}
			return nil, skipped
		}
		return nil, diag.List{{Pos: diag.Position{File: file}, Msg: "no code tables: no table has a column of codes", Hint: "extract from a page with tables like | code | description |"}}
	}
	var page bytes.Buffer
	last := 0
	for _, in := range inserts {
		page.Write(src[last:in.at])
		fmt.Fprintf(&page, "<!-- codes: %s -->\n", in.name)
		last = in.at
	}
	page.Write(src[last:])
	return &Extraction{Spec: out.Bytes(), Page: page.Bytes(), Groups: n, Skipped: skipped}, nil
}

// A codeCol is the code column of a table: its index and header, whether
// its codes are strings, and, when it is the column a table seems to have
// but cannot be read, why.
type codeCol struct {
	i       int
	header  string
	strings bool
	bad     *badCell
}

// A badCell is why a table is not extracted, and where.
type badCell struct {
	at        int
	msg, hint string
}

// codeHeaders are headers that name a column of codes. A header with the
// word code or status names one too ("Error code", "HTTP status").
var codeHeaders = map[string]bool{
	"code": true, "codes": true, "number": true, "opcode": true, "op": true,
	"error": true, "errors": true, "error type": true, "constant": true,
}

func codeHeader(h string) bool {
	h = strings.ToLower(h)
	if codeHeaders[h] {
		return true
	}
	for _, w := range strings.FieldsFunc(h, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if w == "code" || w == "status" {
			return true
		}
	}
	return false
}

// codeTable returns t's code column, or nil when t is no code table: the
// leftmost column headed like one (see codeHeader) whose every cell holds
// a number or range, alone or with its name; else the leftmost such column
// of string codes, which are written in code spans or look like
// identifiers (FAILED_VALIDATION, card_declined). A table whose first
// column is headed "code" but whose cells are neither is a code table
// that cannot be read: bad says why.
func codeTable(t *east.Table, src []byte) *codeCol {
	head, _ := t.FirstChild().(*east.TableHeader)
	if head == nil || head.FirstChild() == nil {
		return nil
	}
	var headers []string
	for h := head.FirstChild(); h != nil; h = h.NextSibling() {
		headers = append(headers, strings.Join(strings.Fields(drift.CellText(h, src)), " "))
	}
	var rows [][]ast.Node
	for r := head.NextSibling(); r != nil; r = r.NextSibling() {
		if tr, ok := r.(*east.TableRow); ok {
			var cells []ast.Node
			for c := tr.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, c)
			}
			rows = append(rows, cells)
		}
	}
	// reads reports whether every cell of column i reads as a code (of
	// strings: in a code span if spans), each once, and the first that
	// does not.
	readsUnique := func(i int, str, spans, unique bool) (bool, ast.Node) {
		seen := map[string]bool{}
		for _, cells := range rows {
			if i >= len(cells) {
				return false, nil
			}
			text := drift.CellText(cells[i], src)
			code, rest, ok := drift.SplitCell(text, str, spanned(cells[i], src))
			switch {
			case !ok:
			case str && spans:
				ok = inSpan(cells[i], code, src)
			case str:
				ok = inSpan(cells[i], code, src) || identifier(code) && (rest == "" || strings.HasPrefix(strings.TrimPrefix(text, code), " ("))
			default:
				ok = specNumber(code)
			}
			if !ok {
				return false, cells[i]
			}
			if seen[code] && unique {
				return false, nil
			}
			seen[code] = true
		}
		return len(rows) > 0, nil
	}
	reads := func(i int, str, spans bool) (bool, ast.Node) { return readsUnique(i, str, spans, true) }
	// String codes in code spans first: an error code table often has an
	// HTTP status beside each code. Then numbers, then string codes that
	// look like identifiers (gRPC's names, beside their numbers, come
	// last). A first column of numbers is one of codes whatever its
	// header says, in whatever language (| 值 | 含义 |).
	for _, try := range []struct{ str, spans bool }{{true, true}, {false, false}, {true, false}} {
		for i, h := range headers {
			if !codeHeader(h) {
				continue
			}
			if ok, _ := reads(i, try.str, try.spans); ok {
				return &codeCol{i: i, header: h, strings: try.str}
			}
		}
	}
	// Codes listed twice fail the table in group, which says so. Rows
	// numbered 1, 2, 3 (| # | Type |, | Step | …) are not codes.
	if strings.ContainsFunc(headers[0], unicode.IsLetter) && !codeHeader(headers[0]) && len(rows) >= 2 && !numbered(rows, src) {
		if ok, _ := readsUnique(0, false, false, false); ok {
			return &codeCol{i: 0, header: headers[0]}
		}
	}
	if !strings.EqualFold(headers[0], "code") {
		return nil
	}
	if len(rows) == 0 {
		return &codeCol{header: headers[0]} // a group of no codes yet
	}
	if ok, _ := readsUnique(0, false, false, false); ok {
		return &codeCol{header: headers[0]} // group names a code listed twice
	}
	col := &codeCol{header: headers[0]}
	if _, cell := reads(0, false, false); cell != nil {
		text := drift.CellText(cell, src)
		col.bad = &badCell{at: cellStart(cell, src), msg: fmt.Sprintf("%q is not a code", text),
			hint: "write a number (4004), a range (5xx, 4000-4999) or a string code in backticks (`FAILED_VALIDATION`), alone or with its name: 200 (OK)"}
	}
	if col.bad == nil {
		col.bad = &badCell{at: rowStart(src, head), msg: "a row has no code", hint: "give every row a code"}
	}
	return col
}

// numbered reports whether the first cells of rows count 0 or 1, 2, 3 …:
// the rows' numbers, not codes.
func numbered(rows [][]ast.Node, src []byte) bool {
	for i, cells := range rows {
		if len(cells) == 0 {
			return false
		}
		n, err := strconv.Atoi(drift.CellText(cells[0], src))
		if err != nil || n != i+1 && n != i {
			return false
		}
	}
	return true
}

// specNumber reports whether a canonical numeric code is one a spec takes:
// no leading zeros, no x's in an explicit range.
func specNumber(code string) bool {
	return exactRE.MatchString(code) || rangeRE.MatchString(code) || spanRE.MatchString(code) ||
		strings.HasPrefix(code, "-") && code != "-0" && exactRE.MatchString(code[1:])
}

// identifier reports whether a string code looks like one even outside a
// code span: FAILED_VALIDATION, card_declined, auth/invalid-email, M_LIMIT.
func identifier(code string) bool {
	if strings.ContainsAny(code, "_/.:") {
		return true
	}
	return len(code) > 1 && !strings.ContainsFunc(code, unicode.IsLower) && strings.ContainsFunc(code, unicode.IsUpper)
}

// spanned returns whether a code is in a code span of its own in cell:
// such is the code of a cell that reads two ways (see drift.SplitCell).
func spanned(cell ast.Node, src []byte) func(string) bool {
	return func(code string) bool { return inSpan(cell, code, src) }
}

// inSpan reports whether a cell's code is in a code span of its own.
func inSpan(cell ast.Node, code string, src []byte) bool {
	for c := cell.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.CodeSpan); ok && mdtext.Inline(c, src) == code {
			return true
		}
	}
	return false
}

// cellStart returns the offset where a cell's content starts.
func cellStart(c ast.Node, src []byte) int {
	if l := c.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return 0
}

// extracted is one table as a group of the spec.
type extracted struct {
	col      *codeCol
	ranges   bool
	cols     []string // the other columns, in table order
	colCell  []int    // their index in the table's rows
	free     []bool
	codeWith string // the column a name beside the code goes in, or ""
	entries  []extractedEntry
}

type extractedEntry struct {
	code   string
	name   string   // beside the code, as Markdown; "" for none
	fields []string // by cols
}

// group reads the rows of t as a group, or says why it cannot.
func group(t *east.Table, src []byte, col *codeCol, title string) (*extracted, *badCell) {
	head := t.FirstChild().(*east.TableHeader)
	x := &extracted{col: col}
	if badText(col.header) {
		return nil, &badCell{rowStart(src, head), fmt.Sprintf("the header %q has a control character or is not UTF-8", col.header), "fix the header"}
	}
	i := 0
	for h := head.FirstChild(); h != nil; h, i = h.NextSibling(), i+1 {
		if i == col.i {
			continue
		}
		name := strings.Join(strings.Fields(mdtext.Inline(h, src)), " ")
		at := cellStart(h, src)
		if at == 0 {
			at = rowStart(src, head)
		}
		key := strings.ToLower(name)
		switch {
		case name == "":
			return nil, &badCell{at, "a column has no header", "give every column a header"}
		case badText(name):
			return nil, &badCell{at, fmt.Sprintf("the header %q has a control character", name), "remove it"}
		case slices.ContainsFunc(x.cols, func(o string) bool { return strings.EqualFold(o, name) }):
			return nil, &badCell{at, fmt.Sprintf("two columns %q", name), "rename one of the two columns"}
		case key == "const" || key == "omit":
			return nil, &badCell{at, fmt.Sprintf("column %q: the spec uses that name itself", name), "rename the column"}
		case key == "code" && strings.EqualFold(col.header, "code"):
			return nil, &badCell{at, "two columns \"code\"", "rename one of the two columns"}
		case key == strings.ToLower(col.header):
			return nil, &badCell{at, fmt.Sprintf("two columns %q", name), "rename one of the two columns"}
		}
		x.cols = append(x.cols, name)
		x.colCell = append(x.colCell, i)
	}
	x.free = make([]bool, len(x.cols))
	seen := map[string]int{}
	var spans [][2]int64
	for r := head.NextSibling(); r != nil; r = r.NextSibling() {
		tr, ok := r.(*east.TableRow)
		if !ok {
			continue
		}
		var cells []ast.Node
		for c := tr.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, c)
		}
		cell := cells[col.i]
		at := cellStart(cell, src)
		code, rest, _ := drift.SplitCell(drift.CellText(cell, src), col.strings, spanned(cell, src))
		if first, dup := seen[code]; dup {
			return nil, &badCell{at, fmt.Sprintf("code %s is listed twice (first at line %d)", code, first), "remove one of the two rows, or bind the table by hand"}
		}
		seen[code] = bytes.Count(src[:at], []byte("\n")) + 1
		if !col.strings {
			if lo, hi, ok := drift.Bounds(code); ok && lo != hi {
				x.ranges = true
				for _, s := range spans {
					if lo <= s[1] && s[0] <= hi {
						return nil, &badCell{at, fmt.Sprintf("the range %s overlaps another range of the table", code), "list each code once: ranges may hold codes of their own, but not other ranges"}
					}
				}
				spans = append(spans, [2]int64{lo, hi})
			}
		}
		e := extractedEntry{code: code, name: escapeText(rest), fields: make([]string, len(x.cols))}
		if badText(rest) {
			return nil, &badCell{at, fmt.Sprintf("the cell of code %s has a control character", code), "remove it"}
		}
		for ci, ti := range x.colCell {
			if ti >= len(cells) || strings.TrimSpace(cellSource(cells[ti], src)) == "" {
				x.free[ci] = true
				continue
			}
			e.fields[ci] = cellSource(cells[ti], src)
			if badText(e.fields[ci]) {
				return nil, &badCell{cellStart(cells[ti], src), fmt.Sprintf("a cell of the row for code %s has a control character", code), "remove it"}
			}
		}
		x.entries = append(x.entries, e)
		if rest != "" && x.codeWith == "" {
			x.codeWith = "name"
			for n := 2; slices.ContainsFunc(x.cols, func(o string) bool { return strings.EqualFold(o, x.codeWith) }) || strings.EqualFold(x.codeWith, col.header); n++ {
				x.codeWith = fmt.Sprintf("name %d", n)
			}
		}
	}
	return x, nil
}

// escapeText escapes the Markdown of plain text, so that a spec text,
// read as a table cell's Markdown, reads as the text again.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune("\\`*_[]<>&|~!#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// write writes the group as YAML to out.
func (x *extracted) write(out *bytes.Buffer, name, title string) {
	fmt.Fprintf(out, "  - name: %s\n    title: %s\n", scalar(name), scalar(title))
	switch {
	case x.col.strings:
		out.WriteString("    code: string\n")
	case x.ranges:
		out.WriteString("    code: range\n")
	}
	if !strings.EqualFold(x.col.header, "code") {
		fmt.Fprintf(out, "    code_header: %s\n", scalar(x.col.header))
	}
	if x.codeWith != "" {
		fmt.Fprintf(out, "    code_with: %s # the code cells hold it beside the code\n", scalar(x.codeWith))
	}
	if len(x.cols) == 0 && x.codeWith == "" {
		out.WriteString("    columns: []\n")
	} else {
		out.WriteString("    columns:\n")
	}
	if x.codeWith != "" {
		fmt.Fprintf(out, "      - name: %s\n", scalar(x.codeWith))
	}
	for i, col := range x.cols {
		fmt.Fprintf(out, "      - name: %s\n", scalar(col))
		if x.free[i] {
			out.WriteString("        free: true # some rows leave it empty\n")
		}
	}
	if len(x.entries) == 0 {
		out.WriteString("    entries: []\n")
	} else {
		out.WriteString("    entries:\n")
	}
	for _, e := range x.entries {
		code := e.code
		if x.col.strings {
			code = scalar(code)
		}
		fmt.Fprintf(out, "      - code: %s\n", code)
		if e.name != "" {
			fmt.Fprintf(out, "        %s: %s\n", scalar(x.codeWith), scalar(e.name))
		}
		for i, col := range x.cols {
			if !x.free[i] {
				fmt.Fprintf(out, "        %s: %s\n", scalar(col), scalar(e.fields[i]))
			}
		}
	}
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
