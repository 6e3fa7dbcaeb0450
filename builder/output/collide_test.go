package output

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	for _, pair := range [][2]string{{"Foo/Index.HTML", "foo/index.html"}, {"ÉCLAIR", "éclair"}, {"Straße", "STRAßE"}, {"K", "\u212a"}} {
		if fold(pair[0]) != fold(pair[1]) {
			t.Errorf("fold(%q) != fold(%q)", pair[0], pair[1])
		}
	}
	if fold("a") == fold("b") {
		t.Error("fold(a) == fold(b)")
	}
}

// FuzzFold checks fold's ASCII shortcut against folding rune by rune.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "a/b/index.html", "A/B", "Key", "\u212aey", "ſ", "a-Z_0.9~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), foldRunes(norm.NFC.String(s)); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}
