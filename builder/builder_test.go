package builder

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
)

// testTheme is the smallest theme a build accepts.
var testTheme = fstest.MapFS{
	"layouts/page.html": {Data: []byte(`<title>{{.Title}}</title>{{.Content}}`)},
	"layouts/404.html":  {Data: []byte(`<a href="{{.Rel ""}}">home</a>`)},
}

func build(t *testing.T, content fstest.MapFS, cfg Config) (*Result, error) {
	t.Helper()
	cfg.Content = content
	if cfg.Theme == nil {
		cfg.Theme = testTheme
	}
	b, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return b.Build(context.Background())
}

func md(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// problemStrings returns the "file:line:col: msg" lines of a failed build.
func problemStrings(t *testing.T, err error) []string {
	t.Helper()
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want a diag.List, got %v", err)
	}
	var out []string
	for _, p := range list {
		out = append(out, p.Pos.String()+": "+p.Msg)
	}
	return out
}

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	good := fstest.MapFS{"_index.md": md("# Home\n"), "a.md": md("# A\n")}
	if _, err := build(t, good, Config{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)

	tests := []struct {
		name    string
		content fstest.MapFS
		ctx     func() context.Context
	}{
		{"broken link", fstest.MapFS{"_index.md": md("[x](missing.md)\n")}, context.Background},
		{"bad front matter", fstest.MapFS{"_index.md": md("---\ntitel: x\n---\n")}, context.Background},
		{"cancelled", fstest.MapFS{"_index.md": md("# New\n")}, func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := New(Config{Content: tt.content, Theme: testTheme, Dest: dest})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Build(tt.ctx()); err == nil {
				t.Fatal("build succeeded, want failure")
			}
			if after := readTree(t, dest); !reflect.DeepEqual(before, after) {
				t.Errorf("output changed by a failed build")
			}
			entries, _ := os.ReadDir(filepath.Dir(dest))
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("left behind: %v", names)
			}
		})
	}

	// A later good build removes the files of the last that it does not write.
	if _, err := build(t, fstest.MapFS{"_index.md": md("# Home\n")}, Config{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "a", "index.html")); !os.IsNotExist(err) {
		t.Errorf("a/index.html of the previous build is still there")
	}
}

func TestLinks(t *testing.T) {
	content := fstest.MapFS{
		"_index.md":          md("# Home\n"),
		"guide/_index.md":    md("# Guide\n"),
		"guide/setup.md":     md("# Setup\n\n## Install it\n"),
		"guide/img/logo.png": md("png"),
		"ref/_index.md":      md("# Reference\n"),
		"ref/codes.md":       md("# Codes\n"),
		"loose/y.md":         md("# Y\n"),                        // a folder without an index page
		"drafts/d.md":        md("---\ndraft: true\n---\n# D\n"), // a folder with drafts only
	}
	tests := []struct {
		from, dest string
		want       string // the rewritten destination, or the problem message
	}{
		{"guide/setup.md", "https://example.com/x.md", "https://example.com/x.md"},
		{"guide/setup.md", "mailto:a@b.c", "mailto:a@b.c"},
		{"guide/setup.md", "#install-it", "#install-it"},
		{"guide/setup.md", "#nope", `broken link "#nope": no heading or row with id "nope" on this page`},
		{"guide/setup.md", "../ref/codes.md", "../../ref/codes/"},
		{"guide/setup.md", "/ref/codes.md", "../../ref/codes/"},
		{"guide/setup.md", "_index.md", "../"},
		{"guide/setup.md", "../_index.md", "../../"},
		{"guide/_index.md", "setup.md#install-it", "setup/#install-it"},
		{"guide/_index.md", "setup.md#gone", `broken link "setup.md#gone": guide/setup.md has no heading or row with id "gone"`},
		{"guide/setup.md", "img/logo.png", "../img/logo.png"},
		{"guide/setup.md", "../ref/", "../../ref/"},
		{"guide/setup.md", "../ref", "../../ref/"},
		{"_index.md", "guide/setup.md", "guide/setup/"},
		{"_index.md", "_index.md", "./"},
		{"guide/setup.md", "missing.md", "broken link \"missing.md\": no page guide/missing.md"},
		{"guide/setup.md", "../../out.md", `broken link "../../out.md": it leads outside the content folder`},
		{"guide/setup.md", "img/none.png", `broken link "img/none.png": no page or file guide/img/none.png`},
		{"guide/_index.md", "setup", `broken link "setup": no page or file guide/setup`},
		{"guide/setup.md", "../loose/", "../../loose/"}, // the page the build makes for it
		{"guide/setup.md", "/loose", "../../loose/"},
		{"guide/setup.md", "../loose/#x", `broken link "../loose/#x": the page of loose/, which the build makes, has no heading "x"`},
		{"guide/setup.md", "../drafts/", `broken link "../drafts/": no page in drafts/`},
	}
	b, err := New(Config{Content: content, Theme: testTheme})
	if err != nil {
		t.Fatal(err)
	}
	s, problems, err := b.load(context.Background(), nil, nil, nil)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load: %v %v", err, problems)
	}
	for _, tt := range tests {
		got, problem := s.resolve(mustPage(s, tt.from), tt.dest)
		if problem != nil {
			got = problem.Msg
		}
		if got != tt.want {
			t.Errorf("from %s, link %q = %q, want %q", tt.from, tt.dest, got, tt.want)
		}
	}
	// A link to a page without its .md: the fix in the hint.
	for dest, want := range map[string]string{
		"setup":               "the page is guide/setup.md: link to it with its .md, as setup.md",
		"./setup/#install-it": "the page is guide/setup.md: link to it with its .md, as ./setup.md#install-it",
	} {
		_, problem := s.resolve(mustPage(s, "guide/_index.md"), dest)
		if problem == nil || problem.Hint != want {
			t.Errorf("link %q: %v, want the hint %q", dest, problem, want)
		}
	}
}

func TestProblemsAllAtOnce(t *testing.T) {
	content := fstest.MapFS{
		"_index.md": md("# Home\n\nSee [a](a.md) and [b](b.md).\n"),
		"z.md":      md("---\ntitle: Z\ntitel: red\nweight: heavy\n---\n\n[gone](gone.md)\n"),
		"y.md":      md("---\ntitle: [unclosed\n---\n"),
		"b.md":      md("# B\n"),
	}
	_, err := build(t, content, Config{Dest: filepath.Join(t.TempDir(), "out")})
	want := []string{
		`_index.md:3:5: broken link "a.md": no page a.md`,
		`y.md:2: invalid front matter: line 2: did not find expected ',' or ']'`,
		`z.md:3:1: unknown front matter key "titel"`,
		"z.md:4: invalid front matter: line 4: cannot unmarshal !!str `heavy` into int",
		`z.md:7:1: broken link "gone.md": no page gone.md`,
	}
	if got := problemStrings(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTitles(t *testing.T) {
	tests := []struct{ file, src, want string }{
		{"a.md", "---\ntitle: From front matter\n---\n# From h1\n", "From front matter"},
		{"a.md", "Intro.\n\n# From *the* `h1`\n", "From the h1"},
		{"a.md", "# Q &amp; A \\*\n", "Q & A *"},
		{"getting-started.md", "No heading.\n", "Getting started"},
		{"guide/_index.md", "No heading.\n", "Guide"},
		{"_index.md", "", "Home"},
	}
	b, err := New(Config{Content: fstest.MapFS{}, Theme: testTheme})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		p, problems := b.parsePage(tt.file, []byte(tt.src))
		if len(problems) > 0 {
			t.Fatalf("%s: %v", tt.file, problems)
		}
		if p.title != tt.want {
			t.Errorf("%s %q: title %q, want %q", tt.file, tt.src, p.title, tt.want)
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no content", Config{Theme: testTheme}, "no content"},
		{"relative base URL", Config{Content: fstest.MapFS{}, Theme: testTheme, BaseURL: "docs/"}, `base URL "docs/"`},
		{"no layouts", Config{Content: fstest.MapFS{}, Theme: fstest.MapFS{}}, "no layouts"},
		{"no 404", Config{Content: fstest.MapFS{}, Theme: fstest.MapFS{"layouts/page.html": md("x")}}, "layouts/404.html: missing"},
		{"bad template", Config{Content: fstest.MapFS{}, Theme: fstest.MapFS{"layouts/page.html": md("{{.X"), "layouts/404.html": md("")}}, "layouts/page.html:1: layout does not parse: unclosed action"},
		{"bad registry", Config{Content: fstest.MapFS{}, Theme: testTheme, Codes: &drift.Registry{Groups: []drift.Group{{Name: "a"}, {Name: "a"}}}}, "code registry"},
	}
	for _, tt := range tests {
		_, err := New(tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: New = %v, want error containing %q", tt.name, err, tt.want)
		}
	}
}

// TestListingCollision checks that a page whose URL a listing page of its
// section needs is a problem naming both, rather than one silently
// replacing the other.
func TestListingCollision(t *testing.T) {
	content := fstest.MapFS{"sec/page/2.md": md("# Two\n")}
	for i := range 101 {
		content[fmt.Sprintf("sec/p%03d.md", i)] = md("# P\n")
	}
	_, err := build(t, content, Config{Dest: filepath.Join(t.TempDir(), "out")})
	want := []string{"sec/page/2.md: page sec/page/2.md and page 2 of the listing of the section /sec/ both become sec/page/2/index.html"}
	if got := problemStrings(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// checkMessages checks the site of cfg and returns its problems as
// "file:line:col: message", failing the test for any without a hint.
func checkMessages(t *testing.T, cfg Config) []string {
	t.Helper()
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	problems, err := b.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Pos.String()+": "+p.Msg)
		if p.Hint == "" {
			t.Errorf("no hint: %v", p)
		}
	}
	return got
}

// mustPage returns the page of file in s.
func mustPage(s *site, file string) *page {
	p, ok := s.pages.Get(file)
	if !ok {
		panic("no page " + file)
	}
	return p
}
