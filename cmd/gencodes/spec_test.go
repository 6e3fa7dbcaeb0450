package main

import (
	"strings"
	"testing"
)

var parseErrorTests = []struct {
	name string
	in   string
	want string // all messages, one per line
}{
	{
		name: "duplicate code",
		in: `opcodes:
  - {code: 1, name: a, action: send, meaning: m}
  - {code: 1, name: b, action: send, meaning: m}
`,
		want: "codes.yaml:3: duplicate opcode 1 (first at line 2)",
	},
	{
		name: "unknown action",
		in: `close_codes:
  - {code: 4000, description: a, action: resum, meaning: m}
`,
		want: `codes.yaml:2: unknown action "resum" (want resume, restart or abort)`,
	},
	{
		name: "opcode action from another group",
		in: `opcodes:
  - {code: 1, name: a, action: abort, meaning: m}
`,
		want: `codes.yaml:2: unknown action "abort" (want send, receive or both)`,
	},
	{
		name: "missing field",
		in: `opcodes:
  - code: 1
    name: a
    action: send
`,
		want: "codes.yaml:2: opcode entry is missing meaning",
	},
	{
		name: "missing code",
		in: `json_codes:
  - meaning: m
`,
		want: "codes.yaml:2: JSON code entry is missing code",
	},
	{
		name: "empty text",
		in: `http_statuses:
  - code: 200
    name: ""
    meaning: m
`,
		want: "codes.yaml:3: empty name",
	},
	{
		name: "null text",
		in: `http_statuses:
  - code: 200
    name: OK
    meaning:
`,
		want: "codes.yaml:4: empty meaning",
	},
	{
		name: "empty omit reason",
		in: `json_codes:
  - {code: 0, meaning: m, omit: " "}
`,
		want: "codes.yaml:2: empty omit",
	},
	{
		name: "text on two lines",
		in: `json_codes:
  - code: 0
    meaning: |
      two
      lines
`,
		want: "codes.yaml:3: meaning must be one line",
	},
	{
		name: "control character",
		in: `json_codes:
  - {code: 0, meaning: "a\tb"}
`,
		want: "codes.yaml:2: meaning contains a control character",
	},
	{
		name: "text not a scalar",
		in: `json_codes:
  - {code: 0, meaning: [a, b]}
`,
		want: "codes.yaml:2: meaning must be a single value, not a list or mapping",
	},
	{
		name: "code not an integer",
		in: `opcodes:
  - {code: one, name: a, action: send, meaning: m}
`,
		want: `codes.yaml:2: bad code "one": want a non-negative integer`,
	},
	{
		name: "code with leading zero",
		in: `opcodes:
  - {code: 07, name: a, action: send, meaning: m}
`,
		want: `codes.yaml:2: bad code "07": want a non-negative integer`,
	},
	{
		name: "negative code",
		in: `opcodes:
  - {code: -1, name: a, action: send, meaning: m}
`,
		want: "codes.yaml:2: bad code -1: codes are not negative",
	},
	{
		name: "code out of range",
		in: `opcodes:
  - {code: 4294967296, name: a, action: send, meaning: m}
`,
		want: "codes.yaml:2: code 4294967296 is out of range",
	},
	{
		name: "malformed range",
		in: `http_statuses:
  - {code: 5x5, name: a, meaning: m}
  - {code: xx, name: b, meaning: m}
  - {code: 0xx, name: c, meaning: m}
`,
		want: `codes.yaml:2: bad code "5x5": want a non-negative integer or a range like 5xx
codes.yaml:3: bad code "xx": want a non-negative integer or a range like 5xx
codes.yaml:4: bad code "0xx": want a non-negative integer or a range like 5xx`,
	},
	{
		name: "range outside http_statuses",
		in: `close_codes:
  - {code: 40xx, description: a, action: abort, meaning: m}
`,
		want: "codes.yaml:2: bad code 40xx: ranges are only allowed in http_statuses",
	},
	{
		name: "range out of range",
		in: `http_statuses:
  - {code: 9999999999xx, name: a, meaning: m}
`,
		want: "codes.yaml:2: range 9999999999xx is out of range",
	},
	{
		name: "range contains exact code",
		in: `http_statuses:
  - {code: 500, name: a, meaning: m}
  - {code: 5xx, name: b, meaning: m}
`,
		want: "codes.yaml:3: range 5xx contains HTTP status 500 at line 2",
	},
	{
		name: "exact code in range",
		in: `http_statuses:
  - {code: 5xx, name: a, meaning: m}
  - {code: 599, name: b, meaning: m}
`,
		want: "codes.yaml:3: HTTP status 599 is in range 5xx at line 2",
	},
	{
		name: "overlapping ranges",
		in: `http_statuses:
  - {code: 5xx, name: a, meaning: m}
  - {code: 50x, name: b, meaning: m}
  - {code: 6xx, name: c, meaning: m}
`,
		want: "codes.yaml:3: range 50x overlaps range 5xx at line 2",
	},
	{
		name: "const on range",
		in: `http_statuses:
  - {code: 5xx, name: a, meaning: m, const: StatusServerError}
`,
		want: "codes.yaml:2: range 5xx gets no constant; remove const",
	},
	{
		name: "JSON code without category",
		in: `json_codes:
  - {code: 60001, meaning: a}
  - {code: 123, meaning: b}
  - {code: 100001, meaning: c}
`,
		want: `codes.yaml:2: bad JSON code 60001: want 0, 1xxxx, 2xxxx, 3xxxx, 4xxxx or 5xxxx
codes.yaml:3: bad JSON code 123: want 0, 1xxxx, 2xxxx, 3xxxx, 4xxxx or 5xxxx
codes.yaml:4: bad JSON code 100001: want 0, 1xxxx, 2xxxx, 3xxxx, 4xxxx or 5xxxx`,
	},
	{
		name: "unknown field",
		in: `opcodes:
  - code: 1
    nmae: a
    action: send
    meaning: m
`,
		want: `codes.yaml:2: opcode entry is missing name
codes.yaml:3: unknown field "nmae" in opcode entry (want code, name, action, meaning, const or omit)`,
	},
	{
		name: "field of another group",
		in: `json_codes:
  - {code: 0, name: a, meaning: m}
`,
		want: `codes.yaml:2: unknown field "name" in JSON code entry (want code, meaning, const or omit)`,
	},
	{
		name: "duplicate field",
		in: `json_codes:
  - code: 0
    meaning: a
    meaning: b
`,
		want: `codes.yaml:4: duplicate field "meaning" (first at line 3)`,
	},
	{
		name: "unknown group",
		in: `opcode: []
`,
		want: `codes.yaml:1: unknown group "opcode" (want opcodes, close_codes, http_statuses or json_codes)`,
	},
	{
		name: "duplicate group",
		in: `json_codes: []
json_codes: []
`,
		want: `codes.yaml:2: duplicate group "json_codes" (first at line 1)`,
	},
	{
		name: "group not a list",
		in: `json_codes:
  code: 0
`,
		want: "codes.yaml:2: json_codes must be a list of entries",
	},
	{
		name: "entry not a mapping",
		in: `json_codes:
  - 0
`,
		want: "codes.yaml:2: JSON code entry must be a mapping",
	},
	{
		name: "spec not a mapping",
		in: `- opcodes
`,
		want: "codes.yaml:1: spec must be a mapping with keys opcodes, close_codes, http_statuses or json_codes",
	},
	{
		name: "empty spec",
		in:   "# nothing yet\n",
		want: "codes.yaml:1: empty spec",
	},
	{
		name: "two documents",
		in: `json_codes: []
---
opcodes: []
`,
		want: "codes.yaml:2: more than one YAML document",
	},
	{
		name: "alias",
		in: `json_codes:
  - &e {code: 0, meaning: m}
  - *e
`,
		want: "codes.yaml:3: aliases are not supported",
	},
	{
		// The line is the yaml package's, which is sometimes the line before.
		name: "syntax error",
		in: `json_codes:
  - code: 0
    meaning: a: b
`,
		want: "codes.yaml:3: mapping values are not allowed in this context",
	},
	{
		name: "duplicate constant name",
		in: `close_codes:
  - {code: 4000, description: foo bar, action: abort, meaning: m}
  - {code: 4001, description: "foo, bar", action: abort, meaning: m}
`,
		want: "codes.yaml:3: duplicate constant name CloseFooBar (first at line 2); set const on one",
	},
	{
		name: "duplicate constant name across groups",
		in: `opcodes:
  - {code: 1, name: a, action: send, meaning: m, const: StatusOK}
http_statuses:
  - {code: 200, name: OK, meaning: m}
`,
		want: "codes.yaml:4: duplicate constant name StatusOK (first at line 2); set const on one",
	},
	{
		name: "constant name taken by the package",
		in: `close_codes:
  - {code: 4000, description: code, action: abort, meaning: m}
  - {code: 4001, description: a, action: abort, meaning: m, const: ActionResume}
`,
		want: `codes.yaml:2: constant name CloseCode is taken by package codes; set const
codes.yaml:3: constant name ActionResume is taken by package codes; set const`,
	},
	{
		name: "bad const",
		in: `json_codes:
  - {code: 0, meaning: m, const: jsonGeneral}
  - {code: 10001, meaning: n, const: "JSON Unknown"}
`,
		want: `codes.yaml:2: const "jsonGeneral" is not an exported Go identifier
codes.yaml:3: const "JSON Unknown" is not an exported Go identifier`,
	},
	{
		name: "no words for a constant name",
		in: `opcodes:
  - {code: 1, name: "?!", action: send, meaning: m}
`,
		want: `codes.yaml:2: cannot derive a constant name from name "?!"; set const`,
	},
	{
		name: "all errors at once",
		in: `opcodes:
  - {code: 1, name: a, action: sned, meaning: m}
  - {code: 1, name: b, action: send, meaning: ""}
close_codes:
  - {code: 4xxx, description: c, action: abort, meaning: m}
http_statuses:
  - {code: 200, name: OK, meaning: m, colour: red}
json_codes:
  - {code: 7, meaning: m}
extra: []
`,
		want: `codes.yaml:2: unknown action "sned" (want send, receive or both)
codes.yaml:3: empty meaning
codes.yaml:3: duplicate opcode 1 (first at line 2)
codes.yaml:5: bad code 4xxx: ranges are only allowed in http_statuses
codes.yaml:7: unknown field "colour" in HTTP status entry (want code, name, meaning, const or omit)
codes.yaml:9: bad JSON code 7: want 0, 1xxxx, 2xxxx, 3xxxx, 4xxxx or 5xxxx
codes.yaml:10: unknown group "extra" (want opcodes, close_codes, http_statuses or json_codes)`,
	},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range parseErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parseSpec("codes.yaml", []byte(tt.in))
			if err == nil {
				t.Fatalf("parseSpec succeeded, want errors:\n%s", tt.want)
			}
			if s != nil {
				t.Errorf("parseSpec returned a spec with its errors")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	in := `# groups may be absent, in any order
http_statuses:
  - {code: 200, name: OK, meaning: fine}
  - {code: 5xx, name: SERVER ERROR, meaning: "sorry, ` + "`my`" + ` bad"}
opcodes:
  - code: 9
    name: secret handshake
    action: both
    meaning: internal
    omit: not for clients
    const: OpHandshake
json_codes: []
`
	s, err := parseSpec("codes.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range s.groups {
		for _, e := range g.entries {
			got = append(got, strings.Join([]string{
				g.key, e.code, e.konst, e.omit, e.fields["name"], e.fields["meaning"],
			}, "|"))
		}
	}
	want := []string{
		"opcodes|9|OpHandshake|not for clients|secret handshake|internal",
		"http_statuses|200|StatusOK||OK|fine",
		"http_statuses|5xx|||SERVER ERROR|sorry, `my` bad",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if e := s.groups[2].entries[1]; e.lo != 500 || e.hi != 599 {
		t.Errorf("5xx covers %d-%d, want 500-599", e.lo, e.hi)
	}
}
