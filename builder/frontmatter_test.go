package builder

import (
	"os"
	"path/filepath"
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
			problems: []string{`2:1: unknown front matter key "tilte" | did you mean title? The known keys are description, draft, title, weight`},
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
