package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfig(t *testing.T) {
	tests := []struct {
		name   string
		config string // kettudocs.yaml; "" for none
		args   []string
		code   int
		want   map[string]string // file in public/ → text it must contain
		stderr string
	}{
		{name: "no settings file", code: 0,
			want: map[string]string{"index.html": "<title>kettu API docs</title>"}},
		{name: "title and base URL", config: "title: Kettu Reference\nbase_url: https://docs.example.com/api/\n", code: 0,
			want: map[string]string{
				"index.html":  "<title>Kettu Reference</title>",
				"404.html":    `href="/api/`,
				"sitemap.xml": "<loc>https://docs.example.com/api/writing-docs/</loc>",
			}},
		{name: "the flag wins", config: "base_url: https://docs.example.com/api/\n", args: []string{"--base-url", "https://other.example.org/"}, code: 0,
			want: map[string]string{"sitemap.xml": "<loc>https://other.example.org/writing-docs/</loc>"}},
		// Problems of the site's settings are the site's: exit 1.
		{name: "unknown key", config: "title: x\nbaseurl: https://a.example/\n", code: 1,
			stderr: "kettudocs.yaml:2: unknown key \"baseurl\"\n\thint: did you mean base_url? the known keys are title, base_url, codes, unsafe_html, edit_url, logo, favicon, accent, extra_css, extra_js and versions (each with ref, label, path, current)\n"},
		{name: "extra_js entry with an unknown key", config: "title: x\nextra_js:\n  - src: tabs.js\n    swapp: true\n", code: 1,
			stderr: `kettudocs.yaml:4: unknown key "swapp" in an extra_js entry: want a file name, or src: FILE with swap: true`},
		{name: "extra_js entry without src", config: "extra_js:\n  - swap: true\n", code: 1,
			stderr: `kettudocs.yaml:2: an extra_js entry without src`},
		{name: "extra_js entry a list", config: "extra_js:\n  - [a.js]\n", code: 1,
			stderr: `kettudocs.yaml:2: an extra_js entry must be a file name`},
		{name: "not YAML", config: "title: [\n", code: 1, stderr: "kettudocs.yaml:1: did not find expected node content"},
		{name: "bad base URL", config: "title: x\nbase_url: docs\n", code: 1, stderr: `kettudocs.yaml:2: base URL "docs"`},
		{name: "edit URL", config: "edit_url: https://github.com/kettu/docs/edit/main/content\n", code: 0,
			want: map[string]string{"writing-docs/index.html": `<a href="https://github.com/kettu/docs/edit/main/content/writing-docs.md">`}},
		{name: "bad edit URL", config: "title: x\n\nedit_url: github.com/kettu\n", code: 1, stderr: `kettudocs.yaml:3: edit URL "github.com/kettu"`},
		{name: "bad base URL, overridden", config: "base_url: docs\n", args: []string{"--base-url", "/docs/"}, code: 0},
		// A bad flag value is how kettudocs was called: exit 2.
		{name: "bad --base-url", args: []string{"--base-url", "docs"}, code: 2, stderr: `kettudocs build: base URL "docs"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newSite(t)
			if tt.config != "" {
				if err := os.WriteFile(filepath.Join(site, "kettudocs.yaml"), []byte(tt.config), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, _, stderr := runCLI(t, append([]string{"build", "--quiet", "--source", site}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tt.code, tt.stderr)
			}
			for file, text := range tt.want {
				data, err := os.ReadFile(filepath.Join(site, "public", file))
				if err != nil || !strings.Contains(string(data), text) {
					t.Errorf("public/%s lacks %q (%v)", file, text, err)
				}
			}
		})
	}
}
