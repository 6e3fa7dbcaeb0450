package codespec

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestExtractShapes: tables shaped as real reference pages write them are
// extracted, and the marked page passes the check against the spec.
func TestExtractShapes(t *testing.T) {
	tests := []struct {
		name, page string
		spec       []string // in the spec
	}{
		{
			name: "names in the code cell, a range holding codes of its own",
			page: "# HTTP\n\n| Code | Meaning |\n|---|---|\n| 200 (OK) | worked |\n| `404` Not Found | gone |\n| 5xx | our fault |\n| 502: Bad Gateway | a proxy's |\n",
			spec: []string{"code: range", "code_with: name", "      - code: 502\n        name: Bad Gateway\n"},
		},
		{
			name: "string codes beside their HTTP status",
			page: "# Errors\n\n| Error code | HTTP status | Description |\n|---|---|---|\n| `FAILED_VALIDATION` | 400 | Bad input. |\n| `card_declined` | 402 | Declined. |\n",
			spec: []string{"code: string", "code_header: Error code", "      - code: card_declined\n        HTTP status: \"402\""},
		},
		{
			name: "gRPC: the code column is Number, the Code column holds names",
			page: "# Status codes\n\n| Code | Number | Description |\n|---|---|---|\n| OK | 0 | Not an error. |\n| CANCELLED | 1 | Cancelled. |\n",
			spec: []string{"code_header: Number", "      - name: Code\n", "      - code: 1\n        Code: CANCELLED"},
		},
		{
			name: "explicit ranges and JSON-RPC's negative codes",
			page: "# RPC\n\n| Code | Message |\n|---|---|\n| -32700 | Parse error |\n| -32600 | Invalid Request |\n| 4000 – 4999 | Application |\n| 4004 | Auth |\n",
			spec: []string{"code: range", "      - code: -32700\n", "      - code: 4000-4999\n"},
		},
		{
			name: "string codes without backticks that look like codes",
			page: "# Matrix\n\n| Error | Meaning |\n|---|---|\n| M_FORBIDDEN | Forbidden. |\n| M_LIMIT_EXCEEDED | Too many requests. |\n",
			spec: []string{"code: string", "code_header: Error", "      - code: M_FORBIDDEN"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Extract("page.md", []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if len(x.Skipped) > 0 {
				t.Errorf("skipped: %v", x.Skipped)
			}
			for _, want := range tt.spec {
				if !strings.Contains(string(x.Spec), want) {
					t.Errorf("no %q in the spec:\n%s", want, x.Spec)
				}
			}
			if got := checkPage(t, x.Spec, x.Page); len(got) > 0 {
				t.Errorf("the marked page has problems:\n%v\nspec:\n%s", got, x.Spec)
			}
		})
	}
}

// TestExtractSkips: a table that cannot be taken is named, and the others
// are extracted.
func TestExtractSkips(t *testing.T) {
	page := "# A\n\n| code | m |\n|---|---|\n| 1 | one |\n| 1 | two |\n\n# B\n\n| code | m |\n|---|---|\n| 2 | two |\n\n# C\n\n| code | m |\n|---|---|\n| two | 2 |\n"
	x, err := Extract("page.md", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if x.Groups != 1 || !strings.Contains(string(x.Spec), "  - name: b\n") {
		t.Errorf("%d groups:\n%s", x.Groups, x.Spec)
	}
	want := []string{
		`page.md:6:3: warning: the table under "A" is not extracted: code 1 is listed twice (first at line 5)`,
		`page.md:18:3: warning: the table under "C" is not extracted: "two" is not a code`,
	}
	if len(x.Skipped) != len(want) {
		t.Fatalf("skipped %v, want %d", x.Skipped, len(want))
	}
	for i, w := range want {
		if got := x.Skipped[i].String(); !strings.HasPrefix(got, w) {
			t.Errorf("skipped %q, want %q", got, w)
		}
	}
}

// FuzzExtractShapes builds pages of random tables in the shapes real
// reference pages use (see randomTable), and requires that extract takes
// every table, that the marked page passes the check against the spec it
// made, and that one changed cell is then reported on its line, within
// its cell.
func FuzzExtractShapes(f *testing.F) {
	for seed := range uint64(40) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		r := rand.New(rand.NewPCG(seed, seed>>7))
		var page strings.Builder
		var tables []*table
		for i := range 1 + r.IntN(3) {
			fmt.Fprintf(&page, "## Table %d\n\n", i+1)
			tb := randomTable(r)
			tables = append(tables, tb)
			tb.write(&page)
			page.WriteString("\n")
		}
		x, err := Extract("page.md", []byte(page.String()))
		if err != nil {
			t.Fatalf("extract: %v\npage:\n%s", err, page.String())
		}
		if len(x.Skipped) > 0 || x.Groups != len(tables) {
			t.Fatalf("took %d of %d tables; skipped %v\npage:\n%s", x.Groups, len(tables), x.Skipped, page.String())
		}
		if got := checkPage(t, x.Spec, x.Page); len(got) > 0 {
			t.Fatalf("the marked page has problems:\n%v\npage:\n%s\nspec:\n%s", got, x.Page, x.Spec)
		}

		// One cell changed: a text cell, or the name beside a code.
		tb := tables[r.IntN(len(tables))]
		row := r.IntN(len(tb.rows))
		cell, from, to := tb.mutate(r, row)
		marked := string(x.Page)
		line := tb.line(marked, row)
		lines := strings.Split(marked, "\n")
		old := lines[line-1]
		cells := strings.Split(old, "|")
		idx := strings.Index(cells[cell+1], from)
		if idx < 0 {
			t.Fatalf("no %q in cell %d of %q", from, cell, old)
		}
		cells[cell+1] = cells[cell+1][:idx] + to + cells[cell+1][idx+len(from):]
		lines[line-1] = strings.Join(cells, "|")
		got := checkPage(t, x.Spec, []byte(strings.Join(lines, "\n")))
		lo := len(strings.Join(cells[:cell+1], "|")) + 1
		hi := lo + len(cells[cell+1])
		found := false
		for _, p := range got {
			if p.Pos.Line == line && p.Pos.Col > lo && p.Pos.Col <= hi+1 {
				found = true
			}
		}
		if !found {
			t.Fatalf("changing %q to %q in cell %d of line %d (%q) is not reported in that cell; got:\n%v\nspec:\n%s", from, to, cell, line, lines[line-1], got, x.Spec)
		}
	})
}

// A table is a random code table: its code column, where it is, how its
// code cells are written, and its rows.
type table struct {
	headers []string
	codeCol int
	form    int // how code cells are written: see codeCell
	strings bool
	rows    []tableRow
}

type tableRow struct {
	code  string
	name  string // beside the code, when the form has one
	cells []string
}

var (
	words           = []string{"unknown", "error", "invalid", "request", "card", "declined", "session", "timed", "out", "rate", "limited", "forbidden", "missing", "token", "gateway"}
	testCodeHeaders = []string{"Code", "Status", "Error code", "HTTP status", "Number"}
	textHeaders     = []string{"Description", "Meaning", "Name", "Action", "Notes", "Reason"}
)

func phrase(r *rand.Rand) string {
	n := 1 + r.IntN(3)
	var w []string
	for range n {
		w = append(w, words[r.IntN(len(words))])
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func randomTable(r *rand.Rand) *table {
	tb := &table{strings: r.IntN(3) == 0, form: r.IntN(6)}
	ncols := 1 + r.IntN(3)
	tb.codeCol = r.IntN(ncols + 1)
	perm := r.Perm(len(textHeaders))
	for i := range ncols + 1 {
		if i == tb.codeCol {
			tb.headers = append(tb.headers, testCodeHeaders[r.IntN(len(testCodeHeaders))])
			continue
		}
		tb.headers = append(tb.headers, textHeaders[perm[len(tb.headers)-boolInt(i > tb.codeCol)]])
	}
	seen := map[string]bool{}
	var rangeLo int
	for i := range 2 + r.IntN(6) {
		var code string
		switch {
		case tb.strings:
			w := []string{words[r.IntN(len(words))], words[r.IntN(len(words))]}
			code = strings.Join(w, "_")
			if r.IntN(2) == 0 {
				code = strings.ToUpper(code)
			}
		case i == 0 && r.IntN(3) == 0:
			rangeLo = 1 + r.IntN(9)
			code = fmt.Sprintf("%dxx", rangeLo)
		case rangeLo > 0 && r.IntN(2) == 0:
			code = fmt.Sprintf("%d%02d", rangeLo, r.IntN(100))
		default:
			code = fmt.Sprint(1000 + r.IntN(4000))
		}
		if seen[code] {
			continue
		}
		seen[code] = true
		row := tableRow{code: code, name: phrase(r)}
		for range ncols {
			row.cells = append(row.cells, phrase(r))
		}
		tb.rows = append(tb.rows, row)
	}
	return tb
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// codeCell writes a row's code cell in the table's form.
func (tb *table) codeCell(row tableRow) string {
	c := row.code
	if tb.strings {
		c = "`" + c + "`"
	}
	switch tb.form {
	case 1:
		return c + " (" + row.name + ")"
	case 2:
		return "`" + strings.Trim(c, "`") + "` " + row.name
	case 3:
		return c + ": " + row.name
	case 4:
		return row.name + " (" + c + ")"
	}
	return c
}

func (tb *table) write(b *strings.Builder) {
	b.WriteString("| " + strings.Join(tb.headers, " | ") + " |\n|")
	b.WriteString(strings.Repeat(" --- |", len(tb.headers)) + "\n")
	for _, row := range tb.rows {
		b.WriteString("|")
		ti := 0
		for i := range tb.headers {
			if i == tb.codeCol {
				b.WriteString(" " + tb.codeCell(row) + " |")
				continue
			}
			b.WriteString(" " + row.cells[ti] + " |")
			ti++
		}
		b.WriteString("\n")
	}
}

// line returns the line of the table's row in the page.
func (tb *table) line(page string, row int) int {
	want := "| "
	ti := 0
	for i := range tb.headers {
		if i == tb.codeCol {
			want += tb.codeCell(tb.rows[row]) + " |"
		} else {
			want += tb.rows[row].cells[ti] + " |"
			ti++
		}
		if i < len(tb.headers)-1 {
			want += " "
		}
	}
	i := strings.Index(page, want+"\n")
	return strings.Count(page[:i], "\n") + 1
}

// mutate picks a cell of row to change: it returns the cell's index in
// the row and the text to replace in it.
func (tb *table) mutate(r *rand.Rand, row int) (cell int, from, to string) {
	named := tb.form >= 1 && tb.form <= 4 // see codeCell
	if named && r.IntN(2) == 0 {
		return tb.codeCol, tb.rows[row].name, tb.rows[row].name + " changed"
	}
	if len(tb.headers) == 1 {
		if !named {
			return tb.codeCol, tb.rows[row].code, tb.rows[row].code + "9"
		}
		return tb.codeCol, tb.rows[row].name, tb.rows[row].name + " changed"
	}
	cells := []int{}
	for i := range tb.headers {
		if i != tb.codeCol {
			cells = append(cells, i)
		}
	}
	cell = cells[r.IntN(len(cells))]
	ti := cell - boolInt(cell > tb.codeCol)
	return cell, tb.rows[row].cells[ti], tb.rows[row].cells[ti] + " changed"
}
