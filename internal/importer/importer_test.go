package importer

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/layout"
	"github.com/kettu/kettudocs/builder/sitefs"
	"github.com/kettu/kettudocs/internal/testfs"
)

// TestImport imports a small site of each kind that uses what Import
// converts, and checks the new site's files, the report, and that the new
// site builds without a problem.
func TestImport(t *testing.T) {
	tests := []struct {
		kind  string
		files map[string]string
		want  map[string][]string // file of the new site → what it must hold
		not   map[string][]string // → what it must not hold
		done  []string            // conversions the report must list
		left  []string            // things left the report must list, "file:line: text"
	}{
		{
			kind: MkDocs,
			files: map[string]string{
				"mkdocs.yml": "site_name: Kettu API\nsite_url: https://docs.kettu.example/\nrepo_url: https://github.com/kettu/api\n" +
					"extra_css: [css/extra.css]\nextra: {project: {name: Kettu}}\nplugins: [search, macros, mkdocstrings]\n" +
					"nav:\n  - Home: index.md\n  - Start here: quickstart.md\n  - Gateway:\n    - gateway/connecting.md\n    - Close codes: gateway/close.md\n  - Elsewhere: https://example.com/\n",
				"docs/README.md":             "# Kettu\n\nWelcome to {{ project.name }}. Read [the quick start](quickstart) and {% include 'x.md' %}.\n",
				"docs/quickstart.md":         "# Quick start\n\nSee [closing](../gateway/close#codes) and [connecting](gateway/connecting.md).\n\n```\n{{ project.name }} in code stays\n```\n",
				"docs/gateway/connecting.md": "# Connecting\n\nText.\n",
				"docs/gateway/close.md":      "Closing a connection.\n\n## Codes\n\n::: kettu.CloseCode\n",
				"docs/css/extra.css":         "body {}\n",
				"docs/api/.nav.yml":          "title: API\nnav:\n  - errors.md\n  - Signing in: auth.md\n  - ...\n  - gone.md\n",
				"docs/api/auth.md":           "# Authentication\n",
				"docs/api/errors.md":         "# Errors\n",
				"docs/img/a.png":             "png",
			},
			want: map[string][]string{
				"kettudocs.yaml":            {"title: Kettu API", "base_url: https://docs.kettu.example/", "edit_url: https://github.com/kettu/api/edit/master/docs/", "extra_css:\n  - css/extra.css"},
				"content/index.md":          {"order: [quickstart.md, gateway/]", "Welcome to Kettu.", "[the quick start](quickstart.md)"},
				"content/quickstart.md":     {"[closing](gateway/close.md#codes)", "{{ project.name }} in code stays"},
				"content/gateway/_index.md": {"order: [connecting.md, close.md]", "# Gateway", "- [Connecting](connecting.md)", "- [Close codes](close.md)"},
				"content/gateway/close.md":  {"title: Close codes"},
				"content/api/_index.md":     {"# API", "order: [errors.md, auth.md]"},
				"content/api/auth.md":       {"sidebar_label: Signing in"},
				"static/css/extra.css":      {"body {}"},
				"content/img/a.png":         {"png"},
			},
			not: map[string][]string{"content/README.md": nil},
			done: []string{
				"docs/README.md: renamed to docs/index.md",
				`docs/README.md:3: macro {{ project.name }} replaced by its value "Kettu"`,
				"docs/quickstart.md:3: link ../gateway/close#codes → gateway/close.md#codes",
			},
			left: []string{
				"docs/README.md:3: template macro {% include 'x.md' %}",
				"docs/gateway/close.md:5: generated API documentation ::: kettu.CloseCode",
				"mkdocs.yml:6: plugin mkdocstrings",
				`mkdocs.yml:13: nav link "Elsewhere" to https://example.com/`,
				"docs/api/.nav.yml:6: nav entry gone.md, which is no page or folder here",
			},
		},
		{
			kind: Docusaurus,
			files: map[string]string{
				"docusaurus.config.js": "module.exports = {\n  title: 'Kettu',\n  url: 'https://kettu.example',\n  baseUrl: '/',\n  presets: [['classic', {\n    docs: {\n      sidebarPath: require.resolve('./sidebars.js'),\n    },\n  }]],\n};\n",
				"sidebars.js":          "// The sidebars.\nmodule.exports = {\n  docs: {Start: ['intro', 'guides/auth',]},\n};\n",
				"versions.json":        `["1.0"]`,
				"docs/01-intro.mdx": "---\nid: intro\ntitle: Introduction\nslug: /\n---\n\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\nimport Note from './_note.md';\n\n<Note />\n\n" +
					"<Tabs>\n  <TabItem value=\"go\" label=\"Go\">\n\n  ```go\n  fmt.Println(\"hi\")\n  ```\n\n  </TabItem>\n  <TabItem value=\"sh\">\n\n  Run it.\n\n  </TabItem>\n</Tabs>\n\n" +
					"See [auth](guides/auth), the [blog](/blog/), [v1](/docs/1.0/intro) and ![logo](/img/logo.png). {/* a comment */}\n",
				"docs/_note.md":                  "> [!NOTE]\n> From a partial.\n",
				"docs/02-guides/_category_.json": `{"label": "Guides", "position": 2}`,
				"docs/02-guides/auth.md":         "---\nsidebar_position: 1\n---\n# Auth\n\nBack to [the intro](../01-intro.mdx).\n",
				"docs/02-guides/02-rate.md":      "# Rate limits\n",
				"static/img/logo.png":            "png",
			},
			want: map[string][]string{
				"kettudocs.yaml":           {"title: Kettu", "base_url: https://kettu.example/docs/"},
				"content/index.md":         {"title: Introduction", "order: [guides/]", "> From a partial.", "===! \"Go\"", "    ```go\n    fmt.Println(\"hi\")\n    ```", "=== \"sh\"\n\n    Run it.", "[auth](guides/auth.md)", "[blog](https://kettu.example/blog/)", "[v1](https://kettu.example/docs/1.0/intro)", "![logo](/img/logo.png)", "<!-- a comment -->"},
				"content/guides/_index.md": {"# Guides", "sidebar_position: 2", "order: [auth.md, rate.md]"},
				"content/guides/auth.md":   {"[the intro](../index.md)"},
				"content/guides/rate.md":   {"sidebar_position: 2"},
				"content/img/logo.png":     {"png"},
			},
			not: map[string][]string{"content/index.md": {"import ", "<Tabs", "<TabItem", "id: intro", "slug:"}, "content/_note.md": nil, "content/_index.md": nil},
			done: []string{
				"docs/01-intro.mdx: renamed to index.md",
				"docs/01-intro.mdx:1: slug /: the page of its folder",
				"docs/01-intro.mdx:11: <Note /> replaced by the partial docs/_note.md",
				"docs/01-intro.mdx:13: <Tabs> written as content tabs",
				"static/img/logo.png: copied into content/img/logo.png",
			},
			left: []string{`sidebars.js: sidebar category "Start"`, "versions.json: 1 versions of the docs"},
		},
		{
			kind: Hugo,
			files: map[string]string{
				"hugo.toml":              "baseURL = 'https://kettu.example/'\ntitle = 'Kettu'\n[params]\n[params.versions]\ngo = 'v1.2.3'\n",
				"content/_index.md":      "+++\ntitle = 'Home'\n+++\n\nRead the {{< relref \"docs/start\" >}} page: [start]({{< ref \"docs/start.md\" >}}).\n",
				"content/docs/_index.md": "---\ntitle: Docs\nlinkTitle: Documentation\n---\n",
				"content/docs/start.md":  "---\ntitle: Start\nweight: 2\nslug: begin\nlayout: wide\n---\n\nInstall {{< param versions.go >}}.\n\n{{% alert title=\"Careful\" color=\"warning\" %}}\nDo not\nlog tokens.\n{{% /alert %}}\n\n{{< highlight go >}}\nfmt.Println()\n{{< /highlight >}}\n\n{{< youtube abc123 >}}\n\n{{< figure src=\"/img/a.png\" alt=\"A\" caption=\"The A\" >}}\n\n{{< tabpane lang=\"sh\" >}}\n{{< tab header=\"Linux\" >}}\napt install kettu\n{{< /tab >}}\n{{< tab header=\"macOS\" >}}\nbrew install kettu\n{{< /tab >}}\n{{< /tabpane >}}\n\n{{< why-kettu >}}\n\nShow a shortcode: {{</* alert */>}}\n",
				"static/img/a.png":       "png",
			},
			want: map[string][]string{
				"kettudocs.yaml":         {"title: Kettu", "base_url: https://kettu.example/"},
				"content/_index.md":      {"title: Home", "[start](docs/start.md)"},
				"content/docs/_index.md": {"sidebar_label: Documentation"},
				"content/docs/start.md":  {"aliases: [/docs/begin/]", "Install v1.2.3.", "> [!WARNING] Careful\n> Do not\n> log tokens.", "```go\nfmt.Println()\n```", "[Video on YouTube](https://www.youtube.com/watch?v=abc123)", `![A](/img/a.png "The A")`, "===! \"Linux\"\n\n    ```sh\n    apt install kettu\n    ```", "=== \"macOS\"", "{{< why-kettu >}}", "Show a shortcode: {{< alert >}}"},
				"content/img/a.png":      {"png"},
			},
			not:  map[string][]string{"content/docs/start.md": {"layout:", "slug:", "{{% alert"}, "content/docs/_index.md": {"linkTitle"}},
			done: []string{"content/_index.md:5: ref docs/start → docs/start.md", "content/docs/start.md:1: slug: begin kept as the alias /docs/begin/", `content/docs/start.md:8: param versions.go replaced by its value "v1.2.3"`, "content/docs/start.md:10: alert as a callout (WARNING)"},
			left: []string{"content/docs/start.md:1: layout: wide", "content/docs/start.md:32: shortcode why-kettu"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			src := t.TempDir()
			testfs.Put(t, src, tt.files)
			dest := filepath.Join(t.TempDir(), "site")
			rep, err := Import(tt.kind, src, dest)
			if err != nil {
				t.Fatal(err)
			}
			for name, wants := range tt.want {
				data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
				if err != nil {
					t.Error(err)
					continue
				}
				for _, w := range wants {
					if !strings.Contains(string(data), w) {
						t.Errorf("%s lacks %q:\n%s", name, w, data)
					}
				}
			}
			for name, nots := range tt.not {
				data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
				if nots == nil {
					if err == nil {
						t.Errorf("%s was written", name)
					}
					continue
				}
				for _, n := range nots {
					if strings.Contains(string(data), n) {
						t.Errorf("%s has %q:\n%s", name, n, data)
					}
				}
			}
			var notes []string
			for _, n := range rep.Notes {
				notes = append(notes, n.String())
			}
			all := strings.Join(notes, "\n")
			for _, d := range tt.done {
				if !strings.Contains(all, d) {
					t.Errorf("report lacks %q:\n%s", d, all)
				}
			}
			for _, l := range tt.left {
				if !strings.Contains(all, strings.Replace(l, ": ", ": not converted: ", 1)) {
					t.Errorf("report lacks %q as not converted:\n%s", l, all)
				}
			}
			// The new site builds, every page with no error.
			if problems := check(t, dest); problems.HasErrors() {
				t.Errorf("the imported site has problems:\n%v", problems)
			}
		})
	}
}

// check checks the kettudocs site in dir as kettudocs check does, and
// returns its problems.
func check(t *testing.T, dir string) diag.List {
	t.Helper()
	var conf struct {
		ExtraCSS []string `yaml:"extra_css"`
	}
	if data, err := os.ReadFile(filepath.Join(dir, "kettudocs.yaml")); err == nil {
		if err := yaml.Unmarshal(data, &conf); err != nil {
			t.Fatalf("kettudocs.yaml: %v", err)
		}
	}
	b, err := builder.New(builder.Config{
		Content: os.DirFS(filepath.Join(dir, "content")),
		Theme:   sitefs.Overlay(os.DirFS(dir), kettudocs.Theme()),
		Brand:   layout.Brand{CSS: conf.ExtraCSS},
	})
	if err != nil {
		t.Fatal(err)
	}
	problems, err := b.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return problems
}

// TestImportDest checks that Import writes into a new or empty folder only.
func TestImportDest(t *testing.T) {
	src := t.TempDir()
	testfs.Put(t, src, map[string]string{"mkdocs.yml": "site_name: X\n", "docs/index.md": "# X\n"})
	dest := t.TempDir()
	testfs.Put(t, dest, map[string]string{"keep.txt": "mine"})
	if _, err := Import(MkDocs, src, dest); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("import into a folder with a file: %v, want an error", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "keep.txt")); string(data) != "mine" {
		t.Error("keep.txt changed")
	}
	if _, err := Import("jekyll", src, t.TempDir()); err == nil || !strings.Contains(err.Error(), "want mkdocs, docusaurus, hugo") {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := Import(Hugo, src, filepath.Join(t.TempDir(), "x")); err == nil || !strings.Contains(err.Error(), "no Hugo site") {
		t.Errorf("an MkDocs site imported as Hugo: %v", err)
	}
}

// FuzzPages runs each kind's page conversions on any text: they must not
// fail, and text with nothing to convert must come back as it was.
func FuzzPages(f *testing.F) {
	for _, s := range []string{
		"<Tabs>\n<TabItem value=\"a\">\nx\n</TabItem>\n</Tabs>\n",
		"{{% alert %}}x{{% /alert %}}\n{{< tabpane >}}{{< tab header=\"a\" >}}b{{< /tab >}}{{< /tabpane >}}",
		"[a](b) [c]: <d e>\n```\n[x](y)\n```\n{{ a.b }}",
		"plain text\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		s := newSite(t.TempDir())
		for name, convert := range map[string]func(p *page){
			"docusaurus": func(p *page) { s.docusaurusPage(p, "a.md", nil) },
			"hugo":       func(p *page) { s.hugoPage(p, "a.md", map[string]any{"a": "b"}) },
			"mkdocs":     func(p *page) { s.macros(p, map[string]any{"a": map[string]any{"b": "c"}}); s.mkdocsPage(p) },
			"relink":     func(p *page) { p.body = s.relink("x/a.md", p) },
		} {
			p := &page{from: "a.md", old: "a.md", body: body, bodyLine: 1}
			convert(p)
			plain := !strings.ContainsAny(body, "<{[]()") && !strings.Contains(body, ":::")
			if plain && p.body != body {
				t.Errorf("%s changed text with nothing to convert: %q → %q", name, body, p.body)
			}
		}
	})
}

// TestImportRealSites imports real docs sites (testdata/SOURCES.md), one
// per kind, checks each with kettudocs, and reports the share of pages
// that come across with no manual edit: no problem, no warning and
// nothing the import could not convert. The shares are README's table;
// the floors below are a little under them, so that an import that gets
// worse fails.
func TestImportRealSites(t *testing.T) {
	tests := []struct {
		name, kind, dir string
		floor           float64 // of the share of pages with no manual edit
	}{
		{"httpx", MkDocs, ".", 0.55},
		{"jest", Docusaurus, "website", 0.70},
		{"grpc", Hugo, ".", 0.60},
	}
	var table []string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			untar(t, filepath.Join("testdata", tt.name+".tar.gz"), src)
			dest := filepath.Join(t.TempDir(), "site")
			rep, err := Import(tt.kind, filepath.Join(src, tt.dir), dest)
			if err != nil {
				t.Fatal(err)
			}
			problems := check(t, dest)
			// What each page of the new site needs by hand.
			errs, warns, left := map[string]int{}, map[string]int{}, map[string]int{}
			for _, p := range problems {
				if p.Severity == diag.Warning {
					warns[p.Pos.File]++
				} else {
					errs[p.Pos.File]++
				}
			}
			bySource := map[string][]string{}
			for name, from := range rep.Sources {
				bySource[from] = append(bySource[from], name)
			}
			for _, n := range rep.Notes {
				if !n.Done {
					for _, name := range bySource[n.File] {
						left[name]++
					}
				}
			}
			pages, clean, onlyTheirLinks := 0, 0, 0
			for name := range rep.Sources {
				pages++
				switch {
				case errs[name] == 0 && warns[name] == 0 && left[name] == 0:
					clean++
				case warns[name] == 0 && left[name] == 0 && brokenOnly(problems, name):
					onlyTheirLinks++
				}
			}
			share := float64(clean) / float64(pages)
			_, leftPages := rep.Left()
			line := fmt.Sprintf("| %s | %s | %d | %d (%.0f %%) | %d | %d | %d |", tt.name, tt.kind, pages, clean, 100*share, onlyTheirLinks, len(errs), leftPages)
			table = append(table, line)
			t.Log(rep)
			if share < tt.floor {
				var worst []string
				for name := range rep.Sources {
					if errs[name]+warns[name]+left[name] > 0 {
						worst = append(worst, fmt.Sprintf("%s: %d errors, %d warnings, %d not converted", name, errs[name], warns[name], left[name]))
					}
				}
				sort.Strings(worst)
				t.Errorf("%d of %d pages (%.0f %%) came across with no manual edit, want at least %.0f %%:\n%s", clean, pages, 100*share, 100*tt.floor, strings.Join(worst, "\n"))
			}
		})
	}
	t.Logf("\n| site | generator | pages | no manual edit | only their own broken links | pages with errors | files with things not converted |\n| --- | --- | --- | --- | --- | --- | --- |\n%s", strings.Join(table, "\n"))
}

// brokenOnly reports whether every problem of the page name is a broken
// link or a missing id: the site's own, which an import cannot fix.
func brokenOnly(problems diag.List, name string) bool {
	n := 0
	for _, p := range problems {
		if p.Pos.File == name {
			if !strings.HasPrefix(p.Msg, "broken link") {
				return false
			}
			n++
		}
	}
	return n > 0
}

// untar extracts the gzipped tar archive name into dir.
func untar(t *testing.T, name, dir string) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(dir, filepath.FromSlash(path.Clean(h.Name)))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(filepath.Separator)) {
			continue
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				t.Fatal(err)
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(target, data, fs.FileMode(0o644)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestJSObject reads sidebars.js files as Docusaurus sites write them.
func TestJSObject(t *testing.T) {
	tests := []struct {
		name, src, want string
		ok              bool
	}{
		{"module.exports", "// @ts-check\n/** @type {import('x').Sidebars} */\nmodule.exports = {\n  docs: [\n    'intro', // the first\n    {type: 'category', label: 'Guides', items: ['guides/auth', \"guides/rate\",],},\n  ],\n};\n",
			`{"docs":["intro",{"type":"category","label":"Guides","items":["guides/auth","guides/rate"]}]}`, true},
		{"export default", "export default {api: {'Start here': ['a', 'b']}};\n", `{"api":{"Start here":["a","b"]}}`, true},
		{"typed const", "import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';\nconst sidebars: SidebarsConfig = {\n  tutorialSidebar: [{type: 'autogenerated', dirName: '.'}],\n};\nexport default sidebars;\n",
			`{"tutorialSidebar":[{"type":"autogenerated","dirName":"."}]}`, true},
		{"code", "module.exports = {docs: require('./gen.js')};\n", "", false},
		{"spread", "const base = ['a'];\nmodule.exports = {docs: [...base, 'b']};\n", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := jsObject([]byte(tt.src))
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (%s)", ok, tt.ok, got)
			}
			if !ok {
				return
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatal(err)
			}
			json.Unmarshal([]byte(tt.want), &w)
			if fmt.Sprint(g) != fmt.Sprint(w) {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
