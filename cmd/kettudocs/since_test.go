package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestCheckSince is a pull request that reorganises the docs: a page
// renamed without an alias, and a heading renamed, each fail check
// --since naming the old URL, the new file and the fix; with the fixes it
// passes.
func TestCheckSince(t *testing.T) {
	site := newSite(t)
	const date = "2026-01-02T03:04:05Z"
	testfs.Git(t, site, date, "init", "-q", "-b", "main")
	testfs.Git(t, site, date, "add", "-A")
	testfs.Git(t, site, date, "commit", "-q", "-m", "published")
	testfs.Git(t, site, date, "tag", "v1")
	if code, _, stderr := runCLI(t, "check", "--source", site, "--since", "v1"); code != 0 {
		t.Fatalf("check --since of the same site: exit %d\n%s", code, stderr)
	}

	// The reorganisation: writing-docs.md moves into a folder; a heading
	// of the codes page gets another name.
	if err := os.Mkdir(filepath.Join(site, "content", "guide"), 0o755); err != nil {
		t.Fatal(err)
	}
	testfs.Git(t, site, date, "mv", "content/writing-docs.md", "content/guide/writing.md")
	moved := filepath.Join(site, "content", "guide", "writing.md")
	testfs.Write(t, moved, strings.ReplaceAll(readFile(t, moved), "](opcodes-and-status-codes.md", "](../opcodes-and-status-codes.md"))
	index := filepath.Join(site, "content", "_index.md")
	testfs.Write(t, index, strings.Replace(readFile(t, index), "(writing-docs.md)", "(guide/writing.md)", 1))
	codes := filepath.Join(site, "content", "opcodes-and-status-codes.md")
	orig := readFile(t, codes)
	if !strings.Contains(orig, "\n## Gateway\n") {
		t.Fatal("the codes page has no heading Gateway")
	}
	testfs.Write(t, codes, strings.Replace(orig, "\n## Gateway\n", "\n## The gateway\n", 1))

	code, _, stderr := runCLI(t, "check", "--source", site, "--since", "v1")
	for _, want := range []string{
		filepath.ToSlash(filepath.Join(site, "content/guide/writing.md")) + ": /writing-docs/, published in v1, is gone: links to it from elsewhere would break (writing-docs.md moved to guide/writing.md)",
		"hint: add aliases: [/writing-docs/] to the front matter of guide/writing.md, so that the old URL leads to /guide/writing/",
		filepath.ToSlash(codes) + `: the link /opcodes-and-status-codes/#gateway of v1 leads nowhere now: the page has no id "gateway"`,
		"hint: give the heading that replaced it its old id, ## Title {#gateway}",
	} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("check --since after the move: exit %d, want 1 and %q in:\n%s", code, want, stderr)
		}
	}
	code, stdout, _ := runCLI(t, "check", "--source", site, "--since", "v1", "--format", "github")
	if want := "::error file=" + ghEscape(filepath.ToSlash(filepath.Join(site, "content/guide/writing.md"))) + ",title=kettudocs::/writing-docs/, published in v1, is gone"; code != 1 || !strings.Contains(stdout, want) {
		t.Errorf("--format github: exit %d, want %q in:\n%s", code, want, stdout)
	}

	// The fixes the hints give.
	testfs.Write(t, moved, strings.Replace(readFile(t, moved), "weight: 90\n", "weight: 90\naliases: [/writing-docs/]\n", 1))
	testfs.Write(t, codes, strings.Replace(orig, "\n## Gateway\n", "\n## The gateway {#gateway}\n", 1))
	if code, _, stderr := runCLI(t, "check", "--source", site, "--since", "v1"); code != 0 {
		t.Errorf("check --since after the fixes: exit %d\n%s", code, stderr)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "--source", site, "--dest", dest); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if page := readFile(t, filepath.Join(dest, "writing-docs", "index.html")); !strings.Contains(page, `url=../guide/writing/"`) {
		t.Errorf("the old URL does not lead to the page:\n%s", page)
	}

	for _, tt := range []struct{ ref, want string }{
		{"v9", `--since: no commit "v9" in the repository`},
	} {
		if code, _, stderr := runCLI(t, "check", "--source", site, "--since", tt.ref); code != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("--since %s: exit %d, want 1 and %q\n%s", tt.ref, code, tt.want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "content", "writing-docs.md")); err == nil {
		t.Error("check --since checked out the old file")
	}
}

// ghEscape escapes a value of a GitHub workflow command's property.
func ghEscape(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
