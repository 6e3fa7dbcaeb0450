package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A spec is a parsed and checked codes.yaml.
type spec struct {
	name   string  // file name as given, for messages and the header
	groups []group // one per schema, in schema order, even if absent
}

type group struct {
	*schema
	entries []entry
}

// An entry is one code of a group.
type entry struct {
	line   int               // line of the entry, for messages
	code   string            // as written: "4004" or "5xx"
	lo, hi int               // codes covered; lo == hi unless a range
	fields map[string]string // text fields of the schema, as written
	konst  string            // Go constant name; "" for a range
	omit   string            // reason the docs leave it out, or ""
}

func (e *entry) isRange() bool { return strings.HasSuffix(e.code, "x") }

// A schema describes one group of the spec and how it maps to Go.
type schema struct {
	key     string   // top-level YAML key
	noun    string   // one code, in messages: "close code"
	fields  []string // required text fields besides code, in column order
	actions []string // allowed values of the action field, if any
	from    string   // field the constant name is derived from
	prefix  string   // of constant names
	ranges  bool     // whether codes like 5xx are allowed
	json    bool     // whether codes must be 0 or five digits 1xxxx-5xxxx
}

var schemas = []*schema{
	{
		key:     "opcodes",
		noun:    "opcode",
		fields:  []string{"name", "action", "meaning"},
		actions: []string{"send", "receive", "both"},
		from:    "name",
		prefix:  "Op",
	},
	{
		key:     "close_codes",
		noun:    "close code",
		fields:  []string{"description", "action", "meaning"},
		actions: []string{"resume", "restart", "abort"},
		from:    "description",
		prefix:  "Close",
	},
	{
		key:    "http_statuses",
		noun:   "HTTP status",
		fields: []string{"name", "meaning"},
		from:   "name",
		prefix: "Status",
		ranges: true,
	},
	{
		key:    "json_codes",
		noun:   "JSON code",
		fields: []string{"meaning"},
		from:   "meaning",
		prefix: "JSON",
		json:   true,
	},
}

// parseSpec parses and checks the spec in data. name is used in messages;
// each problem is reported as "name:line: message", all at once.
func parseSpec(name string, data []byte) (*spec, error) {
	p := &parser{name: name}
	s := p.parse(data)
	if len(p.errs) > 0 {
		slices.SortStableFunc(p.errs, func(a, b lineError) int { return a.line - b.line })
		errs := make([]error, len(p.errs))
		for i, e := range p.errs {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	return s, nil
}

type lineError struct {
	name string
	line int
	msg  string
}

func (e lineError) Error() string {
	if e.line <= 0 {
		return e.name + ": " + e.msg
	}
	return fmt.Sprintf("%s:%d: %s", e.name, e.line, e.msg)
}

type parser struct {
	name string
	errs []lineError
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, lineError{p.name, line, fmt.Sprintf(format, args...)})
}

// yamlLineRE matches the syntax errors of the yaml package.
var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (p *parser) yamlError(err error) {
	msg := strings.ReplaceAll(err.Error(), "\n", " ") // one line per problem
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p.errorf(line, "%s", m[2])
		return
	}
	p.errorf(0, "%s", strings.TrimPrefix(msg, "yaml: "))
}

func (p *parser) parse(data []byte) *spec {
	s := &spec{name: p.name}
	for _, sc := range schemas {
		s.groups = append(s.groups, group{schema: sc})
	}

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			p.errorf(1, "empty spec")
		} else {
			p.yamlError(err)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errorf(extra.Line, "more than one YAML document")
	} else if err != io.EOF {
		p.yamlError(err)
	}
	if len(doc.Content) == 0 {
		p.errorf(1, "empty spec")
		return nil
	}

	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.errorf(root.Line, "spec must be a mapping with keys %s", keyList())
		return nil
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k.Line, "group name must be a string")
			continue
		}
		gi := slices.IndexFunc(schemas, func(sc *schema) bool { return sc.key == k.Value })
		if gi < 0 {
			p.errorf(k.Line, "unknown group %q (want %s)", k.Value, keyList())
			continue
		}
		if first, ok := seen[k.Value]; ok {
			p.errorf(k.Line, "duplicate group %q (first at line %d)", k.Value, first)
			continue
		}
		seen[k.Value] = k.Line
		s.groups[gi].entries = p.group(schemas[gi], v)
	}
	p.names(s)
	return s
}

func keyList() string {
	var keys []string
	for _, sc := range schemas {
		keys = append(keys, sc.key)
	}
	return orList(keys)
}

// orList formats "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func (p *parser) group(sc *schema, n *yaml.Node) []entry {
	if p.alias(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n.Line, "%s must be a list of entries", sc.key)
		return nil
	}
	var entries []entry
	for _, item := range n.Content {
		if e, ok := p.entry(sc, item); ok {
			entries = append(entries, e)
		}
	}

	// Overlaps are reported on the later entry, like duplicates.
	for i := range entries {
		e := &entries[i]
		for _, f := range entries[:i] {
			if e.lo > f.hi || f.lo > e.hi {
				continue
			}
			switch {
			case !e.isRange() && !f.isRange():
				p.errorf(e.line, "duplicate %s %s (first at line %d)", sc.noun, e.code, f.line)
			case e.isRange() && f.isRange():
				p.errorf(e.line, "range %s overlaps range %s at line %d", e.code, f.code, f.line)
			case e.isRange():
				p.errorf(e.line, "range %s contains %s %s at line %d", e.code, sc.noun, f.code, f.line)
			default:
				p.errorf(e.line, "%s %s is in range %s at line %d", sc.noun, e.code, f.code, f.line)
			}
			break
		}
	}
	return entries
}

// entry parses one entry. It reports ok == false if the entry is too broken
// to check against the others.
func (p *parser) entry(sc *schema, n *yaml.Node) (e entry, ok bool) {
	if p.alias(n) {
		return e, false
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n.Line, "%s entry must be a mapping", sc.noun)
		return e, false
	}
	e = entry{line: n.Line, fields: map[string]string{}}
	known := append([]string{"code"}, sc.fields...)
	known = append(known, "const", "omit")
	seen := map[string]int{}
	var codeNode, constNode *yaml.Node
	ok = true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k.Line, "field name must be a string")
			ok = false
			continue
		}
		field := k.Value
		if !slices.Contains(known, field) {
			p.errorf(k.Line, "unknown field %q in %s entry (want %s)", field, sc.noun, orList(known))
			continue
		}
		if first, dup := seen[field]; dup {
			p.errorf(k.Line, "duplicate field %q (first at line %d)", field, first)
			continue
		}
		seen[field] = k.Line
		text, good := p.text(field, v)
		if !good {
			if field == "code" {
				ok = false
			}
			continue
		}
		switch field {
		case "code":
			codeNode = v
			e.code = text
		case "const":
			constNode = v
			e.konst = text
		case "omit":
			e.omit = text
		case "action":
			if !slices.Contains(sc.actions, text) {
				p.errorf(v.Line, "unknown action %q (want %s)", text, orList(sc.actions))
			}
			e.fields[field] = text
		default:
			e.fields[field] = text
		}
	}
	for _, f := range append([]string{"code"}, sc.fields...) {
		if _, found := seen[f]; !found {
			p.errorf(n.Line, "%s entry is missing %s", sc.noun, f)
			if f == "code" {
				ok = false
			}
		}
	}
	if codeNode != nil && !p.code(sc, &e, codeNode) {
		ok = false
	}
	if constNode != nil {
		switch {
		case codeNode != nil && e.isRange():
			p.errorf(constNode.Line, "range %s gets no constant; remove const", e.code)
			e.konst = ""
		case !isExported(e.konst):
			p.errorf(constNode.Line, "const %q is not an exported Go identifier", e.konst)
		}
	}
	return e, ok
}

// alias reports an alias: a spec meant to be read in one pass by people
// shouldn't make them chase anchors.
func (p *parser) alias(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		p.errorf(n.Line, "aliases are not supported")
		return true
	}
	return false
}

// text returns the value of a field, which must be one non-empty line.
func (p *parser) text(field string, v *yaml.Node) (string, bool) {
	if p.alias(v) {
		return "", false
	}
	switch {
	case v.Kind != yaml.ScalarNode:
		p.errorf(v.Line, "%s must be a single value, not a list or mapping", field)
		return "", false
	case v.Tag == "!!null" || strings.TrimSpace(v.Value) == "":
		p.errorf(v.Line, "empty %s", field)
		return "", false
	case strings.ContainsAny(v.Value, "\r\n"):
		p.errorf(v.Line, "%s must be one line", field)
		return "", false
	case !utf8.ValidString(v.Value) || strings.ContainsFunc(v.Value, unicode.IsControl):
		// Tables and Go comments can't hold control characters.
		p.errorf(v.Line, "%s contains a control character", field)
		return "", false
	}
	return v.Value, true
}

var (
	exactRE = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)
	rangeRE = regexp.MustCompile(`^[1-9][0-9]*x+$`)
)

// code parses e.code into e.lo and e.hi.
func (p *parser) code(sc *schema, e *entry, v *yaml.Node) bool {
	c := e.code
	switch {
	case exactRE.MatchString(c):
		// Codes fit in an int32 so the package builds on every platform.
		n, err := strconv.ParseInt(c, 10, 32)
		if err != nil {
			p.errorf(v.Line, "code %s is out of range", c)
			return false
		}
		e.lo, e.hi = int(n), int(n)
		if sc.json && n != 0 && (n < 10000 || n > 59999) {
			p.errorf(v.Line, "bad JSON code %s: want 0, 1xxxx, 2xxxx, 3xxxx, 4xxxx or 5xxxx", c)
		}
		return true
	case rangeRE.MatchString(c):
		if !sc.ranges {
			p.errorf(v.Line, "bad code %s: ranges are only allowed in http_statuses", c)
			return false
		}
		digits := strings.TrimRight(c, "x")
		k := len(c) - len(digits)
		lo, err1 := strconv.ParseInt(digits+strings.Repeat("0", k), 10, 32)
		hi, err2 := strconv.ParseInt(digits+strings.Repeat("9", k), 10, 32)
		if err1 != nil || err2 != nil {
			p.errorf(v.Line, "range %s is out of range", c)
			return false
		}
		e.lo, e.hi = int(lo), int(hi)
		return true
	case strings.HasPrefix(c, "-") && exactRE.MatchString(c[1:]):
		p.errorf(v.Line, "bad code %s: codes are not negative", c)
		return false
	}
	want := "a non-negative integer"
	if sc.ranges {
		want += " or a range like 5xx"
	}
	p.errorf(v.Line, "bad code %q: want %s", c, want)
	return false
}

// names derives the constant names and checks they are unique in the package.
func (p *parser) names(s *spec) {
	seen := map[string]int{}
	for _, g := range s.groups {
		for i := range g.entries {
			e := &g.entries[i]
			if e.isRange() {
				continue
			}
			if e.konst == "" {
				from := e.fields[g.from]
				if from == "" {
					continue // already reported missing
				}
				e.konst = constName(g.prefix, from)
				if e.konst == "" {
					p.errorf(e.line, "cannot derive a constant name from %s %q; set const", g.from, from)
					continue
				}
			}
			if reserved[e.konst] {
				p.errorf(e.line, "constant name %s is taken by package codes; set const", e.konst)
				continue
			}
			if first, dup := seen[e.konst]; dup {
				p.errorf(e.line, "duplicate constant name %s (first at line %d); set const on one", e.konst, first)
				continue
			}
			seen[e.konst] = e.line
		}
	}
}
