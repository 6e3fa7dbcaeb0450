package assets

import "testing"

func TestMinifyAsset(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a.css", "/* theme */\nbody {\n  color: red;\n}\n", "body{color:red}"},
		{"a.js", "// hi\nvar answer = 1 + 1;\n", "var answer=1+1"},
		{"a.js", "this is { not js", "this is { not js"}, // kept as it is
		{"a.txt", "  spaced  ", "  spaced  "},
		{"lib/x.min.js", "/*! licence */\nvar a = 1;\n", "/*! licence */\nvar a = 1;\n"}, // vendored, minified already
		{"x.min.css", "/*! licence */ b { }", "/*! licence */ b { }"},
	}
	for _, tt := range tests {
		if got := string(minifyAsset(tt.name, []byte(tt.in))); got != tt.want {
			t.Errorf("minifyAsset(%s, %q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
