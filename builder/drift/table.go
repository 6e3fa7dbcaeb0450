package drift

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// row is a table row that lists a (non-omitted, first-seen) entry.
type row struct {
	entry int // index in the group's entries
	node  *east.TableRow
	code  int // offset of its code cell
}

// table checks a table bound to g against the spec and gives its rows ids.
func (k *run) table(t *east.Table, g *group) {
	addClass(t, "code-table")
	head, _ := t.FirstChild().(*east.TableHeader)
	if head == nil {
		return
	}
	// Map the columns: which is the code, which are known (index in
	// g.cols), the rest are prose (-1).
	codeCol := -1
	var known []int
	seen := map[string]bool{}
	for i, c := range cellsOf(head) {
		h := norm(c, k.src)
		key := strings.ToLower(h)
		ci, isKnown := g.colKey[key]
		isCode := g.isCodeHeader(key)
		if isCode {
			key = "\x00code" // one key for every header of the code column
		}
		known = append(known, -1)
		switch {
		case !isCode && !isKnown:
		case seen[key]:
			k.report(k.cellPos(c), fmt.Sprintf("duplicate %q column in table bound to %q", h, g.name),
				"remove or rename one of the two columns")
		case isCode:
			seen[key], codeCol = true, i
		default:
			seen[key], known[i] = true, ci
		}
	}
	if codeCol < 0 {
		want := `"code"`
		if g.codeHeader != "" {
			want = fmt.Sprintf("%q", g.codeHeaderName)
		}
		k.report(k.tablePos(t), fmt.Sprintf("table bound to %q has no %s column", g.name, want),
			fmt.Sprintf("add a %s column, or bind the table to another group", want))
		return
	}

	var rows []row
	firstLine := map[string]int{} // code → line of its first row
	var last ast.Node = head
	for n := head.NextSibling(); n != nil; n = n.NextSibling() {
		r, ok := n.(*east.TableRow)
		if !ok {
			continue
		}
		last = r
		cells := cellsOf(r)
		var cc ast.Node = r
		raw := ""
		if codeCol < len(cells) {
			cc = cells[codeCol]
			raw = norm(cc, k.src)
		}
		at := k.cellPos(cc)
		code, beside, ok := g.split(raw)
		if !ok {
			hint := "write a decimal code like 4004, a range like 5xx or 4000-4999, or one of these with its name: 200 (OK)"
			if g.strings {
				hint = "write the code as it is sent, such as FAILED_VALIDATION, alone or with its name"
			}
			k.report(at, fmt.Sprintf("malformed %s %q in table bound to %q", g.noun, raw, g.name), hint)
			continue
		}
		if l, dup := firstLine[code]; dup {
			k.report(at, fmt.Sprintf("duplicate row for %s %s (first at line %d)", g.noun, code, l),
				"remove one of the two rows")
			continue
		}
		firstLine[code] = k.line(r)
		r.SetAttributeString("id", []byte(g.anchor+"-"+code))
		ei, ok := g.byCode[code]
		switch {
		case !ok:
			hint := "remove the row, or add the code to the spec and regenerate (go generate ./...)"
			if e := g.cover(code); e != nil {
				hint = fmt.Sprintf("the spec covers %s with the range %s: list %s instead", code, e.code, e.code)
			}
			k.report(at, fmt.Sprintf("unknown %s %s (not in the %q group)", g.noun, code, g.name), hint)
			continue
		case g.entries[ei].omit:
			k.report(at, fmt.Sprintf("%s %s is listed, but the spec omits it from the docs", g.noun, code),
				"remove the row (the spec marks the code Omit)")
			continue
		}
		rows = append(rows, row{ei, r, at})
		e := &g.entries[ei]
		k.beside(g, e, cc, code, beside)
		for i, c := range cells {
			if i >= len(known) || known[i] < 0 || !e.has[known[i]] {
				continue
			}
			if got, want := norm(c, k.src), e.want[known[i]]; got != want {
				msg := fmt.Sprintf("%s %s %s: expected %q, found %q", g.noun, code, g.cols[known[i]], want, got)
				if og := k.c.byName[g.colGroup[known[i]]]; og != nil {
					if oc, ok := og.docCode(got); !ok || !og.valid(oc) {
						msg += fmt.Sprintf(", which is not one of the %s", og.title)
					}
				}
				k.report(k.cellPos(c), msg,
					"edit the cell, or if the spec is wrong change the spec and regenerate (go generate ./...)")
			}
		}
	}

	// Rows out of spec order: all but a longest increasing run, which is
	// the fewest rows a writer has to move.
	keep := lis(rows)
	var ordered []row
	for i, r := range rows {
		if keep[i] {
			ordered = append(ordered, r)
		}
	}
	for i, r := range rows {
		if keep[i] {
			continue
		}
		// Name the in-order row it should follow, or, when it comes first,
		// the one it should precede.
		msg := fmt.Sprintf("row for %s %s is out of order", g.noun, g.entries[r.entry].code)
		if pv := lastBefore(ordered, r.entry); pv != nil {
			msg += fmt.Sprintf(": it belongs after %s (line %d)", g.entries[pv.entry].code, k.line(pv.node))
		} else if nx := firstAfter(ordered, r.entry); nx != nil {
			msg += fmt.Sprintf(": it belongs before %s (line %d)", g.entries[nx.entry].code, k.line(nx.node))
		}
		k.report(r.code, msg, "move the row: tables list codes in the spec's order")
	}

	// Missing entries, reported where they would go.
	present := map[int]bool{}
	for _, r := range rows {
		present[r.entry] = true
	}
	for ei, e := range g.entries {
		if e.omit || present[ei] {
			continue
		}
		var at int
		var where string
		if nx := firstAfter(ordered, ei); nx != nil {
			at = nx.node.Pos()
			where = fmt.Sprintf("before line %d", k.line(nx.node))
		} else {
			at = last.Pos()
			l := k.line(last)
			if last == head {
				l++ // the delimiter row
			}
			where = fmt.Sprintf("after line %d", l)
		}
		k.report(at, fmt.Sprintf("missing row for %s %s%s", g.noun, e.code, g.label(ei)),
			fmt.Sprintf("add %q %s", g.suggest(ei, head, k.src, codeCol), where))
	}
}

// isCodeHeader reports whether a table header, lowered, heads the code
// column of g's tables: g's CodeHeader when it has one (gRPC's tables head
// the codes "Number" and their names "Code"), else "code".
func (g *group) isCodeHeader(key string) bool {
	if g.codeHeader != "" {
		return key == g.codeHeader
	}
	return key == "code"
}

// beside checks the text a code cell holds beside its code, such as "OK"
// in "200 (OK)": it must be e's CodeWith column, when g has one, and
// there must be none otherwise.
func (k *run) beside(g *group, e *entry, cell ast.Node, code, beside string) {
	at := k.besidePos(cell, code)
	switch {
	case g.codeWith < 0 && beside != "":
		k.report(at, fmt.Sprintf("%s %s: the code cell holds %q beside the code", g.noun, code, beside),
			"write the code alone, or, if the table names each code so, add code_with: COLUMN to the group in the spec (the column that text is)")
	case g.codeWith < 0 || !e.has[g.codeWith]:
	case beside != e.want[g.codeWith]:
		found := fmt.Sprintf("found %q", beside)
		if beside == "" {
			found = "found the code alone"
		}
		k.report(at, fmt.Sprintf("%s %s %s: expected %q beside the code, %s", g.noun, code, g.cols[g.codeWith], e.want[g.codeWith], found),
			fmt.Sprintf("write the cell as %s, or if the spec is wrong change the spec and regenerate (go generate ./...)", cellWith(code, e.want[g.codeWith])))
	}
}

// cellWith is a code cell with a name, as the hint suggests it.
func cellWith(code, name string) string {
	return fmt.Sprintf("%q", code+" ("+name+")")
}

// besidePos returns where the text beside the code starts in a code cell:
// after the code and what separates it from the name ("200 (OK)",
// "`404` Not Found"), or the cell's start when the code is not first.
func (k *run) besidePos(cell ast.Node, code string) int {
	start := k.cellPos(cell)
	l := cell.Lines()
	if start < 0 || l == nil || l.Len() == 0 {
		return start
	}
	src := string(k.src[start:l.At(l.Len()-1).Stop])
	text := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' }
	i := strings.IndexFunc(src, text)
	if i < 0 || !strings.HasPrefix(strings.ToLower(src[i:]), strings.ToLower(code[:1])) {
		return start
	}
	if m := codeTokenRE.FindStringIndex(src[i:]); m != nil {
		i += m[1]
	}
	if j := strings.IndexFunc(src[i:], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }); j >= 0 {
		return start + i + j
	}
	return start
}

// codeTokenRE matches a code at the start of a cell's source: an explicit
// range, a number or range with x's, or a string code.
var codeTokenRE = regexp.MustCompile(`^(?:[0-9]+\s*[-–~]\s*[0-9]+|-?[0-9]+[xX]*|[A-Za-z0-9_][A-Za-z0-9_.:/-]*)`)

// firstAfter returns the first row of rows listing an entry after entry.
func firstAfter(rows []row, entry int) *row {
	for i := range rows {
		if rows[i].entry > entry {
			return &rows[i]
		}
	}
	return nil
}

// lastBefore returns the last row of rows listing an entry before entry.
func lastBefore(rows []row, entry int) *row {
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].entry < entry {
			return &rows[i]
		}
	}
	return nil
}

// lis marks a longest strictly increasing subsequence of the rows' entry
// indexes (patience sorting, O(n log n)).
func lis(rows []row) []bool {
	keep := make([]bool, len(rows))
	var tails []int // tails[l] = index of the smallest tail of a run of length l+1
	prev := make([]int, len(rows))
	for i, r := range rows {
		lo, hi := 0, len(tails)
		for lo < hi {
			m := (lo + hi) / 2
			if rows[tails[m]].entry < r.entry {
				lo = m + 1
			} else {
				hi = m
			}
		}
		prev[i] = -1
		if lo > 0 {
			prev[i] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			keep[i] = true
		}
	}
	return keep
}

// label is the text identifying entry i in a message: its first field,
// quoted, e.g. ` "invalid session"`.
func (g *group) label(i int) string {
	e := &g.entries[i]
	for c := range g.cols {
		if e.has[c] && e.want[c] != "" {
			return fmt.Sprintf(" %q", e.want[c])
		}
	}
	return ""
}

// suggest writes the row to add for entry i, with the table's columns: the
// code, known cells from the spec as Markdown, "…" for prose.
func (g *group) suggest(i int, head *east.TableHeader, src []byte, codeCol int) string {
	e := &g.entries[i]
	var b strings.Builder
	b.WriteString("|")
	col := 0
	for c := head.FirstChild(); c != nil; c = c.NextSibling() {
		cell := "…"
		if col == codeCol {
			cell = e.code
		} else if ci, ok := g.colKey[strings.ToLower(norm(c, src))]; ok && e.has[ci] {
			cell = escapePipes(collapse([]byte(e.raw[ci])))
		}
		b.WriteString(" " + cell + " |")
		col++
	}
	return b.String()
}

// cellsOf returns the cells of a row.
func cellsOf(r ast.Node) []ast.Node {
	var cells []ast.Node
	for c := r.FirstChild(); c != nil; c = c.NextSibling() {
		cells = append(cells, c)
	}
	return cells
}

// cellPos returns the offset where a cell's content starts, or, for a cell
// the row lacks, where its row starts.
func (k *run) cellPos(n ast.Node) int {
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
	}
	return -1
}

// tablePos is where a table starts: its header row. (Table.Pos is the
// start of the paragraph the table was cut from, which may be text above.)
func (k *run) tablePos(t *east.Table) int {
	if h := t.FirstChild(); h != nil && h.Pos() >= 0 {
		return h.Pos()
	}
	return t.Pos()
}

// line returns the line a node starts on.
func (k *run) line(n ast.Node) int {
	return k.lines.Pos(max(n.Pos(), 0)).Line
}

// addClass adds class to the class attribute of n.
func addClass(n ast.Node, class string) {
	if v, ok := n.AttributeString("class"); ok {
		var old string
		switch v := v.(type) {
		case []byte:
			old = string(v)
		case string:
			old = v
		}
		for _, c := range strings.Fields(old) {
			if c == class {
				return
			}
		}
		if old != "" {
			class = old + " " + class
		}
	}
	n.SetAttributeString("class", []byte(class))
}
