package builder

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestFrontMatterSwallowsNothing checks that front matter that would take
// the page's text with it is an error at its first line.
func TestFrontMatterSwallowsNothing(t *testing.T) {
	const unclosed = "p.md:1:1: front matter opened here is never closed"
	tests := []struct {
		name, src string
		want      string // the one problem, as printed up to its hint; "" for none
	}{
		{"unclosed YAML", "---\ntitle: x\n\n# Heading\n\nBody.\n", unclosed},
		{"unclosed TOML", "+++\ntitle = 'x'\n# Heading\n", unclosed},
		{"unclosed, CRLF", "---\r\ntitle: x\r\n# Heading\r\n", unclosed},
		{"unclosed, no newline", "---", unclosed},
		{"unclosed after a blank line", "\n---\ntitle: x\n# Heading\n", "p.md:2:1: front matter opened here is never closed"},
		{"after two blank lines it is a rule", "\n\n---\ntitle: x\n", ""},
		{"unclosed after a heading", "# Title\n---\ntitle: x\n", "p.md:2:1: front matter opened here is never closed"},
		{"closed after a heading", "# Title\n---\n# Sub\n---\n", "p.md:2:1: front matter holds only comments"},
		{"key placed after a heading", "# Title\n---\ntitle: x\ntitel: y\n---\n", `p.md:4:1: unknown front matter key "titel"`},
		{"YAML error placed after a heading", "# Title\n---\ntitle: x\nweight: [\n---\n", "p.md:4: invalid front matter: line 4:"},
		{"YAML error placed", "---\ntitle: x\nweight: [\n---\n", "p.md:3: invalid front matter: line 3:"},
		{"closed by a longer run", "---\ntitle: x\n----\n# Heading\n", unclosed},
		{"only comments", "---\n# Heading\n\n## Sub\n---\nBody.\n", "p.md:1:1: front matter holds only comments"},
		{"text between thematic breaks", "---\nHello world\n---\n", "p.md:2: invalid front matter"},
		{"closed", "---\ntitle: x\n---\n# Heading\n", ""},
		{"closed, CRLF", "---\r\ntitle: x\r\n---\r\n# Heading\r\n", ""},
		{"closed TOML", "+++\ntitle = 'x'\n+++\n# Heading\n", ""},
		{"empty", "---\n---\n# Heading\n", ""},
		{"comment and key", "---\n# the title\ntitle: x\n---\n", ""},
		{"no front matter", "# Heading\n\n---\n\ntext\n", ""},
		{"a rule later", "Text\n\n---\n", ""},
	}
	b, err := New(Config{Content: fstest.MapFS{}, Theme: testTheme})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := b.parsePage("p.md", []byte(tt.src))
			switch {
			case tt.want == "" && len(problems) > 0:
				t.Errorf("problems:\n%v", problems)
			case tt.want != "" && (len(problems) != 1 || !strings.HasPrefix(problems[0].String(), tt.want) || problems[0].Hint == ""):
				t.Errorf("problems:\n%v\nwant one starting %q, with a hint", problems, tt.want)
			}
		})
	}
}

// TestUnclosedFrontMatterFailsTheBuild checks the problem reaches Build.
func TestUnclosedFrontMatterFailsTheBuild(t *testing.T) {
	content := fstest.MapFS{
		"_index.md": md("# Home\n"),
		"guide.md":  md("---\ntitle: Guide\n\n# Guide\n\nAll of the guide.\n"),
	}
	_, err := build(t, content, Config{Dest: t.TempDir() + "/public"})
	if err == nil || !strings.Contains(err.Error(), "guide.md:1:1: front matter opened here is never closed") ||
		!strings.Contains(err.Error(), "hint: end the front matter with a --- line") {
		t.Errorf("build: %v", err)
	}
}
