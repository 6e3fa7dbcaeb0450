package drift

import (
	"fmt"
	"strings"

	east "github.com/yuin/goldmark/extension/ast"
)

// listing is the codes one table of a page lists, for the page-level
// check that prose names no code the page's own table of that group lacks.
type listing struct {
	g     *group
	line  int
	codes []string // canonical codes of the rows
	bound bool
}

// codeColumn returns the index of t's code column, or -1: the one headed
// "code", or, for a table bound to g, g's code header.
func codeColumn(t *east.Table, src []byte, g *group) int {
	head, _ := t.FirstChild().(*east.TableHeader)
	if head == nil {
		return -1
	}
	for i, c := range cellsOf(head) {
		key := strings.ToLower(norm(c, src))
		if g != nil && g.isCodeHeader(key) || g == nil && key == "code" {
			return i
		}
	}
	return -1
}

// rowCodes returns the well-formed codes in t's code column, read as codes
// of g, or as numbers when g is nil.
func rowCodes(t *east.Table, col int, src []byte, g *group) []string {
	var codes []string
	for n := t.FirstChild(); n != nil; n = n.NextSibling() {
		r, ok := n.(*east.TableRow)
		if !ok {
			continue
		}
		if cells := cellsOf(r); col < len(cells) {
			cell := norm(cells[col], src)
			code, ok := numCode(cell)
			if g != nil {
				code, _, ok = g.split(cell)
			}
			if ok {
				codes = append(codes, code)
			}
		}
	}
	return codes
}

// guess returns the group an unbound code table most likely shows: the one
// holding most of its codes, then sharing most of its column headers. It
// returns nil when no group holds any of its codes. The guess only names
// the marker to add and lets prose be checked against the table; the rows
// themselves are checked once the table is bound.
func (c *Checker) guess(t *east.Table, codes []string, src []byte) *group {
	var headers []string
	if head, _ := t.FirstChild().(*east.TableHeader); head != nil {
		for _, cell := range cellsOf(head) {
			headers = append(headers, strings.ToLower(norm(cell, src)))
		}
	}
	var best *group
	bestCodes, bestCols := 0, 0
	for _, g := range c.groups {
		n := 0
		for _, code := range codes {
			if _, ok := g.byCode[code]; ok {
				n++
			}
		}
		cols := 0
		for _, h := range headers {
			if _, ok := g.colKey[h]; ok {
				cols++
			}
		}
		cols -= len(g.cols) - cols // a group's columns the table lacks count against it
		if n > 0 && (n > bestCodes || n == bestCodes && cols > bestCols) {
			best, bestCodes, bestCols = g, n, cols
		}
	}
	return best
}

// crossCheck reports a mention of an existing code of g on a page whose own
// table of g does not list it: the seed page's "opcode 6 & 7" above an
// opcode table without rows 6 and 7. Omitted entries may be mentioned.
func (k *run) crossCheck(g *group, code string, off int) {
	for _, l := range k.listings {
		if l.g != g {
			continue
		}
		for _, listed := range l.codes {
			if overlap(code, listed) {
				return
			}
		}
	}
	for _, l := range k.listings {
		if l.g != g {
			continue
		}
		for _, e := range g.entries {
			if e.omit && overlap(code, e.code) {
				return
			}
		}
		k.report(off,
			fmt.Sprintf("%s %s is mentioned, but the %s table at line %d does not list it", g.noun, code, g.title, l.line),
			fmt.Sprintf("add the row for %s to that table (the spec has it), or fix the mention", code))
		return
	}
}

// tableListings collects what each code table of the document lists.
func (k *run) tableListings(tables []*east.Table, bound map[*east.Table]*group) {
	for _, t := range tables {
		g, isBound := bound[t], true
		col := codeColumn(t, k.src, g)
		if col < 0 {
			continue
		}
		codes := rowCodes(t, col, k.src, g)
		if g == nil {
			g, isBound = k.c.guess(t, codes, k.src), false
		}
		if g != nil {
			k.listings = append(k.listings, listing{g: g, line: k.line(t), codes: codes, bound: isBound})
		}
	}
}
