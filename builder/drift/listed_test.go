package drift

import (
	"strings"
	"testing"
)

// TestPageTables covers the page-level rule: prose may not name a code the
// page's own table of that group lacks, whether the table is bound or not.
func TestPageTables(t *testing.T) {
	opTable := "| code | name | action | meaning |\n| - | - | - | - |\n| 0 | dispatch | both | all typical gateway events |\n"
	tests := []struct {
		name string
		reg  func(*Registry)
		src  string
		want []string
	}{
		{"unbound table: the hint names the guessed group",
			nil,
			opTable + "\nSee opcode 0.\n",
			[]string{`p.md:1:1: code table is not bound to a group`}},
		{"unbound table lacks a mentioned code",
			nil,
			opTable + "\nSee opcode 1.\n",
			[]string{
				`p.md:1:1: code table is not bound to a group`,
				`p.md:5:12: opcode 1 is mentioned, but the gateway opcodes table at line 1 does not list it`,
			}},
		{"no table of the group on the page: mentions are checked against the spec only",
			nil,
			"See opcode 1 and close code 4004.\n",
			nil},
		{"a range row lists every code it covers",
			nil,
			"<!-- codes: http-statuses -->\n| code | name |\n| - | - |\n| 5xx | SERVER ERROR |\n\nA status code 503 or HTTP 404.\n",
			[]string{
				`p.md:4:1: missing row for status code 200`,
				`p.md:6:27: status code 404 is mentioned, but the HTTP status codes table at line 2 does not list it`,
			}},
		{"an omitted code may be mentioned",
			omit4011,
			"<!-- codes: close-codes -->\n| code | description |\n| - | - |\n| 4000 | unknown error |\n\nClose code 4011 is internal.\n",
			[]string{`p.md:4:1: missing row for close code 4001`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := testRegistry()
			if tt.reg != nil {
				tt.reg(&reg)
			}
			c, err := New(reg)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := check(c, "p.md", []byte(tt.src))
			// Missing rows are reported one per code; keep the first of
			// them, which is enough to show the table was bound.
			trimmed := got[:0]
			seenMissing := false
			for _, p := range got {
				if strings.HasPrefix(p.Msg, "missing row") {
					if seenMissing {
						continue
					}
					seenMissing = true
				}
				trimmed = append(trimmed, p)
			}
			matchProblems(t, trimmed, tt.want)
		})
	}

	// The hint of an unbound table names the marker to add.
	got, _ := check(testChecker(t), "p.md", []byte(opTable))
	if len(got) != 1 || got[0].Hint != "add <!-- codes: opcodes --> above it: its codes are gateway opcodes" {
		t.Errorf("unbound table hint: %v", got)
	}
}
