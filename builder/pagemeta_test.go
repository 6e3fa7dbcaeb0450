package builder

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs"
)

// TestPageMeta checks the edit link and the last-updated date in the
// default theme: from Config.EditURL and one call of Config.Updated for
// the whole site.
func TestPageMeta(t *testing.T) {
	content := fstest.MapFS{
		"_index.md":        md("# Home\n"),
		"guide/my page.md": md("# Mine\n"),
		"guide/new.md":     md("# New\n"), // not committed: no date
	}
	content["many/p.md"] = md("# P\n") // many/ has no page: the build makes its listing
	when := time.Date(2026, 11, 2, 15, 4, 5, 0, time.UTC)
	var calls atomic.Int32
	dest := t.TempDir()
	_, err := build(t, content, Config{
		Dest:    dest,
		Theme:   kettudocs.Theme(),
		EditURL: "https://github.com/kettu/docs/edit/main/content",
		Updated: func(context.Context) map[string]time.Time {
			calls.Add(1)
			return map[string]time.Time{"guide/my page.md": when, "_index.md": when.Add(-time.Hour)}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("Updated was called %d times for one build, want 1", n)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	mine := read("guide/my page/index.html")
	for _, want := range []string{
		`<a href="https://github.com/kettu/docs/edit/main/content/guide/my%20page.md">`,
		`Last updated <time datetime="2026-11-02T15:04:05Z">2 November 2026</time>`,
	} {
		if !strings.Contains(mine, want) {
			t.Errorf("guide/my page lacks %s", want)
		}
	}
	if n := read("guide/new/index.html"); strings.Contains(n, "Last updated") || !strings.Contains(n, "edit/main/content/guide/new.md") {
		t.Errorf("an uncommitted page: want an edit link and no date")
	}
	if l := read("many/index.html"); strings.Contains(l, "page-meta") {
		t.Errorf("a listing page the build made has an edit link or a date")
	}

	// Neither set: no footer at all.
	dest = t.TempDir()
	if _, err := build(t, content, Config{Dest: dest, Theme: kettudocs.Theme()}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(read("guide/my page/index.html"), "page-meta") {
		t.Error("a site without edit URL and dates shows a page-meta footer")
	}
}

func TestEditURLRejected(t *testing.T) {
	for _, u := range []string{"github.com/x", "/edit/", "ftp://x.example/", "https://"} {
		_, err := New(Config{Content: fstest.MapFS{}, Theme: testTheme, EditURL: u})
		if _, ok := err.(*EditURLError); !ok {
			t.Errorf("EditURL %q: err %v, want an *EditURLError", u, err)
		}
	}
}

func TestSummary(t *testing.T) {
	long := strings.Repeat("word ", 60) // 300 characters
	tests := []struct{ desc, src, want string }{
		{"Given.", "First para.\n", "Given."},
		{"", "# Title\n\nThe **first** [paragraph](x.md),\nits `code` too.\n\nSecond.\n", "The first paragraph, its code too."},
		{"", "# Only a title\n\n- a list\n", ""},
		{"", "```go\nx\n```\n\nAfter code.\n", "After code."},
		{"", long, strings.TrimSpace(strings.Repeat("word ", 40)) + "…"},
		{"", strings.Repeat("ä", 250), strings.Repeat("ä", 200) + "…"},
	}
	m := newMarkdown(false)
	for _, tt := range tests {
		src := []byte(tt.src)
		doc := m.Parser().Parse(text.NewReader(src))
		if got := summary(tt.desc, doc, src); got != tt.want {
			t.Errorf("summary(%q, %q) = %q, want %q", tt.desc, tt.src, got, tt.want)
		}
	}
}
