// Package codespec reads an API's codes spec: the one file that lists every
// group of codes an API has (gateway opcodes, close codes, HTTP statuses,
// error codes, …), what each code means, and how the docs' tables show it.
//
// One parser serves both sides, so they cannot disagree: the generator
// turns a spec into a Go package (Generate), and kettudocs reads the same
// spec at every build to check the docs against it (Registry), so an
// installed kettudocs checks any site against that site's spec, and no
// binary holds codes that could go stale. Load does what a build needs:
// it parses the spec and verifies that the Go file generated from it is
// up to date.
//
// A spec is YAML:
//
//	package: codes          # the generated Go package; omit for docs-only specs
//	output: zz_codes.go     # the generated file, relative to the spec
//	groups:
//	  - name: close-codes   # what a table's marker names: <!-- codes: close-codes -->
//	    title: gateway close codes
//	    type: CloseCode     # the Go type of its codes
//	    doc: A CloseCode is the status with which a gateway connection closed.
//	    code: int           # or range: codes may also be written 5xx or 4000-4999;
//	                        # or string: codes such as FAILED_VALIDATION
//	    code_header: Status # the header of the tables' code column (default: code)
//	    code_with: name     # the column whose text code cells hold beside the code,
//	                        # as in "200 (OK)" or "4004: Authentication failed"
//	    pattern: ^4[0-9]{3}$  # optional: the codes' form, a regular expression
//	    anchor: close       # row ids: close-4004 (default: the name)
//	    mentions: [close code, close codes]   # phrases that mention a code in prose
//	    json_keys: [code]   # keys of JSON examples whose values are these codes
//	    const_prefix: Close # of the Go constants' names
//	    const_from: description   # column the names derive from (default: the first)
//	    string: description # column String() returns (default: const_from)
//	    columns:            # besides code, in table order
//	      - name: description
//	      - name: action
//	        enum:           # a typed Go enum with String()
//	          type: Action
//	          values:
//	            - {name: resume, const: ActionResume, doc: reconnect and resume}
//	            - {name: abort, const: ActionAbort}
//	      - name: meaning
//	        method: Meaning # an accessor method on the code type
//	      - name: notes
//	        free: true      # the docs' cells are prose: never checked
//	      - name: status
//	        group: http     # the cells are codes of the group http
//	    entries:
//	      - code: 4004
//	        description: authentication failed
//	        action: abort
//	        meaning: the token is invalid, probably
//	        const: CloseAuthFailed   # optional: the constant's name
//	        omit: internal           # optional: the docs leave it out of tables
//
// Two groups may share code numbers: a table's marker says which group it
// shows, and each group has its own Go type. A code may lie inside a range
// of its group (502 inside 5xx): the most specific entry wins. Ranges may
// not overlap.
package codespec

import (
	"bytes"
	"fmt"
	"go/token"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/kettu/kettudocs/builder/diag"
)

// A Spec is a parsed and checked codes spec.
type Spec struct {
	File    string // the file name as given, for messages
	Package string // the Go package generated from it; "" for none
	Output  string // the generated Go file, relative to the spec's folder; "" for none
	Groups  []*Group
}

// A Group is one set of codes, shown by the tables bound to it.
type Group struct {
	Line        int
	Name        string // marker name
	Title       string // in messages and docs: "gateway close codes"
	Type        string // Go type of the codes
	Doc         string // doc comment of Type
	Ranges      bool   // codes may be ranges like 5xx or 4000-4999
	Strings     bool   // codes are strings such as FAILED_VALIDATION (code: string)
	CodeHeader  string // the header of the tables' code column when not "code"
	CodeWith    string // the column whose text code cells hold beside the code: 200 (OK)
	Pattern     string // regular expression exact codes must match, or ""
	Anchor      string // prefix of row ids
	Mentions    []string
	JSONKeys    []string
	ConstPrefix string
	ConstFrom   string // column the constant names derive from
	String      string // column String() returns
	Columns     []*Column
	Entries     []*Entry

	pattern *regexp.Regexp
}

// A Column is one column of the group's tables besides code.
type Column struct {
	Name   string // as the table header spells it, and the key in entries
	Free   bool   // the docs' cells are prose, never checked; entries have no value
	Method string // name of the generated accessor method, or ""
	Enum   *Enum  // the values the column may have, as a Go enum, or nil
	Group  string // the group whose codes the column's cells are, or ""
	field  string // Go field name in the entry struct
}

// An Enum is a column whose values are a fixed set, generated as a Go type
// with one constant per value, numbered from 1 so the zero value is none.
type Enum struct {
	Type   string
	Doc    string
	Values []EnumValue
}

// An EnumValue is one value of an Enum.
type EnumValue struct {
	Name  string // as written in the spec and the docs
	Const string // Go constant
	Doc   string // line comment of the constant
}

// An Entry is one code of a group.
type Entry struct {
	Line   int
	Code   string            // as written: "4004", "5xx", "4000-4999" or, in a group of strings, "FAILED_VALIDATION"
	Lo, Hi int               // codes covered; Lo == Hi unless a range; 0 for strings
	Fields map[string]string // column name → text, as the docs' cells read (Markdown)
	Const  string            // Go constant name; "" for a range or a spec without package
	Omit   string            // why the docs leave it out of tables, or ""
}

// IsRange reports whether e is a range such as 5xx or 4000-4999.
func (e *Entry) IsRange() bool { return e.Lo != e.Hi }

// Parse parses and checks the spec in data. name is the file as messages
// name it. Every problem is reported at once, as a diag.List.
func Parse(name string, data []byte) (*Spec, error) {
	p := &parser{file: name}
	s := p.parse(data)
	if len(p.errs) > 0 {
		p.errs.Sort()
		return nil, p.errs
	}
	return s, nil
}

type parser struct {
	file string
	errs diag.List
}

func (p *parser) errorf(line int, hint, format string, args ...any) {
	p.errs = append(p.errs, diag.Problem{
		Pos:  diag.Position{File: p.file, Line: line},
		Msg:  fmt.Sprintf(format, args...),
		Hint: hint,
	})
}

// yamlLineRE matches the syntax errors of the yaml package.
var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

const yamlHint = "the spec is YAML; see the format in the README"

func (p *parser) yamlError(err error) {
	msg := strings.ReplaceAll(err.Error(), "\n", " ") // one line per problem
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p.errorf(line, yamlHint, "%s", m[2])
		return
	}
	p.errorf(0, yamlHint, "%s", strings.TrimPrefix(msg, "yaml: "))
}

func (p *parser) parse(data []byte) *Spec {
	s := &Spec{File: p.file}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			p.errorf(1, "start with groups:, a list of groups", "empty spec")
		} else {
			p.yamlError(err)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errorf(extra.Line, "remove the second document", "more than one YAML document")
	} else if err != io.EOF {
		p.yamlError(err)
	}
	if len(doc.Content) == 0 {
		p.errorf(1, "start with groups:, a list of groups", "empty spec")
		return nil
	}
	top := p.mapping(doc.Content[0], "spec", true, "package", "output", "groups")
	if top == nil {
		return nil
	}
	if n := top["package"]; n != nil {
		s.Package = p.text("package", n)
		if s.Package != "" && !token.IsIdentifier(s.Package) {
			p.errorf(n.Line, "a package name is a Go identifier such as codes", "package %q is not a Go identifier", s.Package)
		}
	}
	if n := top["output"]; n != nil {
		s.Output = p.text("output", n)
		if s.Output != "" && !strings.HasSuffix(s.Output, ".go") {
			p.errorf(n.Line, "name the Go file to write, e.g. zz_codes.go", "output %q is not a .go file", s.Output)
		}
		if s.Output != "" && s.Package == "" {
			p.errorf(n.Line, "add package: with the Go package name", "output without package")
		}
	}
	gn := top["groups"]
	if gn == nil {
		p.errorf(doc.Content[0].Line, "list the groups under groups:", "spec has no groups")
		return s
	}
	if p.alias(gn) {
		return s
	}
	if gn.Kind != yaml.SequenceNode {
		p.errorf(gn.Line, "write groups: as a list, each item starting with - name:", "groups must be a list")
		return s
	}
	for _, n := range gn.Content {
		if g := p.group(s, n); g != nil {
			s.Groups = append(s.Groups, g)
		}
	}
	p.crossGroup(s)
	p.names(s)
	return s
}

// mapping returns the keys of a mapping node; a key not in known is a
// problem, with the nearest known key as the likely fix.
func (p *parser) mapping(n *yaml.Node, what string, strict bool, known ...string) map[string]*yaml.Node {
	if p.alias(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n.Line, "write it as key: value lines", "%s must be a mapping", what)
		return nil
	}
	out := map[string]*yaml.Node{}
	lines := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k.Line, "", "key in %s must be a string", what)
			continue
		}
		if strict && !slices.Contains(known, k.Value) {
			p.errorf(k.Line, Suggest(k.Value, known, "the keys are "+andList(known)), "unknown key %q in %s", k.Value, what)
			continue
		}
		if first, dup := lines[k.Value]; dup {
			p.errorf(k.Line, "remove one of the two", "duplicate key %q (first at line %d)", k.Value, first)
			continue
		}
		lines[k.Value] = k.Line
		out[k.Value] = v
	}
	return out
}

// Suggest returns "did you mean X? otherwise" for the known word X
// nearest to word, if it is near enough to be a typo of it, else otherwise.
func Suggest(word string, known []string, otherwise string) string {
	if near := diag.Nearest(word, known); near != "" {
		return fmt.Sprintf("did you mean %s? %s", near, otherwise)
	}
	return otherwise
}

var groupKeys = []string{
	"name", "title", "type", "doc", "code", "pattern", "anchor", "mentions", "json_keys",
	"const_prefix", "const_from", "string", "code_header", "code_with", "columns", "entries",
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func (p *parser) group(s *Spec, n *yaml.Node) *Group {
	m := p.mapping(n, "group", true, groupKeys...)
	if m == nil {
		return nil
	}
	g := &Group{Line: n.Line}
	str := func(key string) string {
		if v := m[key]; v != nil {
			return p.text(key, v)
		}
		return ""
	}
	g.Name = str("name")
	switch {
	case m["name"] == nil:
		p.errorf(n.Line, "add name: the name table markers use, e.g. close-codes", "group has no name")
	case g.Name != "" && !nameRE.MatchString(g.Name):
		p.errorf(m["name"].Line, "use letters, digits, '.', '_' and '-'", "bad group name %q", g.Name)
	}
	g.Title = str("title")
	if m["title"] == nil {
		p.errorf(n.Line, "add title: what the group is called in prose, e.g. gateway close codes", "group %s has no title", g.Name)
	}
	g.Type = str("type")
	if g.Type != "" && !isExported(g.Type) {
		p.errorf(m["type"].Line, "a type name is an exported Go identifier such as CloseCode", "type %q is not an exported Go identifier", g.Type)
	}
	if s.Package != "" && m["type"] == nil {
		p.errorf(n.Line, "add type: the Go type of the group's codes, e.g. CloseCode", "group %s has no type (the spec has a package)", g.Name)
	}
	if v := m["doc"]; v != nil {
		g.Doc = p.doc(v)
	}
	switch form := str("code"); form {
	case "", "int":
	case "range":
		g.Ranges = true
	case "string":
		g.Strings = true
	default:
		p.errorf(m["code"].Line, "code: int for codes like 4004, code: range to allow ranges like 5xx or 4000-4999 too, code: string for codes like FAILED_VALIDATION", "bad code form %q", form)
	}
	g.CodeHeader = str("code_header")
	if g.Pattern = str("pattern"); g.Pattern != "" {
		re, err := regexp.Compile(g.Pattern)
		if err != nil {
			p.errorf(m["pattern"].Line, "write a Go regular expression such as ^4[0-9]{3}$", "bad pattern: %v", err)
			g.Pattern = ""
		}
		g.pattern = re
	}
	g.Anchor = str("anchor")
	if g.Anchor == "" {
		g.Anchor = g.Name
	}
	g.Mentions = p.list("mentions", m["mentions"])
	g.JSONKeys = p.list("json_keys", m["json_keys"])
	g.ConstPrefix = str("const_prefix")
	if g.ConstPrefix != "" && !isExported(g.ConstPrefix) {
		p.errorf(m["const_prefix"].Line, "start it with a capital letter, e.g. Close", "const_prefix %q does not start an exported Go identifier", g.ConstPrefix)
	}

	if cn := m["columns"]; cn != nil && !p.alias(cn) {
		if cn.Kind != yaml.SequenceNode {
			p.errorf(cn.Line, "write columns: as a list, each item starting with - name:", "columns must be a list")
		} else {
			for _, c := range cn.Content {
				if col := p.column(g, c); col != nil {
					g.Columns = append(g.Columns, col)
				}
			}
		}
	}
	var checked []string
	for _, c := range g.Columns {
		if !c.Free {
			checked = append(checked, c.Name)
		}
	}
	colRef := func(key string) string {
		v := str(key)
		if v == "" {
			return ""
		}
		i := slices.IndexFunc(g.Columns, func(c *Column) bool { return c.Name == v })
		if i < 0 || g.Columns[i].Free {
			p.errorf(m[key].Line, Suggest(v, checked, "name one of "+orList(checked)), "%s %q is not a column of group %s", key, v, g.Name)
			return ""
		}
		return v
	}
	g.ConstFrom = colRef("const_from")
	if g.ConstFrom == "" {
		for _, c := range g.Columns {
			if !c.Free && c.Enum == nil {
				g.ConstFrom = c.Name
				break
			}
		}
	}
	g.String = colRef("string")
	if g.String == "" && !g.Strings {
		// A string code is a name already: String returns it, unless
		// the spec says otherwise.
		g.String = g.ConstFrom
	}
	if m["const_from"] == nil && g.Strings {
		g.ConstFrom = "" // the constants' names derive from the codes
	}
	g.CodeWith = colRef("code_with")

	if en := m["entries"]; en == nil {
		p.errorf(n.Line, "list the codes under entries:", "group %s has no entries", g.Name)
	} else if !p.alias(en) {
		if en.Kind != yaml.SequenceNode {
			p.errorf(en.Line, "write entries: as a list, each item starting with - code:", "entries must be a list")
		} else {
			for _, item := range en.Content {
				if e := p.entry(g, item); e != nil {
					g.Entries = append(g.Entries, e)
				}
			}
			p.overlaps(g)
		}
	}
	return g
}

func (p *parser) column(g *Group, n *yaml.Node) *Column {
	m := p.mapping(n, "column", true, "name", "free", "method", "enum", "group")
	if m == nil {
		return nil
	}
	c := &Column{}
	if v := m["name"]; v != nil {
		c.Name = p.text("name", v)
	} else {
		p.errorf(n.Line, "add name: the column's header", "column has no name")
		return nil
	}
	key := strings.ToLower(c.Name)
	switch {
	case c.Name == "":
		return nil
	case strings.EqualFold(key, g.CodeHeader):
		p.errorf(n.Line, "the code column is implied: remove it", "column %q is the code column (code_header)", c.Name)
		return nil
	case key == "code" && g.CodeHeader == "":
		p.errorf(n.Line, "the code column is implied: remove it, or, if this column holds names beside a code column headed otherwise (| Code | Number |), set code_header: to that header", "column %q", c.Name)
		return nil
	case slices.Contains([]string{"const", "omit"}, key):
		p.errorf(n.Line, "rename the column", "column name %q is taken by the entries' %s:", c.Name, key)
		return nil
	}
	for _, o := range g.Columns {
		if strings.EqualFold(o.Name, c.Name) {
			p.errorf(n.Line, "remove one of the two", "duplicate column %q", c.Name)
			return nil
		}
	}
	if v := m["free"]; v != nil {
		switch p.text("free", v) {
		case "true":
			c.Free = true
		case "false":
		default:
			p.errorf(v.Line, "write free: true or leave it out", "free must be true or false")
		}
	}
	if v := m["method"]; v != nil {
		c.Method = p.text("method", v)
		if c.Method != "" && !isExported(c.Method) {
			p.errorf(v.Line, "a method name is an exported Go identifier such as Meaning", "method %q is not an exported Go identifier", c.Method)
		}
	}
	c.field = lowerFirst(constName("", c.Name))
	if c.field == "" || !token.IsIdentifier(c.field) {
		c.field = "col" + strconv.Itoa(len(g.Columns))
	}
	for _, o := range g.Columns {
		if o.field == c.field {
			c.field += strconv.Itoa(len(g.Columns))
		}
	}
	if v := m["enum"]; v != nil {
		c.Enum = p.enum(c, v)
	}
	if v := m["group"]; v != nil {
		c.Group = p.text("group", v)
		if c.Enum != nil {
			p.errorf(v.Line, "remove group or enum", "column %q has both an enum and a group", c.Name)
		}
	}
	if c.Free && (c.Enum != nil || c.Method != "") {
		p.errorf(n.Line, "a free column has no values in the spec: remove free, or enum and method", "free column %q has an enum or method", c.Name)
	}
	return c
}

func (p *parser) enum(c *Column, n *yaml.Node) *Enum {
	m := p.mapping(n, "enum", true, "type", "doc", "values")
	if m == nil {
		return nil
	}
	e := &Enum{}
	if v := m["type"]; v != nil {
		e.Type = p.text("type", v)
		if e.Type != "" && !isExported(e.Type) {
			p.errorf(v.Line, "a type name is an exported Go identifier such as Action", "enum type %q is not an exported Go identifier", e.Type)
		}
	} else {
		p.errorf(n.Line, "add type: the Go type of the values, e.g. Action", "enum of column %q has no type", c.Name)
	}
	if v := m["doc"]; v != nil {
		e.Doc = p.doc(v)
	}
	vn := m["values"]
	if vn == nil || p.alias(vn) || vn.Kind != yaml.SequenceNode || len(vn.Content) == 0 {
		line := n.Line
		if vn != nil {
			line = vn.Line
		}
		p.errorf(line, "list the values: - {name: resume, const: ActionResume}", "enum of column %q needs a list of values", c.Name)
		return e
	}
	for _, item := range vn.Content {
		vm := p.mapping(item, "enum value", true, "name", "const", "doc")
		if vm == nil {
			continue
		}
		var ev EnumValue
		if v := vm["name"]; v != nil {
			ev.Name = p.text("name", v)
		} else {
			p.errorf(item.Line, "add name: the value as the docs write it", "enum value has no name")
			continue
		}
		if v := vm["const"]; v != nil {
			ev.Const = p.text("const", v)
			if ev.Const != "" && !isExported(ev.Const) {
				p.errorf(v.Line, "a constant name is an exported Go identifier", "const %q is not an exported Go identifier", ev.Const)
			}
		} else {
			ev.Const = constName(e.Type, ev.Name)
		}
		if v := vm["doc"]; v != nil {
			ev.Doc = p.text("doc", v)
		}
		if slices.ContainsFunc(e.Values, func(o EnumValue) bool { return o.Name == ev.Name }) {
			p.errorf(item.Line, "remove one of the two", "duplicate value %q of column %q", ev.Name, c.Name)
			continue
		}
		e.Values = append(e.Values, ev)
	}
	return e
}

// list returns a list of one-line strings.
func (p *parser) list(key string, n *yaml.Node) []string {
	if n == nil || p.alias(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n.Line, "write it as [a, b]", "%s must be a list", key)
		return nil
	}
	var out []string
	for _, v := range n.Content {
		if t := p.text(key, v); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// entry parses one entry. It returns nil if the entry is too broken to
// check against the others.
func (p *parser) entry(g *Group, n *yaml.Node) *Entry {
	known := []string{"code"}
	for _, c := range g.Columns {
		if !c.Free {
			known = append(known, c.Name)
		}
	}
	known = append(known, "const", "omit")
	m := p.mapping(n, "entry", true, known...)
	if m == nil {
		return nil
	}
	e := &Entry{Line: n.Line, Fields: map[string]string{}}
	ok := true
	if v := m["code"]; v == nil {
		p.errorf(n.Line, "add code: the code's number", "entry has no code")
		ok = false
	} else if e.Code = p.text("code", v); e.Code == "" || !p.code(g, e, v) {
		ok = false
	}
	for _, c := range g.Columns {
		if c.Free {
			continue
		}
		v := m[c.Name]
		if v == nil && c.Name == g.CodeWith {
			continue // a code cell that holds the code alone
		}
		if v == nil {
			p.errorf(n.Line, fmt.Sprintf("add %s: with the text of its cell", c.Name), "%s entry %s has no %s", g.Name, e.Code, c.Name)
			continue
		}
		t := p.text(c.Name, v)
		if t == "" {
			continue
		}
		if c.Enum != nil && !slices.ContainsFunc(c.Enum.Values, func(ev EnumValue) bool { return ev.Name == t }) {
			var names []string
			for _, ev := range c.Enum.Values {
				names = append(names, ev.Name)
			}
			p.errorf(v.Line, Suggest(t, names, "the values are "+orList(names)), "unknown %s %q", c.Name, t)
		}
		e.Fields[c.Name] = t
	}
	if v := m["const"]; v != nil {
		e.Const = p.text("const", v)
		switch {
		case e.IsRange():
			p.errorf(v.Line, "remove const", "range %s gets no constant", e.Code)
			e.Const = ""
		case e.Const != "" && !isExported(e.Const):
			p.errorf(v.Line, "a constant name is an exported Go identifier", "const %q is not an exported Go identifier", e.Const)
		}
	}
	if v := m["omit"]; v != nil {
		e.Omit = p.text("omit", v)
	}
	if !ok {
		return nil
	}
	return e
}

// overlaps reports codes listed twice and ranges that overlap, on the
// later entry. A code inside a range is an entry of its own (502 inside
// 5xx), which the code's lookups find first.
func (p *parser) overlaps(g *Group) {
	const hint = "each code is listed once per group"
	for i, e := range g.Entries {
		for _, f := range g.Entries[:i] {
			if g.Strings {
				if e.Code == f.Code {
					p.errorf(e.Line, hint, "duplicate code %s in %s (first at line %d)", e.Code, g.Name, f.Line)
					break
				}
				continue
			}
			if e.Lo > f.Hi || f.Lo > e.Hi {
				continue
			}
			switch {
			case !e.IsRange() && !f.IsRange():
				p.errorf(e.Line, hint, "duplicate code %s in %s (first at line %d)", e.Code, g.Name, f.Line)
			case e.IsRange() && f.IsRange():
				p.errorf(e.Line, "ranges may not overlap: shrink one, or list the codes they share on their own", "range %s overlaps range %s at line %d", e.Code, f.Code, f.Line)
			default:
				continue // a code inside a range: the code wins
			}
			break
		}
	}
}

// Lookup returns the entry of g for the code as written in the docs or
// a JSON body: the exact code's entry, or the range's that covers it
// (the most specific wins: 502 is its own entry, 503 falls to 5xx).
func (g *Group) Lookup(code string) *Entry {
	if g.Strings {
		for _, e := range g.Entries {
			if e.Code == code {
				return e
			}
		}
		return nil
	}
	n, err := strconv.Atoi(code)
	if err != nil {
		return nil
	}
	var in *Entry
	for _, e := range g.Entries {
		switch {
		case !e.IsRange() && e.Lo == n:
			return e
		case e.IsRange() && e.Lo <= n && n <= e.Hi:
			in = e
		}
	}
	return in
}

// alias reports an alias: a spec meant to be read in one pass by people
// shouldn't make them chase anchors.
func (p *parser) alias(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		p.errorf(n.Line, "write the value out", "aliases are not supported")
		return true
	}
	return false
}

// text returns the value of a field, which must be one non-empty line;
// "" after reporting a problem.
func (p *parser) text(field string, v *yaml.Node) string {
	if p.alias(v) {
		return ""
	}
	switch {
	case v.Kind != yaml.ScalarNode:
		p.errorf(v.Line, "write one value", "%s must be a single value, not a list or mapping", field)
		return ""
	case v.Tag == "!!null" || strings.TrimSpace(v.Value) == "":
		p.errorf(v.Line, "write a value or remove the key", "empty %s", field)
		return ""
	case strings.ContainsAny(v.Value, "\r\n"):
		p.errorf(v.Line, "a table cell is one line", "%s must be one line", field)
		return ""
	case !utf8.ValidString(v.Value) || strings.ContainsFunc(v.Value, unicode.IsControl):
		// Tables and Go comments can't hold control characters.
		p.errorf(v.Line, "remove it", "%s contains a control character", field)
		return ""
	}
	return v.Value
}

// doc returns a doc comment's text, which may have several lines.
func (p *parser) doc(v *yaml.Node) string {
	if p.alias(v) {
		return ""
	}
	if v.Kind != yaml.ScalarNode || strings.ContainsFunc(v.Value, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }) || !utf8.ValidString(v.Value) {
		p.errorf(v.Line, "write the doc comment as text; use | for several lines", "doc must be text")
		return ""
	}
	return strings.TrimSpace(v.Value)
}

var (
	exactRE  = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)
	rangeRE  = regexp.MustCompile(`^[1-9][0-9]*x+$`)
	spanRE   = regexp.MustCompile(`^(0|[1-9][0-9]*)-(0|[1-9][0-9]*)$`)
	stringRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$`)
)

// code parses e.Code into e.Lo and e.Hi.
func (p *parser) code(g *Group, e *Entry, v *yaml.Node) bool {
	c := e.Code
	if g.Strings {
		if !stringRE.MatchString(c) {
			p.errorf(v.Line, "write the code as the API sends it: letters, digits and _ . : / -", "bad code %q", c)
			return false
		}
		if g.pattern != nil && !g.pattern.MatchString(c) {
			p.errorf(v.Line, "the group's pattern says what its codes look like: fix the code or the pattern", "code %s does not match the pattern %s of %s", c, g.Pattern, g.Name)
		}
		return true
	}
	if m := spanRE.FindStringSubmatch(c); m != nil {
		if !g.Ranges {
			p.errorf(v.Line, "add code: range to the group to allow ranges", "bad code %s: %s has no ranges", c, g.Name)
			return false
		}
		lo, err1 := strconv.ParseInt(m[1], 10, 32)
		hi, err2 := strconv.ParseInt(m[2], 10, 32)
		switch {
		case err1 != nil || err2 != nil:
			p.errorf(v.Line, "codes fit in 32 bits", "range %s is out of range", c)
			return false
		case lo >= hi:
			p.errorf(v.Line, "write the smaller code first", "bad range %s: it ends before it starts", c)
			return false
		}
		e.Lo, e.Hi = int(lo), int(hi)
		return true
	}
	switch {
	case exactRE.MatchString(c) || strings.HasPrefix(c, "-") && c != "-0" && exactRE.MatchString(c[1:]):
		// Codes fit in an int32 so the package builds on every platform.
		// JSON-RPC's codes are negative: -32600 invalid request.
		n, err := strconv.ParseInt(c, 10, 32)
		if err != nil {
			p.errorf(v.Line, "codes fit in 32 bits", "code %s is out of range", c)
			return false
		}
		e.Lo, e.Hi = int(n), int(n)
		if g.pattern != nil && !g.pattern.MatchString(c) {
			p.errorf(v.Line, "the group's pattern says what its codes look like: fix the code or the pattern", "code %s does not match the pattern %s of %s", c, g.Pattern, g.Name)
		}
		return true
	case rangeRE.MatchString(c):
		if !g.Ranges {
			p.errorf(v.Line, "add code: range to the group to allow ranges", "bad code %s: %s has no ranges", c, g.Name)
			return false
		}
		digits := strings.TrimRight(c, "x")
		k := len(c) - len(digits)
		lo, err1 := strconv.ParseInt(digits+strings.Repeat("0", k), 10, 32)
		hi, err2 := strconv.ParseInt(digits+strings.Repeat("9", k), 10, 32)
		if err1 != nil || err2 != nil {
			p.errorf(v.Line, "codes fit in 32 bits", "range %s is out of range", c)
			return false
		}
		e.Lo, e.Hi = int(lo), int(hi)
		return true
	}
	want := "an integer"
	if g.Ranges {
		want += ", or a range like 5xx or 4000-4999"
	}
	p.errorf(v.Line, "write "+want, "bad code %q: want %s", c, want)
	return false
}

// crossGroup checks what must be unique across groups.
func (p *parser) crossGroup(s *Spec) {
	type first struct {
		group string
		line  int
	}
	unique := func(what string, key func(*Group) []string) {
		seen := map[string]first{}
		for _, g := range s.Groups {
			for _, k := range key(g) {
				if f, dup := seen[k]; dup {
					p.errorf(g.Line, "each group needs its own", "%s %q of group %s is also that of group %s (line %d)", what, k, g.Name, f.group, f.line)
					continue
				}
				seen[k] = first{g.Name, g.Line}
			}
		}
	}
	one := func(f func(*Group) string) func(*Group) []string {
		return func(g *Group) []string {
			if v := f(g); v != "" {
				return []string{v}
			}
			return nil
		}
	}
	unique("name", one(func(g *Group) string { return g.Name }))
	unique("anchor", one(func(g *Group) string { return g.Anchor }))
	unique("mention", func(g *Group) []string {
		var out []string
		for _, m := range g.Mentions {
			out = append(out, strings.ToLower(strings.Join(strings.Fields(m), " ")))
		}
		return out
	})
	unique("JSON key", func(g *Group) []string { return g.JSONKeys })

	// Columns that hold another group's codes.
	byName := map[string]*Group{}
	for _, g := range s.Groups {
		byName[g.Name] = g
	}
	for _, g := range s.Groups {
		for _, c := range g.Columns {
			if c.Group == "" {
				continue
			}
			other := byName[c.Group]
			if other == nil {
				var names []string
				for _, o := range s.Groups {
					names = append(names, o.Name)
				}
				p.errorf(g.Line, Suggest(c.Group, names, "name one of "+orList(names)), "column %q of group %s: no group %q", c.Name, g.Name, c.Group)
				continue
			}
			for _, e := range g.Entries {
				v := strings.Trim(e.Fields[c.Name], "`")
				if v != "" && other.Lookup(v) == nil {
					p.errorf(e.Line, fmt.Sprintf("use one of the %s, or add %s to group %s", other.Title, v, other.Name),
						"%s %s of %s entry %s is not one of the %s", c.Name, v, g.Name, e.Code, other.Title)
				}
			}
		}
	}
}

// typeNames calls f with each Go name the generated file declares for the
// groups and their enums (the entries' constants aside), its line, and
// what to change about it.
func (s *Spec) typeNames(f func(name string, line int, hint string)) {
	for _, g := range s.Groups {
		f(g.Type, g.Line, "give the group another type")
		for _, c := range g.Columns {
			if c.Enum != nil {
				f(c.Enum.Type, g.Line, "give the enum another type")
				for _, v := range c.Enum.Values {
					f(v.Const, g.Line, "set const on the enum value")
				}
			}
		}
	}
}

// names derives the constant names and checks that every name the
// generated file declares is unique.
func (p *parser) names(s *Spec) {
	if s.Package == "" {
		return
	}
	seen := map[string]int{}
	declare := func(name string, line int, hint string) {
		if name == "" {
			return
		}
		if first, dup := seen[name]; dup {
			p.errorf(line, hint, "duplicate Go name %s (first at line %d)", name, first)
			return
		}
		seen[name] = line
	}
	s.typeNames(declare)
	for _, g := range s.Groups {
		for _, e := range g.Entries {
			if e.IsRange() {
				continue
			}
			if e.Const == "" {
				from := e.Fields[g.ConstFrom]
				if g.ConstFrom == "" && g.Strings {
					from = e.Code
				}
				if from == "" {
					continue // already reported missing
				}
				e.Const = constName(g.ConstPrefix, from)
				if e.Const == "" {
					p.errorf(e.Line, "set const", "cannot derive a constant name from %s %q", g.ConstFrom, from)
					continue
				}
			}
			declare(e.Const, e.Line, "set const on one of them")
		}
	}
}

// andList formats "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// orList formats "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	// An initialism stays together: HTTPStatus → httpStatus.
	i := 0
	for i < len(s) && unicode.IsUpper(rune(s[i])) {
		i++
	}
	if i > 1 && i < len(s) {
		i--
	}
	if i <= 1 {
		return string(unicode.ToLower(r)) + s[n:]
	}
	return strings.ToLower(s[:i]) + s[i:]
}
