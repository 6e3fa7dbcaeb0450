package codespec

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
)

// twoGroups is a spec of two groups that share code numbers, with an enum
// column, a free column and a range.
const twoGroups = `package: voice
output: zz_codes.go
groups:
  - name: gateway-close
    title: gateway close codes
    type: CloseCode
    anchor: gw
    mentions: [gateway close code]
    const_prefix: Close
    columns:
      - name: description
      - name: action
        method: Action
        enum:
          type: Action
          values:
            - {name: resume, doc: try again}
            - {name: abort, const: Abort}
      - name: notes
        free: true
      - name: meaning
        method: Meaning
    entries:
      - {code: 4001, description: unknown opcode, action: resume, meaning: "no idea what ` + "`op`" + ` is"}
      - {code: 4002, description: decode error, action: abort, meaning: bad JSON}
  - name: voice-close
    title: voice close codes
    type: VoiceCloseCode
    code: range
    anchor: voice
    mentions: [voice close code]
    json_keys: [voice_code]
    const_prefix: Voice
    columns:
      - name: description
    entries:
      - {code: 4001, description: unknown opcode}
      - {code: 4002, description: failed to decode payload, const: VoiceBadPayload}
      - {code: 41xx, description: media errors}
`

func TestParse(t *testing.T) {
	s, err := Parse("voice.yaml", []byte(twoGroups))
	if err != nil {
		t.Fatal(err)
	}
	if s.Package != "voice" || s.Output != "zz_codes.go" || len(s.Groups) != 2 {
		t.Fatalf("spec %+v", s)
	}
	g := s.Groups[1]
	var consts []string
	for _, e := range g.Entries {
		consts = append(consts, e.Const)
	}
	if want := []string{"VoiceUnknownOpcode", "VoiceBadPayload", ""}; !reflect.DeepEqual(consts, want) {
		t.Errorf("constants %q, want %q", consts, want)
	}
	if e := g.Entries[2]; e.Lo != 4100 || e.Hi != 4199 || !e.IsRange() {
		t.Errorf("41xx covers %d-%d", e.Lo, e.Hi)
	}
	if ev := s.Groups[0].Columns[1].Enum.Values; ev[0].Const != "ActionResume" || ev[1].Const != "Abort" {
		t.Errorf("enum values %+v", ev)
	}
	if got := s.Groups[0].String; got != "description" {
		t.Errorf("String column %q, want the first text column", got)
	}
}

// TestRegistry checks the registry the drift check gets: both groups,
// with the same codes; free columns are not checked.
func TestRegistry(t *testing.T) {
	s, err := Parse("voice.yaml", []byte(twoGroups))
	if err != nil {
		t.Fatal(err)
	}
	reg := s.Registry([]string{"Hand"})
	if _, err := drift.New(*reg); err != nil {
		t.Fatalf("not a valid registry: %v", err)
	}
	g := reg.Groups[0]
	if g.Name != "gateway-close" || g.Anchor != "gw" || !reflect.DeepEqual(g.Columns, []string{"description", "action", "meaning"}) {
		t.Errorf("group %+v", g)
	}
	if got := g.Entries[0].Fields["meaning"]; got != "no idea what `op` is" {
		t.Errorf("meaning %q: the registry keeps the Markdown", got)
	}
	if reg.Groups[1].Entries[0].Code != "4001" || g.Entries[0].Code != "4001" {
		t.Errorf("the groups do not share 4001")
	}
	want := []string{"Abort", "ActionResume", "Action", "CloseCode", "CloseDecodeError", "CloseUnknownOpcode", "Hand", "VoiceBadPayload", "VoiceCloseCode", "VoiceUnknownOpcode"}
	if got := reg.Packages[0].Exported; reg.Packages[0].Name != "voice" || !sameSet(got, want) {
		t.Errorf("package %s exports %q, want %q", reg.Packages[0].Name, got, want)
	}
	// Each call hands out its own data.
	g.Entries[0].Fields["meaning"] = "changed"
	if s.Registry(nil).Groups[0].Entries[0].Fields["meaning"] == "changed" {
		t.Errorf("a change to one registry shows in the next")
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

// TestKettuSpec checks that the kettu spec parses into its four groups.
func TestKettuSpec(t *testing.T) {
	s, err := ReadFile("../codes/codes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range s.Groups {
		names = append(names, g.Name)
	}
	if want := []string{"opcodes", "close-codes", "http-statuses", "json-codes"}; !reflect.DeepEqual(names, want) {
		t.Errorf("groups %q, want %q", names, want)
	}
}

const okGroup = `groups:
  - name: g
    title: things
    columns: [{name: meaning}]
    entries:
      - {code: 1, meaning: one}
`

var parseErrorTests = []struct {
	name, in string
	want     []string // "line: message | hint"
}{
	{"empty", "", []string{"1: empty spec"}},
	{"not a mapping", "- a\n", []string{"1: spec must be a mapping"}},
	{"typo in a top key", "groupz: []\n", []string{
		`1: unknown key "groupz" in spec | did you mean groups? the keys are package, output and groups`,
		"1: spec has no groups",
	}},
	{"bad package", "package: 9lives\ngroups: []\n", []string{`1: package "9lives" is not a Go identifier`}},
	{"output without package", "output: zz.go\ngroups: []\n", []string{"1: output without package"}},
	{"output not go", "package: p\noutput: zz.txt\ngroups: []\n", []string{`2: output "zz.txt" is not a .go file`}},
	{"group without name and title", "groups:\n  - {columns: [{name: m}], entries: []}\n", []string{
		"2: group has no name", "2: group  has no title",
	}},
	{"type required with a package", "package: p\n" + okGroup, []string{"3: group g has no type (the spec has a package)"}},
	{"typo in a group key", strings.Replace(okGroup, "title:", "tilte:", 1), []string{
		`3: unknown key "tilte" in group | did you mean title?`,
		"2: group g has no title",
	}},
	{"bad code form", strings.Replace(okGroup, "title: things", "title: things\n    code: ranges", 1), []string{`4: bad code form "ranges"`}},
	{"range not allowed", strings.Replace(okGroup, "code: 1,", "code: 5xx,", 1), []string{"6: bad code 5xx: g has no ranges"}},
	{"code with a leading zero", strings.Replace(okGroup, "code: 1,", "code: \"01\",", 1), []string{`6: bad code "01": want an integer`}},
	{"code out of range", strings.Replace(okGroup, "code: 1,", "code: 99999999999,", 1), []string{"6: code 99999999999 is out of range"}},
	{"pattern", strings.Replace(okGroup, "title: things", "title: things\n    pattern: ^4[0-9]{3}$", 1), []string{"7: code 1 does not match the pattern ^4[0-9]{3}$ of g"}},
	{"bad pattern", strings.Replace(okGroup, "title: things", "title: things\n    pattern: \"(\"", 1), []string{"4: bad pattern: error parsing regexp: missing closing ): `(`"}},
	{"duplicate code", okGroup + "      - {code: 1, meaning: again}\n", []string{"7: duplicate code 1 in g (first at line 6)"}},
	{"ranges that overlap", strings.Replace(okGroup, "title: things", "title: things\n    code: range", 1) + "      - {code: 1x, meaning: tens}\n      - {code: 15-25, meaning: some}\n", []string{"9: range 15-25 overlaps range 1x at line 8"}},
	{"explicit range backwards", strings.Replace(okGroup, "title: things", "title: things\n    code: range", 1) + "      - {code: 25-15, meaning: some}\n", []string{"8: bad range 25-15: it ends before it starts"}},
	{"explicit range without code: range", okGroup + "      - {code: 15-25, meaning: some}\n", []string{"7: bad code 15-25: g has no ranges"}},
	{"string code with spaces", strings.Replace(okGroup, "title: things", "title: things\n    code: string", 1) + "      - {code: NOT VALID, meaning: some}\n", []string{`8: bad code "NOT VALID"`}},
	{"string code against the pattern", strings.Replace(okGroup, "title: things", "title: things\n    code: string\n    pattern: ^[A-Z_]+$", 1), []string{"8: code 1 does not match the pattern ^[A-Z_]+$ of g"}},
	{"string code twice", strings.Replace(okGroup, "title: things", "title: things\n    code: string", 1) + "      - {code: \"1\", meaning: again}\n", []string{"8: duplicate code 1 in g (first at line 7)"}},
	{"column of an unknown group", strings.Replace(okGroup, "[{name: meaning}]", "[{name: meaning, group: htp}]", 1), []string{`2: column "meaning" of group g: no group "htp"`}},
	{"column of another group's codes", strings.Replace(okGroup, "[{name: meaning}]", "[{name: meaning, group: g}]", 1), []string{`6: meaning one of g entry 1 is not one of the things`}},
	{"code_with of an unknown column", strings.Replace(okGroup, "title: things", "title: things\n    code_with: name", 1), []string{`4: code_with "name" is not a column of group g`}},
	{"code_header column listed", strings.Replace(strings.Replace(okGroup, "title: things", "title: things\n    code_header: Number", 1), "[{name: meaning}]", "[{name: number}, {name: meaning}]", 1), []string{`5: column "number" is the code column (code_header)`}},
	{"missing column", strings.Replace(okGroup, "{code: 1, meaning: one}", "{code: 1}", 1), []string{"6: g entry 1 has no meaning"}},
	{"unknown column in entry", strings.Replace(okGroup, "{code: 1, meaning: one}", "{code: 1, meaning: one, meanin: x}", 1), []string{`6: unknown key "meanin" in entry | did you mean meaning?`}},
	{"free column value", strings.Replace(okGroup, "[{name: meaning}]", "[{name: meaning}, {name: notes, free: true}]", 1) + "      - {code: 2, meaning: two, notes: x}\n", []string{`7: unknown key "notes" in entry`}},
	{"two-line text", strings.Replace(okGroup, "meaning: one}", "meaning: \"a\\nb\"}", 1), []string{"6: meaning must be one line"}},
	{"code column listed", strings.Replace(okGroup, "[{name: meaning}]", "[{name: Code}, {name: meaning}]", 1), []string{`4: column "Code" | the code column is implied`}},
	{"duplicate column", strings.Replace(okGroup, "[{name: meaning}]", "[{name: meaning}, {name: Meaning}]", 1), []string{`4: duplicate column "Meaning"`}},
	{"unknown enum value", "groups:\n  - name: g\n    title: t\n    columns:\n      - name: action\n        enum: {type: Action, values: [{name: resume}, {name: abort}]}\n    entries:\n      - {code: 1, action: resum}\n", []string{
		`8: unknown action "resum" | did you mean resume? the values are resume or abort`,
	}},
	{"enum without values", "groups:\n  - name: g\n    title: t\n    columns:\n      - name: action\n        enum: {type: Action}\n    entries: []\n", []string{`6: enum of column "action" needs a list of values`}},
	{"const_from not a column", strings.Replace(okGroup, "title: things", "title: things\n    const_from: meanin", 1), []string{`4: const_from "meanin" is not a column of group g | did you mean meaning?`}},
	{"shared names", okGroup + strings.Replace(okGroup, "groups:\n", "", 1), []string{`7: name "g" of group g is also that of group g (line 2)`, `7: anchor "g" of group g is also that of group g (line 2)`}},
	{"duplicate constants", "package: p\ngroups:\n  - name: g\n    title: t\n    type: G\n    columns: [{name: m}]\n    entries:\n      - {code: 1, m: same}\n      - {code: 2, m: Same}\n", []string{"9: duplicate Go name Same (first at line 8)"}},
	{"type taken by a constant", "package: p\ngroups:\n  - name: g\n    title: t\n    type: G\n    columns: [{name: m}]\n    entries:\n      - {code: 1, m: g}\n", []string{"8: duplicate Go name G (first at line 3)"}},
	{"range const", "groups:\n  - name: g\n    title: t\n    code: range\n    columns: [{name: m}]\n    entries:\n      - {code: 5xx, m: x, const: Five}\n", []string{"7: range 5xx gets no constant"}},
	{"alias", "groups:\n  - &a {name: g, title: t, entries: []}\n  - *a\n", []string{"3: aliases are not supported"}},
	{"two documents", okGroup + "---\na: 1\n", []string{"7: more than one YAML document"}},
	{"yaml syntax", "groups: [\n", []string{"1: did not find expected node content"}},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range parseErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("spec.yaml", []byte(tt.in))
			if err == nil {
				t.Fatalf("no error; spec %+v", s)
			}
			if s != nil {
				t.Errorf("a spec with its problems")
			}
			var got []string
			for _, p := range err.(diag.List) {
				if p.Pos.File != "spec.yaml" {
					t.Errorf("problem in %q", p.Pos.File)
				}
				got = append(got, strings.TrimSuffix(strings.ReplaceAll(p.String(), "\n\thint: ", " | "), " | "))
			}
			for _, w := range tt.want {
				if !containsPrefix(got, "spec.yaml:"+w) {
					t.Errorf("no problem %q in:\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// FuzzParse checks that any input either parses into a spec that
// generates valid Go and a valid registry, or fails with one-line problems
// in the spec's file.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("../codes/codes.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(twoGroups))
	for _, tt := range parseErrorTests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("spec.yaml", data)
		if err != nil {
			list, ok := err.(diag.List)
			if !ok || len(list) == 0 {
				t.Fatalf("error is not a list of problems: %v", err)
			}
			for _, p := range list {
				if p.Pos.File != "spec.yaml" || strings.Contains(p.Msg, "\n") {
					t.Errorf("problem %q is not one line in spec.yaml", p)
				}
			}
			return
		}
		if _, err := drift.New(*s.Registry(nil)); err != nil {
			t.Fatalf("registry of a valid spec: %v\nspec:\n%s", err, data)
		}
		if s.Package == "" {
			return
		}
		if _, err := s.Generate("p", nil); err != nil {
			t.Fatalf("generate from a valid spec: %v\nspec:\n%s", err, data)
		}
	})
}
