package builder

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestFrontMatterKeys checks the front matter of a site written for
// another generator: a near miss of a known key is a problem naming the
// key it likely means; any other key is kept for the layouts as .Params.
func TestFrontMatterKeys(t *testing.T) {
	tests := []struct {
		name, page string
		problems   []string // "line:col: msg | hint prefix"
		html       string   // what the page's layout renders, if it builds
	}{
		{
			name:     "typo of title",
			page:     "---\ntilte: Hello\n---\n# Hi\n",
			problems: []string{`2:1: unknown front matter key "tilte" | did you mean title? The known keys are aliases, anchors, description, draft, layout, order, redirect_from, title, weight`},
		},
		{
			name:     "capitalized key",
			page:     "---\nTitle: Hello\nwieght: 2\n---\n# Hi\n",
			problems: []string{`2:1: unknown front matter key "Title" | did you mean title?`, `3:1: unknown front matter key "wieght" | did you mean weight?`},
		},
		{
			name: "other generators' keys are kept",
			page: "---\ntitle: Hello\ndate: 2024-01-02\nauthor: Ada\ntags: [a, b]\nsidebar_position: 3\nextra: {team: voice}\n---\nBody.\n",
			html: "<title>Hello</title>author=Ada tags=[a b] pos=3 team=voice date=true missing=",
		},
		{
			name: "TOML",
			page: "+++\ntitle = \"Hello\"\nauthor = \"Ada\"\n+++\nBody.\n",
			html: "<title>Hello</title>author=Ada tags=[] pos= team=<no value> date=false missing=",
		},
		{
			name: "none",
			page: "# Hello\n",
			html: "<title>Hello</title>author= tags=[] pos= team=<no value> date=false missing=",
		},
	}
	theme := fstest.MapFS{
		"layouts/page.html": {Data: []byte(`<title>{{.Title}}</title>author={{.Params.author}} tags={{with .Params.tags}}[{{range $i, $t := .}}{{if $i}} {{end}}{{$t}}{{end}}]{{else}}[]{{end}} pos={{.Params.sidebar_position}} team={{with .Params.extra}}{{.team}}{{else}}<no value>{{end}} date={{if .Params.date}}true{{else}}false{{end}} missing={{with .Params.missing}}{{.}}{{end}}`)},
		"layouts/404.html":  {Data: []byte(`404`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "out")
			_, err := build(t, fstest.MapFS{"_index.md": md(tt.page)}, Config{Dest: dest, Theme: theme})
			if len(tt.problems) > 0 {
				if err == nil {
					t.Fatal("no problems")
				}
				got := err.Error()
				for _, want := range tt.problems {
					msg, hint, _ := strings.Cut(want, " | ")
					if !strings.Contains(got, "_index.md:"+msg+"\n\thint: "+hint) {
						t.Errorf("no %q in:\n%s", want, got)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			html, err := os.ReadFile(filepath.Join(dest, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if got := string(html); got != tt.html {
				t.Errorf("page:\n%s\nwant:\n%s", got, tt.html)
			}
		})
	}
}

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

// TestOtherToolsOrder: Docusaurus's sidebar_position and Just the Docs's
// nav_order order pages as weight does.
func TestOtherToolsOrder(t *testing.T) {
	content := fstest.MapFS{
		"_index.md": md("# Home\n"),
		"c.md":      md("---\nsidebar_position: 1\n---\n# C\n"),
		"a.md":      md("---\nnav_order: 3\n---\n# A\n"),
		"b.md":      md("---\nsidebar_position: 2\nweight: 5\n---\n# B\n"),
	}
	b, err := New(Config{Content: content, Theme: testTheme})
	if err != nil {
		t.Fatal(err)
	}
	s, problems, err := b.load(context.Background(), nil, nil, nil)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load: %v %v", err, problems)
	}
	var order []string
	for _, p := range s.order {
		order = append(order, p.file)
	}
	if want := []string{"_index.md", "c.md", "a.md", "b.md"}; !slices.Equal(order, want) {
		t.Errorf("reading order %v, want %v", order, want)
	}
	_, err = build(t, fstest.MapFS{"a.md": md("---\nsidebar_position: 2.5\n---\n# A\n")}, Config{Dest: filepath.Join(t.TempDir(), "public")})
	if got := strings.Join(problemStrings(t, err), "\n"); !strings.Contains(got, "a.md:2:1: sidebar_position 2.5 is not a whole number") {
		t.Errorf("a fraction: %s", got)
	}
}

// TestSidebarLabel: Docusaurus's sidebar_label names a page in the
// navigation and the previous and next links; its title stays the page's.
func TestSidebarLabel(t *testing.T) {
	theme := fstest.MapFS{}
	for k, v := range testTheme {
		theme[k] = v
	}
	theme["layouts/page.html"] = &fstest.MapFile{Data: []byte(`<title>{{.Title}}</title>{{range .Nav.Children}}[{{.Title}}]{{end}}{{with .Next}}next:{{.Title}}{{end}}`)}
	content := fstest.MapFS{
		"_index.md": md("# Home\n"),
		"a.md":      md("---\nweight: 1\nsidebar_label: Quick start\n---\n# Getting started with the API\n"),
		"b.md":      md("---\nweight: 2\n---\n# B\n"),
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, content, Config{Dest: dest, Theme: theme}); err != nil {
		t.Fatal(err)
	}
	out := readTree(t, dest)
	if got := string(out["a/index.html"]); !strings.Contains(got, "<title>Getting started with the API</title>") || !strings.Contains(got, "[Quick start]") {
		t.Errorf("a: %s", got)
	}
	if got := string(out["index.html"]); !strings.Contains(got, "next:Quick start") {
		t.Errorf("home: %s", got)
	}
}

// TestFolderOrder: a folder's page orders the folder's pages and folders
// with an order list, before those it does not list (by weight, then
// title); a name there that is no page or folder is a problem at the
// list, and an order list elsewhere a warning that it does nothing.
func TestFolderOrder(t *testing.T) {
	tests := []struct {
		name     string
		content  fstest.MapFS
		order    []string
		problems []string
	}{
		{"listed first, in order, the rest by weight", fstest.MapFS{
			"_index.md":       md("---\norder: [zeta.md, guide/, alpha]\n---\n# Home\n"),
			"alpha.md":        md("# Alpha\n"),
			"beta.md":         md("---\nweight: 2\n---\n# Beta\n"),
			"gamma.md":        md("---\nweight: 1\n---\n# Gamma\n"),
			"zeta.md":         md("# Zeta\n"),
			"guide/_index.md": md("---\norder: [b.md]\n---\n# Guide\n"),
			"guide/a.md":      md("# A\n"),
			"guide/b.md":      md("# B\n"),
		}, []string{"_index.md", "zeta.md", "guide/_index.md", "guide/b.md", "guide/a.md", "alpha.md", "gamma.md", "beta.md"}, nil},
		{"a name that is nothing there", fstest.MapFS{
			"_index.md":       md("# Home\n"),
			"guide/_index.md": md("---\ntitle: Guide\norder:\n  - a.md\n  - missing.md\n---\n"),
			"guide/a.md":      md("# A\n"),
		}, nil, []string{`guide/_index.md:3:1: order lists "missing.md", which is no page or folder in guide/`}},
		{"an order list on a page of its own", fstest.MapFS{
			"_index.md": md("# Home\n"),
			"a.md":      md("---\norder: [b.md]\n---\n# A\n"),
			"b.md":      md("# B\n"),
		}, []string{"_index.md", "a.md", "b.md"}, []string{"a.md:2:1: warning: order orders the pages of a folder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := New(Config{Content: tt.content, Theme: testTheme})
			if err != nil {
				t.Fatal(err)
			}
			s, problems, err := b.load(context.Background(), nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprint(problems)
			for _, want := range tt.problems {
				if !strings.Contains(got, want) {
					t.Errorf("problems %s\nwant %s", got, want)
				}
			}
			if len(tt.problems) == 0 && len(problems) > 0 {
				t.Errorf("problems: %v", problems)
			}
			if tt.order == nil {
				return
			}
			var order []string
			for _, p := range s.order {
				order = append(order, p.file)
			}
			if !slices.Equal(order, tt.order) {
				t.Errorf("reading order %v, want %v", order, tt.order)
			}
		})
	}
}
