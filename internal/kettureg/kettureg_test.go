package kettureg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/codes"

	"github.com/kettu/kettudocs/builder/drift"
)

func TestRegistry(t *testing.T) {
	reg := Registry()
	var names []string
	for _, g := range reg.Groups {
		names = append(names, g.Name)
		if len(g.Entries) == 0 {
			t.Errorf("group %s has no entries", g.Name)
		}
	}
	if want := []string{"opcodes", "close-codes", "http-statuses", "json-codes"}; !reflect.DeepEqual(names, want) {
		t.Errorf("groups %v, want %v", names, want)
	}
	if _, err := drift.New(*reg); err != nil {
		t.Errorf("the kettu codes are not a valid registry: %v", err)
	}
}

// TestSpecText checks that the rows hold the spec's text exactly, Markdown
// kept, as the docs' table cells must read.
func TestSpecText(t *testing.T) {
	tests := []struct{ group, code, col, want string }{
		{"close-codes", "4007", "description", "invalid `seq`"},
		{"close-codes", "4007", "action", "restart"},
		{"opcodes", "6", "action", "receive"},
		{"http-statuses", "401", "meaning", "you need an `Authorization` header"},
		{"http-statuses", "5xx", "name", "SERVER ERROR"},
	}
	for _, tt := range tests {
		var got string
		for _, g := range Registry().Groups {
			for _, e := range g.Entries {
				if g.Name == tt.group && e.Code == tt.code {
					got = e.Fields[tt.col]
				}
			}
		}
		if got != tt.want {
			t.Errorf("%s %s %s = %q, want %q", tt.group, tt.code, tt.col, got, tt.want)
		}
	}
}

// TestRegistryFresh checks that a caller changing its registry changes
// nobody else's.
func TestRegistryFresh(t *testing.T) {
	a := Registry()
	a.Groups[0].Mentions[0] = "changed"
	a.Groups[1].Entries[0].Fields["action"] = "changed"
	a.Packages[0].Exported[0] = "changed"
	if b := Registry(); !reflect.DeepEqual(b.Groups[0].Mentions[0], "opcode") ||
		b.Groups[1].Entries[0].Fields["action"] == "changed" || b.Packages[0].Exported[0] == "changed" {
		t.Errorf("a change to one registry shows in the next")
	}
}

// TestIdentifiers checks the generated list of exported names against the
// source of package codes, generated file included: the docs checker
// trusts it to tell a Go example's codes.X apart from a name that does not
// exist.
func TestIdentifiers(t *testing.T) {
	const dir = "../../codes"
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, fi := range files {
		if !strings.HasSuffix(fi.Name(), ".go") || strings.HasSuffix(fi.Name(), "_test.go") {
			continue
		}
		// The file scope holds the top-level names; methods are not in it.
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, fi.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for name := range f.Scope.Objects {
			if ast.IsExported(name) {
				want = append(want, name)
			}
		}
	}
	sort.Strings(want)
	if got := Registry().Packages[0].Exported; !reflect.DeepEqual(got, want) {
		t.Errorf("Registry().Packages[0].Exported = %v\nwant %v\n(run go generate ./...)", got, want)
	}
}

// TestAgreesWithClient checks that the docs' rows and the client package
// say the same of every code: both are generated from one spec, and this
// catches a generator that lets them part.
func TestAgreesWithClient(t *testing.T) {
	plain := func(s string) string { return strings.ReplaceAll(s, "`", "") }
	for _, g := range Registry().Groups {
		for _, e := range g.Entries {
			n, err := strconv.Atoi(e.Code)
			if err != nil {
				n, _ = strconv.Atoi(strings.TrimRight(e.Code, "x"))
				n *= 100 // 5xx: its first status
			}
			var got map[string]string
			switch g.Name {
			case "opcodes":
				c := codes.Opcode(n)
				got = map[string]string{"name": c.String(), "action": c.Direction().String(), "meaning": c.Meaning()}
			case "close-codes":
				c := codes.CloseCode(n)
				got = map[string]string{"description": c.String(), "action": c.Action().String(), "meaning": c.Meaning()}
			case "http-statuses":
				c := codes.HTTPStatus(n)
				got = map[string]string{"name": c.String(), "meaning": c.Meaning()}
			case "json-codes":
				got = map[string]string{"meaning": codes.JSONCode(n).String()}
			}
			for col, want := range e.Fields {
				if got[col] != plain(want) {
					t.Errorf("%s %s: %s is %q in the client, %q in the docs' registry", g.Name, e.Code, col, got[col], want)
				}
			}
		}
	}
}
