package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// hostilePage has raw HTML the build removes: one warning, on line 3.
const hostilePage = "# W\n\nSee <img src=\"a.png\" onerror=\"alert(1)\"> here.\n"

// TestSanitizeWarnings checks that removed HTML is a warning in every
// format, that the build still succeeds without it, and that unsafe_html
// turns sanitizing off.
func TestSanitizeWarnings(t *testing.T) {
	site := newSite(t)
	page := filepath.Join(site, "content", "writing-docs.md")
	if err := os.WriteFile(page, []byte(hostilePage), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.ToSlash(page)
	msg := `removed the attribute onerror="alert(1)" from <img>`
	ghFile := strings.NewReplacer(":", "%3A", ",", "%2C").Replace(file)
	tests := []struct {
		args           []string
		stdout, stderr string
	}{
		{[]string{"build"}, "kettudocs: built ", file + ":3:5: warning: " + msg + "\n\thint: "},
		{[]string{"build"}, "; 1 warning\n", ""},
		{[]string{"check"}, "kettudocs: no problems found; 1 warning\n", file + ":3:5: warning: " + msg},
		{[]string{"check", "--format", "github"}, "::warning file=" + ghFile + ",line=3,col=5,title=kettudocs::" + msg + "%0Ahint: ", ""},
		{[]string{"build", "--format", "github"}, "::warning file=" + ghFile + ",line=3,col=5,title=kettudocs::" + msg, ""},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, append(tt.args, "--source", site)...)
		if code != 0 || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%v: exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 0, stdout with %q, stderr with %q", tt.args, code, stdout, stderr, tt.stdout, tt.stderr)
		}
	}
	out, err := os.ReadFile(filepath.Join(site, "public", "writing-docs", "index.html"))
	if err != nil || strings.Contains(string(out), "onerror") || !strings.Contains(string(out), `<img src="a.png">`) {
		t.Errorf("the built page keeps onerror or lost the image (%v):\n%s", err, out)
	}

	// JSON: one document on stdout, each entry with its severity.
	code, stdout, stderr := runCLI(t, "check", "--source", site, "--format", "json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 || len(got) != 1 ||
		got[0]["severity"] != "warning" || got[0]["message"] != msg || got[0]["line"] != 3.0 || got[0]["col"] != 5.0 {
		t.Errorf("--format json: exit %d, %v\nstdout:\n%s\nstderr:\n%s", code, err, stdout, stderr)
	}

	// An error and a warning: the build fails and counts both.
	bad := hostilePage + "\n[x](gone.md)\n"
	if err := os.WriteFile(page, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "build", "--source", site, "--dest", filepath.Join(site, "out"))
	if code != 1 || !strings.Contains(stderr, "warning: "+msg) || !strings.Contains(stderr, "kettudocs: 1 problem, 1 warning; nothing was written\n") {
		t.Errorf("error and warning: exit %d\nstderr:\n%s", code, stderr)
	}

	// unsafe_html: the page is published as written, with no warning.
	if err := os.WriteFile(page, []byte(hostilePage), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "kettudocs.yaml"), []byte("unsafe_html: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, "build", "--source", site)
	if code != 0 || strings.Contains(stderr, "warning") || strings.Contains(stdout, "warning") {
		t.Errorf("unsafe_html: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	out, err = os.ReadFile(filepath.Join(site, "public", "writing-docs", "index.html"))
	if err != nil || !strings.Contains(string(out), `<img src="a.png" onerror="alert(1)">`) {
		t.Errorf("unsafe_html: the page lacks the raw HTML as written (%v):\n%s", err, out)
	}
}

// docusaurusPage is a reference page as Docusaurus has it: MDX imports,
// components, and admonitions.
const docusaurusPage = `import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

# Limits

<ManualAnchor id="limits" />

:::warning[Rate limits]
Slow down after a <Badge text="429" /> answer.
:::

<Tabs>
<TabItem value="go">

Retry with backoff.

</TabItem>
</Tabs>
`

// TestMovingInFromDocusaurus: a Docusaurus page builds with one warning
// naming what was left out, in either HTML mode, and its admonition is a
// callout with its title.
func TestMovingInFromDocusaurus(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		site := newSite(t)
		if unsafe {
			testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "title: T\nunsafe_html: true\n")
		}
		page := filepath.Join(site, "content", "writing-docs.md")
		testfs.Write(t, page, docusaurusPage)
		code, stdout, stderr := runCLI(t, "build", "--source", site)
		want := filepath.ToSlash(page) + ":1:1: warning: left out MDX, which kettudocs does not run: <Badge> ×1, <ManualAnchor> ×1, <TabItem> ×1, <Tabs> ×1, import and export lines ×2\n"
		if code != 0 || !strings.Contains(stdout, "; 1 warning\n") || !strings.HasPrefix(stderr, want) {
			t.Errorf("unsafe_html %v: exit %d\nstdout:\n%s\nstderr:\n%s\nwant one warning:\n%s", unsafe, code, stdout, stderr, want)
		}
		out := readFile(t, filepath.Join(site, "public", "writing-docs", "index.html"))
		for _, want := range []string{`<div class="callout warning" role="note" aria-label="Rate limits">`, "<p>Slow down after a  answer.</p>", "<p>Retry with backoff.</p>"} {
			if !strings.Contains(out, want) {
				t.Errorf("unsafe_html %v: no %q in the page", unsafe, want)
			}
		}
		for _, gone := range []string{"Badge", "TabItem", "import", ":::"} {
			if strings.Contains(out, gone) {
				t.Errorf("unsafe_html %v: %q in the page", unsafe, gone)
			}
		}
	}
}
