package codes_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"kettudocs/codes"
)

// TestIdentifiers checks the generated list of exported names against the
// package's source, generated file included: the docs checker trusts it to
// tell a Go example's codes.X apart from a name that does not exist.
func TestIdentifiers(t *testing.T) {
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, fi := range files {
		if !strings.HasSuffix(fi.Name(), ".go") || strings.HasSuffix(fi.Name(), "_test.go") {
			continue
		}
		// The file scope holds the top-level names; methods are not in it.
		f, err := parser.ParseFile(token.NewFileSet(), fi.Name(), nil, 0)
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
	if !reflect.DeepEqual(codes.Identifiers, want) {
		t.Errorf("codes.Identifiers = %v\nwant %v\n(run go generate ./...)", codes.Identifiers, want)
	}
}
