package codespec

import (
	"strings"
	"testing"
)

// diffSpec is a spec of close codes and opcodes, for Diff's tests to edit.
const diffSpec = `groups:
  - name: close
    title: gateway close codes
    type: CloseCode
    anchor: close
    const_prefix: Close
    columns:
      - name: description
      - name: action
        enum:
          type: Action
          values: [{name: resume}, {name: abort}]
    entries:
      - {code: 4000, description: unknown error, action: resume}
      - {code: 4001, description: unknown opcode, action: resume}
      - {code: 4004, description: authentication failed, action: abort}
  - name: opcodes
    title: gateway opcodes
    type: Opcode
    anchor: op
    const_prefix: Op
    columns:
      - name: name
    entries:
      - {code: 1, name: Heartbeat}
`

func TestDiff(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		want []string
	}{
		{"same", func(s string) string { return s }, nil},
		{"added", func(s string) string {
			return s + "      - {code: 2, name: Identify}\n"
		}, []string{"gateway opcodes: 2 added: Identify"}},
		{"removed", func(s string) string {
			return strings.Replace(s, "      - {code: 4001, description: unknown opcode, action: resume}\n", "", 1)
		}, []string{"gateway close codes: 4001 removed (was unknown opcode) [breaking]"}},
		{"renumbered", func(s string) string {
			return strings.Replace(s, "code: 4004", "code: 4014", 1)
		}, []string{"gateway close codes: authentication failed renumbered 4004 → 4014 [breaking]"}},
		{"description changed", func(s string) string {
			return strings.Replace(s, "unknown error", "unknown error or bug", 1)
		}, []string{`gateway close codes: 4000 description changed: "unknown error" → "unknown error or bug"`}},
		{"action changed", func(s string) string {
			return strings.Replace(s, "unknown opcode, action: resume", "unknown opcode, action: abort", 1)
		}, []string{`gateway close codes: 4001 action changed: "resume" → "abort" [breaking]`}},
		{"group removed and added", func(s string) string {
			return strings.Replace(s, "name: opcodes", "name: ops", 1)
		}, []string{"group ops (gateway opcodes) added", "group opcodes (gateway opcodes) removed [breaking]"}},
	}
	old, err := Parse("old.yaml", []byte(diffSpec))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			new, err := Parse("new.yaml", []byte(tt.edit(diffSpec)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range Diff(old, new) {
				got = append(got, c.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
