package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// git runs git in dir with a fixed identity and commit date.
func git(t *testing.T, dir, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a",
		"GIT_COMMITTER_EMAIL=a@example.com", "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

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
	git(t, site, "2026-01-02T03:04:05Z", "init", "-q", "-b", "main")
	git(t, site, "2026-01-02T03:04:05Z", "add", ".")
	git(t, site, "2026-01-02T03:04:05Z", "commit", "-q", "-m", "first")
	p, _, _, _ := startServe(t, site)
	if body, _ := getPage(t, p.url, 200); !strings.Contains(body, `datetime="2026-01-02T03:04:05Z"`) {
		t.Fatalf("the first commit's date is not on the page:\n%s", body)
	}
	ch := eventStream(t, p)

	// Saved, then committed: the save reloads the page; the commit
	// changes its date alone.
	testfs.Write(t, page, "# Home\n\nSecond.\n")
	awaitEvent(t, ch, "reload", func(string) bool {
		body, _ := getPage(t, p.url, 200)
		return strings.Contains(body, "Second.")
	})
	git(t, site, "2026-03-04T05:06:07Z", "commit", "-q", "-am", "second")
	awaitEvent(t, ch, "reload", func(string) bool {
		body, _ := getPage(t, p.url, 200)
		return strings.Contains(body, `datetime="2026-03-04T05:06:07Z"`)
	})

	// A checkout of another branch changes the date back.
	git(t, site, "2026-03-04T05:06:07Z", "checkout", "-q", "-b", "old", "HEAD~1")
	awaitEvent(t, ch, "reload", func(string) bool {
		body, _ := getPage(t, p.url, 200)
		return strings.Contains(body, `datetime="2026-01-02T03:04:05Z"`) && strings.Contains(body, "First.")
	})
}
