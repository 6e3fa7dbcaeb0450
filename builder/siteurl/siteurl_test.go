package siteurl

import (
	"strings"
	"testing"
)

func TestRel(t *testing.T) {
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
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// FuzzRel checks Rel against the definition it replaced: split both
// paths at "/", drop the folders they share, climb out of from's others.
func FuzzRel(f *testing.F) {
	for _, s := range [][2]string{{"", ""}, {"a/b/", "a/c/"}, {"a/b", "a/b/c"}, {"ab/", "a/"}, {"a/", "a"}, {"a/b/", "a/b/x.png"}, {"x//y/", "x//z"}, {"/", "x"}, {"/", "/"}, {"a", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, from, to string) {
		fromDirs := strings.Split(strings.TrimSuffix(from, "/"), "/")
		if from == "" {
			fromDirs = nil
		}
		toParts := strings.Split(to, "/")
		i := 0
		for i < len(fromDirs) && i < len(toParts)-1 && fromDirs[i] == toParts[i] {
			i++
		}
		want := strings.Repeat("../", len(fromDirs)-i) + strings.Join(toParts[i:], "/")
		if want == "" {
			want = "./"
		}
		if got := Rel(from, to); got != want {
			t.Errorf("Rel(%q, %q) = %q, want %q", from, to, got, want)
		}
	})
}

func TestPage(t *testing.T) {
	tests := []struct {
		file, url string
		index     bool
	}{
		{"_index.md", "", true},
		{"index.md", "", true},
		{"a.md", "a/", false},
		{"guide/_index.md", "guide/", true},
		{"guide/intro.md", "guide/intro/", false},
		{"a/b/c.md", "a/b/c/", false},
	}
	for _, tt := range tests {
		url, index := Page(tt.file)
		if url != tt.url || index != tt.index {
			t.Errorf("Page(%q) = %q, %v; want %q, %v", tt.file, url, index, tt.url, tt.index)
		}
	}
}

func TestSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"guide/", "guide/"},
		{"javascript:alert(1)/", "./javascript:alert(1)/"},
		{"JavaScript:x", "./JavaScript:x"},
		{"data:text,hi/", "./data:text,hi/"},
		{"a/b:c/", "a/b:c/"},
		{"%41/", "%2541/"},
		{"#top/", "%23top/"},
		{"?q/", "%3Fq/"},
		{`\\evil.example/`, "%5C%5Cevil.example/"},
		{"#x:y/", "./%23x:y/"},
	}
	for _, tt := range tests {
		if got := Safe(tt.in); got != tt.want {
			t.Errorf("Safe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ from, to, want string }{
		{"", "javascript:x/", "./javascript:x/"},
		{"a/", "a/javascript:x/", "./javascript:x/"},
		{"a/", "b:c/", "../b:c/"},
		{"a/b/", "a/%41/", "../%2541/"},
	} {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
