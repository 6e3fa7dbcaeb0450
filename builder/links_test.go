package builder

import "testing"

func TestRelURL(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"", "", "./"},
		{"", "a/", "a/"},
		{"a/", "", "../"},
		{"a/", "a/", "./"},
		{"a/b/", "a/c/", "../c/"},
		{"a/b/", "a/", "../"},
		{"a/b/", "a/b/", "./"},
		{"a/b/", "a/b/c/", "c/"},
		{"a/b/", "x/y/", "../../x/y/"},
		{"a/b/", "a/img.png", "../img.png"},
		{"a/", "a/img.png", "img.png"},
		{"", "theme.css", "theme.css"},
		{"ab/", "a/", "../a/"},
	}
	for _, tt := range tests {
		if got := relURL(tt.from, tt.to); got != tt.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
