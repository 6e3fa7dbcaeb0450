package builder

import (
	"fmt"
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
		want      string
	}{
		{"too big", "# Big\n\n" + strings.Repeat("Some text of a page. ", MaxPageSize/21+1), "big.md: page of 2 MB is not read: the most a page may be is 2 MB"},
		// goldmark takes time that grows with the square of unclosed links.
		{"too slow", strings.Repeat("[a](", 20000), "big.md: page took over 30ms to parse and check, and was left out"},
		{"front matter too big", "---\ntitle: x\nnotes: \"" + strings.Repeat("x", 70<<10) + "\"\n---\n# T\n", "big.md:1:1: front matter of 70 kB is not read: the most it may be is 64 kB"},
		{"too many keys", "---\n" + keys.String() + "---\n# T\n", "big.md:1:1: front matter has 300 keys: the most it may have is 256"},
		{"a block too big to highlight", "# T\n\n```go\n" + strings.Repeat("x := 1\n", 5000) + "```\n", "big.md:3:4: code block of 34 kB is shown without highlighting: the most that is highlighted is 32 kB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := fstest.MapFS{"_index.md": md("# Home\n\n[ok](ok.md)\n"), "ok.md": md("# OK\n\n[gone](gone.md)\n"), "big.md": md(tt.src)}
			got := checkMessages(t, Config{Content: content, Theme: testTheme, PageTimeout: 30 * time.Millisecond})
			want := []string{tt.want, `ok.md:3:1: broken link "gone.md"`}
			if len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
