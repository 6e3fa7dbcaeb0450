package builder

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestAliases(t *testing.T) {
	content := fstest.MapFS{
		"_index.md": md("# Home\n"),
		"gateway/close.md": md("---\ntitle: Close codes\naliases: [/old/close/, gateway/close-codes, /legacy/close.html]\n" +
			"anchors: {close-event-codes: close-codes}\n---\n\n## Close codes\n\nText.\n\n## Resuming {#resume-flow}\n\nMore.\n"),
		"guide.md": md("---\nredirect_from: /start/\n---\n# Guide\n\nSee [close codes](gateway/close.md#close-event-codes) and [resuming](gateway/close.md#resume-flow).\n"),
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, content, Config{Dest: dest, BaseURL: "https://docs.example/api/"}); err != nil {
		t.Fatal(err)
	}
	out := readTree(t, dest)
	for _, tt := range []struct{ file, want string }{
		{"old/close/index.html", `<link rel="canonical" href="https://docs.example/api/gateway/close/">`},
		{"old/close/index.html", `<script>location.replace("../../gateway/close/" + (location.protocol === "file:" ? "index.html" : "") + location.hash)</script>`},
		{"old/close/index.html", `<meta http-equiv="refresh" content="0; url=../../gateway/close/">`},
		{"old/close/index.html", `<meta name="robots" content="noindex">`},
		{"old/close/index.html", `<p>This page has moved to <a href="../../gateway/close/">Close codes</a>.</p>`},
		{"gateway/close-codes/index.html", `url=../close/"`},
		{"legacy/close.html", `url=../gateway/close/"`},
		{"start/index.html", `url=../guide/"`},
		{"_redirects", "/api/old/close/ /api/gateway/close/ 301\n/api/gateway/close-codes/ /api/gateway/close/ 301\n/api/legacy/close.html /api/gateway/close/ 301\n"},
		{"_redirects", "/api/start/ /api/guide/ 301\n"},
		{"gateway/close/index.html", `<h2 id="close-codes"><span id="close-event-codes"></span>Close codes`},
		{"gateway/close/index.html", `<h2 id="resume-flow">Resuming`},
	} {
		if got, ok := out[tt.file]; !ok || !strings.Contains(string(got), tt.want) {
			t.Errorf("%s: no %q in:\n%s", tt.file, tt.want, got)
		}
	}
	if n := strings.Count(string(out["_redirects"]), " 301\n"); n != 4 {
		t.Errorf("_redirects lists %d moves, want 4:\n%s", n, out["_redirects"])
	}
}

func TestAliasProblems(t *testing.T) {
	tests := []struct {
		name    string
		content fstest.MapFS
		want    []string
	}{
		{"an alias where a page is", fstest.MapFS{
			"a.md": md("---\naliases: [/b/]\n---\n# A\n"),
			"b.md": md("# B\n"),
		}, []string{"b.md: page b.md and alias /b/ of page a.md both become b/index.html"}},
		{"an alias where a file is", fstest.MapFS{
			"a.md":         md("---\naliases: [/files/report/]\n---\n# A\n"),
			"files/report": md("data"),
		}, []string{"alias /files/report/ of page a.md becomes files/report/index.html, which needs a folder files/report where file files/report puts a file"}},
		{"two pages, one alias", fstest.MapFS{
			"a.md": md("---\naliases: [/old/]\n---\n# A\n"),
			"b.md": md("---\naliases: [old]\n---\n# B\n"),
		}, []string{"b.md: alias /old/ of page b.md and alias /old/ of page a.md both become old/index.html"}},
		{"bad aliases", fstest.MapFS{
			"a.md": md("---\ntitle: A\naliases: [\"https://x.example/a/\", ../up/, /, \"a/?x=1\", /a/]\n---\n# A\n"),
		}, []string{
			`a.md:3:1: alias "https://x.example/a/": it is a URL of another site`,
			`a.md:3:1: alias "../up/": its segments may not be empty, . or .., nor start with a dot`,
			`a.md:3:1: alias "/": it names the site's home`,
			`a.md:3:1: alias "a/?x=1": a path has no query`,
			`a.md:3:1: alias "/a/": it is the page's own URL`,
		}},
		{"bad anchors", fstest.MapFS{
			"a.md": md("---\nanchors: {old: nowhere, intro: intro, \"a b\": intro}\n---\n# A\n\n## Intro\n"),
		}, []string{
			`a.md:2:1: anchors: "a b" is not an id`,
			`a.md:2:1: anchors: the page has the id "intro" already`,
			`a.md:2:1: anchors: old → nowhere: the page has no heading or row with the id "nowhere"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := build(t, tt.content, Config{Dest: filepath.Join(t.TempDir(), "public")})
			got := strings.Join(problemStrings(t, err), "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in:\n%s", w, got)
				}
			}
		})
	}
}

// TestHeadingIDs: headings get the ids GitHub gives them, so that links
// written for GitHub keep working; ids written out ({#id}) are kept, and
// no slug takes one.
func TestHeadingIDs(t *testing.T) {
	src := "# Title\n\n## [Rights](rights.md)\n\n## Über café\n\n## usage_flags\n\n## Setup\n\n## Setup\n\n## Setup {#setup-1}\n\n### `codes.Close` & more\n"
	content := fstest.MapFS{"_index.md": md(src), "rights.md": md("# Rights\n")}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, content, Config{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	out := string(readTree(t, dest)["index.html"])
	for _, id := range []string{"title", "rights", "über-café", "usage_flags", "setup", "setup-2", "setup-1", "codesclose--more"} {
		if !strings.Contains(out, `id="`+id+`"`) {
			t.Errorf("no id %q in:\n%s", id, out)
		}
	}
}

// TestPageLayout: a page's front matter may name the layout it is
// rendered with; one the theme lacks is a problem that lists those it has.
func TestPageLayout(t *testing.T) {
	theme := fstest.MapFS{}
	for k, v := range testTheme {
		theme[k] = v
	}
	theme["layouts/wide.html"] = &fstest.MapFile{Data: []byte(`<main class="wide">{{.Content}}</main>`)}
	content := fstest.MapFS{
		"_index.md": md("# Home\n"),
		"a.md":      md("---\nlayout: wide\n---\n# A\n"),
		"b.md":      md("---\nlayout: wide.html\n---\n# B\n"),
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, content, Config{Dest: dest, Theme: theme}); err != nil {
		t.Fatal(err)
	}
	out := readTree(t, dest)
	for _, f := range []string{"a/index.html", "b/index.html"} {
		if !strings.HasPrefix(string(out[f]), `<main class="wide">`) {
			t.Errorf("%s: %s", f, out[f])
		}
	}
	content["a.md"] = md("---\ntitle: A\nlayout: narrow\n---\n# A\n")
	_, err := build(t, content, Config{Dest: dest, Theme: theme})
	if got := strings.Join(problemStrings(t, err), "\n"); !strings.Contains(got, `a.md:3:1: layout "narrow": no layout narrow.html in layouts/ or the theme`) {
		t.Errorf("a missing layout: %s", got)
	}
}
