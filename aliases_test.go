package kettudocs_test

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/kettu/kettudocs/internal/browsertest"
)

// TestAliasesInBrowser: an old URL of a moved page leads to the page, its
// fragment kept, in a real browser, served under a sub-path and opened
// from disk.
func TestAliasesInBrowser(t *testing.T) {
	t.Parallel()
	b := browsertest.Browser(t)
	content := fstest.MapFS{
		"_index.md": {Data: []byte("# Home\n")},
		"gateway/close.md": {Data: []byte("---\ntitle: Close codes\naliases: [/close-codes/, /old/gateway.html]\n" +
			"anchors: {close-event-codes: resuming}\n---\n\n# Close codes\n\n" + strings.Repeat("Text.\n\n", 80) + "## Resuming\n\nResume.\n" + strings.Repeat("More.\n\n", 80))},
	}
	s := serveSite(t, content, nil)
	disk := "file://" + filepath.ToSlash(s.dir) + "/"
	for _, tt := range []struct{ name, from, want string }{
		{"served", s.url + "close-codes/#close-event-codes", s.url + "gateway/close/#close-event-codes"},
		{"served, an .html alias", s.url + "old/gateway.html", s.url + "gateway/close/"},
		{"from disk", disk + "close-codes/index.html#close-event-codes", disk + "gateway/close/index.html#close-event-codes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tab := browsertest.Tab(t, b)
			do(t, tab, chromedp.Navigate(tt.from))
			poll(t, tab, `location.href === `+jsString(tt.want)+` && document.readyState === "complete"`, "the page at "+tt.want)
			if got := eval[string](t, tab, `document.querySelector("h1").textContent`); !strings.Contains(got, "Close codes") {
				t.Errorf("h1 %q", got)
			}
			if strings.Contains(tt.want, "#") {
				// The old id lands on the heading that has it now.
				poll(t, tab, `Math.abs(document.getElementById("close-event-codes").getBoundingClientRect().top) < 80`, "the old anchor scrolled into view")
			}
		})
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
