package drift

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"

	"github.com/kettu/kettudocs/builder/diag"
)

// matchProblems checks that got holds exactly the wanted problems, in
// order. Each want is "file:line:col: substring of the message".
func matchProblems(t *testing.T, got diag.List, want []string) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = matches(got[i], want[i])
	}
	if !ok {
		t.Errorf("got %d problems:\n%v\nwant %d:\n%s", len(got), got, len(want), strings.Join(want, "\n"))
	}
}

func matches(p diag.Problem, want string) bool {
	pos, msg, _ := strings.Cut(want, ": ")
	return p.Pos.String() == pos && strings.Contains(p.Msg, msg) && p.Hint != ""
}

func TestMended(t *testing.T) {
	c := testChecker(t)
	src := readFixture(t, "mended.md")
	got, _ := check(c, "mended.md", src)
	matchProblems(t, got, nil)
}

// The seed page verbatim, markers added, drifts from the spec in two ways:
// its JSON example uses 50014, which no table lists, and its prose names
// opcodes 6 and 7, which its opcode table lacks. With a spec that has
// opcodes 6 and 7, the table misses rows and the prose names codes the
// page's own table lacks; with a spec made of the page's tables, the prose
// names unknown codes.
func TestSeed(t *testing.T) {
	src := readFixture(t, "seed.md")
	json := "seed.md:70:11: unknown JSON error code 50014 in \"code\" of JSON example"

	t.Run("spec with opcodes 6 and 7", func(t *testing.T) {
		got, _ := check(testChecker(t), "seed.md", src)
		matchProblems(t, got, []string{
			`seed.md:17:1: missing row for opcode 6 "invalid session"`,
			`seed.md:17:1: missing row for opcode 7 "reconnect"`,
			`seed.md:43:45: opcode 6 is mentioned, but the gateway opcodes table at line 11 does not list it`,
			`seed.md:43:49: opcode 7 is mentioned, but the gateway opcodes table at line 11 does not list it`,
			json,
		})
		if len(got) > 0 && got[0].Hint != `add "| 6 | invalid session | receive | … |" after line 17` {
			t.Errorf("hint for the missing row is %q", got[0].Hint)
		}
	})

	t.Run("spec from the page's tables", func(t *testing.T) {
		reg := testRegistry()
		reg.Groups[0].Entries = reg.Groups[0].Entries[:5] // up to opcode 5
		c, err := New(reg)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := check(c, "seed.md", src)
		matchProblems(t, got, []string{
			`seed.md:43:45: unknown opcode 6 mentioned (not in the "opcodes" group)`,
			`seed.md:43:49: unknown opcode 7 mentioned (not in the "opcodes" group)`,
			json,
		})
	})
}

// mutation is an edit of the mended page and the problems it must cause.
type mutation struct {
	name  string
	edits []string // old, new, old, new...: each old must occur exactly once
	reg   func(*Registry)
	want  []string
	count int // if set, the number of problems, want being only some of them
}

var mutations = []mutation{
	// Cells under known columns, one of each kind.
	{
		name:  "opcode name",
		edits: []string{"| 3    | hello     |", "| 3    | helo      |"},
		want:  []string{`mended.md:14:10: opcode 3 name: expected "hello", found "helo"`},
	},
	{
		name:  "opcode action",
		edits: []string{"| identify  | send    |", "| identify  | recv    |"},
		want:  []string{`mended.md:15:22: opcode 4 action: expected "send", found "recv"`},
	},
	{
		name:  "close description",
		edits: []string{"| 4004 | authentication failed |", "| 4004 | auth failed           |"},
		want:  []string{`mended.md:31:10: close code 4004 description: expected "authentication failed", found "auth failed"`},
	},
	{
		name:  "close action",
		edits: []string{"| invalid api version   | abort   |", "| invalid api version   | resume  |"},
		want:  []string{`mended.md:37:34: close code 4012 action: expected "abort", found "resume"`},
	},
	{
		name:  "status name",
		edits: []string{"| NOT FOUND         |", "| NOT FOUN          |"},
		want:  []string{`mended.md:59:10: status code 404 name: expected "NOT FOUND", found "NOT FOUN"`},
	},
	{
		name:  "status meaning with code span",
		edits: []string{"you need an `Authorization` header", "you need a `Token` header         "},
		want:  []string{`mended.md:57:60: status code 401 meaning: expected "you need an Authorization header", found "you need a Token header"`},
	},
	{
		name:  "JSON code meaning is case-sensitive",
		edits: []string{"| invalid mfa code   ", "| invalid MFA code   "},
		want:  []string{`mended.md:113:11: JSON error code 50007 meaning: expected "invalid mfa code", found "invalid MFA code"`},
	},
	{
		name: "no false alarm from inline Markdown in cells",
		edits: []string{
			"| name      | action  | meaning                                        |",
			"| **Name**  | _action_ | meaning                                       |",
			"| unknown error         |", "| ~~unknown~~ error     |",
			"| decode error          |", "| decode&#32;error      |",
			"| authentication failed |", "| *authentication* **failed** |",
			"| invalid `seq`         |", "| invalid seq           |",
			"| ratelimited           |", "| <b>ratelimited</b>    |",
			"| NOT FOUND         |", "| [NOT FOUND](https://http.cat/404) |",
			"you need an `Authorization` header", "you need an Authorization header  ",
			"| missing access                        |", "| `missing access`  |",
			"| unknown kettu shard                   |", "| unknown&nbsp;kettu  shard |",
		},
	},

	// Rows.
	{
		name:  "changed code",
		edits: []string{"| 4005 |", "| 4006 |"},
		want: []string{
			`mended.md:32:3: unknown close code 4006 (not in the "close-codes" group)`,
			`mended.md:33:1: missing row for close code 4005 "already authenticated"`,
		},
	},
	{
		name:  "missing row",
		edits: []string{"| 4009 | session timed out     | restart | reconnect and start a new session                      |\n", ""},
		want:  []string{`mended.md:35:1: missing row for close code 4009 "session timed out"`},
	},
	{
		name:  "missing last row",
		edits: []string{"| 50008 | invalid ip for the mfa code           |\n", ""},
		want:  []string{`mended.md:113:1: missing row for JSON error code 50008 "invalid ip for the mfa code"`},
	},
	{
		name:  "extra unknown row",
		edits: []string{"| 4012 |", "| 4011 | sharding required | abort | shard it |\n| 4012 |"},
		want:  []string{`mended.md:37:3: unknown close code 4011 (not in the "close-codes" group)`},
	},
	{
		name:  "duplicate row",
		edits: []string{"| 4005 |", "| 4004 | authentication failed | abort | again |\n| 4005 |"},
		want:  []string{`mended.md:32:3: duplicate row for close code 4004 (first at line 31)`},
	},
	{
		name: "swapped rows",
		edits: []string{
			"| 4002 | decode error          | resume  |", "| 4003 | not authenticated     | abort   |",
			"| 4003 | not authenticated     | abort   | need", "| 4002 | decode error          | resume  | need",
		},
		want: []string{`mended.md:29:3: row for close code 4003 is out of order: it belongs after 4002 (line 30)`},
	},
	{
		name: "first row moved to the end",
		edits: []string{
			"| 4000 | unknown error         | resume  | unknown error, try reconnecting                        |\n", "",
			"of those intents |", "of those intents |\n| 4000 | unknown error | resume | try again |",
		},
		want: []string{`mended.md:39:3: row for close code 4000 is out of order: it belongs before 4001 (line 27)`},
	},
	{
		name:  "omitted entry listed",
		reg:   omit4011,
		edits: []string{"| 4012 |", "| 4011 | sharding required | abort | shard it |\n| 4012 |"},
		want:  []string{`mended.md:37:3: close code 4011 is listed, but the spec omits it from the docs`},
	},
	{
		name:  "omitted entry mentioned",
		reg:   omit4011,
		edits: []string{"Actions are only suggestions", "Close code 4011 is internal. Actions are only suggestions"},
	},
	{
		name:  "malformed code",
		edits: []string{"| 4004 |", "| 40O4 |"},
		want: []string{
			`mended.md:31:3: malformed close code "40O4"`,
			`mended.md:32:1: missing row for close code 4004 "authentication failed"`,
		},
	},
	{
		name:  "range row in capitals",
		edits: []string{"| 5xx  |", "| 5XX  |"},
	},
	{
		name:  "code covered by a range row",
		edits: []string{"| 5xx  |", "| 503  |"},
		want: []string{
			`mended.md:61:1: missing row for status code 5xx "SERVER ERROR"`,
			`mended.md:61:3: unknown status code 503`,
		},
	},
	{
		name:  "no code column",
		edits: []string{"| code | description ", "| id   | description "},
		want:  []string{`mended.md:25:1: table bound to "close-codes" has no "code" column`},
	},
	{
		name:  "duplicate column",
		edits: []string{"| action  | meaning                                        |", "| action  | Name                                           |"},
		want:  []string{`mended.md:10:32: duplicate "Name" column in table bound to "opcodes"`},
	},

	{
		name:  "duplicate code column",
		edits: []string{"| action  | meaning                                        |", "| action  | Code                                           |"},
		want:  []string{`mended.md:10:32: duplicate "Code" column in table bound to "opcodes"`},
	},

	// Markers.
	{
		name:  "table bound to the wrong group",
		edits: []string{"<!-- codes: opcodes -->", "<!-- codes: close-codes -->"},
		want: []string{
			`mended.md:12:3: unknown close code 0 (not in the "close-codes" group)`,
			`mended.md:18:3: unknown close code 7 (not in the "close-codes" group)`,
			`mended.md:18:1: missing row for close code 4000 "unknown error"`,
			`mended.md:18:1: missing row for close code 4014 "disallowed intents"`,
		},
		count: 7 + 13,
	},
	{
		name:  "marker with unknown group",
		edits: []string{"<!-- codes: opcodes -->", "<!-- codes: opcode -->"},
		want:  []string{`mended.md:9:13: unknown code group "opcode" in codes marker`},
	},
	{
		name:  "marker followed by a paragraph",
		edits: []string{"<!-- codes: opcodes -->\n", "<!-- codes: opcodes -->\nThe opcodes:\n"},
		want: []string{
			`mended.md:9:1: codes marker for "opcodes" is followed by a paragraph, not a table`,
			`mended.md:11:1: code table is not bound to a group`,
		},
	},
	{
		name:  "marker followed by a heading",
		edits: []string{"<!-- codes: close-codes -->\n", "<!-- codes: close-codes -->\n\n#### Codes\n\n"},
		want: []string{
			`mended.md:24:1: codes marker for "close-codes" is followed by a heading, not a table`,
			`mended.md:28:1: code table is not bound to a group`,
		},
	},
	{
		name:  "marker at the end",
		edits: []string{"  \"report\": \"1-2-4732n-xbsjdwa\"\n}\n```", "  \"report\": \"1-2-4732n-xbsjdwa\"\n}\n```\n\n<!-- codes: json-codes -->\n"},
		want:  []string{`mended.md:129:1: codes marker for "json-codes" is not followed by a table`},
	},
	{
		name:  "malformed marker",
		edits: []string{"<!-- codes: opcodes -->", "<!-- codes opcodes -->"},
		want:  []string{`mended.md:9:1: malformed codes marker`},
	},
	{
		name:  "marker over three lines",
		edits: []string{"<!-- codes: opcodes -->", "<!--\n  codes :  opcodes\n-->"},
	},
	{
		name:  "unbound code table",
		edits: []string{"<!-- codes: http-statuses -->\n", ""},
		want:  []string{`mended.md:49:1: code table is not bound to a group`},
	},
	{
		name: "unbound tables",
		edits: []string{"### 5xx Responses", "| **Code** | x |\n| - | - |\n| 1 | y |\n\n" +
			"| name | note |\n| - | - |\n| a | see opcode 9 |\n\n### 5xx Responses"},
		want: []string{
			`mended.md:116:1: code table is not bound to a group`,
			`mended.md:122:18: unknown opcode 9 mentioned`,
		},
	},

	// JSON examples.
	{
		name:  "unknown code in JSON example",
		edits: []string{`"code": 40002`, `"code": 40099`},
		want:  []string{`mended.md:69:11: unknown JSON error code 40099 in "code" of JSON example`},
	},
	{
		name:  "unknown op in JSON example",
		edits: []string{"{\n  \"message\": \"Internal", "{\n  \"op\": 2,\n  \"message\": \"Internal"},
		want:  []string{`mended.md:124:9: unknown opcode 2 in "op" of JSON example`},
	},
	{
		name: "JSONC and JSON5 examples",
		edits: []string{"### 5xx Responses", "```jsonc\n" +
			"// \"code\": 99999\n" +
			"{\"text\": \"\\\"code\\\": 99999\", /* \"code\": 9 */ \"code\": 1.5, 'code': \"7\",\n" +
			" \"code\": -1, \"op\": 6}\n" +
			"```\n\n" +
			"```JSON5 title=\"x\"\n{code: 77777, op: +3,}\n```\n\n" +
			"```js\n{\"code\": 99999}\n```\n\n### 5xx Responses"},
		want: []string{
			`mended.md:119:10: unknown JSON error code -1 in "code" of JSON example`,
			`mended.md:123:8: unknown JSON error code 77777 in "code" of JSON example`,
		},
	},

	// Mentions.
	{
		name:  "unknown opcode in prose",
		edits: []string{"opcode 6 & 7", "opcode 6 & 8"},
		want:  []string{`mended.md:43:49: unknown opcode 8 mentioned (not in the "opcodes" group)`},
	},
	{
		name:  "unknown close code in prose",
		edits: []string{"Actions are only suggestions,", "Actions are only suggestions: close codes 4000 and 4099 differ,"},
		want:  []string{`mended.md:41:52: unknown close code 4099 mentioned (not in the "close-codes" group)`},
	},
	{
		name:  "mention across lines",
		edits: []string{"Actions are only suggestions,", "Actions are only suggestions (Close\ncodes 4000,\n4001, and 4099),"},
		want:  []string{`mended.md:43:11: unknown close code 4099 mentioned`},
	},
	{
		name:  "mention in a heading",
		edits: []string{"### Opcodes", "### Opcode 8"},
		want:  []string{`mended.md:7:12: unknown opcode 8 mentioned`},
	},
	{
		name:  "mention in link text, not in code",
		edits: []string{"events respectively.", "events respectively; see [opcode 9](#opcodes), not `opcode 8`."},
		want:  []string{`mended.md:43:118: unknown opcode 9 mentioned`},
	},
	{
		name:  "range mentions",
		edits: []string{"some error information.", "some error information. HTTP 5xx, status codes 4xx and status code 6xx are different."},
		want:  []string{`mended.md:65:129: unknown status code 6xx mentioned`},
	},
	{
		name: "no false alarms in prose",
		edits: []string{"some error information.", "some error information. " +
			"Requests use HTTP 1.1 or HTTP/2; HTTP status codes 200, 201 or 204 and HTTP 503 mean success and failure. " +
			"Opcodes 0/1 and JSON error code 10001 or error codes 0 & 40001. 10,000 op codes. Close codes are listed."},
	},
	{
		name: "longest phrase wins",
		reg: func(r *Registry) {
			r.Groups[1].Mentions = append(r.Groups[1].Mentions, "code")
		},
		edits: []string{"some error information.", "some error information. JSON error code 10001, then code 4001 and code 7."},
		want:  []string{`mended.md:65:133: unknown close code 7 mentioned`},
	},
}

func omit4011(r *Registry) {
	g := &r.Groups[1]
	var es []Entry
	for _, e := range g.Entries {
		if e.Code == "4012" {
			es = append(es, Entry{Code: "4011", Omit: true, Fields: map[string]string{"description": "sharding required"}})
		}
		es = append(es, e)
	}
	g.Entries = es
}

func TestMutations(t *testing.T) {
	mended := string(readFixture(t, "mended.md"))
	def := testChecker(t)
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			src := mended
			for i := 0; i+1 < len(m.edits); i += 2 {
				if n := strings.Count(src, m.edits[i]); n != 1 {
					t.Fatalf("edit %q matches %d times", m.edits[i], n)
				}
				src = strings.Replace(src, m.edits[i], m.edits[i+1], 1)
			}
			c := def
			if m.reg != nil {
				reg := testRegistry()
				m.reg(&reg)
				var err error
				if c, err = New(reg); err != nil {
					t.Fatal(err)
				}
			}
			got, _ := check(c, "mended.md", []byte(src))
			if m.count == 0 {
				matchProblems(t, got, m.want)
				return
			}
			if len(got) != m.count {
				t.Errorf("got %d problems, want %d:\n%v", len(got), m.count, got)
			}
			for _, w := range m.want {
				found := false
				for _, p := range got {
					found = found || matches(p, w)
				}
				if !found {
					t.Errorf("no problem %s in:\n%v", w, got)
				}
			}
		})
	}
}

func TestMessages(t *testing.T) {
	src := strings.Replace(string(readFixture(t, "mended.md")), "| 4004 | authentication failed |", "| 4004 | auth failed           |", 1)
	got, _ := check(testChecker(t), "mended.md", []byte(src))
	want := "mended.md:31:10: close code 4004 description: expected \"authentication failed\", found \"auth failed\"\n" +
		"\thint: edit the cell, or if the spec is wrong change the spec and regenerate (go generate ./...)"
	if got.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAttributes(t *testing.T) {
	src := append(readFixture(t, "mended.md"), "\n\n| name | x |\n| - | - |\n| a | b |\n"...)
	got, doc := check(testChecker(t), "mended.md", src)
	matchProblems(t, got, nil)
	html := render(t, doc, src)
	for _, s := range []string{
		`<table class="code-table">`,
		`<tr id="op-0">`, `<tr id="op-7">`,
		`<tr id="close-4004">`,
		`<tr id="http-5xx">`,
		`<tr id="json-0">`, `<tr id="json-50008">`,
		"<table>\n<thead>\n<tr>\n<th>name</th>", // the unbound table
	} {
		if !strings.Contains(html, s) {
			t.Errorf("rendered page lacks %s", s)
		}
	}
	if n := strings.Count(html, `class="code-table"`); n != 4 {
		t.Errorf("%d tables have class code-table, want 4", n)
	}
	if n := strings.Count(html, `<tr id=`); n != 7+13+10+28 {
		t.Errorf("%d rows have ids, want %d", n, 7+13+10+28)
	}
}

// Front matter is not Markdown, but the AST's offsets and so the reported
// lines count it.
func TestFrontMatter(t *testing.T) {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, &frontmatter.Extender{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	src := append([]byte("---\ntitle: Opcodes\n---\n"), readFixture(t, "seed.md")...)
	doc := md.Parser().Parse(gtext.NewReader(src))
	got := testChecker(t).Check(doc, src, diag.NewLines("seed.md", src))
	matchProblems(t, got, []string{
		`seed.md:20:1: missing row for opcode 6`,
		`seed.md:20:1: missing row for opcode 7`,
		`seed.md:46:45: opcode 6 is mentioned, but the gateway opcodes table at line 14`,
		`seed.md:46:49: opcode 7 is mentioned, but the gateway opcodes table at line 14`,
		`seed.md:73:11: unknown JSON error code 50014`,
	})
}

func TestConcurrentChecks(t *testing.T) {
	c := testChecker(t)
	src := readFixture(t, "seed.md")
	want, _ := check(c, "seed.md", src)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, _ := check(c, "seed.md", src)
			if got.Error() != want.Error() {
				t.Errorf("concurrent check got\n%v", got)
			}
		}()
	}
	wg.Wait()
}

func TestParseMarker(t *testing.T) {
	for _, tc := range []struct {
		in   string
		name string
		st   markerState
	}{
		{"<!-- codes: close-codes -->", "close-codes", goodMarker},
		{"<!--codes:close-codes-->", "close-codes", goodMarker},
		{"  <!--\n\tcodes :\n  json.v2_x \n-->\n", "json.v2_x", goodMarker},
		{"<!-- codes: a--->", "a-", goodMarker},
		{"<!-- a comment -->", "", noMarker},
		{"<!-- codesign notes -->", "", noMarker},
		{"<!-- codes-of-conduct -->", "", noMarker},
		{"<div>codes: x</div>", "", noMarker},
		{"<!-- codes close-codes -->", "", badMarker},
		{"<!-- codes: -->", "", badMarker},
		{"<!-- codes -->", "", badMarker},
		{"<!--codes-->", "", badMarker},
		{"<!-- codes: close codes -->", "", badMarker},
		{"<!-- codes: close-codes", "", badMarker},
		{"<!-- codes: close-codes --> <!-- x -->", "", badMarker},
		{"<!-- codes: -x -->", "", badMarker},
		{"<!-- codes: a/b -->", "", badMarker},
	} {
		name, at, st := parseMarker([]byte(tc.in))
		if name != tc.name || st != tc.st || st == goodMarker && tc.in[at:at+len(name)] != name {
			t.Errorf("parseMarker(%q) = %q, %d, %d; want %q, %d", tc.in, name, at, st, tc.name, tc.st)
		}
	}
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(r *Registry)
		want []string
	}{
		{"valid", func(r *Registry) {}, nil},
		{"empty registry", func(r *Registry) { r.Groups = nil }, nil},
		{"empty name", func(r *Registry) { r.Groups[0].Name = "" }, []string{"group 1: empty name"}},
		{"bad name", func(r *Registry) { r.Groups[0].Name = "op codes" }, []string{`group "op codes": name must be`}},
		{"duplicate name", func(r *Registry) { r.Groups[1].Name = "opcodes" }, []string{`group "opcodes": duplicate group name`}},
		{"empty anchor", func(r *Registry) { r.Groups[2].Anchor = "" }, []string{`group "http-statuses": empty anchor`}},
		{"bad anchor", func(r *Registry) { r.Groups[2].Anchor = "h s" }, []string{`anchor "h s" has white space`}},
		{"duplicate anchor", func(r *Registry) { r.Groups[2].Anchor = "op" }, []string{`anchor "op" is also the anchor of group "opcodes"`}},
		{"empty column", func(r *Registry) { r.Groups[0].Columns = append(r.Groups[0].Columns, " ") }, []string{"empty column name"}},
		{"code column", func(r *Registry) { r.Groups[0].Columns = append(r.Groups[0].Columns, "Code") }, []string{`column "Code": the code column is implied`}},
		{"duplicate column", func(r *Registry) { r.Groups[0].Columns = append(r.Groups[0].Columns, "Name") }, []string{`duplicate column "Name"`}},
		{"empty mention", func(r *Registry) { r.Groups[0].Mentions = append(r.Groups[0].Mentions, "") }, []string{"empty mention phrase"}},
		{"shared mention", func(r *Registry) { r.Groups[1].Mentions = append(r.Groups[1].Mentions, "Opcode") }, []string{`mention "Opcode" is also a mention of group "opcodes"`}},
		{"empty JSON key", func(r *Registry) { r.Groups[0].JSONKeys = append(r.Groups[0].JSONKeys, "") }, []string{"empty JSON key"}},
		{"shared JSON key", func(r *Registry) { r.Groups[1].JSONKeys = []string{"op"} }, []string{`JSON key "op" is also a key of group "opcodes"`}},
		{"bad code", func(r *Registry) { r.Groups[1].Entries[0].Code = "40O0" }, []string{`entry 1: bad code "40O0"`}},
		{"bad range", func(r *Registry) { r.Groups[2].Entries[9].Code = "5xX" }, []string{`entry 10: bad code "5xX"`}},
		{"range of nothing", func(r *Registry) { r.Groups[2].Entries[9].Code = "xx" }, []string{`bad code "xx"`}},
		{"negative range", func(r *Registry) { r.Groups[2].Entries[9].Code = "-5xx" }, []string{`bad code "-5xx"`}},
		{"duplicate code", func(r *Registry) { r.Groups[1].Entries[1].Code = "4000" }, []string{`group "close-codes": duplicate code "4000"`}},
		{"unknown field", func(r *Registry) { r.Groups[1].Entries[0].Fields["meaning"] = "x" }, []string{`code "4000": field "meaning" is not one of the columns`}},
		{"field twice", func(r *Registry) { r.Groups[0].Entries[0].Fields["Name"] = "x" }, []string{`code "0": field "name" given twice`}},
		{"negative code", func(r *Registry) { r.Groups[3].Entries[0].Code = "-32600" }, nil},
		{"all at once", func(r *Registry) {
			r.Groups[0].Name = ""
			r.Groups[1].Entries[1].Code = "4000"
			r.Groups[3].JSONKeys = []string{"op"}
		}, []string{"group 1: empty name", `duplicate code "4000"`, `JSON key "op"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := testRegistry()
			tc.edit(&reg)
			c, err := New(reg)
			if tc.want == nil {
				if err != nil || c == nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("New accepted the registry")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tc.want) {
				t.Errorf("got %d errors, want %d:\n%v", len(lines), len(tc.want), err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), "drift: ") || !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// New must not keep references into the registry: the caller may reuse it.
func TestNewCopies(t *testing.T) {
	reg := testRegistry()
	c, err := New(reg)
	if err != nil {
		t.Fatal(err)
	}
	reg.Groups[1].Entries[4].Fields["description"] = "changed"
	reg.Groups[1].Entries[4].Code = "4999"
	got, _ := check(c, "mended.md", readFixture(t, "mended.md"))
	matchProblems(t, got, nil)
}

func TestSpecText(t *testing.T) {
	p := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()
	for in, want := range map[string]string{
		"invalid `seq`":              "invalid seq",
		"  a\n  b  ":                 "a b",
		"a | b":                      "a | b",
		"a \\| b":                    "a | b",
		"`a|b`":                      "a|b",
		"[text](http://x) &amp; *e*": "text & e",
		"# not a heading":            "# not a heading",
		"- not a list":               "- not a list",
		"<b>x</b>":                   "x",
		"":                           "",
	} {
		if got := specText(p, in); got != want {
			t.Errorf("specText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCodeList(t *testing.T) {
	for in, want := range map[string]string{
		" 6":              "6",
		" 6 & 7":          "6 7",
		" 6&7 & 8":        "6 7 8",
		" 6, 7 and 8":     "6 7 8",
		" 6, 7, and 8":    "6 7 8",
		" 6 or 7":         "6 7",
		" 6/7":            "6 7",
		" 4xx or 5xx.":    "4xx 5xx",
		" 1.1":            "",
		" 10,000":         "",
		" 6 and the 7":    "6",
		" 6th":            "",
		" 6-7":            "6",
		"6":               "", // no space after the phrase
		" 6,7":            "", // like 10,000
		" 6 andy 7":       "6",
		" 6\n\nand\n7":    "6 7",
		" 0x10":           "",
		" 200, 201. 204,": "200 201",
	} {
		codes, _ := codeList([]byte(in), 0)
		var got []string
		for _, c := range codes {
			got = append(got, in[c[0]:c[1]])
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("codeList(%q) = %q, want %q", in, g, want)
		}
	}
}

func TestOverlap(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"503", "5xx", true},
		{"4xx", "404", true},
		{"4xx", "4xx", true},
		{"50x", "5xx", true},
		{"6xx", "5xx", false},
		{"5000", "5xx", false},
		{"-1", "-1", true},
		{"-1", "-x", false},
		{"40", "4x", true},
	} {
		if got := overlap(tc.a, tc.b); got != tc.want {
			t.Errorf("overlap(%q, %q) = %v", tc.a, tc.b, got)
		}
		if got := overlap(tc.b, tc.a); got != tc.want {
			t.Errorf("overlap(%q, %q) = %v", tc.b, tc.a, got)
		}
	}
}

func TestNear(t *testing.T) {
	c := testChecker(t)
	for _, tc := range []struct {
		group int
		code  string
		want  string
	}{
		{3, "50014", "50006 50007 50008"},
		{0, "2", "0 1 3"},
		{2, "650", "404 429 5xx"},
		{2, "6xx", "404 429 5xx"},
	} {
		if got := strings.Join(c.groups[tc.group].near(tc.code), " "); got != tc.want {
			t.Errorf("near(%s) = %s, want %s", tc.code, got, tc.want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, name := range []string{"seed.md", "mended.md"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("<!-- codes: opcodes -->\n| code | name |\n| - | - |\n| 9 | x |\n| 0 |\n"))
	f.Add([]byte("opcode 6 & 7, close\ncodes 4xx/5 and\n```json5\n{op: -3, 'code': 1e3}\n```\n"))
	f.Add([]byte("```go\nif c.Action() == codes.Abort || x.codes.Y { _ = codes.Nope `\n```\n"))
	f.Add([]byte("> <!-- codes: http-statuses -->\n> | code | name |\n> |--|--|\n> | 5xx | a \\| b |"))
	c := testChecker(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := diag.NewLines("f.md", src)
		nlines := bytes.Count(src, []byte("\n")) + 1
		doc := parse(src)
		got := c.Check(doc, src, lines)
		for i, p := range got {
			if p.Pos.Line < 1 || p.Pos.Line > nlines || p.Pos.Col < 1 || p.Msg == "" || p.Hint == "" {
				t.Fatalf("bad problem %v", p)
			}
			if i > 0 && (got[i-1].Pos.Line > p.Pos.Line || got[i-1].Pos.Line == p.Pos.Line && got[i-1].Pos.Col > p.Pos.Col) {
				t.Fatalf("problems not sorted:\n%v", got)
			}
		}
		// Checking again gives the same result: the ids set are stable.
		if again := c.Check(doc, src, lines); fmt.Sprint(again) != fmt.Sprint(got) {
			t.Fatalf("second check differs:\n%v\n%v", got, again)
		}
		var b bytes.Buffer
		if err := markdown.Renderer().Render(&b, src, doc); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzMarker(f *testing.F) {
	for _, s := range []string{
		"<!-- codes: close-codes -->", "<!--codes:a-->", "<!-- codes -->", "<!-- codes: a b -->",
		"<!--\ncodes:\nx\n-->\n", "<!-- note -->", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, at, st := parseMarker([]byte(s))
		switch st {
		case goodMarker:
			if !validName(name) || s[at:at+len(name)] != name {
				t.Fatalf("parseMarker(%q) = %q at %d", s, name, at)
			}
			if n, _, st := parseMarker([]byte("<!-- codes: " + name + " -->")); st != goodMarker || n != name {
				t.Fatalf("%q does not round-trip", name)
			}
		case noMarker, badMarker:
			if name != "" {
				t.Fatalf("parseMarker(%q) named %q for state %d", s, name, st)
			}
		default:
			t.Fatalf("state %d", st)
		}
		if !strings.HasPrefix(strings.TrimLeft(s, " \t\n\r\f\v"), "<!--") && st != noMarker {
			t.Fatalf("parseMarker(%q) = %d for a non-comment", s, st)
		}
	})
}
