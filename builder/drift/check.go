package drift

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/kettu/kettudocs/builder/diag"
)

// Checker checks documents against a Registry. It is immutable once built,
// so one Checker can check many documents concurrently.
type Checker struct {
	groups  []*group
	byName  map[string]*group
	phrases []phrase // longest first
	// stringPhrases says some group of string codes has mention phrases.
	stringPhrases bool
	keys          map[string]*group // JSON key → group
	pkgs          map[string]*goPackage
}

// group is a validated Group with its texts normalized.
type group struct {
	name, title, anchor string
	noun                string         // names one code in messages: the first mention
	cols                []string       // Columns as spelled
	colKey              map[string]int // lowered column → index in cols
	entries             []entry
	byCode              map[string]int
	strings             bool     // codes are strings (Group.Strings)
	codeHeader          string   // lowered Group.CodeHeader, or ""
	codeHeaderName      string   // Group.CodeHeader as spelled
	codeWith            int      // index in cols of Group.CodeWith, or -1
	colGroup            []string // by column: Group.ColumnGroups
}

// entry is an Entry with its fields indexed by column.
type entry struct {
	code string
	omit bool
	has  []bool   // whether the spec gives the column a text
	raw  []string // the spec's Markdown, for suggested rows
	want []string // the normalized text a cell must have
}

// New validates reg and prepares a Checker for it. All problems with reg
// are reported at once, joined.
func New(reg Registry) (*Checker, error) {
	c := &Checker{byName: map[string]*group{}, keys: map[string]*group{}, pkgs: map[string]*goPackage{}}
	var errs []error
	p := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()
	phraseOf := map[string]string{} // phrase → group name
	keyOf := map[string]string{}
	anchorOf := map[string]string{}
	for gi, rg := range reg.Groups {
		label := fmt.Sprintf("group %d", gi+1)
		if rg.Name != "" {
			label = fmt.Sprintf("group %q", rg.Name)
		}
		fail := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("drift: %s: %s", label, fmt.Sprintf(format, args...)))
		}
		g := &group{
			name:           rg.Name,
			title:          rg.Title,
			anchor:         rg.Anchor,
			noun:           "code",
			colKey:         map[string]int{},
			byCode:         map[string]int{},
			strings:        rg.Strings,
			codeHeader:     strings.ToLower(collapse([]byte(rg.CodeHeader))),
			codeHeaderName: collapse([]byte(rg.CodeHeader)),
			codeWith:       -1,
		}
		switch {
		case rg.Name == "":
			fail("empty name")
		case !validName(rg.Name):
			fail("name must be letters, digits, '.', '_' and '-', starting with a letter or digit")
		case c.byName[rg.Name] != nil:
			fail("duplicate group name")
		default:
			c.byName[rg.Name] = g
		}
		switch {
		case rg.Anchor == "":
			fail("empty anchor")
		case strings.ContainsFunc(rg.Anchor, func(r rune) bool { return r <= ' ' || r == '"' }):
			fail("anchor %q has white space or quotes", rg.Anchor)
		case anchorOf[rg.Anchor] != "":
			fail("anchor %q is also the anchor of group %q: row ids would clash", rg.Anchor, anchorOf[rg.Anchor])
		default:
			anchorOf[rg.Anchor] = rg.Name
		}
		for _, col := range rg.Columns {
			name := collapse([]byte(col))
			key := strings.ToLower(name)
			switch _, dup := g.colKey[key]; {
			case name == "":
				fail("empty column name")
			case key == "code" && g.codeHeader == "":
				fail("column %q: the code column is implied, do not list it", col)
			case key == g.codeHeader:
				fail("column %q is the code column (CodeHeader), do not list it", col)
			case dup:
				fail("duplicate column %q", col)
			default:
				g.colKey[key] = len(g.cols)
				g.cols = append(g.cols, name)
			}
		}
		g.colGroup = make([]string, len(g.cols))
		if rg.CodeWith != "" {
			if ci, ok := g.colKey[strings.ToLower(collapse([]byte(rg.CodeWith)))]; ok {
				g.codeWith = ci
			} else {
				fail("CodeWith %q is not one of the columns %q", rg.CodeWith, g.cols)
			}
		}
		for col, other := range rg.ColumnGroups {
			if ci, ok := g.colKey[strings.ToLower(collapse([]byte(col)))]; ok {
				g.colGroup[ci] = other
			} else {
				fail("ColumnGroups: %q is not one of the columns %q", col, g.cols)
			}
		}
		for mi, m := range rg.Mentions {
			words := strings.Fields(strings.ToLower(m))
			key := strings.Join(words, " ")
			switch {
			case key == "":
				fail("empty mention phrase")
				continue
			case hasKey(phraseOf, key):
				fail("mention %q is also a mention of group %q", m, phraseOf[key])
				continue
			}
			phraseOf[key] = rg.Name
			ph := phrase{size: len(key), g: g}
			for _, w := range words {
				ph.words = append(ph.words, []byte(w))
			}
			c.phrases = append(c.phrases, ph)
			c.stringPhrases = c.stringPhrases || g.strings
			if mi == 0 {
				g.noun = strings.Join(strings.Fields(m), " ")
			}
		}
		for _, k := range rg.JSONKeys {
			switch {
			case k == "":
				fail("empty JSON key")
			case hasKey(keyOf, k):
				fail("JSON key %q is also a key of group %q", k, keyOf[k])
			default:
				keyOf[k] = rg.Name
				c.keys[k] = g
			}
		}
		for ei, re := range rg.Entries {
			e := entry{
				code: re.Code,
				omit: re.Omit,
				has:  make([]bool, len(g.cols)),
				raw:  make([]string, len(g.cols)),
				want: make([]string, len(g.cols)),
			}
			switch _, dup := g.byCode[re.Code]; {
			case g.strings && !stringCodeRE.MatchString(re.Code):
				fail("entry %d: bad code %q: want letters, digits and _ . : / -", ei+1, re.Code)
			case !g.strings && !specCode(re.Code):
				fail("entry %d: bad code %q: want a decimal code like 4004 or a range like 5xx or 4000-4999", ei+1, re.Code)
			case dup:
				fail("duplicate code %q", re.Code)
			default:
				g.byCode[re.Code] = len(g.entries)
			}
			// Sorted, so errors come out in a stable order.
			names := make([]string, 0, len(re.Fields))
			for name := range re.Fields {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				ci, ok := g.colKey[strings.ToLower(collapse([]byte(name)))]
				switch {
				case !ok:
					fail("code %q: field %q is not one of the columns %q", re.Code, name, g.cols)
				case e.has[ci]:
					fail("code %q: field %q given twice", re.Code, g.cols[ci])
				default:
					e.has[ci] = true
					e.raw[ci] = re.Fields[name]
					e.want[ci] = specText(p, re.Fields[name])
				}
			}
			g.entries = append(g.entries, e)
		}
		c.groups = append(c.groups, g)
	}
	for _, g := range c.groups {
		for ci, other := range g.colGroup {
			if other != "" && c.byName[other] == nil {
				errs = append(errs, fmt.Errorf("drift: group %q: column %q refers to the unknown group %q", g.name, g.cols[ci], other))
			}
		}
	}
	errs = append(errs, c.addPackages(reg.Packages)...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.SliceStable(c.phrases, func(i, j int) bool { return c.phrases[i].size > c.phrases[j].size })
	return c, nil
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// names lists the group names for hints.
func (c *Checker) names() string {
	if len(c.groups) == 0 {
		return "(the registry has no groups)"
	}
	var s []string
	for _, g := range c.groups {
		if g.title != "" {
			s = append(s, g.name+" ("+g.title+")")
		} else {
			s = append(s, g.name)
		}
	}
	return strings.Join(s, ", ")
}

// run is the state of one Check.
type run struct {
	c        *Checker
	src      []byte
	lines    *diag.Lines
	out      diag.List
	listings []listing // the page's code tables, bound or guessed
}

func (k *run) report(off int, msg, hint string) {
	pos := diag.Position{File: k.lines.File()}
	if off >= 0 {
		pos = k.lines.Pos(off)
	}
	k.out = append(k.out, diag.Problem{Pos: pos, Msg: msg, Hint: hint})
}

// Check checks doc, parsed from src, and returns its problems sorted by
// position. lines indexes src; if nil, positions have no file name.
//
// Check only reads doc, except that it marks bound tables for rendering: the
// Table gets class="code-table" and each row listing a code gets
// id="ANCHOR-CODE", e.g. id="close-4004", so docs can link to a code.
func (c *Checker) Check(doc ast.Node, src []byte, lines *diag.Lines) diag.List {
	if lines == nil {
		lines = diag.NewLines("", src)
	}
	k := &run{c: c, src: src, lines: lines}
	bound := map[*east.Table]*group{}
	claimed := map[*east.Table]bool{}
	var tables []*east.Table
	var prose []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			k.marker(n, bound, claimed)
		case *east.Table:
			tables = append(tables, n)
		case *ast.FencedCodeBlock:
			k.json(n)
			k.goExample(n)
		default:
			if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
				prose = append(prose, n)
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	// Mentions are checked once every table is known, against the spec
	// and against the page's own tables.
	k.tableListings(tables, bound)
	for _, n := range prose {
		k.mentions(n)
		k.spanMentions(n)
	}
	for _, t := range tables {
		if g := bound[t]; g != nil {
			k.table(t, g)
			continue
		}
		if claimed[t] {
			continue
		}
		if h := t.FirstChild(); h != nil && h.FirstChild() != nil && strings.EqualFold(norm(h.FirstChild(), src), "code") {
			hint := "add <!-- codes: NAME --> above it, NAME one of: " + c.names()
			if g := c.guess(t, rowCodes(t, 0, src, nil), src); g != nil {
				hint = fmt.Sprintf("add <!-- codes: %s --> above it: its codes are %s", g.name, g.title)
			}
			k.report(k.tablePos(t), "code table is not bound to a group", hint)
		}
	}
	k.out.Sort()
	return k.out
}
