package main

import (
	"os"
	"strings"
	"testing"
)

// FuzzParseSpec checks that any input either parses into a spec that
// generates valid Go, or fails with one file:line message per problem.
func FuzzParseSpec(f *testing.F) {
	if data, err := os.ReadFile("../../codes/codes.yaml"); err == nil {
		f.Add(data)
	}
	for _, tt := range parseErrorTests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSpec("codes.yaml", data)
		if err != nil {
			if s != nil {
				t.Errorf("parseSpec returned a spec with its errors")
			}
			list, ok := err.(interface{ Unwrap() []error })
			if !ok {
				t.Fatalf("error is not a list: %v", err)
			}
			for _, e := range list.Unwrap() {
				msg := e.Error()
				if !strings.HasPrefix(msg, "codes.yaml:") || strings.Contains(msg, "\n") {
					t.Errorf("message %q is not one line starting with codes.yaml:", msg)
				}
			}
			return
		}
		if _, err := generate(s); err != nil {
			t.Fatalf("generate from a valid spec: %v\nspec:\n%s", err, data)
		}
		if _, err := generateRegistry(s, nil); err != nil {
			t.Fatalf("generate from a valid spec: %v\nspec:\n%s", err, data)
		}
	})
}
