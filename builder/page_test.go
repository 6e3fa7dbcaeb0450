package builder

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kettu/kettudocs/builder/drift"
	"github.com/kettu/kettudocs/builder/nav"
)

func TestTOCAndPermalinks(t *testing.T) {
	b, err := New(Config{Content: fstest.MapFS{}, Theme: testTheme})
	if err != nil {
		t.Fatal(err)
	}
	p, problems := b.parsePage("a.md", []byte("# Title\n\n## First *one*\n\n### Sub\n\n#### Deep\n\n## First one\n"))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	want := []nav.Heading{{Level: 2, ID: "first-one", Text: "First one"}, {Level: 3, ID: "sub", Text: "Sub"}, {Level: 2, ID: "first-one-1", Text: "First one"}}
	if len(p.toc) != len(want) {
		t.Fatalf("toc %v, want %v", p.toc, want)
	}
	for i := range want {
		if p.toc[i] != want[i] {
			t.Errorf("toc[%d] = %v, want %v", i, p.toc[i], want[i])
		}
	}
	for _, id := range []string{"title", "first-one", "sub", "deep", "first-one-1"} {
		if !p.ids[id] {
			t.Errorf("no id %q", id)
		}
	}
}

// FuzzParsePage feeds arbitrary pages through the parse and every check:
// it must never panic, and every problem must point inside the file.
func FuzzParsePage(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\nweight: 2\n---\n# A\n",
		"---\ntitle: [\n---\n",
		"+++\ntitle = 'x'\n+++\n",
		"<!-- codes: errs -->\n| code | meaning |\n|---|---|\n| 1 | one |\n",
		"| code |\n|--|\n| 9 |\n\nerror code 7 & 8\n",
		"```json\n{\"code\": 12}\n```\n",
		"[a](b.md#c) ![i](../x.png) [[x]](#y)",
		"---\ntitle: x\n\n# Never closed\n",
	} {
		f.Add(s)
	}
	reg := &drift.Registry{Groups: []drift.Group{{
		Name: "errs", Title: "error codes", Anchor: "e", Columns: []string{"meaning"},
		Mentions: []string{"error code"}, JSONKeys: []string{"code"},
		Entries: []drift.Entry{{Code: "1", Fields: map[string]string{"meaning": "one"}}},
	}}}
	b, err := New(Config{Content: fstest.MapFS{}, Theme: testTheme, Codes: reg})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, problems := b.parsePage("p.md", []byte(src))
		lines := bytes.Count([]byte(src), []byte("\n")) + 1
		for _, pr := range problems {
			if pr.Pos.File != "p.md" || pr.Pos.Line < 0 || pr.Pos.Line > lines+1 {
				t.Errorf("problem outside the file: %v (file has %d lines)", pr, lines)
			}
		}
		if p.title == "" {
			t.Errorf("page has no title")
		}
		s := newSite()
		s.pages.Set("p.md", p)
		s.byURL.Set(p.url, p)
		s.resolveLinks(p)
	})
}

func TestSitemapEscapesURLs(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	content := fstest.MapFS{"_index.md": md("# Home\n"), "my page.md": md("# Mine\n"), "guide/éclair.md": md("# É\n"), "a&b.md": md("# AB\n")}
	if _, err := build(t, content, Config{Dest: dest, BaseURL: "https://example.com/docs/"}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<loc>https://example.com/docs/my%20page/</loc>",
		"<loc>https://example.com/docs/guide/%C3%A9clair/</loc>",
		"<loc>https://example.com/docs/a&amp;b/</loc>",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("sitemap.xml lacks %s:\n%s", want, data)
		}
	}
}
