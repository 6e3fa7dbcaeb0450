package codespec

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gtext "github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
)

// checkPage runs the drift check of page against the spec.
func checkPage(t *testing.T, spec, page []byte) diag.List {
	t.Helper()
	s, err := Parse("codes.yaml", spec)
	if err != nil {
		t.Fatalf("the extracted spec does not parse: %v\n%s", err, spec)
	}
	c, err := drift.New(*s.Registry(nil))
	if err != nil {
		t.Fatalf("the extracted spec is not a registry: %v", err)
	}
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(gtext.NewReader(page))
	return c.Check(doc, page, diag.NewLines("page.md", page))
}

// TestExtractSeed extracts a spec from the seed-shaped page: the page,
// with the markers, passes the check against it; the spec has a group per
// table; a second extraction changes nothing.
func TestExtractSeed(t *testing.T) {
	src, err := os.ReadFile("../cmd/kettudocs/testdata/seed-verbatim.md")
	if err != nil {
		t.Fatal(err)
	}
	x, err := Extract("seed.md", src)
	if err != nil {
		t.Fatal(err)
	}
	if x.Groups != 4 {
		t.Errorf("%d groups, want 4", x.Groups)
	}
	if got := checkPage(t, x.Spec, x.Page); len(got) > 0 {
		t.Errorf("the marked page has problems:\n%v", got)
	}
	// Unmarked, it does not pass: the markers are what bind the tables.
	if got := checkPage(t, x.Spec, src); len(got) != 4 || !strings.Contains(got[0].Msg, "not bound") {
		t.Errorf("the unmarked page: %v", got)
	}
	for _, want := range []string{
		"<!-- codes: opcodes -->\n| code | name      | action  |",
		"<!-- codes: close-codes -->\n| code | description",
		"<!-- codes: http-response-codes -->\n",
		"<!-- codes: json-error-codes -->\n",
	} {
		if !strings.Contains(string(x.Page), want) {
			t.Errorf("no %q in the page", want)
		}
	}
	s, _ := Parse("codes.yaml", x.Spec)
	if g := s.Groups[2]; g.Name != "http-response-codes" || !g.Ranges || len(g.Columns) != 3 || g.Entries[9].Code != "5xx" || g.Entries[0].Fields["cat"] != "[cat](https://http.cat/200)" {
		t.Errorf("HTTP group: %+v", g)
	}
	if got := s.Groups[1].Entries[6].Fields["description"]; got != "invalid `seq`" {
		t.Errorf("4007 description %q: Markdown is kept", got)
	}
	again, err := Extract("seed.md", x.Page)
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Page) != string(x.Page) || string(again.Spec) != string(x.Spec) {
		t.Errorf("a second extraction changed something")
	}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name, page string
		spec       []string // lines the spec has
		marked     string   // what the marked page has
	}{
		{
			name:   "front matter, escaped pipe and an empty cell",
			page:   "---\ntitle: Codes\n---\n\n# Voice close codes\n\n| Code | Description | Notes |\n|---|---|---|\n| 4001 | a \\| b | x |\n| 4002 | `c` |  |\n",
			spec:   []string{"  - name: voice-close-codes", "    title: Voice close codes", "      - name: Notes\n        free: true", "        Description: a | b", "        Description: '`c`'"},
			marked: "# Voice close codes\n\n<!-- codes: voice-close-codes -->\n| Code |",
		},
		{
			name:   "a table bound already keeps its name",
			page:   "# X\n\n<!-- codes: mine -->\n| code | meaning |\n|---|---|\n| 1 | one |\n",
			spec:   []string{"  - name: mine"},
			marked: "<!-- codes: mine -->\n| code |",
		},
		{
			name:   "two tables under one heading",
			page:   "# Codes\n\n| code | m |\n|---|---|\n| 1 | one |\n\n| code | m |\n|---|---|\n| 1 | uno |\n",
			spec:   []string{"  - name: codes\n", "  - name: codes-2\n", "        m: uno"},
			marked: "<!-- codes: codes-2 -->\n",
		},
		{
			name: "tables without a code column are left alone",
			page: "| id | m |\n|---|---|\n| 1 | one |\n\n| code | m |\n|---|---|\n| 5xx | five |\n",
			spec: []string{"  - name: codes\n    title: codes\n    code: range"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Extract("page.md", []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.spec {
				if !strings.Contains(string(x.Spec), want) {
					t.Errorf("no %q in the spec:\n%s", want, x.Spec)
				}
			}
			if !strings.Contains(string(x.Page), tt.marked) {
				t.Errorf("no %q in the page:\n%s", tt.marked, x.Page)
			}
			if got := checkPage(t, x.Spec, x.Page); len(got) > 0 {
				t.Errorf("the marked page has problems:\n%v", got)
			}
		})
	}
}

func TestExtractProblems(t *testing.T) {
	tests := []struct{ name, page, want string }{
		{"no tables", "# Hi\n", `page.md: no code tables`},
		{"malformed code", "# A\n\n| code | m |\n|---|---|\n| 1 | one |\n| x1 | two |\n", `page.md:6:3: the table under "A" is not extracted: "x1" is not a code`},
		{"duplicate code", "# A\n\n| code | m |\n|---|---|\n| 1 | one |\n| 1 | two |\n", `page.md:6:3: the table under "A" is not extracted: code 1 is listed twice (first at line 5)`},
		{"duplicate column", "# A\n\n| code | m | M |\n|---|---|---|\n| 1 | one | x |\n", `page.md:3:14: the table under "A" is not extracted: two columns "M"`},
		{"reserved column", "# A\n\n| code | omit |\n|---|---|\n| 1 | one |\n", `page.md:3:10: the table under "A" is not extracted: column "omit": the spec uses that name itself`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Extract("page.md", []byte(tt.page))
			if err == nil {
				t.Fatalf("no problem; spec:\n%s", x.Spec)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// FuzzExtract checks that whatever Extract makes of a page parses as a
// spec, and that the page it marks passes the check against it.
func FuzzExtract(f *testing.F) {
	if src, err := os.ReadFile("../cmd/kettudocs/testdata/seed-verbatim.md"); err == nil {
		f.Add(src)
	}
	f.Add([]byte("| code | a |\n|---|---|\n| 1 | `x` \\| y |\n"))
	f.Fuzz(func(t *testing.T, page []byte) {
		x, err := Extract("page.md", page)
		if err != nil {
			return
		}
		// The tables it took pass; those it skipped are left unbound.
		got := checkPage(t, x.Spec, x.Page)
		if len(x.Skipped) > 0 {
			got = slices.DeleteFunc(got, func(p diag.Problem) bool { return p.Msg == "code table is not bound to a group" })
		}
		if len(got) > 0 {
			t.Errorf("the marked page has problems:\n%v\npage:\n%s\nspec:\n%s", got, x.Page, x.Spec)
		}
	})
}
