package sanitize

import "testing"

func TestActiveFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.html": true, "x/b.HTM": true, "logo.svg": true, "LOGO.SVG": true, "feed.xml": true,
		"theme.1a2b3c4d.js": true, "m.mjs": true, "s.css": true, "w.wasm": true, "page.xhtml": true,
		"a.png": false, "a.pdf": false, "a.txt": false, "a.json": false, "a.md": false, "svg": false, "html.png": false,
	} {
		if got := ActiveFile(name); got != want {
			t.Errorf("ActiveFile(%q) = %v, want %v", name, got, want)
		}
	}
}
