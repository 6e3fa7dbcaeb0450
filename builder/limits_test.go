package builder

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestPageLimits: no page of a pull request takes a build's memory or
// time: each limit is a problem at the page, the others' pages are
// checked as ever, and a code block too big to highlight is a warning.
func TestPageLimits(t *testing.T) {
	var keys strings.Builder
	for i := range 300 {
		fmt.Fprintf(&keys, "k%d: %d\n", i, i)
	}
	tests := []struct {
		name, src string
		timeout   time.Duration // Config.PageTimeout; 0 for the default
		want      string
	}{
		{"too big", "# Big\n\n" + strings.Repeat("Some text of a page. ", MaxPageSize/21+1), 0, "big.md: page of 2 MB is not read: the most a page may be is 2 MB"},
		// goldmark takes time that grows with the square of unclosed links.
		// 80 kB of them take over a second; the other pages, a millisecond.
		{"too slow", strings.Repeat("[a](", 20000), 300 * time.Millisecond, "big.md: page took over 300ms to parse and check, and was left out"},
		{"front matter too big", "---\ntitle: x\nnotes: \"" + strings.Repeat("x", 70<<10) + "\"\n---\n# T\n", 0, "big.md:1:1: front matter of 70 kB is not read: the most it may be is 64 kB"},
		{"too many keys", "---\n" + keys.String() + "---\n# T\n", 0, "big.md:1:1: front matter has 300 keys: the most it may have is 256"},
		{"a block too big to highlight", "# T\n\n```go\n" + strings.Repeat("x := 1\n", 5000) + "```\n", 0, "big.md:3:4: code block of 34 kB is shown without highlighting: the most that is highlighted is 32 kB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := fstest.MapFS{"_index.md": md("# Home\n\n[ok](ok.md)\n"), "ok.md": md("# OK\n\n[gone](gone.md)\n"), "big.md": md(tt.src)}
			got := checkMessages(t, Config{Content: content, Theme: testTheme, PageTimeout: tt.timeout})
			want := []string{tt.want, `ok.md:3:1: broken link "gone.md"`}
			if len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestEditorFilesLeftOut: editors' backup, swap and autosave files are no
// part of a site, in a build as in the preview: launch.md~ and
// #launch.md# hold the source of a draft page.
func TestEditorFilesLeftOut(t *testing.T) {
	content := fstest.MapFS{
		"_index.md":         md("# Home\n"),
		"launch.md":         md("---\ndraft: true\n---\n# Secret launch\n"),
		"launch.md~":        md("---\ndraft: true\n---\n# Secret launch\n"),
		"#launch.md#":       md("---\ndraft: true\n---\n# Secret launch\n"),
		".launch.md.swp":    md("swap"),
		"guide/4913":        md(""),
		"guide/page.md":     md("# Page\n"),
		"guide/page.md.swx": md("swap"),
		"guide/old~/x.md":   md("# X\n"),
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build(t, content, Config{Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Written {
		if strings.Contains(w, "launch") || strings.Contains(w, "4913") || strings.Contains(w, "swx") || strings.Contains(w, "old~") {
			t.Errorf("the build wrote %s", w)
		}
	}
	b, err := New(Config{Content: content, Theme: testTheme})
	if err != nil {
		t.Fatal(err)
	}
	l, err := b.Live(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(l.Files(), res.Written) {
		t.Errorf("the preview's files differ from the build's:\n%v\n%v", l.Files(), res.Written)
	}
	if l, err = l.Update(t.Context(), b, []string{"launch.md~", "#launch.md#", "guide/page.md.swx"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range l.Files() {
		if strings.Contains(f, "launch") || strings.Contains(f, "swx") {
			t.Errorf("after an update the preview has %s", f)
		}
	}
}
