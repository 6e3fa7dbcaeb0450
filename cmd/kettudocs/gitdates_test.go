package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestServeDatesFollowCommits: a page's "last updated" date changes with
// a commit or a checkout, which change no file of the site; serve shows
// what a build would, without a restart.
func TestServeDatesFollowCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	site := t.TempDir()
	page := filepath.Join(site, "content", "_index.md")
	testfs.Write(t, page, "# Home\n\nFirst.\n")
	testfs.Git(t, site, "2026-01-02T03:04:05Z", "init", "-q", "-b", "main")
	testfs.Git(t, site, "2026-01-02T03:04:05Z", "add", ".")
	testfs.Git(t, site, "2026-01-02T03:04:05Z", "commit", "-q", "-m", "first")
	p, _, _, _ := startServe(t, site)
	if body, _ := getPage(t, p.url, 200); !strings.Contains(body, `datetime="2026-01-02T03:04:05Z"`) {
		t.Fatalf("the first commit's date is not on the page:\n%s", body)
	}
	ch := eventStream(t, p)

	// Saved, then committed: the save reloads the page; the commit
	// changes its date alone.
	testfs.Write(t, page, "# Home\n\nSecond.\n")
	awaitEvent(t, ch, "reload", func(string) bool {
		body := pageNow(t, p.url)
		return strings.Contains(body, "Second.")
	})
	testfs.Git(t, site, "2026-03-04T05:06:07Z", "commit", "-q", "-am", "second")
	awaitEvent(t, ch, "reload", func(string) bool {
		body := pageNow(t, p.url)
		return strings.Contains(body, `datetime="2026-03-04T05:06:07Z"`)
	})

	// A checkout of another branch changes the date back.
	testfs.Git(t, site, "2026-03-04T05:06:07Z", "checkout", "-q", "-b", "old", "HEAD~1")
	awaitEvent(t, ch, "reload", func(string) bool {
		body := pageNow(t, p.url)
		return strings.Contains(body, `datetime="2026-01-02T03:04:05Z"`) && strings.Contains(body, "First.")
	})
}
